"""Join the per-page grids of a document into tables.

A list that runs over pages repeats its title line and header row on every
page. It is one table: the header kept once, the repeated header rows dropped.
A grid continues the previous one when it is the first grid on its page, the
previous one was the last on its page, both have the same number of columns,
and its caption (the text line just above it, or for a grid at the top of a
page a line left under the previous page's last grid) is the previous
table's caption, that caption with a continuation mark (「（続き）」,
config/page_breaks.toml), or absent. Two summary tables on consecutive pages with the same header but
captions 「(2) 目的外利用…」 and 「(3) 外部提供…」 therefore stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.config.page_breaks import page_break_marks
from pipeline.extract.furniture import running_feet, running_heads, running_key
from pipeline.types import Cell, PageTable, Table, TextLine, grid_width

CAPTION_REACH = 3.5  # how many line heights above a table its caption may stand


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def row_text(row: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(_squeeze(c.text) for c in row)


HEADER_LIKENESS = 85.0  # an OCR'd row this similar (rapidfuzz ratio) to the header repeats it


def repeats_header(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    """A header row printed again: exactly, or for OCR'd cells read slightly differently."""
    if row_text(row) == row_text(header):
        return True
    if not any(c.source == "ocr" for c in row):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio("".join(row_text(row)), "".join(row_text(header))) >= HEADER_LIKENESS


# a line that only names the table's unit (「（単位：件）」, 「単位：千円」), set between a caption and its table: no caption
UNIT_ONLY = re.compile(r"^[\s(（]*単位\s*[:：]?[^)）]*[)）]?\s*$")


def caption_for(table: PageTable, lines: Sequence[TextLine], tables_on_page: Sequence[PageTable]) -> str:
    """The nearest line of text above the grid (no other grid in between), a unit line aside, else ''."""
    best: TextLine | None = None
    for line in lines:
        if line.page_no != table.page_no or line.bbox.bottom > table.bbox.top + 1 or UNIT_ONLY.match(line.text):
            continue
        height = max(line.bbox.bottom - line.bbox.top, 1.0)
        if table.bbox.top - line.bbox.bottom > CAPTION_REACH * height:
            continue
        if any(line.bbox.bottom <= t.bbox.top <= table.bbox.top - 1 for t in tables_on_page if t is not table):
            continue
        if _captions_another(line, table, tables_on_page, CAPTION_REACH * height):
            continue
        if best is None or line.bbox.bottom > best.bbox.bottom:
            best = line
    return best.text if best else ""


def _captions_another(line: TextLine, table: PageTable, tables_on_page: Sequence[PageTable], reach: float) -> bool:
    """Does the line stand over another grid beside this one, and not over this one? Then it is that grid's
    caption: two tables set abreast have their captions on one baseline, each over its own table."""
    def over(t: PageTable) -> bool:
        return min(line.bbox.x1, t.bbox.x1) > max(line.bbox.x0, t.bbox.x0)
    return not over(table) and any(
        t is not table and over(t) and 0 <= t.bbox.top - line.bbox.bottom + 1 <= reach + 1 for t in tables_on_page)


PAGE_NUMBER = re.compile(r"^[\s\-‐‒−–—―ー－()（）\d０-９/／頁ページPp.]*$")  # 「-1-」「1/3」「（2）」: a footer, not a caption


def caption_left_below(table: PageTable, lines: Sequence[TextLine], running: frozenset[str] = frozenset()) -> str:
    """The last line of text under the last grid of a page, a page number aside, else ''.

    A caption that falls at the foot of a page while its table moves to the
    next page (a widow, as LibreOffice Writer leaves them) names that table.
    A 「次頁へ続く」 mark (config/page_breaks.toml) under a table broken over the
    page is no caption: it says the table goes on. Nor is a running foot
    (``running``: ``furniture.running_feet``), printed at every page's foot.
    """
    marks = page_break_marks()
    below = [ln for ln in lines if ln.page_no == table.page_no and ln.bbox.top >= table.bbox.bottom - 1
             and not PAGE_NUMBER.match(ln.text) and not marks.goes_on_line(ln.text)
             and running_key(ln.text) not in running]
    return max(below, key=lambda ln: ln.bbox.bottom).text if below else ""


def _titles_another(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    """Is the row another table's title row? Both it and the table's header are one cell across the whole grid
    (表題行: 「外部提供の審査基準による審査案件一覧」 over the column headings) and their texts differ: a list
    starting at a page's top under a title of its own is a new table even where its caption repeats the one
    before (「要配慮個人情報…を含むもの」 over every list) and its columns happen to be as many."""
    return is_title_row(row) and is_title_row(header) and row_text(row) != row_text(header)


def is_title_row(row: Sequence[Cell]) -> bool:
    """One cell merged across a grid of several columns: a table's title, over its column headings."""
    return len(row) == 1 and row[0].col == 0 and row[0].col_span > 1


def repeated_rows(rows: Sequence[Sequence[Cell]], header: Sequence[Cell],
                  headings: Sequence[Cell] | None) -> int:
    """How many of a continued grid's first rows are the table's header printed again: the header row, and
    under a title row (``header``) the column headings (``headings``, the table's first row) too, which
    would otherwise be read as a row of data on every page the list runs over."""
    n = 1 if rows and repeats_header(rows[0], header) else 0
    if n and headings and is_title_row(header) and len(rows) > 1 and repeats_header(rows[1], headings):
        n += 1
    return n


def _caption_and_joins(pt: PageTable, first: bool, grids: Sequence[PageTable], current: dict[str, object] | None,
                       previous_was_last: bool, previous_last: PageTable | None,
                       lines: Sequence[TextLine], running: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """A grid's caption, and whether it continues ``current``, the table read last.

    It does when it is its page's first grid, the table was the last grid of
    the page before, it has the table's number of grid columns (a title row
    merged across them counts them all) and no caption of its own other than
    the table's (printed again with 「（続き）」, it is still the table's;
    under a 「次頁へ続く」 at the previous page's foot, any caption so marked
    is), nor a title row of its own other than the table's. A running head
    (``furniture.running_heads``: the topmost line of several pages at one
    height) standing where a caption would is no caption of the grid's own:
    one left at the previous page's foot is taken instead.
    """
    rows = [r for r in pt.cells if any(c.text.strip() for c in r)]
    caption = caption_for(pt, lines, grids)
    head = bool(caption) and running_key(caption) in running  # a running head over the page's first grid
    if (not caption or head) and first and previous_last is not None and previous_last.page_no == pt.page_no - 1:
        caption = caption_left_below(previous_last, lines, running) or caption
    joins = (current is not None and first and previous_was_last and bool(rows)
             and current["last_page"] == pt.page_no - 1
             and grid_width(rows[0]) == grid_width(current["header"])  # type: ignore[arg-type]
             and not _titles_another(rows[0], current["header"])  # type: ignore[arg-type]
             and (not caption or _same_caption(caption, str(current["caption"])) or running_key(caption) in running
                  or (goes_on_below(previous_last, lines) and page_break_marks().is_continued(caption))))
    return caption, joins


def goes_on_below(table: PageTable | None, lines: Sequence[TextLine]) -> bool:
    """Is a 「次頁へ続く」 line (config/page_breaks.toml) printed just under the grid (``goes_on_mark``)? Then
    the page's break cuts the table, and the next page's first grid of its columns is its rest under any
    caption marked as continued, though shortened (「（3）外部提供（つづき）」 for 「(3) 外部提供の審査基準」); a
    caption of its own, unmarked, still starts a new table (and ``recognize.page_breaks`` says the mark went
    unanswered)."""
    return table is not None and goes_on_mark(table.page_no, table.bbox.bottom, lines) is not None


def goes_on_mark(page_no: int, bottom: float, lines: Sequence[TextLine]) -> TextLine | None:
    """The 「次頁へ続く」 line just under a table that ends at ``bottom`` on the page: the nearest line under
    it, within ``CAPTION_REACH`` of its own height, else None. A mark further down, under a note or prose
    between, is not the table's (an incident notice's 「次頁へ続く」 under its text, a table above)."""
    under = [ln for ln in lines if ln.page_no == page_no and ln.bbox.top >= bottom - 1]
    if not under:
        return None
    first = min(under, key=lambda ln: ln.bbox.top)
    height = max(first.bbox.bottom - first.bbox.top, 1.0)
    near = first.bbox.top - bottom <= CAPTION_REACH * height
    return first if near and page_break_marks().goes_on_line(first.text) else None


def _same_caption(caption: str, first: str) -> bool:
    """Is ``caption`` the table's first caption again, though printed with a continuation mark (「（続き）」,
    config/page_breaks.toml) or as the mark alone?"""
    marks = page_break_marks()
    base = marks.caption_base(caption)
    return not base or base == marks.caption_base(first)


def without_header_lines(lone: PageTable, header: Sequence[Cell]) -> PageTable:
    """A lone grid less the lines of a header printed again over its rows, when rows are left.

    A few lines alone cannot show a wrapped header's columns: its headings'
    lines, set at different heights over a summary's last row carried to the
    next page (「合計」 under 「うち、条例要配慮個人情報 を取り扱う」 / 「もの」), are
    cut into other cells than the table's, so that the header no longer
    repeats it. A leading row each of whose words is in the header's text is
    such a line (a word of two characters or more: a flag 「有」 alone, the
    rest of a row broken over the page, is in a flag's heading too); the rows
    under it are read by the table's columns.
    """
    said = "".join(row_text(header))
    rows = list(lone.cells)
    while len(rows) > 1 and all(len(w) > 1 and w in said for c in rows[0] for w in c.text.split()) and any(
            c.text.strip() for c in rows[0]):
        rows.pop(0)
    return lone if len(rows) == len(lone.cells) else PageTable(lone.page_no, lone.bbox, tuple(rows), lone=True)


def page_tables_to_tables(page_tables: Sequence[PageTable], lines: Sequence[TextLine],
                          running: frozenset[str] | None = None) -> list[Table]:
    """Join grids continued over pages into one Table each; header once, in reading order.

    A ``lone`` grid (a row or two alone, no table) is kept only as the
    first grid of its page continuing the table before: the rest of a list
    broken over the page with no header repeated.
    """
    if running is None:  # extract_document has them already
        running = running_heads(lines) | running_feet(lines)
    by_page: dict[int, list[PageTable]] = {}
    for pt in page_tables:
        by_page.setdefault(pt.page_no, []).append(pt)
    out: list[dict[str, object]] = []
    previous_was_last = False
    previous_last: PageTable | None = None  # the last grid read so far
    for page_no in sorted(by_page):
        grids = sorted(by_page[page_no], key=lambda t: (t.bbox.top, t.bbox.x0))
        grids = [pt for j, pt in enumerate(grids) if j == 0 or not pt.lone]
        if grids and grids[0].lone and out:
            grids[0] = without_header_lines(grids[0], out[-1]["header"])  # type: ignore[arg-type]
        if grids and grids[0].lone and not _caption_and_joins(
                grids[0], True, grids, out[-1] if out else None, previous_was_last, previous_last, lines,
                running)[1]:
            grids = grids[1:]
        for i, pt in enumerate(grids):
            rows = [r for r in pt.cells if any(c.text.strip() for c in r)]
            if not rows:
                continue
            current = out[-1] if out else None
            caption, continues = _caption_and_joins(pt, i == 0, grids, current, previous_was_last, previous_last, lines,
                                                    running)
            if continues and current is not None:
                done: list[tuple[Cell, ...]] = current["rows"]  # type: ignore[assignment]
                body = rows[repeated_rows(rows, current["header"], done[0] if done else None):]  # type: ignore[arg-type]
                current["rows"].extend(body)  # type: ignore[attr-defined]
                current["last_page"] = page_no
            else:
                out.append({"caption": caption, "header": rows[0], "rows": list(rows[1:]), "last_page": page_no})
            previous_was_last = i == len(grids) - 1
            previous_last = pt
    return [
        Table(n + 1, tuple(t["header"]), tuple(t["rows"]), str(t["caption"]))  # type: ignore[arg-type]
        for n, t in enumerate(out)
    ]
