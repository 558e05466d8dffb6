"""Shared set-up for the tests on the real officedocs-support corpus: finds
the corpus, copies it to a temporary KB with tests/realdata/officedocs.toml."""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77  # CTest's SKIP_RETURN_CODE


def find_corpus(source):
    candidates = [
        os.environ.get("FAQT_OFFICEDOCS", ""),
        os.path.join(source, "..", "shared", "corpus", "officedocs-support"),
        "/work/shared/corpus/officedocs-support",
    ]
    for candidate in candidates:
        if candidate and os.path.isdir(candidate):
            return os.path.realpath(candidate)
    return None


def make_kb(source):
    corpus = find_corpus(source)
    if corpus is None:
        print("officedocs-support corpus not found; set FAQT_OFFICEDOCS to run this test")
        sys.exit(SKIP)
    tmp = tempfile.mkdtemp(prefix="faqt-officedocs-")
    kb = os.path.join(tmp, "kb")
    shutil.copytree(corpus, kb)
    shutil.copy(os.path.join(source, "tests", "realdata", "officedocs.toml"), os.path.join(kb, "faqt.toml"))
    return tmp, kb


def article_files(kb):
    files = []
    for folder, dirs, names in os.walk(kb):
        rel = os.path.relpath(folder, kb)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (rel == "." and d in ("_source", "includes")))
        for name in sorted(names):
            if name.endswith(".md"):
                files.append(os.path.relpath(os.path.join(folder, name), kb))
    return sorted(files)


def run(faqt, kb, *args, timeout=300):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    env.pop("FAQT_KB", None)
    return subprocess.run([faqt, "-C", kb] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, timeout=timeout)


def cleanup(tmp):
    shutil.rmtree(tmp, ignore_errors=True)
