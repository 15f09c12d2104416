"""The report drawn by the two PDF libraries: reportlab's platypus tables and fpdf2's ``FPDF.table()``.

``dev/build_corpus.py`` draws the corpus PDF with reportlab's canvas, line by
line; here reportlab's own table layout (platypus ``Table`` with a
``TableStyle``) does it: its own row splitting over pages with the header
repeated (``repeatRows``), its own CJK wrapping (``wordWrap="CJK"``), spans
(``SPAN``), row backgrounds (``ROWBACKGROUNDS``; the whiterules style's tints with
``BACKGROUND`` under a white ``GRID``, which reportlab strokes after every fill; the booktabs style's
three rules with ``LINEABOVE``/``LINEBELOW`` widths, which a repeated header row keeps; the partial style's
``BOX``, ``LINEBELOW`` under every row and ``LINEAFTER`` on every other column alone; the rounded style's
``ROUNDEDCORNERS``, reportlab's own rounded table: it clips the fills to a rounded rectangle and redraws the
grid's outer lines with Bézier corners, on every part a page split leaves; the tight style's ``GRID`` with every
``*PADDING`` 0 and a leading of 1.0; the grouped style's two header rows, ``repeatRows`` 2, its headings joined by
``SPAN`` and centred down them by ``VALIGN`` MIDDLE; the once style's ``repeatRows`` 0, the header drawn at the
table's start only). fpdf2 goes through
``dev/build_alt_producer.py`` with a :class:`TableLook` per style.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from .continued import platypus_continued
from .distributed import spread_lines, spread_offsets
from .footed import foot, reportlab_canvas
from .model import (
    BODY_TINTS,
    BOOK_HEAVY,
    BOOK_LIGHT,
    FONT_FILES,
    FONT_NAMES,
    HAIR_RULE,
    HEADER_GREY,
    HEADER_TINT,
    HEAVY_RULE,
    NARROW_HEADER,
    ROUND_RADIUS,
    WHITE_RULE,
    Document,
    Table,
    Variant,
    column_rule_after,
    header_grid,
    is_right_aligned,
    is_title,
    plan_table,
    stacked,
    text_colour,
)
from .notes import table_notes, unit_caption
from .running import band, head_text, reportlab_running
from .sidebyside import GUTTER, Pair, front_blocks
from .stacked_fpdf2 import stacked_lists

SHADE = 0.85  # grey of shaded rows
RULE = 0.5
DOTS = (1, 1.5)  # the dotted style's inner rules: 1 pt on, 1.5 pt off
DOUBLE_SPACE = 1.5  # the double style's two lines: 1.5 pt of white between them, 2 pt centre to centre
CELL_SPACING = 2.0  # the separate style's white between two cells' boxes, and between the table's box and a cell's


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, name in FONT_NAMES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_FILES[key])))


def table_commands(table: Table, variant: Variant, kind: str) -> list[tuple]:  # type: ignore[type-arg]
    """The TableStyle commands of a style: rules, shading, spans, alignment."""
    from reportlab.lib import colors

    style = variant.style
    black, shade = colors.black, colors.Color(SHADE, SHADE, SHADE)
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"),  # type: ignore[type-arg]
                         ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                         ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if style.padding == "none":  # the tight style: no padding, the text's box on the cell's rules
        cmds = [cmds[0]] + [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                                                     "BOTTOMPADDING")]
    if style.rules == "grid" and style.double:  # line commands' count and space: reportlab's own double line
        double = (RULE, black, None, None, None, 2, DOUBLE_SPACE)
        cmds += [("LINEAFTER", (0, 0), (-2, -1), RULE, black), ("LINEBELOW", (0, 1), (-1, -2), RULE, black),
                 ("BOX", (0, 0), (-1, -1), *double), ("LINEBELOW", (0, 0), (-1, 0), *double)]
    elif style.rules == "grid" and style.weight == "heavy":  # line commands' weight: reportlab strokes each width
        cmds += [("INNERGRID", (0, 0), (-1, -1), HAIR_RULE, black), ("BOX", (0, 0), (-1, -1), HEAVY_RULE, black),
                 ("LINEBELOW", (0, 0), (-1, 0), HEAVY_RULE, black)]
    elif style.rules == "grid" and style.dash == "dotted":  # line commands: weight, colour, cap, dash
        cmds += [("INNERGRID", (0, 0), (-1, -1), RULE, black, None, DOTS), ("BOX", (0, 0), (-1, -1), RULE, black)]
    elif style.rules == "grid" and style.spacing:  # no line command: SpacedTable draws each cell's own box
        # the text keeps clear of its box: half the spacing more padding above and below; across, the box takes
        # half the spacing of the grid's 3 pt padding (a list's narrow No. column keeps two digits on one line)
        cmds += [("TOPPADDING", (0, 0), (-1, -1), 2 + CELL_SPACING / 2),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3 + CELL_SPACING / 2)]
    elif style.rules == "grid" and style.corners == "rounded":  # reportlab's own rounded corners (tl, tr, bl, br)
        cmds += [("GRID", (0, 0), (-1, -1), RULE, black), ("ROUNDEDCORNERS", [ROUND_RADIUS] * 4)]
    elif style.rules == "grid" and style.rule_colour == "white":  # drawn after the fills, over them
        cmds.append(("GRID", (0, 0), (-1, -1), WHITE_RULE, colors.white))
    elif style.rules == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), RULE, black))
    elif style.rules == "hrules":
        cmds += [("LINEABOVE", (0, 0), (-1, -1), RULE, black), ("LINEBELOW", (0, -1), (-1, -1), RULE, black)]
    elif style.rules == "frame":
        cmds += [("BOX", (0, 0), (-1, -1), RULE, black), ("LINEBELOW", (0, 0), (-1, 0), RULE, black)]
    elif style.rules == "booktabs":  # line commands' weight: the top rule, the mid rule, the bottom rule
        cmds += [("LINEABOVE", (0, 0), (-1, 0), BOOK_HEAVY, black), ("LINEBELOW", (0, 0), (-1, 0), BOOK_LIGHT, black),
                 ("LINEBELOW", (0, -1), (-1, -1), BOOK_HEAVY, black)]
    elif style.rules == "partial":  # the frame, a rule under every row, a rule after every other column
        cmds += [("BOX", (0, 0), (-1, -1), RULE, black), ("LINEBELOW", (0, 0), (-1, -2), RULE, black)]
        cmds += [("LINEAFTER", (c, 0), (c, -1), RULE, black) for c in range(len(table.rows[0]) - 1)
                 if column_rule_after(c)]
    elif style.rules == "vrules":  # the frame and the rules after every column but the last
        cmds += [("BOX", (0, 0), (-1, -1), RULE, black), ("LINEBELOW", (0, 0), (-1, 0), RULE, black),
                 ("LINEAFTER", (0, 0), (-2, -1), RULE, black)]
    if style.shading == "banded":
        cmds += [("BACKGROUND", (0, 0), (-1, 0), shade), ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, shade])]
    if style.shading == "header":  # the header row alone, grey
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_GREY)))
    if style.shading == "tinted":  # every cell filled: the header dark, the body rows' two tints alternating
        cmds += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_TINT)),
                 ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.HexColor(t) for t in BODY_TINTS])]
    plan = plan_table(table, style, kind)
    off = plan.head_rows - 1  # the stacked style's body rows under its two header rows
    for col, runs in plan.spans.items():
        for r, span in enumerate(runs, start=1):
            if span > 1:
                cmds.append(("SPAN", (col, r + off), (col, r + off + span - 1)))
    cmds += [("SPAN", (c, r + off), (c + n - 1, r + off)) for (r, c), n in plan.colspans.items()]  # stacked
    if plan.head_rows > 1:  # grouped: SPAN joins a heading's cells; the headings centred down their rows
        cmds.append(("VALIGN", (0, 0), (-1, plan.head_rows - 1), "MIDDLE"))
        cmds += [("SPAN", (h.col, h.row), (h.col + h.colspan - 1, h.row + h.rowspan - 1)) for h in plan.head
                 if h.rowspan > 1 or h.colspan > 1]
    return cmds


def spaced_table_class():  # type: ignore[no-untyped-def]
    """A platypus ``Table`` that strokes a box around itself and one box around each cell, CELL_SPACING apart.

    reportlab's line commands share a rule between neighbouring cells; HTML's
    ``border-spacing`` (Word's cell spacing) has none to share. After its own
    layout (``_colpositions``, ``_rowpositions``, on every part a split leaves on
    a page, as a split part is built by ``self.__class__``) each cell's rectangle
    is drawn inset by half the spacing from its grid lines, and the table's box
    half the spacing outside the grid.
    """
    from reportlab.lib import colors
    from reportlab.platypus import Table as RLTable

    class SpacedTable(RLTable):
        def _drawLines(self) -> None:
            canv, xs, ys = self.canv, self._colpositions, self._rowpositions  # ys from the top down
            half = CELL_SPACING / 2
            canv.saveState()
            canv.setLineWidth(RULE)
            canv.setStrokeColor(colors.black)
            canv.rect(xs[0] - half, ys[-1] - half, xs[-1] - xs[0] + 2 * half, ys[0] - ys[-1] + 2 * half,
                      stroke=1, fill=0)
            for top, bottom in itertools.pairwise(ys):
                for left, right in itertools.pairwise(xs):
                    canv.rect(left + half, bottom + half, right - left - 2 * half, top - bottom - 2 * half,
                              stroke=1, fill=0)
            canv.restoreState()

    return SpacedTable


def spread_flowable(text: str, font: str, size: float, leading: float, colour: str | None):  # type: ignore[no-untyped-def]
    """The distributed style's cell as a reportlab user spreads it (a Paragraph justifies no last line, and a
    Japanese line has no spaces to stretch): a Flowable as wide as the cell's room that breaks the text into lines
    and draws each line's characters one by one, the first at the left padding and the last at the right."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    def measure(s: str) -> float:
        return stringWidth(s, font, size)

    class Spread(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.lines = avail_width, spread_lines(text, avail_width, measure)
            self.height = leading * len(self.lines)
            return self.width, self.height

        def draw(self) -> None:
            self.canv.setFont(font, size)
            self.canv.setFillColor(HexColor(colour) if colour else HexColor("#000000"))
            for i, line in enumerate(self.lines):  # a Paragraph's baseline: its font size under the line's top
                for ch, x in zip(line, spread_offsets(line, self.width, measure), strict=True):
                    self.canv.drawString(x, self.height - i * leading - size, ch)

    return Spread()


def platypus_table(table: Table, variant: Variant, kind: str, width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as RLTable

    style = variant.style
    rows = table.rows
    size = 7.0 if kind == "list" else 9.0
    plan = plan_table(table, style, kind)
    weights = plan.weights
    total = width if kind == "list" else width * 0.8

    def para(text: str, r: int, c: int) -> Paragraph:
        align = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[plan.align(r, c)]
        font = FONT_NAMES[style.header_font if r == 0 else style.body_font]
        colour = text_colour(style.shading, r)
        leading = size * (1.0 if style.padding == "none" else 1.25)  # tight: the font's own 1 em line
        ps = ParagraphStyle(f"{font}-{size}-{align}-{leading:g}", fontName=font, fontSize=size, leading=leading,
                            alignment=align, wordWrap="CJK", **({"textColor": HexColor(colour)} if colour else {}))
        if plan.spreads(r, c):  # distributed: 均等割り付け, each character placed across the cell (spread_flowable)
            return spread_flowable(text, font, size, leading, colour)
        if r == 0 and plan.is_vertical(c):  # vertical: one character a line (<br/>), centred, as a user types it
            return Paragraph("<br/>".join(line.replace("&", "&amp;").replace("<", "&lt;") for line in stacked(text)), ps)
        return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), ps)

    head = header_grid(plan.head, len(rows[0]))  # the header's row(s): two under grouped, "" where a SPAN covers
    data = [[para(text, 0, c) for c, text in enumerate(cells)] for cells in head]
    data += [[para(text, r, c) for c, text in enumerate(cells)] for r, cells in enumerate(rows[1:], start=1)]
    table_class = spaced_table_class() if style.spacing else RLTable
    repeat = len(head) if style.header_repeat == "every" else 0  # once: repeatRows 0, the header at the start only
    out = table_class(data, colWidths=[total * w / sum(weights) for w in weights], repeatRows=repeat, hAlign="LEFT")
    out.setStyle(TableStyle(table_commands(table, variant, kind)))
    return out


def noted(flowable, table: Table, variant: Variant, kind: str, width: float) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The notes style: the unit caption a Paragraph right-aligned over a summary's right edge (its rightIndent the
    width the table leaves in the frame, whose own padding is 6 pt a side), the 注記 Paragraphs after the Table, at its
    left edge; the table alone otherwise."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    size = 7.0 if kind == "list" else 9.0  # the table's own cell size
    body = FONT_NAMES[variant.style.body_font]
    caption = unit_caption(variant.style.notes, kind)
    notes = table_notes(variant.style.notes, table.criterion, kind)
    head = [Paragraph(caption, ParagraphStyle(f"unit{size}", fontName=body, fontSize=size, leading=size * 1.4,
                                              alignment=TA_RIGHT, keepWithNext=1,
                                              rightIndent=width * 0.2 - 12))] if caption else []
    note = ParagraphStyle(f"note{size}", fontName=body, fontSize=size, leading=size * 1.4, wordWrap="CJK",
                          spaceBefore=0)
    return [*head, flowable, *(Paragraph(n, note) for n in notes)]


def pair_table(pair: Pair, variant: Variant, width: float, text):  # type: ignore[no-untyped-def]
    """The sidebyside style: an outer borderless Table of two rows and three columns, the two summaries' captions
    (Paragraphs) over their own Tables, each Table as wide as its outer cell, a GUTTER column between, all cells
    top-aligned so that both tables start at the same height even when one caption wraps; an odd last one alone in
    the left column."""
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    half = width * (1 - GUTTER) / 2
    captions = [text(caption) if caption else "" for caption, _ in pair.halves] + ["", ""]
    tables = [platypus_table(table, variant, "summary", half / 0.8) for _, table in pair.halves] + ["", ""]
    outer = RLTable([[captions[0], "", captions[1]], [tables[0], "", tables[1]]],
                    colWidths=[half, width * GUTTER, half], hAlign="LEFT")
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def render_platypus(doc: Document, variant: Variant, out: Path) -> None:
    """Front page, lists (each from a new page, header repeated), appendix: platypus flows them."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1  # a fixed creation date and /ID: the same bytes every run
    register_fonts()
    size = A4 if variant.orientation == "portrait" else landscape(A4)
    body = FONT_NAMES[variant.style.body_font]

    def text(t: str, font_size: float = 10, align: int | None = None) -> Paragraph:
        align = align if align is not None else (2 if is_right_aligned(t) else 0)
        font_size = 12 if is_title(t) else font_size
        return Paragraph(t, ParagraphStyle(f"p{font_size}{align}", fontName=body, fontSize=font_size,
                                           leading=font_size * 1.4, alignment=align, wordWrap="CJK"))

    top = 50 if variant.style.running else 36  # running: room for the head and its rule over the frame
    head = head_text(doc.front) if variant.style.running else ""

    feet = foot(variant, doc.front) if variant.style.footed else None  # footed: drawn by the canvas (footed.py)

    def page_number(canvas, template) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont(body, 8)
        if feet is None:
            canvas.drawCentredString(size[0] / 2, 18, f"- {canvas.getPageNumber()} -")
        if head:  # the running style: onPage draws the head, its rule and (page 1) the label (running.py)
            reportlab_running(canvas, size[1], band(size[0], 36, 36, top), head, body)

    template = SimpleDocTemplate(str(out), pagesize=size, leftMargin=36, rightMargin=36, topMargin=top,
                                 bottomMargin=40, title="setagaya-2023-report359", author="世田谷区")
    width = size[0] - 72
    story: list = []  # type: ignore[type-arg]

    def drawn(table: Table, kind: str, caption: str):  # type: ignore[no-untyped-def]
        out = platypus_table(table, variant, kind, width)  # continued: marked where platypus splits it
        return platypus_continued(out, caption, text) if variant.style.continued else out

    caption = ""
    for block in front_blocks(doc.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: an outer Table holding the two (caption, Table)s
            story += [pair_table(block, variant, width, text), Spacer(1, 6)]
        elif isinstance(block, Table):
            story += [*noted(drawn(block, "summary", caption), block, variant, "summary", width), Spacer(1, 6)]
        else:
            story.append(text(block))
            caption = block
    for item in doc.lists:
        story += [PageBreak(), text(item.exhibit, 9, 2), text(item.title),
                  *noted(drawn(item.table, "list", item.title), item.table, variant, "list", width)]
    if doc.appendix:
        story.append(PageBreak())
        story += [text(t) for t in doc.appendix]
    maker = {"canvasmaker": reportlab_canvas(feet, body, size[0], 36, 18)} if feet else {}
    template.build(story, onFirstPage=page_number, onLaterPages=page_number, **maker)


def as_layout(doc: Document) -> dict:  # type: ignore[type-arg]
    """The document in layout.json's shape (one front page, one page per list), what fpdf2's script reads."""
    front = [{"type": "table", "criterion": b.criterion, "rows": [list(r) for r in b.rows]}
             if isinstance(b, Table) else {"type": "text", "text": b} for b in doc.front]
    pages = [{"kind": "front", "blocks": front}]
    for item in doc.lists:
        pages.append({"kind": "list", "blocks": [
            {"type": "text", "text": item.title},
            {"type": "table", "criterion": item.table.criterion, "rows": [list(r) for r in item.table.rows]}]})
    return {"pages": pages, "appendix_text": list(doc.appendix)}


def render_fpdf2(doc: Document, variant: Variant, out: Path) -> None:
    from dev.build_alt_producer import TableLook, render

    style = variant.style
    if style.body_font != "gothic" or style.header_font != "gothic" or style.merge:
        raise ValueError(f"{variant.name}: fpdf2's builder draws one font and no merged cells")
    borders = {"grid": "ALL", "hrules": "HORIZONTAL_LINES", "vrules": "NO_HORIZONTAL_LINES", "none": "NONE",
               "booktabs": "NONE", "partial": "NONE"}  # booktabs, partial: TableLook's own layouts
    if style.rules not in borders:
        raise ValueError(f"{variant.name}: fpdf2 has no border layout for {style.rules!r}")
    look = TableLook(borders_layout=borders[style.rules], dotted=style.dash == "dotted", double=style.double,
                     heavy=style.weight == "heavy", separate=style.spacing, tinted=style.shading == "tinted",
                     booktabs=style.rules == "booktabs", rounded=style.corners == "rounded",
                     partial=style.rules == "partial", tight=style.padding == "none", heading=style.heading,
                     once=style.header_repeat == "first", vertical=style.heading_direction == "vertical",
                     centred=style.align == "centre", notes=style.notes, distributed=style.align == "distributed",
                     sidebyside=style.summaries == "sidebyside", running=head_text(doc.front) if style.running else "",
                     continued=style.continued,
                     cell_fill_mode="EVEN_ROWS" if style.shading == "banded" else "NONE",
                     narrow_header=NARROW_HEADER if style.narrow else "", orientation=variant.orientation)
    render(as_layout(doc), out, look, foot(variant, doc.front) if style.footed else None,  # footed: its footer()
           stacked_lists(doc, variant))  # stacked: two rows a case; sectioned: section rows across (stacked_fpdf2.py)
