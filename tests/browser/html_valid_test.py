#!/usr/bin/env python3
"""site_html_valid: every .html file of the export of examples/helpdesk
passes the Nu Html Checker (vnu-jar's vnu.jar, run once over all of them with
Debian's Java) with 0 errors; the errors are printed when there are some."""

import re
import subprocess
import sys

import exported_site


def main():
    args = exported_site.arguments(__doc__)
    jar = exported_site.node_package("vnu-jar", "build", "dist", "vnu.jar")
    exported_site.need_program("java", "default-jre-headless")
    site = exported_site.export(args)
    pages = exported_site.html_files(site)
    if not pages:
        sys.exit(f"FAIL: no .html file in {site}")
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "text", *map(str, pages)]
    print(f"$ java -jar {jar} --errors-only --format text <{len(pages)} .html files of {site}>", flush=True)
    run = subprocess.run(command, capture_output=True, text=True)
    # vnu's text format gives each error on two lines on stderr:
    #   Error: Duplicate ID “x”.
    #   From line 20, column 22; to line 20, column 29 in resource file:/…/index.html
    # printed here as "index.html:20:22: error: Duplicate ID “x”.", by page.
    output = run.stderr + run.stdout
    errors = []
    message = None
    for line in output.splitlines():
        if line.startswith(("Error: ", "Fatal Error: ")):
            if message:
                errors.append(("?", 0, 0, message))
            message = line.split(": ", 1)[1]
        elif message and line.startswith(("From line", "At line")):
            where = re.search(r"line (\d+), column (\d+).* in resource (.*)$", line)
            if where:
                page = where.group(3).removeprefix("file:").removeprefix(f"{site}/")
                errors.append((page, int(where.group(1)), int(where.group(2)), message))
            else:
                errors.append(("?", 0, 0, message + " (" + line + ")"))
            message = None
    if message:
        errors.append(("?", 0, 0, message))
    if run.returncode not in (0, 1) or (run.returncode == 1 and not errors):
        print(output)
        sys.exit(f"FAIL: the Nu Html Checker exited {run.returncode}")
    if errors:
        for page, line, column, text in sorted(errors):
            print(f"{page}:{line}:{column}: error: {text}")
        pages_with_errors = {error[0] for error in errors}
        print(f"\nFAIL: {len(errors)} errors in {len(pages_with_errors)} of {len(pages)} pages (paths in {site})")
        sys.exit(1)
    print(f"PASS: {len(pages)} pages, 0 errors")


if __name__ == "__main__":
    main()
