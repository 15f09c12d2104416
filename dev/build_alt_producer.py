#!/usr/bin/env python3
"""Render the reference report with a second PDF producer (fpdf2), for the extractor's tests.

``dev/build_corpus.py`` draws ``corpus/ground_truth/<doc>/layout.json`` with reportlab. An extractor tuned,
knowingly or not, to how that one renderer draws would pass every test and still fail on a real city hall's
file. This script draws the very same cells with fpdf2, which does everything its own way: its own TrueType
subsetting and text operators, its own table drawing (``FPDF.table()``: one border per cell side, a row's
height set by its tallest cell), its own line wrapping inside cells (at spaces first, then by character;
justified text by default), column widths chosen here from the column's own text (proportional to its natural
width, not the corpus renderer's numbers), A4 portrait instead of landscape, and one table per list that fpdf2
breaks over pages itself, repeating the header row (``repeat_headings``) under the list title that the page
header repeats.

Every cell's text is written exactly as layout.json has it (spaced digits 「1 2 9」 as the plain string,
full-width brackets, 營, 「D X」). The incident report (報告第360号) follows as plain paragraphs.

Output is deterministic (fixed creation date; fpdf2 derives the /ID from the content), so the committed PDF
only changes when the layout or this script does. Needs fpdf2 (the ``corpus`` extra) and the IPAex Gothic font.

    python -m dev.build_alt_producer
    python -m dev.build_alt_producer --out /tmp/alt.pdf
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from dev.producers.continued import fpdf2_classes
from dev.producers.footed import Foot, fpdf2_footed_class
from dev.producers.model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    HAIR_RULE,
    HEAVY_RULE,
    ROUND_RADIUS,
    VERTICAL_SHARE,
    WHITE_RULE,
    column_rule_after,
    header_cells,
    is_right_aligned,
    stacked,
    text_colour,
    tint,
)
from dev.producers.notes import fpdf2_caption, fpdf2_notes, table_notes, unit_caption
from dev.producers.rounded import corner_masks, outline, pdf_path
from dev.producers.running import fpdf2_running_class
from dev.producers.sidebyside import fpdf2_front

DOC = "setagaya-2023-report359"
LAYOUT = ROOT / "corpus" / "ground_truth" / DOC / "layout.json"
DEFAULT_OUT = ROOT / "tests" / "extract" / "cases" / f"{DOC}-fpdf2.pdf"
FONT_PATHS = [
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
]
FONT = "ipaexg"
CREATED = datetime(2023, 8, 18, 9, 0, 0, tzinfo=UTC)

MARGIN = 36.0  # points, all four sides
LIST_SIZE = 7.0
SUMMARY_SIZE = 9.0
TEXT_SIZE = 10.0
EXHIBIT = {"outsourcing": "資料No.3-2", "external_provision": "資料No.3-3", "online_link": "資料No.3-4"}
FLAG_WORDS = ("有", "無")
DOTS = 1.0  # a dotted look's inner rules: 1 pt on, 1 pt off
FRAME_WIDTH = 0.6  # a dotted or double look's outer frame: fpdf2 draws it in its own line width
DOUBLE_GAP = 2.0  # a double look's second line, this far (centre to centre) outside the frame and under the header
ROUNDED_HEADER_GREY = 200  # a rounded look's header fill: model.HEADER_GREY, #C8C8C8
CELL_SPACING = 2.5  # a separate look's gutter: white between two cells' boxes and between the table's box and a cell


@dataclass(frozen=True)
class TableLook:
    """How fpdf2 draws the tables: the defaults are this script's own render (full grid, portrait); dev/producers/
    draws the same report in other table styles through these options."""

    borders_layout: str = "ALL"  # fpdf2 TableBordersLayout: ALL, HORIZONTAL_LINES, NONE, ...
    cell_fill_mode: str = "NONE"  # fpdf2 TableCellFillMode: ROWS shades every other body row
    fill_gray: int = 225  # the shade of filled rows and, when filling, of the header row
    narrow_header: str = ""  # a column (by its header text) squeezed to four characters
    orientation: str = "portrait"
    dotted: bool = False  # inner rules dotted, the outer frame (fpdf2's outer_border_width) solid
    double: bool = False  # the outer frame and the rule under the header double lines (Excel's 二重罫線)
    heavy: bool = False  # the outer frame and the rule under the header heavy, inner rules hairlines (太線/極細)
    separate: bool = False  # every cell its own box, CELL_SPACING apart, inside the table's own box (セルの間隔)
    tinted: bool = False  # every cell filled (a dark header with white text, two light tints), the rules white
    booktabs: bool = False  # three rules only: heavy above the header, light under it, heavy under the last row
    rounded: bool = False  # inner rules only; each page's part framed by a rounded rectangle (rounded_frames)
    partial: bool = False  # the frame, a rule under every row, column rules at every other boundary only
    tight: bool = False  # no cell padding (padding 0, c_margin 0), line height 1.0: the text flush on the rules
    heading: str = "single"  # grouped | titled: model.header_cells' two rows, spans by fpdf2's rowspan/colspan
    once: bool = False  # a list's header at its start only (repeat_headings 0), not on the pages it continues to
    vertical: bool = False  # a list's flag columns VERTICAL_SHARE wide, headed one character a line (縦書き)
    centred: bool = False  # every cell's text centred (text_align CENTER in every column), header and body (中央揃え)
    notes: bool = False  # a unit caption cell over each summary, multi_cell ※ notes under every table (注記付き)
    distributed: bool = False  # header and agency cells drawn character by character across the cell (均等割り付け)
    sidebyside: bool = False  # the summaries two abreast, each pair placed by margins and set_y (sidebyside.py)
    running: str = ""  # the running style's head (running.py): drawn by header() on every page, 資料１ on the first
    continued: bool = False  # 次頁へ続く under a table where fpdf2 breaks it, the list's caption with （続き） over the rest


def font_path() -> Path:
    for path in FONT_PATHS:
        if path.exists():
            return path
    sys.exit("IPAex Gothic not found: install Debian's fonts-ipaexfont")


def make_pdf_class():  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    class ReportPDF(FPDF):
        """Page header (exhibit label, list title) and footer (page number) drawn by fpdf2 on every page."""

        exhibit = ""
        list_title = ""
        dots = 0.0  # while a dotted table is drawn: rules dotted, lines of FRAME_WIDTH (its frame) solid
        doubled = False  # while a double table is drawn: every frame line gets a twin outside it
        header_next = False  # the next right frame segment is the header row's (table start, new page)
        side = (0.0, 0.0)  # the last frame side's ends: a top line starts where it starts
        part: list[float] | None = None  # while a rounded table is drawn: its outer box on this page, x0 y0 x1 y1

        def line(self, x1: float, y1: float, x2: float, y2: float) -> None:  # type: ignore[override]
            """fpdf2 has no double line: a frame line (drawn in FRAME_WIDTH) gets a parallel twin DOUBLE_GAP
            outside it, and the header row's right side brings the twin of the rule under the header."""
            super().line(x1, y1, x2, y2)
            if not self.doubled or self.line_width != FRAME_WIDTH:
                return
            gap = DOUBLE_GAP
            if x1 == x2:  # a side, one segment per row: the twin runs on into its neighbours' corners
                outward = -gap if x1 <= self.l_margin + 0.01 else gap
                super().line(x1 + outward, y1 - gap, x2 + outward, y2 + gap)
                self.side = (y1, y2)
                if outward > 0 and self.header_next:
                    self.header_next = False
                    rule = y2 - FRAME_WIDTH / 2 + gap  # the cells' own rule is at the row's foot
                    super().line(self.l_margin, rule, x1, rule)
            else:  # the top (at the side's start) or the bottom, each outside the table
                outward = -gap if y1 == self.side[0] else gap
                super().line(x1 - gap, y1 + outward, x2 + gap, y2 + outward)

        def set_line_width(self, width: float) -> None:
            """fpdf2 switches to outer_border_width for a table's frame and back: switch the dash with it."""
            super().set_line_width(width)
            if self.dots and self.page > 0:
                self.set_dash_pattern(0 if width == FRAME_WIDTH else self.dots)

        def header(self) -> None:
            self.header_next = self.doubled  # fpdf2 repeats the header row on this page
            if not self.list_title:
                return
            self.set_font(FONT, size=9)
            self.set_xy(self.l_margin, self.t_margin - 14)
            self.cell(self.epw, 10, self.exhibit, align="R")
            self.set_font(FONT, size=11)
            self.set_xy(self.l_margin, self.t_margin)
            self.cell(self.epw, 13, self.list_title, align="L")
            self.set_xy(self.l_margin, self.t_margin + 19)
            self.set_font(FONT, size=LIST_SIZE)

        def rounded_frame(self) -> None:
            """The page's part of a rounded table: its header's square fill cut to the curves, a rounded frame."""
            if not self.part:
                return
            x0, y0, x1, y1 = self.part
            masks = " ".join(pdf_path(m, self.h, "f") for m in corner_masks(x0, y0, x1, ROUND_RADIUS)
                             + corner_masks(x0, y1, x1, -ROUND_RADIUS))
            frame = pdf_path(outline(x0, y0, x1, y1, ROUND_RADIUS), self.h, "S")
            self._out(f"q 1 g {masks} Q q {FRAME_WIDTH:.2f} w 0 G {frame} Q")
            self.part[:] = []

        def footer(self) -> None:
            self.rounded_frame()
            size = self.font_size_pt
            self.set_font(FONT, size=8)
            self.set_xy(self.l_margin, self.h - MARGIN + 10)
            self.cell(self.epw, 10, f"- {self.page_no()} -", align="C")
            self.set_font(FONT, size=size)

    return ReportPDF


def natural_width(pdf, text: str) -> float:  # type: ignore[no-untyped-def]
    return float(pdf.get_string_width(text))


def column_widths(pdf, rows: list[list[str]], total: float) -> list[float]:  # type: ignore[no-untyped-def]
    """Proportional widths: each column's longest text, capped, with room for a few characters at least.

    A column of long sentences is capped so it does not
    starve the others (at most 40% of the table); every column gets at least three characters of room
    (its header wraps inside that), plus the cell padding fpdf2 adds.
    """
    em = natural_width(pdf, "国")
    weights = []
    for col in range(len(rows[0])):
        longest = max(natural_width(pdf, row[col]) for row in rows[1:])
        weights.append(min(max(longest, 3 * em), 0.4 * total) + 2 * pdf.c_margin)
    scale = total / sum(weights)
    return [w * scale for w in weights]


def paragraph(pdf, text: str, size: float, align: str = "L", gap: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font(FONT, size=size)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(pdf.epw, size * 1.4, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def heavy_layout():  # type: ignore[no-untyped-def]
    """fpdf2's own per-side border styles (a ``TableBordersLayout`` of ``TableBorderStyle`` thicknesses): each
    cell's sides on the frame or under the heading rows HEAVY_RULE, the others HAIR_RULE. A heading row repeated
    on a new page keeps its heavy bottom; a page's last row closes the frame only where the table ends."""
    from fpdf.enums import TableBordersLayout, TableBorderStyle, TableCellStyle

    heavy, hair = TableBorderStyle(thickness=HEAVY_RULE), TableBorderStyle(thickness=HAIR_RULE)

    class HeavyFrame(TableBordersLayout):
        def cell_style_getter(self, row_idx: int, col_idx: int, col_pos: int, num_heading_rows: int,
                              num_rows: int, num_col_idx: int, num_col_pos: int) -> TableCellStyle:
            return TableCellStyle(
                left=heavy if col_pos == 0 else hair,
                bottom=heavy if row_idx in (num_rows - 1, num_heading_rows - 1) else hair,
                right=heavy if col_idx == num_col_idx - 1 else hair,
                top=heavy if row_idx in (0, num_heading_rows) else hair)

    return HeavyFrame()


def booktabs_layout():  # type: ignore[no-untyped-def]
    """fpdf2's own per-side border styles for the three rules of a booktabs table (三線表): the heading row's top
    BOOK_HEAVY and its bottom BOOK_LIGHT, the last row's bottom BOOK_HEAVY, no other side. A heading row repeated on
    a new page keeps both its rules; the heavy bottom rule is drawn where the table ends only."""
    from fpdf.enums import TableBordersLayout, TableBorderStyle, TableCellStyle

    heavy, light = TableBorderStyle(thickness=BOOK_HEAVY), TableBorderStyle(thickness=BOOK_LIGHT)

    class ThreeRules(TableBordersLayout):
        def cell_style_getter(self, row_idx: int, col_idx: int, col_pos: int, num_heading_rows: int,
                              num_rows: int, num_col_idx: int, num_col_pos: int) -> TableCellStyle:
            bottom = heavy if row_idx == num_rows - 1 else light if row_idx == num_heading_rows - 1 else False
            return TableCellStyle(left=False, right=False, top=heavy if row_idx == 0 else False, bottom=bottom)

    return ThreeRules()


def rounded_layout():  # type: ignore[no-untyped-def]
    """fpdf2's per-side border styles for a rounded table: the inner sides only, each drawn once as the left or top side
    of the cell after it (so that the last row on a page draws nothing along the part's foot), the outer box left to
    the rounded frame; each cell's style notes where fpdf2 puts the cell (``draw_cell_border``), so that the page's part of the
    table (``ReportPDF.part``) is known when the page or the table ends."""
    from fpdf.enums import TableBordersLayout, TableCellStyle

    class Gathered(TableCellStyle):
        def draw_cell_border(self, pdf, x1: float, y1: float, x2: float, y2: float,  # type: ignore[no-untyped-def]
                             fill_color=None) -> None:
            if pdf.part is not None:
                box = pdf.part or [x1, y1, x2, y2]
                pdf.part[:] = [min(box[0], x1), min(box[1], y1), max(box[2], x2), max(box[3], y2)]
            super().draw_cell_border(pdf, x1, y1, x2, y2, fill_color=fill_color)

    class InnerGrid(TableBordersLayout):
        def cell_style_getter(self, row_idx: int, col_idx: int, col_pos: int, num_heading_rows: int,
                              num_rows: int, num_col_idx: int, num_col_pos: int) -> TableCellStyle:
            return Gathered(left=col_pos != 0, right=False, top=row_idx != 0, bottom=False)

    return InnerGrid()


def partial_layout():  # type: ignore[no-untyped-def]
    """fpdf2's per-side border styles for a partial table: every cell's top and bottom, the frame's left and right,
    and a column rule only where ``model.column_rule_after`` draws one (after the 2nd, 4th, … column), in fpdf2's
    own line width as its full grid."""
    from fpdf.enums import TableBordersLayout, TableCellStyle

    class EveryOtherColumn(TableBordersLayout):
        def cell_style_getter(self, row_idx: int, col_idx: int, col_pos: int, num_heading_rows: int,
                              num_rows: int, num_col_idx: int, num_col_pos: int) -> TableCellStyle:
            return TableCellStyle(left=col_pos == 0 or column_rule_after(col_pos - 1), top=True, bottom=True,
                                  right=col_pos == num_col_pos - 1 or column_rule_after(col_pos))

    return EveryOtherColumn()


def look_options(look: TableLook) -> dict:  # type: ignore[type-arg]
    """pdf.table() keyword arguments for a look: borders, row fill, header fill."""
    from fpdf.fonts import FontFace

    if look.tinted:  # the header's fill and white text; the body rows' fills are each row's own (row_style)
        return {"borders_layout": look.borders_layout, "cell_fill_mode": "NONE",
                "headings_style": FontFace(emphasis=None, color=text_colour("tinted", 0),
                                           fill_color=tint("tinted", 0))}
    filled = look.cell_fill_mode != "NONE"
    frame = {"outer_border_width": FRAME_WIDTH} if look.dotted or look.double else {}
    if look.separate:  # fpdf2's own gutters: each cell's box drawn apart, the outer box a gutter outside them
        frame = {"outer_border_width": FRAME_WIDTH, "gutter_width": CELL_SPACING, "gutter_height": CELL_SPACING}
    return {
        **frame, **({"padding": 0} if look.tight else {}),  # fpdf2's default is 0 too: said where it matters
        "borders_layout": (heavy_layout() if look.heavy else booktabs_layout() if look.booktabs else
                           rounded_layout() if look.rounded else partial_layout() if look.partial else
                           look.borders_layout),
        "cell_fill_mode": look.cell_fill_mode,
        "cell_fill_color": look.fill_gray if filled else None,
        "headings_style": FontFace(emphasis=None, fill_color=ROUNDED_HEADER_GREY if look.rounded else
                                   look.fill_gray if filled else None),
    }


def row_style(look: TableLook, row: int):  # type: ignore[no-untyped-def]
    """A body row's own ``FontFace`` (fpdf2 fills a cell in its row style's colour): a tinted look's band, else none."""
    from fpdf.fonts import FontFace

    fill = tint("tinted", row) if look.tinted and row > 0 else None
    return FontFace(fill_color=fill) if fill else None


@contextmanager
def dotted_rules(pdf, look: TableLook) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Draw what the block draws with dotted rules, or a doubled frame, or white rules of WHITE_RULE, when the look
    says so (fpdf2 keeps the dash, the line width and the draw colour over pages)."""
    if look.tinted:  # fpdf2 strokes each cell's box in the draw colour after filling it
        width = pdf.line_width
        pdf.set_draw_color(255)
        pdf.set_line_width(WHITE_RULE)
        try:
            yield
        finally:
            pdf.set_draw_color(0)
            pdf.set_line_width(width)
        return
    if look.rounded:  # the outer box gathered page by page, framed at each page's foot and the table's end
        pdf.part = []
        try:
            yield
        finally:
            pdf.rounded_frame()
            pdf.part = None
        return
    if look.double:
        pdf.doubled = pdf.header_next = True
        try:
            yield
        finally:
            pdf.doubled = pdf.header_next = False
        return
    if not look.dotted:
        yield
        return
    pdf.dots = DOTS
    pdf.set_dash_pattern(DOTS)
    try:
        yield
    finally:
        pdf.dots = 0.0
        pdf.set_dash_pattern()


def summary_table(pdf, rows: list[list[str]], look: TableLook = TableLook(),  # type: ignore[no-untyped-def]
                  criterion: str = "") -> None:
    pdf.set_font(FONT, size=SUMMARY_SIZE)
    widths = column_widths(pdf, rows, pdf.epw * 0.85)
    fpdf2_caption(pdf, unit_caption(look.notes, "summary"), sum(widths), SUMMARY_SIZE)
    with dotted_rules(pdf, look), pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        line_height=SUMMARY_SIZE * (1.0 if look.tight else 1.35),
        text_align=("CENTER",) * 4 if look.centred else ("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        repeat_headings=1,
        **look_options(look), **({"num_heading_rows": 2} if look.heading != "single" else {}),
    ) as table:
        table_rows(table, rows, look, "summary", criterion)
    fpdf2_notes(pdf, table_notes(look.notes, criterion, "summary"), SUMMARY_SIZE)
    pdf.ln(6)


def narrowed(pdf, widths: list[float], header: list[str], narrow_header: str) -> list[float]:  # type: ignore[no-untyped-def]
    """Widths with one column cut to four characters, the others scaled up to keep the total."""
    if narrow_header not in header:
        return widths
    col = header.index(narrow_header)
    room = 4 * natural_width(pdf, "国") + 2 * pdf.c_margin
    rest = sum(widths) - widths[col]
    return [room if i == col else w * (sum(widths) - room) / rest for i, w in enumerate(widths)]


def list_table(pdf, title: str, criterion: str, rows: list[list[str]],  # type: ignore[no-untyped-def]
               look: TableLook = TableLook()) -> None:
    pdf.exhibit = EXHIBIT.get(criterion, "")
    pdf.list_title = title
    pdf.add_page()
    pdf.set_font(FONT, size=LIST_SIZE)
    widths = narrowed(pdf, column_widths(pdf, rows, pdf.epw), rows[0], look.narrow_header)
    flags = [c for c in range(len(rows[0])) if look.vertical and all(r[c] in FLAG_WORDS for r in rows[1:])]
    if flags:  # vertical: each flag column VERTICAL_SHARE of the width, the others scaled to keep the total
        rest = sum(w for c, w in enumerate(widths) if c not in flags) / (pdf.epw * (1 - VERTICAL_SHARE * len(flags)))
        widths = [pdf.epw * VERTICAL_SHARE if c in flags else w / rest for c, w in enumerate(widths)]
        rows = [[*("\n".join(stacked(h)) if c in flags else h for c, h in enumerate(rows[0]))], *rows[1:]]
    aligns = tuple("CENTER" if look.centred or c == 0 or all(r[c] in FLAG_WORDS for r in rows[1:]) else "JUSTIFY"
                   for c in range(len(rows[0])))
    with dotted_rules(pdf, look), pdf.table(
        col_widths=widths,
        width=pdf.epw,
        line_height=LIST_SIZE * (1.0 if look.tight else 1.3),
        text_align=aligns,
        repeat_headings=0 if look.once else 1,
        v_align="TOP",
        **look_options(look), **({"num_heading_rows": 2} if look.heading != "single" else {}),
    ) as table:
        table_rows(table, rows, look, "list", criterion)
    fpdf2_notes(pdf, table_notes(look.notes, criterion, "list"), LIST_SIZE)


def table_rows(table, rows: list[list[str]], look: TableLook, kind: str,  # type: ignore[no-untyped-def]
               criterion: str = "") -> None:
    """The header row and the body rows; a grouped or titled look's header as model.header_cells' two rows, each
    heading spanning by fpdf2's own ``rowspan`` / ``colspan`` (fpdf2 skips the cells they cover), centred down them
    (the titled style's title row one cell across, with the column headings under it as fpdf2's heading rows)."""
    head = header_cells(tuple(rows[0]), kind, look.heading, criterion)
    for r in range(max(h.row + h.rowspan for h in head)):
        row = table.row(style=row_style(look, 0))
        for h in (h for h in head if h.row == r):
            row.cell(h.text, align="CENTER", colspan=h.colspan, rowspan=h.rowspan,
                     **({"v_align": "MIDDLE"} if look.heading == "grouped" else {}))
    for i, cells in enumerate(rows[1:], start=1):
        row = table.row(style=row_style(look, i))
        for text in cells:
            row.cell(text, align=None)


def gather_lists(layout: dict) -> list[tuple[str, str, list[list[str]]]]:  # type: ignore[type-arg]
    """The list pages as one table per criterion: header once, body rows in order."""
    lists: list[tuple[str, str, list[list[str]]]] = []
    for page in layout["pages"]:
        if page["kind"] != "list":
            continue
        title = next(b["text"] for b in page["blocks"] if b["type"] == "text")
        table = next(b for b in page["blocks"] if b["type"] == "table")
        rows = table["rows"]
        if lists and lists[-1][1] == table["criterion"]:
            assert rows[0] == lists[-1][2][0], "a list keeps its header over pages"
            lists[-1][2].extend(rows[1:])
        else:
            lists.append((title, table["criterion"], [list(r) for r in rows]))
    return lists


def render(layout: dict, out: Path, look: TableLook = TableLook(), feet: Foot | None = None, lists=None) -> int:  # type: ignore[type-arg,no-untyped-def]
    from fpdf import __version__ as fpdf_version
    cls = fpdf2_running_class(fpdf2_classes(make_pdf_class(), layout, look), look.running, FONT)
    pdf = fpdf2_footed_class(cls, feet, FONT)(orientation=look.orientation, unit="pt", format="A4")  # footed.py
    pdf.set_margins(MARGIN, MARGIN + 20, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 8)
    pdf.add_font(FONT, fname=str(font_path()))
    pdf.set_title(DOC), pdf.set_author("世田谷区")
    # the committed PDFs carry the name this tool had before dev/: kept so a rebuild stays byte-identical
    pdf.set_creator("scripts/build_alt_producer.py")
    pdf.set_producer(f"PyFPDF/fpdf2 {fpdf_version}")
    pdf.set_creation_date(CREATED)
    pdf.set_line_width(0.5)
    pdf.c_margin = 0 if look.tight else pdf.c_margin  # tight: no cell margin left and right (table padding is 0)
    for page in (p for p in layout["pages"] if p["kind"] == "front"):
        pdf.add_page()
        fpdf2_front(pdf, page["blocks"], look.sidebyside, lambda b: summary_table(pdf, b["rows"], look, b["criterion"]),
                    lambda t: paragraph(pdf, t, 12.0 if t.startswith("個人情報を取り扱う業務の審査") else TEXT_SIZE,
                                        "R" if is_right_aligned(t) else "L"))
    for title, criterion, rows in gather_lists(layout):
        (lists or list_table)(pdf, title, criterion, rows, look)  # stacked: stacked_fpdf2's
    if layout.get("appendix_text"):
        pdf.list_title = pdf.exhibit = ""
        pdf.add_page()
        for text in layout["appendix_text"]:
            paragraph(pdf, text, TEXT_SIZE)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return int(pdf.page_no())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output PDF (default {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    pages = render(layout, args.out)
    print(f"{args.out}: {pages} pages, {args.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
