#!/usr/bin/env python3
"""Check that `faqt suggest --batch` gives every ticket the result one `faqt suggest --json` gives it.

Usage: batch_same.py --faqt PATH [--kb DIR] [--dir DIR]

Writes the labelled tickets of DIR/tickets.jsonl (id, subject, body, category) as one JSON Lines
export, runs `faqt suggest --batch` on it once, and `faqt suggest --json --subject S --body B
--category C` on each ticket, both with --explain, and compares them object by object: they must
be equal but for ticket.id (the batch takes the export's id column). One code path reads a ticket
in both, so any difference is a bug. Prints how long each took; exit status 1 on a difference.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate import run_suggest  # noqa: E402 (the one way the measures run one ticket)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faqt", default="build/cli/faqt")
    ap.add_argument("--kb", default=os.path.join(HERE, "..", "..", "examples", "helpdesk"))
    ap.add_argument("--dir", default=HERE)
    a = ap.parse_args()

    with open(os.path.join(a.dir, "tickets.jsonl"), encoding="utf-8") as f:
        tickets = [json.loads(line) for line in f if line.strip()]
    tickets = [t for t in tickets if t["subject"].strip() or t["body"].strip()]
    work = tempfile.mkdtemp(prefix="faqt-suggest-batch-")
    try:
        kb = os.path.join(work, "kb")
        shutil.copytree(a.kb, kb, ignore=shutil.ignore_patterns(".faqt"))
        subprocess.run([a.faqt, "-C", kb, "index", "-q"], check=True)
        export = os.path.join(work, "tickets.jsonl")
        with open(export, "w", encoding="utf-8") as f:
            for t in tickets:
                row = {"id": t["id"], "subject": t["subject"], "body": t["body"], "category": t["category"]}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")

        start = time.monotonic()
        p = subprocess.run([a.faqt, "-C", kb, "suggest", "--no-refresh", "--batch", export, "--explain",
                            "--limit", "5"], capture_output=True, text=True)
        batch_time = time.monotonic() - start
        if p.returncode != 0:
            print(f"faqt suggest --batch exited {p.returncode}: {p.stderr.strip()}", file=sys.stderr)
            return 1
        lines = [json.loads(line) for line in p.stdout.splitlines()]
        if len(lines) != len(tickets):
            print(f"faqt suggest --batch wrote {len(lines)} lines for {len(tickets)} tickets", file=sys.stderr)
            return 1

        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            singles = list(pool.map(lambda t: run_suggest(a.faqt, kb, t), tickets))
        single_time = time.monotonic() - start

        differ = 0
        for t, one, many in zip(tickets, singles, lines):
            if many["ticket"]["id"] != t["id"]:
                print(f"{t['id']}: the batch gave ticket.id {many['ticket']['id']!r}", file=sys.stderr)
                differ += 1
                continue
            one["ticket"].pop("id")
            many["ticket"].pop("id")
            if one != many:
                differ += 1
                print(f"{t['id']}: --batch and --json differ:\n  single {json.dumps(one)[:400]}\n"
                      f"  batch  {json.dumps(many)[:400]}", file=sys.stderr)
        print(f"{len(tickets)} tickets: --batch in {batch_time:.2f} s ({len(tickets) / batch_time:.0f} tickets/s), "
              f"one process per ticket in {single_time:.2f} s; {differ} differ")
        return 1 if differ else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
