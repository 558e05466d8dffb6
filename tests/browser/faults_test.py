#!/usr/bin/env python3
"""site_checks_catch_faults: the browser tests fail, and say why, on
fixtures/faulty-site/, a hand-made page with one of each fault they look
for; a check that stopped finding its fault would pass any export."""

import pathlib
import subprocess
import sys

import exported_site

FIXTURE = exported_site.BROWSER_DIR / "fixtures" / "faulty-site"

# What each test must print about the fixture.
EXPECTED = {
    "html_valid_test.py": ["index.html:21:1: error: Duplicate ID “twice”."],
    "links_test.py": [
        "names a folder, assets/",
        "root-relative URL (/index.html)",
        "no such file in the export: missing/index.html",
        "no id 'nowhere' in this page",
        "has a javascript: URL",
    ],
    "requests_test.py": [
        "index.html:1: no <meta http-equiv=Content-Security-Policy>",
        "<link href='https://cdn.example.com/theme.css'> loads from outside the site",
        "<img src='//images.example.com/logo.png'> loads from outside the site",
        "assets/site.css:1: CSS names https://fonts.example.com/remote.woff2",
        "assets/site.js:1: a script names https://api.example.com/track",
        "requests https://cdn.example.com/theme.css (stylesheet), which leaves the export",
        "requests https://api.example.com/track (fetch), which leaves the export",
    ],
    "accessibility.mjs": [
        "faq: faq/index.html is not in the export",
        "home 1280px light: ",
        "color-contrast (serious)",
        "home 320px dark: scrolls sideways",
        "div.wide",
        "home keyboard: the first Tab stop is not a skip link",
        "focus does not show (no outline, no box-shadow) on <a class=\"brand\"",
    ],
}


def main():
    args = exported_site.arguments(__doc__)
    work = pathlib.Path(args.work).resolve()
    missing = 0
    for script, expected in EXPECTED.items():
        if script.endswith(".mjs"):
            command = ["node", str(exported_site.BROWSER_DIR / script), str(FIXTURE), str(work / "screenshots")]
        else:
            command = [sys.executable, str(exported_site.BROWSER_DIR / script), "--site", str(FIXTURE),
                       "--work", str(work / script)]
        run = subprocess.run(command, capture_output=True, text=True)
        output = run.stdout + run.stderr
        found = [text for text in expected if text in output]
        if run.returncode == 0:
            print(f"FAIL: {script} passed the faulty site")
            missing += 1
        for text in expected:
            if text not in found:
                print(f"FAIL: {script} did not report: {text}")
                missing += 1
        print(f"{script}: exit {run.returncode}, {len(found)} of {len(expected)} faults reported")
        if len(found) < len(expected) or run.returncode == 0:
            print("  its output:\n" + "\n".join("  | " + line for line in output.splitlines()))
    if missing:
        sys.exit("FAIL")
    print("PASS")


if __name__ == "__main__":
    main()
