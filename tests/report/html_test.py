#!/usr/bin/env python3
"""report_html_valid: `faqt report --format html` of the example export is one
self-contained page: it passes the Nu Html Checker (vnu-jar's vnu.jar, as the
site's tests run it) with 0 errors, and holds no <script> and no http(s) URL,
so opening it runs nothing and loads nothing from outside. A second page from
an export whose texts try to inject markup must escape them the same way."""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

SOURCE_BROWSER = pathlib.Path(__file__).resolve().parent.parent / "browser"

HOSTILE = (
    "number,short_description,description,category,state,priority,company,assigned_to,opened_at,resolved_at\r\n"
    'INC1,"<script>alert(1)</script> VPN","<img src=https://evil.example/x.png>",'
    '"<b>NET</b>",New,2 - High,"Acme <i>&amp;</i> Sons","</td><script>x()</script>",'
    "2026-11-02 09:00:00,\r\n"
    'INC2,"Printer ""offline"" http://evil.example/","javascript:alert(2)","PRN",Resolved,3 - Moderate,'
    '"<style>body{display:none}</style>","Tom",2026-11-03 10:00:00,2026-11-03 12:00:00\r\n'
)


def validate(jar, pages):
    run = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "text", *map(str, pages)],
                         capture_output=True, text=True)
    output = run.stderr + run.stdout
    errors = [line for line in output.splitlines() if line.startswith(("Error: ", "Fatal Error: "))]
    if run.returncode not in (0, 1) or (run.returncode == 1 and not errors):
        print(output)
        sys.exit(f"FAIL: the Nu Html Checker exited {run.returncode}")
    return output if errors else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faqt", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    jar = SOURCE_BROWSER / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        sys.exit(f"FAIL: {jar} is missing: run scripts/setup (it installs tests/browser's npm packages)")
    if not shutil.which("java"):
        sys.exit("FAIL: java is missing: run scripts/setup (Debian's default-jre-headless)")
    work = pathlib.Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # A copy: the report's coverage brings the KB's index up to date.
    kb = str(work / "kb")
    shutil.copytree(os.path.join(args.source, "examples", "helpdesk"), kb, ignore=shutil.ignore_patterns(".faqt"))
    hostile = work / "hostile.csv"
    hostile.write_text(HOSTILE, encoding="utf-8")
    inputs = [("example", os.path.join(args.source, "examples", "tickets", "helpdesk-tickets.csv")),
              ("hostile", str(hostile))]
    pages = []
    problems = []
    for name, export in inputs:
        page = work / f"{name}.html"
        command = [args.faqt, "-C", kb, "report", "--tickets", export, "--format", "html"]
        print("$ " + " ".join(command) + f" > {page}", flush=True)
        run = subprocess.run(command, capture_output=True)
        if run.returncode != 0:
            sys.stdout.write(run.stderr.decode("utf-8", "replace"))
            sys.exit(f"FAIL: faqt report exited {run.returncode}")
        page.write_bytes(run.stdout)
        pages.append(page)
        text = run.stdout.decode("utf-8")
        if not text.lstrip().lower().startswith("<!doctype html>"):
            problems.append(f"{name}: does not start with <!DOCTYPE html>")
        if re.search(r"<script", text, re.I):
            problems.append(f"{name}: has a <script>")
        for url in sorted(set(re.findall(r"https?://[^\s\"'<>)]*", text, re.I))):
            # The hostile export's texts are shown, escaped, as text; an
            # attribute or a stylesheet must not load them.
            if name == "hostile" and re.search(r"(src|href|url)\s*[=(]\s*[\"']?" + re.escape(url), text, re.I):
                problems.append(f"{name}: loads {url}")
            elif name != "hostile":
                problems.append(f"{name}: has the URL {url}")
        if name == "hostile":
            for raw in ("<img", "<b>NET", "<i>&amp;", "<style>body", "</td><script>"):
                if raw in text:
                    problems.append(f"{name}: {raw!r} from the export reached the page unescaped")
            if "&lt;b&gt;NET&lt;/b&gt;" not in text:
                problems.append(f"{name}: the unmapped category '<b>NET</b>' is not shown, escaped")
        if "<svg" not in text:
            problems.append(f"{name}: no inline SVG chart")
    errors = validate(jar, pages)
    if errors:
        problems.append("the Nu Html Checker found errors:\n" + errors)
    if problems:
        for problem in problems:
            print("FAIL: " + problem)
        sys.exit(1)
    print(f"PASS: {len(pages)} report pages valid, no script, no URL")


if __name__ == "__main__":
    main()
