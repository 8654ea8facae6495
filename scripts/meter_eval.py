#!/usr/bin/env python3
"""Score 'wiretrace meter' against METER's labels.

Usage:
    target/release/wiretrace meter ../shared/data/meter > target/meter.tsv
    python3 scripts/meter_eval.py ../shared/data/meter/labels.tsv target/meter.tsv
    python3 scripts/meter_eval.py LABELS OUT --sweep aligned_coverage   # thresholds grid
    python3 scripts/meter_eval.py LABELS OUT --cv [--grouped] [--features a,b]
    python3 scripts/meter_eval.py LABELS OUT --ablate [--grouped]
    python3 scripts/meter_eval.py LABELS OUT --train src/derive/meter_model.tsv

Prints per-class precision, recall and F1 and their macro average for the
'predicted' column; with --sweep, the macro F1 of every (partially, wholly)
threshold pair on a 0.05 grid for the named measure, best first.

The learned classifier (scripts/meter_lr.py: multinomial logistic
regression) is evaluated by repeated stratified 10-fold cross-validation
(--cv; --grouped puts all articles of one story in the same fold), ablated
one feature at a time (--ablate), or fitted on all rows and written as the
parameter file wiretrace reads (--train). Folds are seeded, so every figure
is reproducible.
"""

import argparse
import csv
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import meter_lr  # noqa: E402

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


# The measures of the learned classifier (docs/meter.md says why each).
FEATURES = [
    "content_containment",
    "tile_coverage",
    "tiles_per_100",
    "matched_sentences",
    "last_third_trigrams",
    "log_words",
    "unquoted_trigrams",
    "stem_containment",
    "other_papers",
]
L2 = 10.0
REPEATS = 10


def value(row, name):
    """A feature of an output row; log_words is ln(1 + words), as in wiretrace."""
    return math.log1p(float(row["words"])) if name == "log_words" else float(row[name])


def print_table(per_class, macro, n, title="macro"):
    print("| class | articles | precision | recall | F1 |\n|---|---:|---:|---:|---:|")
    for c, (p, r, f, m) in per_class.items():
        print(f"| {c} | {m} | {p:.4f} | {r:.4f} | {f:.4f} |")
    print(f"| **{title}** | {n} | | | **{macro:.4f}** |")


def cv_scores(gold, rows, features, groups=None, l2=L2):
    """(mean macro F1, its sd over repetitions, pooled per-class scores) of CV."""
    X = [[value(r, f) for f in features] for r in rows]
    y = [gold[r["article"]] for r in rows]
    g = [groups[r["article"]] for r in rows] if groups else None
    runs = meter_lr.cross_validate(X, y, repeats=REPEATS, l2=l2, groups=g)
    macros = [scores(dict(zip(range(len(y)), y)), dict(enumerate(p)))[1] for p in runs]
    pooled_gold = {(i, j): t for i in range(len(runs)) for j, t in enumerate(y)}
    pooled_pred = {(i, j): p for i, run in enumerate(runs) for j, p in enumerate(run)}
    per_class, _ = scores(pooled_gold, pooled_pred)
    per_class = {c: (p, r, f, n // len(runs)) for c, (p, r, f, n) in per_class.items()}
    return statistics.mean(macros), statistics.stdev(macros), per_class


def train(gold, rows, features, path):
    X = [[value(r, f) for f in features] for r in rows]
    y = [gold[r["article"]] for r in rows]
    mean, sd, W = meter_lr.fit(X, y, L2)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Written by scripts/meter_eval.py --train (multinomial logistic regression,\n")
        f.write(f"# L2 {L2}, balanced class weights, {len(y)} METER dev stories). See docs/meter.md.\n")
        f.write("feature\tmean\tsd\t" + "\t".join(meter_lr.CLASSES) + "\n")
        f.write("bias\t0\t1\t" + "\t".join(f"{W[k][0]:.6f}" for k in range(3)) + "\n")
        for j, name in enumerate(features):
            weights = "\t".join(f"{W[k][j + 1]:.6f}" for k in range(3))
            f.write(f"{name}\t{mean[j]:.6f}\t{sd[j]:.6f}\t{weights}\n")
    pred = {r["article"]: meter_lr.predict((mean, sd, W), x) for r, x in zip(rows, X)}
    return scores(gold, pred)


def ablate(gold, rows, groups):
    full, sd, _ = cv_scores(gold, rows, FEATURES, groups)
    print("| features | CV macro F1 | change |\n|---|---:|---:|")
    print(f"| all {len(FEATURES)} | {full:.4f} ± {sd:.4f} | |")
    for name in FEATURES:
        m, sd, _ = cv_scores(gold, rows, [f for f in FEATURES if f != name], groups)
        print(f"| without {name} | {m:.4f} ± {sd:.4f} | {m - full:+.4f} |")
    for name in FEATURES + ["word_containment"]:
        m, sd, _ = cv_scores(gold, rows, [name], groups)
        print(f"| {name} alone | {m:.4f} ± {sd:.4f} | {m - full:+.4f} |")


def classify(x, lower, upper):
    return CLASSES[0] if x >= upper else CLASSES[1] if x >= lower else CLASSES[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels")
    ap.add_argument("output")
    ap.add_argument("--sweep", metavar="MEASURE")
    ap.add_argument("--cv", action="store_true", help="cross-validate the learned classifier")
    ap.add_argument("--ablate", action="store_true", help="CV without each feature, and of each alone")
    ap.add_argument("--train", metavar="PATH", help="fit on all rows, write the parameter file")
    ap.add_argument("--grouped", action="store_true", help="CV folds hold whole stories")
    ap.add_argument("--features", help="comma-separated features instead of the default set")
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty of the weights (default {L2})")
    args = ap.parse_args()
    labels = read_tsv(args.labels)
    gold = {r["article"]: r["classification"] for r in labels}
    stories = {r["article"]: (r["domain"], r["date"], r["catchline"]) for r in labels}
    groups = stories if args.grouped else None
    rows = [r for r in read_tsv(args.output) if r["article"] in gold]
    missing = set(gold) - {r["article"] for r in rows}
    if missing:
        print(f"warning: {len(missing)} labelled articles missing from the output", file=sys.stderr)
    features = args.features.split(",") if args.features else FEATURES
    if args.cv:
        m, sd, per_class = cv_scores(gold, rows, features, groups, args.l2)
        kind = "story-grouped" if args.grouped else "stratified"
        print(f"{kind} 10-fold CV x {REPEATS}, L2 {args.l2}, features: {', '.join(features)}")
        print(f"macro F1 {m:.4f} ± {sd:.4f} (mean ± sd over repetitions); per class, pooled:")
        print_table(per_class, statistics.mean(v[2] for v in per_class.values()), len(rows), "pooled macro")
        return 0
    if args.ablate:
        ablate(gold, rows, groups)
        return 0
    if args.train:
        per_class, macro = train(gold, rows, features, args.train)
        print(f"wrote {args.train}; fit on all {len(rows)} rows (training fit, not a CV figure):")
        print_table(per_class, macro, len(rows))
        return 0
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
    print_table(per_class, macro, len(gold))
    return 0

if __name__ == "__main__":
    sys.exit(main())
