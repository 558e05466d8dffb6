#!/bin/sh
# Rewrites the expected output of golden cases; review the result with git diff.
# usage: tests/cli/update.sh BUILD_DIR [CASE_DIR...]
set -e
build=$1; shift
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -eq 0 ]; then set -- "$root"/tests/cli/*/*/; fi
for case in "$@"; do
  [ -f "$case/args" ] || continue
  python3 "$root/tests/cli/run_case.py" --update --faqt "$build/cli/faqt" --source "$root" "$case"
done
