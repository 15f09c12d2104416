#!/usr/bin/env python3
"""Render the incident notices of ``corpus/incidents/src/*.txt`` to PDFs, deterministically.

The markup is what a clerk's word processor would print, one source line per printed
paragraph:

``% key: value``   header (``authority``, ``scan: yes|no``, ``widths: 70, 205, 205``, ``seed: 49``), not printed
``# text``         the title, centred and larger
``> text``         a right-aligned line (the date, the issuing department)
``| a | b | c |``  a table row (consecutive rows make one ruled table, the first is its header; the
                   columns are as wide as the header's ``widths`` say, in points, or else in
                   proportion to their longest text)
blank line         a little vertical space
anything else      a paragraph, wrapped at the right margin (leading 「　」 kept as 字下げ)

Born-digital notices go to ``corpus/incidents/pdf/<name>.pdf``. A notice whose header says
``scan: yes`` is also printed "through a scanner" with ``build_scans``'s 300 dpi profile
(rotation, noise, bilevel; seeded per notice and page) and stored image-only, so the
pipeline reads it by OCR; its born-digital render is not kept. A scan's seed index is the notice's
position among the sources, or the header's ``seed``: a negative's position moves whenever notices
are added before it, so a scanned negative carries the position it was first rendered at (neg08: 49).
reportlab writes no dates (``invariant=1``), so the output is the same bytes on every run with the
same libraries.

    python -m dev.build_incident_corpus            # every notice
    python -m dev.build_incident_corpus n04-kobe   # one
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dev.build_scans import PROFILES, PdfWriter, degrade, encode, render_gray

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "corpus" / "incidents" / "src"
OUT = ROOT / "corpus" / "incidents" / "pdf"
FONT = "IPAexGothic"
FONT_PATHS = (Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
              Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"))
SEED = 13  # the number; scans are seeded with (SEED, notice index, page)


def read_notice(path: Path) -> tuple[dict[str, str], list[str]]:
    """(header, printed lines) of one source file."""
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("% "):
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body.append(line.rstrip())
    return header, body


def flowables(lines: list[str], widths: list[float] | None = None) -> list:  # type: ignore[type-arg]
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=14, leading=24, alignment=TA_CENTER, spaceBefore=6,
                           spaceAfter=10)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=13)
    out: list = []  # type: ignore[type-arg]
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        data = [[Paragraph(_escape(c), cell) for c in r] for r in rows]
        table = Table(data, repeatRows=1, hAlign="LEFT", colWidths=widths or _widths(rows))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out.extend([table, Spacer(1, 8)])
        rows.clear()

    for line in lines:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush()
        if not line.strip():
            out.append(Spacer(1, 6))
        elif line.startswith("# "):
            out.append(Paragraph(_escape(line[2:]), title))
        elif line.startswith("> "):
            out.append(Paragraph(_escape(line[2:]), right))
        else:
            out.append(Paragraph(_escape(line), body))
    flush()
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _widths(rows: list[list[str]]) -> list[float]:
    """Column widths in proportion to each column's longest text (480 pt in all), at least 36 pt."""
    n = max(len(r) for r in rows)
    longest = [max(len(r[k]) if k < len(r) else 0 for r in rows) for k in range(n)]
    total = sum(min(x, 30) for x in longest) or 1
    return [max(36.0, 480.0 * min(x, 30) / total) for x in longest]


def render(path: Path, out_dir: Path, index: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate

    font = next((p for p in FONT_PATHS if p.exists()), None)
    if font is None:
        sys.exit("IPAex Gothic not found: install Debian's fonts-ipaexfont")
    pdfmetrics.registerFont(TTFont(FONT, str(font)))
    header, lines = read_notice(path)
    out = out_dir / f"{path.stem}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=56, rightMargin=56, topMargin=60, bottomMargin=60,
                            title=path.stem, invariant=1)
    widths = [float(w) for w in header["widths"].split(",")] if "widths" in header else None
    index = int(header.get("seed", index))
    doc.build(flowables(lines, widths))
    if header.get("scan") == "yes":
        scan(out, index)
    return out


def scan(pdf_path: Path, index: int) -> None:
    """Replace the PDF by its 300 dpi scan (image only)."""
    import numpy as np
    import pypdfium2 as pdfium

    profile = PROFILES["scan300"]
    pdf = pdfium.PdfDocument(str(pdf_path))
    writer = PdfWriter()
    try:
        for page in range(len(pdf)):
            width, height = pdf[page].get_size()
            rng = np.random.default_rng((SEED, index, page))
            img = degrade(render_gray(pdf, page, profile.dpi), profile, rng)
            writer.add_page(width, height, encode(img, profile.jpeg_quality), img.size)
    finally:
        pdf.close()
    writer.write(pdf_path)



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="notice names (file stems); default: all")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: corpus/incidents/pdf)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sources = sorted(SRC.glob("*.txt"))
    for index, path in enumerate(sources):
        if args.names and path.stem not in args.names:
            continue
        out = render(path, args.out, index)
        print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
