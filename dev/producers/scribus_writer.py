"""The report laid out and exported to PDF by Scribus 1.5 (Debian ``scribus`` 1.5.8), a desktop-publishing program.

Many 自治体 広報 and 報告 are laid out in DTP programs rather than word processors: Scribus sets the text in frames
with its own line breaking and writes the PDF with its own exporter (the Scribus PDF Library). This module writes a
JSON description of the report from the model (``description``) and runs ``scribus/report.py`` beside it inside
Scribus, headless (``xvfb-run -a scribus -g -ns -py``), which lays the description out on A4 pages in the variant's
orientation as a DTP user does by hand: a text frame per paragraph and per table cell (IPAex Gothic or Mincho at a
fixed line spacing), rows as tall as their tallest cell (measured by Scribus's own layout of the text), rows and runs
of merged rows kept whole on a page, a list's header repeated on each page (the once style's on its first page
only), ``- n -`` in every page's foot; rules as
Scribus lines, fills as rectangles, the double frame a Scribus multi-line style, rounded corners a corner radius.

Which sides of a cell are ruled, and how, is the iText writer's ``cell_sides`` (the model's rule helpers, the frame
drawn apart for double, separate and rounded) and its fills ``fill``; the script draws each edge once. What a run
stamps (the dates, the subset fonts' random prefixes, the file /ID) is fixed afterwards in as many bytes
(``fixed_stamps``): the same bytes every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .continued import MARK, MARK_SIZE, mark
from .footed import foot
from .itext_writer import cell_sides, fill, frame
from .model import (
    HEADER_GREY,
    ROUND_RADIUS,
    Document,
    Table,
    Variant,
    is_right_aligned,
    is_title,
    plan_table,
    stacked,
    text_colour,
)
from .notes import table_notes, unit_caption
from .running import canvas_spec, head_text
from .sidebyside import GUTTER, Pair, front_blocks
from .stamps import subsets_in_order

SCRIPT = Path(__file__).resolve().parent / "scribus" / "report.py"
TIMEOUT = 1800  # seconds for one run: Scribus's start and a few thousand frames
MM = 72 / 25.4
PAGE = (595.28, 841.89)  # A4 portrait in points
MARGINS = (12 * MM, 12 * MM, 14 * MM, 16 * MM)  # left, right, top, bottom
FOOTER_Y = 10 * MM  # the page number's baseline above the page's foot
FONTS = {"gothic": "IPAexGothic Regular", "mincho": "IPAexMincho Regular"}  # Scribus's names of the IPAex TTFs
DOUBLE = (0.5, 2.0)  # the double frame's two black lines: each 0.5 pt, their centres 2 pt apart
CREATED = b"D:20230818090000Z"  # the creation and modification date written in place of the run's
DATE = re.compile(rb"/(CreationDate|ModDate) ?\((D:\d{14}Z?)\)")
FILE_ID = re.compile(rb"/ID ?\[ ?<([0-9a-fA-F]+)> ?<([0-9a-fA-F]+)> ?\]")


def parse_side(spec: str) -> list[object] | None:
    """An iText side spec (``solid:0.5:#000000``, ``dotted:…``, ``-``) as the script's [kind, width, colour]."""
    if spec == "-":
        return None
    kind, width, colour = spec.split(":")
    return [kind, float(width), colour]


def table_block(table: Table, variant: Variant, kind: str) -> dict[str, object]:
    """``cells_block``; under a header of two rows (the titled style's title row over the column headings), or with
    body cells across columns (the sectioned style's section rows under its one header row), with every cell's
    ``colspan`` by ``headed``, report.py placing a cell across its ``colspan`` columns and repeating the header."""
    block = cells_block(table, variant, kind)
    plan = plan_table(table, variant.style, kind)
    return headed(block, table, variant, kind) if plan.head_rows > 1 or plan.colspans else block


def headed(block: dict[str, object], table: Table, variant: Variant, kind: str) -> dict[str, object]:
    """A table block (``cells_block``) with every cell given its column span and the header as ``head_rows`` rows:
    one, or two (model.header_cells: the titled style's title row across every column over the column headings;
    the grouped style's headings spanning both rows, the group heading over the last two columns, the sub-headings
    under it), the body rows and their groups moved one row down under it."""
    rows: list[list[dict[str, object] | None]] = block["rows"]  # type: ignore[assignment]
    for row in rows:
        for cell in row:
            if cell is not None:
                cell["colspan"] = 1
    plan = plan_table(table, variant.style, kind)
    for (r, c), n in plan.colspans.items():  # stacked: the long text's cell across its columns
        rows[r][c]["colspan"] = n  # type: ignore[index]
    block["head_rows"] = plan.head_rows
    if plan.head_rows == 1:
        return block
    cols, count = len(table.rows[0]), len(table.rows)
    head: list[list[dict[str, object] | None]] = [[None] * cols for _ in range(plan.head_rows)]
    for h in plan.head:
        template = rows[0][h.col]
        assert template is not None
        head[h.row][h.col] = {
            **template, "text": h.text, "span": h.rowspan, "colspan": h.colspan, "align": "center",
            "valign": "middle", "break_bottom": None,
            "sides": [parse_side(s) for s in cell_sides(variant, 0, 0, h.col, count, cols)]}
    block["rows"] = head + rows[1:]
    block["groups"] = [[a + plan.head_rows - 1, b + plan.head_rows - 1] for a, b in block["groups"]]  # type: ignore[attr-defined]
    return block


def cells_block(table: Table, variant: Variant, kind: str) -> dict[str, object]:
    """One table: its columns' weights and width (per cent of the text width), the text's size, leading and cell
    padding, what is drawn around each page's part, its rows of cells (None where a merged cell above covers one)
    and its groups of body rows that stay on one page (a merged run, or one row)."""
    style = variant.style
    rows = table.rows
    plan = plan_table(table, style, kind)
    cols = len(rows[0])
    tight = style.padding == "none"
    pad = 0.0 if tight else 4.5 if style.double else 3.0
    out_rows: list[list[dict[str, object] | None]] = []
    for r, cells in enumerate(rows):
        font = style.header_font if r == 0 else style.body_font
        row: list[dict[str, object] | None] = []
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if not span:
                row.append(None)
                continue
            last = r + span - 1
            row.append({
                # vertical: Scribus 1.5.8 has no vertical writing; the flag heading one character a line
                "text": "\n".join(stacked(text)) if r == 0 and plan.is_vertical(c) else text,
                # distributed: 均等割り付け (Scribus's forced justification, PDFKit's characterSpacing)
                "span": span, "font": font, "align": "distributed" if plan.spreads(r, c) else plan.align(r, c),
                "valign": "middle" if r == 0 else "top",
                "fill": None if fill(variant, r) == "-" else fill(variant, r),
                "colour": text_colour(style.shading, r),
                "sides": [parse_side(s) for s in cell_sides(variant, r, last, c, len(rows), cols)],
                # the bottom drawn where a page's part ends after this cell: as if its row were the table's last
                "break_bottom": parse_side(cell_sides(variant, r, last, c, last + 1, cols)[1]) if r else None,
            })
        out_rows.append(row)
    # a group starts at a row no merged cell covers, and at the first body row (the sectioned style's first section
    # row, whose cell across covers the others: it would otherwise be in no group)
    starts = [r for r in range(1, len(rows)) if r == 1 or all(plan.span(r, c) for c in plan.spans)]
    groups = [[a, b] for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]
    return {
        "type": "table", "width": 100.0 if kind == "list" else 80.0, "weights": list(plan.weights),
        "size": 7.5 if kind == "list" else 9.0, "leading": 1.0 if tight else 1.2,
        "pad": [pad, pad, 0.0 if tight else 2.0, 0.0 if tight else 2.0],
        "frame": frame(variant), "rule": ["solid", 0.5, "#000000"], "double": list(DOUBLE),
        "radius": ROUND_RADIUS, "header_fill": HEADER_GREY, "after": 2.0 if style.notes else 8.0,  # notes: under it
        "rows": out_rows, "groups": groups,
        **({"repeat_header": False} if style.header_repeat == "first" else {}),  # once: the header at the start only
    }


def paragraph(text: str, font: str, new_page: bool = False, size: float | None = None,
              align: str | None = None) -> dict[str, object]:
    """A paragraph: the title at 12 pt, the report number, date and section at the right margin."""
    return {"type": "para", "text": text, "font": font, "new_page": new_page,
            "size": size or (12.0 if is_title(text) else 10.0),
            "align": align or ("right" if is_right_aligned(text) else "left"), "gap": 4.0}


def noted(block: dict[str, object], table: Table, variant: Variant, kind: str) -> list[dict[str, object]]:
    """The notes style: the unit caption a paragraph text frame as wide as the summary, right-aligned, kept with the
    table's first rows (report.py keeps a paragraph before a table with it); the 注記 paragraph frames after the
    table, in its size, left-aligned; the table's block alone otherwise."""
    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return [block]
    size = 7.5 if kind == "list" else 9.0
    body = variant.style.body_font
    caption = unit_caption(variant.style.notes, kind)
    head = [{**paragraph(caption, body, size=size, align="right"), "width": 80.0, "gap": 0.0}] if caption else []
    return [*head, block, *({**paragraph(n, body, size=size, align="left"), "gap": 10.0 if i == len(notes) - 1 else 0.0,
                                "note": True}
                            for i, n in enumerate(notes))]


def description(doc: Document, variant: Variant) -> dict[str, object]:
    """The whole report as report.py reads it: the page, the fonts, the front page, each list from a new page under
    its exhibit label and title, the appendix from a new page."""
    width, height = PAGE if variant.orientation == "portrait" else PAGE[::-1]
    body = variant.style.body_font
    blocks: list[dict[str, object]] = []
    for block in front_blocks(doc.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: each caption and table in its half (report.py's pair)
            share = 100.0 * (1 - GUTTER) / 2
            blocks.append({"type": "pair", "gutter": GUTTER, "halves": [
                [{**paragraph(c, body), "width": share} if c else None, table_block(t, variant, "summary")]
                for c, t in block.halves]})
            continue
        blocks += (noted(table_block(block, variant, "summary"), block, variant, "summary") if isinstance(block, Table)
                   else [paragraph(block, body)])
    for i, item in enumerate(doc.lists):  # continued: a run of a list's rows a page (continued.paged), marked
        blocks.append(paragraph(item.exhibit, body, new_page=True, size=9.0, align="right"))
        blocks += [paragraph(item.title, body), *noted(table_block(item.table, variant, "list"), item.table, variant, "list")]
        blocks += [paragraph(MARK, body, size=MARK_SIZE, align="right")] if mark(doc.lists, i) else []
    blocks += [paragraph(text, body, new_page=i == 0) for i, text in enumerate(doc.appendix)]
    margins = [*MARGINS[:2], 20 * MM, MARGINS[3]] if variant.style.running else list(MARGINS)  # running: its head's room
    running = {"running": canvas_spec(body, width, *margins[:3], head_text(doc.front))} if variant.style.running else {}
    return {"page": [width, height], "margins": margins, "fonts": FONTS, **running,
            "footer": {"font": body, "size": 8.0, "y": FOOTER_Y,  # footed: its foot (footed.py)
                       **({"foot": foot(variant, doc.front).spec()} if variant.style.footed else {})},
            "info": {"author": "世田谷区", "title": "setagaya-2023-report359", "subject": "個人情報を取り扱う業務の審査の状況"},
            "blocks": blocks}


def fixed_stamps(pdf: bytes) -> bytes:
    """The PDF with what Scribus stamps of its run made the same every run, each in as many bytes (the xref stays
    right): the dates become CREATED, each font subset's random prefix AAAAAA, AAAAAB, … in order of first use, the
    file /ID the MD5 of the rest."""
    pdf = DATE.sub(lambda m: m.group(0).replace(m.group(2), CREATED[:len(m.group(2))].ljust(len(m.group(2)), b"Z")),
                   pdf)
    pdf = subsets_in_order(pdf)
    ids = FILE_ID.findall(pdf)
    if len(ids) > 1:
        raise RuntimeError("expected at most one /ID from Scribus")
    if ids:
        digest = hashlib.md5(FILE_ID.sub(b"", pdf)).hexdigest().encode()
        pdf = FILE_ID.sub(lambda m: m.group(0).replace(m.group(1), digest[:len(m.group(1))].ljust(len(m.group(1)), b"0"))
                          .replace(m.group(2), digest[:len(m.group(2))].ljust(len(m.group(2)), b"0")), pdf)
    return pdf


def command() -> list[str]:
    """Scribus without its GUI (``-g``) or splash (``-ns``) running the layout script, under a virtual X server."""
    missing = [tool for tool in ("scribus", "xvfb-run") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} not installed (apt-get install scribus xvfb xauth)")
    return ["xvfb-run", "-a", "scribus", "-g", "-ns", "-py", str(SCRIPT)]


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report's description to a temporary folder and let Scribus lay it out and export it to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-scribus-") as tmp:
        source, pdf, error = Path(tmp) / "report.json", Path(tmp) / "report.pdf", Path(tmp) / "error.txt"
        source.write_text(json.dumps(description(doc, variant), ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "SCRIBUS_REPORT": str(source), "SCRIBUS_PDF": str(pdf), "SCRIBUS_ERROR": str(error),
               "HOME": tmp, "XDG_RUNTIME_DIR": tmp}  # Scribus's preferences written to the temporary folder
        run = subprocess.run(command(), check=False, capture_output=True, timeout=TIMEOUT, env=env)
        if error.exists() or not pdf.exists():
            why = error.read_text(encoding="utf-8") if error.exists() else run.stderr.decode(errors="replace")[-3000:]
            raise RuntimeError(f"Scribus failed on {variant.name}: {why}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_stamps(pdf.read_bytes()))
