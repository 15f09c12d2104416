#!/usr/bin/env python3
"""Render the bundled corpus PDFs from the ground truth.

Reads ``corpus/ground_truth/<doc>/layout.json`` (written by
``dev/build_ground_truth.py`` from the reference text) and draws what a
city hall's Excel print-out looks like: A4 landscape, ruled tables, the list
title and header row repeated on every page, long descriptions wrapped inside
their cell, the exhibit label (資料No.3-2 …) at the top right, page numbers, the
summary counts whose printed text is spread apart (「1 2 9」) laid out digit by
digit across the cell the way Excel's distributed alignment (均等割り付け) does,
and the incident report (報告第360号) as flowing text. Every quirk of the text
is kept as printed (營, 勸, 「D X」, 「こ と」, full- and half-width brackets).

Output is deterministic (reportlab's invariant mode), so the committed PDF
only changes when the ground truth or this script does. Needs the ``corpus``
extra (reportlab) and the IPAex Gothic font (Debian ``fonts-ipaexfont``).

    python -m dev.build_corpus            # all documents
    python -m dev.build_corpus --only setagaya-2023-report359
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT / "corpus" / "ground_truth"
PDF_DIR = ROOT / "corpus" / "pdf"
FONT_PATHS = [
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
]
FONT = "IPAexGothic"

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22.0, 30.0, 34.0
CELL_PAD = 2.5

# Column widths (points) per list header, as a ward's Excel sheet would set them.
LIST_COLUMNS = {
    "outsourcing": [28, 408, 196, 56, 55, 55],
    "external_provision": [26, 136, 250, 76, 176, 52, 41, 41],
    "online_link": [26, 84, 396, 176, 52, 32, 32],
}
EXHIBIT = {"outsourcing": "資料No.3-2", "external_provision": "資料No.3-3", "online_link": "資料No.3-4"}
SUMMARY_COLUMNS = [150, 110, 190, 190]


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_PATHS:
        if path.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(path)))
            return
    sys.exit("IPAex Gothic not found: install Debian's fonts-ipaexfont")


def wrap_to_width(text: str, width: float, size: float) -> list[str]:
    """Break text into lines no wider than ``width``, character by character, as Excel does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for ch in text:
        if current and stringWidth(current + ch, FONT, size) > width:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines or [""]


def draw_cell_text(c, text: str, x: float, top: float, width: float, size: float, align: str) -> None:  # type: ignore[no-untyped-def]
    """Draw wrapped text in a cell whose top-left is (x, top) in top-down coordinates."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    leading = size * 1.22
    inner = width - 2 * CELL_PAD
    if align == "distributed":
        glyphs = [ch for ch in text if not ch.isspace()]
        if len(glyphs) > 1:
            step = (inner - size * 0.6) / (len(glyphs) - 1)
            for i, ch in enumerate(glyphs):
                c.drawString(x + CELL_PAD + i * step, PAGE_H - (top + CELL_PAD + size), ch)
            return
        align = "right"
    for i, line in enumerate(wrap_to_width(text, inner, size)):
        y = PAGE_H - (top + CELL_PAD + size + i * leading)
        if align == "center":
            c.drawString(x + (width - stringWidth(line, FONT, size)) / 2, y, line)
        elif align == "right":
            c.drawString(x + width - CELL_PAD - stringWidth(line, FONT, size), y, line)
        else:
            c.drawString(x + CELL_PAD, y, line)


def row_height(cells: list[str], widths: list[float], size: float) -> float:
    leading = size * 1.22
    lines = max(len(wrap_to_width(t, w - 2 * CELL_PAD, size)) for t, w in zip(cells, widths))
    return lines * leading + 2 * CELL_PAD + size * 0.3


def draw_table(c, rows: list[list[str]], widths: list[float], top: float, size: float,  # type: ignore[no-untyped-def]
               aligns: list[str], header_rows: int = 1) -> float:
    """Draw a ruled table; return the y (top-down) of its bottom edge."""
    x0 = MARGIN_X
    heights = [row_height(r, widths, size) for r in rows]
    y = top
    c.setLineWidth(0.6)
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for r, (cells, h) in enumerate(zip(rows, heights)):
        c.line(x0, PAGE_H - y, xs[-1], PAGE_H - y)
        for i, text in enumerate(cells):
            align = "center" if r < header_rows else aligns[i]
            if r >= header_rows and aligns[i] == "number" and " " in text.strip():
                align = "distributed"
            elif align == "number":
                align = "right"
            draw_cell_text(c, text, xs[i], y, widths[i], size, align)
        y += h
    c.line(x0, PAGE_H - y, xs[-1], PAGE_H - y)
    for x in xs:
        c.line(x, PAGE_H - top, x, PAGE_H - y)
    return y


def fit_size(rows: list[list[str]], widths: list[float], room: float, largest: float = 8.0) -> float:
    size = largest
    while size > 4.5 and sum(row_height(r, widths, size) for r in rows) > room:
        size -= 0.25
    return size


def draw_page_number(c, page_no: int) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label = f"- {page_no} -"
    c.setFont(FONT, 9)
    c.drawString((PAGE_W - stringWidth(label, FONT, 9)) / 2, MARGIN_BOTTOM / 2, label)


def draw_text_line(c, text: str, top: float, size: float, indent: float = 0.0,  # type: ignore[no-untyped-def]
                   underline: list[list[int]] | None = None) -> float:
    """Draw a paragraph wrapped to the page width, underlining character ranges; return the next top."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont(FONT, size)
    lines = wrap_to_width(text, PAGE_W - 2 * MARGIN_X - indent, size)
    start = 0
    for line in lines:
        x, y = MARGIN_X + indent, PAGE_H - (top + size)
        c.drawString(x, y, line)
        for a, b in underline or []:
            lo, hi = max(a, start), min(b, start + len(line))
            if lo < hi:
                x0 = x + stringWidth(line[: lo - start], FONT, size)
                x1 = x + stringWidth(line[: hi - start], FONT, size)
                c.setLineWidth(0.5)
                c.line(x0, y - 1.6, x1, y - 1.6)
        start += len(line)
        top += size * 1.45
    return top


def draw_front_page(c, page: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    top = MARGIN_TOP
    for block in page["blocks"]:
        if block["type"] == "text":
            text = block["text"]
            size = 12.0 if text.startswith("個人情報を取り扱う業務の審査") else 10.0
            indent = 0.0
            short_line = len(text) < 25
            if short_line and (text.startswith(("報告第", "令和")) or text.endswith("課")):
                from reportlab.pdfbase.pdfmetrics import stringWidth

                indent = PAGE_W - 2 * MARGIN_X - stringWidth(text, FONT, size)
            top = draw_text_line(c, text, top + 2, size, indent)
        else:
            c.setFont(FONT, 9)
            top = draw_table(c, block["rows"], SUMMARY_COLUMNS, top + 4, 9.0,
                             ["left", "number", "number", "number"]) + 8


def draw_list_page(c, page: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    title = next(b["text"] for b in page["blocks"] if b["type"] == "text")
    table = next(b for b in page["blocks"] if b["type"] == "table")
    criterion = table["criterion"]
    widths = [float(w) for w in LIST_COLUMNS[criterion]]
    label = EXHIBIT[criterion]
    c.setFont(FONT, 10)
    c.drawString(PAGE_W - MARGIN_X - stringWidth(label, FONT, 10), PAGE_H - 20, label)
    c.setFont(FONT, 11)
    c.drawString(MARGIN_X, PAGE_H - (MARGIN_TOP + 11), title)
    top = MARGIN_TOP + 20
    rows = table["rows"]
    size = fit_size(rows, widths, PAGE_H - top - MARGIN_BOTTOM)
    c.setFont(FONT, size)
    aligns = ["center"] + ["left"] * (len(widths) - 4) + ["center", "center", "center"]
    draw_table(c, rows, widths, top, size, aligns)


def draw_appendix(c, lines: list[str], page_no: int,  # type: ignore[no-untyped-def]
                  underlines: dict[str, list[list[int]]] | None = None) -> int:
    """Flow the incident report over as many pages as it needs; return the last page number."""
    underlines = underlines or {}
    top = MARGIN_TOP
    for text in lines:
        size = 10.0
        indent = 0.0
        if text.startswith(("- ", " - ")):
            text = text.strip()[2:]
            indent = 12.0
        elif text.startswith("\u3000"):  # a paragraph indented with an ideographic space
            indent = 0.0
        lines_needed = len(wrap_to_width(text, PAGE_W - 2 * MARGIN_X - indent, size))
        if top + lines_needed * size * 1.45 > PAGE_H - MARGIN_BOTTOM:
            draw_page_number(c, page_no)
            c.showPage()
            page_no += 1
            top = MARGIN_TOP
        top = draw_text_line(c, text, top, size, indent, underlines.get(text)) + 3
    draw_page_number(c, page_no)
    c.showPage()
    return page_no


def render_document(layout: dict, out: Path, title: str) -> int:  # type: ignore[type-arg]
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    c = canvas.Canvas(str(out), pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    c.setTitle(title)
    # the committed PDFs carry the name this tool had before dev/: kept so a rebuild stays byte-identical
    c.setCreator("Microsoft Excel (rendered by scripts/build_corpus.py)")
    page_no = 0
    for page in layout["pages"]:
        page_no += 1
        if page["kind"] == "list":
            draw_list_page(c, page)
        else:
            draw_front_page(c, page)
        draw_page_number(c, page_no)
        c.showPage()
    if layout.get("appendix_text"):
        page_no = draw_appendix(c, layout["appendix_text"], page_no + 1, layout.get("appendix_underlines"))
    c.save()
    return page_no


def load_layout(folder: Path) -> dict | None:  # type: ignore[type-arg]
    """A document's layout.json, or a prose-only report from its incident.txt (one paragraph a line)."""
    if (folder / "layout.json").exists():
        return json.loads((folder / "layout.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    if (folder / "incident.txt").exists():
        text = (folder / "incident.txt").read_text(encoding="utf-8")
        return {"pages": [], "appendix_text": [line for line in text.splitlines() if line.strip()]}
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="render only this ground-truth document folder")
    parser.add_argument("--out", type=Path, default=PDF_DIR, help="folder for the PDFs (default corpus/pdf)")
    args = parser.parse_args(argv)
    register_font()
    args.out.mkdir(parents=True, exist_ok=True)
    for folder in sorted(GROUND_TRUTH.iterdir()):
        if args.only and folder.name != args.only:
            continue
        layout = load_layout(folder)
        if layout is None:
            continue
        out = args.out / f"{folder.name}.pdf"
        pages = render_document(layout, out, folder.name)
        print(f"{out}: {pages} pages, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
