#!/usr/bin/env python3
"""A plain configure (what a user or packager runs) must not turn warnings
into errors: a new compiler's new warning must never break their build.
-DFAQT_WERROR=ON (scripts/build, CI) must. Configures the source twice in
temporary folders, without tests, and reads the compiler flags cmake
generated for the faqt target."""

import argparse
import glob
import os
import subprocess
import sys
import tempfile


def werror_in_flags(cmake, source, extra):
    with tempfile.TemporaryDirectory(prefix="faqt-configure-") as build:
        proc = subprocess.run([cmake, "-S", source, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DFAQT_TESTS=OFF"] +
                              extra, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit("configure failed:\n" + proc.stdout + proc.stderr)
        flags = glob.glob(os.path.join(build, "cli", "CMakeFiles", "faqt.dir", "flags.make"))
        if not flags:
            raise SystemExit("no cli/CMakeFiles/faqt.dir/flags.make in the configured build")
        with open(flags[0], encoding="utf-8") as f:
            text = f.read()
        if "-Wall" not in text:
            raise SystemExit("the faqt target has no warning flags at all:\n" + text)
        return "-Werror" in text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cmake", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    failures = []
    if werror_in_flags(options.cmake, options.source, []):
        failures.append("a plain configure compiles with -Werror; only -DFAQT_WERROR=ON should")
    if not werror_in_flags(options.cmake, options.source, ["-DFAQT_WERROR=ON"]):
        failures.append("-DFAQT_WERROR=ON does not add -Werror")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
