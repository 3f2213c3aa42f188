#!/usr/bin/env bash
# Runs every lesson in sessions/lessons with the release build, in a scratch folder, and prints each
# lesson's wall-clock seconds and its expectations line. Exits 1 when a lesson fails or an
# expectation does not hold. `make lessons` builds the release binary first.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$root/.build/release/gradbook"
[ -x "$binary" ] || { echo "lessons.sh: build first: swift build -c release --product gradbook" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for lesson in "$root"/sessions/lessons/*.grad; do
    name="$(basename "$lesson")"
    start=$(date +%s%N)
    if (cd "$scratch" && "$binary" run --quiet "$lesson" > "$scratch/out.txt" 2>&1); then verdict=ok; else verdict=FAILED; status=1; fi
    tenths=$(( ($(date +%s%N) - start) / 100000000 ))
    held="$(grep -E 'expectations? held' "$scratch/out.txt" | tail -1)"
    printf '%-26s %5d.%d s  %s  %s\n' "$name" $((tenths / 10)) $((tenths % 10)) "$verdict" "$held"
    [ "$verdict" = ok ] || grep -E '^(✗|FAIL) |: error: ' "$scratch/out.txt" | sed 's/^/    /'
done
exit $status
