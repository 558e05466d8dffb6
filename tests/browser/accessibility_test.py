#!/usr/bin/env python3
"""site_accessibility: the export of examples/helpdesk in Debian's Chromium,
headless (accessibility.mjs says what is checked): axe-core finds no
violation on the home page, an article, a known error, the FAQ, the known
issues, a category and 404.html in light and dark mode at 1280 and 320 px;
no page of the export scrolls sideways at 320 px; a skip link comes first and focus shows;
an article prints without navigation. Screenshots go to the folder
screenshots/ beside WORK (build/tests/browser/screenshots/)."""

import pathlib
import subprocess
import sys

import exported_site


def main():
    args = exported_site.arguments(__doc__)
    exported_site.node_package("playwright-core", "package.json")
    exported_site.node_package("axe-core", "axe.min.js")
    exported_site.need_program("/usr/bin/chromium", "chromium")
    exported_site.need_program("node", "nodejs")
    site = exported_site.export(args)
    screenshots = pathlib.Path(args.work).resolve().parent / "screenshots"
    script = exported_site.BROWSER_DIR / "accessibility.mjs"
    sys.stdout.flush()
    sys.exit(subprocess.run(["node", str(script), str(site), str(screenshots)]).returncode)


if __name__ == "__main__":
    main()
