#!/usr/bin/env python3
"""The numbers of `faqt report`, computed a second time, without faqt.

usage: tests/report/independent.py --kb KB FILE [--preset P] [--encoding E]
           [--delimiter D] [--period week|month] [--by category|customer|priority|agent]
           [--since DAY] [--until DAY] [--tz ZONE] [--closed S,S...]

Prints JSON in the shape of `faqt report --json` for the parts it computes:
tickets (read, used, tickets, folded_rows, before_since, after_until,
closed_without_date, skipped_by_reason), periods, totals, groups and
time_to_close. It follows the definitions of faqt-report(1),
tickets/report.hpp and tickets/ticket_history.hpp with its own reading of
the file (Python's csv), its own dates (datetime) and its own table of
ticket systems' columns and closing statuses, so that a mistake in faqt's
reading, folding or counting shows up as a difference:

- rows of one ticket number are one ticket, put in time order by the
  `updated` column (file order when there is none); its state is its last
  row's (an empty cell keeps the earlier value); created is its earliest
  creation date; it is closed at its last transition into a closing status
  (that row's resolved date, else its updated time) and open when its last
  status does not close it, whatever dates it carries (reopened);
- opened per period of creation, closed per period of the close, backlog at
  a period's end: created by then and not closed by then;
- periods: ISO weeks or calendar months of the wall clock, from the one
  holding --since (else the first creation) to the one holding --until
  (else the latest creation or close), empty ones included;
- time to close: nearest-rank median and 90th percentile of closed - created
  over the tickets closed in the range;
- the category a value maps to: a [[categories]] id, name or code of the
  KB's faqt.toml equal to the value folded.

Python 3.11 standard library only.
"""

import argparse
import csv
import functools
import json
import math
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, OrderedDict
from datetime import date, datetime, timedelta, timezone

csv.field_size_limit(1 << 30)

# --------------------------------------------------------------------------
# Ticket systems' columns (first present name wins) and closing statuses.

ROLES = ("id", "category", "created", "resolved", "status", "priority", "customer", "agent", "updated")

COLUMNS = {
    "servicenow": dict(id=["number"], category=["category", "subcategory"],
                       created=["opened_at", "Opened", "sys_created_on", "Created"],
                       resolved=["resolved_at", "Resolved", "closed_at", "Closed"],
                       status=["state", "incident_state"], priority=["priority"],
                       customer=["company", "caller_id"], agent=["assigned_to", "assignment_group"],
                       updated=["sys_updated_on", "Updated"]),
    "zendesk": dict(id=["Id", "Ticket ID"], category=["Category [list]", "Category", "Ticket type", "Group"],
                    created=["Created at"], resolved=["Solved at"], status=["Status"], priority=["Priority"],
                    customer=["Organization", "Requester"], agent=["Assignee"], updated=["Updated at"]),
    "jira": dict(id=["Issue key", "Issue id"],
                 category=["Custom field (Request Type)", "Custom field (Customer Request Type)", "Request Type",
                           "Component/s"],
                 created=["Created"], resolved=["Resolved"], status=["Status"], priority=["Priority"],
                 customer=["Custom field (Organizations)", "Organizations", "Reporter"], agent=["Assignee"],
                 updated=["Updated"]),
    "freshdesk": dict(id=["Ticket ID"], category=["Type", "Category"], created=["Created time"],
                      resolved=["Resolved time", "Closed time"], status=["Status"], priority=["Priority"],
                      customer=["Company Name", "Company", "Full name", "Contact"], agent=["Agent", "Group"],
                      updated=["Last update time", "Updated time"]),
    "znuny": dict(id=["Ticket#", "TicketNumber", "Ticketnummer", "Zgłoszenie#", "Numer zgłoszenia"],
                  category=["Queue", "File", "Kolejka", "Service", "Type", "Typ"],
                  created=["Created", "Erstellt", "Créé", "Utworzony", "Utworzone", "Utworzono"],
                  resolved=["Close Time", "Closed", "Geschlossen", "Fermé", "Zamknięte", "Zamknięty"],
                  status=["State", "Ticket State", "Status", "État", "Stan"],
                  priority=["Priority", "Priorität", "Priorité", "Priorytet"],
                  customer=["Customer ID", "CustomerID", "Kundennummer", "ID client", "ID klienta"],
                  agent=["Owner", "Besitzer", "Propriétaire", "Właściciel"],
                  updated=["Changed", "Geändert", "Modifié", "Zmieniony", "Zmienione", "Zmieniono"]),
    "": dict(id=["ID", "Ticket ID", "Ticket", "Ticket Number", "Number", "Key"],
             category=["Category", "Request Type", "Topic", "Help Topic", "Queue", "Type"],
             created=["Created", "Created at", "Opened", "Creation date", "Date"],
             resolved=["Resolved", "Closed", "Resolved at", "Closed at", "Solved at"],
             status=["Status", "State"], priority=["Priority"],
             customer=["Customer", "Organization", "Organisation", "Company", "Client", "Requester"],
             agent=["Agent", "Assignee", "Assigned to", "Owner"],
             updated=["Updated", "Updated at", "Last updated", "Modified"]),
}

CLOSING = {
    "servicenow": ["Resolved", "Closed", "Canceled", "Cancelled", "Closed Complete", "Closed Incomplete"],
    "zendesk": ["solved", "closed"],
    "jira": ["Resolved", "Closed", "Done", "Canceled", "Cancelled", "Declined", "Won't Do"],
    "freshdesk": ["Resolved", "Closed"],
    "znuny": ["closed successful", "closed unsuccessful", "merged", "erfolgreich geschlossen",
              "erfolglos geschlossen", "fermé avec succès", "fermé sans succès", "zamknięte pomyślnie",
              "zamknięte niepomyślnie", "zamknięte"],
    "": ["closed", "resolved", "solved", "done", "cancelled", "canceled", "geschlossen", "gelöst", "erledigt",
         "fermé", "résolu", "zamknięte", "rozwiązane"],
}

# Letters NFKD does not take apart (content/text.hpp's fold).
EXTRA_FOLD = {"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}


@functools.lru_cache(maxsize=None)
def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(EXTRA_FOLD.get(c, c) for c in text)


def column_key(name):
    return "".join(c for c in fold(name) if c.isascii() and (c.isalnum() or c == "#") or not c.isascii())


# --------------------------------------------------------------------------
# Dates. Wall-clock seconds since 1970 of the report's zone.

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                 r"\s*(Z|UTC|[+-]\d{2}:?\d{2})?$")
JIRA = re.compile(r"^(\d{1,2})/([A-Za-z]{3})/(\d{2}) (\d{1,2}):(\d{2}) ?([AP]M)$")
NUMERIC = re.compile(r"^(\d{1,2})([/.])(\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
MISSING = {"", "?", "-", "null", "n/a", "none", "not set"}


class Moment:
    """A time as written: naive wall clock plus the offset it was written in (None: none)."""
    __slots__ = ("wall", "offset")

    def __init__(self, wall, offset):
        self.wall, self.offset = wall, offset


def read_moment(value, order):
    value = value.strip()
    if value.lower() in MISSING:
        return None
    m = ISO.match(value)
    if m:
        y, mo, d, h, mi, s, z = m.groups()
        wall = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
        offset = None
        if z:
            if z in ("Z", "UTC"):
                offset = 0
            else:
                sign = -1 if z[0] == "-" else 1
                digits = z[1:].replace(":", "")
                offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        return Moment(wall, offset)
    m = JIRA.match(value)
    if m:
        d, mon, y, h, mi, ampm = m.groups()
        hour = int(h) % 12 + (12 if ampm == "PM" else 0)
        return Moment(datetime(2000 + int(y), MONTHS[mon.lower()], int(d), hour, int(mi)), None)
    m = NUMERIC.match(value)
    if m:
        a, sep, b, y, h, mi, s = m.groups()
        if sep == "." or order == "day-first":
            d, mo = int(a), int(b)
        elif order == "month-first":
            d, mo = int(b), int(a)
        else:
            raise ValueError(value)
        return Moment(datetime(int(y), mo, d, int(h or 0), int(mi or 0), int(s or 0)), None)
    raise ValueError(value)


def column_order(values):
    day = month = 0
    for value in values:
        m = NUMERIC.match(value.strip())
        if m and m.group(2) == "/":
            a, b = int(m.group(1)), int(m.group(3))
            day += a > 12
            month += b > 12
    if day and not month:
        return "day-first"
    if month and not day:
        return "month-first"
    return "unknown"


EPOCH = datetime(1970, 1, 1)


def seconds(wall):
    return int((wall - EPOCH).total_seconds())


def parse_zone(text):
    """--tz as minutes east of UTC (fixed offsets only)."""
    t = text.strip().upper()
    if t in ("UTC", "Z", "GMT"):
        return 0
    m = re.match(r"^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$", t)
    if not m:
        raise SystemExit("independent.py: only fixed --tz offsets are supported, not %s" % text)
    return (-1 if m.group(1) == "-" else 1) * (int(m.group(2)) * 60 + int(m.group(3) or 0))


# --------------------------------------------------------------------------
# Reading and folding.

def plan(header, preset):
    keys = {}
    for i, name in enumerate(header):
        keys.setdefault(column_key(name), i)
    found = {}
    for role in ROLES:
        for names in (COLUMNS[preset][role] if preset else [], COLUMNS[""][role]):
            hit = next((keys[column_key(n)] for n in names if column_key(n) in keys), None)
            if hit is not None:
                found[role] = hit
                break
    return found


def detect_preset(header):
    keys = {column_key(n) for n in header}
    markers = [("servicenow", ["short_description", "assignment_group", "caller_id", "opened_at", "sys_id"]),
               ("jira", ["Issue key", "Issue id", "Issue Type"]),
               ("zendesk", ["Requester email", "Requester domain", "Solved at", "Via", "Requester id"]),
               ("freshdesk", ["Resolved time", "Due by Time", "Initial response time"]),
               ("znuny", ["Ticket#", "TicketNumber", "Queue", "Kundennummer", "Zgłoszenie#", "Kolejka",
                          "ID klienta", "CustomerID", "Customer ID"])]
    best, best_score = "", 0
    for name, marks in markers:
        if any(column_key(m) in keys for m in marks):
            score = len(set(plan(header, name).values()))
            if score > best_score:
                best, best_score = name, score
    return best


class Folded:
    __slots__ = ("id", "created", "closed", "closed_without_date", "reopened", "status", "category", "priority",
                 "customer", "agent", "rows")


def read_rows(path, encoding, delimiter):
    """The header and the data rows (blank lines left out), as they stream."""
    f = open(path, encoding=encoding, newline="")
    first = f.readline()
    if first.startswith("\ufeff"):
        first = first[1:]
    if delimiter is None:
        counts = {d: first.count(d) for d in [",", ";", "\t", "|"]}
        delimiter = max(counts, key=lambda d: counts[d])

    def lines():
        yield first
        yield from f

    reader = csv.reader(lines(), delimiter=delimiter)
    header = next(reader)

    def rows():
        with f:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield row

    return header, rows()


def fold_tickets(path, preset=None, encoding="utf-8", delimiter=None, closed=None, zone=None):
    header, rows = read_rows(path, encoding, delimiter)
    if preset is None:
        preset = detect_preset(header)
    cols = plan(header, preset)
    # Only the cells of the roles are kept: a row is a tuple in ROLES order.
    take = [(cols[role] if role in cols else None) for role in ROLES]
    width = len(header)
    good = []
    read = 0
    for row in rows:
        read += 1
        if len(row) == width:
            good.append(tuple(row[i].strip() if i is not None else "" for i in take))
    skipped_rows = read - len(good)
    position = {role: n for n, role in enumerate(ROLES)}

    def cell(row, role):
        return row[position[role]]

    orders = {role: column_order(cell(r, role) for r in good) for role in ("created", "resolved", "updated")}
    moments = {}

    def moment(row, role):
        text = cell(row, role)
        key = (role, text)
        if key not in moments:
            try:
                moments[key] = read_moment(text, orders[role])
            except ValueError:
                moments[key] = "unreadable"
        return moments[key]

    # The report's zone: --tz, else the offset most zoned values have, else as written.
    if zone is None:
        offsets = Counter()
        for r in good:
            for role in ("created", "resolved", "updated"):
                m = moment(r, role)
                if isinstance(m, Moment) and m.offset is not None:
                    offsets[m.offset] += 1
        zone = offsets.most_common(1)[0][0] if offsets else None

    def wall(m):
        if not isinstance(m, Moment):
            return None
        if m.offset is None or zone is None:
            return seconds(m.wall)
        return seconds(m.wall) - m.offset * 60 + zone * 60

    closing = {column_key(s) for s in (closed or CLOSING[preset])}
    has_status = "status" in cols
    by_id = OrderedDict()
    for line, r in enumerate(good):
        key = cell(r, "id") if "id" in cols else "#%d" % line
        by_id.setdefault(key, []).append(r)

    tickets, skipped = [], Counter()
    for key, trows in by_id.items():
        if key == "":
            skipped["no ticket number"] += 1
            continue
        if "updated" in cols:
            trows = sorted(trows, key=lambda r: wall(moment(r, "updated")) or 0)
        created = [moment(r, "created") for r in trows]
        readable = [wall(m) for m in created if isinstance(m, Moment)]
        if not readable:
            if any(m == "unreadable" for m in created):
                skipped["unreadable creation date"] += 1
            else:
                skipped["no creation date"] += 1
            continue
        t = Folded()
        t.id = key
        t.rows = len(trows)
        t.created = min(readable)
        t.reopened = 0
        state = dict(status="", category="", priority="", customer="", agent="")
        was_closing = False
        close_time = None
        for r in trows:
            for role in state:
                if cell(r, role):
                    state[role] = cell(r, role)
            if has_status:
                closing_now = column_key(state["status"]) in closing
            else:
                closing_now = isinstance(moment(r, "resolved"), Moment)
            if closing_now and not was_closing:
                close_time = wall(moment(r, "resolved"))
                if close_time is None:
                    close_time = wall(moment(r, "updated"))
            if was_closing and not closing_now:
                t.reopened += 1
            was_closing = closing_now
        t.closed = close_time if was_closing else None
        t.closed_without_date = was_closing and close_time is None
        for role, value in state.items():
            setattr(t, role, value)
        tickets.append(t)
    return dict(header=header, rows=read, skipped_rows=skipped_rows, tickets=tickets, skipped=skipped,
                preset=preset, folded_rows=len(good) - len(by_id) if "id" in cols else 0)


# --------------------------------------------------------------------------
# Categories of the KB.

def category_key(value):
    """A category value as compared: folded, trimmed, runs of spaces as one."""
    return " ".join(fold(value).split())


def category_map(kb):
    with open(os.path.join(kb, "faqt.toml"), "rb") as f:
        config = tomllib.load(f)
    keys = {}
    for entry in config.get("categories", []):
        for key in [entry["id"], entry.get("name", "")] + list(entry.get("codes", [])):
            if key:
                keys.setdefault(category_key(key), entry["id"])
    return keys


# --------------------------------------------------------------------------
# Periods and counts.

def period_of(day, period):
    if period == "week":
        start = day - timedelta(days=day.weekday())
        y, w, _ = start.isocalendar()
        return "%04d-W%02d" % (y, w), start, start + timedelta(days=7)
    start = day.replace(day=1)
    after = (start + timedelta(days=32)).replace(day=1)
    return "%04d-%02d" % (start.year, start.month), start, after


def day_of(secs):
    return (EPOCH + timedelta(seconds=secs)).date()


def day_seconds(d):
    return seconds(datetime(d.year, d.month, d.day))


def nearest_rank(values, p):
    values = sorted(values)
    return values[max(1, math.ceil(p * len(values))) - 1]


def report(folded, kb, period="week", by="category", since=None, until=None):
    cmap = category_map(kb)
    tickets = folded["tickets"]
    for t in tickets:
        if t.closed is not None and t.closed < t.created:
            t.closed = t.created  # a close written before the creation counts as at the creation
    since_s = day_seconds(date.fromisoformat(since)) if since else None
    until_s = day_seconds(date.fromisoformat(until) + timedelta(days=1)) if until else None

    group_cache = {}

    def group_of(t):
        g = group_cache.get(id(t))
        if g is None:
            g = group_cache[id(t)] = group_of_value(t)
        return g

    def group_of_value(t):
        if by == "category":
            if not t.category:
                return "(none)", False
            mapped = cmap.get(category_key(t.category))
            return (mapped, True) if mapped else (t.category, False)
        value = {"customer": t.customer, "priority": t.priority, "agent": t.agent}[by]
        return (value or "(none)"), True

    before = [t for t in tickets if since_s is not None and t.created < since_s]
    after = [t for t in tickets if until_s is not None and t.created >= until_s]
    counted = [t for t in tickets if (since_s is None or t.created >= since_s)
               and (until_s is None or t.created < until_s)]
    considered = before + counted  # tickets that may be in a backlog

    first = day_of(since_s) if since_s is not None else day_of(min(t.created for t in counted))
    if until_s is not None:
        last = day_of(until_s - 1)
    else:
        last = day_of(max(max(t.created, t.closed if t.closed is not None else t.created) for t in tickets))
    spans = []
    label, start, end = period_of(first, period)
    while start <= last:
        spans.append((label, start, end))
        label, start, end = period_of(end, period)
    range_start = since_s if since_s is not None else day_seconds(spans[0][1])
    range_end = until_s if until_s is not None else day_seconds(spans[-1][2])
    first_start = spans[0][1]

    def period_index(secs):
        d = day_of(secs)
        if period == "week":
            return (d - first_start).days // 7
        return (d.year * 12 + d.month) - (first_start.year * 12 + first_start.month)

    counts = {}
    change = {}  # per group: backlog change per period (opened there or before, closed there)
    in_range_close = []
    for t in considered:
        g = group_of(t)
        if g not in counts:
            counts[g] = [[0, 0, 0] for _ in spans]
            change[g] = [0] * len(spans)
        if t.created >= range_start:
            i = period_index(t.created)
            counts[g][i][0] += 1
        else:
            i = 0
        if t.closed_without_date:
            # Opened, never closed: in its own period's backlog only (and in
            # none when created before the range).
            if t.created >= range_start:
                change[g][i] += 1
                if i + 1 < len(spans):
                    change[g][i + 1] -= 1
            continue
        change[g][i] += 1
        if t.closed is not None and t.closed < range_end:
            if t.closed >= range_start:
                j = period_index(t.closed)
                counts[g][j][1] += 1
                in_range_close.append(t)
            else:
                j = 0
            change[g][j] -= 1
    for g in counts:
        backlog = 0
        for i in range(len(spans)):
            backlog += change[g][i]
            counts[g][i][2] = backlog
    groups = counts

    def total_opened(g):
        return sum(c[0] for c in counts[g])

    shown = [g for g in groups if any(any(c) for c in counts[g])]
    order = sorted(shown, key=lambda g: (-total_opened(g), g[0]))

    def span_json(i):
        label, s, e = spans[i]
        return OrderedDict(period=label, start=s.isoformat(), end=(e - timedelta(days=1)).isoformat())

    periods, totals, group_rows = [], [], []
    for i in range(len(spans)):
        for g in order:
            o, c, b = counts[g][i]
            row = span_json(i)
            row.update(group=g[0], mapped=g[1], opened=o, closed=c, backlog=b)
            periods.append(row)
        row = span_json(i)
        row.update(opened=sum(counts[g][i][0] for g in order), closed=sum(counts[g][i][1] for g in order),
                   backlog=sum(counts[g][i][2] for g in order))
        totals.append(row)
    for g in order:
        group_rows.append(OrderedDict(group=g[0], mapped=g[1], opened=total_opened(g),
                                      closed=sum(c[1] for c in counts[g]), backlog=counts[g][-1][2]))

    def stats(by_name, key, names):
        rows = []
        for name in names:
            durations = [t.closed - t.created for t in in_range_close if key(t) == name]
            if durations:
                rows.append(OrderedDict(by=by_name, group=name, tickets=len(durations),
                                        median_seconds=nearest_rank(durations, 0.5),
                                        p90_seconds=nearest_rank(durations, 0.9)))
        return rows

    ttc = stats(by, lambda t: group_of(t)[0], [g[0] for g in order])
    priorities = Counter((t.priority or "(none)") for t in in_range_close)
    ttc += stats("priority", lambda t: t.priority or "(none)",
                 [p for p, _ in sorted(priorities.items(), key=lambda kv: (-kv[1], kv[0]))])

    skipped = Counter(folded["skipped"])
    used = sum(total_opened(g) for g in order)
    return OrderedDict(
        tickets=OrderedDict(read=folded["rows"], used=used, tickets=len(tickets),
                            folded_rows=folded["folded_rows"], before_since=len(before), after_until=len(after),
                            closed_without_date=sum(1 for t in counted if t.closed_without_date),
                            skipped_by_reason=dict(skipped)),
        periods=periods, totals=totals, groups=group_rows, time_to_close=ttc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", required=True)
    ap.add_argument("file")
    ap.add_argument("--preset")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--delimiter")
    ap.add_argument("--period", default="week", choices=["week", "month"])
    ap.add_argument("--by", default="category", choices=["category", "customer", "priority", "agent"])
    ap.add_argument("--since")
    ap.add_argument("--until")
    ap.add_argument("--tz")
    ap.add_argument("--closed", help="closing statuses, comma-separated ([tickets] closed)")
    args = ap.parse_args()
    delimiter = {"tab": "\t"}.get(args.delimiter, args.delimiter)
    folded = fold_tickets(args.file, args.preset, args.encoding, delimiter,
                          args.closed.split(",") if args.closed else None,
                          parse_zone(args.tz) if args.tz else None)
    out = report(folded, args.kb, args.period, args.by, args.since, args.until)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
