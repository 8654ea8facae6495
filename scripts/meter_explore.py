#!/usr/bin/env python3
"""Exploration behind docs/meter.md (second to fifth attempts): candidate measures,
other models, a nested check of the feature choice, and the ceiling set by
the gold passage annotation. Exploration only: the shipped classifier is
the Rust one; this needs numpy and scikit-learn (e.g. in a venv under
target/), and uses its own tokenizer, so its figures differ a little from
those of `wiretrace meter`.

Usage (OUT is the output of `wiretrace meter`, for the seven base measures):
    python scripts/meter_explore.py ROOT OUT --added     # each candidate added to the base
    python scripts/meter_explore.py ROOT OUT --models    # other models
    python scripts/meter_explore.py ROOT OUT --nested    # feature choice inside the folds
    python scripts/meter_explore.py ROOT OUT --ceiling   # gold Verbatim/Rewrite/New shares
    python scripts/meter_explore.py ROOT OUT --third     # absolute counts, ordinal models, page
    python scripts/meter_explore.py ROOT OUT --words     # the story's own words (tf-idf) added
    python scripts/meter_explore.py ROOT OUT --chain     # two binary models in a chain
"""

import argparse
import collections
import csv
import math
import re
import warnings

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.naive_bayes import GaussianNB
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings("ignore")
BASE = ["content_containment", "tile_coverage", "tiles_per_100", "matched_sentences",
        "last_third_trigrams", "log_words", "unquoted_trigrams"]
SW = set("a an the and or but of to in on at by for with from as is was were be been are it its he she "
         "his her they them their this that these those i you we our had has have not no said says would "
         "will could can did do does who which what when where there than then so if after before into "
         "about over up out one two also mr mrs ms".split())
TABLOIDS = {"sun", "mirror", "star", "express", "mail"}


def toks(text):
    """(word, capitalized, quoted, sentence) for each word; quotes close at paragraph ends."""
    out, s = [], 0
    for para in re.split(r"(?:<\s*\n|\n\s*\n)", text):
        q = False
        for m in re.finditer(r"``|''|\"|“|”|[.!?](?=\s)|[A-Za-z0-9£#][A-Za-z0-9'%]*", para):
            t = m.group()
            if t in ("``", "“"):
                q = True
            elif t in ("''", "”"):
                q = False
            elif t == '"':
                q = not q
            elif t in ".!?":
                s += 1
            else:
                out.append((t.lower().strip("'"), t[0].isupper(), q, s))
        s += 1
    return out


def stem(w):
    for suf in ("ing", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[:-len(suf)]
    return w


def grams(ws, n):
    return [tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)]


def share(a, b):
    return a / b if b else 0.0


def candidates(st, pas, others):
    """The candidate measures of one story (word lists of story, PA files, other papers)."""
    sw, pw = [t[0] for t in st], [[t[0] for t in p] for p in pas]
    pset = {w for p in pw for w in p}
    p3 = {g for p in pw for g in grams(p, 3)}
    f = {"quoted_share": share(sum(t[2] for t in st), len(st))}
    caps = {t[0] for i, t in enumerate(st) if t[1] and t[0] not in SW and i and st[i - 1][3] == t[3]}
    f["cap_containment"] = share(sum(c in pset for c in caps), len(caps))
    nums = {t[0] for t in st if re.match(r"^[0-9£#]", t[0])}
    f["num_containment"] = share(sum(c in pset for c in nums), len(nums))
    cont, pcont = {w for w in sw if w not in SW}, {w for w in pset if w not in SW}
    f["pa_content_used"] = share(len(cont & pcont), len(pcont))
    s3 = set(grams(sw, 3))
    f["best_pa_tri_cov"] = max([share(len(set(grams(p, 3)) & s3), len(set(grams(p, 3)))) for p in pw] + [0])
    f["log_pa_words"] = math.log1p(sum(len(p) for p in pw))
    f["len_ratio"] = math.log1p(len(sw)) - math.log1p(max([len(p) for p in pw] + [0]))
    sents = collections.defaultdict(list)
    for t in st:
        sents[t[3]].append(t[0])
    tri = [share(sum(g in p3 for g in grams(v, 3)), len(v) - 2) for v in sents.values() if len(v) >= 3]
    f["copied_sent50"] = share(sum(x >= 0.5 for x in tri), len(tri))
    f["copied_sent80"] = share(sum(x >= 0.8 for x in tri), len(tri))
    f["fresh_sent"] = share(sum(x == 0 for x in tri), len(tri))
    pos = {}
    for g in (g for p in pw for g in grams(p, 3)):
        pos.setdefault(g, len(pos))
    seq = [pos[g] for g in grams(sw, 3) if g in pos]
    f["order"] = share(sum(b > a for a, b in zip(seq, seq[1:])), len(seq) - 1) if len(seq) >= 3 else 0.0
    oset = {t[0] for o in others for t in o}
    f["n_others"] = len(others)
    f["other_only"] = share(len([w for w in cont if w not in pset and w in oset]), len(cont))
    f["novel"] = share(len([w for w in cont if w not in pset and w not in oset]), len(cont))
    sc = [stem(w) for w in sw if w not in SW]
    pc = [[stem(w) for w in p if w not in SW] for p in pw]
    f["stem_containment"] = share(len(set(sc) & {w for p in pc for w in p}), len(set(sc)))
    b2 = {g for p in pc for g in grams(p, 2)}
    f["content_bigrams"] = share(sum(x in b2 for x in grams(sc, 2)), len(sc) - 1)
    f.update(counts(st, pw, pset, p3))
    o3 = {g for o in others for g in grams([t[0] for t in o], 3)}
    s3 = grams(sw, 3)
    f["tri_pa_not_others"] = share(sum(g in p3 and g not in o3 for g in s3), len(s3))
    f["tri_pa_and_others"] = share(sum(g in p3 and g in o3 for g in s3), len(s3))
    f["tri_others_not_pa"] = share(sum(g not in p3 and g in o3 for g in s3), len(s3))
    return f


def counts(st, pw, pset, p3):
    """Third attempt: how much is shared in absolute terms, not as a share of the story."""
    p5 = {g for p in pw for g in grams(p, 5)}
    uw = [t[0] for t in st if not t[2]]
    run5 = set()
    for i, g in enumerate(grams(uw, 5)):
        if g in p5:
            run5.update(range(i, i + 5))
    return {
        "log_unquoted_trigrams_shared": math.log1p(sum(g in p3 for g in grams(uw, 3))),
        "log_unquoted_5grams_shared": math.log1p(sum(g in p5 for g in grams(uw, 5))),
        "log_trigrams_shared": math.log1p(sum(g in p3 for g in grams([t[0] for t in st], 3))),
        "log_content_shared": math.log1p(len({t[0] for t in st if t[0] not in SW and t[0] in pset})),
        "log_content_new": math.log1p(len({t[0] for t in st if t[0] not in SW and t[0] not in pset})),
        "log_unquoted_run5_words": math.log1p(len(run5)),
        "unquoted_run5_share": share(len(run5), len(uw)),
        "unquoted_share": share(len(uw), len(st)),
    }


def load(root, out_path):
    labels = list(csv.DictReader(open(root + "/labels.tsv", encoding="utf-8"), delimiter="\t"))
    out = {r["article"]: r for r in csv.DictReader(open(out_path, encoding="utf-8"), delimiter="\t")}
    cache = {}

    def T(p):
        if p not in cache:
            cache[p] = toks(open(root + "/" + p, encoding="latin-1").read())
        return cache[p]

    story = collections.defaultdict(list)
    for r in labels:
        story[r["pa_files"]].append(r["article"])
    D = []
    for r in labels:
        others = [T(a) for a in story[r["pa_files"]] if a != r["article"]]
        f = candidates(T(r["article"]), [T(p) for p in r["pa_files"].split(";") if p], others)
        f["showbiz"], f["tabloid"] = float(r["domain"] == "showbiz"), float(r["newspaper"] in TABLOIDS)
        o = out[r["article"]]
        for k in BASE + ["word_containment", "trigram_containment", "aligned_coverage"]:
            f[k] = math.log1p(float(o["words"])) if k == "log_words" else float(o[k])
        D.append((f, r))
    return D


def lr(c=0.1):
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=3000))


def cv(X, y, g, model=lr, reps=10, grouped=True, seed=0):
    out = []
    for s in range(reps):
        kf = StratifiedGroupKFold(10, shuffle=True, random_state=seed + s) if grouped else \
            StratifiedKFold(10, shuffle=True, random_state=seed + s)
        p = np.empty(len(y), dtype=object)
        for tr, te in kf.split(X, y, g):
            m = model()
            m.fit(X[tr], y[tr])
            p[te] = m.predict(X[te])
        out.append(f1_score(y, p.astype(str), average="macro"))
    return np.mean(out), np.std(out)


def nested(F, y, g, cands, reps):
    def inner(fs, idx, seed):
        X = np.column_stack([F[f] for f in fs])[idx]
        return cv(X, y[idx], g[idx], reps=1, seed=seed)[0]
    for rep in range(reps):
        p = np.empty(len(y), dtype=object)
        for tr, te in StratifiedGroupKFold(10, shuffle=True, random_state=100 + rep).split(y, y, g):
            fs, cur = list(BASE), inner(BASE, tr, rep)
            for _ in range(2):
                best = max((f for f in cands if f not in fs), key=lambda f: inner(fs + [f], tr, rep))
                sc = inner(fs + [best], tr, rep)
                if sc <= cur + 0.003:
                    break
                fs, cur = fs + [best], sc
            m = lr().fit(np.column_stack([F[f] for f in fs])[tr], y[tr])
            p[te] = m.predict(np.column_stack([F[f] for f in fs])[te])
            print("  fold picks:", fs[len(BASE):], flush=True)
        print(f"nested repetition {rep}: {f1_score(y, p.astype(str), average='macro'):.4f}", flush=True)


def ceiling(D, y):
    ann = np.array([bool(r["verbatim_chars"]) for _, r in D])
    gold = np.array([[float(r[k] or 0) for k in ("verbatim_chars", "rewrite_chars", "new_chars")] for _, r in D])
    gold = gold / np.maximum(gold.sum(1, keepdims=True), 1)
    base = np.array([[f[k] for k in BASE] for f, _ in D])
    for name, X in [("gold V", gold[:, :1]), ("gold V+R", gold[:, :2]), ("gold V+R+N", gold),
                    ("our 7 measures", base), ("our 7 + gold V+R+N", np.hstack([base, gold]))]:
        m = cv(X[ann], y[ann], None, reps=5, grouped=False)
        print(f"| {name}, {ann.sum()} annotated stories | {m[0]:.4f} ± {m[1]:.4f} |")
    for name, model in [("weak penalty (C 10)", lambda: lr(10.0)),
                        ("depth-3 tree", lambda: DecisionTreeClassifier(max_depth=3, class_weight="balanced"))]:
        m = cv(gold[ann], y[ann], None, model, reps=5, grouped=False)
        print(f"| gold V+R+N, {name} | {m[0]:.4f} ± {m[1]:.4f} |")
    for name, mask in [("annotated", ann), ("not annotated", ~ann),
                       ("courts", np.array([r["domain"] == "courts" for _, r in D]))]:
        for s in (mask, ~mask) if name == "courts" else (mask,):
            p = np.empty(len(y), dtype=object)
            for tr, te in StratifiedKFold(10, shuffle=True, random_state=0).split(base, y):
                p[te] = lr().fit(base[tr], y[tr]).predict(base[te])
            print(f"| 7-measure model, CV predictions scored on {name if s is mask else 'showbiz'} "
                  f"({s.sum()}) | {f1_score(y[s], p[s].astype(str), average='macro'):.4f} |")


class FrankHall:
    """Ordinal classes (non < partially < wholly) as two binary models, Frank and Hall (2001)."""
    ORDER = ("non_derived", "partially_derived", "wholly_derived")

    def fit(self, X, y):
        rank = np.array([self.ORDER.index(v) for v in y])
        self.m = [lr().fit(X, (rank > k).astype(int)) for k in (0, 1)]
        return self

    def predict(self, X):
        above = [m.predict_proba(X)[:, 1] for m in self.m]
        P = np.column_stack([1 - above[0], above[0] - above[1], above[1]])
        return np.array(self.ORDER)[P.argmax(1)]


class OneAxis:
    """One averaged direction of the two ordinal models, then the two cut points with the best
    macro F1 on the training fold."""

    def fit(self, X, y):
        rank = np.array([FrankHall.ORDER.index(v) for v in y])
        self.s = StandardScaler().fit(X)
        Z = self.s.transform(X)
        self.w = np.mean([LogisticRegression(C=0.1, class_weight="balanced", max_iter=3000)
                          .fit(Z, (rank > k).astype(int)).coef_[0] for k in (0, 1)], 0)
        z, qs = Z @ self.w, np.quantile(Z @ self.w, np.linspace(0.02, 0.98, 60))
        self.cuts = max(((a, b) for a in qs for b in qs if b > a),
                        key=lambda c: f1_score(rank, np.digitize(z, c), average="macro"))
        return self

    def predict(self, X):
        return np.array(FrankHall.ORDER)[np.digitize(self.s.transform(X) @ self.w, self.cuts)]


class Chain:
    """Two binary models in a chain: the first splits off one class, the second tells the other
    two apart among the stories it did not take (as Wilks 2003 describes for METER)."""

    def __init__(self, first, make=lr):
        self.first, self.make = first, make

    def fit(self, X, y):
        rest = y != self.first
        self.m = [self.make().fit(X, y == self.first), self.make().fit(X[rest], y[rest])]
        return self

    def predict(self, X):
        return np.where(self.m[0].predict(X), self.first, self.m[1].predict(X))


def chain(F, y, g):
    ship = BASE + ["stem_containment", "other_only"]
    X = np.column_stack([F[f] for f in ship])
    b = cv(X, y, g)[0]
    print(f"| the nine shipped measures, one multinomial model (prototype) | {b:.4f} | |")
    nb = lambda: make_pipeline(StandardScaler(), GaussianNB())  # noqa: E731
    rows = [("Gaussian naive Bayes, one model", nb)]
    for first in FrankHall.ORDER:
        rows.append((f"chain, {first} split off first", lambda f=first: Chain(f)))
        rows.append((f"chain of naive Bayes, {first} first", lambda f=first: Chain(f, nb)))
    for name, model in rows:
        m = cv(X, y, g, model)[0]
        print(f"| {name} | {m:.4f} | {m - b:+.4f} |", flush=True)


def third(D, F, y, g):
    ship = BASE + ["stem_containment", "other_only"]
    X = lambda fs: np.column_stack([F[f] for f in fs])  # noqa: E731
    b = cv(X(ship), y, g)[0]
    print(f"| the nine shipped measures (prototype) | {b:.4f} | |")
    for c in [k for k in F if k.startswith(("log_", "unquoted_run5", "unquoted_share", "tri_")) and k != "log_words"
              and k != "log_pa_words"]:
        m = cv(X(ship + [c]), y, g)[0]
        print(f"| + {c} | {m:.4f} | {m - b:+.4f} |", flush=True)
    page = np.array([math.log1p(float(r["page"])) if r["page"].strip().isdigit() else np.nan for _, r in D])
    page = np.where(np.isnan(page), np.nanmedian(page), page)
    m = cv(np.column_stack([X(ship), page]), y, g)[0]
    print(f"| + log page number (metadata, not a reuse measure) | {m:.4f} | {m - b:+.4f} |")
    for name, model in [("Frank-Hall ordinal", FrankHall), ("one axis, two cut points", OneAxis)]:
        m = cv(X(ship), y, g, model, reps=5)[0]
        print(f"| nine measures, {name} | {m:.4f} | {m - b:+.4f} |", flush=True)


def words(D, F, y, g, root):
    """The nine measures plus tf-idf of the story's words (all, or only those missing from PA)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer

    def T(p):
        return [t[0] for t in toks(open(root + "/" + p, encoding="latin-1").read())]

    full, novel = [], []
    for _, r in D:
        st, pa = T(r["article"]), {w for p in r["pa_files"].split(";") if p for w in T(p)}
        full.append(" ".join(st))
        novel.append(" ".join(w for w in st if w not in pa))
    Xn = np.column_stack([F[f] for f in BASE + ["stem_containment", "other_only"]])

    def run(texts, weight, ngram):
        out = []
        for s in range(5):
            p = np.empty(len(y), dtype=object)
            for tr, te in StratifiedGroupKFold(10, shuffle=True, random_state=s).split(Xn, y, g):
                sc = StandardScaler().fit(Xn[tr])
                a, b = [sp.csr_matrix(sc.transform(Xn[tr]))], [sp.csr_matrix(sc.transform(Xn[te]))]
                if texts is not None:
                    v = TfidfVectorizer(ngram_range=ngram, min_df=3, sublinear_tf=True, token_pattern=r"\S+")
                    a.append(v.fit_transform([texts[i] for i in tr]) * weight)
                    b.append(v.transform([texts[i] for i in te]) * weight)
                m = LogisticRegression(C=0.1, class_weight="balanced", max_iter=5000)
                p[te] = m.fit(sp.hstack(a).tocsr(), y[tr]).predict(sp.hstack(b).tocsr())
            out.append(f1_score(y, p.astype(str), average="macro"))
        return np.mean(out)

    b = run(None, 0, None)
    print(f"| the nine shipped measures (prototype) | {b:.4f} | |")
    for name, texts in (("all the story's words", full), ("the story's words missing from PA", novel)):
        for weight in (1, 3, 10):
            for ngram in ((1, 1), (1, 2)):
                m = run(texts, weight, ngram)
                what = "words" if ngram == (1, 1) else "words and word pairs"
                print(f"| + {name}, {what}, weight {weight} | {m:.4f} | {m - b:+.4f} |", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("output")
    for flag in ("--added", "--models", "--nested", "--ceiling", "--third", "--words", "--chain"):
        ap.add_argument(flag, action="store_true")
    args = ap.parse_args()
    D = load(args.root, args.output)
    y = np.array([r["classification"] for _, r in D])
    g = np.array(["/".join((r["domain"], r["date"], r["catchline"])) for _, r in D])
    F = {k: np.array([f[k] for f, _ in D]) for k in D[0][0]}
    cands = [k for k in F if k not in BASE]
    X = lambda fs: np.column_stack([F[f] for f in fs])  # noqa: E731
    if args.added:
        b = cv(X(BASE), y, g)[0]
        print(f"| base (7 measures) | {b:.4f} | |")
        for c in cands + [["other_only", "stem_containment"]]:
            fs = BASE + (c if isinstance(c, list) else [c])
            m = cv(X(fs), y, g)[0]
            print(f"| + {c} | {m:.4f} | {m - b:+.4f} |", flush=True)
    if args.models:
        pool = BASE + ["other_only", "novel", "stem_containment", "pa_content_used", "quoted_share",
                       "tabloid", "showbiz", "order"]
        models = {
            "logistic regression": lr, "logistic regression, C 0.01": lambda: lr(0.01),
            "RBF SVM": lambda: make_pipeline(StandardScaler(), SVC(class_weight="balanced")),
            "spline logistic regression": lambda: make_pipeline(
                StandardScaler(), SplineTransformer(n_knots=4, degree=2),
                LogisticRegression(C=0.05, class_weight="balanced", max_iter=3000)),
            "gradient boosting": lambda: HistGradientBoostingClassifier(
                max_depth=3, learning_rate=0.05, max_iter=150, class_weight="balanced", random_state=0),
            "random forest": lambda: RandomForestClassifier(
                500, min_samples_leaf=5, class_weight="balanced", random_state=0),
        }
        for name, m in models.items():
            print(f"| {name}, 15 measures | {cv(X(pool), y, g, m, reps=3)[0]:.4f} |", flush=True)
    if args.nested:
        nested(F, y, g, cands, reps=2)
    if args.ceiling:
        ceiling(D, y)
    if args.third:
        third(D, F, y, g)
    if args.words:
        words(D, F, y, g, args.root)
    if args.chain:
        chain(F, y, g)


if __name__ == "__main__":
    main()
