#!/usr/bin/env python3
"""End-to-end tests of DESIGN §4's guarantee: an edit, a new file, a deleted
file and a `git checkout` of another branch are found by the very next
`faqt search`.

  scan      no watcher: every search checks the files itself.
  watch     with `faqt index --watch` running: every search asks the
            watcher (the watcher's exit line says how many searches it
            answered, which must be all of them), and the watcher finds an
            edit that kept both size and mtime, which no scan can.
  lifecycle the watcher itself: a second one is refused naming the pid;
            SIGTERM removes its state file; a search falls back to checking
            every file when the watcher was killed with SIGKILL, when it does
            not answer (stopped with SIGSTOP: after the timeout), and when its
            event queue overflowed; a content folder below the root deleted
            and made again.

Exit 0 passed, 1 failed.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "NO_COLOR": "1",
    "TZ": "UTC",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Checker:
    def __init__(self):
        self.failed = False

    def check(self, condition, what, detail=""):
        if not condition:
            self.failed = True
            print("FAILED: %s\n%s" % (what, detail), flush=True)
        return condition


def run(faqt, kb, *args, timeout=60):
    env = dict(ENV, HOME=kb)
    proc = subprocess.run([faqt] + list(args), cwd=kb, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def article(title, body):
    return '+++\ntitle = "%s"\n+++\n%s\n' % (title, body)


def write(kb, path, text, mtime_ns=None):
    full = os.path.join(kb, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)
    if mtime_ns is not None:
        os.utime(full, ns=(mtime_ns, mtime_ns))


def make_kb(tmp):
    kb = os.path.join(tmp, "kb")
    os.makedirs(kb)
    write(kb, "faqt.toml", '[kb]\ntitle = "Freshness"\ndefault_lang = "en"\n')
    write(kb, "network/vpn.md", article("VPN drops", "The tunnel drops; alphaword fixes it."))
    write(kb, "printers/toner.md", article("Order toner", "Toner comes from facilities."))
    write(kb, "accounts/password.md", article("Reset a password", "Use the portal."))
    return kb


class Searcher:
    """Runs searches and counts them (the watcher must answer every one)."""

    def __init__(self, c, faqt, kb):
        self.c, self.faqt, self.kb = c, faqt, kb
        self.count = 0

    def paths(self, word):
        self.count += 1
        started = time.monotonic()
        rc, out, err = run(self.faqt, self.kb, "search", "--json", "--limit", "50", word)
        self.last_seconds = time.monotonic() - started
        if rc == 1:
            return set()
        if not self.c.check(rc == 0, "search %s: exit %d" % (word, rc), err):
            return set()
        return {r["path"] for r in json.loads(out)["results"]}

    def expect(self, word, paths, what):
        got = self.paths(word)
        self.c.check(got == set(paths), what, "search %s: expected %s, got %s" % (word, sorted(paths), sorted(got)))


class Watcher:
    def __init__(self, faqt, kb):
        self.proc = subprocess.Popen([faqt, "index", "--watch"], cwd=kb, env=dict(ENV, HOME=kb),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = []
        self.err = b""
        self.ready = threading.Event()

        def read_out():
            for raw in self.proc.stdout:
                line = raw.decode("utf-8", "replace")
                self.lines.append(line)
                if line.startswith("Watching "):
                    self.ready.set()
            self.ready.set()

        def read_err():
            self.err = self.proc.stderr.read()

        self.threads = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
        for t in self.threads:
            t.start()

    def wait_ready(self, c):
        c.check(self.ready.wait(30) and self.proc.poll() is None, "the watcher starts", self.output())

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for t in self.threads:
            t.join(5)
        return self.proc.returncode

    def output(self):
        return "".join(self.lines) + self.err.decode("utf-8", "replace")


def guarantees(c, faqt, kb, s, watching):
    """Each change, then the very next search."""
    s.expect("alphaword", ["network/vpn.md"], "the initial index")

    # Edited in place, same size, and within the clock tick of the sync that
    # read it: the mtime stays the same (forced here).
    now = time.time_ns()
    write(kb, "printers/toner.md", article("Order toner", "Toner comes from facilities."), now)
    s.expect("facilities", ["printers/toner.md"], "before the same-size edit")
    write(kb, "printers/toner.md", article("Order toner", "Toner comes from stationers."), now)
    s.expect("stationers", ["printers/toner.md"], "an edit of the same size and mtime right after a search")
    s.expect("facilities", [], "the old words of an edit of the same size and mtime")

    # An ordinary edit.
    write(kb, "network/vpn.md", article("VPN drops", "The tunnel drops; bravoword fixes it."))
    s.expect("bravoword", ["network/vpn.md"], "an edit")
    s.expect("alphaword", [], "the old words of an edit")

    # A new file, then deleted.
    write(kb, "phones/voicemail.md", article("Voicemail PIN", "Dial charlieword."))
    s.expect("charlieword", ["phones/voicemail.md"], "a new file")
    os.remove(os.path.join(kb, "phones/voicemail.md"))
    s.expect("charlieword", [], "a deleted file")

    # A new folder with files, two levels deep, and a folder moved in whole.
    write(kb, "new/deeper/one.md", article("One", "deltaword one"))
    write(kb, "new/deeper/two.md", article("Two", "deltaword two"))
    s.expect("deltaword", ["new/deeper/one.md", "new/deeper/two.md"], "a new folder with files")
    write(kb, ".staging/moved/inner/three.md", article("Three", "echoword"))
    os.rename(os.path.join(kb, ".staging/moved"), os.path.join(kb, "moved"))
    s.expect("echoword", ["moved/inner/three.md"], "a folder moved in with its files")
    write(kb, "moved/inner/four.md", article("Four", "echoword four"))
    s.expect("echoword", ["moved/inner/three.md", "moved/inner/four.md"], "a file written into a moved-in folder")

    # A renamed file, and a deleted folder.
    os.rename(os.path.join(kb, "new/deeper/one.md"), os.path.join(kb, "new/deeper/uno.md"))
    s.expect("deltaword", ["new/deeper/uno.md", "new/deeper/two.md"], "a renamed file")
    shutil.rmtree(os.path.join(kb, "new"))
    s.expect("deltaword", [], "a deleted folder")

    # git checkout of another branch: renames, a deleted folder, new files and
    # edits all at once, and back.
    git = ["git", "-C", kb]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True, env=ENV)
    subprocess.run(git + ["add", "-A"], check=True, env=ENV)
    subprocess.run(git + ["commit", "-q", "-m", "main"], check=True, env=ENV)
    subprocess.run(git + ["checkout", "-q", "-b", "other"], check=True, env=ENV)
    subprocess.run(git + ["mv", "accounts/password.md", "accounts/passwords.md"], check=True, env=ENV)
    subprocess.run(git + ["rm", "-q", "-r", "moved"], check=True, env=ENV)
    write(kb, "network/vpn.md", article("VPN drops", "The tunnel drops; foxtrotword fixes it."))
    for i in range(30):
        write(kb, "branch/many/a%02d.md" % i, article("Branch %d" % i, "golfword %d" % i))
    subprocess.run(git + ["add", "-A"], check=True, env=ENV)
    subprocess.run(git + ["commit", "-q", "-m", "other"], check=True, env=ENV)
    subprocess.run(git + ["checkout", "-q", "main"], check=True, env=ENV)
    s.expect("bravoword", ["network/vpn.md"], "git checkout main: the edit is undone")
    s.expect("foxtrotword", [], "git checkout main: the other branch's words are gone")
    s.expect("golfword", [], "git checkout main: the other branch's folder is gone")
    s.expect("echoword", ["moved/inner/three.md", "moved/inner/four.md"], "git checkout main: the folder is back")
    s.expect("portal", ["accounts/password.md"], "git checkout main: the old name")
    subprocess.run(git + ["checkout", "-q", "other"], check=True, env=ENV)
    s.expect("foxtrotword", ["network/vpn.md"], "git checkout other: the edit")
    s.expect("golfword", ["branch/many/a%02d.md" % i for i in range(30)], "git checkout other: a new folder")
    s.expect("echoword", [], "git checkout other: a deleted folder")
    s.expect("portal", ["accounts/passwords.md"], "git checkout other: a renamed file")

    if watching:
        # A copy that keeps its old timestamps and size (cp -p, rsync -t): no
        # scan can see it, the watcher's events can.
        old = 1577836800 * 10**9  # 2020-01-01
        write(kb, "printers/toner.md", article("Order toner", "Toner comes from hotelwords."), old)
        s.expect("hotelwords", ["printers/toner.md"], "watch: before a copy that keeps size and mtime")
        write(kb, "printers/toner.md", article("Order toner", "Toner comes from indiawords."), old)
        s.expect("indiawords", ["printers/toner.md"], "watch: a copy that keeps size and mtime")


def test_scan(c, faqt):
    with tempfile.TemporaryDirectory(prefix="faqt-fresh-") as tmp:
        kb = make_kb(tmp)
        guarantees(c, faqt, kb, Searcher(c, faqt, kb), watching=False)


def test_watch(c, faqt):
    with tempfile.TemporaryDirectory(prefix="faqt-fresh-") as tmp:
        kb = make_kb(tmp)
        watcher = Watcher(faqt, kb)
        watcher.wait_ready(c)
        s = Searcher(c, faqt, kb)
        guarantees(c, faqt, kb, s, watching=True)
        rc = watcher.stop()
        out = watcher.output()
        c.check(rc == 0, "the watcher exits 0 on SIGTERM", out)
        expected = "answered %d searches" % s.count
        c.check(expected in out, "the watcher answered every search (%s)" % expected, out)
        c.check(not os.path.exists(os.path.join(kb, ".faqt", "watch.lock")), "SIGTERM removes the state file", out)
        c.check(os.listdir(os.path.join(kb, ".faqt", "watch")) == [], "no request is left behind",
                str(os.listdir(os.path.join(kb, ".faqt", "watch"))))


def test_lifecycle(c, faqt):
    with tempfile.TemporaryDirectory(prefix="faqt-fresh-") as tmp:
        kb = make_kb(tmp)
        s = Searcher(c, faqt, kb)
        watcher = Watcher(faqt, kb)
        watcher.wait_ready(c)
        pid = watcher.proc.pid
        with open(os.path.join(kb, ".faqt", "watch.lock")) as f:
            c.check(f.read().split()[:2] == [str(pid), "ready"], "the state file names the pid and 'ready'")

        rc, out, err = run(faqt, kb, "index", "--watch", timeout=20)
        c.check(rc == 3 and ("pid %d" % pid) in err, "a second watcher is refused, naming the first one's pid",
                "exit %d\n%s%s" % (rc, out, err))

        # Not answering (stopped): the search waits for the timeout, then
        # checks every file itself.
        os.kill(pid, signal.SIGSTOP)
        write(kb, "stopped.md", article("Stopped", "julietword"))
        s.expect("julietword", ["stopped.md"], "a watcher that does not answer: the search checks every file")
        c.check(s.last_seconds >= 4.5, "the search waited for the watcher's answer before checking",
                "%.2f s" % s.last_seconds)

        # The event queue overflows while it is stopped: it scans everything
        # again, and the searches meanwhile stay correct.
        with open("/proc/sys/fs/inotify/max_queued_events") as f:
            limit = int(f.read())
        a, b = os.path.join(kb, "network/vpn.md"), os.path.join(kb, "printers/toner.md")
        for i in range(limit // 2 + 100):
            os.utime(a)  # two files in turn: the kernel merges only repeated identical events
            os.utime(b)
        write(kb, "overflow.md", article("Overflow", "kiloword"))
        os.kill(pid, signal.SIGCONT)
        s.expect("kiloword", ["overflow.md"], "after the event queue overflowed")
        if c.failed:
            print(watcher.output())
        time.sleep(1)
        write(kb, "after.md", article("After", "limaword"))
        s.expect("limaword", ["after.md"], "after the rescan that follows an overflow")
        c.check(watcher.proc.poll() is None, "the watcher survives an overflow", watcher.output())

        # Killed with SIGKILL: the state file stays, unlocked, and searches
        # check every file again at once.
        watcher.stop(signal.SIGKILL)
        c.check("overflowed" in watcher.output(), "the watcher said its queue overflowed", watcher.output())
        c.check(os.path.exists(os.path.join(kb, ".faqt", "watch.lock")), "SIGKILL leaves the state file")
        write(kb, "killed.md", article("Killed", "mikeword"))
        s.expect("mikeword", ["killed.md"], "after the watcher was killed: the search checks every file")
        c.check(s.last_seconds < 3, "no waiting for a dead watcher", "%.2f s" % s.last_seconds)

        # A new watcher starts over the stale state file.
        again = Watcher(faqt, kb)
        again.wait_ready(c)
        write(kb, "again.md", article("Again", "novemberword"))
        s.expect("novemberword", ["again.md"], "a new watcher after a killed one")
        again.stop()

    test_content_folder(c, faqt)


def test_content_folder(c, faqt):
    """A KB whose content folder is below the root: the folder deleted and
    made again is watched again; files that are not articles wake nothing."""
    with tempfile.TemporaryDirectory(prefix="faqt-fresh-") as tmp:
        kb = os.path.join(tmp, "kb")
        os.makedirs(kb)
        write(kb, "faqt.toml", '[kb]\ntitle = "Docs"\ndefault_lang = "en"\ncontent = ["docs"]\nexclude = ["archive"]\n')
        write(kb, "docs/a.md", article("A", "oscarword"))
        write(kb, "docs/archive/old.md", article("Old", "old"))
        outside = os.path.join(tmp, "outside")
        write(outside, "first.md", article("First", "first"))
        os.symlink(outside, os.path.join(kb, "docs", "out"))
        write(kb, "shared/s.md", article("Shared", "shared"))
        os.symlink(os.path.join(kb, "shared"), os.path.join(kb, "docs", "linked"))
        watcher = Watcher(faqt, kb)
        watcher.wait_ready(c)
        s = Searcher(c, faqt, kb)
        s.expect("oscarword", ["docs/a.md"], "content folder: the first index")
        # The walk's rules hold for a batch that names only these files: an
        # excluded folder, and a linked folder leading out of the KB.
        write(kb, "docs/archive/new.md", article("New", "quebecword"))
        s.expect("quebecword", [], "content folder: a file written into an excluded folder")
        write(outside, "leak.md", article("Leak", "romeoword"))
        s.expect("romeoword", [], "content folder: a file written behind a link leading out of the KB")
        write(kb, "shared/s.md", article("Shared", "sierraword"))
        s.expect("sierraword", ["docs/linked/s.md"], "content folder: an edit in a linked folder inside the KB")
        shutil.rmtree(os.path.join(kb, "docs"))
        s.expect("oscarword", [], "content folder: deleted")
        write(kb, "docs/sub/b.md", article("B", "papaword"))
        s.expect("papaword", ["docs/sub/b.md"], "content folder: made again with a file")
        write(kb, "docs/sub/c.md", article("C", "papaword too"))
        s.expect("papaword", ["docs/sub/b.md", "docs/sub/c.md"], "content folder: a file written into it later")
        for i in range(5):
            write(kb, "docs/notes.txt", "not an article %d" % i)
            write(kb, "docs/.b.md.swp", "swap %d" % i)
        s.expect("papaword", ["docs/sub/b.md", "docs/sub/c.md"], "content folder: other files change nothing")
        watcher.stop()
        out = watcher.output()
        c.check(("answered %d searches" % s.count) in out, "content folder: the watcher answered every search", out)
        commits = sum(1 for line in watcher.lines if "Updated the index" in line)
        c.check(commits <= 4, "content folder: writes to other files cause no commit", out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("mode", choices=["scan", "watch", "lifecycle"])
    args = parser.parse_args()
    faqt = os.path.abspath(args.faqt)
    c = Checker()
    {"scan": test_scan, "watch": test_watch, "lifecycle": test_lifecycle}[args.mode](c, faqt)
    print("FAILED" if c.failed else "passed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
