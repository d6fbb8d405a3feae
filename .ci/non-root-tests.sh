#!/usr/bin/env bash
# The permission tests (a read-only output folder, an unreadable image) skip as root, who may read
# and write anything; CI runs as root, so run them again as an unprivileged user, from copies of the
# compiled classes and the test classpath that this user can read. Needs: the suite compiled by
# `mvn test` (.ci/run) and setpriv (util-linux); downloads JUnit's console launcher from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=(io.github.leukocnn.batch.BatchRunnerTest#readOnlyOutputFolderIsRefused
	io.github.leukocnn.io.SmearImagesTest#unreadableFileIsReported)
command -v setpriv >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux >/dev/null; }
work=$(mktemp -d /tmp/leukocnn-non-root.XXXXXX)
trap 'rm -rf "$work"' EXIT
jupiter=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=junit-jupiter.version -DforceStdout | grep -Eo '5\.[0-9]+\.[0-9]+' | tail -1)
mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:1.${jupiter#5.}" \
	-DoutputDirectory="$work"
mvn -B -q -Dstyle.color=never dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$work/lib"
cp -r target/classes target/test-classes "$work/"
chmod -R a+rX "$work"
classpath="$work/classes:$work/test-classes$(printf ":%s" "$work"/lib/*.jar)"
selectors=()
for t in "${tests[@]}"; do selectors+=(--select-method "$t"); done
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	java -Djava.awt.headless=true -jar "$work"/junit-platform-console-standalone-*.jar \
	--disable-banner --details=summary --class-path "$classpath" "${selectors[@]}" 2>&1) || { echo "$out"; exit 1; }
# An assumption that fails (permissions not enforced) aborts a test without failing the run: require both to pass.
echo "$out" | grep -Eq "\[ +${#tests[@]} tests successful" || { echo "$out"; echo "permission tests did not all run and pass as user 65534 (nobody)" >&2; exit 1; }
echo "permission tests ran as user 65534 (nobody): ${#tests[@]} passed"
