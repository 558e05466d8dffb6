#!/usr/bin/env python3
"""Writes the query sets of the search agreement tests from the articles of a
KB, the same every time (no clock, no unseeded random numbers): what the
queries are does not depend on how either search ranks them.

usage: make_queries.py --faqt FAQT --kb DIR --set helpdesk|officedocs --out FOLDER
                       [--toml FILE] [--relevance FILE]

Writes FOLDER/SET.tsv and FOLDER/SET-typos.tsv, both TAB-separated with '#'
comments: query, language, the article it was made from (its id, or "-"),
and the kind of query. The kinds:

  relevance  a line of tests/relevance/ (--relevance), in the language of
             the expected article's translation that the CLI finds for it
  title      the title as written
  short      the title's first content words (2-4), lower case, as typed
  summary    2-4 content words of the summary
  body       2-4 content words of the first lines of the body
  alias      an alias as written
  question   the title asked as users type a question ("how reset password")
  code       an error code or identifier pasted from the body
  common     a common word or two (officedocs)
  plain      a title or alias without its accents (Vietnamese, Polish)

The typos file has one query per title word of five letters or more that is
a spelling word (ASCII letters, not a stop word, not in capitals) of the
English articles: the title with that word changed by one seeded edit
(delete, insert, replace or swap two letters); its kind is
"typo:WORD>TYPO".

For officedocs, every 24th article (in id order) makes queries and every 12th
makes typos, so the files stay a few hundred lines. The KB is read through
`faqt list` and `faqt show --json`, so front matter mapped by faqt.toml is
read as faqt reads it. The files are committed; run this again only when the
KB's articles change.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

STOP = set("""a an and are as at be but by can do does for from has have how i i'm if in into is it
its it's me my of on or our so that the their then there this to was we what when where which who
why will with you your am been did get got im any not no can't cannot don't doesn't won't isn't
after before about again also only while all each some more most other such than too very just
using use used new your when""".split())

COMMON = ["outlook", "teams", "the", "teams meeting recording", "excel", "sharepoint", "exchange",
          "error", "password", "mailbox", "calendar", "sync", "onedrive", "license", "office 365",
          "cannot open", "meeting", "powershell", "free/busy", "not working", "how to",
          "access denied", "sign in", "autodiscover", "word", "attachment", "update"]

CODE = re.compile(r"\b(0x[0-9A-Fa-f]{6,8}|[A-Z]{2,}[0-9]{3,}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|"
                  r"[0-9]{3,}[A-Za-z]?-[0-9]{2,}|[A-Z][a-z]+[A-Z][A-Za-z]+Exception)\b")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def run(faqt, kb, *args):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    env.pop("FAQT_KB", None)
    done = subprocess.run([faqt, "-C", kb] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env)
    if done.returncode != 0:
        sys.exit("make_queries: faqt %s: %s" % (" ".join(args), done.stderr.decode(errors="replace")))
    return done.stdout.decode()


def rng_for(*parts):
    seed = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return random.Random(int(seed[:16], 16))


def words(text):
    return WORD.findall(text or "")


def content_words(text):
    return [w for w in words(text) if w.lower() not in STOP and len(w) > 1]


def strip_accents(text):
    text = text.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def clean(query):
    query = re.sub(r"[\t\r\n]+", " ", query).strip()
    return re.sub(r" {2,}", " ", query)


def body_lines(body):
    """The body's first prose, without headings, code, tables and markup."""
    out = []
    fenced = False
    for line in (body or "").splitlines():
        if line.startswith("```") or line.startswith("~~~"):
            fenced = not fenced
            continue
        if fenced or line.startswith("#") or line.startswith("|") or line.startswith(":::"):
            continue
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"<[^>]+>", " ", line)
        line = re.sub(r"[*_`>]+", " ", line).strip()
        if line:
            out.append(line)
        if len(out) >= 6:
            break
    return " ".join(out)


def pick_run(rng, ws, low=2, high=4):
    """2-4 consecutive words from ws, at a seeded place."""
    if len(ws) < low:
        return None
    n = rng.randint(low, min(high, len(ws)))
    start = rng.randint(0, len(ws) - n)
    return " ".join(ws[start:start + n])


def question_of(title, kind):
    """The title as users type it as a question: lower case, no '?', the
    small words they leave out gone; a title that is no question is asked
    as one ("how to fix" for a known error, else "how to")."""
    t = title.rstrip("?").lower()
    ws = words(t)
    if not ws:
        return None
    if ws[0] in ("how", "what", "why", "where", "when", "can", "which", "who"):
        keep = [ws[0]] + [w for w in ws[1:] if w not in ("do", "does", "i", "you", "can", "to", "a",
                                                           "an", "the", "my", "is", "are")]
    else:
        keep = (["how", "to", "fix"] if kind == "known-error" else ["how", "to"]) + content_words(t)[:4]
    return " ".join(keep) if len(keep) > 1 else None


def typo(rng, word):
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(20):
        op = rng.choice(["delete", "insert", "replace", "swap"])
        i = rng.randrange(len(word))
        if op == "delete":
            out = word[:i] + word[i + 1:]
        elif op == "insert":
            out = word[:i] + rng.choice(letters) + word[i:]
        elif op == "replace":
            c = rng.choice(letters)
            out = word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1:]
        else:
            if i == len(word) - 1:
                i -= 1
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if out.lower() != word.lower():
            return out
    return None


def spelling_title_words(title):
    seen = set()
    for w in re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)?", title):
        if "'" in w or "’" in w:
            continue
        lw = w.lower()
        if len(w) < 5 or lw in STOP or w.isupper() or lw in seen:
            continue
        # A word glued to a digit or a dot (Office365, v4.3) is not a word of
        # its own in the index.
        seen.add(lw)
        yield w


def articles(faqt, kb):
    listing = json.loads(run(faqt, kb, "list", "--public", "--json"))
    if isinstance(listing, dict):
        listing = listing.get("articles") or listing.get("results") or []
    found = []
    for item in listing:
        found.append((item["id"], item.get("lang") or ""))
    return sorted(set(found))


def translation_langs(faqt, kb, query):
    """The languages faqt search ranks the query's hits in, best first."""
    out = json.loads(run(faqt, kb, "search", "--public", "--json", "--no-correct", "--limit", "5", "--", query))
    return {r["id"]: r.get("lang") for r in out.get("results", [])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--kb", required=True)
    parser.add_argument("--toml")
    parser.add_argument("--set", required=True, choices=["helpdesk", "officedocs"])
    parser.add_argument("--relevance", action="append", default=[])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="faqt-queries-")
    try:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(args.kb, kb, ignore=shutil.ignore_patterns(".faqt", ".git"))
        if args.toml:
            shutil.copy(args.toml, os.path.join(kb, "faqt.toml"))
        run(args.faqt, kb, "index")
        make(args, kb)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def make(args, kb):
    faqt = args.faqt
    every, typo_every = (1, 1) if args.set == "helpdesk" else (24, 12)
    rows = []
    typos = []
    seen = set()

    def add(query, lang, ident, kind):
        query = clean(query or "")
        if not query or (query.lower(), lang) in seen:
            return
        seen.add((query.lower(), lang))
        rows.append((query, lang, ident, kind))

    for path in args.relevance:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line or line.startswith("#") or "\t" not in line:
                    continue
                query, expected = line.split("\t", 1)
                expected = expected.strip()
                lang = translation_langs(faqt, kb, query).get(expected) or "en"
                add(query, lang, expected, "relevance")

    listed = articles(faqt, kb)
    for n, (ident, lang) in enumerate(listed):
        make_typos = n % typo_every == 0
        if n % every != 0 and not make_typos:
            continue
        show_args = ["show", "--json"] + (["--lang", lang] if lang else []) + ["--", ident]
        a = json.loads(run(faqt, kb, *show_args))
        lang = a.get("lang") or lang or "en"
        title = a.get("title") or ""
        rng = rng_for(args.set, ident, lang)
        if make_typos and lang == "en":
            for w in spelling_title_words(title):
                t = typo(rng_for(args.set, ident, w), w)
                if t:
                    q = re.sub(r"(?<![A-Za-z])%s(?![A-Za-z])" % re.escape(w), t, title, count=1)
                    typos.append((clean(q), lang, ident, "typo:%s>%s" % (w.lower(), t.lower())))
        if n % every != 0:
            continue
        plain = lang in ("vi", "pl")
        if args.set == "helpdesk" or n % 2 == 0:
            add(title, lang, ident, "title")
        tw = content_words(title)
        if len(tw) >= 2:
            add(" ".join(tw[:rng.randint(2, 4)]).lower(), lang, ident, "short")
        add(pick_run(rng, content_words(a.get("summary"))), lang, ident, "summary")
        add(pick_run(rng, content_words(body_lines(a.get("body")))), lang, ident, "body")
        aliases = a.get("aliases") or []
        if aliases:
            add(aliases[rng.randrange(len(aliases))], lang, ident, "alias")
        if lang == "en":
            add(question_of(title, a.get("type")), lang, ident, "question")
        # GUIDs and dates are no error codes anyone pastes.
        body = re.sub(r"\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b|"
                      r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b", " ", a.get("body") or "")
        codes = sorted(set(CODE.findall(body)))
        if codes:
            add(codes[rng.randrange(len(codes))], lang, ident, "code")
        if plain:
            add(strip_accents(title).lower(), lang, ident, "plain")
            for alias in aliases:
                if strip_accents(alias) != alias:
                    add(strip_accents(alias), lang, ident, "plain")
                    break
    if args.set == "officedocs":
        for word in COMMON:
            add(word, "en", "-", "common")

    head = ("# Queries of the search agreement test (%s): query, language, the article it was made\n"
            "# from, kind. Written by tests/search_agreement/make_queries.py; see there.\n" % args.set)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, args.set + ".tsv"), "w", encoding="utf-8") as f:
        f.write(head)
        for row in rows:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(args.out, args.set + "-typos.tsv"), "w", encoding="utf-8") as f:
        f.write(head.replace("agreement test", "typo recall test"))
        for row in typos:
            f.write("\t".join(row) + "\n")
    print("make_queries: %d queries, %d typos" % (len(rows), len(typos)), file=sys.stderr)


if __name__ == "__main__":
    main()
