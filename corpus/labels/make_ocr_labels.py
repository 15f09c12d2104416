#!/usr/bin/env python3
"""Write corpus/labels/departments_tesseract.tsv: real Tesseract readings of department names.

Each registry name of the reference report (and each real department the report
does not list, from make_labels.NEW_DEPARTMENTS) is drawn on a white strip with a
Japanese font in a few sizes, read back by ``tesseract -l jpn --psm 7``, and
stored as it came out. The label is the name that was drawn (or ``new``), so it
comes from the construction; the OCR damage is real (砧 comes out as 硝, 烏 as 鳥,
部 as 都, whole lines can come back empty).

Needs the tesseract binary with jpn data and the IPAex fonts. The output is
committed, so tests and the benchmark do not need Tesseract.
Run: ``.venv/bin/python corpus/labels/make_ocr_labels.py`` (a few minutes).
"""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = {
    "mincho": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "gothic": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
}
# (font, pixel size, blur radius): a clean print, a smaller gothic, a small blurred scan
RENDERINGS = [("mincho", 28, 0.0), ("gothic", 22, 0.0), ("mincho", 18, 0.6)]


def _labels():
    spec = importlib.util.spec_from_file_location("make_labels", HERE / "make_labels.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(text: str, font_name: str, size: int, blur: float, workdir: Path) -> str:
    font = ImageFont.truetype(FONTS[font_name], size)
    img = Image.new("L", (int(font.getlength(text)) + 2 * size, size * 2 + 8), 255)
    ImageDraw.Draw(img).text((size, size // 2), text, font=font, fill=0)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    path = workdir / "line.png"
    img.save(path)
    out = subprocess.run(
        ["tesseract", str(path), "-", "-l", "jpn", "--psm", "7"], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def main() -> None:
    labels = _labels()
    names: list[str] = []
    for row in labels.read_cases():
        if row["department"] not in names:
            names.append(row["department"])
    targets = [(n, n) for n in names] + [(n, "new") for n in labels.NEW_DEPARTMENTS]
    rows = []
    with tempfile.TemporaryDirectory() as td:
        for text, expected in targets:
            for font_name, size, blur in RENDERINGS:
                raw = read(text, font_name, size, blur, Path(td))
                rows.append((raw, expected, f"tesseract jpn, {font_name} {size}px blur {blur}: {text}"))
    with open(HERE / "departments_tesseract.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Real Tesseract (jpn, --psm 7) readings of rendered department names; see make_ocr_labels.py.\n"
            "# raw: Tesseract's output as is; expected: the name that was drawn, or new when the registry\n"
            "# has no entry for it. Labels come from the construction, never from the matcher.\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["raw", "expected", "how"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
