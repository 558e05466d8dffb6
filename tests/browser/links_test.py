#!/usr/bin/env python3
"""site_links: every relative href and src of every page of the export of
examples/helpdesk names a file of the export (from file:// a folder does not
open its index.html, so links name index.html), fragments name an id of
their page, no link is root-relative, protocol-relative, file:, javascript:
or data:, and absolute links to the KB's base_url name files of the export.
Then the export is moved into a sub-folder and checked again there, and no
file may name the folder it was exported to: the site works wherever it is
put."""

import pathlib
import sys
import tomllib
import urllib.parse

import exported_site

# Attributes whose value is a URL, by element ("*" = any element).
URL_ATTRIBUTES = {
    "a": ["href"],
    "area": ["href"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "script": ["src"],
    "iframe": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
    "button": ["formaction"],
    "base": ["href"],
    "blockquote": ["cite"],
    "q": ["cite"],
    "ins": ["cite"],
    "del": ["cite"],
}


def page_urls(page):
    """(line, tag, url) of every URL of a page."""
    for element in page.elements:
        for name in URL_ATTRIBUTES.get(element.tag, []):
            value = element.get(name)
            if value is None:
                continue
            if name == "srcset":
                for url in exported_site.srcset_urls(value):
                    yield element.line, element.tag, url
            else:
                yield element.line, element.tag, value
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            url = exported_site.meta_refresh_url(element.get("content") or "")
            if url is not None:
                yield element.line, "meta refresh", url


class Checker:
    def __init__(self, site, base_url):
        self.site = site.resolve()
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.problems = []
        self.pages = {}
        self.links = 0

    def page(self, path):
        if path not in self.pages:
            self.pages[path] = exported_site.Page(path)
        return self.pages[path]

    def problem(self, path, line, text):
        self.problems.append(f"{path.relative_to(self.site)}:{line}: {text}")

    def target(self, path, line, url, fragment):
        """Checks that the file path (absolute, resolved) exists in the
        export, and fragment names an id in it."""
        if not path.is_relative_to(self.site):
            self.problem(self.current, line, f"leads out of the export, to {path} (written {url!r})")
        elif path.is_dir():
            self.problem(self.current, line, f"names a folder, {path.relative_to(self.site)}/: from file:// it does not open its index.html (written {url!r})")
        elif not path.is_file():
            self.problem(self.current, line, f"no such file in the export: {path.relative_to(self.site)} (written {url!r})")
        elif fragment and path.suffix == ".html" and fragment not in self.page(path).ids:
            self.problem(self.current, line, f"no id {fragment!r} in {path.relative_to(self.site)} (written {url!r})")

    def check_page(self, path):
        self.current = path
        page = self.page(path)
        base = path.parent
        for line, tag, url in page_urls(page):
            self.links += 1
            url = url.strip()
            scheme, url_path, fragment = exported_site.split_url(url)
            fragment = urllib.parse.unquote(fragment)
            if scheme in ("javascript", "data", "vbscript"):
                self.problem(path, line, f"<{tag}> has a {scheme}: URL")
            elif scheme == "file":
                self.problem(path, line, f"<{tag}> has a file: URL ({url}): it only works where it was exported")
            elif scheme in ("http", "https"):
                if self.base_url and url.startswith(self.base_url):
                    relative = urllib.parse.unquote(url_path)[len(urllib.parse.urlsplit(self.base_url).path) :]
                    target = self.site / relative
                    if relative == "" or relative.endswith("/"):
                        target = target / "index.html"
                    self.target(target.resolve(), line, url, fragment)
            elif scheme:
                continue  # mailto:, tel: …
            elif url.startswith("//"):
                self.problem(path, line, f"<{tag}> has a protocol-relative URL ({url}): it becomes file:// off a server")
            elif url.startswith("/"):
                self.problem(path, line, f"<{tag}> has a root-relative URL ({url}): it breaks from file:// and under a sub-path")
            elif tag == "base":
                self.problem(path, line, f"<base href={url!r}> changes where every relative link leads")
            elif url_path == "":
                if fragment and fragment not in page.ids and fragment != "top":
                    self.problem(path, line, f"no id {fragment!r} in this page (written {url!r})")
            else:
                self.target((base / urllib.parse.unquote(url_path)).resolve(), line, url, fragment)

    def check(self):
        pages = exported_site.html_files(self.site)
        if not pages:
            sys.exit(f"FAIL: no .html file in {self.site}")
        for path in pages:
            self.check_page(path)
        return pages


def names_of_folder(site, folder):
    """Files of the export that name folder (the path it was exported to)."""
    needles = [str(folder).encode(), urllib.parse.quote(str(folder)).encode()]
    found = []
    for path in exported_site.site_files(site, ("",)):
        data = path.read_bytes()
        if any(needle in data for needle in needles):
            found.append(str(path.relative_to(site)))
    return found


def main():
    args = exported_site.arguments(__doc__)
    work = pathlib.Path(args.work).resolve()
    exported = work / "exported" / "site"
    site = exported_site.export(args, exported)
    base_url = ""
    if args.source:
        config = pathlib.Path(args.source) / exported_site.KB / "faqt.toml"
        with open(config, "rb") as f:
            base_url = tomllib.load(f).get("kb", {}).get("base_url", "")

    failed = False
    checker = Checker(site, base_url)
    pages = checker.check()
    exported_site.print_problems(checker.problems)
    print(f"{len(pages)} pages, {checker.links} links: {len(checker.problems)} problems (paths in {site})")
    failed |= bool(checker.problems)

    # The same export moved into a sub-folder elsewhere: its links still
    # lead to its own files, and no file names the folder it was made in.
    if not args.site:
        moved = work / "moved" / "sub" / "folder" / "site"
        moved.parent.mkdir(parents=True)
        site.rename(moved)
        checker = Checker(moved, base_url)
        checker.check()
        exported_site.print_problems(checker.problems, "moved: ")
        named = names_of_folder(moved, site)
        for name in named:
            print(f"{name}: names the folder it was exported to ({site})")
        print(f"moved into {moved}: {len(checker.problems) + len(named)} problems")
        failed |= bool(checker.problems or named)

    if failed:
        sys.exit("FAIL")
    print("PASS")


if __name__ == "__main__":
    main()
