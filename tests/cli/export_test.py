#!/usr/bin/env python3
"""End-to-end tests of `faqt export`'s output folder (faqt-export(1)):

- determinism: two exports of one KB are byte-identical (diff -r), and so is
  the export of a second `git clone` of the KB's repository, whose files all
  have new mtimes: dates of articles without `updated` come from git;
- incremental re-export: nothing changed → nothing written, every mtime kept;
  one article edited → its page changes and no other article's page;
- a deleted article: its files and folders go, nothing else (a file the user
  put in the folder stays);
- the refusals: a non-empty folder that is not faqt's, --clean; --out inside
  the KB never costs an article;
- an article whose page cannot be written is skipped with a warning naming
  it, and the rest is exported;
- a full disk (a small tmpfs, root only): exit 3, the file named, and the
  manifest still true to what is on disk;
- former ids get redirect pages; the Atom feeds parse, have the Atom
  namespace and keep their entry ids from one export to the next; the
  sitemap parses and names only files that exist; without a base URL there
  are no feeds and no sitemap, and one warning.

The last group needs export_site() to make feeds, sitemap and redirects; it
is skipped, saying so, while robots.txt (always made with the sitemap) is
missing. Exit 0 passed (skipped parts are named), 1 failed.
"""

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

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
    "FAQT_TODAY": "2026-12-01",
}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COMMIT_DATE = "2026-03-04T05:06:07+00:00"


class Checker:
    def __init__(self):
        self.failed = False
        self.skipped = []

    def check(self, condition, what, detail=""):
        if not condition:
            self.failed = True
            print("FAILED: %s\n%s" % (what, detail), flush=True)
        return condition


def run(faqt, kb, *args, home=None):
    env = dict(ENV, HOME=home or kb)
    return subprocess.run([faqt, "-C", kb] + list(args), cwd=kb, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=300)


def export(t, faqt, kb, out, *extra):
    proc = run(faqt, kb, "export", "--out", out, *extra)
    t.check(proc.returncode == 0, "faqt export --out %s %s exits 0" % (out, " ".join(extra)),
            proc.stdout.decode() + proc.stderr.decode())
    return proc


def git(cwd, *args, date=COMMIT_DATE):
    env = dict(ENV, HOME=cwd, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git"] + list(args), cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def files_of(folder):
    """Relative path → (size, mtime_ns) of every file below folder."""
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            st = os.lstat(path)
            out[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns)
    return out


def same_tree(a, b):
    """The differences between two folders, like diff -r: [] when identical."""
    differences = []
    left, right = files_of(a), files_of(b)
    for path in sorted(set(left) | set(right)):
        if path not in left or path not in right:
            differences.append("only in one: " + path)
        elif not filecmp.cmp(os.path.join(a, path), os.path.join(b, path), shallow=False):
            differences.append("differs: " + path)
    return differences


def article_pages(files):
    return {p for p in files if re.match(r"^([a-z]{2}/)?articles/.+/index\.html$", p)}


def make_kb(source, tmp):
    """examples/helpdesk in a git repository, one commit at COMMIT_DATE."""
    kb = os.path.join(tmp, "kb")
    shutil.copytree(os.path.join(source, "examples", "helpdesk"), kb, symlinks=True)
    git(kb, "init", "-q")
    git(kb, "add", "-A")
    git(kb, "commit", "-q", "-m", "KB")
    return kb


def test_determinism(t, faqt, kb, tmp):
    a, b = os.path.join(tmp, "det-a"), os.path.join(tmp, "det-b")
    export(t, faqt, kb, a)
    export(t, faqt, kb, b)
    t.check(same_tree(a, b) == [], "two exports of one KB are identical", "\n".join(same_tree(a, b)))

    # A clone: every file has a new mtime, git's dates are the same.
    clone = os.path.join(tmp, "clone")
    subprocess.run(["git", "clone", "-q", kb, clone], check=True, env=dict(ENV, HOME=tmp))
    for root, _, names in os.walk(clone):
        for name in names:
            os.utime(os.path.join(root, name), (1900000000, 1900000000))
    c = os.path.join(tmp, "det-clone")
    export(t, faqt, clone, c)
    t.check(same_tree(a, c) == [], "the export of a clone is identical", "\n".join(same_tree(a, c)))


def test_incremental(t, faqt, kb, tmp):
    out = os.path.join(tmp, "inc")
    export(t, faqt, kb, out)
    before = files_of(out)
    again = export(t, faqt, kb, out)
    t.check(re.search(r"\(0 written, \d+ unchanged, 0 removed\)", again.stdout.decode()),
            "a re-export without changes writes nothing", again.stdout.decode())
    t.check(files_of(out) == before, "a re-export without changes keeps every file and mtime")

    # Edit the public text (not the title) of one article: a sentence at the
    # start of its body, which is never under an internal heading.
    path = os.path.join(kb, "network", "vpn-drops.md")
    with open(path, encoding="utf-8") as f:
        original = f.read()
    end = original.index("+++\n", 4) + 4
    with open(path, "w", encoding="utf-8") as f:
        f.write(original[:end] + "One more sentence, added by the incremental test.\n\n" + original[end:])
    edited = export(t, faqt, kb, out)
    after = files_of(out)
    changed = {p for p in after if p in before and after[p] != before[p]}
    t.check(re.search(r"\((\d+) written", edited.stdout.decode()) and
            not edited.stdout.decode().startswith("exported 0"), "the edit re-exports", edited.stdout.decode())
    pages = article_pages(after)
    own = "articles/network/vpn-drops/index.html"
    if own in pages:
        t.check(own in changed, "the edited article's page is written again", str(sorted(changed)))
        others = (changed & pages) - {own}
        t.check(not others, "no other article's page changes", str(sorted(others)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)


def test_deletion(t, faqt, kb, tmp):
    work = os.path.join(tmp, "del-kb")
    shutil.copytree(kb, work, symlinks=True)
    out = os.path.join(tmp, "del")
    export(t, faqt, work, out)
    with open(os.path.join(out, "CNAME"), "w") as f:
        f.write("help.example\n")
    before = files_of(out)
    os.remove(os.path.join(work, "network", "wifi-guest.md"))
    proc = export(t, faqt, work, out)
    after = files_of(out)
    gone = set(before) - set(after)
    t.check("CNAME" in after, "a file faqt did not write stays")
    page = "articles/network/wifi-guest/index.html"
    if page in before:
        t.check(page in gone, "the deleted article's page is removed", str(sorted(gone)))
        t.check(not os.path.exists(os.path.join(out, "articles/network/wifi-guest")),
                "its folder is removed")
        t.check(re.search(r"[1-9]\d* removed\)", proc.stdout.decode()), "the summary counts removals",
                proc.stdout.decode())
    t.check(not (gone & article_pages(before)) - {page}, "no other article's page is removed",
            str(sorted(gone)))


def test_refusals(t, faqt, kb, tmp):
    out = os.path.join(tmp, "theirs")
    os.makedirs(out)
    with open(os.path.join(out, "precious.txt"), "w") as f:
        f.write("mine")
    proc = run(faqt, kb, "export", "--out", out)
    t.check(proc.returncode == 2 and out in proc.stderr.decode() and "--clean" in proc.stderr.decode(),
            "a non-empty folder without a manifest is refused, naming it, hinting --clean",
            proc.stderr.decode())
    t.check(os.path.exists(os.path.join(out, "precious.txt")), "the refused folder is untouched")
    proc = run(faqt, kb, "export", "--out", out, "--clean")
    t.check(proc.returncode == 0 and not os.path.exists(os.path.join(out, "precious.txt")),
            "--clean empties a folder named with --out", proc.stderr.decode())
    for bad in (kb, os.path.dirname(kb), "/"):
        proc = run(faqt, kb, "export", "--out", bad, "--clean")
        t.check(proc.returncode == 2, "--out %s --clean is refused" % bad, proc.stderr.decode())
    t.check(os.path.exists(os.path.join(kb, "faqt.toml")), "the KB survives")
    home = os.path.join(tmp, "home")
    os.makedirs(os.path.join(home, "me"))
    with open(os.path.join(home, "me", "thesis.txt"), "w") as f:
        f.write("years of work")
    for bad in (os.path.join(home, "me"), home):
        proc = run(faqt, kb, "export", "--out", bad, "--clean", home=os.path.join(home, "me"))
        t.check(proc.returncode == 2 and "home folder" in proc.stderr.decode(),
                "--clean refuses %s, the home folder or one holding it" % bad, proc.stderr.decode())
    t.check(os.path.exists(os.path.join(home, "me", "thesis.txt")), "the home folder survives")


def test_inside_kb(t, faqt, kb, tmp):
    """--out inside the KB: --clean never empties a folder of articles or
    Markdown, and an export writes only into an empty folder there."""
    network = os.path.join(kb, "network")
    before = sorted(os.listdir(network))
    proc = run(faqt, kb, "export", "--out", network, "--clean")
    err = proc.stderr.decode()
    t.check(proc.returncode == 2 and network in err and "articles" in err and "hint:" in err,
            "--out KB/network --clean is refused, naming the folder, with a hint", err)
    t.check(sorted(os.listdir(network)) == before, "the articles of KB/network are all still there")
    proc = run(faqt, kb, "export", "--out", network)
    t.check(proc.returncode == 2 and sorted(os.listdir(network)) == before,
            "--out KB/network without --clean is refused too", proc.stderr.decode())
    # A folder of the user's notes outside the KB is not emptied either.
    notes = os.path.join(tmp, "notes")
    os.makedirs(os.path.join(notes, "deep"))
    with open(os.path.join(notes, "deep", "todo.md"), "w") as f:
        f.write("# mine\n")
    proc = run(faqt, kb, "export", "--out", notes, "--clean")
    t.check(proc.returncode == 2 and "Markdown" in proc.stderr.decode()
            and os.path.exists(os.path.join(notes, "deep", "todo.md")),
            "--clean refuses a folder holding Markdown that faqt did not write", proc.stderr.decode())
    # An empty folder inside the KB may take the site, and be cleaned once
    # it is faqt's.
    inside = os.path.join(tmp, "kb-copy")
    shutil.copytree(kb, inside, symlinks=True)
    site = os.path.join(inside, "site")
    os.makedirs(site)
    export(t, faqt, inside, site)
    export(t, faqt, inside, site, "--clean")
    t.check(os.path.exists(os.path.join(site, "index.html")), "an empty folder inside the KB takes the site")
    shutil.rmtree(inside)


def test_unwritable_paths(t, faqt, kb, tmp):
    """An article whose page cannot be written (a path longer than the
    system takes, a file in the way of its folder) is a warning naming it;
    the rest is exported."""
    bad = os.path.join(tmp, "kb-bad-paths")
    shutil.copytree(kb, bad, symlinks=True)
    out = os.path.join(tmp, "bad-paths-out")
    export(t, faqt, bad, out)
    # A file the user left where an article's folder must go.
    with open(os.path.join(out, "articles", "clash"), "w") as f:
        f.write("in the way")
    with open(os.path.join(bad, "clash.md"), "w") as f:
        f.write('+++\ntitle = "Clash"\n+++\nText.\n')
    # Segments of 200 bytes, over 4,096 in all: too long for any system.
    with open(os.path.join(bad, "long.md"), "w") as f:
        f.write('+++\ntitle = "Long"\nid = "%s"\n+++\nText.\n' % "/".join(["x" * 200] * 22))
    proc = export(t, faqt, bad, out)
    err = proc.stderr.decode()
    t.check(re.search(r"^long\.md: warning: cannot write .*File name too long; skipped$", err, re.M) is not None,
            "the article with a name too long is a warning naming long.md", err)
    t.check(re.search(r"^clash\.md: warning: cannot write .*; skipped$", err, re.M) is not None,
            "the article whose folder is a file is a warning naming clash.md", err)
    t.check(os.path.exists(os.path.join(out, "articles", "network", "vpn-drops", "index.html"))
            and os.path.exists(os.path.join(out, "index.html")), "the rest of the site is written", err)
    with open(os.path.join(out, "articles", "clash")) as f:
        t.check(f.read() == "in the way", "the file in the way is left as it was")
    t.check(manifest_problems(out) == [], "the manifest lists what is on disk", str(manifest_problems(out)))
    proc = run(faqt, bad, "export", "--out", out, "--strict")
    t.check(proc.returncode == 1, "--strict: a skipped file makes the exit status 1", proc.stderr.decode())


def test_dump_theme(t, faqt, kb, tmp):
    theme = os.path.join(tmp, "theme")
    proc = run(faqt, kb, "export", "--dump-theme", theme)
    t.check(proc.returncode == 0, "--dump-theme writes the theme", proc.stderr.decode())
    dumped = files_of(theme) if os.path.isdir(theme) else {}
    if not dumped:
        t.skipped.append("--dump-theme refusing to overwrite: the built-in theme has no files yet")
        return
    before = {p: v for p, v in dumped.items()}
    proc = run(faqt, kb, "export", "--dump-theme", theme)
    t.check(proc.returncode == 2 and "refusing to overwrite" in proc.stderr.decode(),
            "--dump-theme refuses to overwrite a theme", proc.stderr.decode())
    t.check(files_of(theme) == before, "the existing theme is untouched")
    # The dumped theme, used as --theme, gives the built-in site.
    a, b = os.path.join(tmp, "theme-a"), os.path.join(tmp, "theme-b")
    export(t, faqt, kb, a)
    export(t, faqt, kb, b, "--theme", theme)
    t.check(same_tree(a, b) == [], "the dumped theme makes the same site as the built-in one",
            "\n".join(same_tree(a, b)))


def fnv1a64(data):
    h = 14695981039346656037
    for byte in data:
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def manifest_problems(out):
    """What in the manifest does not match the disk: [] when it is true."""
    import json
    with open(os.path.join(out, ".faqt-export.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    problems = []
    for entry in manifest["files"]:
        path = os.path.join(out, entry["path"])
        if not os.path.isfile(path):
            problems.append("missing: " + entry["path"])
            continue
        with open(path, "rb") as f:
            data = f.read()
        if len(data) != entry["size"] or fnv1a64(data) != entry["digest"]:
            problems.append("not as recorded: " + entry["path"])
    return problems


def test_disk_full(t, faqt, kb, tmp):
    if os.geteuid() != 0:
        t.skipped.append("full disk: mounting a small tmpfs needs root")
        return
    mount_point = os.path.join(tmp, "small")
    os.makedirs(mount_point)
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mount_point], stderr=subprocess.PIPE)
    if mount.returncode != 0:
        t.skipped.append("full disk: cannot mount a tmpfs: " + mount.stderr.decode(errors="replace").strip())
        return
    try:
        work = os.path.join(tmp, "full-kb")
        shutil.copytree(kb, work, symlinks=True)
        out = os.path.join(mount_point, "site")
        export(t, faqt, work, out)
        t.check(manifest_problems(out) == [], "the manifest matches the disk after an export")
        # Every page changes (the KB's title is on each), and the disk is full.
        toml = os.path.join(work, "faqt.toml")
        with open(toml, encoding="utf-8") as f:
            text = f.read()
        with open(toml, "w", encoding="utf-8") as f:
            f.write(re.sub(r'(?m)^title = "(.*)"$', r'title = "\1, renamed"', text, count=1))
        filler = os.path.join(mount_point, "filler.bin")
        try:
            with open(filler, "wb") as f:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
        except OSError:
            pass  # full; closing the file may also report it
        proc = run(faqt, work, "export", "--out", out)
        err = proc.stderr.decode()
        t.check(proc.returncode == 3, "a full disk fails the export with exit 3", "exit %d\n%s" % (proc.returncode, err))
        t.check("cannot write " + out in err and "No space left on device" in err,
                "the error names the file and says why", err)
        t.check("hint: the disk is full" in err, "the hint says the disk is full", err)
        t.check(manifest_problems(out) == [], "after the failure the manifest still matches the disk",
                "\n".join(manifest_problems(out)))
        leftovers = [n for _, _, names in os.walk(out) for n in names if n.startswith(".faqt-tmp-")]
        t.check(leftovers == [], "no temporary file is left behind", str(leftovers))
        os.remove(filler)
        export(t, faqt, work, out)
        t.check(manifest_problems(out) == [], "with space again the export completes")
    finally:
        subprocess.run(["umount", mount_point])


def wired(out):
    return os.path.exists(os.path.join(out, "robots.txt"))


def test_site_files(t, faqt, kb, tmp):
    work = os.path.join(tmp, "site-kb")
    shutil.copytree(kb, work, symlinks=True)
    path = os.path.join(work, "network", "vpn-setup.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("+++\n", "+++\nformer_ids = [\"old/vpn-howto\"]\n", 1))
    # A tracked article without `updated` (an uncommitted change: it keeps
    # its last commit's date) and an untracked one (its mtime).
    guest = os.path.join(work, "network", "wifi-guest.md")
    with open(guest, encoding="utf-8") as f:
        text = f.read()
    with open(guest, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^updated = .*\n", "", text))
    os.utime(guest, (1800000000, 1800000000))
    fresh = os.path.join(work, "network", "fresh-untracked.md")
    with open(fresh, "w", encoding="utf-8") as f:
        f.write("+++\ntitle = \"Fresh\"\n+++\nNot committed yet.\n")
    os.utime(fresh, (1735787045, 1735787045))  # 2025-01-02 03:04:05 UTC
    out = os.path.join(tmp, "site")
    export(t, faqt, work, out)
    if not wired(out):
        t.skipped.append("feeds, sitemap and redirects: export_site() does not make them yet")
        return

    redirect = os.path.join(out, "articles", "old", "vpn-howto", "index.html")
    if t.check(os.path.exists(redirect), "a former id has a redirect page"):
        with open(redirect, encoding="utf-8") as f:
            page = f.read()
        t.check('http-equiv="refresh"' in page and "../../network/vpn-setup/index.html" in page,
                "the redirect page sends the browser to the article", page)

    feed_ids = {}
    for name in sorted(os.listdir(os.path.join(out, "feeds"))):
        root = ET.parse(os.path.join(out, "feeds", name)).getroot()
        t.check(root.tag == ATOM + "feed", "feeds/%s is an Atom feed" % name, root.tag)
        ids = [e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")]
        t.check(len(ids) == len(set(ids)), "feeds/%s has unique entry ids" % name)
        for entry in root.findall(ATOM + "entry"):
            t.check(re.match(r"^\d{4}-\d\d-\d\dT00:00:00Z$", entry.findtext(ATOM + "updated") or ""),
                    "entries of feeds/%s have an RFC 3339 updated" % name)
        feed_ids[name] = ids
    t.check("known-issues.xml" in feed_ids and feed_ids["known-issues.xml"], "the KB's feed has entries")

    # The same ids after an edit.
    with open(path, "a", encoding="utf-8") as f:
        f.write("\nEdited.\n")
    export(t, faqt, work, out)
    for name, ids in feed_ids.items():
        root = ET.parse(os.path.join(out, "feeds", name)).getroot()
        t.check(sorted(e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")) == sorted(ids),
                "feeds/%s keeps its entry ids" % name)

    sitemap = ET.parse(os.path.join(out, "sitemap.xml")).getroot()
    t.check(sitemap.tag == SITEMAP + "urlset", "sitemap.xml is a sitemap")
    base = "https://help.northwind.example/"
    locs = [u.findtext(SITEMAP + "loc") for u in sitemap.findall(SITEMAP + "url")]
    t.check(len(locs) > 10, "the sitemap lists the pages", str(len(locs)))
    for loc in locs:
        relative = loc[len(base):] if loc.startswith(base) else None
        t.check(relative is not None and os.path.exists(os.path.join(out, relative)),
                "the sitemap names a file of the site: %s" % loc)
    # Articles without `updated`: the last commit's date, else the mtime.
    lastmods = {u.findtext(SITEMAP + "loc"): u.findtext(SITEMAP + "lastmod") for u in sitemap.findall(SITEMAP + "url")}
    t.check(lastmods.get(base + "articles/network/wifi-guest/index.html") == COMMIT_DATE[:10],
            "a tracked article without updated has its last commit's date",
            str(lastmods.get(base + "articles/network/wifi-guest/index.html")))
    t.check(lastmods.get(base + "articles/network/fresh-untracked/index.html") == "2025-01-02",
            "an untracked article without updated has its mtime's date",
            str(lastmods.get(base + "articles/network/fresh-untracked/index.html")))
    with open(os.path.join(out, "robots.txt"), encoding="utf-8") as f:
        t.check("Sitemap: %ssitemap.xml" % base in f.read(), "robots.txt names the sitemap")

    # No base URL: no feeds, no sitemap, one warning.
    toml = os.path.join(work, "faqt.toml")
    with open(toml, encoding="utf-8") as f:
        text = f.read()
    with open(toml, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^base_url = .*\n", "", text))
    bare = os.path.join(tmp, "bare")
    proc = export(t, faqt, work, bare)
    t.check(not os.path.exists(os.path.join(bare, "feeds")), "no feeds without a base URL")
    t.check(not os.path.exists(os.path.join(bare, "sitemap.xml")), "no sitemap without a base URL")
    t.check(proc.stderr.decode().count("no base URL") == 1, "one warning about the base URL",
            proc.stderr.decode())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    faqt = os.path.realpath(options.faqt)
    t = Checker()
    with tempfile.TemporaryDirectory(prefix="faqt-export-") as tmp:
        kb = make_kb(options.source, tmp)
        for test in (test_determinism, test_incremental, test_deletion, test_refusals, test_inside_kb,
                     test_unwritable_paths, test_disk_full, test_dump_theme, test_site_files):
            test(t, faqt, kb, tmp)
    for skipped in t.skipped:
        print("SKIPPED: " + skipped)
    if t.failed:
        return 1
    print("passed" + (" (with skipped parts)" if t.skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
