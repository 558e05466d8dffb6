#!/usr/bin/env python3
"""Measure `faqt suggest` on the labelled tickets of tests/suggest/tickets.jsonl.

Usage: evaluate.py [--faqt PATH] [--kb DIR] [--dir DIR] [--markdown] [--baseline]
                   [--calibrate] [--threshold T] [--floors S1,PRECISION,NO_ANSWER]

Runs `faqt -C KB suggest --json --explain --subject S --body B --category C` on every ticket
(the From line goes in the body's head as the plain-ticket reader takes it) and prints:
  success@1, success@3   the expected article first / in the first three (answered tickets)
  precision              of the confident tickets, the share whose top result is right
                         (a confident answer to a no-answer ticket is wrong)
  coverage               the share of answered tickets that got a confident top result
  no-answer not confident  the share of no-answer tickets given "no confident match"
Then every email of eml/ (expected.tsv) through `faqt suggest FILE`, read with GMime: how
many have the right top result, how many are confident, and whether any is confident and wrong.
--baseline also runs the plain OR query (`faqt search --json --limit 3 -- "w1 OR w2 ..."`).
--calibrate fits the logistic confidence (bias, coverage, margin, title) on the top results'
features, by 5-fold cross-validation (held-out numbers printed) and on all tickets (the
coefficients to put in index/suggest.cpp). --floors makes the exit status 1 when success@1,
precision or the no-answer share falls under the floor given, when an email of eml/ is
answered confidently and wrongly, or when the share of eml/'s answered emails whose top result
is right falls under the success@1 floor.
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))


def run_suggest(faqt, kb, ticket):
    body = ticket["body"]
    args = [faqt, "-C", kb, "suggest", "--no-refresh", "--json", "--explain", "--limit", "5",
            "--subject", ticket["subject"], "--body", body]
    if ticket["category"]:
        args += ["--category", ticket["category"]]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{ticket['id']}: faqt suggest exited {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def run_baseline(faqt, kb, ticket):
    words = re.findall(r"\w+", ticket["subject"] + " " + ticket["body"])
    query = " OR ".join(w for w in words if w.upper() not in ("AND", "OR", "NOT"))
    if not query:
        return []
    p = subprocess.run([faqt, "-C", kb, "search", "--no-refresh", "--json", "--limit", "3", "--", query],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return []
    return [h["id"] for h in json.loads(p.stdout).get("results", [])]


def run_emails(faqt, kb, folder):
    """Each .eml of eml/expected.tsv through `faqt suggest FILE` (the GMime path)."""
    rows = []
    with open(os.path.join(folder, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, _, expected = line.rstrip("\n").partition("\t")
            p = subprocess.run([faqt, "-C", kb, "suggest", "--no-refresh", "--json", os.path.join(folder, name)],
                               capture_output=True, text=True)
            if p.returncode not in (0, 1):
                raise SystemExit(f"{name}: faqt suggest exited {p.returncode}: {p.stderr.strip()}")
            out = json.loads(p.stdout)
            res = out["results"]
            rows.append({"id": name, "expected": expected.strip(), "top": res[0]["id"] if res else "",
                         "confident": out["confident"]})
    return rows


def metrics(rows, threshold):
    answered = [r for r in rows if r["expected"]]
    none = [r for r in rows if not r["expected"]]
    s1 = sum(1 for r in answered if r["top"] == [r["expected"]][0]) / max(1, len(answered))
    s3 = sum(1 for r in answered if r["expected"] in r["ids"][:3]) / max(1, len(answered))
    confident = [r for r in rows if r["confidence"] >= threshold]
    right = sum(1 for r in confident if r["expected"] and r["top"] == r["expected"])
    precision = right / len(confident) if confident else 1.0
    coverage = sum(1 for r in answered if r["confidence"] >= threshold) / max(1, len(answered))
    no_answer = sum(1 for r in none if r["confidence"] < threshold) / max(1, len(none))
    return {"success@1": s1, "success@3": s3, "precision": precision, "coverage": coverage,
            "no-answer not confident": no_answer, "confident": len(confident), "answered": len(answered),
            "no-answer": len(none)}


def floor_failures(m, floors):
    """What of metrics m falls under floors "S1,PRECISION,NO_ANSWER" (empty: nothing)."""
    s1, prec, none = (float(x) for x in floors.split(","))
    bad = []
    if m["success@1"] < s1:
        bad.append(f"success@1 {m['success@1']:.3f} < {s1}")
    if m["precision"] < prec:
        bad.append(f"precision {m['precision']:.3f} < {prec}")
    if m["no-answer not confident"] < none:
        bad.append(f"no-answer not confident {m['no-answer not confident']:.3f} < {none}")
    return bad


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-50, min(50, z))))


def fit(xs, ys, l2=0.01, steps=3000, rate=0.5):
    """Logistic regression by gradient descent, a small L2 penalty (not on the bias)."""
    w = [0.0] * (len(xs[0]) + 1)
    n = len(xs)
    for _ in range(steps):
        grad = [0.0] * len(w)
        for x, y in zip(xs, ys):
            p = sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], x)))
            grad[0] += (p - y)
            for i, v in enumerate(x):
                grad[i + 1] += (p - y) * v
        for i in range(len(w)):
            penalty = l2 * w[i] if i > 0 else 0
            w[i] -= rate * (grad[i] / n + penalty)
    return w


FEATURES = ["coverage", "margin", "title", "share"]


def features(result):
    f = result.get("features", {})
    return [f.get(k, 0.0) for k in FEATURES]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faqt", default="build/cli/faqt")
    ap.add_argument("--kb", default="examples/helpdesk")
    ap.add_argument("--dir", default=HERE)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--floors", default="")
    ap.add_argument("--failures", action="store_true", help="list the tickets whose top result is wrong")
    ap.add_argument("--dump", default="", help="write each ticket's top result and features (JSON Lines)")
    a = ap.parse_args()

    with open(os.path.join(a.dir, "tickets.jsonl"), encoding="utf-8") as f:
        tickets = [json.loads(line) for line in f if line.strip()]
    # A copy of the KB, indexed once, so that every run reads the same index
    # (--no-refresh) and nothing is written into the source tree.
    work = tempfile.mkdtemp(prefix="faqt-suggest-eval-")
    kb = os.path.join(work, "kb")
    shutil.copytree(a.kb, kb, ignore=shutil.ignore_patterns(".faqt"))
    a.kb = kb
    subprocess.run([a.faqt, "-C", a.kb, "index", "-q"], check=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outs = list(pool.map(lambda t: run_suggest(a.faqt, a.kb, t), tickets))
    rows = []
    for t, out in zip(tickets, outs):
        res = out["results"]
        rows.append({"id": t["id"], "expected": t["expected"], "ids": [r["id"] for r in res],
                     "top": res[0]["id"] if res else "", "confidence": res[0]["confidence"] if res else 0.0,
                     "features": features(res[0]) if res else [0.0] * len(FEATURES), "note": t["note"]})
    m = metrics(rows, a.threshold)
    table = [("faqt suggest", m)]
    emails = run_emails(a.faqt, a.kb, os.path.join(a.dir, "eml"))
    answered = [r for r in emails if r["expected"]]
    email_right = sum(r["top"] == r["expected"] for r in answered)
    email_wrong = [r for r in emails if r["confident"] and r["top"] != r["expected"]]
    email_none = [r for r in emails if not r["expected"]]
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in ("expected", "top", "ids", "confidence", "features")}) + "\n")

    if a.baseline:
        with ThreadPoolExecutor(max_workers=2) as pool:
            base = list(pool.map(lambda t: run_baseline(a.faqt, a.kb, t), tickets))
        brows = [{"expected": t["expected"], "ids": ids, "top": ids[0] if ids else "",
                  "confidence": 1.0 if ids else 0.0} for t, ids in zip(tickets, base)]
        table.append(("plain OR query (search)", metrics(brows, 0.5)))

    keys = ["success@1", "success@3", "precision", "coverage", "no-answer not confident"]
    if a.markdown:
        print("| method | " + " | ".join(keys) + " |")
        print("| --- |" + " --- |" * len(keys))
        for name, mm in table:
            print(f"| {name} | " + " | ".join(f"{mm[k]:.2f}" for k in keys) + " |")
    else:
        for name, mm in table:
            print(f"{name}: " + ", ".join(f"{k} {mm[k]:.3f}" for k in keys) +
                  f" (threshold {a.threshold}, {mm['confident']} confident, {mm['answered']} answered,"
                  f" {mm['no-answer']} without an answer)")

    print(f"emails (eml/, read with GMime): top result right {email_right}/{len(answered)}, confident "
          f"{sum(r['confident'] for r in answered)}/{len(answered)}, confident and wrong {len(email_wrong)}, "
          f"no-answer not confident {sum(not r['confident'] for r in email_none)}/{len(email_none)}")
    if a.failures:
        for r in emails:
            if r["top"] != r["expected"] and (r["expected"] or r["confident"]):
                print(f"  {r['id']} expected {r['expected'] or '-'} got {r['top'] or '-'}")
        for r in rows:
            if r["top"] != r["expected"] and (r["expected"] or r["confidence"] >= a.threshold):
                print(f"  {r['id']} expected {r['expected'] or '-'} got {r['top'] or '-'} "
                      f"({r['confidence']:.2f}) {r['note']}")

    if a.calibrate:
        ys = [1 if r["top"] and r["top"] == r["expected"] else 0 for r in rows]
        xs = [r["features"] for r in rows]
        order = list(range(len(rows)))
        random.Random(8).shuffle(order)
        held = [0.0] * len(rows)
        for k in range(5):
            test = set(order[k::5])
            w = fit([xs[i] for i in range(len(rows)) if i not in test],
                    [ys[i] for i in range(len(rows)) if i not in test])
            for i in test:
                held[i] = sigmoid(w[0] + sum(p * q for p, q in zip(w[1:], xs[i])))
        hrows = [dict(r, confidence=h) for r, h in zip(rows, held)]
        hm = metrics(hrows, a.threshold)
        w = fit(xs, ys)
        print("held-out (5-fold): " + ", ".join(f"{k} {hm[k]:.3f}" for k in
                                                 ["precision", "coverage", "no-answer not confident"]))
        print("fitted on all: bias %.2f, coverage %.2f, margin %.2f, title %.2f" % tuple(w))

    shutil.rmtree(work, ignore_errors=True)
    if a.floors:
        bad = floor_failures(m, a.floors)
        s1 = float(a.floors.split(",")[0])
        if email_wrong:
            bad.append("confident and wrong on " + ", ".join(r["id"] for r in email_wrong))
        if email_right < s1 * len(answered):
            bad.append(f"emails: top result right {email_right}/{len(answered)} < {s1}")
        if bad:
            print("FAILED: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
