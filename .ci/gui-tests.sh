#!/usr/bin/env bash
# Tests that need a display (the ROI Manager is an AWT window), under a virtual X server.
# Needs: apt-get install -y xvfb. The rest of the suite runs headless (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
xvfb-run -a mvn -B test -Djava.awt.headless=false -Dtest='RoiManagerDisplayTest' -Dsurefire.failIfNoSpecifiedTests=false
# Surefire skips instead of failing when the display is missing: make sure the tests ran.
report=target/surefire-reports/TEST-io.github.leukocnn.plugin.RoiManagerDisplayTest.xml
grep -q 'tests="[1-9][0-9]*" errors="0" skipped="0" failures="0"' "$report" || { echo "GUI tests were skipped: no display?" >&2; exit 1; }
echo "GUI tests ran: $(grep -o 'tests="[0-9]*"' "$report" | head -1)"
