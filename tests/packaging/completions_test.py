#!/usr/bin/env python3
"""Keeps the shell completions in completions/ true to the binary.

Every command of the table in cli/commands.hpp, and every option that
'faqt CMD --help' lists, must appear in each completion file: bash is run
(its completion function is called for 'faqt <TAB>' and 'faqt CMD --<TAB>'),
fish too when it is installed, and zsh and fish are at least read and
syntax-checked when their shells are installed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys


def commands_of_table(source):
    with open(os.path.join(source, "cli", "commands.hpp"), encoding="utf-8") as f:
        names = re.findall(r'Command\{"([a-z][a-z-]*)"', f.read())
    if not names:
        raise SystemExit("no commands found in cli/commands.hpp")
    return names


def long_options(faqt, command):
    """The long options 'faqt COMMAND --help' lists, without --help."""
    out = subprocess.run([faqt, command, "--help"], capture_output=True, text=True, check=True).stdout
    found = re.findall(r"^\s+(?:-[A-Za-z],)?(--[a-z][a-z-]*)", out, re.M)
    return sorted(set(found) - {"--help"})


def bash_complete(path, words):
    """What the bash completion offers for the command line `words`, the
    last word being the one completed."""
    line = " ".join("'%s'" % w for w in words)
    script = (
        'source "$1"; COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE="${COMP_WORDS[*]}"; '
        'COMP_POINT=${#COMP_LINE}; _faqt; printf "%%s\\n" "${COMPREPLY[@]}"' % (line, len(words) - 1)
    )
    out = subprocess.run(["bash", "-c", script, "bash", path], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def fish_complete(path, line):
    script = 'source "%s"; complete -C "%s"' % (path, line)
    out = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True, check=True)
    return {entry.split("\t")[0] for entry in out.stdout.splitlines()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()

    folder = os.path.join(options.source, "completions")
    bash_file = os.path.join(folder, "faqt.bash")
    zsh_file = os.path.join(folder, "_faqt")
    fish_file = os.path.join(folder, "faqt.fish")
    commands = commands_of_table(options.source)
    per_command = {c: long_options(options.faqt, c) for c in commands}
    failures = []

    # bash: run the completion function.
    offered = bash_complete(bash_file, ["faqt", ""])
    for c in commands:
        if c not in offered:
            failures.append("%s: 'faqt <TAB>' does not offer the command '%s'" % (bash_file, c))
    for c, opts in per_command.items():
        offered = bash_complete(bash_file, ["faqt", c, "--"])
        for o in opts:
            if o not in offered:
                failures.append("%s: 'faqt %s --<TAB>' does not offer %s" % (bash_file, c, o))

    # zsh and fish: every command and option is named in the file.
    for path, spell in ((zsh_file, lambda o: o), (fish_file, lambda o: "-l " + o[2:])):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for c in commands:
            if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(c), text):
                failures.append("%s: the command '%s' is missing" % (path, c))
        for c, opts in per_command.items():
            for o in opts:
                if not re.search(r"%s(?![\w-])" % re.escape(spell(o)), text):
                    failures.append("%s: the option %s of '%s' is missing" % (path, o, c))

    if shutil.which("zsh"):
        check = subprocess.run(["zsh", "-n", zsh_file], capture_output=True, text=True)
        if check.returncode != 0:
            failures.append("%s: zsh -n: %s" % (zsh_file, check.stderr.strip()))
    if shutil.which("fish"):
        check = subprocess.run(["fish", "--no-execute", fish_file], capture_output=True, text=True)
        if check.returncode != 0:
            failures.append("%s: fish --no-execute: %s" % (fish_file, check.stderr.strip()))
        else:
            offered = fish_complete(fish_file, "faqt ")
            for c in commands:
                if c not in offered:
                    failures.append("%s: 'faqt <TAB>' does not offer the command '%s'" % (fish_file, c))
            for c, opts in per_command.items():
                offered = fish_complete(fish_file, "faqt %s --" % c)
                for o in opts:
                    if o not in offered:
                        failures.append("%s: 'faqt %s --<TAB>' does not offer %s" % (fish_file, c, o))

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
