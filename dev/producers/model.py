"""What every producer draws: the reference report as blocks, and the table styles offices use.

Each builder in this package (the eighteen producers, ``__init__.renderer``) renders the same :class:`Document`,
read from ``corpus/ground_truth/<doc>/layout.json``, in one :class:`Style` from ``matrix.toml`` beside this file.
The text of every cell is written exactly as layout.json has it (spaced digits 「1 2 9」, full-width brackets, 營),
so the ground-truth CSVs score every render.

A *fixture* document (``sample``) keeps the front pages (all four summary tables) and one seeded window of
consecutive rows from each list: small enough to commit for CI, and it still holds rows whose description wraps and
runs of one department (what the merged-cells style merges).
"""

from __future__ import annotations

import json
import random
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import check_style
from .distributed import spread_columns
from .reordered_columns import widen_no
from .sectioned_rows import SectionedTable, sectioned_plan
from .stacked_rows import StackedTable, stacked_plan
from .titled import title_row

ROOT = Path(__file__).resolve().parents[2]
DOC = "setagaya-2023-report359"
LAYOUT = ROOT / "corpus" / "ground_truth" / DOC / "layout.json"
MATRIX = Path(__file__).resolve().parent / "matrix.toml"

FONT_FILES = {
    "gothic": Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    "mincho": Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
}
FONT_NAMES = {"gothic": "IPAexGothic", "mincho": "IPAexMincho"}  # family names the fonts declare
EXHIBIT = {"outsourcing": "資料No.3-2", "external_provision": "資料No.3-3", "online_link": "資料No.3-4"}
FLAG_WORDS = ("有", "無")
NARROW_HEADER = "担当部課"  # the column the narrow style squeezes until every cell wraps
MERGED_HEADERS = ("担当部課", "実施機関")  # runs of one value in these columns are merged cells
MAX_SPAN = 6  # a merged run is cut every six rows, so that a merged cell always fits on one page
# The heavy style's two widths, in points: Excel's "thick" border (its 太線) and a hairline under its "hair"
# (極細) at 0.3 pt: both far from the 0.5-1 pt rules of every other style. A producer without one uses its nearest.
HEAVY_RULE, HAIR_RULE = 2.25, 0.25
# The whiterules style's colours, as Excel's table styles of the Medium 9 kind print (a dark header with white text,
# body rows banded in two light tints of the same hue, the cells parted by white borders): Office's Accent 1 blue
# darkened 25% for the header, its 20% and 40% tints for the bands; the white rules' width in points.
HEADER_TINT, BODY_TINTS, HEADER_TEXT = "#305496", ("#D9E1F2", "#B4C6E7"), "#FFFFFF"
WHITE_RULE = 1.0
# The booktabs style's two widths, in points (三線表: official statistics', 白書 and academic tables): a heavy rule
# above the header and under the last row, a light one under the header; LaTeX's booktabs sets them 0.08 em and
# 0.05 em. 1.5 pt is two CSS pixels, so that a browser that snaps borders to whole pixels keeps them apart.
BOOK_HEAVY, BOOK_LIGHT = 1.5, 0.5
# The rounded style (stop 30): the radius in points of the outer frame's four corners, drawn as curves (Bézier
# paths) as offices draw a rounded-rectangle table frame; and the grey of its shaded header row (banded's header grey).
ROUND_RADIUS, HEADER_GREY = 6.0, "#C8C8C8"
# The grouped style (stop 33, 見出しの二段組み): a header of two rows, as 運用状況 / 審査件数 tables print. Every column
# but the last two spans both rows under its own heading; the last two (the flag columns of a list, the うち columns
# of a summary) sit under one group heading in the first row, with these sub-headings in the second.
GROUP_HEADINGS = {"summary": "うち、取り扱うもの", "list": "個人情報の有無"}
SUB_HEADINGS = ("要配慮個人情報", "条例要配慮個人情報")
# The vertical style (stop 34, 縦書きの見出し): each of a list's flag columns this share of the table's width (about
# 15 pt on a portrait page, 24 pt on a landscape one: some 2 em of the lists' 7.5-8 pt), their headings set vertically
# (one character under another, upright).
VERTICAL_SHARE = 0.032


@dataclass(frozen=True)
class Style:
    """How a table is drawn: which rules, which shading, merges, a narrow column, fonts."""

    name: str
    rules: str  # grid | hrules (horizontal only) | frame (outer frame + header rule) | vrules | booktabs | partial |
    # none
    shading: str = "none"  # none | banded (shaded header and every other body row) | tinted (every cell filled) |
    # header (the header row alone shaded grey)
    rule_colour: str = "black"  # black | white: a tinted grid's rules white over its fills (Excel's table styles)
    dash: str = "solid"  # solid | dotted: a grid's inner rules dotted, its outer frame solid (Excel's 点線)
    double: bool = False  # a grid's outer frame and header rule drawn as double lines (Excel's 二重罫線)
    weight: str = "normal"  # normal | heavy: a grid's frame and header rule heavy, inner rules hairlines (太線/極細)
    spacing: bool = False  # every cell its own box, a small gap between neighbours, a table box around (セルの間隔)
    corners: str = "square"  # square | rounded: a grid's outer frame with ROUND_RADIUS curves at its four corners
    padding: str = "normal"  # normal | none: no cell padding, the text flush against the rules, leading 1.0 (帳票)
    heading: str = "single"  # single | grouped: the last two columns under a group heading (二段組み) | titled.py
    header_repeat: str = "every"  # every | first: a list's header on every page it runs over, or at its start only
    heading_direction: str = "horizontal"  # horizontal | vertical: a list's flag columns narrow, headed in 縦書き
    align: str = "natural"  # natural (text left, counts right, flags centred) | centre | distributed: distributed.py
    summaries: str = "stacked"  # stacked | sidebyside: the summary tables two abreast (sidebyside.py)
    continued: bool = False  # a list's continuation caption 「（続き）」 and 「次頁へ続く」 where it breaks: continued.py
    notes: bool = False  # a unit caption over each summary, ※ notes under every table (notes.py; 注記付き)
    running: bool = False  # a running head (柱) on every page, a boxed 資料１ on the first (running.py)
    rotated: bool = False  # the list pages stored sideways under /Rotate 90 or 270, shown upright (rotated.py)
    footed: bool = False  # the office's name and a page number at every page's foot (footed.py)
    stacked: bool = False  # each case of a list two table rows, its long text merged across (stacked_rows.py)
    reordered: bool = False  # a list's columns in an office's order and wording, a 備考 column (reordered_columns.py)
    sectioned: bool = False  # a list grouped by department under rows across, no 担当部課 column (sectioned_rows.py)
    merge: bool = False  # runs of one value in MERGED_HEADERS drawn as one spanning cell
    narrow: bool = False  # NARROW_HEADER's column about four characters wide
    body_font: str = "gothic"  # gothic | mincho
    header_font: str = "gothic"
    note: str = ""

    def __post_init__(self) -> None:
        check_style(self, FONT_FILES)


@dataclass(frozen=True)
class Variant:
    """One PDF of the corpus: a producer, a style, an orientation; held out or tuning."""

    producer: str  # reportlab | fpdf2 | writer | calc | chromium | weasyprint | typst | matplotlib | pymupdf |
    # gnumeric | wkhtmltopdf | abiword | latex | calligra | fop | itext | scribus | pdfkit
    style: Style
    orientation: str  # portrait | landscape
    held_out: bool

    @property
    def name(self) -> str:
        return f"{self.producer}-{self.style.name}-{self.orientation}"


@dataclass(frozen=True)
class Table:
    criterion: str
    rows: tuple[tuple[str, ...], ...]  # header row first


@dataclass(frozen=True)
class ListTable:
    title: str
    exhibit: str
    table: Table


@dataclass(frozen=True)
class Document:
    front: tuple[str | Table, ...]  # paragraphs and summary tables, in order
    lists: tuple[ListTable, ...]
    appendix: tuple[str, ...]  # the incident report, plain paragraphs


def load_matrix(path: Path = MATRIX) -> list[Variant]:
    """Every variant of the matrix; a variant is held out when its producer or its style is."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    styles = {name: Style(name=name, **spec) for name, spec in data["styles"].items()}
    held = data["held_out"]
    return [Variant(e["producer"], styles[e["style"]], o, e["producer"] in held["producers"] or e["style"] in held["styles"])
            for e in data["variants"] for o in e["orientations"]]


def load_document(path: Path = LAYOUT) -> Document:
    """The reference report's blocks as layout.json gives them; a list's pages joined into one table."""
    layout = json.loads(path.read_text(encoding="utf-8"))
    front: list[str | Table] = []
    lists: list[ListTable] = []
    for page in layout["pages"]:
        if page["kind"] == "front":
            front += [Table(b["criterion"], tuple(tuple(r) for r in b["rows"])) if b["type"] == "table"
                      else b["text"] for b in page["blocks"]]
            continue
        title = next(b["text"] for b in page["blocks"] if b["type"] == "text")
        block = next(b for b in page["blocks"] if b["type"] == "table")
        rows = tuple(tuple(r) for r in block["rows"])
        if lists and lists[-1].table.criterion == block["criterion"]:
            last = lists[-1]
            if rows[0] != last.table.rows[0]:
                raise ValueError(f"{path}: list {block['criterion']} changes its header over pages")
            lists[-1] = replace(last, table=replace(last.table, rows=last.table.rows + rows[1:]))
        else:
            lists.append(ListTable(title, EXHIBIT[block["criterion"]], Table(block["criterion"], rows)))
    return Document(tuple(front), tuple(lists), tuple(layout.get("appendix_text") or ()))


def sample(doc: Document, rows_per_list: int, seed: int) -> Document:
    """The front pages and a seeded window of consecutive rows from each list, without the appendix."""
    rng = random.Random(seed)
    lists = []
    for item in doc.lists:
        header, body = item.table.rows[0], item.table.rows[1:]
        start = rng.randrange(0, max(1, len(body) - rows_per_list))
        lists.append(replace(item, table=replace(item.table, rows=(header,) + body[start:start + rows_per_list])))
    return Document(doc.front, tuple(lists), ())


def listed_cases(doc: Document) -> list[tuple[str, int]]:
    """(criterion, case_no) of every row the document lists: what a render of it must yield."""
    return [(item.table.criterion, int(row[0])) for item in doc.lists for row in item.table.rows[1:]]


def is_numeric_column(rows: tuple[tuple[str, ...], ...], col: int) -> bool:
    """A column of counts or flags, centred or right-aligned by every office."""
    body = [r[col] for r in rows[1:]]
    return all(v.replace(" ", "").isdigit() or v in FLAG_WORDS for v in body)


def is_flag_column(rows: tuple[tuple[str, ...], ...], col: int) -> bool:
    """A column of 有/無 flags only: the lists' two 要配慮個人情報 columns, which the vertical style heads in 縦書き."""
    return all(r[col] in FLAG_WORDS for r in rows[1:])


def stacked(text: str) -> list[str]:
    """A heading's lines as a user stacks it by hand: one character a line, top to bottom; a space kept at the end
    of the line before it (so that the lines joined are the heading's text exactly)."""
    lines: list[str] = []
    for ch in text:
        if ch == " " and lines:
            lines[-1] += ch
        else:
            lines.append(ch)
    return lines


def merge_runs(rows: tuple[tuple[str, ...], ...], col: int) -> list[int]:
    """For each body row, how many rows its cell in ``col`` spans (0 when covered by the cell above).

    A run never crosses a change in the column to its left that is merged too, so
    a merged 実施機関 cell never spans two departments' runs; and it is cut every
    MAX_SPAN rows (reportlab cannot break a spanning cell over pages, and a
    sheet's merged block is a page's at most).
    """
    body = rows[1:]
    left = [rows[0].index(h) for h in MERGED_HEADERS if h in rows[0] and rows[0].index(h) < col]
    spans = [0] * len(body)
    i = 0
    while i < len(body):
        j = i + 1
        while (j < len(body) and j - i < MAX_SPAN and body[j][col] == body[i][col]
               and all(body[j][c] == body[i][c] for c in left)):
            j += 1
        spans[i] = j - i
        i = j
    return spans


def column_weights(rows: tuple[tuple[str, ...], ...], narrow: bool, vertical: bool = False) -> list[float]:
    """Relative column widths from the text's length (in characters), capped, at least three characters.

    The narrow style gives NARROW_HEADER's column four characters, so every
    department name (all longer) wraps; the vertical style gives each flag
    column (``is_flag_column``) VERTICAL_SHARE of the table's width, just wide enough for 有/無.
    """
    weights = []
    for col, head in enumerate(rows[0]):
        longest = max(len(r[col]) for r in rows[1:])
        if narrow and head == NARROW_HEADER:
            weights.append(4.0)
        elif vertical and is_flag_column(rows, col):
            weights.append(0.0)  # set below, once the other columns' weights are known
        else:
            weights.append(float(min(max(longest, 3), 28)))
    flags = weights.count(0.0)
    if flags:
        share = VERTICAL_SHARE * sum(weights) / (1 - VERTICAL_SHARE * flags)
        weights = [w or round(share, 2) for w in weights]
    return weights


def is_right_aligned(text: str) -> bool:
    """The report number, the date and the issuing section sit at the right margin of the front page."""
    return len(text) < 25 and (text.startswith(("報告第", "令和")) or text.endswith("課"))


def is_title(text: str) -> bool:
    return text.startswith("個人情報を取り扱う業務の審査")


def cell_rules(rules: str, row: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides (top, bottom, left, right) of cell (row, col) a style rules; row 0 is the header.

    vrules is the frame with every column rule added: the body rows are parted by
    spacing alone, as many office tables print. booktabs rules the header's top
    and bottom and the last row's bottom (their widths: ``booktabs_widths``).
    partial rules every row's top and bottom and the frame's sides, and between
    columns only where ``column_rule_after`` says (every other boundary).
    """
    if rules == "grid":
        return (True, True, True, True)
    if rules == "hrules":
        return (True, True, False, False)
    if rules == "frame":
        return (row == 0, row == 0 or row == rows - 1, col == 0, col == cols - 1)
    if rules == "vrules":
        return (row == 0, row == 0 or row == rows - 1, True, True)
    if rules == "booktabs":
        return (row == 0, row == 0 or row == rows - 1, False, False)
    if rules == "partial":
        return (True, True, col == 0 or column_rule_after(col - 1), col == cols - 1 or column_rule_after(col))
    return (False, False, False, False)


def column_rule_after(col: int) -> bool:
    """The partial style's inner column rules: the one after column ``col`` (0 the first) is drawn after the 2nd,
    4th, 6th … column (odd ``col``), missing after the 1st, 3rd, 5th …, as office tables print where columns are
    paired (a number and its sub-number, a flag and its note) and the rule inside each pair is removed."""
    return col % 2 == 1


def booktabs_widths(row: int, rows: int) -> tuple[float, float]:
    """The widths (top, bottom) in points of row ``row``'s rules in the booktabs style, 0 where none (row 0 is the
    header): the top rule heavy above the header, the mid rule light under it, the bottom rule heavy under the last
    row; no rule between body rows, none down the columns."""
    top = BOOK_HEAVY if row == 0 else 0.0
    bottom = BOOK_HEAVY if row == rows - 1 else BOOK_LIGHT if row == 0 else 0.0
    return (top, bottom)


def outer_sides(row: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides (top, bottom, left, right) of cell (row, col) lie on the table's outer frame."""
    return (row == 0, row == rows - 1, col == 0, col == cols - 1)


def frame_and_header_sides(row: int, last: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides of a cell (spanning rows ``row``..``last``) lie on the outer frame or the rule under the header.

    The rule under the header is the header's bottom and the first body row's
    top: the sides the double and heavy styles draw apart from the inner rules.
    """
    top = outer_sides(row, col, rows, cols)
    bottom = outer_sides(last, col, rows, cols)
    return (top[0] or row == 1, bottom[1] or last == 0, top[2], top[3])


def double_sides(double: bool, row: int, last: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides of a cell (spanning rows ``row``..``last``) a double style draws double.

    The outer frame and the rule under the header, as Excel's 二重罫線 is used on office tables.
    """
    return frame_and_header_sides(row, last, col, rows, cols) if double else (False,) * 4


def heavy_sides(weight: str, row: int, last: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides of a cell (spanning rows ``row``..``last``) a heavy style draws heavy (the others hairlines).

    The outer frame and the rule under the header, as Excel's 太線 around a grid of 極細 is used on office tables.
    """
    return frame_and_header_sides(row, last, col, rows, cols) if weight == "heavy" else (False,) * 4


def is_shaded(shading: str, row: int) -> bool:
    """Banded: the header and every other body row (the second, fourth, …) are shaded; header: the header alone."""
    return (shading == "banded" and (row == 0 or row % 2 == 0)) or (shading == "header" and row == 0)


def tint(shading: str, row: int) -> str | None:
    """A tinted style's fill of row ``row`` (0 the header): the header dark, the body rows' two tints alternating,
    the first body row the lighter; None in any other shading."""
    return None if shading != "tinted" else HEADER_TINT if row == 0 else BODY_TINTS[(row - 1) % 2]


def text_colour(shading: str, row: int) -> str | None:
    """The colour of row ``row``'s text when it is not black: white on a tinted style's dark header."""
    return HEADER_TEXT if shading == "tinted" and row == 0 else None


SUMMARY_WEIGHTS = (3.0, 2.0, 3.0, 3.0)  # 実施機関, 審査件数 and the two うち columns


@dataclass(frozen=True)
class HeadCell:
    """One cell of a table's header: its row (0 or 1) and column, how many rows and columns it spans, its text."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def header_cells(header: tuple[str, ...], kind: str, heading: str, criterion: str = "") -> tuple[HeadCell, ...]:
    """The header's cells, row by row: the header row as it is (single); the titled style's title row over it (one
    cell across, titled.title_row); or the grouped style's two rows: every column but the last two spanning both rows
    under its own text, GROUP_HEADINGS[kind] over the last two in the first row, SUB_HEADINGS under it in the second."""
    if heading in ("single", "titled"):
        titled = (HeadCell(*title_row(criterion, kind, len(header))),) if heading == "titled" else ()
        return titled + tuple(HeadCell(len(titled), c, 1, 1, text) for c, text in enumerate(header))
    first = len(header) - len(SUB_HEADINGS)
    if not all(h.removeprefix("うち、").startswith(s) for h, s in zip(header[first:], SUB_HEADINGS, strict=True)):
        raise ValueError(f"the last two columns of {header} are not the two flags a group heading heads")
    cells = [HeadCell(0, c, 2, 1, text) for c, text in enumerate(header[:first])]
    cells.append(HeadCell(0, first, 1, len(SUB_HEADINGS), GROUP_HEADINGS[kind]))
    return tuple(cells + [HeadCell(1, first + i, 1, 1, text) for i, text in enumerate(SUB_HEADINGS)])


def header_grid(cells: tuple[HeadCell, ...], cols: int) -> list[list[str]]:
    """The header as rows of texts, one per column: a spanning cell's text at its top-left, "" where it covers."""
    grid = [[""] * cols for _ in range(max(c.row + c.rowspan for c in cells))]
    for cell in cells:
        grid[cell.row][cell.col] = cell.text
    return grid


@dataclass(frozen=True)
class TablePlan:
    """What every producer decides alike for one table: column widths, merged spans, alignment."""

    kind: str  # summary | list
    weights: tuple[float, ...]  # relative column widths
    spans: dict[int, list[int]]  # column -> merge_runs of its body rows (merged style, lists only)
    numeric: tuple[bool, ...]  # columns of counts or flags
    head: tuple[HeadCell, ...] = ()  # the header's cells (header_cells): one row, or the grouped style's two
    vertical: tuple[bool, ...] = ()  # columns whose heading is set vertically (the vertical style's flag columns)
    centre: bool = False  # every cell centred, header and body (the centred style)
    spread: tuple[bool, ...] = ()  # the distributed style: columns whose body cells are spread (実施機関)
    colspans: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> columns: the stacked style's

    def colspan(self, row: int, col: int) -> int:
        """Columns the cell (row, col) spans: a stacked list's long text, every column (or all but No.)."""
        return self.colspans.get((row, col), 1)

    def width(self, widths: list[float], row: int, col: int) -> float:
        """The width of cell (row, col) in ``widths``' unit: its column's, or those of the columns it spans."""
        return sum(widths[col:col + self.colspan(row, col)])

    @property
    def head_rows(self) -> int:
        return max(c.row + c.rowspan for c in self.head)

    def is_vertical(self, col: int) -> bool:
        """Whether column ``col``'s heading is set vertically (縦書き)."""
        return bool(self.vertical) and self.vertical[col]

    def span(self, row: int, col: int) -> int:
        """Rows the cell (row, col) spans; 0 when a merged cell above covers it (row 0 is the header)."""
        return self.spans[col][row - 1] if row > 0 and col in self.spans else 1

    def spreads(self, row: int, col: int) -> bool:
        """Whether cell (row, col) is set in 均等割り付け: every header cell and the agency column's, distributed style."""
        return bool(self.spread) and (row == 0 or self.spread[col])

    def align(self, row: int, col: int) -> str:
        """left | right | center: headers and a list's flags and numbers centred, summary counts right (all centred)."""
        if self.colspan(row, col) > 1:  # the stacked style's long text
            return "left"
        if self.centre or row == 0 or (self.numeric[col] and self.kind == "list"):
            return "center"
        return "right" if self.numeric[col] else "left"


def plan_table(table: Table, style: Style, kind: str) -> TablePlan:
    if isinstance(table, StackedTable):  # the stacked style's list: two rows a case (stacked_rows.py)
        return TablePlan(kind, **stacked_plan(table, HeadCell))
    if isinstance(table, SectionedTable):  # the sectioned style's list: a section row across each run (sectioned_rows.py)
        return TablePlan(kind, **sectioned_plan(table, HeadCell))
    rows = table.rows
    vertical = style.heading_direction == "vertical" and kind == "list"  # summaries' うち columns stay horizontal
    weights = tuple(column_weights(rows, style.narrow, vertical)) if kind == "list" else SUMMARY_WEIGHTS
    if style.reordered and kind == "list":  # No. kept wide enough beside the 備考 column (reordered_columns.py)
        weights = widen_no(weights)
    merged = [rows[0].index(h) for h in MERGED_HEADERS if h in rows[0]]
    spans = {c: merge_runs(rows, c) for c in merged} if style.merge and kind == "list" else {}
    flags = tuple(vertical and is_flag_column(rows, c) for c in range(len(rows[0]))) if vertical else ()
    return TablePlan(kind, weights, spans, tuple(is_numeric_column(rows, c) for c in range(len(rows[0]))),
                     header_cells(rows[0], kind, style.heading, table.criterion), flags, style.align == "centre", spread_columns(style, rows[0]))
