#!/usr/bin/env python3
"""Score 'wiretrace meter' against METER's labels.

Usage:
    target/release/wiretrace meter ../shared/data/meter > target/meter.tsv
    python3 scripts/meter_eval.py ../shared/data/meter/labels.tsv target/meter.tsv
    python3 scripts/meter_eval.py LABELS OUT --sweep aligned_coverage   # thresholds grid

Prints per-class precision, recall and F1 and their macro average for the
'predicted' column; with --sweep, the macro F1 of every (partially, wholly)
threshold pair on a 0.05 grid for the named measure, best first.
"""

import argparse
import csv
import sys

CLASSES = ["wholly_derived", "partially_derived", "non_derived"]


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def scores(gold, pred):
    out = {}
    for c in CLASSES:
        tp = sum(1 for a in gold if gold[a] == c and pred.get(a) == c)
        fp = sum(1 for a in gold if gold[a] != c and pred.get(a) == c)
        fn = sum(1 for a in gold if gold[a] == c and pred.get(a) != c)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[c] = (p, r, f, tp + fn)
    macro = sum(v[2] for v in out.values()) / len(CLASSES)
    return out, macro


def classify(x, lower, upper):
    return CLASSES[0] if x >= upper else CLASSES[1] if x >= lower else CLASSES[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels")
    ap.add_argument("output")
    ap.add_argument("--sweep", metavar="MEASURE")
    args = ap.parse_args()
    gold = {r["article"]: r["classification"] for r in read_tsv(args.labels)}
    rows = read_tsv(args.output)
    missing = set(gold) - {r["article"] for r in rows}
    if missing:
        print(f"warning: {len(missing)} labelled articles missing from the output", file=sys.stderr)
    if args.sweep:
        grid = [round(i * 0.05, 2) for i in range(21)]
        results = []
        for lo in grid:
            for hi in grid:
                if hi <= lo:
                    continue
                pred = {r["article"]: classify(float(r[args.sweep]), lo, hi) for r in rows}
                results.append((scores(gold, pred)[1], lo, hi))
        results.sort(reverse=True)
        print(f"| {args.sweep} partially >= | wholly >= | macro F1 |\n|---|---|---|")
        for m, lo, hi in results[:10]:
            print(f"| {lo:.2f} | {hi:.2f} | {m:.4f} |")
        return 0
    pred = {r["article"]: r["predicted"] for r in rows}
    per_class, macro = scores(gold, pred)
    print("| class | articles | precision | recall | F1 |\n|---|---:|---:|---:|---:|")
    for c, (p, r, f, n) in per_class.items():
        print(f"| {c} | {n} | {p:.4f} | {r:.4f} | {f:.4f} |")
    print(f"| **macro** | {len(gold)} | | | **{macro:.4f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
