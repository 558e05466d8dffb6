#!/usr/bin/env python3
"""End-to-end tests of how the index copes with the machine around it.

  locked      another process holds the write lock: a refreshing search
              does not wait, warns once that results may be stale, and
              answers from the committed index.
  disk-full   the disk fills up (a small tmpfs, so root only; skipped
              otherwise): 'faqt index' says the disk is full with a hint,
              leaves no index.new-* behind, and search still answers from
              the intact index with a warning.
  killed      'faqt index' (an update in place, or a rebuild) is killed at
              random moments: the snippet text stored with each article
              always belongs to the terms committed with it (the files
              are removed before searching, so snippets come from the
              stored text), and a later run finishes the job.

Exit 0 passed, 1 failed, 77 skipped (CTest's SKIP_RETURN_CODE).
"""

import argparse
import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77


def run(faqt, kb, *args):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": kb,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "TZ": "UTC",
    }
    proc = subprocess.run([faqt] + list(args), cwd=kb, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


class Checker:
    def __init__(self):
        self.failed = False

    def check(self, condition, what, detail=""):
        if not condition:
            self.failed = True
            print("FAILED: %s\n%s" % (what, detail))


def copy_helpdesk(source, kb):
    shutil.copytree(os.path.join(source, "examples", "helpdesk"), kb, dirs_exist_ok=True, symlinks=True)


def test_locked(faqt, source):
    c = Checker()
    with tempfile.TemporaryDirectory(prefix="faqt-locked-") as tmp:
        kb = os.path.join(tmp, "kb")
        copy_helpdesk(source, kb)
        rc, _, err = run(faqt, kb, "index", "-q")
        c.check(rc == 0, "first index", err)
        with open(os.path.join(kb, "new-article.md"), "w", encoding="utf-8") as f:
            f.write("# Lockstep zebrafinch\n\nAdded while the index is locked.\n")
        # A child process takes the write lock, as a running 'faqt index' would.
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import fcntl, sys\n"
             "f = open(sys.argv[1], 'a+')\n"
             "fcntl.flock(f, fcntl.LOCK_EX)\n"
             "print('locked', flush=True)\n"
             "sys.stdin.read()\n",
             os.path.join(kb, ".faqt", "index.lock")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            c.check(holder.stdout.readline().strip() == b"locked", "the child holds the lock")
            rc, out, err = run(faqt, kb, "search", "vpn")
            c.check(rc == 0, "search answers while the index is locked (exit 0)", "exit %d\n%s" % (rc, err))
            c.check("network/vpn-drops" in out, "search results come from the committed index", out)
            warnings = [line for line in err.splitlines() if line.startswith("faqt: warning:")]
            c.check(len(warnings) == 1 and "being updated by another process" in warnings[0] and
                    "may miss the latest edits" in warnings[0],
                    "one warning says the index is locked and may be stale", err)
            c.check(len(err.splitlines()) == 1, "the warning is one line", err)
            # The edit is not there yet: the reader did not wait for the writer.
            rc, out, err = run(faqt, kb, "search", "zebrafinch")
            c.check(rc == 1 and "new-article" not in out, "the locked index misses the new article", out + err)
            # 'faqt index' itself still reports the lock as an error.
            rc, _, err = run(faqt, kb, "index")
            c.check(rc == 3 and "being updated by another process" in err, "faqt index fails on the lock", err)
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)
        rc, out, err = run(faqt, kb, "search", "zebrafinch")
        c.check(rc == 0 and "new-article" in out and err == "", "once unlocked, search updates the index", out + err)
    return c.failed


def tree_size(folder):
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def test_disk_full(faqt, source):
    if os.geteuid() != 0:
        print("SKIPPED: mounting a small tmpfs needs root")
        return SKIP
    c = Checker()
    with tempfile.TemporaryDirectory(prefix="faqt-diskfull-") as tmp:
        kb = os.path.join(tmp, "kb")
        os.makedirs(kb)
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", kb], stderr=subprocess.PIPE)
        if mount.returncode != 0:
            print("SKIPPED: cannot mount a tmpfs: %s" % mount.stderr.decode(errors="replace").strip())
            return SKIP
        try:
            copy_helpdesk(source, kb)
            rc, _, err = run(faqt, kb, "index", "-q")
            c.check(rc == 0, "first index", err)
            with open(os.path.join(kb, "new-article.md"), "w", encoding="utf-8") as f:
                f.write("# Diskfull zebrafinch\n\nWritten just before the disk filled up.\n" * 20)
            # Enough new text that the update writes hundreds of KB before it fails.
            rng = random.Random(1)
            words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 10)))
                     for _ in range(20000)]
            for i in range(150):
                with open(os.path.join(kb, "gen%03d.md" % i), "w", encoding="utf-8") as f:
                    f.write("# Generated %d\n\n%s\n" % (i, " ".join(rng.choice(words) for _ in range(600))))
            # Fill the disk up.
            with open(os.path.join(kb, "filler.bin"), "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
                except OSError:
                    pass
            # Leave a little room, so the update gets far before it fails.
            filler = os.path.join(kb, "filler.bin")
            os.truncate(filler, max(0, os.path.getsize(filler) - 400 * 1024))
            index_dir = os.path.join(kb, ".faqt", "index")
            before = tree_size(index_dir)
            for args in (["index"], ["index", "--rebuild"]):
                rc, out, err = run(faqt, kb, *args)
                what = "faqt " + " ".join(args)
                c.check(rc == 3, what + " fails with exit 3 on a full disk", "exit %d\n%s" % (rc, err))
                c.check("the disk is full" in err and "No space left on device" in err,
                        what + " says the disk is full", err)
                c.check("hint: free some space" in err, what + " hints at freeing space", err)
                left = [n for n in os.listdir(os.path.join(kb, ".faqt")) if n.startswith("index.new-")]
                c.check(left == [], what + " leaves nothing behind", " ".join(left))
                # What a failed update wrote into the live index is cut off again.
                after = tree_size(index_dir)
                c.check(after <= before, what + " leaves the index no bigger than it was",
                        "%d bytes before, %d after" % (before, after))
            rc, out, err = run(faqt, kb, "search", "vpn")
            c.check(tree_size(index_dir) <= before, "a refreshing search leaves the index no bigger than it was",
                    "%d bytes before, %d after" % (before, tree_size(index_dir)))
            c.check(rc == 0 and "network/vpn-drops" in out, "search answers from the intact index",
                    "exit %d\n%s%s" % (rc, out, err))
            c.check("faqt: warning:" in err and "the disk is full" in err and "may miss the latest edits" in err,
                    "search warns that the index could not be updated", err)
            os.remove(os.path.join(kb, "filler.bin"))
            rc, out, err = run(faqt, kb, "search", "zebrafinch")
            c.check(rc == 0 and "new-article" in out and err == "", "with space again, search updates the index",
                    out + err)
        finally:
            subprocess.run(["umount", kb])
    return c.failed


def write_articles(kb, count, word):
    for i in range(count):
        with open(os.path.join(kb, "a%03d.md" % i), "w", encoding="utf-8") as f:
            # The marker comes after 300 bytes of filler, beyond any start of
            # the text a snippet could fall back to.
            f.write("+++\ntitle = \"Article %d\"\n+++\n\n%s\n\nThe %s marker of article %d.\n"
                    % (i, "Filler words of no interest here. " * 10, word, i))


def snippet_state(faqt, kb, word):
    """The ids a --no-refresh search finds for word, and the ids among them
    whose snippet does not show it."""
    rc, out, err = run(faqt, kb, "search", "--no-refresh", "--json", "--limit", "1000", word)
    if rc not in (0, 1):
        return None, None, err
    hits = json.loads(out)["results"] if rc == 0 else []
    ids = {h["id"] for h in hits}
    wrong = {h["id"] for h in hits if word not in h["snippet"]}
    return ids, wrong, err


def test_killed(faqt, source):
    c = Checker()
    count = 300
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="faqt-killed-") as tmp:
        kb = os.path.join(tmp, "kb")
        os.makedirs(kb)
        open(os.path.join(kb, "faqt.toml"), "w").close()
        write_articles(kb, count, "oldword")
        rc, _, err = run(faqt, kb, "index", "-q")
        c.check(rc == 0, "first index", err)
        everyone = {"a%03d" % i for i in range(count)}
        for attempt in range(8):
            write_articles(kb, count, "newword")
            args = [faqt, "index", "-q"] + (["--rebuild"] if attempt % 2 else [])
            writer = subprocess.Popen(args, cwd=kb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                writer.wait(timeout=rng.uniform(0.0, 0.4))
            except subprocess.TimeoutExpired:
                writer.send_signal(signal.SIGKILL)
                writer.wait()
            # Without the files, every snippet comes from the stored text.
            for i in range(count):
                os.remove(os.path.join(kb, "a%03d.md" % i))
            old, old_wrong, err_old = snippet_state(faqt, kb, "oldword")
            new, new_wrong, err_new = snippet_state(faqt, kb, "newword")
            what = "attempt %d (%s)" % (attempt, " ".join(args[1:]))
            if old is None or new is None:
                c.check(False, what + ": search answers", err_old + err_new)
                continue
            c.check(not old_wrong and not new_wrong, what + ": each snippet shows the word its article matched",
                    "old: %s\nnew: %s" % (sorted(old_wrong)[:5], sorted(new_wrong)[:5]))
            c.check(old | new == everyone and not (old & new), what + ": each article is all old or all new",
                    "%d old, %d new" % (len(old), len(new)))
            c.check(old == everyone or new == everyone, what + ": one commit, all or nothing",
                    "%d old, %d new" % (len(old), len(new)))
            write_articles(kb, count, "oldword")
            rc, _, err = run(faqt, kb, "index", "-q")
            c.check(rc == 0, what + ": the next run finishes the job", err)
            old, old_wrong, _ = snippet_state(faqt, kb, "oldword")
            c.check(old == everyone and not old_wrong, what + ": and the index is whole again",
                    "%d found" % len(old or ()))
    return c.failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True, help="repository root")
    parser.add_argument("case", choices=["locked", "disk-full", "killed"])
    options = parser.parse_args()
    faqt = os.path.realpath(options.faqt)
    tests = {"locked": test_locked, "disk-full": test_disk_full, "killed": test_killed}
    result = tests[options.case](faqt, options.source)
    if result == SKIP:
        return SKIP
    return 1 if result else 0


if __name__ == "__main__":
    sys.exit(main())
