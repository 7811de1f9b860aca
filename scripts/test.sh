#!/usr/bin/env bash
# Runs every test of the solution (dotnet test on Serverless.sln) and prints, as its last line,
# "N passed, N failed, N skipped". It first installs what the tests need (scripts/prerequisites.sh: Chromium, GTK 3,
# Azurite), or stops naming what is missing. Tests that need ../shared (models, DreamBooth) skip with a message
# when it is absent. Exit status: dotnet test's (2 when a prerequisite is missing).
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/prerequisites.sh || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Serverless.sln -c Release --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Each test assembly ends with a line such as "Passed!  - Failed:     0, Passed:    22, Skipped:     0, Total: ..."
# ("Failed!" when one failed, "Skipped!" when every test it ran was skipped).
read -r passed failed skipped < <(awk '
  /(Passed|Failed|Skipped)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    line = $0; gsub(/[^0-9,]/, " ", line); split(line, n, ",");
    f += n[1]; p += n[2]; s += n[3]
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or a test host failed before reporting: count it so the summary cannot read as green
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
