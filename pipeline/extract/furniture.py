"""Page furniture: running heads (柱) and headings ruled under, which are neither tables nor captions.

Many reports print the report's number and title at the top of every page over a rule across the text
width (a Word or 一太郎 header with a bottom border), and some a boxed 「資料１」 beside it. Two things go
wrong without this module. The line over its rule reads as a table of one row with no body (a table ruled
under its header, as booktabs-like tables are), which becomes its page's first grid, so the table the
page continues is no longer joined to the page before. And the head, the nearest line above a table set at
the top of a page, reads as that table's caption, which differs from the table's own, so again the pages
are not joined. Both are told by what the page shows, not by any wording: a grid of one row standing over
another grid of its page is a heading, and a line that is the topmost text of several pages at one height
is a running head.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.types import BBox, PageTable, TextLine, grid_width

RUNNING_MIN_PAGES = 3  # a head on fewer pages cannot be told from a caption repeated by chance
RUNNING_TOLERANCE = 2.0  # pt: how far apart in height a head may stand on its pages, at the least


def running_key(text: str) -> str:
    """A line's text with white space dropped and digits masked: 「- 3 -」 and 「- 4 -」 are one furniture."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def running_heads(lines: Sequence[TextLine]) -> frozenset[str]:
    """The keys (``running_key``) of lines that are the topmost text of at least ``RUNNING_MIN_PAGES`` pages,
    each time at the same height."""
    top_of: dict[int, TextLine] = {}
    for line in lines:
        if line.text.strip() and (line.page_no not in top_of or line.bbox.top < top_of[line.page_no].bbox.top):
            top_of[line.page_no] = line
    return _kept_in_place(top_of.values())


FOOT_LINES = 2  # a page's lowest lines that may be running feet: a text foot over a page number, or either alone
# (the lowest counting as one with every line beside it at its height: ``_lowest_lines``)


def running_feet(lines: Sequence[TextLine]) -> frozenset[str]:
    """The keys (``running_key``) of lines among the ``FOOT_LINES`` lowest of at least ``RUNNING_MIN_PAGES``
    pages, each time at the same height: 「世田谷区総務部区政情報課」 or 「報告第359号」 printed in every page's
    bottom margin (柱 at the foot), which would otherwise read as a caption left at the foot of a page under a
    table that goes on (``tables.caption_left_below``) and keep the table's pages apart."""
    by_page: dict[int, list[TextLine]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page_no, []).append(line)
    return _kept_in_place(line for page_lines in by_page.values() for line in _lowest_lines(page_lines))


def _lowest_lines(lines: Sequence[TextLine]) -> list[TextLine]:
    """The page's lowest band of lines (every line overlapping the lowest one's height: a foot printed in parts
    side by side, office, page number and print date), then each of the ``FOOT_LINES`` - 1 bands above it that
    is one line alone (a text foot over the page number). A band of several lines above the lowest is no foot:
    it is most often a table's last row, whose short cells (区長, 有) stand at one height on every full page."""
    out: list[TextLine] = []
    rest = sorted(lines, key=lambda ln: -ln.bbox.bottom)
    for n in range(FOOT_LINES):
        if not rest:
            break
        top = rest[0].bbox.top
        band = [ln for ln in rest if ln.bbox.bottom > top]
        rest = [ln for ln in rest if ln.bbox.bottom <= top]
        if n and len(band) > 1:
            break
        out += band
    return out


def _kept_in_place(candidates: Iterable[TextLine]) -> frozenset[str]:
    """The keys (``running_key``) of the candidate lines that stand in one place on at least
    ``RUNNING_MIN_PAGES`` pages: what running heads and running feet are both told by."""
    placed: dict[str, list[TextLine]] = {}
    for line in candidates:
        placed.setdefault(running_key(line.text), []).append(line)
    return frozenset(k for k, at in placed.items() if k and _pages_in_place(at) >= RUNNING_MIN_PAGES)


def _pages_in_place(lines: Sequence[TextLine]) -> int:
    """On how many pages the line stands where it stands on most: within half its height of its middle top
    (a head read on one page as a line, its top the characters' top, and on another as a row over its rule,
    its top the cell's, stands a padding apart)."""
    tops = sorted(ln.bbox.top for ln in lines)
    middle = tops[len(tops) // 2]
    height = sorted(ln.bbox.bottom - ln.bbox.top for ln in lines)[len(lines) // 2]
    return sum(abs(t - middle) <= max(height / 2, RUNNING_TOLERANCE) for t in tops)


def _without_foot_row(grid: PageTable, feet: frozenset[str]) -> tuple[PageTable, list[TextLine]]:
    """The grid less its last row when every text in that row is a running foot (``running_feet``), and those
    texts as lines: a table at a page's foot takes the office's name and the page number printed under it
    for a last row ruled by nothing (``grid_foot``), while the other pages print them as lines."""
    last = [c for c in grid.cells[-1] if c.text.strip()] if len(grid.cells) > 1 else []
    if not last or not all(running_key(c.text) in feet for c in last):
        return grid, []
    rows = grid.cells[:-1]
    bottom = max(c.bbox.bottom for row in rows for c in row)
    box = BBox(grid.bbox.x0, grid.bbox.top, grid.bbox.x1, bottom)
    return PageTable(grid.page_no, box, rows, grid.lone), [TextLine(grid.page_no, c.text.strip(), c.bbox, c.source)
                                                          for c in last]


def _as_line(grid: PageTable) -> TextLine | None:
    """A grid of one row of text (not a ``lone`` one) as a line, else None."""
    rows = [tuple(c for c in row if c.text.strip()) for row in grid.cells]
    rows = [r for r in rows if r]
    if len(rows) != 1 or grid.lone:
        return None
    return TextLine(grid.page_no, " ".join(c.text.strip() for c in rows[0]), grid.bbox, rows[0][0].source)


def _rest_of_table(grid: PageTable, on_page: dict[int, list[PageTable]]) -> bool:
    """Could the grid be the rest of the table the page before ends with? It is its page's first grid and
    spans as many grid columns as that table: a summary's 「合計」 row carried alone to the next page, its
    header printed once, over the next table (style once). ``on_page``: the grids by page."""
    before = on_page.get(grid.page_no - 1, [])
    if not before or min(on_page[grid.page_no], key=lambda g: g.bbox.top) is not grid:
        return False
    last = max(before, key=lambda g: g.bbox.bottom)
    return max(map(grid_width, grid.cells), default=0) == max(map(grid_width, last.cells), default=0)


def headings_as_lines(page_tables: Sequence[PageTable], lines: Sequence[TextLine]
                      ) -> tuple[list[PageTable], list[TextLine], frozenset[str]]:
    """The grids less those of one row of text that stand over another grid of their page or are a running
    head, the lines with each such row as a line of its own, in its page's reading order, and the running
    heads' keys (``running_heads``, which ``tables.page_tables_to_tables`` reads them by).

    No table kind reads a header without a body, and the grid under it is the table: the row is a heading
    ruled under (a running head over its rule; on a page of prose the head alone is known as one because it
    stands at the same height at the top of other pages). The keys returned hold the running feet too
    (``running_feet``): neither a head nor a foot is a table's caption. A row alone at a page's foot, under every other
    grid, is kept: a table's header left there while its rows go on over the page. So is a row that may be
    the rest of the table before (``_rest_of_table``), and a ``lone`` grid (a table's last rows at a page's
    top). First, a grid's last row made only of running feet is cut from it and made lines
    (``_without_foot_row``).
    """
    feet = running_feet(lines)
    trimmed = [_without_foot_row(grid, feet) for grid in page_tables]
    page_tables = [grid for grid, _ in trimmed]
    single = {id(grid): line for grid in page_tables if (line := _as_line(grid)) is not None}
    running = running_heads([*lines, *single.values()]) | feet
    on_page: dict[int, list[PageTable]] = {}
    for grid in page_tables:
        on_page.setdefault(grid.page_no, []).append(grid)
    kept: list[PageTable] = []
    made: list[TextLine] = [line for _, rows in trimmed for line in rows]
    for grid in page_tables:
        line = single.get(id(grid))
        if line is not None and (running_key(line.text) in running or (
                any(other is not grid and other.bbox.top >= grid.bbox.bottom - 1 for other in on_page[grid.page_no])
                and not _rest_of_table(grid, on_page))):
            made.append(line)
        else:
            kept.append(grid)
    if not made:
        return kept, list(lines), running
    out = list(lines)
    for line in made:
        at = next((i for i, ln in enumerate(out) if ln.page_no > line.page_no
                   or (ln.page_no == line.page_no and ln.bbox.top > line.bbox.top)), len(out))
        out.insert(at, line)
    return kept, out, running
