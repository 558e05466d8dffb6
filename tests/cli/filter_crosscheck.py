#!/usr/bin/env python3
"""The same filters through 'faqt list' and 'faqt search' select the same articles.

Both commands use content's ArticleFilter: list applies it to parsed articles,
search turns it into the index's query. This runs many filter combinations on
a copy of examples/helpdesk with --json and asserts that the id sets agree
(notmuch's count-vs-search cross-check), and that a value that exists nowhere
is the same usage error (exit 2) in both.
"""

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile

SINGLE = [
    [],
    ["--lang", "VI"], ["--lang", "vi"], ["--lang", "pl-PL"], ["--lang", "en"], ["--lang", "en,pl"],
    ["--category", "NETWORK"], ["--category", "network/vpn"], ["--category", "Network/"],
    ["--category", "accounts"], ["--category", "NET-VPN"],
    ["--type", "known-error"], ["--type", "FAQ"], ["--type", "howto,faq"],
    ["--status", "workaround"], ["--status", "Fixed"], ["--status", "investigating,wont-fix"],
    ["--severity", "critical"], ["--severity", "High"], ["--severity", "medium,low"],
    ["--tag", "VPN"], ["--tag", "mfa"], ["--product", "outlook"], ["--product", "VPN Client"],
    ["--version", "4.3"], ["--version", "4.3.1"], ["--version", "v10"],
    ["--internal"], ["--public"], ["--drafts"],
]

UNKNOWN = [["--category", "nope"], ["--type", "bogus"], ["--status", "nope"], ["--type", "knwon-error"],
           ["--severity", "severe"]]


def run(faqt, kb, args):
    env = dict(os.environ, NO_COLOR="1", FAQT_TODAY="2026-12-01", LC_ALL="C.UTF-8")
    return subprocess.run([faqt, "-C", kb] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          timeout=120)


def ids(faqt, kb, command, filters):
    args = [command] + filters + ["--json"]
    if command == "search":
        args += ["--limit", "100000", "--no-refresh"]
        if not [f for f in filters if f.startswith("--") and f != "--drafts"]:
            args += ["--facets"]  # no filter: search everything (facets alone is a search)
    proc = run(faqt, kb, args)
    if proc.returncode not in (0, 1):
        raise AssertionError("%s %s: exit %d: %s" % (command, filters, proc.returncode, proc.stderr.decode()))
    data = json.loads(proc.stdout)
    rows = data["articles"] if command == "list" else data["results"]
    return {row["id"] for row in rows}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    faqt = os.path.realpath(options.faqt)
    failures = []
    with tempfile.TemporaryDirectory(prefix="faqt-crosscheck-") as tmp:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
        proc = run(faqt, kb, ["index", "-q"])
        if proc.returncode != 0:
            print("faqt index failed: %s" % proc.stderr.decode())
            return 1
        combos = [a for a in SINGLE]
        for a, b in itertools.combinations(SINGLE[1:], 2):
            if a[0] != b[0] and {a[0], b[0]} != {"--internal", "--public"}:
                combos.append(a + b)
        checked = 0
        for filters in combos:
            listed = ids(faqt, kb, "list", filters)
            searched = ids(faqt, kb, "search", filters)
            checked += 1
            if listed != searched:
                failures.append("%s: list has %s more, search has %s more" %
                                (" ".join(filters) or "(no filter)", sorted(listed - searched),
                                 sorted(searched - listed)))
        # A filter that selects something must select something in both: the
        # check above would pass if both commands found nothing.
        if not ids(faqt, kb, "list", ["--lang", "VI"]) or not ids(faqt, kb, "list", ["--category", "NETWORK"]):
            failures.append("--lang VI or --category NETWORK selects nothing")
        for filters in UNKNOWN:
            for command in ("list", "search"):
                proc = run(faqt, kb, [command] + filters + (["vpn"] if command == "search" else []))
                if proc.returncode != 2 or b"unknown" not in proc.stderr:
                    failures.append("%s %s: exit %d (want 2 and 'unknown'): %s" %
                                    (command, " ".join(filters), proc.returncode, proc.stderr.decode()))
    for failure in failures:
        print(failure)
    print("%d filter combinations compared, %d failures" % (checked, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
