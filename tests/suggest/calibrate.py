#!/usr/bin/env python3
"""Fit the confidence of `faqt suggest` on several ticket sets and test it on each.

Usage: calibrate.py NAME=FILE... [--threshold T] [--features coverage,margin,title,share]

Each FILE is what `evaluate.py --dump` or `heldout.py SET --dump` wrote: one JSON line per
ticket with its expected article, the top result and that result's features. The label is
"the top result is the expected article" (a no-answer ticket is always 0). Prints:

  - the logistic function fitted on the union of all sets (each set weighed equally, so the
    1,499 StackFAQ tickets do not drown the 197 labelled ones): the parameters to put in
    index/suggest.cpp, and each set's precision, coverage and no-answer share at the
    threshold under it;
  - leave one source out: fitted on the sets of the other corpora (NAME up to its first
    '-' is the corpus), measured on the one left out, for each set;
  - each set's numbers with the confidence it was dumped with (the engine as it is).
"""

import argparse
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate import FEATURES, metrics, sigmoid  # noqa: E402


def fit(xs, ys, ws, l2=0.01, steps=4000, rate=0.5):
    """Weighted logistic regression by gradient descent, a small L2 penalty (not on the bias)."""
    w = [0.0] * (len(xs[0]) + 1)
    total = sum(ws)
    for _ in range(steps):
        grad = [0.0] * len(w)
        for x, y, k in zip(xs, ys, ws):
            p = sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], x)))
            grad[0] += k * (p - y)
            for i, v in enumerate(x):
                grad[i + 1] += k * (p - y) * v
        for i in range(len(w)):
            penalty = l2 * w[i] if i > 0 else 0
            w[i] -= rate * (grad[i] / total + penalty)
    return w


def load(path, use):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            r["x"] = [r["features"][FEATURES.index(k)] for k in use]
            r["y"] = 1 if r["top"] and r["top"] == r["expected"] else 0
            rows.append(r)
    return rows


def source(name):
    """Sets made from one corpus share a source (stackfaq-subject, stackfaq-body): one is
    never fitted with the other left in."""
    return name.split("-")[0]


def scored(rows, w):
    return [dict(r, confidence=sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], r["x"])))) for r in rows]


def line(name, m):
    return (f"  {name:20s} precision {m['precision']:.3f}  coverage {m['coverage']:.3f}  "
            f"no-answer not confident {m['no-answer not confident']:.3f}  ({m['confident']} confident)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", metavar="NAME=FILE")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--features", default=",".join(FEATURES))
    a = ap.parse_args()
    use = a.features.split(",")
    sets = {}
    for s in a.sets:
        name, path = s.split("=", 1)
        sets[name] = load(path, use)

    def union(names):
        xs, ys, ws = [], [], []
        for n in names:
            for r in sets[n]:
                xs.append(r["x"])
                ys.append(r["y"])
                ws.append(1.0 / len(sets[n]))
        return xs, ys, ws

    print("as dumped (the engine's own confidence):")
    for n, rows in sets.items():
        print(line(n, metrics(rows, a.threshold)))
    w = fit(*union(list(sets)))
    print("fitted on all sets: bias %.2f, " % w[0] + ", ".join(f"{k} {v:.2f}" for k, v in zip(use, w[1:])))
    for n, rows in sets.items():
        print(line(n, metrics(scored(rows, w), a.threshold)))
    if len(sets) > 1:
        print("leave one source out (fitted on the sets of the other sources):")
        for n, rows in sets.items():
            wo = fit(*union([m for m in sets if source(m) != source(n)]))
            print(line(n, metrics(scored(rows, wo), a.threshold)) +
                  "  [bias %.2f, " % wo[0] + ", ".join(f"{k} {v:.2f}" for k, v in zip(use, wo[1:])) + "]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
