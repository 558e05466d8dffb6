#!/usr/bin/env python3
"""Checks that no output of faqt carries what a hostile KB puts in it.

Runs every reading command on the tests/fixtures/hostile KB (front matter,
link URLs and file names with OSC 52 clipboard writes, OSC 0 titles, CSI
screen clears, a file name that is not UTF-8 and one with a newline) and
asserts on the raw bytes, which the golden cases cannot (they decode with
replacement):
  - text output with --color never holds no ESC and no other control
    character but newline and tab, and is valid UTF-8;
  - text output with --color always holds only faqt's own styles;
  - every --json output is valid UTF-8, parses with Python's strict json
    module, and a path_bytes field gives back the exact file name;
  - 'list' prints one row per article even for a file name with a newline.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# faqt's own styles: cli/output.hpp k_styles.
STYLES = [b"\x1b[0m", b"\x1b[1m", b"\x1b[2m", b"\x1b[31m", b"\x1b[32m", b"\x1b[33m", b"\x1b[35m", b"\x1b[36m",
          b"\x1b[1;4m"]
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")

TEXT_COMMANDS = [
    ["index"],
    ["list"],
    ["search", "vpn", "--facets"],
    ["search", "pwned"],
    ["show", "hostile"],
    ["show", "raw-link"],
    ["show", "yaml-hostile"],
    ["show", b"b\xff"],
    ["show", b"new\nline"],
    ["show", "hostile", "--format", "markdown"],
    ["show", "hostile", "--format", "html"],
    ["check"],
    ["categories"],
    ["show", b"\x1b]0;x\x07nothing"],
    ["export"],
]
JSON_COMMANDS = [
    ["list", "--json"],
    ["search", "vpn", "--json", "--facets"],
    ["show", "hostile", "--json"],
    ["show", b"b\xff", "--json"],
    ["check", "--json"],
    ["categories", "--json"],
    ["export", "--json"],
]

failures = []


def fail(command, message):
    failures.append("faqt %s: %s" % (" ".join(repr(a) for a in command), message))


def run(faqt, kb, command, color):
    args = [faqt, "--color", color] + command
    env = dict(os.environ, LC_ALL="C.UTF-8", FAQT_TODAY="2026-12-01")
    env.pop("NO_COLOR", None)
    proc = subprocess.run(args, cwd=kb, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return proc


def check_text(command, name, data, color):
    try:
        data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        fail(command, "%s (--color %s) is not valid UTF-8: %s" % (name, color, e))
    rest = data
    if color == "always":
        for style in STYLES:
            rest = rest.replace(style, b"")
    if b"\x1b" in rest:
        at = rest.index(b"\x1b")
        fail(command, "%s (--color %s) holds an ESC that is not faqt's: %r" % (name, color, rest[at:at + 20]))
    match = CONTROL.search(rest)
    if match:
        fail(command, "%s (--color %s) holds a control character: %r" % (name, color, match.group(0)))


def walk_paths(value, found):
    if isinstance(value, dict):
        if "path_bytes" in value:
            found.append((value.get("path"), value["path_bytes"]))
        for v in value.values():
            walk_paths(v, found)
    elif isinstance(value, list):
        for v in value:
            walk_paths(v, found)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True, help="repository root")
    options = parser.parse_args()
    faqt = os.path.realpath(options.faqt)

    with tempfile.TemporaryDirectory(prefix="faqt-output-") as tmp:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(os.path.join(options.source, "tests", "fixtures", "hostile"), kb)
        subprocess.run(["bash", "-e", "make-hostile-files.sh"], cwd=kb, check=True)
        on_disk = set(os.listdir(kb.encode()))

        for command in TEXT_COMMANDS:
            for color in ("never", "always"):
                proc = run(faqt, kb, command, color)
                if proc.returncode not in (0, 1):
                    fail(command, "exit %d: %r" % (proc.returncode, proc.stderr[:300]))
                check_text(command, "stdout", proc.stdout, color)
                check_text(command, "stderr", proc.stderr, color)

        # One row per article: the file name with a newline is quoted.
        rows = run(faqt, kb, ["list"], "never").stdout.splitlines()
        listed = run(faqt, kb, ["list", "--json"], "never").stdout.decode("utf-8", "replace")
        articles = json.loads(listed)["count"]
        if len(rows) != articles or articles != 8:
            fail(["list"], "%d rows for %d articles (8 expected)" % (len(rows), articles))
        # One line per diagnostic and hint, though a message names that file.
        lines = run(faqt, kb, ["check"], "never").stdout.splitlines()
        if not any(b"also used by \"new\\nline.md\"" in line for line in lines):
            fail(["check"], "the duplicate id message splits or lacks the file name: %r" % lines)
        if not any(row.startswith(b'"new\\nline"') for row in rows):
            fail(["list"], "the file name with a newline is not quoted: %r" % rows)
        if not any(row.startswith(b'"b\\377"') for row in rows):
            fail(["list"], "the file name that is not UTF-8 is not quoted: %r" % rows)

        for command in JSON_COMMANDS:
            proc = run(faqt, kb, command, "never")
            if proc.returncode not in (0, 1):
                fail(command, "exit %d: %r" % (proc.returncode, proc.stderr[:300]))
                continue
            check_text(command, "stderr", proc.stderr, "never")
            if b"\x1b" in proc.stdout:
                fail(command, "--json holds a raw ESC")
            try:
                text = proc.stdout.decode("utf-8", "strict")
                document = json.loads(text, strict=True)
            except (UnicodeDecodeError, ValueError) as e:
                fail(command, "--json is not valid UTF-8 JSON: %s" % e)
                continue
            found = []
            walk_paths(document, found)
            for path, hex_bytes in found:
                raw = bytes.fromhex(hex_bytes)
                if raw not in on_disk:
                    fail(command, "path_bytes %s is not a file of the KB" % hex_bytes)
                if path != raw.decode("utf-8", "replace"):
                    fail(command, "path %r does not match path_bytes %s" % (path, hex_bytes))
            if command[0] in ("list", "check") and not any(raw == b"b\xff.md" for raw in
                                                           (bytes.fromhex(h) for _, h in found)):
                fail(command, "no path_bytes for b\\xff.md")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
