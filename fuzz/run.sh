#!/usr/bin/env bash
# Runs one fuzz target for a measured time and prints libFuzzer's final
# figures; exits non-zero when it found a crash. Usage (from the repository root): fuzz/run.sh TARGET [SECONDS]
# Needs cargo-fuzz and a nightly toolchain (see docs/fuzzing.md). New
# inputs go to fuzz/corpus/TARGET (not committed), crashes to
# fuzz/artifacts/TARGET.
set -euo pipefail
cd "$(dirname "$0")"
target="$1"
seconds="${2:-600}"
case "$target" in
    normalize) max_len=2048 ;;
    *) max_len=4096 ;;
esac
mkdir -p "corpus/$target"
set +e
nice -n 19 cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 2>&1 | tee "corpus/$target.log" | grep -E '^(#[0-9]+[[:space:]]+DONE|Done|stat::|==|SUMMARY|.*panicked)'
# libFuzzer's status: non-zero when it found a crash.
exit "${PIPESTATUS[0]}"
