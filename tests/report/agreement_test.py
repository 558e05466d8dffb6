#!/usr/bin/env python3
"""faqt report's numbers against tests/report/independent.py, number by number.

usage: agreement_test.py --faqt BIN --source ROOT [--work DIR] [CASE...]

Each case runs `faqt -C KB report --tickets FILE --json ARGS` and the
independent computation on the same file with the same options, and compares
the tickets' counts (read, used, folded, before --since, after --until,
closed without a date, skipped by reason), every period × group (opened,
closed, backlog), the totals, the groups and the time to close (count,
median, 90th percentile, by group and by priority). Inputs: the example
export (week and month, by customer and priority, --since/--until), event
logs of scripts/gen-tickets in ServiceNow's, Zendesk's (also with --tz UTC),
Jira's, Freshdesk's and Znuny's Polish windows-1250 format, their rows
shuffled, and a snapshot with missing and unreadable dates.

The property cases ("property") run faqt alone on random event logs and
check what must hold whatever the definitions' details: the opened tickets
of every period × group add up to tickets used, per period to the totals,
per group to the groups' opened; week and month give the same used and
opened; backlog(p) = backlog(p-1) + opened(p) - closed(p) when nothing was
created before the range.
"""

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import independent  # noqa: E402

failures = []


def fail(case, message):
    failures.append("%s: %s" % (case, message))
    print("FAIL %s: %s" % (case, message))


def run_faqt(args, kb, path, extra):
    argv = [args.faqt, "-C", kb, "report", "--tickets", path, "--json"] + extra
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, TZ="UTC"))
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(argv), proc.returncode,
                                                 proc.stderr.decode("utf-8", "replace")[:2000]))
    return json.loads(proc.stdout)


def generate(args, work, name, gen_args):
    path = os.path.join(work, name)
    subprocess.run([sys.executable, os.path.join(args.source, "scripts", "gen-tickets"), "events", "--out", path]
                   + gen_args, check=True, stderr=subprocess.DEVNULL)
    return path


def rewrite(path, encoding, delimiter, change, seed):
    """Reads an export, lets change() edit its data rows, writes it back."""
    with open(path, encoding=encoding, newline="") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    header, data = rows[0], rows[1:]
    data = change(header, data, random.Random(seed))
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows([header] + data)


def shuffle(header, data, rng):
    rng.shuffle(data)
    return data


def damage_dates(header, data, rng):
    """A ServiceNow snapshot with dates missing or unreadable: tickets with no
    or an unreadable creation date, and closed ones that say no when."""
    col = {name: i for i, name in enumerate(header)}
    for row in data:
        x = rng.random()
        if x < 0.01:
            row[col["opened_at"]] = ""
        elif x < 0.02:
            row[col["opened_at"]] = "soon"
        elif x < 0.04 and row[col["state"]] == "Closed":
            row[col["resolved_at"]] = ""
            row[col["sys_updated_on"]] = ""
        elif x < 0.06 and row[col["state"]] == "Closed":
            row[col["resolved_at"]] = ""  # the close falls back to the update time
    return data


def compare(case, faqt, ours):
    t = faqt["tickets"]
    for key in ("read", "used", "tickets", "folded_rows", "before_since", "after_until", "closed_without_date"):
        if t.get(key) != ours["tickets"][key]:
            fail(case, "tickets.%s: faqt %r, independent %r" % (key, t.get(key), ours["tickets"][key]))
    fold_skips = {k: v for k, v in (t.get("skipped_by_reason") or {}).items()
                  if k in ("no ticket number", "no creation date", "unreadable creation date")}
    if fold_skips != ours["tickets"]["skipped_by_reason"]:
        fail(case, "skipped_by_reason: faqt %r, independent %r" % (fold_skips, ours["tickets"]["skipped_by_reason"]))

    def keyed(rows, key):
        return {key(r): r for r in rows}

    fields = ("start", "end", "mapped", "opened", "closed", "backlog")
    mine = keyed(ours["periods"], lambda r: (r["period"], r["group"]))
    theirs = keyed(faqt["periods"], lambda r: (r["period"], r["group"]))
    if set(mine) != set(theirs):
        only_faqt = sorted(set(theirs) - set(mine))[:5]
        only_ours = sorted(set(mine) - set(theirs))[:5]
        fail(case, "period x group rows differ: only faqt %r, only independent %r" % (only_faqt, only_ours))
    shown = 0
    for key in sorted(set(mine) & set(theirs)):
        for field in fields:
            if mine[key].get(field) != theirs[key].get(field):
                if shown < 8:
                    fail(case, "%s %s: %s faqt %r, independent %r" % (key[0], key[1], field, theirs[key].get(field),
                                                                     mine[key].get(field)))
                shown += 1
    if shown > 8:
        fail(case, "%d more period x group differences" % (shown - 8))

    if [r["period"] for r in faqt["totals"]] != [r["period"] for r in ours["totals"]]:
        fail(case, "periods: faqt %r, independent %r" % ([r["period"] for r in faqt["totals"]][:6],
                                                          [r["period"] for r in ours["totals"]][:6]))
    for a, b in zip(faqt["totals"], ours["totals"]):
        for field in ("start", "end", "opened", "closed", "backlog"):
            if a.get(field) != b[field]:
                fail(case, "totals %s %s: faqt %r, independent %r" % (b["period"], field, a.get(field), b[field]))

    if [(g["group"], g["opened"]) for g in faqt["groups"]] != [(g["group"], g["opened"]) for g in ours["groups"]]:
        fail(case, "groups (in order): faqt %r, independent %r" % (
            [(g["group"], g["opened"]) for g in faqt["groups"]][:8], [(g["group"], g["opened"]) for g in ours["groups"]][:8]))
    for a, b in zip(faqt["groups"], ours["groups"]):
        for field in ("mapped", "closed", "backlog"):
            if a.get(field) != b[field]:
                fail(case, "group %s %s: faqt %r, independent %r" % (b["group"], field, a.get(field), b[field]))

    theirs_ttc = [r for r in faqt["time_to_close"] if r.get("tickets")]
    key = lambda r: (r["by"], r["group"], r["tickets"], r["median_seconds"], r["p90_seconds"])  # noqa: E731
    if [key(r) for r in theirs_ttc] != [key(r) for r in ours["time_to_close"]]:
        a, b = [key(r) for r in theirs_ttc], [key(r) for r in ours["time_to_close"]]
        diff = [(x, y) for x, y in zip(a, b) if x != y][:4]
        fail(case, "time_to_close: %d rows faqt, %d independent; first differences (faqt, independent): %r" % (
            len(a), len(b), diff))


def agreement(args, kb, case, path, faqt_extra, preset=None, encoding="utf-8", delimiter=None, period="week",
              by="category", since=None, until=None, tz=None):
    faqt = run_faqt(args, kb, path, faqt_extra)
    folded = independent.fold_tickets(path, preset, encoding, delimiter, None,
                                      independent.parse_zone(tz) if tz else None)
    ours = independent.report(folded, kb, period, by, since, until)
    before = len(failures)
    compare(case, faqt, ours)
    if len(failures) == before:
        print("ok   %s: %d tickets, %d periods, %d groups agree" % (
            case, ours["tickets"]["tickets"], len(ours["totals"]), len(ours["groups"])))


def agreement_cases(args, work):
    # A copy: the report's coverage brings the KB's index up to date.
    kb = os.path.join(work, "kb")
    if not os.path.isdir(kb):
        shutil.copytree(os.path.join(args.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
    example = os.path.join(args.source, "examples", "tickets", "helpdesk-tickets.csv")
    cases = {
        "example-week": lambda: agreement(args, kb, "example-week", example, []),
        "example-month": lambda: agreement(args, kb, "example-month", example, ["--period", "month"], period="month"),
        "example-customer": lambda: agreement(args, kb, "example-customer", example, ["--by", "customer"],
                                              by="customer"),
        "example-priority-month": lambda: agreement(args, kb, "example-priority-month", example,
                                                    ["--by", "priority", "--period", "month"], period="month",
                                                    by="priority"),
        "example-since-until": lambda: agreement(args, kb, "example-since-until", example,
                                                 ["--since", "2026-09-02", "--until", "2026-10-14"],
                                                 since="2026-09-02", until="2026-10-14"),
        "example-since-month": lambda: agreement(args, kb, "example-since-month", example,
                                                 ["--since", "2026-10-01", "--period", "month", "--by", "agent"],
                                                 period="month", by="agent", since="2026-10-01"),
    }

    def servicenow_shuffled():
        path = generate(args, work, "servicenow-events.csv", ["--rows", "6000", "--seed", "11"])
        rewrite(path, "utf-8", ",", shuffle, 11)
        agreement(args, kb, "servicenow-events-shuffled", path, [], preset="servicenow")
        agreement(args, kb, "servicenow-events-since-until", path,
                  ["--since", "2024-01-10", "--until", "2024-01-30", "--by", "priority"],
                  preset="servicenow", by="priority", since="2024-01-10", until="2024-01-30")

    def zendesk():
        path = generate(args, work, "zendesk-events.csv", ["--rows", "4000", "--preset", "zendesk", "--seed", "12"])
        rewrite(path, "utf-8", ",", shuffle, 12)
        agreement(args, kb, "zendesk-events", path, [], preset="zendesk")
        agreement(args, kb, "zendesk-events-utc", path, ["--tz", "UTC", "--period", "month"], preset="zendesk",
                  period="month", tz="UTC")

    def jira():
        path = generate(args, work, "jira-events.csv", ["--rows", "4000", "--preset", "jira", "--seed", "13"])
        agreement(args, kb, "jira-events", path, ["--by", "customer"], preset="jira", by="customer")

    def freshdesk():
        path = generate(args, work, "freshdesk-events.csv", ["--rows", "3000", "--preset", "freshdesk", "--seed",
                                                             "14", "--delimiter", ";"])
        agreement(args, kb, "freshdesk-events-semicolon", path, [], preset="freshdesk", delimiter=";")

    def znuny():
        path = generate(args, work, "znuny-events.csv", ["--rows", "3000", "--preset", "znuny", "--seed", "15",
                                                         "--delimiter", ";", "--encoding", "windows-1250"])
        rewrite(path, "cp1250", ";", shuffle, 15)
        agreement(args, kb, "znuny-pl-cp1250-events", path, ["--encoding", "windows-1250", "--by", "agent"],
                  preset="znuny", encoding="cp1250", delimiter=";", by="agent")

    def damaged():
        path = generate(args, work, "servicenow-snapshot.csv", ["--rows", "2500", "--snapshot", "--seed", "16"])
        rewrite(path, "utf-8", ",", damage_dates, 16)
        agreement(args, kb, "servicenow-snapshot-damaged-dates", path, [], preset="servicenow")

    def fixtures():
        folder = os.path.join(args.source, "tests", "fixtures", "tickets")
        for name, preset, encoding, extra in [("servicenow.csv", "servicenow", "utf-8", []),
                                              ("zendesk.csv", "zendesk", "utf-8", []),
                                              ("jira.csv", "jira", "utf-8", []),
                                              ("freshdesk.csv", "freshdesk", "utf-8", []),
                                              ("znuny_de.csv", "znuny", "utf-8", []),
                                              ("znuny_pl_cp1250.csv", "znuny", "cp1250",
                                               ["--encoding", "windows-1250"])]:
            agreement(args, kb, "fixture " + name, os.path.join(folder, name), extra, preset=preset,
                      encoding=encoding)

    cases.update({"fixtures": fixtures, "servicenow-events": servicenow_shuffled, "zendesk-events": zendesk, "jira-events": jira,
                  "freshdesk-events": freshdesk, "znuny-events": znuny, "snapshot-damaged": damaged,
                  "property": lambda: properties(args, work, kb)})
    return cases


def properties(args, work, kb):
    rng = random.Random(4357)
    for round_ in range(6):
        preset = rng.choice(["servicenow", "zendesk", "jira", "freshdesk"])
        rows = rng.randint(20, 1500)
        path = generate(args, work, "property-%d.csv" % round_, ["--rows", str(rows), "--preset", preset, "--seed",
                                                                 str(rng.randint(1, 10 ** 6))])
        rewrite(path, "utf-8", ",", shuffle, round_)
        case = "property %d (%s, %d rows)" % (round_, preset, rows)
        by = rng.choice(["category", "customer", "priority", "agent"])
        week = run_faqt(args, kb, path, ["--by", by])
        month = run_faqt(args, kb, path, ["--by", by, "--period", "month"])
        before = len(failures)
        for name, report in (("week", week), ("month", month)):
            used = report["tickets"]["used"]
            opened = sum(r["opened"] for r in report["periods"])
            if opened != used:
                fail(case, "%s: opened over periods x groups %d, tickets used %d" % (name, opened, used))
            if sum(r["opened"] for r in report["totals"]) != used:
                fail(case, "%s: opened over the totals != used" % name)
            if sum(g["opened"] for g in report["groups"]) != used:
                fail(case, "%s: opened over the groups != used" % name)
            if used + report["tickets"]["before_since"] + report["tickets"]["after_until"] != \
                    report["tickets"]["tickets"]:
                fail(case, "%s: used + before + after != folded tickets" % name)
            per_period = {}
            for r in report["periods"]:
                agg = per_period.setdefault(r["period"], [0, 0, 0])
                agg[0] += r["opened"]
                agg[1] += r["closed"]
                agg[2] += r["backlog"]
            backlog = 0
            for total in report["totals"]:
                if per_period.get(total["period"], [0, 0, 0]) != [total["opened"], total["closed"], total["backlog"]]:
                    fail(case, "%s %s: the groups do not add up to the total" % (name, total["period"]))
                expected = backlog + total["opened"] - total["closed"]
                if total["backlog"] != expected:
                    fail(case, "%s %s: backlog %d, previous + opened - closed = %d" % (
                        name, total["period"], total["backlog"], expected))
                backlog = total["backlog"]
            # Each ticket once per period dimension: groups × periods of one
            # group add up to the group's row.
            for g in report["groups"]:
                rows_of = [r for r in report["periods"] if r["group"] == g["group"]]
                if len(rows_of) != len(report["totals"]):
                    fail(case, "%s: group %s has %d period rows, %d periods" % (
                        name, g["group"], len(rows_of), len(report["totals"])))
                if sum(r["opened"] for r in rows_of) != g["opened"]:
                    fail(case, "%s: group %s's periods do not add up" % (name, g["group"]))
        if week["tickets"]["used"] != month["tickets"]["used"]:
            fail(case, "week and month use different tickets")
        if {g["group"]: g["opened"] for g in week["groups"]} != {g["group"]: g["opened"] for g in month["groups"]}:
            fail(case, "week and month open different tickets per group")
        if len(failures) == before:
            print("ok   %s by %s: %d tickets, sums hold" % (case, by, week["tickets"]["used"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faqt", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", help="keep the generated inputs here")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    args.faqt = os.path.abspath(args.faqt)
    work = args.work or tempfile.mkdtemp(prefix="faqt-report-")
    os.makedirs(work, exist_ok=True)
    try:
        cases = agreement_cases(args, work)
        for name in args.cases or list(cases):
            try:
                cases[name]()
            except (RuntimeError, KeyError, ValueError) as e:
                fail(name, "%s: %s" % (type(e).__name__, e))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("\n%d differences" % len(failures))
        return 1
    print("\nPASS: faqt report agrees with the independent computation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
