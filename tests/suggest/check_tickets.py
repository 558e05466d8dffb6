#!/usr/bin/env python3
"""Validate the labelled ticket set of `faqt suggest` and print its counts.

Usage: check_tickets.py [--faqt PATH] [--kb DIR] [--dir DIR] [--markdown]

--dir is the folder holding tickets.jsonl and eml/ (default: the one this script is in).

Checks, each failure printed with the file and line and a hint:
  - every line of tickets.jsonl is one JSON object with exactly the documented keys and types;
  - ids are unique and look like T001;
  - lang is en, vi or pl;
  - every non-empty "expected" is an article id that `faqt -C KB show ID` accepts (exit 0);
  - no ticket contains an article's title or one of its aliases verbatim (tickets are written
    the way users describe a problem, not tuned to the articles' wording);
  - at least 140 tickets and at least 25 with no answer;
  - every .eml in eml/ is listed in eml/expected.tsv and the other way round, carries the
    RFC 5322 headers From, To, Subject, Date, Message-ID, MIME-Version and Content-Type, and
    its expected id passes the same check.
Prints the counts (total, per language, no-answer, per expected article); --markdown prints
them as the tables the README shows. Exit 0 when all checks pass, 1 otherwise.
"""
import argparse
import collections
import email
import email.policy
import json
import os
import re
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KEYS = {"id", "subject", "body", "from", "category", "lang", "expected", "note"}
LANGS = ("en", "vi", "pl")
MIN_TOTAL = 140
MIN_NO_ANSWER = 25
EML_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type")

errors = []


def error(where, message, hint):
    errors.append(f"{where}: {message}\n  hint: {hint}")


def rel(path):
    r = os.path.relpath(path)
    return path if r.startswith("..") else r


def norm(text):
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def front_matter(path):
    """Title and aliases of one article (TOML +++ or YAML --- front matter)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if not lines or lines[0].strip() not in ("+++", "---"):
        return None, []
    fence = lines[0].strip()
    try:
        end = lines.index(fence, 1)
    except ValueError:
        return None, []
    block = lines[1:end]
    if fence == "+++":
        try:
            data = tomllib.loads("\n".join(block))
        except tomllib.TOMLDecodeError:
            return None, []
        return data.get("title"), list(data.get("aliases", []))
    title, aliases, in_aliases = None, [], False
    for line in block:
        if in_aliases and re.match(r"^\s+-\s+", line):
            aliases.append(re.sub(r"^\s+-\s+", "", line).strip().strip("\"'"))
            continue
        in_aliases = False
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value.strip("\"'")
        elif key == "aliases":
            if value.startswith("["):
                aliases += [a.strip().strip("\"'") for a in value.strip("[]").split(",") if a.strip()]
            else:
                in_aliases = True
    return title, aliases


def kb_phrases(kb):
    phrases = []
    for dirpath, _, files in os.walk(kb):
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("_") and name != "README.md":
                path = os.path.join(dirpath, name)
                title, aliases = front_matter(path)
                for p in ([title] if title else []) + aliases:
                    if len(norm(p).split()) >= 3:  # "new laptop", "locked out": everyday words, not a copied phrase
                        phrases.append((norm(p), os.path.relpath(path, kb)))
    return phrases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faqt", default=os.path.join(ROOT, "build", "cli", "faqt"))
    ap.add_argument("--kb", default=os.path.join(ROOT, "examples", "helpdesk"))
    ap.add_argument("--dir", default=HERE, help="folder holding tickets.jsonl and eml/")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()

    if not os.access(args.faqt, os.X_OK):
        print(f"check_tickets.py: error: no faqt binary at {args.faqt}\n  hint: build it, or pass --faqt PATH",
              file=sys.stderr)
        return 1

    known = {}

    def exists(article):
        if article not in known:
            r = subprocess.run([args.faqt, "-C", args.kb, "show", article],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            known[article] = r.returncode == 0
        return known[article]

    phrases = kb_phrases(args.kb)
    jsonl = os.path.join(args.dir, "tickets.jsonl")
    tickets, seen = [], set()
    with open(jsonl, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{rel(jsonl)}:{n}"
            try:
                t = json.loads(line)
            except json.JSONDecodeError as e:
                error(where, f"not valid JSON ({e.msg} at column {e.colno})", "one JSON object per line")
                continue
            if not isinstance(t, dict) or set(t) != KEYS:
                error(where, f"keys are {sorted(t) if isinstance(t, dict) else type(t).__name__}",
                      "exactly: " + ", ".join(sorted(KEYS)))
                continue
            if not all(isinstance(t[k], str) for k in KEYS):
                error(where, "every value must be a string", "use \"\" for an empty category or answer")
                continue
            if not re.fullmatch(r"T\d{3,}", t["id"]) or t["id"] in seen:
                error(where, f"id {t['id']!r} is malformed or repeated", "ids are T001, T002, ... and unique")
            seen.add(t["id"])
            if t["lang"] not in LANGS:
                error(where, f"lang {t['lang']!r}", "one of " + ", ".join(LANGS))
            if not t["subject"].strip() and not t["body"].strip():
                error(where, "subject and body are both empty", "a ticket needs some text")
            if t["expected"] and not exists(t["expected"]):
                error(where, f"expected article {t['expected']!r} is not in {args.kb}",
                      f"check it with: faqt -C {args.kb} show ID")
            text = norm(t["subject"] + " " + t["body"])
            for phrase, path in phrases:
                if re.search(r"(^| )" + re.escape(phrase) + r"( |$)", text):
                    error(where, f"{t['id']} contains the title or an alias of {path} verbatim: {phrase!r}",
                          "describe the problem in the user's own words")
            tickets.append(t)

    eml_dir = os.path.join(args.dir, "eml")
    tsv = os.path.join(eml_dir, "expected.tsv")
    listed = {}
    if os.path.exists(tsv):
        with open(tsv, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 2:
                    error(f"{rel(tsv)}:{n}", "not FILE<TAB>ARTICLE-ID",
                          "leave the id empty (but keep the tab) when no article answers")
                    continue
                listed[parts[0]] = parts[1]
                if parts[1] and not exists(parts[1]):
                    error(f"{rel(tsv)}:{n}", f"expected article {parts[1]!r} does not exist",
                          f"check it with: faqt -C {args.kb} show ID")
    emls = sorted(n for n in os.listdir(eml_dir) if n.endswith(".eml")) if os.path.isdir(eml_dir) else []
    for name in emls:
        if name not in listed:
            error(rel(os.path.join(eml_dir, name)), "not listed in expected.tsv", "add a line FILE<TAB>ARTICLE-ID")
        with open(os.path.join(eml_dir, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        for h in EML_HEADERS:
            if msg[h] is None:
                error(rel(os.path.join(eml_dir, name)), f"no {h} header", "RFC 5322 headers: " + ", ".join(EML_HEADERS))
    for name in listed:
        if name not in emls:
            error(rel(tsv), f"{name} is listed but missing", "add the file or drop the line")

    if len(tickets) < MIN_TOTAL:
        error(rel(jsonl), f"{len(tickets)} tickets", f"at least {MIN_TOTAL}")
    no_answer = sum(1 for t in tickets if not t["expected"])
    if no_answer < MIN_NO_ANSWER:
        error(rel(jsonl), f"{no_answer} no-answer tickets", f"at least {MIN_NO_ANSWER}")

    langs = collections.Counter(t["lang"] for t in tickets)
    per = collections.Counter(t["expected"] for t in tickets if t["expected"])
    eml_answered = sum(1 for v in listed.values() if v)
    if args.markdown:
        print(f"| tickets | {len(tickets)} |\n| --- | --- |")
        for lang in LANGS:
            print(f"| lang {lang} | {langs[lang]} |")
        print(f"| no answer (expected \"\") | {no_answer} |")
        print(f"| distinct expected articles | {len(per)} |")
        print(f"| .eml files | {len(emls)} ({eml_answered} with an answer) |")
        print("\n| expected article | tickets |\n| --- | --- |")
        for article, count in sorted(per.items()):
            print(f"| {article} | {count} |")
    else:
        print(f"tickets: {len(tickets)}")
        print("per language: " + ", ".join(f"{lang} {langs[lang]}" for lang in LANGS))
        print(f"no answer: {no_answer}")
        print(f"distinct expected articles: {len(per)}")
        print(f"eml files: {len(emls)} ({eml_answered} with an answer)")
        for article, count in sorted(per.items()):
            print(f"  {count:3d}  {article}")
    for e in errors:
        print("check_tickets.py: error: " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
