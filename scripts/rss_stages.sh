#!/usr/bin/env bash
# Runs wiretrace and samples its resident memory every half second, printing
# the peak RSS reached in each stage the progress bar names, then the
# kernel's peak for the whole run (/usr/bin/time). Usage:
#   scripts/rss_stages.sh ARGS...      (the arguments of `wiretrace`)
# The stage comes from the progress messages on stderr (a pseudo-terminal
# through `script`, so the bar is drawn); the report goes to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WIRETRACE_BIN:-target/release/wiretrace}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
script -qfec "/usr/bin/time -f 'whole run: peak RSS %M KB, %e s wall, %U s user' $bin $* > /dev/null" /dev/null > "$log" 2>&1 &
runner=$!
pid=""
for _ in $(seq 100); do
    pid=$(pgrep -n -f "^$bin" || true)
    [ -n "$pid" ] && break
    sleep 0.05
done
declare -A peak
order=()
while kill -0 "$runner" 2> /dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
    [ -z "$rss" ] && { sleep 0.5; continue; }
    stage=$(tr '\r' '\n' < "$log" | grep -aoE 'reading|finding candidate pairs|verifying pairs|clustering|aligning passages|writing' | tail -1 || true)
    stage=${stage:-starting}
    if [ -z "${peak[$stage]+x}" ]; then order+=("$stage"); peak[$stage]=0; fi
    (( rss > peak[$stage] )) && peak[$stage]=$rss
    sleep 0.5
done
wait "$runner" || true
end=$(date +%s.%N)
for s in "${order[@]}"; do printf '%-24s peak RSS %8.1f MB\n' "$s" "$(echo "${peak[$s]} / 1024" | bc -l)"; done
printf 'wall %.1f s\n' "$(echo "$end - $start" | bc -l)"
tr '\r' '\n' < "$log" | grep -a -v '^\s*$' | grep -av 'whole run' | tail -2
grep -a 'whole run' "$log" || true
