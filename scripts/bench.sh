#!/usr/bin/env bash
# End-to-end benchmark: wiretrace against datasketch and rensa on the same
# paragraph near-duplicate job, on generated corpora. See docs/benchmarks.md.
#
#   scripts/bench.sh                      # 20,000 and 100,000 articles, 3 runs each
#   SIZES=20000 RUNS=5 scripts/bench.sh   # one size, more runs
#
# Needs cargo, python3 (with venv and pip) and ../shared/tools/gen_corpus.py.
# Everything it makes goes under target/bench/ (corpora are kept and reused;
# delete target/bench/corpus-N to regenerate one). Environment:
#   SIZES         corpus sizes in articles (default "20000 100000")
#   RUNS          timed runs per tool and size; the medians are reported (3)
#   PEER_TIMEOUT  seconds after which a peer run is stopped and reported as
#                 unfinished (default 3600)
#   THRESHOLD     Jaccard threshold of the job (0.8)
#   TOOLS         which runs to make (default all: "wiretrace-pairs wiretrace-pairs-1t
#                 wiretrace-json datasketch rensa"); recall needs wiretrace-pairs, whose
#                 output has one line per verified pair
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-20000 100000}"
RUNS="${RUNS:-3}"
PEER_TIMEOUT="${PEER_TIMEOUT:-3600}"
THRESHOLD="${THRESHOLD:-0.8}"
TOOLS="${TOOLS:-wiretrace-pairs wiretrace-pairs-1t wiretrace-json datasketch rensa}"
GEN="${GEN:-../shared/tools/gen_corpus.py}"
OUT=target/bench
VENV=target/bench-venv
mkdir -p "$OUT"

[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 1; }
[ -f "$GEN" ] || { echo "bench.sh: $GEN not found" >&2; exit 1; }

echo "== build (release)" >&2
cargo build --release --locked --bin wiretrace --example benchkit --example read_hash >&2
BIN=target/release/wiretrace
KIT=target/release/examples/benchkit

echo "== peers (virtual environment $VENV)" >&2
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check datasketch==2.0.0 rensa==0.5.0 >&2
PY="$VENV/bin/python"

# timed NAME LOG CMD...: runs CMD under GNU time; appends "wall cpu rss exit" to LOG.
timed() {
    local log="$1"
    shift
    local t="$OUT/time.$$"
    local status=0
    /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" || status=$?
    # A process killed by timeout leaves "Command exited..." lines before the figures.
    tail -n 1 "$t" | awk -v s="$status" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, s }' >>"$log"
    rm -f "$t"
}

# run_tool TOOL CORPUS RESULTS: one timed run of TOOL, appended to RESULTS/TOOL.time.
run_tool() {
    local tool="$1" corpus="$2" res="$3"
    local scan="$BIN scan '$corpus' --no-passages --threshold $THRESHOLD"
    case "$tool" in
    wiretrace-pairs) timed "$res/$tool.time" sh -c "$scan --format pairs >'$res/wiretrace.jsonl'" ;;
    wiretrace-pairs-1t)
        timed "$res/$tool.time" sh -c "RAYON_NUM_THREADS=1 $scan --format pairs >'$res/wiretrace-1t.jsonl'"
        rm -f "$res/wiretrace-1t.jsonl"
        ;;
    wiretrace-json) timed "$res/$tool.time" sh -c "$scan --format json >'$res/wiretrace.json'" ;;
    datasketch | rensa)
        timed "$res/$tool.time" timeout "$PEER_TIMEOUT" "$PY" scripts/bench_peers.py "$tool" \
            "$res/paragraphs.tsv" "$res/$tool.bin" --threshold "$THRESHOLD"
        ;;
    *) echo "bench.sh: unknown tool $tool" >&2 && exit 2 ;;
    esac
}

for n in $SIZES; do
    dir="$OUT/corpus-$n"
    if [ ! -f "$dir/manifest.json" ]; then
        echo "== generate $n articles" >&2
        rm -rf "$dir"
        python3 "$GEN" --articles "$n" --out "$dir" >&2
    fi
    corpus="$dir/corpus.jsonl"
    res="$OUT/results-$n"
    rm -rf "$res"
    mkdir -p "$res"
    echo "== $n articles: paragraphs as wiretrace splits them (peers' input and oracle's)" >&2
    "$KIT" paragraphs "$corpus" >"$res/paragraphs.tsv"
    echo "$(stat -c %s "$corpus") $(wc -l <"$res/paragraphs.tsv")" >"$res/size"
    for run in $(seq "$RUNS"); do
        echo "== $n articles: run $run of $RUNS (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        cut -d' ' -f1-3 /proc/loadavg >>"$res/load"
        target/release/examples/read_hash "$corpus" >>"$res/read_hash.out"
        for tool in $TOOLS; do
            run_tool "$tool" "$corpus" "$res"
        done
    done
    echo "== $n articles: exact oracle and scores" >&2
    scored=()
    if [ -f "$res/wiretrace.jsonl" ]; then
        scored+=(--wiretrace "$res/wiretrace.jsonl")
    fi
    for peer in datasketch rensa; do
        if [ -f "$res/$peer.time" ] && awk '$4 != 0 { bad = 1 } END { exit bad }' "$res/$peer.time"; then
            scored+=(--peer "$peer=$res/$peer.bin")
        fi
    done
    "$KIT" score "$res/paragraphs.tsv" --threshold "$THRESHOLD" "${scored[@]}" >"$res/score.tsv"
    rm -f "$res/wiretrace.jsonl" "$res"/*.bin
    python3 scripts/bench_report.py "$res" "$n"
done
