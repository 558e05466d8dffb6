#!/usr/bin/env python3
"""site_no_external_requests: no page of the export of examples/helpdesk
loads anything from outside it.

Statically: every page has a Content-Security-Policy meta, in its head before
anything that loads, with a default-src and no source that names a host or
lets any in (*, http:, https:, a host); no HTML, CSS, JavaScript or SVG file
points a resource that would load (<img>, <script>, <link rel=stylesheet|
icon|preload…>, <iframe>, <video poster>, CSS url() and @import, fonts, a
URL in a script) at http(s) or a protocol-relative URL. Links people follow
(<a href>, <link rel=canonical|alternate>) may be absolute.

The browser search's index files (search/*.js) are data, not code: each is
one faqtSearchData("NAME", JSON) call (checked), and the URLs in its JSON
are the articles' text and links, which nothing loads, so they are not
scanned like a script's.

In Chromium (requests.mjs): every page loaded from file:// with its policy
in force requests only files of the export."""

import json
import re
import subprocess
import sys

import exported_site

EXTERNAL = re.compile(r"^\s*(?:(?:https?|wss?|ftp):|//)", re.IGNORECASE)

# <link rel> values that load nothing; any other (stylesheet, icon, preload,
# prefetch, preconnect, dns-prefetch, manifest, search, modulepreload …) does.
NON_LOADING_RELS = {
    "alternate", "canonical", "author", "bookmark", "help", "license", "next", "prev", "me",
    "external", "nofollow", "noopener", "noreferrer", "tag", "privacy-policy", "terms-of-service",
}

# Attributes that load what they name, by element.
LOADING_ATTRIBUTES = {
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "script": ["src"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
    "a": ["ping"],
    "area": ["ping"],
}

# XML namespace names are URLs that nothing loads.
NAMESPACES = re.compile(r"https?://www\.w3\.org/(?:2000/svg|1999/xhtml|1999/xlink|1998/Math/MathML|XML/1998/namespace)")
URL_IN_TEXT = re.compile(r"(?:https?|wss?):\/\/[^\s'\"`)<>]+", re.IGNORECASE)

# Fetch directives whose sources must not let an outside request through.
SOURCE_KEYWORDS = {"'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "'unsafe-hashes'",
                   "'wasm-unsafe-eval'", "'report-sample'", "data:", "blob:"}
NON_FETCH_DIRECTIVES = {"upgrade-insecure-requests", "block-all-mixed-content", "sandbox", "report-uri", "report-to",
                        "require-trusted-types-for", "trusted-types", "frame-ancestors"}


INDEX_FILE = re.compile(r'faqtSearchData\("([^"\\]+)", (.*)\);\n', re.DOTALL)


def is_index_data(site, path, text):
    """Whether a .js file of a search/ folder is one faqtSearchData call
    whose NAME is its own name and whose data is JSON."""
    relative = path.relative_to(site)
    if len(relative.parts) < 2 or relative.parts[-2] != "search":
        return False
    match = INDEX_FILE.fullmatch(text)
    if not match or match.group(1) != path.stem:
        return False
    try:
        json.loads(match.group(2))
    except ValueError:
        return False
    return True


class Scan:
    def __init__(self, site):
        self.site = site
        self.problems = []

    def problem(self, path, line, text):
        self.problems.append(f"{path.relative_to(self.site)}:{line}: {text}")

    def text_urls(self, path, first_line, text, kind):
        """URLs written in CSS or JavaScript text, comments left out."""
        for offset, line in enumerate(text.splitlines()):
            stripped = line.strip()
            if stripped.startswith(("//", "/*", "*")):
                continue
            line = re.sub(r"/\*.*?\*/", "", line)
            for match in URL_IN_TEXT.finditer(line):
                if not NAMESPACES.match(match.group(0)):
                    self.problem(path, first_line + offset, f"{kind} names {match.group(0)}")
            if kind == "CSS":
                for match in re.finditer(r"url\(\s*['\"]?\s*(//[^'\")\s]+)|@import\s+['\"](//[^'\"]+)", line):
                    self.problem(path, first_line + offset, f"CSS loads the protocol-relative {match.group(1) or match.group(2)}")

    def csp(self, path, page):
        metas = [e for e in page.elements
                 if e.tag == "meta" and (e.get("http-equiv") or "").lower() == "content-security-policy"]
        if not metas:
            self.problem(path, 1, "no <meta http-equiv=Content-Security-Policy>")
            return
        meta = metas[0]
        if not meta.in_head:
            self.problem(path, meta.line, "the Content-Security-Policy meta is not in <head>")
        first_loader = next((e for e in page.elements if e.tag in ("link", "script", "style", "base", "img")), None)
        if first_loader and page.elements.index(first_loader) < page.elements.index(meta):
            self.problem(path, meta.line, f"the Content-Security-Policy meta comes after <{first_loader.tag}> "
                                          f"(line {first_loader.line}), which it does not cover")
        policy = meta.get("content") or ""
        directives = {}
        for directive in policy.split(";"):
            words = directive.split()
            if words:
                directives.setdefault(words[0].lower(), words[1:])
        if "default-src" not in directives:
            self.problem(path, meta.line, f"the Content-Security-Policy has no default-src: {policy!r}")
        for name, sources in directives.items():
            if name in NON_FETCH_DIRECTIVES:
                continue
            for source in sources:
                lowered = source.lower()
                if lowered in SOURCE_KEYWORDS or lowered.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")):
                    continue
                self.problem(path, meta.line, f"the Content-Security-Policy lets {source} in ({name})")

    def html(self, path):
        page = exported_site.Page(path)
        self.csp(path, page)
        for element in page.elements:
            names = list(LOADING_ATTRIBUTES.get(element.tag, []))
            if element.tag == "link":
                rels = set((element.get("rel") or "").lower().split())
                if not rels or not rels <= NON_LOADING_RELS:
                    names.append("href")
            if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
                url = exported_site.meta_refresh_url(element.get("content") or "")
                if url and EXTERNAL.match(url):
                    self.problem(path, element.line, f"<meta http-equiv=refresh> sends the reader to {url}")
            for name in names:
                value = element.get(name)
                if value is None:
                    continue
                urls = exported_site.srcset_urls(value) if name == "srcset" else value.split() if name == "ping" else [value]
                for url in urls:
                    if EXTERNAL.match(url):
                        self.problem(path, element.line, f"<{element.tag} {name}={url!r}> loads from outside the site")
        for line, css in page.styles:
            self.text_urls(path, line, css, "CSS")
        for line, type_, script in page.scripts:
            if type_.lower() not in ("application/ld+json", "application/json"):
                self.text_urls(path, line, script, "a script")

    def svg(self, path):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for match in re.finditer(r"""(?:\bhref|\bsrc)\s*=\s*["']([^"']*)["']|url\(\s*['"]?([^'")\s]+)""", line):
                url = match.group(1) or match.group(2) or ""
                if EXTERNAL.match(url) and not NAMESPACES.match(url):
                    self.problem(path, number, f"SVG loads {url}")


def main():
    args = exported_site.arguments(__doc__)
    exported_site.node_package("playwright-core", "package.json")
    exported_site.need_program("/usr/bin/chromium", "chromium")
    exported_site.need_program("node", "nodejs")
    site = exported_site.export(args)

    scan = Scan(site)
    pages = exported_site.html_files(site)
    for path in pages:
        scan.html(path)
    styles = exported_site.site_files(site, (".css",))
    scripts = exported_site.site_files(site, (".js", ".mjs"))
    for path in styles:
        scan.text_urls(path, 1, path.read_text(encoding="utf-8", errors="replace"), "CSS")
    index_files = 0
    for path in scripts:
        text = path.read_text(encoding="utf-8", errors="replace")
        if is_index_data(site, path, text):
            index_files += 1
        else:
            scan.text_urls(path, 1, text, "a script")
    for path in exported_site.site_files(site, (".svg",)):
        scan.svg(path)
    exported_site.print_problems(scan.problems)
    print(f"static: {len(pages)} pages, {len(styles)} stylesheets, {len(scripts)} scripts "
          f"({index_files} of them search index data): "
          f"{len(scan.problems)} problems (paths in {site})", flush=True)

    browser = subprocess.run(["node", str(exported_site.BROWSER_DIR / "requests.mjs"), str(site)])
    if scan.problems or browser.returncode != 0:
        sys.exit("FAIL")
    print("PASS")


if __name__ == "__main__":
    main()
