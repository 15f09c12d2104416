#!/usr/bin/env python3
"""Write real Tesseract readings as labelled sets: departments and description pairs.

``departments_tesseract.tsv``:
Each registry name of the reference report (and each real department the report
does not list, from make_labels.NEW_DEPARTMENTS) is drawn on a white strip with a
Japanese font in a few sizes, read back by ``tesseract -l jpn --psm 7``, and
stored as it came out. The label is the name that was drawn (or ``new``), so it
comes from the construction; the OCR damage is real (砧 comes out as 硝, 烏 as 鳥,
部 as 都, whole lines can come back empty).

``description_pairs_tesseract.tsv``: every distinct description (or recipient +
purpose) of the report, drawn in one line at the size the reference's 10 pt text has
in a 300 dpi and a 200 dpi scan, and read back; the pair (printed text, reading) is
``same``. For ``different``, the reading of each row's most similar
other row of the same department (as in make_labels.py) is paired with the row.

Needs the tesseract binary with jpn data and the IPAex fonts. The output is
committed, so tests and the benchmark do not need Tesseract.
Run: ``.venv/bin/python corpus/labels/make_ocr_labels.py [--only departments|descriptions]``
(several minutes).
"""

from __future__ import annotations

import argparse
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


# the reference's 10 pt body text scanned at 300 dpi (about 42 px) and at 200 dpi (about 28 px)
DESCRIPTION_RENDERINGS = [("mincho", 40, 0.0), ("mincho", 28, 0.0)]


def description_pairs(labels, workdir: Path) -> list[tuple[str, str, str, str, str, str, str]]:
    from rapidfuzz import fuzz

    by_department: dict[tuple[str, str, str], list[str]] = {}
    for r in labels.read_cases():
        text = r["description"] or f"{r['recipient']} {r['purpose']}"
        key = (r["criterion"], labels.scope(r["department"]), r["department"])
        by_department.setdefault(key, []).append(text)
    readings: dict[tuple[str, str, int], str] = {}

    def reading(text: str, font_name: str, size: int) -> str:
        if (text, font_name, size) not in readings:
            readings[(text, font_name, size)] = read(text, font_name, size, 0.0, workdir)
        return readings[(text, font_name, size)]

    out: dict[tuple[str, str, str, str], tuple[str, str, str, str, str, str, str]] = {}
    for (crit, sc, _dep), texts in sorted(by_department.items()):
        distinct = list(dict.fromkeys(texts))
        for font_name, size, _blur in DESCRIPTION_RENDERINGS:
            where = f"tesseract jpn, {font_name} {size}px"
            for t in distinct:
                r = reading(t, font_name, size)
                out.setdefault(
                    (crit, sc, t, r), (crit, sc, t, sc, r, "same", f"{where}: reading of the same text")
                )
            for t in distinct:
                others = [u for u in distinct if labels.nfkc_fold(u) != labels.nfkc_fold(t)]
                if others:
                    u = max(others, key=lambda x: (fuzz.ratio(t, x), x))
                    r = reading(u, font_name, size)
                    how = f"{where}: reading of another row of the department (ratio {fuzz.ratio(t, u):.0f})"
                    out.setdefault((crit, sc, t, r), (crit, sc, t, sc, r, "different", how))
    return list(out.values())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write the Tesseract label sets.")
    ap.add_argument("--only", choices=["departments", "descriptions"], help="write only one of the two files")
    args = ap.parse_args(argv)
    labels = _labels()
    if args.only != "descriptions":
        write_departments(labels)
    if args.only != "departments":
        write_description_pairs(labels)


def write_departments(labels) -> None:
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
                label = expected if raw.strip() else "ambiguous"  # an empty reading names nothing
                rows.append((raw, label, f"tesseract jpn, {font_name} {size}px blur {blur}: {text}"))
    with open(HERE / "departments_tesseract.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Real Tesseract (jpn, --psm 7) readings of rendered department names; see make_ocr_labels.py.\n"
            "# raw: Tesseract's output as is; expected: the name that was drawn, new when the registry\n"
            "# has no entry for it, ambiguous when Tesseract read nothing (the right outcome is review).\n"
            "# Labels come from the construction, never from the matcher.\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["raw", "expected", "how"])
        w.writerows(rows)


def write_description_pairs(labels) -> None:
    with tempfile.TemporaryDirectory() as td:
        pairs = description_pairs(labels, Path(td))
    with open(HERE / "description_pairs_tesseract.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Description pairs with one side read back by Tesseract (jpn, --psm 7, mincho 40 and 28 px); see\n"
            "# make_ocr_labels.py. same: a text and its reading; different: a text and the reading of\n"
            "# another row of the same department. Labels come from the construction, never from the matcher.\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["criterion", "scope_a", "description_a", "scope_b", "description_b", "label", "how"])
        w.writerows(pairs)


if __name__ == "__main__":
    main()
