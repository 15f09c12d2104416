"""Tables and running text from a born-digital page's text layer (pdfplumber).

The chain per page: ``page_to_segments`` (drawn lines and rectangle edges) →
``segments_to_grids`` (ruling.py) → ``chars_to_cells`` (each character into the
cell holding its centre) → ``chars_to_text`` (lines in reading order, wrapped
lines joined) and ``chars_to_lines`` for the text outside any grid.

Nothing here knows which report it reads: fonts, coordinates and words of our
own corpus renders play no part, only geometry relative to the font size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.extract.ruling import Grid, Segment, segments_to_grids
from pipeline.types import BBox, Cell, PageTable, TextLine

Char = dict[str, Any]

THIN = 2.0  # a rectangle thinner than this is a drawn line
WORD_GAP = 0.45  # a gap wider than this many font sizes between two characters is a space
COLUMN_GAP = 3.0
CELL_PADDING = 3.0  # room a producer leaves between text and the right border, in points  # a gap wider than this many font sizes splits a text line in two


def page_to_segments(page: Any) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments from lines and rectangles (filled cell borders too)."""
    hs: list[Segment] = []
    vs: list[Segment] = []
    boxes = [(obj, False) for obj in page.lines] + [(obj, True) for obj in page.rects]
    for obj, is_rect in boxes:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if bottom - top <= THIN:
            hs.append(Segment((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= THIN:
            vs.append(Segment((x0 + x1) / 2, top, bottom))
        elif is_rect:  # a rectangle drawn as a box: its four sides (a slanted line is no border)
            hs += [Segment(top, x0, x1), Segment(bottom, x0, x1)]
            vs += [Segment(x0, top, bottom), Segment(x1, top, bottom)]
    return hs, vs


def chars_to_rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into visual lines (tops within half a font size), each sorted left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(ch["top"] - ref["top"]) <= 0.5 * max(ref["size"], 1.0):
                last.append(ch)
                continue
        rows.append([ch])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return rows


def row_to_text(row: Sequence[Char]) -> str:
    """A line's characters as text, a space where the gap shows one (distributed alignment)."""
    return row_to_text_and_offsets(row)[0]


def row_to_text_and_offsets(row: Sequence[Char]) -> tuple[str, list[int]]:
    """The line's text and, for each character of ``row``, where it starts in that text."""
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    prev: Char | None = None
    for ch in row:
        text = ch["text"]
        if prev is not None and not text.isspace() and not prev["text"].isspace():
            gap = ch["x0"] - prev["x1"]
            if gap > WORD_GAP * max(min(ch["size"], prev["size"]), 1.0):
                parts.append(" ")
                length += 1
        offsets.append(length)
        parts.append(text)
        length += len(text)
        prev = ch
    return "".join(parts), offsets


def underline_spans(piece: Sequence[Char], offsets: Sequence[int], underlines: Sequence[Segment]) -> list[tuple[int, int]]:
    """Character spans of a line that a drawn horizontal segment runs just beneath."""
    if not underlines or not piece:
        return []
    bottom = max(c["bottom"] for c in piece)
    size = max(c["size"] for c in piece)
    near = [u for u in underlines if -0.25 * size <= u.pos - bottom <= 0.45 * size]
    spans: list[tuple[int, int]] = []
    for ch, start in zip(piece, offsets):
        centre = (ch["x0"] + ch["x1"]) / 2
        if ch["text"].strip() and any(u.lo <= centre <= u.hi for u in near):
            end = start + len(ch["text"])
            if spans and spans[-1][1] >= start - 1:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


NO_LINE_START = set("、。，．,.)）」』】〕〉》・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ!?！？:：;；")
NO_LINE_END = set("(（「『【〔〈《")


def rows_to_cell_text(rows: Sequence[Sequence[Char]], right_edge: float) -> str:
    """Join a cell's wrapped lines in reading order.

    A producer that wraps character by character (Excel, for Japanese) fills
    a line until the next character no longer fits, so such lines are joined
    with nothing. When the room left at the end of a line would have held the
    next line's first character, the producer broke there on purpose (at a
    space it then dropped, or at a typed line break), so the lines are joined
    with a space, except where 禁則 (no 。 or 」 at a line start) explains it.
    """
    text = ""
    for i, row in enumerate(rows):
        line = row_to_text(row)
        if i and text and not text.endswith(" ") and not line.startswith(" "):
            first = row[0]
            room = right_edge - rows[i - 1][-1]["x1"]
            kinsoku = line[0] in NO_LINE_START or text[-1] in NO_LINE_END
            if not kinsoku and room > (first["x1"] - first["x0"]) + 0.25 * first["size"] + CELL_PADDING:
                text += " "
        text += line
    return text.strip()


def _char_in_cell(grid: Grid, ch: Char) -> tuple[int, int] | None:
    return grid.locate((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2)


def grid_to_page_table(grid: Grid, chars: Sequence[Char], page_no: int) -> PageTable:
    """Fill a grid's cells with their characters; a cell merged over rows repeats in each row."""
    owner: dict[tuple[int, int], int] = {}
    for idx, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[(r, c)] = idx
    buckets: dict[int, list[Char]] = {}
    for ch in chars:
        where = _char_in_cell(grid, ch)
        if where is not None and where in owner:
            buckets.setdefault(owner[where], []).append(ch)
    texts = {
        idx: rows_to_cell_text(chars_to_rows(buckets.get(idx, [])), grid.cells[idx].x1)
        for idx in range(len(grid.cells))
    }
    n_rows = len(grid.ys) - 1
    rows: list[tuple[Cell, ...]] = []
    for r in range(n_rows):
        seen: list[int] = []
        for c in range(len(grid.xs) - 1):
            found = owner.get((r, c))
            if found is not None and found not in seen:
                seen.append(found)
        row_cells = []
        for col, cell_index in enumerate(seen):
            g = grid.cells[cell_index]
            row_cells.append(Cell(page_no, r, col, texts[cell_index], BBox(g.x0, g.top, g.x1, g.bottom)))
        rows.append(tuple(row_cells))
    x0, top, x1, bottom = grid.bbox
    return PageTable(page_no, BBox(x0, top, x1, bottom), tuple(rows))


def chars_to_lines(chars: Sequence[Char], page_no: int, underlines: Sequence[Segment] = ()) -> list[TextLine]:
    """Running text: visual lines, split where a wide gap separates two columns.

    ``underlines`` are horizontal segments outside any table; those just below
    a line's characters become the line's ``underlined`` spans.
    """
    lines: list[TextLine] = []
    for row in chars_to_rows(chars):
        pieces: list[list[Char]] = [[row[0]]]
        for ch in row[1:]:
            prev = pieces[-1][-1]
            if ch["x0"] - prev["x1"] > COLUMN_GAP * max(ch["size"], 1.0):
                pieces.append([ch])
            else:
                pieces[-1].append(ch)
        for piece in pieces:
            full, offsets = row_to_text_and_offsets(piece)
            text = full.strip()
            lead = len(full) - len(full.lstrip())
            if text:
                spans = tuple((a - lead, b - lead) for a, b in underline_spans(piece, offsets, underlines))
                bbox = BBox(
                    min(c["x0"] for c in piece),
                    min(c["top"] for c in piece),
                    max(c["x1"] for c in piece),
                    max(c["bottom"] for c in piece),
                )
                lines.append(TextLine(page_no, text, bbox, underlined=spans))
    return lines


def page_to_tables_and_lines(page: Any, page_no: int) -> tuple[list[PageTable], list[TextLine]]:
    """Everything the text layer of one page holds, as tables and lines of running text."""
    chars = [c for c in page.chars if c.get("upright", True)]
    hs, vs = page_to_segments(page)
    grids = segments_to_grids(hs, vs)
    in_table: list[list[Char]] = [[] for _ in grids]
    outside: list[Char] = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for i, grid in enumerate(grids):
            x0, top, x1, bottom = grid.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                in_table[i].append(ch)
                break
        else:
            outside.append(ch)
    tables = [grid_to_page_table(g, cs, page_no) for g, cs in zip(grids, in_table)]
    loose = [h for h in hs if not any(_inside(h, g) for g in grids)]
    return tables, chars_to_lines(outside, page_no, loose)


def _inside(seg: Segment, grid: Grid) -> bool:
    x0, top, x1, bottom = grid.bbox
    return top - 1 <= seg.pos <= bottom + 1 and seg.lo >= x0 - 1 and seg.hi <= x1 + 1
