#!/bin/sh
# Lays out the cell-type labels of two other scanners' data as folder-per-class trees (symbolic
# links, nothing copied) for `leukocnn evaluate`: the cross-scanner check of leukocyte-types.
#   sh docs/models/cross-scanner-folders.sh ../shared/data OUT
#   sh target/leukocnn evaluate --model leukocyte-types --data OUT/wbc-masks --single-cell --split all --output E1
#   sh target/leukocnn evaluate --model leukocyte-types --data OUT/bccd --split all --output E2
# wbc-masks: labels.csv "image ID,class label", 1..5 = neutrophil, lymphocyte, monocyte, eosinophil,
# basophil (single-cell images). bccd: wbc_type_labels.csv ",Image,Category"; fields with one category
# only (empty and "A, B" rows are skipped). The echo: the last line of a label file may lack its newline.
set -eu
data=$(cd "$1" && pwd)
out=$2
mkdir -p "$out"
{ tail -n +2 "$data/wbc-masks/labels.csv"; echo; } | tr -d '\r' | while IFS=, read -r id label; do
	case $label in 1) c=neutrophil ;; 2) c=lymphocyte ;; 3) c=monocyte ;; 4) c=eosinophil ;; 5) c=basophil ;; *) continue ;; esac
	f=$(printf '%03d.bmp' "$id")
	[ -f "$data/wbc-masks/images/$f" ] || continue
	mkdir -p "$out/wbc-masks/$c"
	ln -sf "$data/wbc-masks/images/$f" "$out/wbc-masks/$c/$f"
done
{ tail -n +2 "$data/bccd/wbc_type_labels.csv"; echo; } | tr -d '\r' | while IFS=, read -r _ id category rest; do
	[ -n "$category" ] && [ -z "$rest" ] || continue
	c=$(echo "$category" | tr 'A-Z' 'a-z')
	f=$(printf 'BloodImage_%05d.jpg' "$id")
	[ -f "$data/bccd/images/$f" ] || continue
	mkdir -p "$out/bccd/$c"
	ln -sf "$data/bccd/images/$f" "$out/bccd/$c/$f"
done
for d in "$out"/wbc-masks/* "$out"/bccd/*; do echo "$d: $(ls "$d" | wc -l)"; done
