"""Multinomial logistic regression for 'wiretrace meter', in plain Python.

Standardized features, L2 penalty on the weights (not the biases), classes
weighted by inverse frequency, fitted by Newton's method. Used by
scripts/meter_eval.py for cross-validation (--cv, --ablate) and to write the
parameter file src/derive/meter_model.tsv (--train); see docs/meter.md.
"""

import math
import random

CLASSES = ["wholly_derived", "partially_derived", "non_derived"]
K = len(CLASSES)


def standardize(X):
    n, d = len(X), len(X[0])
    mean = [sum(x[j] for x in X) / n for j in range(d)]
    sd = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in X) / n) or 1.0 for j in range(d)]
    return mean, sd


def softmax(s):
    m = max(s)
    e = [math.exp(v - m) for v in s]
    t = sum(e)
    return [v / t for v in e]


def solve(A, b):
    """Solves A x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            if f:
                M[r] = [a - f * v for a, v in zip(M[r], M[c])]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (M[r][n] - sum(M[r][c] * x[c] for c in range(r + 1, n))) / M[r][r]
    return x


def fit(X, y, l2=10.0, iters=50):
    """Fits on rows X (lists of floats) and labels y (class names).

    Returns (mean, sd, W) with W[k] = [bias, w_1..w_d] for class k."""
    mean, sd = standardize(X)
    Z = [[1.0] + [(v - m) / s for v, m, s in zip(x, mean, sd)] for x in X]
    n, p = len(Z), len(Z[0])
    count = {c: sum(1 for t in y if t == c) for c in CLASSES}
    cw = [n / (K * count[t]) for t in y]
    Y = [[1.0 if t == c else 0.0 for c in CLASSES] for t in y]
    reg = [1e-4] + [l2] * (p - 1)
    W = [[0.0] * p for _ in range(K)]
    for _ in range(iters):
        grad = [[reg[j] * W[k][j] for j in range(p)] for k in range(K)]
        hess = [[[0.0] * p for _ in range(p)] for _ in range(K * K)]
        for z, yi, w in zip(Z, Y, cw):
            P = softmax([sum(a * b for a, b in zip(W[k], z)) for k in range(K)])
            for k in range(K):
                g = w * (P[k] - yi[k])
                grad[k] = [gk + g * zj for gk, zj in zip(grad[k], z)]
            outer = [[zi * zj for zj in z] for zi in z]
            for a in range(K):
                for b in range(a, K):
                    h = w * P[a] * ((a == b) - P[b])
                    H = hess[a * K + b]
                    for i in range(p):
                        Hi, Oi = H[i], outer[i]
                        for j in range(p):
                            Hi[j] += h * Oi[j]
        A = [[0.0] * (K * p) for _ in range(K * p)]
        for a in range(K):
            for b in range(K):
                H = hess[min(a, b) * K + max(a, b)]
                for i in range(p):
                    for j in range(p):
                        A[a * p + i][b * p + j] = H[i][j] + (reg[i] if a == b and i == j else 0.0)
        step = solve(A, [g for k in range(K) for g in grad[k]])
        for k in range(K):
            W[k] = [w - s for w, s in zip(W[k], step[k * p:(k + 1) * p])]
        if max(abs(s) for s in step) < 1e-9:
            break
    return mean, sd, W


def predict(model, x):
    mean, sd, W = model
    z = [1.0] + [(v - m) / s for v, m, s in zip(x, mean, sd)]
    scores = [sum(a * b for a, b in zip(W[k], z)) for k in range(K)]
    return CLASSES[max(range(K), key=lambda k: scores[k])]


def folds(y, k, seed, groups=None):
    """Fold number of each row: stratified by class, or whole groups (stories) per fold."""
    rnd = random.Random(seed)
    if groups is not None:
        names = sorted(set(groups))
        rnd.shuffle(names)
        fold_of = {g: i % k for i, g in enumerate(names)}
        return [fold_of[g] for g in groups]
    out = [0] * len(y)
    for c in CLASSES:
        rows = [i for i, t in enumerate(y) if t == c]
        rnd.shuffle(rows)
        for r, i in enumerate(rows):
            out[i] = r % k
    return out


def cross_validate(X, y, k=10, repeats=5, seed=20020707, l2=10.0, groups=None):
    """Out-of-fold predictions, one list per repetition."""
    runs = []
    for rep in range(repeats):
        fold = folds(y, k, seed + rep, groups)
        pred = [None] * len(y)
        for f in range(k):
            train = [i for i in range(len(y)) if fold[i] != f]
            model = fit([X[i] for i in train], [y[i] for i in train], l2)
            for i in range(len(y)):
                if fold[i] == f:
                    pred[i] = predict(model, X[i])
        runs.append(pred)
    return runs
