#!/usr/bin/env python3
"""'faqt index' warns about an id that two files of one language share, naming both.

A golden case cannot hold this: the summary line of 'faqt index' carries the
time it took. So this runs it on a copy of examples/helpdesk with a second
file that claims the id of network/vpn-drops, and checks stderr.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    faqt = os.path.realpath(options.faqt)
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    with tempfile.TemporaryDirectory(prefix="faqt-dup-") as tmp:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
        with open(os.path.join(kb, "network", "vpn-drops-again.md"), "w", encoding="utf-8") as f:
            f.write('+++\nid = "network/vpn-drops"\ntitle = "VPN drops again"\n+++\n\nAgain.\n')
        proc = subprocess.run([faqt, "-C", kb, "index"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              timeout=120)
        stderr = proc.stderr.decode()
        want = ("faqt: warning: id 'network/vpn-drops' (en) is used by network/vpn-drops-again.md and "
                "network/vpn-drops.md; a search shows only one of them")
        failures = []
        if proc.returncode != 0:
            failures.append("exit %d, want 0" % proc.returncode)
        if want not in stderr:
            failures.append("stderr lacks the warning:\n" + stderr)
        if "Indexed 80 articles" not in proc.stdout.decode():
            failures.append("stdout does not say 80 articles were indexed:\n" + proc.stdout.decode())
        # Translations share an id by design: no warning without the duplicate.
        os.remove(os.path.join(kb, "network", "vpn-drops-again.md"))
        proc = subprocess.run([faqt, "-C", kb, "index"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              timeout=120)
        if proc.returncode != 0 or "is used by" in proc.stderr.decode():
            failures.append("warning without a duplicate (exit %d):\n%s" % (proc.returncode, proc.stderr.decode()))
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
