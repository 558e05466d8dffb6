"""What the browser tests share: their command line, the export of
examples/helpdesk they run on, the export's files, and a small reading of
its HTML (elements with their attributes and lines, ids, inline CSS).

Every test takes --faqt (the built binary), --source (the repository) and
--work (its own folder under the build tree, emptied first), exports
examples/helpdesk into WORK/site and checks that; --site DIR checks an
export that exists instead (a hand-made site, or one exported by hand).
"""

import argparse
import html.parser
import pathlib
import shutil
import subprocess
import sys
import urllib.parse

BROWSER_DIR = pathlib.Path(__file__).resolve().parent
NODE_MODULES = BROWSER_DIR / "node_modules"
KB = "examples/helpdesk"


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--faqt", help="the faqt binary")
    parser.add_argument("--source", help="the repository (for examples/helpdesk)")
    parser.add_argument("--work", required=True, help="a folder of this test's own (emptied first)")
    parser.add_argument("--site", help="check this export instead of exporting examples/helpdesk")
    args = parser.parse_args()
    if not args.site and not (args.faqt and args.source):
        parser.error("--faqt and --source, or --site, are needed")
    return args


def export(args, out=None):
    """The folder to check: --site, else examples/helpdesk exported with
    faqt into out (default WORK/site). Exits 1 when faqt fails."""
    work = pathlib.Path(args.work).resolve()
    if args.site:
        work.mkdir(parents=True, exist_ok=True)
        return pathlib.Path(args.site).resolve()
    if work.exists():
        shutil.rmtree(work)
    out = pathlib.Path(out) if out else work / "site"
    out.parent.mkdir(parents=True, exist_ok=True)
    kb = pathlib.Path(args.source) / KB
    command = [args.faqt, "-C", str(kb), "export", "--out", str(out)]
    print("$ " + " ".join(command), flush=True)
    run = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stdout.write(run.stderr)
    if run.returncode != 0:
        sys.exit(f"FAIL: faqt export exited {run.returncode}")
    if not (out / "index.html").is_file():
        sys.exit(f"FAIL: faqt export wrote no {out / 'index.html'}")
    return out


def site_files(site, suffixes):
    """Every file of the export whose name ends in one of suffixes, sorted."""
    return sorted(p for p in pathlib.Path(site).rglob("*") if p.is_file() and p.name.lower().endswith(suffixes))


def html_files(site):
    return site_files(site, (".html", ".htm"))


def node_package(*parts):
    """A file of an npm package of tests/browser/, or exit with what to do."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        sys.exit(f"FAIL: {path} is missing: run scripts/setup (it installs tests/browser's npm packages)")
    return path


def need_program(path, package):
    if not pathlib.Path(path).exists() and not shutil.which(path):
        sys.exit(f"FAIL: {path} is missing: run scripts/setup (Debian's {package})")


class Element:
    def __init__(self, tag, attrs, line, in_head):
        self.tag = tag
        self.attrs = {name: (value if value is not None else "") for name, value in attrs}
        self.line = line
        self.in_head = in_head

    def get(self, name):
        return self.attrs.get(name)


class Page(html.parser.HTMLParser):
    """The elements of one HTML file in document order, its ids and names
    (fragment targets), and the text of its <style> and <script> elements."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = pathlib.Path(path)
        self.elements = []
        self.ids = set()
        self.styles = []  # (line, css): <style> elements and style="" attributes
        self.scripts = []  # (line, type, text) of inline <script> elements
        self._in_head = False
        self._raw = None
        self.feed(self.path.read_text(encoding="utf-8", errors="replace"))
        self.close()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        element = Element(tag, attrs, line, self._in_head)
        self.elements.append(element)
        for key in ("id", "name"):
            if element.get(key):
                self.ids.add(element.get(key))
        if element.get("style"):
            self.styles.append((line, element.get("style")))
        if tag in ("style", "script"):
            self._raw = (tag, line, element.get("type") or "", [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("style", "script"):
            self._raw = None

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if self._raw and tag == self._raw[0]:
            kind, line, type_, text = self._raw
            if kind == "style":
                self.styles.append((line, "".join(text)))
            else:
                self.scripts.append((line, type_, "".join(text)))
            self._raw = None

    def handle_data(self, data):
        if self._raw:
            self._raw[3].append(data)


def srcset_urls(value):
    """The URLs of a srcset attribute ("a.png 1x, b.png 2x")."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def meta_refresh_url(content):
    """The URL of <meta http-equiv=refresh content="0; url=...">, or None."""
    _, _, rest = content.partition(";")
    rest = rest.strip()
    if rest.lower().startswith("url="):
        return rest[4:].strip().strip("'\"")
    return None


def split_url(url):
    """(scheme, path, fragment) of an href as written."""
    parts = urllib.parse.urlsplit(url.strip())
    return parts.scheme.lower(), parts.path, parts.fragment


def print_problems(problems, prefix="", shown=3):
    """Prints "page:line: message" problems; a message found on many pages
    is printed for the first few, then counted, so one fault of the theme
    does not bury the others. Messages are grouped without their
    " (written …)" part, the URL as the page wrote it."""
    by_message = {}
    for problem in problems:
        where, _, message = problem.partition(": ")
        by_message.setdefault(message.split(" (written ")[0], []).append((where, message))
    for key, places in by_message.items():
        for where, message in places[:shown]:
            print(f"{prefix}{where}: {message}")
        if len(places) > shown:
            print(f"{prefix}  … and {len(places) - shown} more pages: {key}")
