"""The report drawn with matplotlib's primitives and written by its PDF backend (``PdfPages``).

A plotting library as a report writer, as an office's analyst might use it: no
layout engine at all, so this module does what the others leave to theirs. It
wraps every cell by the width matplotlib measures for the text
(``TextToPath``, the FreeType metrics the PDF backend uses), with a simple
kinsoku rule (a closing bracket or 。、 never starts a line), sizes each row to
its tallest cell, paginates itself (one ``Figure`` per A4 page, portrait or
landscape; a row, and a run of merged rows, is never cut; the header row is
drawn again on every page a table runs over, the once style's on its first page only; the frame of the frame and
v-rules styles is closed at the foot of each page) and puts the page number in the footer (the footed style's foot).

Rules are drawn the way ``ax.table`` draws them: every cell is a
``matplotlib.table.Cell`` (a ``Rectangle``) stroked along its visible edges,
so a full grid is one closed path per cell and two neighbours stroke their
shared side twice; a partly ruled cell is an open path (``visible_edges``: the partial style's cells
leave out their side on a boundary without a column rule).
The dotted style strokes each cell's inner sides with matplotlib's ``':'``
line style and the outer frame as one solid ``Rectangle`` per page; the double
style (matplotlib has no double line) adds a second ``Rectangle`` 2 pt outside
the grid's frame on each page and a ``Line2D`` 2 pt under its header rule; the heavy
style strokes each cell's inner sides as hairlines and draws the frame (one ``Rectangle``
per page) and the rule under the header (a ``Line2D``) in the heavy width; the separate
style strokes each cell's closed box half CELL_SPACING inside its grid lines (the text
keeps its place) and one ``Rectangle`` per page half the spacing outside the grid; the whiterules
style strokes every cell's ``Cell`` path in white (WHITE_RULE) over the fills and writes the header's
text in white; the booktabs style strokes no cell and draws its three rules as ``Line2D`` across the table,
the top and mid rules with the header on every page, the bottom rule under the table's last row; the rounded
style strokes each cell's inner sides and draws, on each page, the table's part as a rounded-rectangle ``PathPatch``
(``rounded.outline``: Bézier corners) and its header's grey as one with its top corners rounded; the grouped
style's header is two rows of spanning headings laid out by ``matplotlib_head``, each one stroked box. Shading is a borderless ``Rectangle`` under the cell (under every cell's edges). Text is ``Figure.text`` (one
``Text`` per wrapped line, ``parse_math=False``) in the IPAex fonts, embedded
as TrueType (``pdf.fonttype`` 42: a CID font with a ToUnicode map, subset by
matplotlib). Each page keeps the white figure background matplotlib paints.
Creation date fixed: the same bytes every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from .continued import matplotlib_break
from .distributed import spread_offsets
from .footed import foot, matplotlib_footed
from .matplotlib_head import Placed, grouped_head, row_groups
from .model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    FONT_FILES,
    HAIR_RULE,
    HEAVY_RULE,
    ROUND_RADIUS,
    WHITE_RULE,
    Document,
    Table,
    TablePlan,
    Variant,
    cell_rules,
    is_right_aligned,
    is_shaded,
    is_title,
    outer_sides,
    plan_table,
    stacked,
    text_colour,
    tint,
)
from .notes import table_notes, unit_caption
from .rounded import Outline, outline
from .running import head_text, matplotlib_running
from .sidebyside import Pair, front_blocks, matplotlib_pair

A4 = (595.2756, 841.8898)  # points
MARGIN_X, MARGIN_Y = 34.0, 40.0  # 12 mm and 14 mm, as the HTML and Typst producers
FOOTER_Y = 22.0  # the page number's baseline above the foot of the page
RULE = 0.5
DOUBLE_GAP = 2.0  # the double style's second line, centre to centre, outside the frame and under the header rule
CELL_SPACING = 3.0  # the separate style's white between two cells' boxes and between the table's box and a cell's
HEADER_SHADE, BAND_SHADE = "0.78", "0.92"
PAD_X, PAD_Y = 3.0, 2.5
CELL_LEADING, TEXT_LEADING = 1.3, 1.45
ASCENT = 0.88  # IPAex's ascender, in em: the first baseline below a line's top
SIZES = {"list": 7.5, "summary": 9.0, "text": 10.0, "title": 12.0, "exhibit": 9.0, "footer": 8.0}
NO_LINE_START = set("、。，．,.)）」』】〕〉》・ー：；:;！？!?％%")
TOKEN = re.compile(r"[A-Za-z0-9./:_@#&+\-]+|.", re.DOTALL)  # a Latin word or number stays whole when it can
CREATED = datetime(2023, 8, 18, 9, 0, 0, tzinfo=UTC)


@cache
def font(name: str, size: float):  # type: ignore[no-untyped-def]
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(FONT_FILES[name]), size=size)


@cache
def text_width(text: str, name: str, size: float) -> float:
    """The advance of ``text`` in points, as matplotlib's PDF backend lays it out."""
    from matplotlib.textpath import text_to_path

    return float(text_to_path.get_text_width_height_descent(text, font(name, size), ismath=False)[0])


def wrap(text: str, width: float, name: str, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a closing mark may hang past it)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in TOKEN.findall(paragraph):
            if not line or token[0] in NO_LINE_START or text_width(line + token, name, size) <= width:
                line += token
                continue
            if text_width(token, name, size) > width:  # a word wider than the column: cut by character
                for ch in token:
                    if line and ch not in NO_LINE_START and text_width(line + ch, name, size) > width:
                        lines.append(line.rstrip())
                        line = ""
                    line += ch
                continue
            lines.append(line.rstrip())
            line = token.lstrip()
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Line:
    """One line of text: ``x`` where it is anchored (``ha``), ``y`` its baseline from the top of the page."""

    x: float
    y: float
    text: str
    font: str
    size: float
    ha: str = "left"
    colour: str = "black"


@dataclass(frozen=True)
class Box:
    """A cell from the top of the page: which edges (a substring of BRTL) are solid, which dotted, its fill."""

    x: float
    y: float
    w: float
    h: float
    edges: str = ""
    dotted: str = ""
    fill: str | None = None
    width: float = RULE  # the solid edges' linewidth (the heavy style's hairlines)
    inset: float = 0.0  # how far inside the cell its edges are drawn (the separate style's half spacing)
    colour: str = "black"  # the edges' colour (the whiterules style's white)


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    frames: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # solid frames: + linewidth
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # solid lines: x, y, length, linewidth
    paths: list[tuple[Outline, str | None]] = field(default_factory=list)  # rounded outlines: stroked (None) or filled


@dataclass
class Flow:
    """Pages filled from the top; ``y`` is where the next block starts on the last page."""

    width: float
    height: float
    body_font: str
    pages: list[Page] = field(default_factory=list)
    y: float = 0.0
    column: tuple[float, float] | None = None  # sidebyside: (left, width) of the half a pair's table or caption is in

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def bottom(self) -> float:
        return self.height - MARGIN_Y

    @property
    def text_width(self) -> float:
        return self.column[1] if self.column else self.width - 2 * MARGIN_X

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = MARGIN_Y

    def fresh(self) -> bool:
        return self.y == MARGIN_Y

    def paragraph(self, text: str, size: float, align: str = "left", gap: float = 6.0) -> None:
        leading = size * TEXT_LEADING
        for line in wrap(text, self.text_width, self.body_font, size):
            if self.y + leading > self.bottom:
                self.new_page()
            x = (self.column[0] if self.column else MARGIN_X) + (self.text_width if align == "right" else 0.0)
            self.page.lines.append(Line(x, self.y + size * ASCENT, line, self.body_font, size, align))
            self.y += leading
        self.y += gap


@dataclass(frozen=True)
class Cell:
    """A cell to draw: its rows (``row`` to ``last``, the header is row 0), column and wrapped lines."""

    row: int
    last: int
    col: int
    lines: tuple[str, ...]


def table_cells(table: Table, plan: TablePlan, widths: list[float], variant: Variant,
                size: float) -> tuple[list[Cell], list[float]]:
    """Every cell drawn, wrapped to its width, and each row's height (a merged run's last row taller if need be)."""
    style = variant.style
    rows = table.rows
    pad_x, pad_y, leading = padding(variant, size)
    cells: list[Cell] = []
    heights = [2 * pad_y + leading] * len(rows)
    for r, row in enumerate(rows):
        name = style.header_font if r == 0 else style.body_font
        for c, text in enumerate(row):
            span = plan.span(r, c)
            if span == 0:
                continue
            lines = stacked(text) if r == 0 and plan.is_vertical(c) else wrap(
                text, plan.width(widths, r, c) - 2 * pad_x, name, size)  # stacked: a long text's columns
            cell = Cell(r, r + span - 1, c, tuple(lines))  # vertical: the flag headings one character a line
            cells.append(cell)
            if span == 1:
                heights[r] = max(heights[r], 2 * pad_y + len(cell.lines) * leading)
    for cell in cells:
        need = 2 * pad_y + len(cell.lines) * leading
        have = sum(heights[cell.row:cell.last + 1])
        if cell.last > cell.row and need > have:
            heights[cell.last] += need - have
    return cells, heights


def cell_box(cell: Cell, x: float, y: float, w: float, h: float, variant: Variant, rows: int, cols: int,
             page_last: bool) -> Box:
    """How one cell is stroked and filled; ``page_last``: its last row is the last on this page."""
    style = variant.style
    top = cell_rules(style.rules, cell.row, cell.col, rows, cols)
    bottom = cell_rules(style.rules, cell.last, cell.col, rows, cols)[1]
    if page_last and style.rules in ("frame", "vrules"):  # the frame closes at the foot of each page
        bottom = cell_rules(style.rules, rows - 1, cell.col, rows, cols)[1]
    sides = {"T": top[0], "B": bottom, "L": top[2], "R": top[3]}
    fill = (HEADER_SHADE if cell.row == 0 else BAND_SHADE) if is_shaded(style.shading, cell.row) else None
    if style.rules == "booktabs":  # no cell is stroked: the three rules are drawn across the table (flow_table)
        return Box(x, y, w, h, "", "", fill)
    if style.rule_colour == "white":  # every side white over the fills, the cell filled in its row's tint
        return Box(x, y, w, h, "BRTL", "", tint(style.shading, cell.row), WHITE_RULE, colour="white")
    if style.corners == "rounded":  # inner sides only; the rounded frame and the header's grey drawn per page part
        outer_top = outer_sides(cell.row, cell.col, rows, cols)
        outer = {"T": outer_top[0], "B": page_last or cell.last == rows - 1, "L": outer_top[2], "R": outer_top[3]}
        return Box(x, y, w, h, "".join(e for e in "BRTL" if sides[e] and not outer[e]), "", None)
    if style.dash == "dotted" or style.weight == "heavy":  # the outer frame drawn apart around the page's part
        outer_top = outer_sides(cell.row, cell.col, rows, cols)
        outer = {"T": outer_top[0], "B": page_last or cell.last == rows - 1, "L": outer_top[2], "R": outer_top[3]}
    if style.weight == "heavy":  # inner sides hairlines; the frame and the header rule drawn heavy apart
        outer["T"] |= cell.row == 1
        outer["B"] |= cell.last == 0
        return Box(x, y, w, h, "".join(e for e in "BRTL" if sides[e] and not outer[e]), "", fill, HAIR_RULE)
    if style.spacing:  # the cell's own box, half the spacing inside its grid lines, apart from its neighbours'
        return Box(x, y, w, h, "BRTL", "", fill, RULE, CELL_SPACING / 2)
    if style.dash == "dotted":  # inner sides dotted; the outer frame is drawn solid around the page's part
        dotted = "".join(e for e in "BRTL" if sides[e] and not outer[e])
        return Box(x, y, w, h, "", dotted, fill)
    return Box(x, y, w, h, "".join(e for e in "BRTL" if sides[e]), "", fill)


def flow_table(flow: Flow, table: Table, variant: Variant, kind: str, title: str = "") -> None:
    """Place a table in the flow: header, then row groups; a group that does not fit starts a page (under the
    continued style, ``title`` a list's caption, marked: continued.matplotlib_break)."""
    style = variant.style
    plan = plan_table(table, style, kind)
    rows, cols = len(table.rows), len(table.rows[0])
    size = SIZES[kind]
    total = flow.text_width * (1.0 if kind == "list" or flow.column else 0.8)  # sidebyside: as wide as its half
    widths = [total * w / sum(plan.weights) for w in plan.weights]
    lefts = [(flow.column[0] if flow.column else MARGIN_X) + sum(widths[:c]) for c in range(cols)]
    cells, heights = table_cells(table, plan, widths, variant, size)
    head: list[Placed] = []
    if plan.head_rows > 1:  # grouped: the header's two rows of spanning headings (matplotlib_head), in row 0's place
        head, heights[0] = grouped_head(plan.head, widths, lefts, lambda text, w: wrap(text, w, style.header_font, size),
                                        padding(variant, size))
        cells = [cell for cell in cells if cell.row > 0]
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    groups = row_groups(cells, rows)
    flow.y += 4.0
    first = sum(heights[groups[0][0]:groups[0][1] + 1]) if groups else 0.0
    caption = unit_caption(style.notes, kind)  # notes: a line over the table, right-aligned at its right edge
    if flow.y + heights[0] + first + (size * TEXT_LEADING if caption else 0.0) > flow.bottom and not flow.fresh():
        flow.new_page()
    if caption:
        flow.page.lines.append(Line(MARGIN_X + total, flow.y + size * ASCENT, caption, flow.body_font, size, "right"))
        flow.y += size * TEXT_LEADING

    def place(first: int, last: int, page_last_row: int) -> None:
        """Rows ``first``..``last`` from flow.y on the current page."""
        tops = {}
        y = flow.y
        for r in range(first, last + 1):
            tops[r] = y
            y += heights[r]
        for h, lines, x, dy, w, hh in head if first == 0 else []:  # each heading one stroked box, text centred
            flow.page.boxes.append(box := Box(x, tops[0] + dy, w, hh, "BRTL"))
            text_lines(flow.page, Cell(0, 0, h.col, lines), box, plan, style.header_font, size, padding(variant, size))
        for r in range(first, last + 1):
            for cell in by_row.get(r, []):
                h = sum(heights[cell.row:cell.last + 1])
                box = cell_box(cell, lefts[cell.col], tops[r], plan.width(widths, r, cell.col), h, variant,
                               rows, cols, cell.last == page_last_row)
                flow.page.boxes.append(box)
                text_lines(flow.page, cell, box, plan, style.header_font if r == 0 else style.body_font, size,
                           padding(variant, size), text_colour(style.shading, r))
        flow.y = y

    def page_part(start: int) -> int:
        """Header and as many groups from ``groups[start]`` as fit on this page; the next group's index."""
        end = start
        header = start == 0 or style.header_repeat == "every"  # once: the header on the table's first page only
        used = heights[0] if header else 0.0
        while end < len(groups) and (end == start or flow.y + used + sum(heights[groups[end][0]:groups[end][1] + 1])
                                     <= flow.bottom):
            used += sum(heights[groups[end][0]:groups[end][1] + 1])
            end += 1
        top = flow.y
        last_row = groups[end - 1][1] if end > start else 0
        if header:
            place(0, 0, last_row)
        for a, b in groups[start:end]:
            place(a, b, last_row)
        if style.dash == "dotted":
            flow.page.frames.append((MARGIN_X, top, total, flow.y - top, RULE))
        if style.double:  # the grid's own frame and header rule, each with a twin outside / under it
            gap = DOUBLE_GAP
            flow.page.frames.append((MARGIN_X - gap, top - gap, total + 2 * gap, flow.y - top + 2 * gap, RULE))
            flow.page.rules.append((MARGIN_X, top + heights[0] + gap, total, RULE))
        if style.weight == "heavy":  # the frame around the page's part and the rule under its header
            flow.page.frames.append((MARGIN_X, top, total, flow.y - top, HEAVY_RULE))
            flow.page.rules.append((MARGIN_X, top + heights[0], total, HEAVY_RULE))
        if style.rules == "booktabs":  # the header drawn again on each page with its two rules; the bottom rule
            flow.page.rules += [(MARGIN_X, top, total, BOOK_HEAVY),  # under the table's last row only
                                (MARGIN_X, top + heights[0], total, BOOK_LIGHT)]
            if end == len(groups):
                flow.page.rules.append((MARGIN_X, flow.y, total, BOOK_HEAVY))
        if style.corners == "rounded":  # the header's grey inside the curves, under the frame around the part
            flow.page.paths += [(outline(MARGIN_X, top, MARGIN_X + total, top + heights[0], ROUND_RADIUS,
                                         bottom=False), HEADER_SHADE),
                                (outline(MARGIN_X, top, MARGIN_X + total, flow.y, ROUND_RADIUS), None)]
        if style.spacing:  # the table's box around the page's part, the spacing outside its cells' boxes
            half = CELL_SPACING / 2
            flow.page.frames.append((MARGIN_X - half, top - half, total + 2 * half, flow.y - top + 2 * half, RULE))
        return end

    start = page_part(0)
    while start < len(groups):
        matplotlib_break(flow, title if style.continued else "")
        start = page_part(start)
    for note in table_notes(style.notes, table.criterion, kind):  # notes: 注記 lines under the last row, wrapped
        flow.paragraph(note, size, gap=0.0)
    flow.y += 10.0


def padding(variant: Variant, size: float) -> tuple[float, float, float]:
    """A cell's padding across and down and its lines' leading in points; the tight style's: only the rule's inner
    half (the text's box on the rule's edge) and lines one font size apart (IPAex's ascender and descender)."""
    if variant.style.padding == "none":
        return RULE / 2, RULE / 2, size
    return PAD_X, PAD_Y, size * CELL_LEADING


def text_lines(page: Page, cell: Cell, box: Box, plan: TablePlan, name: str, size: float,
               pads: tuple[float, float, float], colour: str | None = None) -> None:
    """A cell's wrapped lines: top-aligned in the body, centred both ways in the header; black unless ``colour``;
    ``pads`` is ``padding``'s."""
    pad_x, pad_y, leading = pads
    align = plan.align(cell.row, cell.col)
    x = {"left": box.x + pad_x, "right": box.x + box.w - pad_x, "center": box.x + box.w / 2}[align]
    top = box.y + pad_y
    if cell.row == 0:
        top += (box.h - 2 * pad_y - len(cell.lines) * leading) / 2
    for i, text in enumerate(cell.lines):
        if text and plan.spreads(cell.row, cell.col):  # distributed (均等割り付け): each character placed across the cell
            page.lines += [Line(box.x + pad_x + dx, top + i * leading + size * ASCENT, ch, name, size, "left",
                                colour or "black") for ch, dx in zip(text, spread_offsets(
                                    text, box.w - 2 * pad_x, lambda s: text_width(s, name, size)), strict=True)]
        elif text:
            page.lines.append(Line(x, top + i * leading + size * ASCENT, text, name, size, align, colour or "black"))


def layout(doc: Document, variant: Variant) -> list[Page]:
    """The report laid out page by page: front page, each list from a new page, the appendix."""
    size = A4 if variant.orientation == "portrait" else A4[::-1]
    flow = Flow(size[0], size[1], variant.style.body_font)
    for block in front_blocks(doc.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: both halves placed in columns of the flow (sidebyside.py)
            matplotlib_pair(flow, block, lambda f, t: flow_table(f, t, variant, "summary"),
                            lambda f, t: f.paragraph(t, SIZES["text"]), MARGIN_X)
        elif isinstance(block, Table):
            flow_table(flow, block, variant, "summary")
        else:
            flow.paragraph(block, SIZES["title"] if is_title(block) else SIZES["text"],
                           "right" if is_right_aligned(block) else "left")
    for item in doc.lists:
        flow.new_page()
        flow.paragraph(item.exhibit, SIZES["exhibit"], "right", gap=2.0)
        flow.paragraph(item.title, SIZES["text"])
        flow_table(flow, item.table, variant, "list", item.title)
    if doc.appendix:
        flow.new_page()
        for text in doc.appendix:
            flow.paragraph(text, SIZES["text"])
    return flow.pages


def outline_patch(path: Outline, height: float, fill: str | None, points):  # type: ignore[no-untyped-def]
    """A rounded outline (points from the top left) as a ``PathPatch`` of lines and cubic Béziers: stroked in RULE
    over the cells, or filled without an edge under them."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices, codes = [(path.start[0], height - path.start[1])], [MplPath.MOVETO]
    for segment in path.segments:
        vertices += [(x, height - y) for x, y in segment]
        codes += [MplPath.LINETO] if len(segment) == 1 else [MplPath.CURVE4] * 3
    vertices.append(vertices[0])
    codes.append(MplPath.CLOSEPOLY)
    return PathPatch(MplPath(vertices, codes), facecolor=fill or "none", edgecolor="none" if fill else "black",
                     linewidth=0 if fill else RULE, transform=points, zorder=1 if fill else 2)


def page_figure(page: Page, number: int, size: tuple[float, float], body_font: str):  # type: ignore[no-untyped-def]
    """One matplotlib Figure of A4 with the page's cells, frames and text, in points from the top left."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.table import Cell as MplCell
    from matplotlib.transforms import Affine2D

    fig = Figure(figsize=(size[0] / 72, size[1] / 72))
    points = Affine2D().scale(1 / 72) + fig.dpi_scale_trans  # points from the bottom left
    height = size[1]
    for box in page.boxes:
        xy = (box.x, height - box.y - box.h)
        if box.fill:
            fig.add_artist(Rectangle(xy, box.w, box.h, facecolor=box.fill, edgecolor="none", linewidth=0,
                                     transform=points, zorder=1))
        inset = box.inset
        for edges, dotted in ((box.edges, False), (box.dotted, True)):
            if edges:
                cell = MplCell((xy[0] + inset, xy[1] + inset), box.w - 2 * inset, box.h - 2 * inset,
                               edgecolor=box.colour, fill=False, visible_edges=edges)
                cell.set_linewidth(box.width)
                cell.set_linestyle(":" if dotted else "-")
                cell.set_transform(points)
                cell.set_zorder(2)
                fig.add_artist(cell)
    for x, y, w, h, width in page.frames:
        fig.add_artist(Rectangle((x, height - y - h), w, h, fill=False, edgecolor="black", linewidth=width,
                                 transform=points, zorder=2))
    for path, fill in page.paths:
        fig.add_artist(outline_patch(path, height, fill, points))
    for x, y, w, width in page.rules:
        fig.add_artist(Line2D((x, x + w), (height - y, height - y), color="black", linewidth=width,
                              transform=points, zorder=2))
    for line in page.lines + [Line(size[0] / 2, height - FOOTER_Y, f"- {number} -", body_font, SIZES["footer"], "center")][:number]:
        fig.text(line.x, height - line.y, line.text, transform=points, fontproperties=font(line.font, line.size),
                 ha=line.ha, va="baseline", parse_math=False, zorder=3, color=line.colour)
    return fig


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Lay the report out and write one Figure per page with PdfPages, the fonts embedded as TrueType."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    size = A4 if variant.orientation == "portrait" else A4[::-1]
    pages = (matplotlib_running(layout(doc, variant), head_text(doc.front), size[0], MARGIN_X, MARGIN_Y, Line)
             if variant.style.running else layout(doc, variant))  # running: its head and label on the pages (running.py)
    pages = matplotlib_footed(pages, foot(variant, doc.front), size, MARGIN_X, FOOTER_Y, Line) if variant.style.footed else pages
    out.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Title": "setagaya-2023-report359", "Author": "世田谷区", "CreationDate": CREATED}
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(out, metadata=metadata) as pdf:
        for number, page in enumerate(pages, start=1):
            pdf.savefig(page_figure(page, 0 if variant.style.footed else number, size, variant.style.body_font))  # 0: no 「- n -」
