#!/usr/bin/env python3
"""faqt export never publishes what end users may not see, and never writes
outside its folder or a page that runs or loads anything from elsewhere.

  export_leak_test.py --faqt FAQT --source SRC MODE

MODE is one of:
  helpdesk    a copy of examples/helpdesk, plus public_leak_test.py's tricky
              articles, with unique words planted (below)
  edge        a copy of tests/fixtures/site-edge (its README lists the cases),
              with unique words planted, and the fixture's own expectations
  hostile     the hostile, broken and markdown-limits fixtures: no crash, no
              hang, every check of the site below
  officedocs  the officedocs-support corpus (skipped, 77, when missing)

Planting. What is hidden is decided from the files themselves (front matter
that says internal or draft, that does not parse, a visibility that is not
"public", a translation of an internal original) and, in addition, from what
`faqt list` says, so a file that either misjudges is planted as hidden. Every
hidden article gets a word of its own ("leakcanary" and letters) in its
title, summary, tags, aliases, categories, products, versions, former ids and
body; every internal section of every article (each heading under it too)
gets one; public articles get "pubsparrow" words in title, summary, tags,
body and each public section, and known errors in their products. The site
is then read byte by byte: no hidden word, in any case, HTML-escaped,
percent-encoded or JSON-escaped, in any file or file name; every public word
in some file (so an export that writes nothing fails).

Checks of the site, in every mode: nothing written outside the output folder
(the folders around it are compared before and after), no symbolic link, no
file name that climbs out; in HTML pages no script other than the theme's
files and JSON-LD (which must parse), no event attribute, no iframe, object,
embed, form or base, no javascript:, vbscript:, data: or file: URL, no
resource from outside the site, no absolute path, every relative link names
a file that exists, every page has a Content-Security-Policy; feeds and the
sitemap are well-formed XML whose URLs name files that exist; every public
article of `faqt list --public` has its page and every article page belongs
to a public article (or is a redirect of a public one's former id).
"""

import argparse
import html
import html.parser
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
import urllib.parse
import xml.etree.ElementTree as ElementTree

import public_leak_test

try:  # Debian's python3-yaml; without it YAML front matter is judged by its lines only.
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

SKIP = 77
LEAK_PREFIX = "leakcanary"
PUBLIC_PREFIX = "pubsparrow"
# Markers in the bytes of the edge fixture's attachments.
EDGE_HIDDEN_FILE_MARKERS = ["siteedgeinternalonlypng", "siteedgeinternalonlytxt", "siteedgeunreferencedpng",
                            "siteedgesectiononlytxt", "siteedgeoutsidesecret", "root:x:0:0"]
EDGE_PUBLIC_FILE_MARKERS = ["siteedgepublicpng", "siteedgespacepng", "siteedgeunicodepng", "siteedgepercentpng",
                            "siteedgehashpng", "siteedgequestionpng", "siteedgepublicguidetxt"]
# Internal heading names faqt knows in every KB (content/config.cpp), folded.
BUILTIN_INTERNAL = {"internal", "internal notes", "internal note", "agent notes", "when to escalate", "escalation"}
INTERNAL_EVERYWHERE = {
    "ghi chu noi bo", "ghi chu noi bo cho nhan vien", "notatki wewnetrzne", "notatka wewnetrzna", "uwagi wewnetrzne",
    "interne notizen", "interne hinweise", "notes internes", "note interne", "notas internas", "notities intern",
    "interne notities", "interni poznamky", "sisaiset muistiinpanot", "interna anteckningar",
    "khi nao chuyen cap", "kiedy eskalowac"}
# URL attributes of HTML and whether they make the browser load something.
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "action", "formaction", "data", "background", "cite",
                  "xlink:href", "manifest", "ping", "longdesc", "usemap", "codebase", "archive"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "blob:", "filesystem:")


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def letters(n, width=4):
    out = ""
    for _ in range(width):
        out = chr(ord("a") + n % 26) + out
        n //= 26
    return out


class Plants:
    """Every planted word: the word, whether it may appear, where it went."""

    def __init__(self):
        self.words = {}  # word -> (kind, where, required, article path)
        self.counter = 0

    def new(self, kind, where, required=True):
        self.counter += 1
        word = (LEAK_PREFIX if kind == "leak" else PUBLIC_PREFIX) + letters(self.counter)
        self.words[word] = (kind, where, required, where.split(": ", 1)[0])
        return word

    def of_kind(self, kind):
        return {w: v for w, v in self.words.items() if v[0] == kind}


# ---------------------------------------------------------------- front matter

def split_front_matter(text):
    """(syntax, block_lines, body_start_index, lines) or None. A block that is
    never closed gives syntax 'unclosed'."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") not in ("+++", "---"):
        return None
    fence = lines[0].rstrip("\r")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") == fence:
            return ("toml" if fence == "+++" else "yaml", lines[1:i], i + 1, lines)
    return ("unclosed", lines[1:], len(lines), lines)


class UniqueKeyLoader(yaml.SafeLoader if yaml else object):
    pass


def _no_duplicates(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise ValueError("duplicate key %r" % key)
        keys.add(key)
    return loader.construct_mapping(node, deep)


if yaml:
    UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def parse_block(syntax, block):
    """The front matter as a dict, or None when it does not parse."""
    text = "\n".join(block)
    if "\r" in text:
        return None
    try:
        if syntax == "toml":
            return tomllib.loads(text)
        if syntax == "yaml" and yaml:
            data = yaml.load(text, Loader=UniqueKeyLoader)
            return data if isinstance(data, dict) else ({} if data is None else None)
        if syntax == "yaml":
            return {}
    except Exception:  # any parse error: the article is hidden
        return None
    return None


def visibility_is_public(value):
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return isinstance(value, str) and value.strip().lower() == "public"


class ArticleFile:
    def __init__(self, kb, rel, default_lang, field_map):
        self.rel = rel
        self.path = os.path.join(kb, rel)
        with open(self.path, "rb") as f:
            raw = f.read()
        self.text = raw.decode("utf-8", "replace")
        self.binary = b"\0" in raw or self.text != raw.decode("utf-8", "ignore")
        self.fm = split_front_matter(self.text)
        self.data = None
        self.hidden_reason = ""
        if self.fm and self.fm[0] == "unclosed":
            self.hidden_reason = "front matter never closed"
        elif self.fm:
            self.data = parse_block(self.fm[0], self.fm[1])
            block = "\n".join(self.fm[1])
            if self.data is None:
                self.hidden_reason = "front matter does not parse"
            elif public_leak_test.front_matter_says_hidden(block):
                # A draft is not an internal original: its translations are theirs.
                internal = re.search(r"^\s*visibility\s*[=:]\s*[\"']?internal", block, re.M | re.I)
                self.hidden_reason = "front matter says internal" if internal else "draft"
            elif "visibility" in self.data and not visibility_is_public(self.data["visibility"]):
                self.hidden_reason = "visibility is not public"
            elif self.data.get("draft") is True:
                self.hidden_reason = "draft"
            elif re.search(r"^\W*[\w.-]*visibility\s*[=:]", block, re.M) and "visibility" not in self.data:
                self.hidden_reason = "visibility not at the top level"
        if not self.fm and public_leak_test.front_matter_says_hidden(self.text):
            self.hidden_reason = "a visibility or draft line where front matter would be"
        data = self.data or {}
        stem = rel[:-3]
        suffix = re.search(r"\.([a-z]{2,3}(-[A-Za-z]+)?)$", stem)
        self.lang = data.get("lang") if isinstance(data.get("lang"), str) else (
            suffix.group(1) if suffix else default_lang)
        self.id = data.get("id") if isinstance(data.get("id"), str) else (stem[:suffix.start()] if suffix else stem)
        self.field_map = field_map

    def hidden(self):
        return bool(self.hidden_reason)


def read_config(kb):
    with open(os.path.join(kb, "faqt.toml"), "rb") as f:
        config = tomllib.load(f)
    kbc = config.get("kb", {})
    site = config.get("site", {})
    internal_names = set(BUILTIN_INTERNAL)
    for table in config.get("sections", {}).values():
        for name in table.get("internal", []) + table.get("escalation", []):
            internal_names.add(fold(name))
    answer_names = {"answer", "canned answer", "reply"}
    for table in config.get("sections", {}).values():
        for name in table.get("answer", []):
            answer_names.add(fold(name))
    fields = config.get("fields", {})
    return {
        "default_lang": kbc.get("default_lang", "en"),
        "languages": site.get("languages") or [kbc.get("default_lang", "en")],
        "languages_set": bool(site.get("languages")),
        "base_url": site.get("base_url") or kbc.get("base_url", ""),
        "internal_names": internal_names,
        "answer_names": answer_names,
        "fields": {k: ([v] if isinstance(v, str) else list(v)) for k, v in fields.items() if k != "split"},
    }


def field_keys(field, field_map, data):
    """The keys of the file that give field: the mapped ones present, else field."""
    keys = [k for k in [field] + field_map.get(field, []) if k in data]
    return keys or [field]


TOML_SCALAR = r'^(\s*{key}\s*=\s*)(["\'])(.*)\2(\s*(#.*)?)$'
TOML_LIST = r'^(\s*{key}\s*=\s*\[)(.*)\](\s*(#.*)?)$'
TOML_LIST_OPEN = r'^\s*{key}\s*=\s*\[\s*$'
YAML_SCALAR = r'^({key}:\s*)(.*?)\s*$'
YAML_FLOW = r'^({key}:\s*\[)(.*)\]\s*$'


def plant_field(lines, start, end, syntax, key, word, is_list):
    """Adds word to the field key of the front matter lines[start:end]; adds
    the key when it is not there. Returns the new end."""
    k = re.escape(key)
    for i in range(start, end):
        line = lines[i]
        if syntax == "toml":
            if is_list:
                m = re.match(TOML_LIST.format(key=k), line)
                if m:
                    inner = m.group(2).strip()
                    lines[i] = m.group(1) + '"%s"' % word + (", " + inner if inner else "") + "]" + m.group(3)
                    return end
                if re.match(TOML_LIST_OPEN.format(key=k), line):
                    lines.insert(i + 1, '"%s",' % word)
                    return end + 1
            m = re.match(TOML_SCALAR.format(key=k), line)
            if m:
                if is_list:
                    return end  # a string where a list belongs: left as the writer wrote it
                lines[i] = m.group(1) + m.group(2) + m.group(3) + " " + word + m.group(2) + m.group(4)
                return end
        else:
            m = re.match(YAML_FLOW.format(key=k), line)
            if m and is_list:
                inner = m.group(2).strip()
                lines[i] = m.group(1) + word + (", " + inner if inner else "") + "]"
                return end
            m = re.match(YAML_SCALAR.format(key=k), line)
            if m:
                value = m.group(2)
                if value == "" and is_list:
                    j = i + 1
                    if j < end and re.match(r"^(\s*)- ", lines[j]):
                        indent = re.match(r"^(\s*)- ", lines[j]).group(1)
                        lines.insert(j, indent + "- " + word)
                        return end + 1
                    return end
                if is_list:
                    return end
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    lines[i] = m.group(1) + value[:-1] + " " + word + value[-1]
                elif value and value[0] not in "[{|>&*!%@`#":
                    lines[i] = m.group(1) + value + " " + word
                return end
    # Not there: a new key at the top of the block (before any TOML table).
    if syntax == "toml":
        lines.insert(start, '%s = %s' % (key, '["%s"]' % word if is_list else '"%s"' % word))
    else:
        lines.insert(start, '%s: %s' % (key, "[%s]" % word if is_list else word))
    return end + 1


HIDDEN_FIELDS = [("title", False), ("summary", False), ("tags", True), ("aliases", True), ("categories", True),
                 ("products", True), ("affected_versions", True), ("fixed_in", False), ("former_ids", True)]
PUBLIC_FIELDS = [("title", False, True), ("summary", False, True), ("tags", True, True), ("aliases", True, False)]


# ---------------------------------------------------------------- Markdown

ATX = re.compile(r"^( {0,3}(?:>\s?)?|\s*(?:[-*+]|\d+[.)])\s+|\s{2,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def heading_name(text):
    text = re.sub(r"\s*\{#[^}]*\}\s*$", "", text)
    text = re.sub(r"[*_`~]", "", text).replace("\u00a0", " ")
    text = " ".join(text.split())
    while True:
        stripped = re.sub(r"\s*[:.!?\-*\u2013\u2014\u2026]\s*$", "", text)
        if stripped == text:
            break
        text = stripped
    return fold(text)


def is_internal_heading(text, internal_names):
    name = heading_name(text)
    return name.endswith("(internal)") or name in internal_names or name in INTERNAL_EVERYWHERE


def find_headings(lines, start):
    """[(line index of the heading's last line, level, text, prefix, setext)]"""
    headings = []
    fence = None
    for i in range(start, len(lines)):
        line = lines[i]
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        m = ATX.match(line)
        if m:
            headings.append((i, len(m.group(2)), m.group(3) or "", m.group(1), False))
            continue
        m = SETEXT.match(line)
        if m and i > start and lines[i - 1].strip() and not ATX.match(lines[i - 1]) and \
                not re.match(r"^\s*([-*+]|\d+[.)])\s", lines[i - 1]) and not SETEXT.match(lines[i - 1]):
            headings.append((i, 1 if m.group(1)[0] == "=" else 2, lines[i - 1].strip(), "", True))
    return headings


def plant_body(article, lines, body_start, plants, internal_names, answer_names, hidden):
    """Plants words after headings: a leak word under every heading inside an
    internal range, a public word under every other heading (when public).
    Returns the new lines."""
    headings = find_headings(lines, body_start)
    ranges = []
    for n, (i, level, text, _, _) in enumerate(headings):
        if not is_internal_heading(text, internal_names):
            continue
        end = len(lines)
        for j, level2, _, _, _ in headings[n + 1:]:
            if level2 <= level:
                end = j
                break
        ranges.append((i, end))
    inserts = {}  # line index -> lines to insert after it
    renames = {}  # line index -> new heading line
    for i, level, text, prefix, setext in headings:
        inside = any(b <= i < e for b, e in ranges)
        starts = any(b == i for b, _ in ranges)
        if inside:
            word = plants.new("leak", "%s: under the internal heading %r (line %d)" % (article.rel, text, i + 1))
            if prefix.strip().startswith(">"):
                inserts[i] = [prefix.rstrip(), prefix + word, prefix.rstrip()]
            elif prefix:  # a heading in a list item: the item goes on, indented
                indent = " " * max(2, len(prefix))
                inserts[i] = ["", indent + word, ""]
            else:
                inserts[i] = ["", word, ""]
            if not starts and not setext:
                rename = plants.new("leak", "%s: in the heading %r under an internal heading" % (article.rel, text))
                renames[i] = lines[i].rstrip() + " " + rename
            elif not starts and setext:
                rename = plants.new("leak", "%s: in the heading %r under an internal heading" % (article.rel, text))
                renames[i - 1] = lines[i - 1].rstrip() + " " + rename
        elif not hidden and not prefix:
            # The site shows an Answer section (the reply agents paste) only
            # when it is all the article has.
            word = plants.new("public", "%s: under the public heading %r (line %d)" % (article.rel, text, i + 1),
                              required=heading_name(text) not in answer_names)
            inserts[i] = ["", word, ""]
    out = []
    for i, line in enumerate(lines):
        out.append(renames.get(i, line))
        out.extend(inserts.get(i, []))
    # A last paragraph: the end of the article is shown (nothing after some
    # raw HTML swallowed it), or is internal when the last section is.
    if "\n".join(lines[body_start:]).strip():
        last = [h for h in headings if not h[3]]
        if hidden:
            word = plants.new("leak", "%s: last paragraph of a hidden article" % article.rel)
        elif any(e >= len(lines) for _, e in ranges):
            word = plants.new("leak", "%s: last paragraph, in an internal section" % article.rel)
        else:
            word = plants.new("public", "%s: last paragraph" % article.rel,
                              required=not last or heading_name(last[-1][2]) not in answer_names)
        out.extend(["", "", word, ""])
    return out


# ---------------------------------------------------------------- planting

def plant_kb(kb, plants, config, listed):
    """Plants words in every article of kb. listed: faqt list's articles by
    path. Returns {rel: ArticleFile}."""
    articles = {}
    for folder, dirs, names in os.walk(kb):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".md") and name != "README.md":
                rel = os.path.relpath(os.path.join(folder, name), kb).replace(os.sep, "/")
                try:
                    articles[rel] = ArticleFile(kb, rel, config["default_lang"], config["fields"])
                except OSError:
                    pass
    # Originals in the default language or a variant of it ("en-GB"), and
    # those faqt skips (too big, binary): their visibility is theirs to give.
    internal_ids = {a.id for a in articles.values()
                    if a.lang.split("-")[0].lower() == config["default_lang"] and a.hidden()
                    and a.hidden_reason != "draft"}
    for a in articles.values():
        if not a.hidden() and a.lang != config["default_lang"] and a.id in internal_ids:
            a.hidden_reason = "translation of an internal original"
        seen = listed.get(a.rel)
        if not a.hidden() and seen and (seen["visibility"] != "public" or seen["draft"]):
            a.hidden_reason = "faqt lists it as %s%s" % (seen["visibility"], " draft" if seen["draft"] else "")
    for a in articles.values():
        if a.binary or len(a.text) > 1000000:
            continue
        hidden = a.hidden()
        lines = a.text.split("\n")
        body_start = 0
        if a.fm and a.fm[0] in ("toml", "yaml") and a.data is not None and "\r" not in "\n".join(a.fm[1]):
            end = a.fm[2] - 1  # the closing fence
            if hidden:
                for field, is_list in HIDDEN_FIELDS:
                    for key in field_keys(field, a.field_map, a.data):
                        word = plants.new("leak", "%s: %s of a hidden article (%s)" % (a.rel, key, a.hidden_reason))
                        end = plant_field(lines, 1, end, a.fm[0], key, word, is_list)
            else:
                for field, is_list, required in PUBLIC_FIELDS:
                    for key in field_keys(field, a.field_map, a.data):
                        word = plants.new("public", "%s: %s" % (a.rel, key), required)
                        end = plant_field(lines, 1, end, a.fm[0], key, word, is_list)
                if a.data.get("type") == "known-error":
                    word = plants.new("public", "%s: products of a known error" % a.rel)
                    end = plant_field(lines, 1, end, a.fm[0], "products", word, True)
                # Agents' data that the public copy of an article does not carry.
                word = plants.new("leak", "%s: tickets of a public article" % a.rel)
                end = plant_field(lines, 1, end, a.fm[0], "tickets", word, True)
            body_start = end + 1
        elif a.fm:
            body_start = a.fm[2]
        body_empty = not "\n".join(lines[body_start:]).strip()
        lines = plant_body(a, lines, body_start, plants, config["internal_names"], config["answer_names"], hidden)
        if hidden:
            lines.append("")
            lines.append(plants.new("leak", "%s: body of a hidden article (%s)" % (a.rel, a.hidden_reason)))
            lines.append("")
        elif not body_empty:
            word = plants.new("public", "%s: first paragraph" % a.rel)
            lines[body_start:body_start] = ["", word, ""]
        with open(a.path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(lines))
    return articles


# ---------------------------------------------------------------- running faqt

def run_faqt(faqt, kb, *args, timeout=300):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    env.pop("FAQT_KB", None)
    try:
        proc = subprocess.run([faqt, "-C", kb] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def listed_articles(faqt, kb, *extra):
    rc, out, err = run_faqt(faqt, kb, "list", "--json", *extra)
    if rc not in (0, 1):
        raise SystemExit("faqt list failed (%s): %s" % (rc, err[:2000]))
    return json.loads(out)["articles"]


def snapshot(root, skip):
    """Every path under root (not under skip) with its type, size and mtime."""
    state = {}
    for folder, dirs, names in os.walk(root):
        if os.path.realpath(folder) == os.path.realpath(skip):
            dirs[:] = []
            continue
        for name in dirs + names:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            state[os.path.relpath(path, root)] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return state


def site_files(out):
    """Every file of the site, and every symbolic link (to a folder too)."""
    files = []
    for folder, dirs, names in os.walk(out):
        for name in dirs + names:
            path = os.path.join(folder, name)
            if name in names or os.path.islink(path):
                files.append(os.path.relpath(path, out).replace(os.sep, "/"))
    return sorted(files)


def export(faqt, kb, out, *extra, timeout=300):
    return run_faqt(faqt, kb, "export", "--out", out, *extra, timeout=timeout)


# ---------------------------------------------------------------- reading the site

def variants(data):
    """The text of a file in the forms a word can hide in: as is, HTML
    entities decoded, percent-decoded, JSON \\u escapes decoded, tags and
    soft hyphens and zero-width characters removed; all lower case."""
    text = data.decode("utf-8", "replace").lower()
    out = [text, html.unescape(text), urllib.parse.unquote(text), urllib.parse.unquote(html.unescape(text))]
    out.append(re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text))
    stripped = re.sub(r"<[^>]*>", "", html.unescape(text))
    out.append(re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", stripped))
    return out


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []       # (tag, attrs)
        self.scripts = []    # (attrs, text)
        self.styles = []
        self._in = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._in = (tag, attrs)
            self._text = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            (self.scripts if tag == "script" else self.styles).append((dict(self._in[1]), "".join(self._text)))
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def resolve(page, href):
    """The file (relative to the output folder) a relative href from page
    names, or None when it climbs out."""
    target = urllib.parse.unquote(href.split("#", 1)[0].split("?", 1)[0], errors="surrogateescape")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


LINKS = {}  # page -> the files of the site its <a> elements link to


def check_url(page, out, tag, attr, value, attrs, problems, base_url):
    raw = value
    value = re.sub(r"[\x00-\x20]", "", value)
    low = value.lower()
    if not value:
        return
    if low.startswith(BAD_SCHEMES):
        problems.append("%s: <%s %s=%r>: a %s URL" % (page, tag, attr, raw[:80], low.split(":")[0]))
        return
    if base_url and low.startswith(base_url.lower()):
        # The site's own address (a 404 page is served at any path).
        target = urllib.parse.unquote(value[len(base_url):].split("#", 1)[0].split("?", 1)[0], errors="surrogateescape")
        if target and not os.path.isfile(os.path.join(out, target)):
            problems.append("%s: <%s %s=%r>: no such file in the site" % (page, tag, attr, raw[:120]))
        return
    if re.match(r"^[a-z][a-z0-9+.-]*:", low) or low.startswith("//"):
        rel = dict(attrs).get("rel", "") or ""
        is_link = tag == "a" or (tag == "link" and set(rel.lower().split()) & {"canonical", "alternate"})
        if not is_link:
            problems.append("%s: <%s %s=%r> loads a resource from outside the site" % (page, tag, attr, raw[:120]))
        return
    if value.startswith("/"):
        problems.append("%s: <%s %s=%r>: an absolute path (breaks file:// and sub-paths)" % (page, tag, attr, raw[:80]))
        return
    if value.startswith("#"):
        return
    if attr == "srcset":
        for part in value.split(","):
            check_url(page, out, tag, "src", part.split()[0] if part.split() else "", attrs, problems, base_url)
        return
    target = resolve(page, value)
    if target is not None and tag == "a":
        LINKS.setdefault(page, set()).add(target)
    if target is None:
        problems.append("%s: <%s %s=%r> climbs out of the site" % (page, tag, attr, raw[:120]))
    elif os.path.isdir(os.path.join(out, target)):
        problems.append("%s: <%s %s=%r> names a folder, not its index.html (file:// does not open it)"
                        % (page, tag, attr, raw[:120]))
    elif not os.path.isfile(os.path.join(out, target)):
        problems.append("%s: <%s %s=%r>: broken link, no file %s" % (page, tag, attr, raw[:120], target))


def check_html(page, out, data, problems, base_url):
    parser = PageParser()
    try:
        parser.feed(data.decode("utf-8"))
        parser.close()
    except UnicodeDecodeError:
        problems.append("%s: not UTF-8" % page)
        return parser
    has_csp = False
    for tag, attrs in parser.tags:
        names = {k for k, _ in attrs}
        for name in names:
            if name.startswith("on"):
                problems.append("%s: <%s> has the event attribute %s" % (page, tag, name))
        if tag in FORBIDDEN_ELEMENTS:
            problems.append("%s: a <%s> element" % (page, tag))
        if tag == "meta":
            equiv = (dict(attrs).get("http-equiv") or "").lower()
            if equiv == "content-security-policy":
                has_csp = True
            if equiv == "refresh":
                content = dict(attrs).get("content") or ""
                m = re.search(r"url\s*=\s*['\"]?([^'\"]*)", content, re.I)
                if m:
                    check_url(page, out, tag, "refresh", m.group(1), attrs, problems, base_url)
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                check_url(page, out, tag, name, value, attrs, problems, base_url)
            if name == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
                problems.append("%s: <%s style=%r> loads or runs something" % (page, tag, value[:80]))
    for attrs, text in parser.scripts:
        kind = (attrs.get("type") or "").lower()
        if kind == "application/ld+json":
            try:
                json.loads(text)
            except ValueError as e:
                problems.append("%s: JSON-LD does not parse (%s): %r" % (page, e, text[:200]))
        elif "src" not in attrs and text.strip():
            problems.append("%s: an inline script: %r" % (page, text.strip()[:120]))
        if kind != "application/ld+json" and re.search(r"alert\s*\(|msgbox", text, re.I):
            problems.append("%s: a script holding an article's code: %r" % (page, text[:120]))
    for _, text in parser.styles:
        if re.search(r"url\s*\(\s*['\"]?\s*(https?:|//)|@import", text, re.I):
            problems.append("%s: a <style> loading from outside: %r" % (page, text[:120]))
    if not has_csp:
        problems.append("%s: no Content-Security-Policy meta" % page)
    return parser


def check_css(path, out, data, problems):
    text = data.decode("utf-8", "replace")
    for m in re.finditer(r"url\(\s*['\"]?([^'\")]*)", text):
        url = m.group(1).strip()
        if url.startswith("data:") or url.startswith("#"):
            continue
        if re.match(r"^[a-z]+:|^//|^/", url, re.I):
            problems.append("%s: url(%s) loads from outside the site" % (path, url[:80]))
        elif resolve(path, url) is None or not os.path.isfile(os.path.join(out, resolve(path, url))):
            problems.append("%s: url(%s) names no file of the site" % (path, url[:80]))
    if re.search(r"@import\s+(url\()?['\"]?(https?:|//)", text, re.I):
        problems.append("%s: @import from outside the site" % path)


def check_xml(path, out, data, problems, base_url):
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as e:
        problems.append("%s: not well-formed XML: %s" % (path, e))
        return
    urls = [el.text or "" for el in root.iter() if el.tag.endswith("}loc") or el.tag == "loc"]
    urls += [el.get("href") for el in root.iter() if el.tag.endswith("}link") and el.get("href")]
    ids = [el.text for el in root.iter() if el.tag == "{http://www.w3.org/2005/Atom}id"]
    if len(ids) != len(set(ids)):
        problems.append("%s: an Atom id is used twice" % path)
    for url in urls:
        url = url.strip()
        if base_url and url.startswith(base_url):
            target = urllib.parse.unquote(url[len(base_url):].split("#", 1)[0], errors="surrogateescape")
            if target and not os.path.isfile(os.path.join(out, target)):
                problems.append("%s: %s names no file of the site" % (path, url[:160]))
        elif url.startswith(("http:", "https:")) and base_url:
            problems.append("%s: %s is not under base_url %s" % (path, url[:160], base_url))
        elif url and not url.startswith(("http:", "https:")):
            problems.append("%s: %s is not an absolute URL" % (path, url[:160]))


def escape_segment(segment):
    if segment in ("", ".", ".."):
        return "".join("%%%02X" % b for b in segment.encode()) or "%00"
    raw = segment.encode("utf-8", "surrogateescape")
    out = b""
    for b in raw:
        out += ("%%%02X" % b).encode() if b < 0x20 or b == 0x7f or chr(b) in "\\%/" else bytes([b])
    # site/paths.cpp: a folder named index.html would be its parent's page;
    # a name over 200 bytes keeps its start and an FNV-1a digest of the whole.
    if out.lower() == b"index.html":
        out = out[:5] + b"%2E" + out[6:]
    if len(out) > 200:
        cut = 200 - 18
        while cut > 0 and (out[cut] & 0xC0) == 0x80:
            cut -= 1
        h = 14695981039346656037
        for b in raw:
            h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
        out = out[:cut] + b"~" + ("%016x" % h).encode()
    return out.decode("utf-8", "surrogateescape")


def article_id(article):
    """The article's id as the file system spells it: a file name that is not
    UTF-8 gives an id that is not (faqt's JSON has its bytes in path_bytes)."""
    if "path_bytes" not in article:
        return article["id"]
    raw = bytes.fromhex(article["path_bytes"]).decode("utf-8", "surrogateescape")
    stem = raw[:-3] if raw.endswith(".md") else raw
    suffix = "." + article["lang"]
    if stem.endswith(suffix) and not article["path"][:-3] == article["id"]:
        stem = stem[:-len(suffix)]
    shown = stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return stem if shown == article["id"] else article["id"]


def article_page(article, default_lang):
    prefix = "" if article["lang"] in (default_lang, "") else escape_segment(article["lang"]) + "/"
    return prefix + "articles/" + "/".join(escape_segment(s) for s in article_id(article).split("/")) + "/index.html"


class Site:
    """What one export wrote, read once."""

    def __init__(self, out):
        self.out = out
        self.files = site_files(out)
        self.data = {}
        for rel in self.files:
            path = os.path.join(out, rel)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                self.data[rel] = f.read()
        self.texts = {rel: variants(data) for rel, data in self.data.items()}

    def find(self, word):
        hits = [rel for rel, forms in self.texts.items() if any(word in form for form in forms)]
        hits += ["(file name) " + rel for rel in self.files if word in fold(urllib.parse.unquote(rel))]
        return hits

    def find_bytes(self, data):
        return [rel for rel, content in self.data.items() if content == data]


SEARCH_FILE = re.compile(r"^(?:([^/]+)/)?search/([^/]+)\.js$")


def search_files(site):
    """The files of the browser search indexes (search/ and <lang>/search/)."""
    return sorted(rel for rel in site.data if SEARCH_FILE.match(rel))


def check_search(site, problems):
    """Each search index file is faqtSearchData("NAME", JSON);\\n with its own
    name, at most 64 KiB, no "</" and no raw U+2028/U+2029; each language's
    root names shards and chunks that exist."""
    roots = set()
    for rel in search_files(site):
        data = site.data[rel]
        folder, name = SEARCH_FILE.match(rel).groups()
        if len(data) > 65536:
            problems.append("%s: %d bytes, more than a search file may have" % (rel, len(data)))
        text = data.decode("utf-8", "replace")
        head = 'faqtSearchData("%s", ' % name
        if not text.startswith(head) or not text.endswith(");\n"):
            problems.append("%s: not a faqtSearchData(\"%s\", ...) script" % (rel, name))
            continue
        if "</" in text or "\u2028" in text or "\u2029" in text:
            problems.append("%s: holds '</' or a raw line separator" % rel)
        try:
            value = json.loads(text[len(head):-3])
        except ValueError as e:
            problems.append("%s: its data is not JSON: %s" % (rel, e))
            continue
        if name == "index":
            roots.add(folder or "")
            prefix = (folder + "/" if folder else "") + "search/"
            for i in range(len(value.get("shards", []))):
                for kind in ("t", "x"):
                    if "%s%s-%d.js" % (prefix, kind, i) not in site.data:
                        problems.append("%s: names shard %d, but %s%s-%d.js is missing" % (rel, i, prefix, kind, i))
            chunks = (value.get("n", 0) + value.get("dk", 1) - 1) // max(1, value.get("dk", 1))
            for i in range(chunks):
                if "%sd-%d.js" % (prefix, i) not in site.data:
                    problems.append("%s: %sd-%d.js is missing" % (rel, prefix, i))
    if site.files and "search/index.js" not in site.data:
        problems.append("the site has no search/index.js")


def check_site(site, config, problems, public_articles, hidden_articles, stderr=""):
    out = site.out
    base_url = config["base_url"]
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    real_out = os.path.realpath(out)
    for rel in site.files:
        path = os.path.join(out, rel)
        if os.path.islink(path):
            problems.append("%s: a symbolic link in the site" % rel)
        elif not os.path.isfile(path):
            problems.append("%s: not a regular file" % rel)
        elif os.path.getsize(path) > 64 << 20:
            problems.append("%s: %d bytes" % (rel, os.path.getsize(path)))
        if not os.path.realpath(path).startswith(real_out + os.sep):
            problems.append("%s: outside the output folder" % rel)
        if any(part in ("", ".", "..") for part in rel.split("/")):
            problems.append("%s: a file name with an empty, '.' or '..' part" % rel)
    if not site.files:
        problems.append("the export wrote no file")
    check_search(site, problems)
    LINKS.clear()
    for rel, data in site.data.items():
        if rel.endswith(".html"):
            check_html(rel, out, data, problems, base_url)
        elif rel.endswith(".css"):
            check_css(rel, out, data, problems)
        elif rel.endswith(".xml"):
            check_xml(rel, out, data, problems, base_url)
    # Every public article has its page; every article page is a public
    # article's (or a redirect from one's former id).
    default_lang = config["default_lang"]
    expected = {}
    optional = set()
    for a in public_articles:
        page = article_page(a, default_lang)
        if a["lang"] in config["languages"]:
            expected.setdefault(page, a)
        elif not config["languages_set"]:
            optional.add(page)  # without [site] languages, other languages may or may not be exported
    for page, a in sorted(expected.items()):
        if page in site.data:
            continue
        if a["path"] in stderr:
            print("note: public article %s (%s) has no page; the export warned about it" % (a["path"], a["lang"]))
        else:
            problems.append("public article %s (%s, %s) has no page %s, and no warning names it"
                            % (a["id"], a["lang"], a["path"], page))
    for rel in site.files:
        if re.match(r"^([^/]+/)?articles/.*index\.html$", rel) and rel not in expected and rel not in optional:
            page = site.data.get(rel, b"").decode("utf-8", "replace")
            if 'http-equiv="refresh"' in page.lower():
                continue  # a redirect page; what it redirects to is checked with its links
            problems.append("%s: an article page of no public article" % rel)
    # An article's tag pages list it (two tags with one slug must not make
    # one page that forgets the other's articles).
    for page in expected:
        for target in LINKS.get(page, ()):
            if re.match(r"^([^/]+/)?tags/.+/index\.html$", target) and target in site.data:
                if page not in LINKS.get(target, ()):
                    problems.append("%s links to %s, which does not list it" % (page, target))
    for a in hidden_articles:
        page = article_page(a, default_lang)
        if page in site.data and page not in expected:
            problems.append("the hidden article %s (%s) has the page %s" % (a["id"], a["path"], page))


# ---------------------------------------------------------------- modes

# The edge fixture's names that only hidden articles carry (tags, products,
# former ids): no page, feed or file name may hold them.
EDGE_HIDDEN_NAMES = ["runbook-only-tag", "checklist-only-tag", "draft-only-tag", "yaml-draft-tag", "guide-vi-tag",
                     "guide-pl-tag", "welcome-pl-tag", "spooler shim", "spooler-shim", "draft product",
                     "draft-product", "old/runbook", "old/draft", "public/old-runbook", "staff guide",
                     "agents' checklist", "agents&#39; checklist", "visibility written in upper case", "secret-anchor"]
EDGE_PUBLIC_FORMER_IDS = ["articles/old/basic/index.html", "articles/known/old-print-crash/index.html"]
# Lines of public/links.md whose link must be warned about (text to find on the line).
EDGE_WARNED_LINKS = ["[the runbook]", "[the draft]", "[the guide]", "[gone for good]", "[passwd]", "[parent]",
                     "[outside image]"]


class Failures(list):
    def report(self, limit=300):
        for f in self[:limit]:
            # Ids and file names may hold escape sequences: never to the terminal.
            print("FAILED: " + re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: "\\x%02x" % ord(m.group()), f))
        if len(self) > limit:
            print("FAILED: ... and %d more" % (len(self) - limit))


def make_temp():
    tmp = tempfile.mkdtemp(prefix="faqt-export-test-")
    # The output folder lies deep inside tmp, so a page that climbs out of it
    # lands inside tmp, where the snapshots see it.
    out = os.path.join(tmp, "site", "a", "b", "c", "out")
    os.makedirs(os.path.dirname(out))
    return tmp, out


def compare_snapshots(before, after, failures, out_rel, allowed=("kb/.faqt",)):
    for path in sorted(set(after) - set(before)):
        if path != out_rel and not path.startswith(allowed):
            failures.append("export created %s outside the output folder" % path)
    for path in sorted(set(before) & set(after)):
        if before[path][0] != after[path][0] or (before[path][1:] != after[path][1:] and
                                                  not os.path.isdir(path) and not path.startswith(allowed)):
            if not (before[path][0] & 0o040000):
                failures.append("export changed %s outside the output folder" % path)
    for path in sorted(set(before) - set(after)):
        failures.append("export removed %s outside the output folder" % path)


def plant_flows(kb, plants):
    """A public flow (a troubleshooter on the site) with an {internal} step,
    an escalation to a group whose name, codes and contact are planted in
    faqt.toml, and an internal flow: none of their hidden words may reach
    the site; the public steps' words must be on the flow's page."""
    group = plants.new("leak", "faqt.toml: escalation group id")
    with open(os.path.join(kb, "faqt.toml"), "a", encoding="utf-8") as f:
        f.write('\n[[escalation]]\nid = "%s"\nname = "%s"\ncodes = ["%s"]\nwhen = "%s"\ncontact = "%s@example.org"\n'
                % (group, plants.new("leak", "faqt.toml: escalation name"),
                   plants.new("leak", "faqt.toml: escalation code"),
                   plants.new("leak", "faqt.toml: escalation when"),
                   plants.new("leak", "faqt.toml: escalation contact")))
    rel = "flows/planted-troubleshooter.md"
    with open(os.path.join(kb, rel), "w", encoding="utf-8") as f:
        f.write('+++\ntitle = "Planted troubleshooter %s"\ntype = "flow"\n+++\n\n## Steps\n\n'
                "1. Is the %s light on? — yes: step 2 — no: step 3 — unsure: escalate %s\n"
                "2. Does %s show? — yes: resolved — no: [Offline](../printers/printer-offline.md)\n"
                "3. {internal} Check %s in the admin console. — fixed: resolved — not fixed: escalate %s\n"
                % (plants.new("public", rel + ": title"), plants.new("public", rel + ": step 1 paragraph"), group,
                   plants.new("public", rel + ": step 2 paragraph"), plants.new("leak", rel + ": internal step"),
                   group))
    rel = "flows/planted-internal-flow.md"
    with open(os.path.join(kb, rel), "w", encoding="utf-8") as f:
        f.write('+++\ntitle = "Internal flow %s"\ntype = "flow"\nvisibility = "internal"\n+++\n\n## Steps\n\n'
                "1. Is %s set? — yes: resolved — no: escalate %s\n"
                % (plants.new("leak", rel + ": title"), plants.new("leak", rel + ": step"), group))


def leak_mode(options, mode, failures):
    tmp, out = make_temp()
    try:
        kb = os.path.join(tmp, "kb")
        source = (os.path.join(options.source, "examples", "helpdesk") if mode == "helpdesk"
                  else os.path.join(options.source, "tests", "fixtures", "site-edge"))
        if mode == "helpdesk":
            shutil.copytree(source, kb, ignore=shutil.ignore_patterns(".faqt"))
        else:
            prepare_fixture(options.source, "site-edge", kb)
        config = read_config(kb)
        before_list = {a["path"]: a for a in listed_articles(options.faqt, kb, "--drafts")}
        plants = Plants()
        articles = plant_kb(kb, plants, config, before_list)
        if mode == "helpdesk":
            # public_leak_test's articles whose visibility or sections are hard to read.
            for rel, text in public_leak_test.TRICKY.items():
                os.makedirs(os.path.dirname(os.path.join(kb, rel)), exist_ok=True)
                with open(os.path.join(kb, rel), "w", encoding="utf-8", newline="") as f:
                    f.write(text + "\n%s\n" % public_leak_test.PLANTED)
            for rel, text in public_leak_test.SECTIONS.items():
                with open(os.path.join(kb, rel), "w", encoding="utf-8") as f:
                    f.write(text.format(w=public_leak_test.PLANTED))
            plant_flows(kb, plants)
        # Escalation groups (their ids, names, codes, when and contact) are
        # agents' data: the marker below finds them anywhere in the site.
        public_leak_test.plant_escalation(kb, public_leak_test.PLANTED)
        after = listed_articles(options.faqt, kb, "--drafts")
        after_by_path = {a["path"]: a for a in after}
        for path, a in before_list.items():
            b = after_by_path.get(path)
            if b is None or (a["visibility"], a["draft"]) != (b["visibility"], b["draft"]):
                failures.append("planting changed how faqt reads %s: %s → %s (a bug of this test)" % (
                    path, (a["visibility"], a["draft"]), b and (b["visibility"], b["draft"])))
        public = listed_articles(options.faqt, kb, "--public")
        public_paths = {a["path"] for a in public}
        hidden = [a for a in after if a["path"] not in public_paths]
        leaks = plants.of_kind("leak")
        hidden_files = [a for a in articles.values() if a.hidden()]
        print("%s: %d articles, %d hidden (%d by the files' own reading), %d public; %d hidden words, %d public words"
              % (mode, len(after), len(hidden), len(hidden_files), len(public), len(leaks),
                 len(plants.of_kind("public"))))
        if len(hidden_files) < (5 if mode == "helpdesk" else 20):
            failures.append("only %d hidden articles planted" % len(hidden_files))
        for a in articles.values():
            if a.hidden() and a.rel in public_paths:
                failures.append("faqt list --public lists %s, which is hidden (%s)" % (a.rel, a.hidden_reason))

        state_before = snapshot(tmp, out)
        rc, stdout, stderr = export(options.faqt, kb, out, timeout=120)
        state_after = snapshot(tmp, out)
        print("export: exit %s, %d warning lines" % (rc, stderr.count("\n")))
        if rc != 0:
            failures.append("export exits %s (0 expected: warnings only):\n%s" % (rc, stderr[-3000:]))
        compare_snapshots(state_before, state_after, failures, os.path.relpath(out, tmp))
        if os.path.lexists("/faqt-site-edge-escape"):
            failures.append("export wrote /faqt-site-edge-escape (an absolute id)")
        site = Site(out)
        print("site: %d files" % len(site.files))

        # Hidden words: none anywhere.
        for word, (_, where, _, _) in sorted(leaks.items()):
            for hit in site.find(word):
                failures.append("%s holds %s, planted in %s" % (hit, word, where))
        # Any form the full words were not found in (a stem, a cut word).
        reported = {f.split(" holds ", 1)[0] for f in failures if " holds " in f}
        for marker in (LEAK_PREFIX, public_leak_test.PLANTED):
            hits = [hit for hit in site.find(marker) if hit not in reported or marker != LEAK_PREFIX]
            if hits:
                failures.append("%s appears in %s" % (marker, ", ".join(hits[:10])))
        # Flows escalate to second-line groups: agents only, never on the site.
        if mode == "helpdesk":
            for group in public_leak_test.ESCALATION_GROUPS:
                hits = site.find(group)
                if hits:
                    failures.append("escalation group %s appears in %s" % (group, ", ".join(hits[:10])))
        for stream, text in (("stdout", stdout), ("stderr", stderr)):
            for word in leaks:
                if word in text.lower():
                    failures.append("export's %s shows %s, planted in %s" % (stream, word, leaks[word][1]))
        if rc != 0:
            # What a failed export left was read for hidden words above; the
            # rest would only list what it did not get to.
            failures.append("the export failed: the checks of the published site were not run")
            if mode == "edge":
                edge_behaviour(options, kb, out, failures, tmp)
            return
        # Public words: each in some file, the body's on the article's own page.
        found = 0
        missing = {}
        for word, (_, where, required, rel) in sorted(plants.of_kind("public").items()):
            listed = after_by_path.get(rel)
            if not required or rel not in public_paths or listed["lang"] not in config["languages"]:
                continue
            hits = site.find(word)
            page = article_page(listed, config["default_lang"])
            if not hits:
                missing.setdefault(rel, []).append("%s (%s)" % (where.split(": ", 1)[1], word))
            elif ("paragraph" in where or "heading" in where) and page not in hits:
                failures.append("%s, planted in %s, is not on the article's page %s (only in %s)"
                                % (word, where, page, ", ".join(hits[:5])))
            else:
                found += 1
        for rel, wheres in sorted(missing.items()):
            warned = [line for line in stderr.split("\n") if line.startswith(rel + ":") and
                      re.search(r"skipped|not exported|only the first", line)]
            if warned:
                print("note: %s is not on the site; the export said: %s" % (rel, warned[0][:200]))
            else:
                failures.append("%s: public words nowhere in the site: %s" % (rel, "; ".join(wheres)))
        print("%d hidden words found nowhere; %d public words found" % (len(leaks), found))
        # The search index is read by the scans above like every file; each
        # public word is in it, so they read an index, not an empty one.
        search = search_files(site)
        in_search = 0
        for word, (_, where, required, rel) in sorted(plants.of_kind("public").items()):
            listed = after_by_path.get(rel)
            if not required or rel not in public_paths or listed["lang"] not in config["languages"] or rel in missing:
                continue
            if any(word in form for name in search for form in site.texts[name]):
                in_search += 1
            else:
                failures.append("%s, planted in %s, is in no file of the search index" % (word, where))
        print("%d search index files; %d public words in them" % (len(search), in_search))
        if found < 20:
            failures.append("only %d public words found in the site" % found)

        problems = []
        check_site(site, config, problems, public, hidden, stderr)
        failures.extend(problems)
        if mode == "edge":
            edge_expectations(options, kb, out, site, stderr, config, failures, tmp)
            edge_behaviour(options, kb, out, failures, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def edge_expectations(options, kb, out, site, stderr, config, failures, tmp):
    fixture = os.path.join(options.source, "tests", "fixtures", "site-edge")
    # Attachments: public ones copied, byte for byte; the others nowhere.
    for marker in EDGE_HIDDEN_FILE_MARKERS:
        for hit in site.find(marker):
            failures.append("%s holds the bytes of an attachment only internal text references (%s)" % (hit, marker))
    for marker in EDGE_PUBLIC_FILE_MARKERS:
        if not site.find(marker):
            failures.append("the public attachment %s was not copied" % marker)
    for folder in ("img", "files"):
        for name in os.listdir(os.path.join(fixture, folder)):
            path = os.path.join(fixture, folder, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            copies = site.find_bytes(data)
            if "internal-only" in name or "unreferenced" in name or "section-only" in name:
                if copies:
                    failures.append("%s/%s (not referenced from public text) was copied to %s" % (folder, name, copies))
            elif not copies:
                failures.append("%s/%s, referenced from public text, was not copied" % (folder, name))
    # Names only hidden articles carry: no page, feed or file name.
    for name in EDGE_HIDDEN_NAMES:
        for hit in site.find(name):
            failures.append("%s holds %r, which only hidden articles carry" % (hit, name))
    for page in EDGE_PUBLIC_FORMER_IDS:
        if page not in site.files:
            failures.append("no redirect page %s for a public article's former id" % page)
    for rel in site.files:
        unprefixed = re.sub(r"^(%s)/" % "|".join(config["languages"]), "", rel)
        if "escape" in rel and not unprefixed.startswith(("articles/", "files/", "categories/", "tags/",
                                                          "known-issues/", "feeds/")):
            failures.append("%s: an escaping id or name made a file outside its folder" % rel)
    # The category of internal articles only: no article listed on its page.
    for rel in site.files:
        if re.match(r"^([^/]+/)?categories/secret-ops/index\.html$", rel):
            links = re.findall(r'href="([^"]*articles/[^"]*)"', site.data[rel].decode("utf-8", "replace"))
            if links:
                failures.append("%s (a category of internal articles only) links to %s" % (rel, links[:5]))
    # The links page: each link to a hidden, missing or outside target warned
    # with path:line, its text kept, its target gone.
    with open(os.path.join(kb, "public", "links.md"), encoding="utf-8") as f:
        link_lines = f.read().split("\n")
    for text in EDGE_WARNED_LINKS:
        line = next((i + 1 for i, l in enumerate(link_lines) if text in l), None)
        if line and not re.search(r"public/links\.md:%d\b" % line, stderr):
            failures.append("no warning naming public/links.md:%d for the link %s" % (line, text))
    # faqt check reports the same links (DESIGN: "and check reports it").
    _, check_out, check_err = run_faqt(options.faqt, kb, "check")
    for text in EDGE_WARNED_LINKS:
        line = next((i + 1 for i, l in enumerate(link_lines) if text in l), None)
        if line and not re.search(r"public/links\.md:%d\b" % line, check_out + check_err):
            failures.append("faqt check does not report public/links.md:%d, the link %s" % (line, text))
    page = site.data.get("articles/public/links/index.html", b"").decode("utf-8", "replace")
    for text in ("the runbook", "the draft", "the guide", "gone for good"):
        if page and text not in page:
            failures.append("the links page lost the text of the link %r" % text)
    for target in ("internal/runbook", "drafts/public-draft", "missing", "etc/passwd", "outside"):
        if page and re.search(r'href="[^"]*%s' % re.escape(target), page):
            failures.append("the links page still links to %s" % target)
    # Mustache tags in an article are its text, shown as written.
    page = html.unescape(site.data.get("articles/public/mustache/index.html", b"").decode("utf-8", "replace"))
    for text in ("{{customer}}", "{{> footer}}", "{{! a comment }}"):
        if page and text not in page:
            failures.append("the page of public/mustache.md lost %r: article text was read as a template" % text)
    # The internal Polish translation of a public original: no page, no link.
    for rel, data in site.data.items():
        if rel.endswith(".html") and re.search(rb'href="[^"]*pl/articles/translations/welcome/', data):
            failures.append("%s links to the Polish page of translations/welcome, whose translation is internal" % rel)


def edge_behaviour(options, kb, out, failures, tmp):
    """What the export does around the site: determinism, --strict, --clean
    inside the KB, symbolic links in the output folder."""
    # Deterministic: a second export is byte-identical; --strict fails on warnings.
    site = Site(out)
    out2 = os.path.join(tmp, "site", "second")
    rc, _, err = export(options.faqt, kb, out2)
    if rc != 0:
        failures.append("second export exits %s: %s" % (rc, err[-1000:]))
    else:
        site2 = Site(out2)
        if site2.files != site.files:
            failures.append("a second export wrote other files: %s" % sorted(set(site.files) ^ set(site2.files))[:10])
        else:
            for rel in site.files:
                if site.data.get(rel) != site2.data.get(rel):
                    failures.append("a second export wrote %s differently" % rel)
    rc, _, err = export(options.faqt, kb, os.path.join(tmp, "site", "strict"), "--strict")
    if rc != 1:
        failures.append("export --strict of a KB with warnings exits %s, not 1: %s" % (rc, err[-500:]))
    # An output folder inside the KB's content, with --clean: not one
    # article may be removed (the KB is never the output, inside or around it).
    sections = os.path.join(kb, "sections")
    before = sorted(os.listdir(sections))
    rc, _, err = export(options.faqt, kb, sections, "--clean")
    after = sorted(os.listdir(sections)) if os.path.isdir(sections) else []
    lost = sorted(set(before) - set(after))
    if lost:
        failures.append("export --out KB/sections --clean removed the articles %s (exit %s)" % (lost, rc))
    # A symbolic link put into the output folder (a site kept in git, a
    # hostile commit) is never written or removed through: a folder of the
    # site made a link to a folder outside, one article deleted (its page is
    # stale) and one kept (its page is rewritten: the decoy differs).
    if not os.path.isdir(os.path.join(out2, "articles", "public")):
        failures.append("no folder articles/public in the second export: the symbolic link check did not run")
        return
    decoys = os.path.join(tmp, "decoys")
    for name in ("basic", "links"):
        os.makedirs(os.path.join(decoys, name))
        with open(os.path.join(decoys, name, "index.html"), "w") as f:
            f.write("decoy\n")
    shutil.rmtree(os.path.join(out2, "articles", "public"))
    os.symlink(decoys, os.path.join(out2, "articles", "public"))
    os.remove(os.path.join(kb, "public", "basic.md"))
    rc, _, err = export(options.faqt, kb, out2)
    for name in ("basic", "links"):
        path = os.path.join(decoys, name, "index.html")
        if not os.path.exists(path):
            failures.append("re-export removed %s through a symbolic link in the output folder" % path)
        else:
            with open(path) as f:
                if f.read() != "decoy\n":
                    failures.append("re-export wrote %s through a symbolic link in the output folder" % path)
    if len(os.listdir(decoys)) != 2:
        failures.append("re-export wrote into %s through a symbolic link: %s" % (decoys, os.listdir(decoys)))


def prepare_fixture(source, name, kb):
    shutil.copytree(os.path.join(source, "tests", "fixtures", name), kb, ignore=shutil.ignore_patterns(".faqt"))
    for script in os.listdir(kb):
        if script.startswith("make-") and script.endswith(".sh"):
            subprocess.run(["bash", "-e", script], cwd=kb, check=True, stdout=subprocess.DEVNULL)


def hunt_mode(options, names, failures, timeout=300):
    """Exports each KB as it is: no crash, no hang, and every check of the site."""
    for name in names:
        tmp, out = make_temp()
        try:
            kb = os.path.join(tmp, "kb")
            if name == "officedocs":
                sys.path.insert(0, os.path.join(options.source, "tests", "realdata"))
                import officedocs_common
                corpus = officedocs_common.find_corpus(options.source)
                if corpus is None:
                    print("officedocs-support corpus not found; set FAQT_OFFICEDOCS to run this test")
                    sys.exit(SKIP)
                shutil.copytree(corpus, kb)
                shutil.copy(os.path.join(options.source, "tests", "realdata", "officedocs.toml"),
                            os.path.join(kb, "faqt.toml"))
            else:
                prepare_fixture(options.source, name, kb)
            config = read_config(kb)
            public = listed_articles(options.faqt, kb, "--public")
            everything = listed_articles(options.faqt, kb, "--drafts")
            public_keys = {(a["id"], a["lang"]) for a in public}
            hidden = [a for a in everything if (a["id"], a["lang"]) not in public_keys]
            before = snapshot(tmp, out)
            rc, _, err = export(options.faqt, kb, out, timeout=timeout)
            after = snapshot(tmp, out)
            print("%s: %d public articles; export exit %s, %d warning lines" % (name, len(public), rc,
                                                                               err.count("\n")))
            if rc is None:
                failures.append("%s: export hangs (%s)" % (name, err))
                continue
            compare_snapshots(before, after, failures, os.path.relpath(out, tmp))
            if rc != 0:
                failures.append("%s: export exits %s (a signal when negative); the site was not checked:\n%s"
                                % (name, rc, err[-2000:]))
                continue
            site = Site(out)
            problems = []
            check_site(site, config, problems, public, hidden, err)
            failures.extend("%s: %s" % (name, p) for p in problems)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


# Themes a user may write by mistake (--theme overrides single files):
# none may crash or hang the export, and what is written stays valid.
HOSTILE_THEMES = {
    "self-partial": {"partials/foot.mustache": b"{{> foot}}"},
    "mutual-partials": {"partials/foot.mustache": b"{{> head}}", "partials/head.mustache": b"{{> foot}}"},
    "unclosed-section": {"templates/home.mustache": b"{{#articles}}{{> article-list}}"},
    "delimiters": {"templates/home.mustache": b"{{{nonexistent}}} {{=<% %>=}} <%title%> <%={{ }}=%> {{&x}}"},
    "bad-utf8": {"partials/foot.mustache": b"\xff\xfe not UTF-8 {{title}}"},
    "huge-loop": {"templates/home.mustache": b"{{#articles}}{{#articles}}{{#articles}}{{title}}{{/articles}}"
                                             b"{{/articles}}{{/articles}}"},
}


def theme_mode(options, failures):
    for name, files in HOSTILE_THEMES.items():
        tmp, out = make_temp()
        try:
            kb = os.path.join(tmp, "kb")
            shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb,
                            ignore=shutil.ignore_patterns(".faqt"))
            theme = os.path.join(tmp, "theme")
            for rel, data in files.items():
                os.makedirs(os.path.dirname(os.path.join(theme, rel)), exist_ok=True)
                with open(os.path.join(theme, rel), "wb") as f:
                    f.write(data)
            rc, _, err = export(options.faqt, kb, out, "--theme", theme, timeout=120)
            print("theme %s: export exit %s" % (name, rc))
            if rc is None or rc < 0 or rc > 3:
                failures.append("theme %s: export %s:\n%s" % (
                    name, "hangs" if rc is None else "exits %s (a signal when negative)" % rc, err[-1000:]))
                continue
            if rc == 0:
                bad = []
                for rel, data in Site(out).data.items():
                    try:
                        data.decode("utf-8")
                    except UnicodeDecodeError:
                        bad.append(rel)
                if bad:
                    failures.append("theme %s: %d files are not UTF-8 (%s, ...), and %s" % (
                        name, len(bad), bad[0], "a warning names the theme file" if "mustache" in err else
                        "no warning names the theme file"))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("mode", choices=["helpdesk", "edge", "hostile", "officedocs"])
    options = parser.parse_args()
    options.faqt = os.path.abspath(options.faqt)
    failures = Failures()
    if options.mode in ("helpdesk", "edge"):
        leak_mode(options, options.mode, failures)
    elif options.mode == "hostile":
        hunt_mode(options, ["hostile", "broken", "markdown-limits", "site-edge"], failures)
        theme_mode(options, failures)
    else:
        hunt_mode(options, ["officedocs"], failures, timeout=900)
    failures.report()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
