#!/usr/bin/env python3
"""Checks that every command of 'faqt --help' has a man page, and that both
'faqt help CMD' and 'faqt CMD --help' describe it."""

import argparse
import os
import re
import subprocess
import sys


def run(faqt, *args):
    env = dict(os.environ, NO_COLOR="1", MANWIDTH="80", LANG="C.UTF-8")
    return subprocess.run([faqt] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()

    top = run(options.faqt, "--help")
    text = top.stdout.decode()
    commands = re.findall(r"^  ([a-z]+)\s{2,}\S", text.split("Commands:")[1], re.M) if "Commands:" in text else []
    failures = []
    if top.returncode != 0 or len(commands) < 9:
        failures.append("faqt --help lists %d commands (exit %d)" % (len(commands), top.returncode))
    for command in commands:
        page = os.path.join(options.source, "man", "faqt-%s.1" % command)
        if not os.path.exists(page):
            failures.append("no man page man/faqt-%s.1" % command)
            continue
        with open(page, encoding="utf-8") as f:
            source = f.read()
        if ".SH NAME" not in source or ("faqt\\-%s" % command) not in source:
            failures.append("man/faqt-%s.1 has no NAME section naming the command" % command)
        helped = run(options.faqt, "help", command)
        out = helped.stdout.decode()
        if helped.returncode != 0 or "faqt-%s" % command not in out.replace("\u2010", "-") or "SYNOPSIS" not in out:
            failures.append("faqt help %s: exit %d, output does not show the man page" % (command, helped.returncode))
        flag = run(options.faqt, command, "--help")
        if flag.returncode != 0 or ("faqt %s" % command) not in flag.stdout.decode():
            failures.append("faqt %s --help: exit %d" % (command, flag.returncode))
    for topic, marker in (("toml", "faqt.toml"), ("", "EXIT STATUS")):
        helped = run(options.faqt, "help", *([topic] if topic else []))
        if helped.returncode != 0 or marker not in helped.stdout.decode():
            failures.append("faqt help %s does not show its page" % topic)
    bad = run(options.faqt, "help", "no-such-command")
    if bad.returncode != 2:
        failures.append("faqt help no-such-command exits %d, not 2" % bad.returncode)
    for failure in failures:
        print(failure)
    print("checked %d commands" % len(commands))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
