#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz) for a long time, one after another, from the committed
# corpus; new inputs go to build/fuzz/tests/fuzz/corpus/<target>, findings to build/fuzz-findings.
#   bench/fuzz.sh [seconds per target, default 3600] [target ...]
# Prints each target's executions and new coverage. A finding stops that target and leaves the
# input (crash-*, timeout-*, oom-*) in build/fuzz-findings: add it to tests/fuzz/corpus/<target>
# as regression-*, fix the cause, and run again.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv cld xlsx xls extract case programme rules charging commissioning models cohort)
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")
mkdir -p build/fuzz-findings
for t in "${targets[@]}"; do
  work=build/fuzz/tests/fuzz/corpus/$t
  mkdir -p "$work"
  echo "== $t ($seconds s)"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
    -jobs=1 -print_final_stats=1 -artifact_prefix=build/fuzz-findings/"$t"- "$work" "tests/fuzz/corpus/$t" 2>&1 |
    grep -E '^stat::number_of_executed_units|^stat::new_units_added|finding:|ERROR|SUMMARY' || true
done
