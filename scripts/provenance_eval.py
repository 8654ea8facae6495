#!/usr/bin/env python3
"""Scores wiretrace's provenance against the planted truth of gen_corpus.py.

Usage: provenance_eval.py TRUTH.jsonl[.gz] REPORT.json [--min ACCURACY]

With --min, exits 1 unless these reach ACCURACY: kind accuracy over the
found pairs, direction accuracy over the found article edges, and direction
accuracy over all planted syndication edges (quotes too short for the
passage stage, under about 12 words, are never found, so the quote figure
over planted edges measures passage recall, not direction; it is printed,
not checked).

For every planted pair (truth.jsonl: kind, a, b with ids and byte spans;
a is the side copied from):
  - found: wiretrace reports a match between the two articles whose spans
    overlap the planted spans on both sides (for repeat: inside the one
    article);
  - kind: the kind of the best-overlapping such match equals the planted
    kind;
  - direction (cross-article pairs): the report's pair of the two articles
    says a is the source (a_to_b with a first, or b_to_a reversed); for a
    planted boilerplate pair the report lists as sharing only boilerplate,
    that it claims no copying (undetermined): template text is not
    evidence of copying (docs/provenance.md).
Accuracies are given over the found pairs and over all planted pairs, per
planted kind. Nothing here is compared with expectations written by hand:
the truth comes from the generator.
"""
import collections
import gzip
import json
import sys


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def overlap(x, y):
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def groups(truth, report):
    """Prints how well the report's groups recover the planted families of
    syndication (a source and every article copying from it, joined
    transitively): pairwise precision and recall over the article pairs in
    one group, for the stories as they are and for the stories' groups of
    versions of one report (a story without such groups counting as one)."""
    parent = {}

    def root(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in truth:
        if t["kind"] == "syndication":
            x, y = root(t["a"]["id"]), root(t["b"]["id"])
            if x != y:
                parent[x] = y
    families = collections.defaultdict(list)
    for x in list(parent):
        families[root(x)].append(x)

    def pairs(gs):
        return {(a, b) for g in gs for a in g for b in g if a < b}

    planted = pairs(families.values())
    ids = [a["id"] for a in report["articles"]]
    print("groups against planted syndication families (pairs of articles in one group):")
    for view in ("stories", "versions"):
        gs = []
        for story in report["stories"]:
            if view == "versions" and story.get("versions"):
                gs.extend([ids[i] for i in v] for v in story["versions"])
            else:
                gs.append([ids[i] for i in story["articles"]])
        found = pairs(gs)
        both = len(planted & found)
        print(f"  {view:<9} {len(gs):>5} groups, {len(found):>7} pairs, precision "
              f"{both / max(1, len(found)):.4f}, recall {both / max(1, len(planted)):.4f} of {len(planted)}")


def main():
    args = sys.argv[1:]
    minimum = None
    if len(args) == 4 and args[2] == "--min":
        minimum = float(args[3])
        args = args[:2]
    if len(args) != 2:
        sys.exit(__doc__)
    truth = list(read_jsonl(args[0]))
    with open(args[1], encoding="utf-8") as f:
        report = json.load(f)
    index = {a["id"]: i for i, a in enumerate(report["articles"])}
    matches = collections.defaultdict(list)
    for m in report["matches"]:
        key = (m["a"]["article"], m["b"]["article"])
        matches[key].append(m)
    # Cluster co-members count as matches between any two of their places.
    for c in report["clusters"]:
        for x in c["members"]:
            for y in c["members"]:
                if (x["article"], x["start"]) < (y["article"], y["start"]):
                    same = x["article"] == y["article"]
                    matches[(x["article"], y["article"])].append(
                        {"kind": "repeat" if same else c["kind"], "a": x, "b": y})
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    stats = collections.defaultdict(collections.Counter)
    edges = {}
    confusion = collections.Counter()
    for t in truth:
        kind = t["kind"]
        s = stats[kind]
        s["planted"] += 1
        ia, ib = index.get(t["a"]["id"]), index.get(t["b"]["id"])
        if ia is None or ib is None:
            s["missing_article"] += 1
            continue
        if ia != ib:
            edges.setdefault((ia, ib), kind)
        ta, tb = t["a"]["bytes"], t["b"]["bytes"]
        if (ia, tuple(ta)) > (ib, tuple(tb)):
            ia, ib, ta, tb, flipped = ib, ia, tb, ta, True
        else:
            flipped = False
        best, best_overlap = None, 0
        for m in matches.get((ia, ib), []):
            sa = (m["a"]["start"], m["a"]["end"])
            sb = (m["b"]["start"], m["b"]["end"])
            o = min(overlap(sa, ta), overlap(sb, tb))
            if o > best_overlap:
                best, best_overlap = m, o
        if best is None:
            continue
        s["found"] += 1
        confusion[(kind, best["kind"])] += 1
        s["kind_right"] += best["kind"] == kind
        if kind == "repeat":
            continue
        p = pairs.get((ia, ib))
        if p is None:
            continue
        s["pair"] += 1
        verdict = p["direction"]["verdict"]
        want = "b_to_a" if flipped else "a_to_b"
        if kind == "boilerplate" and p["relation"] == "boilerplate":
            want = "undetermined"
        s["direction_right"] += verdict == want
        s["verdict_" + verdict] += 1
    total = collections.Counter()
    print("kind         planted   found  kind acc (found)  kind acc (planted)  direction acc (pairs)"
          "  direction acc (planted)  verdicts")
    for kind in sorted(stats):
        s = stats[kind]
        total.update(s)
        ratio = lambda x, y: f"{x / y:.4f}" if y else "  -   "
        verdicts = {k[8:]: v for k, v in s.items() if k.startswith("verdict_")}
        planted_cross = s["planted"] if kind != "repeat" else 0
        print(f"{kind:<12} {s['planted']:>7} {s['found']:>7}  {ratio(s['kind_right'], s['found']):>16}"
              f"  {ratio(s['kind_right'], s['planted']):>18}"
              f"  {ratio(s['direction_right'], s['pair']):>21}  {ratio(s['direction_right'], planted_cross):>23}"
              f"  {verdicts}")
        total["planted_cross"] += planted_cross
    s = total
    print(f"{'all':<12} {s['planted']:>7} {s['found']:>7}  {s['kind_right'] / max(1, s['found']):>16.4f}"
          f"  {s['kind_right'] / max(1, s['planted']):>18.4f}"
          f"  {s['direction_right'] / max(1, s['pair']):>21.4f}"
          f"  {s['direction_right'] / max(1, s['planted_cross']):>23.4f}")
    print()
    print("article edges (planted source -> copy, one per article pair):")
    edge_stats = collections.defaultdict(collections.Counter)
    for (ia, ib), kind in edges.items():
        e = edge_stats[kind]
        e["edges"] += 1
        p = pairs.get((min(ia, ib), max(ia, ib)))
        if p is None:
            continue
        e["found"] += 1
        want = "a_to_b" if ia < ib else "b_to_a"
        if kind == "boilerplate" and p["relation"] == "boilerplate":
            want = "undetermined"
        e["right"] += p["direction"]["verdict"] == want
    all_edges = collections.Counter()
    for kind in sorted(edge_stats):
        e = edge_stats[kind]
        all_edges.update(e)
        print(f"  {kind:<12} {e['edges']:>6} edges, {e['found']:>6} found, direction right "
              f"{e['right'] / max(1, e['found']):.4f} of found, {e['right'] / max(1, e['edges']):.4f} of planted")
    e = all_edges
    print(f"  {'all':<12} {e['edges']:>6} edges, {e['found']:>6} found, direction right "
          f"{e['right'] / max(1, e['found']):.4f} of found, {e['right'] / max(1, e['edges']):.4f} of planted")
    syndication = edge_stats["syndication"]
    figures = [s["kind_right"] / max(1, s["found"]), e["right"] / max(1, e["found"]),
               syndication["right"] / max(1, syndication["edges"])]
    print("kind confusion (planted -> reported):")
    for (want, got), n in sorted(confusion.items()):
        if want != got:
            print(f"  {want} -> {got}: {n}")
    groups(truth, report)
    if minimum is not None and min(figures) < minimum:
        print(f"FAIL: lowest accuracy {min(figures):.4f} < {minimum}")
        sys.exit(1)


if __name__ == "__main__":
    main()
