#!/usr/bin/env python3
"""'faqt walk' at a real terminal: tmux runs it on an example flow, the test
sends keys and reads the screen: the first step, the next step after an
answer, a wrong answer explained, going back, and the ticket note at the end.

Skipped (exit 77) when tmux is not installed.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def tmux(socket, *args):
    return subprocess.run(["tmux", "-S", socket, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False, timeout=30).stdout.decode("utf-8", "replace")


def screen(socket):
    return tmux(socket, "capture-pane", "-p", "-J", "-S", "-200", "-t", "walk")


def wait_for(socket, text, times=1, timeout=20.0):
    """Polls the pane until it shows text (times times); fails with the screen otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(socket)
        if shown.count(text) >= times:
            return shown
        time.sleep(0.05)
    raise AssertionError("the screen never showed %r; it shows:\n%s" % (text, screen(socket)))


def send(socket, keys):
    tmux(socket, "send-keys", "-t", "walk", "-l", keys)
    tmux(socket, "send-keys", "-t", "walk", "Enter")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        print("SKIP: tmux is not installed (scripts/setup installs it)")
        return SKIP
    faqt = os.path.realpath(options.faqt)
    with tempfile.TemporaryDirectory(prefix="faqt-walk-") as tmp:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
        socket = os.path.join(tmp, "tmux.sock")
        done = os.path.join(tmp, "done")
        command = ("FAQT_WALK_SECONDS=180 NO_COLOR=1 LC_ALL=C.UTF-8 %s -C %s walk printer-not-printing; "
                   "echo EXIT=$? > %s; sleep 30") % (shlex.quote(faqt), shlex.quote(kb), shlex.quote(done))
        subprocess.run(["tmux", "-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
                        "-s", "walk", "sh", "-c", command], check=True, timeout=30)
        try:
            shown = wait_for(socket, "> ")
            assert "Step 1" in shown and "is your job in the list?" in shown, shown
            assert "[1] yes" in shown and "[2] no" in shown and "b back" in shown, shown
            send(socket, "perhaps")
            shown = wait_for(socket, "'perhaps' is not an answer to step 1")
            assert shown.count("Step 1") == 1, "a wrong answer shows the step again:\n" + shown
            send(socket, "no")
            shown = wait_for(socket, "Step 3")
            assert "print queue" in shown and "[4] the job is not there at all" in shown, shown
            send(socket, "b")
            wait_for(socket, "Step 1", times=2)
            send(socket, "2")
            wait_for(socket, "Step 3", times=2)
            send(socket, "offline")
            shown = wait_for(socket, "Time spent: 3 min")
            assert "Flow: Printer not printing: first-line checks (flows/printer-not-printing)" in shown, shown
            assert "Fixed by: Printer shows Offline" in shown, shown
            deadline = time.monotonic() + 20
            while not os.path.exists(done) and time.monotonic() < deadline:
                time.sleep(0.05)
            with open(done, encoding="utf-8") as f:
                assert f.read().strip() == "EXIT=0"
        except AssertionError as failure:
            print("FAIL: %s" % failure)
            return 1
        finally:
            tmux(socket, "kill-server")
    print("ok: the walk showed each step, took the answers and printed the note")
    return 0


if __name__ == "__main__":
    sys.exit(main())
