#!/usr/bin/env python3
"""site_search: the browser search of the export of examples/helpdesk in
Debian's Chromium, headless (search.mjs says what is checked), from file://
and from a local web server (python3 -m http.server on 127.0.0.1): the
expected article first for English, Vietnamese and Polish words typed
without accents, an error code and a typo; the words found in <mark>; each
filter of search.html, whose choices (facets.js) load when the filters are
opened, not for a query alone; no results with the closest words, and the
service desk's link when [site] contact_url is set (a second export, of a
copy of the KB with one); the keyboard; the count announced; ?q= run on load; no
axe-core violation with results shown and with the list under the box open.
Prints the index files each query loaded and their bytes."""

import json
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib

import exported_site

CONTACT_URL = "https://help.northwind.example/contact"


def kb_articles(kb):
    """What the checks need to know of each article of the KB, by id:
    language, type, categories (with their ancestors), products, fixed_in."""
    articles = {}
    for path in sorted(kb.rglob("*.md")):
        relative = path.relative_to(kb).as_posix()
        if path.name == "README.md" or path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith("+++"):
            continue
        front = tomllib.loads(text.split("+++", 2)[1])
        stem = relative[: -len(".md")]
        lang = front.get("lang", "")
        suffix = re.match(r"(.*)\.([a-z]{2})$", stem)
        if suffix:
            stem, lang = suffix.group(1), suffix.group(2)
        categories = set()
        for category in front.get("categories", []):
            parts = category.lower().split("/")
            categories.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        articles.setdefault(stem, {})[lang or "en"] = {
            "type": front.get("type", "faq"),
            "categories": sorted(categories),
            "products": front.get("products", []),
            "fixed_in": front.get("fixed_in", ""),
        }
    return articles


def export_with_contact(args, work):
    """A second export, of a copy of the KB with [site] contact_url set."""
    kb = work / "kb-contact"
    shutil.copytree(pathlib.Path(args.source) / exported_site.KB, kb)
    config = kb / "faqt.toml"
    text = config.read_text(encoding="utf-8")
    if "\n[site]\n" not in text:
        sys.exit("FAIL: examples/helpdesk/faqt.toml has no [site] table to add contact_url to")
    config.write_text(text.replace("\n[site]\n", f'\n[site]\ncontact_url = "{CONTACT_URL}"\n', 1), encoding="utf-8")
    out = work / "site-contact"
    command = [args.faqt, "-C", str(kb), "export", "--out", str(out)]
    print("$ " + " ".join(command), flush=True)
    run = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(run.stdout + run.stderr)
    if run.returncode != 0:
        sys.exit(f"FAIL: faqt export (with contact_url) exited {run.returncode}")
    return out


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(site):
    """python3 -m http.server on 127.0.0.1 and a free port, serving site:
    (process, base URL) once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, f"http://127.0.0.1:{port}/"
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.1)
    server.kill()
    sys.exit("FAIL: python3 -m http.server did not start")


def main():
    args = exported_site.arguments(__doc__)
    exported_site.node_package("playwright-core", "package.json")
    exported_site.node_package("axe-core", "axe.min.js")
    exported_site.need_program("/usr/bin/chromium", "chromium")
    exported_site.need_program("node", "nodejs")
    if args.site:
        sys.exit("FAIL: site_search exports examples/helpdesk twice (with and without contact_url): give --faqt and --source")
    site = exported_site.export(args)
    work = pathlib.Path(args.work).resolve()
    contact_site = export_with_contact(args, work)
    facts = work / "articles.json"
    facts.write_text(json.dumps(kb_articles(pathlib.Path(args.source) / exported_site.KB)), encoding="utf-8")
    server, base = serve(site)
    try:
        sys.stdout.flush()
        script = exported_site.BROWSER_DIR / "search.mjs"
        code = subprocess.run(["node", str(script), str(site), str(contact_site), base, str(facts), CONTACT_URL]).returncode
    finally:
        server.terminate()
        server.wait()
    sys.exit(code)


if __name__ == "__main__":
    main()
