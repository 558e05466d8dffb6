#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and checks what arrived.

`cmake --install BUILD --prefix PREFIX` with DESTDIR set must give the
binary (and it must run), every man page of man/ in its section folder,
and the bash, zsh and fish completions. When man-db is there, `man -w`
must find the installed pages through MANPATH.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cmake", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()

    failures = []
    with tempfile.TemporaryDirectory(prefix="faqt-install-") as destdir:
        prefix = "/opt/faqt-test"
        env = dict(os.environ, DESTDIR=destdir)
        proc = subprocess.run([options.cmake, "--install", options.build, "--prefix", prefix], env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print("cmake --install failed:\n" + proc.stdout + proc.stderr)
            return 1
        root = destdir + prefix

        expected = ["bin/faqt", "share/bash-completion/completions/faqt", "share/zsh/site-functions/_faqt",
                    "share/fish/vendor_completions.d/faqt.fish"]
        pages = sorted(os.path.basename(p) for p in glob.glob(os.path.join(options.source, "man", "*.[157]")))
        if "faqt-search.1" not in pages:
            failures.append("man/ has no faqt-search.1")
        expected += ["share/man/man%s/%s" % (page[-1], page) for page in pages]
        for path in expected:
            if not os.path.isfile(os.path.join(root, path)):
                failures.append("not installed: PREFIX/%s" % path)

        binary = os.path.join(root, "bin", "faqt")
        if os.path.isfile(binary):
            if not os.access(binary, os.X_OK):
                failures.append("PREFIX/bin/faqt is not executable")
            else:
                version = subprocess.run([binary, "--version"], capture_output=True, text=True)
                if version.returncode != 0 or not version.stdout.strip():
                    failures.append("PREFIX/bin/faqt --version failed: %r" % (version.stdout + version.stderr))

        if shutil.which("man"):
            man_env = dict(os.environ, MANPATH=os.path.join(root, "share", "man"))
            for topic, page in (("faqt-search", "man1/faqt-search.1"), ("faqt.toml", "man5/faqt.toml.5"),
                                ("faqt-query", "man7/faqt-query.7")):
                found = subprocess.run(["man", "-w", topic], env=man_env, capture_output=True, text=True)
                want = os.path.join(root, "share", "man", page)
                if found.returncode != 0 or os.path.realpath(found.stdout.strip()) != os.path.realpath(want):
                    failures.append("MANPATH=PREFIX/share/man man -w %s gave %r (exit %d), not %s" %
                                    (topic, found.stdout.strip() + found.stderr.strip(), found.returncode, want))
        else:
            print("man is not installed: not checking that man finds the pages")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
