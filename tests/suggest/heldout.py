#!/usr/bin/env python3
"""Measure `faqt suggest` on held-out sets it was never tuned on.

Usage: heldout.py SET [--faqt PATH] [--corpus DIR] [--markdown] [--dump FILE]
                  [--floors S1,PRECISION,NO_ANSWER] [--threshold T] [--seed N]

SET is one of
  stackfaq-subject  StackFAQ (Karan and Snajder 2018): each of the 1,249 real rephrasings
                    as a ticket's subject, no body, against the KB of its 125 threads
                    (tests/relevance/stackfaq.py builds it); no-answer tickets: the
                    rephrasings of a random 20% of threads, against a second KB without them.
  stackfaq-body     the same rephrasings as the body of a mail (a greeting before, a
                    signature after, a generic subject), same KBs.
  officedocs        officedocs-support (2,448 Microsoft Office support articles):
                    tickets generated from an article's Symptoms section (1 to 3 sentences,
                    error messages kept, in a greeting, a signature and sometimes a quoted
                    reply of the service desk); expected = that article. No-answer tickets:
                    the same made from articles removed from the KB copy (a random 10%).
                    These are approximations of real tickets, written by a script.
  officedocs-long   the same articles, each ticket the whole Symptoms section (up to 12
                    sentences) with 2 to 4 sentences of small talk ("This started on Monday
                    morning", "I have a meeting with a customer at 14:00") mixed in: long mail.

Nothing of these sets goes into a KB's synonyms, aliases or the model: the KBs are built
from the corpora as they are, in a temporary folder.

Prints success@1, success@3, the precision of confident top results, coverage and the share
of no-answer tickets left "no confident match" at the threshold (tests/suggest/evaluate.py
defines them). --dump writes one JSON line per ticket (expected, top, confidence, features)
for calibrate.py. --floors: exit 1 when success@1, precision or the no-answer share falls
under it. Exit 77 (skip) when the corpus is missing.
"""

import argparse
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from evaluate import features, floor_failures, metrics  # noqa: E402

GREETINGS = ["Hi,", "Hello,", "Hi team,", "Dear IT support,", "Good morning,", "Hello support team,"]
CLOSINGS = ["Thanks,", "Thank you,", "Regards,", "Best regards,", "Kind regards,", "Cheers,"]
NAMES = ["Maria Keane", "Tom Becker", "Anna Nowak", "Nguyen Van An", "Sam Patel", "Julia Ortiz"]
SIGNATURE_TAILS = ["Finance department", "Sales | EMEA", "Phone +44 20 7946 0123", "Office 3.14, Building B",
                   "Sent from my iPhone", "Operations Manager"]
GENERIC_SUBJECTS = ["Question", "Help needed", "Problem", "Issue", "Support request", "Urgent", ""]
# What users add to a long mail besides the problem: time, urgency, what they tried.
SMALL_TALK = ["This started on Monday morning after the weekend.",
              "I have a meeting with a customer at 14:00 and really need this working before then.",
              "I already restarted my laptop twice and logged off and on again.",
              "My colleague sitting next to me does not seem to have the same problem.",
              "It worked fine last week, nothing was changed on my side as far as I know.",
              "Could you please have a look at this as soon as possible, my manager is asking."]
DESK_QUESTIONS = ["Could you describe what happens and when it started?",
                  "Thanks for contacting the service desk. Can you send a screenshot of the error?",
                  "Is this still happening after a restart?"]


def default_corpus():
    for c in (os.path.join(ROOT, "..", "shared", "corpus"), "/work/shared/corpus"):
        if os.path.isdir(c):
            return os.path.abspath(c)
    return os.path.join(ROOT, "..", "shared", "corpus")


def wrap_mail(rng, text, quoted=False):
    name = rng.choice(NAMES)
    lines = [rng.choice(GREETINGS), "", text, "", rng.choice(CLOSINGS), name]
    if rng.random() < 0.5:
        lines.append(rng.choice(SIGNATURE_TAILS))
    if quoted:
        lines += ["", "On Mon, 3 Nov 2025 at 09:12, Service Desk <servicedesk@example.com> wrote:",
                  "> " + rng.choice(DESK_QUESTIONS)]
    return name, "\n".join(lines)


# --- StackFAQ -----------------------------------------------------------------------------

def stackfaq_sets(corpus, work, rng, as_body):
    src = os.path.join(corpus, "stackfaq", "stackExchange-FAQ.json")
    if not os.path.isfile(src):
        return None
    out = os.path.join(work, "stackfaq")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "relevance", "stackfaq.py"), "--json", src,
                    "--out", out], check=True, capture_output=True)
    full = os.path.join(out, "kb")
    queries = []
    with open(os.path.join(out, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            q, a = line.rstrip("\n").split("\t")
            queries.append((q, a))
    articles = sorted({a for _, a in queries} | {"faq/" + os.path.splitext(p)[0] for p in
                                                 os.listdir(os.path.join(full, "faq"))})
    removed = set(rng.sample(articles, len(articles) // 5))
    reduced = os.path.join(work, "stackfaq-reduced")
    shutil.copytree(full, reduced)
    for a in removed:
        os.remove(os.path.join(reduced, a + ".md"))

    def ticket(q, expected):
        if as_body:
            _, body = wrap_mail(rng, q)
            return {"subject": rng.choice(GENERIC_SUBJECTS), "body": body, "expected": expected}
        return {"subject": q, "body": "", "expected": expected}

    answered = [dict(ticket(q, a), kb=full) for q, a in queries]
    none = [dict(ticket(q, ""), kb=reduced) for q, a in queries if a in removed]
    return [full, reduced], answered + none


# --- officedocs-support -------------------------------------------------------------------

def clean_markdown(text):
    out = []
    in_code = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            # A code block in Symptoms is an error message or a log line: what a user pastes.
            if s and len(s) <= 200:
                out.append(s)
            continue
        if s.startswith(":::") or s.startswith("[!INCLUDE") or s.startswith("<") or s.startswith("|"):
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip()
            if s.startswith("[!"):
                continue
        s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"[*_`]{1,3}", "", s)
        s = re.sub(r"^([-+] |\d+\. )", "", s)
        out.append(s)
    return "\n".join(out)


def symptoms(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    m = re.search(r"^##\s+Symptoms?\s*$(.*?)(?=^##\s|\Z)", text, re.M | re.S)
    if not m:
        return ""
    return clean_markdown(m.group(1)).strip()


def sentences(text):
    parts = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        parts += [p for p in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", para) if p]
    return parts


def officedocs_sets(corpus, work, rng, long_tickets, max_answered=400):
    src = os.path.join(corpus, "officedocs-support")
    if not os.path.isdir(src):
        return None
    kb = os.path.join(work, "officedocs")
    shutil.copytree(src, kb, ignore=shutil.ignore_patterns(".faqt"))
    shutil.copy(os.path.join(ROOT, "tests", "relevance", "officedocs.toml"), os.path.join(kb, "faqt.toml"))
    paths = sorted(p for p in glob.glob(os.path.join(kb, "**", "*.md"), recursive=True)
                   if "/includes/" not in p and "/_source/" not in p and not p.endswith("README.md"))
    made = []
    for p in paths:
        sents = sentences(symptoms(p))
        if sum(len(s.split()) for s in sents) >= 8:
            made.append((p, sents))
    rng.shuffle(made)
    n_removed = len(paths) // 10
    removed_paths = {p for p, _ in made[:n_removed]}
    removed, kept = made[:n_removed], made[n_removed:]
    removed = removed[: max_answered // 4]
    kept = kept[:max_answered]

    def ticket(sents, expected):
        # From the first sentence (later ones often lean on it: "However, ..."), 1 to 3.
        # A ticket says something: at least 12 words ("Consider the following
        # scenario:" alone is not a ticket).
        n = rng.randint(1, 3)
        while n < len(sents) and sum(len(s.split()) for s in sents[:n]) < 12:
            n += 1
        take = sents[:n]
        if long_tickets:
            # A long mail: the whole Symptoms section (up to 12 sentences) and small talk.
            take = list(sents[:12])
            for extra in rng.sample(SMALL_TALK, rng.randint(2, 4)):
                take.insert(rng.randint(1, len(take)), extra)
        # An error message quoted in the article is what a user pastes: keep every
        # sentence that holds one.
        for s in sents:
            if s not in take and re.search(r"\b(error|0x[0-9A-Fa-f]+|code)\b", s, re.I) and len(take) < 5:
                take.append(s)
        text = " ".join(take)
        _, body = wrap_mail(rng, text, quoted=rng.random() < 0.3)
        words = take[0].split()
        subject = " ".join(words[:rng.randint(4, 8)]) if rng.random() < 0.5 else rng.choice(GENERIC_SUBJECTS)
        return {"subject": subject, "body": body, "expected": expected, "kb": kb}

    def article_id(p):
        return os.path.splitext(os.path.relpath(p, kb))[0]

    answered = [ticket(s, article_id(p)) for p, s in kept]
    none = [ticket(s, "") for p, s in removed]
    for p in removed_paths:
        os.remove(p)
    return [kb], answered + none


# --- running -------------------------------------------------------------------------------

def run(faqt, t):
    args = [faqt, "-C", t["kb"], "suggest", "--no-refresh", "--json", "--explain", "--limit", "5",
            "--subject", t["subject"], "--body", t["body"]]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"faqt suggest exited {p.returncode}: {p.stderr.strip()}\n{t}")
    res = json.loads(p.stdout)["results"]
    return {"expected": t["expected"], "ids": [r["id"] for r in res], "top": res[0]["id"] if res else "",
            "confidence": res[0]["confidence"] if res else 0.0,
            "features": features(res[0]) if res else [0.0] * len(features({})),
            "subject": t["subject"], "body": t["body"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=["stackfaq-subject", "stackfaq-body", "officedocs", "officedocs-long"])
    ap.add_argument("--faqt", default=os.path.join(ROOT, "build", "cli", "faqt"))
    ap.add_argument("--corpus", default=default_corpus())
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--dump", default="")
    ap.add_argument("--floors", default="")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--failures", action="store_true")
    a = ap.parse_args()
    a.faqt = os.path.abspath(a.faqt)

    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="faqt-heldout-")
    try:
        if a.set.startswith("stackfaq"):
            made = stackfaq_sets(a.corpus, work, rng, a.set == "stackfaq-body")
        else:
            made = officedocs_sets(a.corpus, work, rng, a.set == "officedocs-long")
        if made is None:
            print(f"corpus {a.corpus} is missing; skipped")
            return 77
        kbs, tickets = made
        for kb in kbs:
            subprocess.run([a.faqt, "-C", kb, "index", "-q"], check=True)
        with ThreadPoolExecutor(max_workers=2) as pool:
            rows = list(pool.map(lambda t: run(a.faqt, t), tickets))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    m = metrics(rows, a.threshold)
    keys = ["success@1", "success@3", "precision", "coverage", "no-answer not confident"]
    if a.markdown:
        print(f"| {a.set} | " + " | ".join(f"{m[k]:.2f}" for k in keys) + f" | {m['answered']} + {m['no-answer']} |")
    else:
        print(f"{a.set}: " + ", ".join(f"{k} {m[k]:.3f}" for k in keys) +
              f" (threshold {a.threshold}, {m['confident']} confident, {m['answered']} answered,"
              f" {m['no-answer']} without an answer)")
    if a.failures:
        for r in rows:
            if r["confidence"] >= a.threshold and r["top"] != r["expected"]:
                print(f"  wrong confident {r['confidence']:.2f} expected {r['expected'] or '-'} got {r['top']}: "
                      f"{(r['subject'] + ' | ' + r['body'])[:160]!r}")
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in ("expected", "top", "ids", "confidence", "features", "subject", "body")}) + "\n")
    if a.floors:
        bad = floor_failures(m, a.floors)
        if bad:
            print("FAILED: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
