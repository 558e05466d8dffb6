#!/usr/bin/env python3
"""site_troubleshooter: a public flow of examples/helpdesk as the exported
site's troubleshooter, in Debian's Chromium, headless, from file://
(troubleshooter.mjs says what is checked). The example is exported with a
mailto: [site] contact_url added, so "contact support" has a message."""

import pathlib
import shutil
import subprocess
import sys

import exported_site

PAGE = "articles/flows/printer-not-printing/index.html"


def main():
    args = exported_site.arguments(__doc__)
    exported_site.node_package("playwright-core", "package.json")
    exported_site.node_package("axe-core", "axe.min.js")
    exported_site.need_program("/usr/bin/chromium", "chromium")
    exported_site.need_program("node", "nodejs")
    if args.site:
        site = pathlib.Path(args.site).resolve()
    else:
        work = pathlib.Path(args.work).resolve()
        if work.exists():
            shutil.rmtree(work)
        kb = work / "kb"
        shutil.copytree(pathlib.Path(args.source) / exported_site.KB, kb, ignore=shutil.ignore_patterns(".faqt"))
        toml = kb / "faqt.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text.replace("[site]\n", '[site]\ncontact_url = "mailto:servicedesk@northwind.example"\n', 1),
                        encoding="utf-8")
        site = work / "site"
        run = subprocess.run([args.faqt, "-C", str(kb), "export", "--out", str(site)], capture_output=True, text=True)
        sys.stdout.write(run.stdout + run.stderr)
        if run.returncode != 0:
            sys.exit(f"FAIL: faqt export exited {run.returncode}")
    sys.stdout.flush()
    script = exported_site.BROWSER_DIR / "troubleshooter.mjs"
    sys.exit(subprocess.run(["node", str(script), str(site / PAGE)]).returncode)


if __name__ == "__main__":
    main()
