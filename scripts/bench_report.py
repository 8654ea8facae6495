#!/usr/bin/env python3
"""Print the table of one size of scripts/bench.sh from its results folder.

Usage: bench_report.py RESULTS_DIR ARTICLES

Reads the *.time files (one line per run: wall seconds, CPU seconds, peak
RSS in KB, exit status), read_hash.out, score.tsv, size and load, and
prints a Markdown table of medians with recall against the exact oracle,
then wiretrace's ratios to each peer and to the read-and-hash reference.
"""

import os
import re
import statistics
import sys

TOOLS = [
    ("wiretrace-pairs", "wiretrace `--format pairs`", "wiretrace"),
    ("wiretrace-pairs-1t", "wiretrace `--format pairs`, 1 thread", "wiretrace"),
    ("wiretrace-json", "wiretrace `--format json` (full report)", "wiretrace"),
    ("datasketch", "datasketch 2.0.0", "datasketch"),
    ("rensa", "rensa 0.5.0", "rensa"),
]


def runs(path):
    """(wall, cpu, rss_kb) of the successful runs in a .time file."""
    out = []
    if not os.path.exists(path):
        return out
    for line in open(path):
        wall, cpu, rss, status = line.split()
        if status == "0":
            out.append((float(wall), float(cpu), int(rss)))
    return out


def main(res, articles):
    size_bytes, paragraphs = map(int, open(os.path.join(res, "size")).read().split())
    mb = size_bytes / 1e6
    scores = {}
    lines = open(os.path.join(res, "score.tsv")).read().split("\n")
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line:
            fields = dict(zip(header, line.split("\t")))
            scores[fields["tool"]] = fields
    oracle = scores["oracle"]
    ref = [float(m.group(1)) for m in
           re.finditer(r"([0-9.]+) MB/s", open(os.path.join(res, "read_hash.out")).read())]
    loads = [l.split()[0] for l in open(os.path.join(res, "load"))]
    print("\n%s articles, corpus %.1f MB (%d paragraphs); oracle: %s pairs, %s of them between "
          "non-identical paragraphs; load average at the runs' start: %s\n"
          % (format(articles, ","), mb, paragraphs, format(int(oracle["pairs"]), ","),
             format(int(oracle["near_true"]), ","), " ".join(loads)))
    print("| tool | runs | wall s | MB/s | CPU s | MB per CPU s | peak RSS MB | pairs | recall "
          "| near-dup recall | false pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    median, cpu_median = {}, {}
    for key, name, scored in TOOLS:
        r = runs(os.path.join(res, key + ".time"))
        total = sum(1 for _ in open(os.path.join(res, key + ".time"))) if os.path.exists(
            os.path.join(res, key + ".time")) else 0
        if not r:
            if total:
                print("| %s | 0 of %d | did not finish | | | | | | | | |" % (name, total))
            continue
        wall = statistics.median(x[0] for x in r)
        cpu = statistics.median(x[1] for x in r)
        rss = statistics.median(x[2] for x in r) / 1024
        median[key], cpu_median[key] = wall, cpu
        s = scores.get(scored)
        quality = ("%s | %.4f | %.4f | %s" % (format(int(s["pairs"]), ","), float(s["recall"]),
                                             float(s["near_recall"]), format(int(s["false"]), ","))
                   if s else " | | | ")
        print("| %s | %d | %.2f | %.1f | %.2f | %.1f | %.0f | %s |"
              % (name, len(r), wall, mb / wall, cpu, mb / cpu, rss, quality))
    if ref:
        print("| read and hash every shingle (reference) | %d | %.2f | %.1f | | | | | | | | |"
              % (len(ref), mb / statistics.median(ref), statistics.median(ref)))
    print()
    for key, name, _ in TOOLS[:3]:
        if key not in median:
            continue
        parts = ["%.1fx %s" % (median[p] / median[key], p) for p in ("datasketch", "rensa") if p in median]
        cpu = ["%.1fx %s" % (cpu_median[p] / cpu_median[key], p) for p in ("datasketch", "rensa")
               if p in cpu_median]
        if ref:
            parts.append("%.0f%% of the read-and-hash reference"
                         % (100 * (mb / median[key]) / statistics.median(ref)))
        print("- %s: wall time %s; CPU time %s" % (name, ", ".join(parts), ", ".join(cpu)))

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
