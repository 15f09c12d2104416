#!/usr/bin/env python3
"""Fail loudly when a system dependency is missing, so tests never skip silently."""

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.extract.engines import tesseract_languages

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
for p in problems:
    print(f"missing system dependency: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
