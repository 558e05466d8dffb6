#!/usr/bin/env python3
"""Runs one golden end-to-end case of the faqt binary.

A case is a folder tests/cli/<command>/<case>/ holding:
  args             the command line after 'faqt', in shell syntax (required)
  kb               which knowledge base to run in: a folder name under
                   tests/fixtures/, "helpdesk" for examples/helpdesk, or
                   "none" (default: helpdesk)
  cwd              folder below the KB copy to run in (default: its root)
  stdin            text fed to standard input (optional)
  setup            shell script run in the KB copy first (optional); $FAQT
                   names the binary under test, $FAQT_SOURCE the repository
                   (to copy an example export in)
  after            shell script run in the KB copy after the command
                   (optional), to show what it wrote: its output is added
                   to the standard output compared, after a line "--- after"
  env              extra environment, KEY=VALUE lines (optional)
  timeout          seconds the case may take, setup included, as a ctest
                   TIMEOUT (optional; for cases that guard against hangs)
  expected.stdout  expected standard output
  expected.stderr  expected standard error
  expected.exit    expected exit code
The KB is copied to a temporary folder, so commands may write to it.
faqt runs with FAQT_TODAY pinned to PINNED_TODAY, so output that holds
today's date is the same every day. Before comparing, the temporary path
becomes $KB, the pinned date $TODAY, and a timing at the end of a line
("... in 0.05 s", as 'faqt index' prints) "in $SECONDS s".
With --update, the expected files are rewritten; review them with git diff.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


PINNED_TODAY = "2026-12-01"


def normalise(text, kb_dir):
    text = text.replace(os.path.realpath(kb_dir), "$KB").replace(kb_dir, "$KB")
    text = text.replace(PINNED_TODAY, "$TODAY")
    return re.sub(r" in [0-9]+\.[0-9]+ s$", " in $SECONDS s", text, flags=re.M)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True, help="repository root")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("case")
    options = parser.parse_args()

    case = options.case

    def read(name, default=None):
        path = os.path.join(case, name)
        if not os.path.exists(path):
            return default
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()

    args = shlex.split(read("args", ""))
    kb_name = (read("kb", "helpdesk") or "helpdesk").strip()
    with tempfile.TemporaryDirectory(prefix="faqt-test-") as tmp:
        kb_dir = os.path.join(tmp, "kb")
        if kb_name == "none":
            os.makedirs(kb_dir)
        elif kb_name == "helpdesk":
            shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb_dir, symlinks=True)
        else:
            shutil.copytree(os.path.join(options.source, "tests", "fixtures", kb_name), kb_dir, symlinks=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "NO_COLOR": "1",
            "TZ": "UTC",
            "MANWIDTH": "80",
            "FAQT_TODAY": PINNED_TODAY,
            "FAQT": os.path.realpath(options.faqt),
            "FAQT_SOURCE": os.path.realpath(options.source),
        }
        for line in (read("env", "") or "").splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                env[key.strip()] = value.strip().replace("$KB", kb_dir)
        setup = read("setup")
        if setup:
            subprocess.run(["bash", "-e", "-c", setup], cwd=kb_dir, env=env, check=True)
        cwd = os.path.join(kb_dir, (read("cwd", "") or "").strip())
        proc = subprocess.run([options.faqt] + args, cwd=cwd, env=env, input=(read("stdin", "") or "").encode(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        stdout = proc.stdout
        after = read("after")
        if after:
            shown = subprocess.run(["bash", "-e", "-c", after], cwd=kb_dir, env=env, stdout=subprocess.PIPE,
                                   check=True)
            stdout += b"--- after\n" + shown.stdout
        actual = {
            "expected.stdout": normalise(stdout.decode("utf-8", "replace"), kb_dir),
            "expected.stderr": normalise(proc.stderr.decode("utf-8", "replace"), kb_dir),
            "expected.exit": "%d\n" % proc.returncode,
        }

    if options.update:
        for name, text in actual.items():
            with open(os.path.join(case, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        return 0

    failed = False
    for name, text in actual.items():
        expected = read(name)
        if expected is None:
            print("%s: missing %s (run with --update and review the diff)" % (case, name))
            failed = True
            continue
        if expected != text:
            failed = True
            print("%s: %s differs:" % (case, name))
            sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                       "expected", "actual"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
