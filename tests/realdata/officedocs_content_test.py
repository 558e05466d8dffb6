#!/usr/bin/env python3
"""faqt on 2,448 real support articles it was not written for: list finds
every one with its title, show renders them readably, check finishes with
its findings and no crash or hang."""

import argparse
import json
import re
import sys
import time

import officedocs_common as common


def yaml_title(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() == "---":
            return None
        m = re.match(r"^title:\s*(.*)$", line)
        if m:
            value = m.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                return value[1:-1].strip()
            # Unquoted YAML: " #" starts a comment, so "Formula returns #VALUE!" is "Formula returns".
            value = re.split(r"\s#", value)[0]
            return value.strip().strip("\u202f\u00a0 ")
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    tmp, kb = common.make_kb(options.source)
    failures = []
    try:
        files = common.article_files(kb)

        start = time.monotonic()
        listed = common.run(options.faqt, kb, "list", "--json")
        list_seconds = time.monotonic() - start
        if listed.returncode != 0:
            failures.append("list exited %d: %s" % (listed.returncode, listed.stderr.decode()[:500]))
            articles = []
        else:
            articles = json.loads(listed.stdout)["articles"]
        by_path = {a["path"]: a for a in articles}
        if len(articles) != len(files) or len(files) != 2448:
            failures.append("list shows %d articles; the corpus has %d files (2448 expected)" % (len(articles), len(files)))
        wrong_titles = 0
        for path in files:
            article = by_path.get(path)
            if article is None:
                failures.append("not listed: " + path)
                continue
            expected = yaml_title(f"{kb}/{path}")
            if expected and article["title"] != expected:
                wrong_titles += 1
                if wrong_titles <= 5:
                    failures.append("%s: title %r, front matter says %r" % (path, article["title"], expected))
            if not article["title"].strip():
                failures.append("%s: empty title" % path)
        dated = sum(1 for a in articles if a["updated"])
        if dated < len(articles) * 0.95:
            failures.append("only %d of %d articles have 'updated' from ms.date" % (dated, len(articles)))

        # show: every 20th article, plus every 4th of those with tables, raw
        # HTML, notes or images.
        sample = set(files[::20])
        special = []
        for path in files:
            with open(f"{kb}/{path}", encoding="utf-8", errors="replace") as f:
                text = f.read()
            if "<table" in text or "[!NOTE]" in text or ":::image" in text or "\n|" in text or "<br" in text:
                special.append(path)
        sample.update(special[::4])
        shown = 0
        for path in sorted(sample):
            article = by_path.get(path)
            if article is None:
                continue
            result = common.run(options.faqt, kb, "show", article["id"], timeout=30)
            out = result.stdout.decode("utf-8", "replace")
            shown += 1
            problems = []
            if result.returncode != 0:
                problems.append("exit %d: %s" % (result.returncode, result.stderr.decode()[:200]))
            if article["title"] not in out:
                problems.append("title missing")
            for leftover in ("[!NOTE]", "[!IMPORTANT]", "[!WARNING]", ":::image", "<table", "<br", "</td>"):
                if leftover in out:
                    problems.append("raw %r in the output" % leftover)
            if problems:
                failures.append("show %s: %s" % (path, "; ".join(problems)))

        start = time.monotonic()
        checked = common.run(options.faqt, kb, "check", "--format", "json", timeout=300)
        check_seconds = time.monotonic() - start
        if checked.returncode not in (0, 1):
            failures.append("check exited %d: %s" % (checked.returncode, checked.stderr.decode()[:500]))
        else:
            report = json.loads(checked.stdout)
            if report["articles"] != 2448:
                failures.append("check saw %d articles" % report["articles"])
            for d in report["diagnostics"]:
                if not d["path"] or not d["message"]:
                    failures.append("diagnostic without path or message: %r" % d)
                    break
            print("check: %d errors, %d warnings" % (report["errors"], report["warnings"]))
        print("listed %d articles in %.2f s; showed %d; check took %.2f s" % (len(articles), list_seconds, shown,
                                                                           check_seconds))
    finally:
        common.cleanup(tmp)
    for failure in failures[:50]:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
