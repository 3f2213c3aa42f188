#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (Swift's -sanitize=fuzzer,address).
#
#   scripts/fuzz.sh [TARGET...]        default: FuzzParser FuzzInterpreter FuzzIDX FuzzSafetensors FuzzImage FuzzText
#
# 1. Builds the targets, optimized (5x more inputs per second than debug; overflow checks and
#    preconditions stay), in their own scratch path (.build-fuzz), so the normal build is untouched.
# 2. Replays every saved crash input, Tests/Fuzz/TARGET/crashes/*, one by one (regression inputs).
# 3. Fuzzes each target for FUZZ_SECONDS seconds (default 30) from its seed corpus
#    Tests/Fuzz/TARGET/corpus (read only) and a working corpus kept in .build-fuzz/corpus/TARGET,
#    with the dictionary Tests/Fuzz/TARGET/dict when there is one.
# A crash, timeout or out-of-memory input found in step 3 is copied to Tests/Fuzz/TARGET/crashes
# (commit it: it becomes a regression input). Exits non-zero when any replay or fuzz run failed.
# FuzzImage (image folders and the dataset writer) and FuzzInterpreter (save, export, make-dataset,
# load images) touch files only inside $TMPDIR/gradbook-fuzz-*-PID, emptied per input and removed at exit.
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TIMEOUT (seconds one input may take, default 10),
# FUZZ_RSS_MB (memory limit, default 2048), FUZZ_ARGS (extra libFuzzer flags, e.g. -fork=4 for four processes).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
timeout="${FUZZ_TIMEOUT:-10}"
rss="${FUZZ_RSS_MB:-2048}"
# Absolute paths: FuzzInterpreter works inside a temporary folder of its own (its current directory).
root="$(pwd)"
scratch="$root/.build-fuzz"
if [ $# -gt 0 ]; then targets=("$@"); else targets=(FuzzParser FuzzInterpreter FuzzIDX FuzzSafetensors FuzzImage FuzzText); fi
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
# Swift's runtime keeps caches alive at exit that LeakSanitizer would report; leaks are not this check's subject.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Swift's own crash backtracer reads memory in ways ASan reports as overflows, hiding the real trap;
# libFuzzer prints the stack instead.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

failed=()
mkdir -p "$scratch"
for target in "${targets[@]}"; do
  echo "fuzz: building $target" >&2
  # ld.gold warns about every ASan symbol it cannot export; those lines are noise.
  if ! swift build "${flags[@]}" --product "$target" > "$scratch/build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$scratch/build.log" | grep -E "error|warning" >&2
    echo "fuzz: building $target failed" >&2
    exit 1
  fi
done
bin="$(swift build "${flags[@]}" --show-bin-path)"

for target in "${targets[@]}"; do
  dir="$root/Tests/Fuzz/$target"
  mkdir -p "$dir/corpus" "$dir/crashes"
  # Step 2: every saved crash input must now run cleanly.
  for input in "$dir"/crashes/*; do
    [ -f "$input" ] || continue
    if ! "$bin/$target" -timeout="$timeout" -rss_limit_mb="$rss" "$input" > "$scratch/replay.log" 2>&1; then
      echo "fuzz: $target fails on saved input $input:" >&2
      grep -v "Cannot export local symbol" "$scratch/replay.log" | tail -40 >&2
      failed+=("$input")
    fi
  done

  # Step 3: fuzz.
  work="$scratch/corpus/$target"
  artifacts="$scratch/artifacts/$target"
  rm -rf "$artifacts"
  mkdir -p "$work" "$artifacts"
  extra=()
  [ -f "$dir/dict" ] && extra=(-dict="$dir/dict")
  # Sessions longer than 1 KiB find nothing new and run slower.
  case "$target" in FuzzParser|FuzzInterpreter) extra+=(-max_len=1024) ;; esac
  echo "fuzz: running $target for ${seconds}s" >&2
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  "$bin/$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${extra[@]}" ${FUZZ_ARGS:-} "$work" "$dir/corpus" > "$scratch/$target.log" 2>&1
  status=$?
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$scratch/$target.log" >&2
  found=0
  for artifact in "$artifacts"/*; do
    [ -f "$artifact" ] || continue
    found=1
    cp "$artifact" "$dir/crashes/"
    echo "fuzz: $target found $(basename "$artifact"), saved as $dir/crashes/$(basename "$artifact")" >&2
    failed+=("$dir/crashes/$(basename "$artifact")")
  done
  if [ "$status" -ne 0 ]; then
    grep -v "Cannot export local symbol" "$scratch/$target.log" | grep -v -E "^#[0-9]+ +(NEW|REDUCE|pulse|INITED|RELOAD)" | tail -60 >&2
    [ "$found" -eq 1 ] || failed+=("$target (exit status $status)")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no crash in ${targets[*]}" >&2
