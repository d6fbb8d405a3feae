#!/usr/bin/env bash
# Installs LeukoCNN into an empty folder laid out like Fiji.app, as users do with
#   mvn -Dscijava.app.directory=/path/to/Fiji.app install
# and checks the result: our jar (with plugins.config and the SciJava plugin index) in plugins/,
# its dependencies in jars/ (natives in jars/<platform>/), nothing of ours in jars/.
# Note: scijava-maven-plugin's populate-app skips itself in offline mode (-o): this needs Maven
# online mode; it only downloads from Maven Central (the plugin's own dependencies, once).
set -euo pipefail
cd "$(dirname "$0")/.."
app="$(mktemp -d)/Fiji.app"
mkdir -p "$app/plugins" "$app/jars"
trap 'rm -rf "$(dirname "$app")"' EXIT

mvn -B -q -DskipTests -Dscijava.app.directory="$app" install

fail() { echo "check-fiji-install: $*" >&2; exit 1; }
shopt -s nullglob
plugins=("$app"/plugins/LeukoCNN_-*.jar)
[ ${#plugins[@]} -eq 1 ] || fail "expected one LeukoCNN_-*.jar in plugins/, found: ${plugins[*]:-none}"
jar="${plugins[0]}"
listing=$(unzip -Z1 "$jar")
grep -qx 'plugins.config' <<<"$listing" || fail "$jar has no plugins.config at its root"
unzip -p "$jar" plugins.config | grep -q '"Segment Leukocytes", io.github.leukocnn.plugin.SegmentLeukocytesPlugin' \
	|| fail "plugins.config in $jar lacks the Segment Leukocytes entry"
unzip -p "$jar" META-INF/json/org.scijava.plugin.Plugin | grep -q 'io.github.leukocnn.command.SegmentLeukocytesCommand' \
	|| fail "$jar lacks the SciJava plugin index entry of SegmentLeukocytesCommand"
ours=("$app"/jars/LeukoCNN_*.jar)
[ ${#ours[@]} -eq 0 ] || fail "LeukoCNN itself must not be in jars/: ${ours[*]}"
for dep in ij imglib2 scijava-common deeplearning4j-nn nd4j-native-api javacpp openblas; do
	found=("$app"/jars/"$dep"-[0-9]*.jar)
	[ ${#found[@]} -ge 1 ] || fail "dependency $dep missing from jars/"
done
# the backend's own natives (not only its JavaCPP preset), plain or oneDNN build; populate-app puts
# the plain one in jars/<platform>/ but does not know the -onednn classifier and leaves it in jars/
natives=("$app"/jars/nd4j-native-[0-9]*-x86_64*.jar "$app"/jars/*/nd4j-native-[0-9]*-x86_64*.jar
	"$app"/jars/*/nd4j-native-[0-9]*-arm64*.jar)
[ ${#natives[@]} -eq 1 ] || fail "expected one native nd4j backend in jars/<platform>/, found: ${natives[*]:-none}"
case "${natives[0]}" in
	*-onednn*.jar) dnnl=("$app"/jars/*/dnnl-[0-9]*-*.jar)
		[ ${#dnnl[@]} -ge 1 ] || fail "oneDNN backend ${natives[0]} without the dnnl natives in jars/<platform>/" ;;
esac
echo "check-fiji-install: OK: plugins/$(basename "$jar"), $(find "$app/jars" -name '*.jar' | wc -l) jars in jars/, backend ${natives[0]#"$app"/}"
