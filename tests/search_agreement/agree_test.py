#!/usr/bin/env python3
"""What `faqt search --public` ranks first, the exported site's search ranks
first: every query of a fixed set (make_queries.py) is run through the CLI
and through the site's own search (agree.mjs: the exported search-core.js
and search-text.js over the exported search/ folders), and the two top 5s
are compared. Then typo recall: titles with one word misspelt must still
find their article in the site's top 5.

usage: agree_test.py --faqt FAQT --source DIR --set helpdesk|officedocs
                     [--min-top1 0.90] [--min-overlap 0.80] [--min-typo-recall 0.90]
                     [--node NODE] [--jobs N] [--site DIR] [--keep]

--site compares with an export made before (of the same KB) instead of
exporting the copy.

Figures, per query set:
  top-1 agreement  the share of queries whose first result is the same
                   article in both (both finding nothing counts as agreeing)
  top-5 overlap    |site top 5 ∩ CLI top 5| / max(1, |CLI top 5|), averaged
                   over the queries; a query where both find nothing counts 1,
                   one where only the site finds something 0
  typo recall@5    the share of typo queries whose article is in the site's
                   top 5 (the CLI's is printed beside it)
  same correction  among the typo queries, how often both replaced the typo
                   with the same word, or both left it (and how often each
                   put back the title's own word)

Every disagreement is printed (query, CLI top 3, site top 3), then the
figures; the test fails when one is under its floor. The KB is a temporary
copy (examples/helpdesk, or the officedocs-support corpus with
tests/realdata/officedocs.toml, skipped when the corpus is not on the
machine).
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77


def fail_setup(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def printable(text):
    """Strings from the KB reach the terminal only without control characters."""
    return "".join(c if c.isprintable() else "\ufffd" for c in str(text))


def read_queries(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                fail_setup("%s:%d: expected 4 TAB-separated columns" % (path, number))
            rows.append(dict(q=parts[0], lang=parts[1], id=parts[2], kind=parts[3]))
    return rows


def make_kb(args, tmp):
    kb = os.path.join(tmp, "kb")
    if args.set == "helpdesk":
        shutil.copytree(os.path.join(args.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
        return kb
    sys.path.insert(0, os.path.join(args.source, "tests", "realdata"))
    import officedocs_common

    corpus = officedocs_common.find_corpus(args.source)
    if corpus is None:
        print("officedocs-support corpus not found; set FAQT_OFFICEDOCS to run this test")
        sys.exit(SKIP)
    shutil.copytree(corpus, kb, ignore=shutil.ignore_patterns(".faqt", ".git"))
    shutil.copy(os.path.join(args.source, "tests", "realdata", "officedocs.toml"),
                os.path.join(kb, "faqt.toml"))
    return kb


def faqt(args, kb, *argv, timeout=900):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    env.pop("FAQT_KB", None)
    return subprocess.run([args.faqt, "-C", kb] + list(argv), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, timeout=timeout)


def default_lang(kb):
    try:
        import tomllib
    except ImportError:
        return "en"
    with open(os.path.join(kb, "faqt.toml"), "rb") as f:
        return tomllib.load(f).get("kb", {}).get("default_lang", "en")


def cli_search(args, kb, row):
    done = faqt(args, kb, "search", "--public", "--no-refresh", "--lang", row["lang"], "--json",
                "--limit", "5", "--", row["q"], timeout=120)
    # Exit status 1: nothing matches, which is an answer too.
    if done.returncode not in (0, 1):
        return dict(error=printable(done.stderr.decode(errors="replace").strip()))
    out = json.loads(done.stdout)
    return dict(ids=[r["id"] for r in out["results"]], titles=[r["title"] for r in out["results"]],
                corrections=out.get("corrections") or [], total=out.get("total"))


def site_search(args, site, rows, folder_of):
    requests = "".join(json.dumps(dict(q=r["q"], lang=r["lang"], folder=folder_of(r["lang"]))) + "\n"
                       for r in rows)
    done = subprocess.run([args.node, os.path.join(HERE, "agree.mjs"), "--limit", "5", site],
                          input=requests.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=1800)
    if done.returncode != 0:
        fail_setup("agree.mjs: " + printable(done.stderr.decode(errors="replace").strip()))
    results = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
    if len(results) != len(rows):
        fail_setup("agree.mjs answered %d of %d queries" % (len(results), len(rows)))
    return results


def overlap(site_ids, cli_ids):
    if not cli_ids:
        return 1.0 if not site_ids else 0.0
    return len(set(site_ids) & set(cli_ids)) / max(1, len(cli_ids))


def top3(ids):
    return ", ".join(printable(i) for i in ids[:3]) or "(nothing)"


def agreement(rows, cli, site):
    top1 = 0
    overlaps = []
    errors = 0
    print("Disagreements (query [lang]: CLI top 3 | site top 3):")
    for row, c, s in zip(rows, cli, site):
        if "error" in c or "error" in s:
            errors += 1
            print("  ERROR %r [%s]: CLI: %s | site: %s" % (printable(row["q"]), row["lang"],
                                                          printable(c.get("error", "ok")),
                                                          printable(s.get("error", "ok"))))
            overlaps.append(0.0)
            continue
        same_first = c["ids"][:1] == s["ids"][:1]
        top1 += same_first
        o = overlap(s["ids"], c["ids"])
        overlaps.append(o)
        if not same_first or o < 1.0:
            print("  %s%r [%s]: %s | %s (overlap %.2f)" % ("" if same_first else "TOP1 ", printable(row["q"]),
                                                          row["lang"], top3(c["ids"]), top3(s["ids"]), o))
    n = max(1, len(rows))
    return top1 / n, sum(overlaps) / n, errors


def correction_of(result, word):
    for c in result.get("corrections") or []:
        if str(c.get("from", "")).lower() == word:
            return str(c.get("to", "")).lower()
    return None


def typo_recall(rows, cli, site):
    found_site = found_cli = same = fixed_cli = fixed_site = 0
    print("Typo queries the site misses (query: wanted | site top 3 | corrections CLI / site):")
    for row, c, s in zip(rows, cli, site):
        typo = row["kind"].split(">", 1)[1]
        site_ids = s.get("ids") or []
        cli_ids = c.get("ids") or []
        found_site += row["id"] in site_ids
        found_cli += row["id"] in cli_ids
        cc, sc = correction_of(c, typo), correction_of(s, typo)
        same += cc == sc
        fixed_cli += cc == row["kind"].split(":", 1)[1].split(">", 1)[0]
        fixed_site += sc == row["kind"].split(":", 1)[1].split(">", 1)[0]
        if row["id"] not in site_ids:
            print("  %r: %s | %s | %s / %s" % (printable(row["q"]), printable(row["id"]), top3(site_ids),
                                              printable(cc or "-"), printable(sc or "-")))
    n = max(1, len(rows))
    return found_site / n, found_cli / n, same / n, fixed_cli / n, fixed_site / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--set", required=True, choices=["helpdesk", "officedocs"])
    parser.add_argument("--node", default=shutil.which("node") or "node")
    parser.add_argument("--min-top1", type=float, default=0.90)
    parser.add_argument("--min-overlap", type=float, default=0.80)
    parser.add_argument("--min-typo-recall", type=float, default=0.90)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--site")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    queries = read_queries(os.path.join(HERE, args.set + ".tsv"))
    typos = read_queries(os.path.join(HERE, args.set + "-typos.tsv"))
    if len(queries) < 200:
        fail_setup("%s.tsv has %d queries; the test needs at least 200" % (args.set, len(queries)))

    tmp = tempfile.mkdtemp(prefix="faqt-agree-")
    try:
        kb = make_kb(args, tmp)
        site = os.path.abspath(args.site) if args.site else os.path.join(tmp, "site")
        for argv in (["index"],) + (() if args.site else (["export", "--out", site],)):
            done = faqt(args, kb, *argv)
            if done.returncode != 0:
                fail_setup("faqt %s: %s" % (" ".join(argv), printable(done.stderr.decode(errors="replace"))))
        for needed in ("assets/search-core.js", "assets/search-text.js", "search/index.js"):
            if not os.path.isfile(os.path.join(site, needed)):
                fail_setup("the export has no %s" % needed)
        dl = default_lang(kb)

        def folder_of(lang):
            return "" if lang == dl else lang + "/"

        every = queries + typos
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            cli = list(pool.map(lambda r: cli_search(args, kb, r), every))
        browser = site_search(args, site, every, folder_of)

        nq = len(queries)
        top1, mean_overlap, errors = agreement(queries, cli[:nq], browser[:nq])
        recall, cli_recall, same, fixed_cli, fixed_site = typo_recall(typos, cli[nq:], browser[nq:])
        print()
        print("%s: %d queries: top-1 agreement %.1f%% (at least %.0f%%), top-5 overlap %.1f%% "
              "(at least %.0f%%), %d errors" % (args.set, nq, 100 * top1, 100 * args.min_top1,
                                                100 * mean_overlap, 100 * args.min_overlap, errors))
        print("%s: %d typo queries: recall@5 site %.1f%% (at least %.0f%%), CLI %.1f%%; "
              "same correction %.1f%%; typo corrected back to the title's word: CLI %.1f%%, site %.1f%%"
              % (args.set, len(typos), 100 * recall, 100 * args.min_typo_recall, 100 * cli_recall, 100 * same,
                 100 * fixed_cli, 100 * fixed_site))
        ok = (errors == 0 and top1 >= args.min_top1 and mean_overlap >= args.min_overlap
              and (not typos or recall >= args.min_typo_recall))
        print("PASS" if ok else "FAIL")
        sys.exit(0 if ok else 1)
    finally:
        if args.keep:
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
