#!/usr/bin/env bash
# Runs 'wiretrace pan' on the PAN 2013 text-alignment development split and
# scores it with the PAN measures. Needs ../shared beside the checkout.
# Usage: scripts/pan_eval.sh [extra 'wiretrace pan' flags, e.g. --summary-ratio 5]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
archive=$shared/data/pan13/pan13-train-dev.tar.gz
corpus=target/pan13/pan13-train-dev
if [ ! -d "$corpus" ]; then
    mkdir -p target/pan13
    tar -xzf "$archive" -C target/pan13
fi
cargo build --release --quiet
rm -rf target/pan-out
start=$(date +%s.%N)
./target/release/wiretrace pan --pairs "$corpus/pairs" --src "$corpus/src" --susp "$corpus/susp" \
    --out target/pan-out "$@"
end=$(date +%s.%N)
python3 "$shared/eval/plagdet.py" --gold "$corpus" --det target/pan-out --texts "$corpus"
printf 'wall time of the alignment run: %.2f s\n' "$(echo "$end - $start" | bc)"
