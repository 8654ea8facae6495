#!/usr/bin/env bash
# Scale of the hostile cases, in release: many tiny files in nested folders
# (time per file must stay flat as the count doubles: a linear walk and
# read), and one huge line as a text file and as a JSONL record (time and
# peak memory must stay flat as the line grows: bounded memory, linear
# time). Prints one row per run; no threshold is checked here.
#
#   scripts/bench_hostile.sh [MAX_FILES]   # default 200000; 1000000 takes a while
set -euo pipefail
cd "$(dirname "$0")/.."
max_files="${1:-200000}"
cargo build --release --locked --quiet
bin="$PWD/target/release/wiretrace"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Writes N tiny files of distinct words, 100 per folder, two folder levels.
tiny_corpus() {
    python3 - "$1" "$2" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%d" % (i // 10000), "e%d" % (i // 100 % 100))
    if i % 100 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%d.txt" % i), "w") as f:
        f.write("note%d alpha%d beta%d gamma%d\n" % (i, i * 7, i * 13, i * 31))
PY
}

measure() { # label, then the command
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    read -r secs kib <"$work/time"
    printf '%-28s %8.2f s %8d MiB peak\n' "$label" "$secs" "$((kib / 1024))"
    echo "$secs"  >"$work/last"
}

echo "== many tiny files (seconds per 10,000 files should stay flat)"
n=25000
while [ "$n" -le "$max_files" ]; do
    rm -rf "$work/tiny"; tiny_corpus "$work/tiny" "$n"
    sync
    measure "$n files" "$bin" scan "$work/tiny" --format json
    awk -v s="$(cat "$work/last")" -v n="$n" 'BEGIN { printf "%28s %8.3f s per 10,000 files\n", "", s * 10000 / n }'
    n=$((n * 2))
done
rm -rf "$work/tiny"

echo "== one huge line (time and memory should stay flat past the 1 MiB / 4 MiB limits)"
for mb in 100 400 1600; do
    python3 -c "
import sys
chunk = ('lorem ipsum dolor sit amet consectetur adipiscing elit ' * 1024).encode()
with open('$work/huge.txt', 'wb') as t, open('$work/huge.jsonl', 'wb') as j:
    j.write(b'{\"id\": \"n1\", \"text\": \"a short record\"}\n{\"id\": \"n2\", \"text\": \"')
    left = $mb << 20
    while left > 0:
        t.write(chunk[:left]); j.write(chunk[:left]); left -= len(chunk)
    j.write(b'\"}\n')
"
    measure "$mb MB line, text file" "$bin" scan "$work/huge.txt"
    measure "$mb MB line, JSONL" "$bin" scan "$work/huge.jsonl"
done
