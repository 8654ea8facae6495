#!/usr/bin/env python3
"""Sweep wiretrace's --threshold on a generated corpus with planted truth.

Usage:
    python3 ../shared/tools/gen_corpus.py --articles 5000 --out target/gen5k
    python3 scripts/threshold_sweep.py target/gen5k [--bin target/release/wiretrace]

For each threshold it runs `wiretrace scan corpus.jsonl --format json` and
scores the reported matches against truth.jsonl by byte-span overlap:

- recall: share of planted paragraph pairs (per kind) whose two spans are
  both overlapped by places reported together; the last recall column is
  over all planted pairs whose j5 (the generator's 5-shingle Jaccard) is at
  least threshold + 0.05.
  Two places count as reported together when they are members of one
  cluster or the two sides of one match;
- unexplained: reported matches that are not identical after normalization
  and whose sides do not overlap planted spans of the same planted text
  (truth pairs are joined into components, since two copies of one wire
  paragraph are real reuse though the truth lists only source->copy pairs).
  Identical matches need no explaining: they are duplicates whatever the
  truth says (e.g. two outlets with the same navigation header);
- candidates and verified pairs: the cost side.

It prints one table row per threshold. Nothing is tuned here; the table is
what docs/pipeline.md reports.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time


def load_truth(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            a = (d["a"]["id"], tuple(d["a"]["bytes"]))
            b = (d["b"]["id"], tuple(d["b"]["bytes"]))
            pairs.append((d["kind"], a, b, d.get("j5")))
    return pairs


class Components:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def overlaps(s, t):
    return s[0] < t[1] and t[0] < s[1]


def score(report, truth, comps, spans_by_article):
    """Recall per kind, and the matches not explained by the truth."""
    ids = [a["id"] for a in report["articles"]]
    # Places reported as sharing text: cluster members, and both sides of
    # every match (a match outside any cluster gets its own group).
    groups = collections.defaultdict(list)  # article id -> [(span, group)]
    for c in report["clusters"]:
        for m in c["members"]:
            groups[ids[m["article"]]].append(((m["start"], m["end"]), ("c", c["id"])))
    for i, m in enumerate(report["matches"]):
        for side in ("a", "b"):
            groups[ids[m[side]["article"]]].append(((m[side]["start"], m[side]["end"]), ("m", i)))

    def group_set(art, span):
        return {g for s, g in groups.get(art, []) if overlaps(s, span)}

    found = collections.Counter()
    total = collections.Counter()
    threshold = report["settings"]["threshold"]
    for kind, a, b, j5 in truth:
        hit = bool(group_set(a[0], a[1]) & group_set(b[0], b[1]))
        total[kind] += 1
        found[kind] += hit
        if j5 is not None and j5 >= threshold + 0.05:
            total["above"] += 1
            found["above"] += hit
    unexplained = 0
    for m in report["matches"]:
        roots = []
        for side in ("a", "b"):
            art = ids[m[side]["article"]]
            span = (m[side]["start"], m[side]["end"])
            roots.append({comps.find((art, s)) for s in spans_by_article.get(art, []) if overlaps(span, s)})
        if not (roots[0] & roots[1]) and m["similarity"] < 1.0:
            unexplained += 1
    return found, total, unexplained


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus_dir", help="gen_corpus.py --out directory (jsonl format)")
    ap.add_argument("--bin", default="target/release/wiretrace")
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9")
    args = ap.parse_args()
    corpus = os.path.join(args.corpus_dir, "corpus.jsonl")
    truth = load_truth(os.path.join(args.corpus_dir, "truth.jsonl"))
    comps = Components()
    spans_by_article = collections.defaultdict(set)
    for _, a, b, _ in truth:
        comps.union(a, b)
        spans_by_article[a[0]].add(a[1])
        spans_by_article[b[0]].add(b[1])
    kinds = sorted({k for k, *_ in truth})
    head = ["threshold", "bands x rows", "candidates", "verified", "clusters", "matches", "unexplained"]
    head += [f"recall {k}" for k in kinds] + ["recall j5 >= t+0.05", "seconds"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for t in [float(x) for x in args.thresholds.split(",")]:
        start = time.time()
        out = subprocess.run(
            [args.bin, "scan", corpus, "--format", "json", "--threshold", str(t)],
            check=True, capture_output=True,
        )
        seconds = time.time() - start
        report = json.loads(out.stdout)
        found, total, unexplained = score(report, truth, comps, spans_by_article)
        s = report["settings"]
        row = [f"{t:.1f}", f"{s['bands']} x {s['rows']}", str(report["summary"]["candidate_pairs"]),
               str(report["summary"]["verified_pairs"]), str(len(report["clusters"])),
               str(len(report["matches"])), str(unexplained)]
        row += [f"{found[k] / total[k]:.3f}" for k in kinds + ["above"]] + [f"{seconds:.2f}"]
        print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
