#!/usr/bin/env python3
"""Fail loudly when a system dependency is missing, so tests never skip silently.

    python -m dev.check_system      # exit 1 and one line per missing dependency
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from pipeline.extract.engines import tesseract_languages


def missing_dependencies() -> list[str]:
    """One line per system dependency the tests need and this machine lacks, with how to install it."""
    problems = []
    if shutil.which("tesseract") is None:
        problems.append("tesseract not found: apt-get install tesseract-ocr")
    else:
        if "jpn" not in tesseract_languages("tesseract")[1]:
            problems.append("Tesseract has no 'jpn' data: apt-get install tesseract-ocr-jpn")
    if not any(Path(p).exists() for p in ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
                                          "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")):
        problems.append("IPAex Gothic font not found: apt-get install fonts-ipaexfont")
    if shutil.which("chromium") is None:
        problems.append("chromium not found (the HTML report's browser test): apt-get install chromium")
    return problems


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    problems = missing_dependencies()
    for p in problems:
        print(f"missing system dependency: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
