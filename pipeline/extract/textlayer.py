"""Tables and running text from a born-digital page's text layer (pdfplumber).

The chain per page: ``page_to_segments`` (drawn lines, stroked rectangles'
edges, paths; not unstroked fills, which are shading, though the edges of
banded rows are rules where no grid stands: ``shading.band_rules``) → ``segments_to_grids``
(ruling.py) → ``complete_grid`` and ``page_to_regions`` (alignment.py: the
text's own columns and lines where rules are missing) → ``chars_to_cells``
(each character into the cell holding its centre) → ``rows_to_cell_text``
(lines in reading order, wrapped lines joined) and ``chars_to_lines`` for the
text outside any table. A page whose text runs in more than one direction is
read once per direction, each in its own orientation (orient.py).

Nothing here knows which report it reads: fonts, coordinates and words of our
own corpus renders play no part, only geometry relative to the font size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from pipeline.extract import alignment, rulestack, unruled
from pipeline.extract.aligned_starts import marked_where_cells_start
from pipeline.extract.alignment import HANGING, chars_to_rows
from pipeline.extract.cell_spacing import feet_lowered, spacing_closed
from pipeline.extract.clipped import HOME, cut_to_clip
from pipeline.extract.corners import corner_verticals
from pipeline.extract.cut_spans import spans_cut_by_page_break
from pipeline.extract.dotted import dotted_rules, painted_box
from pipeline.extract.grid_foot import rows_under_grids
from pipeline.extract.orient import turn_chars, turn_segments, unturn_bbox
from pipeline.extract.overset import HUNG, NO_LINE_START, hung_cuts, hung_past
from pipeline.extract.partial_rules import (
    open_ends,
    open_label_column,
    open_sides,
    split_whole_rows,
    without_group_rules,
)
from pipeline.extract.ruled_apart import cell_words, marked_after_rules
from pipeline.extract.ruling import Grid, Segment, segments_to_grids
from pipeline.extract.shading import band_rules, filled_rules
from pipeline.extract.side_joints import with_side_joints
from pipeline.extract.spacing import columns_split_at_gutters, rows_set_apart, without_spacer_columns
from pipeline.extract.tracking import with_solid_overlap
from pipeline.extract.wrapped import BLANK_BEFORE, _full_width
from pipeline.types import BBox, Cell, PageTable, TextLine, UnreadBlock

Char = dict[str, Any]

THIN = 2.0  # a rectangle thinner than this is a drawn line
WORD_GAP = 0.2  # a gap wider than this many font sizes between two characters is a space
COLUMN_GAP = 3.0  # a gap wider than this many font sizes splits a line of running text in two
WRAP_SLACK = 0.25  # font sizes of room a producer may leave unused at the end of a filled line


def page_to_segments(page: Any) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules from lines, stroked rectangles and paths.

    A thin box is a rule whether stroked or filled (Excel fills thin
    rectangles for borders); a wider box counts by its edges only when it is
    stroked: an unstroked filled rectangle is shading (a banded row, a header
    background) and drawing its edges as borders would merge or split cells,
    unless it is thin beside the text and beside the fills around it (Word's
    white gaps between shaded cells: ``shading.filled_rules``). A run of
    tiny squares, filled or stroked, is one dotted rule (``dotted.dotted_rules``).
    """
    rects, lines = list(page.rects), list(page.lines)
    # a border drawn dot by dot: filled squares (Chromium) or stroked ones (LuaTeX's arydshln)
    hs, vs, dots = dotted_rules([*rects, *(painted_box(obj) for obj in lines)], THIN)
    drawn = [*((obj, True, False) for i, obj in enumerate(lines, len(rects)) if i not in dots),
             *((obj, obj.get("stroke", True), False) for i, obj in enumerate(rects) if i not in dots),
             *((obj, obj.get("stroke", True), True) for obj in getattr(page, "curves", ()))]
    for obj, stroked, path in drawn:
        obj_hs, obj_vs = (_path_segments(obj["pts"]) if path and stroked and len(obj.get("pts", ())) >= 2
                          else _box_segments(obj, stroked and not path))
        obj_hs, obj_vs = cut_to_clip(obj.get("clip"), obj_hs, obj_vs, THIN / 2)  # what lies outside is not printed
        hs += obj_hs
        vs += obj_vs
    filled_hs, filled_vs = filled_rules(page.rects, getattr(page, "chars", ()), THIN)
    return hs + filled_hs, vs + filled_vs


def _box_segments(obj: dict[str, Any], stroked: bool) -> tuple[list[Segment], list[Segment]]:
    """A box's rules: a thin box is one rule the way it is longer; a wider one its four sides, if stroked."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if bottom - top <= THIN and bottom - top <= x1 - x0:  # a box thin both ways runs the way it is longer
        return [Segment((top + bottom) / 2, x0, x1)], []
    if x1 - x0 <= THIN:
        return [], [Segment((x0 + x1) / 2, top, bottom)]
    if stroked:  # a rectangle drawn as a box: its four sides
        return [Segment(top, x0, x1), Segment(bottom, x0, x1)], [Segment(x0, top, bottom), Segment(x1, top, bottom)]
    return [], []


def _path_segments(pts: Sequence[tuple[float, float]]) -> tuple[list[Segment], list[Segment]]:
    """The axis-parallel pieces of a stroked path (a slanted or curved piece is no border)."""
    hs: list[Segment] = []
    vs: list[Segment] = []
    for (ax, ay), (bx, by) in pairwise(pts):
        if abs(ay - by) <= THIN / 2 and abs(ax - bx) > THIN:
            hs.append(Segment((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= THIN / 2 and abs(ay - by) > THIN:
            vs.append(Segment((ax + bx) / 2, min(ay, by), max(ay, by)))
    return hs, vs


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
        if text.isspace():  # a real space (or a tab) in the text layer: one space, never a tab
            if prev is None or prev["text"].isspace():
                offsets.append(length)
                continue
            text = " "
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


NO_LINE_END = set("(（「『【〔〈《")


VALUE = re.compile(
    r"[△▲+\-−]?[¥$€£]?\d[\d,]*(\.\d+)?%?"  # a number
    r"|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"  # a date with separators
    r"|(明治|大正|昭和|平成|令和)?(\d+|元)年\d+月\d+日"  # a date in words
)


def is_value(text: str) -> bool:
    """A line that is one whole number or date by itself, so it is a value of its own."""
    return VALUE.fullmatch(text.strip()) is not None


def is_cjk(text: str) -> bool:
    """Chinese characters, kana or full-width forms: scripts a producer may wrap between any two characters."""
    return _full_width(text)


def rows_to_cell_text(rows: Sequence[Sequence[Char]], text_right: float) -> str:
    """Join a cell's lines in reading order.

    Two lines that are each a whole number or date are two values (a cell
    listing 7,723,293 and 7,793,704): they stay apart, joined by a newline.
    Otherwise the lines are one wrapped text. Text without Chinese characters
    or kana wraps at spaces, so its lines are joined with one. A producer that wraps character
    by character (Excel, for Japanese) fills a line until the next character
    no longer fits, so such lines are joined with nothing. When the room left
    between the end of a line and ``text_right`` (where the cell's text may
    reach) would have held the next line's first character, the producer
    broke there on purpose (at a space it then dropped, or at a typed line
    break), so the lines are joined with a space, except where 禁則 (no 。 or
    」 at a line start) explains it.
    """
    text = ""
    prev_line = ""
    cjk = any(is_cjk(c["text"]) for row in rows for c in row)
    for i, row in enumerate(rows):
        line = row_to_text(row).strip()
        if not line:
            continue
        if text and is_value(prev_line) and is_value(line):
            text += "\n"
        elif text and not cjk:
            text += " "  # without Chinese characters or kana, lines wrap at spaces
        elif text:
            first = row[0]
            room = text_right - rows[i - 1][-1]["x1"]
            kinsoku = line[0] in NO_LINE_START or text[-1] in NO_LINE_END
            if not kinsoku and room > first_unit_width(row) + WRAP_SLACK * first["size"]:
                text += " "
        text += line
        prev_line = line
    return text.strip()


def first_unit_width(row: Sequence[Char]) -> float:
    """The width of what a producer wrapping Japanese could not have left on the line above: the line's first
    full-width character, with the character after it when it is an opening bracket (which may not end a
    line), and the closing marks after them (which may not start one: 「族、」 goes down together, 追い出し);
    a half-width first character alone. Room for the first character but not for 「族、」 is no typed break
    (Gnumeric: 「…その家」 / 「族、将来…」 was joined with a space)."""
    chars = [c for c in row if not c["text"].isspace()]
    if not chars:
        return 0.0
    end = 1
    if _full_width(chars[0]["text"]):
        while end < len(chars) and chars[end - 1]["text"] in NO_LINE_END:
            end += 1
        while end < len(chars) and chars[end]["text"] in NO_LINE_START:
            end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


HANG_EDGE = 0.1  # font sizes inside a hanging mark's left edge: still on its ink (a full-width 。 inks its left half)


def _char_in_cell(grid: Grid, ch: Char) -> tuple[int, int] | None:
    """The grid position holding the character's centre; a mark by its ink, a clipped glyph by its clip.

    A producer that hangs 「。」 past the end of a line into the gap lets its
    centre cross a border taken from the text's alignment; its left edge still
    touches the text it ends, so the mark is placed by that edge. An opening
    mark (「「」) inks the right half of its box and is placed by its right
    edge (LuaTeX sets it half across the rule of a cell without padding). A
    glyph drawn with its centre outside its clip goes where its clip is.
    """
    if HOME in ch:  # drawn across its clip's edge: the clip's cell (clipped.clip_home)
        return grid.locate(*ch[HOME])
    y = (ch["top"] + ch["bottom"]) / 2
    where = grid.locate((ch["x0"] + ch["x1"]) / 2, y)
    edge = HANG_EDGE * max(ch["size"], 1.0)
    ink = ch["x0"] + edge if ch["text"] in HANGING else ch["x1"] - edge if ch["text"] in BLANK_BEFORE else None
    if ink is not None and where is not None:  # a mark inking half its box: placed by its ink
        inner = grid.locate(ink, y)
        return inner if inner is not None else where
    return where


def text_rights(grid: Grid, buckets: dict[int, list[Char]]) -> dict[float, float]:
    """Where text may reach in the cells ending at each right border, measured on the page.

    The furthest any line of those cells reaches, but at least the border less
    the smallest gap any of them leaves at its left border: producers pad
    both sides alike, and this learns the padding from the page instead of
    assuming one producer's (2.5 pt in our own renders, 6 pt elsewhere).
    """
    reach: dict[float, float] = {}
    pad: dict[float, float] = {}
    for idx, chars in buckets.items():
        cell = grid.cells[idx]
        ink = [c for c in chars if not c["text"].isspace() and HUNG not in c]  # a mark hung past the rule sets no reach
        if not ink:
            continue
        reach[cell.x1] = max(reach.get(cell.x1, cell.x0), max(c["x1"] for c in ink))
        pad[cell.x1] = min(pad.get(cell.x1, cell.x1 - cell.x0), min(c["x0"] for c in ink) - cell.x0)
    return {x1: max(reach[x1], x1 - max(pad[x1], 0.0)) for x1 in reach}


def grid_to_page_table(grid: Grid, chars: Sequence[Char], page_no: int) -> PageTable:
    """Fill a grid's cells with their characters, each cell on its grid column.

    A cell merged over columns appears once, its ``col`` the first grid
    column it covers and ``col_span`` how many. A cell merged over rows holds
    its text in its first row; each row below it that it covers has an empty
    placeholder at the same columns (``spanned``), so no value is copied into
    a row it does not belong to and every row still lists every column.
    """
    owner: dict[tuple[int, int], int] = {}
    for idx, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[(r, c)] = idx
    buckets: dict[int, list[Char]] = {}
    rights = [cell.x1 for cell in grid.cells]
    for whole in cell_words(chars):
        held_all: list[int | None] = [owner.get(w) if w is not None else None
                                      for w in (_char_in_cell(grid, c) for c in whole)]
        bounds = [0, *hung_cuts(whole, held_all, rights), len(whole)]
        for start, end in pairwise(bounds):
            word, held = whole[start:end], held_all[start:end]
            cells = [i for i in held if i is not None]
            if len(set(cells)) > 1 and len(cells) == len(held):  # a word over a border goes where most of it stands
                most: int | None = max(cells, key=cells.count)
                held = [most] * len(word)
            for ch, at in zip(word, held):
                if at is not None:
                    buckets.setdefault(at, []).append(ch)
    reach = text_rights(grid, buckets)
    texts = {
        idx: rows_to_cell_text(chars_to_rows(buckets[idx]), reach.get(grid.cells[idx].x1, grid.cells[idx].x1))
        for idx in buckets
    }
    rows: list[tuple[Cell, ...]] = []
    for r in range(len(grid.ys) - 1):
        row_cells = []
        for c in range(len(grid.xs) - 1):
            found = owner.get((r, c))
            if found is None:
                continue
            g = grid.cells[found]
            if g.col != c:
                continue  # the rest of a cell merged over columns
            box = BBox(g.x0, g.top, g.x1, g.bottom)
            if g.row == r:
                row_cells.append(Cell(page_no, r, c, texts.get(found, ""), box,
                                      row_span=g.row_span, col_span=g.col_span))
            else:
                row_cells.append(Cell(page_no, r, c, "", box, col_span=g.col_span, spanned=True))
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
    tables, lines, _ = page_to_reading(page, page_no)
    return tables, lines


def page_to_reading(page: Any, page_no: int) -> tuple[list[PageTable], list[TextLine], list[UnreadBlock]]:
    """The page's tables and lines of running text, and the table-like blocks no table was made of.

    Characters are read in groups by the direction they run, each group in
    its own orientation: a table printed sideways is read as it is meant to
    be read, and its positions turned back into page coordinates.
    """
    hs, vs = page_to_segments(page)
    bands = band_rules(page.rects, page.chars, THIN)
    by_direction: dict[int, list[Char]] = {}
    for ch in with_solid_overlap(page.chars):  # tracking.py: a producer that rounds positions overlaps letters
        by_direction.setdefault(ch.get("direction", 0 if ch.get("upright", True) else 90), []).append(ch)
    if not by_direction:
        by_direction[0] = []
    tables: list[PageTable] = []
    lines: list[TextLine] = []
    unread: list[UnreadBlock] = []
    width, height = float(page.width), float(page.height)
    for direction in sorted(by_direction, key=lambda d: (d != 0, d)):
        chars = turn_chars(direction, by_direction[direction], width, height)
        t_hs, t_vs = turn_segments(direction, hs, vs, width, height)
        t_bands = turn_segments(direction, bands, [], width, height)[0]
        found, text, blocks = _frame_reading(chars, t_hs, t_vs, page_no, t_bands)
        unread += [replace(b, bbox=unturn_bbox(direction, b.bbox, width, height)) if direction else b
                   for b in blocks]
        if direction != 0:
            found = [t for t in found if any(c.text for row in t.cells for c in row)]
            found = [_unturn_table(direction, t, width, height) for t in found]
            text = [TextLine(ln.page_no, ln.text, unturn_bbox(direction, ln.bbox, width, height))
                    for ln in text]
        tables += found
        lines += text
    return tables, lines, unread


def _unturn_table(direction: int, table: PageTable, width: float, height: float) -> PageTable:
    rows = tuple(tuple(replace(c, bbox=unturn_bbox(direction, c.bbox, width, height)) for c in row)
                 for row in table.cells)
    return PageTable(table.page_no, unturn_bbox(direction, table.bbox, width, height), rows, table.lone)


def frame_to_tables_and_lines(chars: Sequence[Char], hs: list[Segment], vs: list[Segment],
                              page_no: int) -> tuple[list[PageTable], list[TextLine]]:
    """Tables (ruled, partly ruled, unruled) and running text of characters that read left to right."""
    tables, lines, _ = _frame_reading(chars, hs, vs, page_no)
    return tables, lines


def _frame_reading(chars: Sequence[Char], hs: list[Segment], vs: list[Segment], page_no: int,
                   bands: Sequence[Segment] = ()) -> tuple[list[PageTable], list[TextLine], list[UnreadBlock]]:
    """``frame_to_tables_and_lines`` and the aligned blocks outside every table that no table was made of.

    ``bands`` are the edges of shaded bands (``shading.band_rules``): outside
    every ruled grid they set rows as horizontal rules do (rulestack.py).
    """
    drawn = list(vs)  # the drawn column rules, before any is closed, lowered or read from the text
    chars = marked_where_cells_start(chars)  # two cells' texts set solid, parted where the row's next cell starts
    hs, vs = spans_cut_by_page_break(*feet_lowered(*spacing_closed(hs, vs, chars), chars), chars)
    vs = without_group_rules(hs, vs, chars)
    vs = [*vs, *corner_verticals(hs, vs, chars)]
    hs = [*hs, *open_ends(hs, vs, chars)]
    foot_hs, foot_vs = rows_under_grids(hs, vs, chars)  # grid_foot.py: a last row printed with no rule of its own
    hs, vs = [*hs, *foot_hs], [*vs, *foot_vs]
    label_hs, label_vs = open_label_column(hs, vs, chars)
    hs = [*hs, *label_hs]
    grids = segments_to_grids(hs, [*vs, *open_sides(hs, vs, chars), *label_vs])
    in_table, outside = _split_by_boxes(chars, [g.bbox for g in grids])
    grids = [complete_grid(g, cs, hs, vs) for g, cs in zip(grids, in_table)]
    loose = [h for h in [*hs, *bands] if not any(_inside(h, g.bbox) for g in grids)]
    for region in rulestack.regions_with_their_text(rulestack.rule_regions(loose, outside), outside, loose):
        inside, outside = _split_by_boxes(outside, [region.bbox])
        grid = rulestack.region_to_grid(region, inside[0], loose)
        if grid is not None:
            grids.append(grid)
            in_table.append(inside[0])
        else:
            outside += inside[0]
    tables = [grid_to_page_table(g, marked_after_rules(cs, drawn), page_no) for g, cs in zip(grids, in_table)]
    found, blocks, lone = unruled.unruled_tables(outside)
    for grid, cs in found:
        tables.append(grid_to_page_table(grid, cs, page_no))  # its text stays in the running lines too
    tables += [replace(grid_to_page_table(g, cs, page_no), lone=True) for g, cs in lone]
    loose = [h for h in hs if not any(_inside(h, g.bbox) for g in grids)]
    unread = [UnreadBlock(page_no, BBox(*box), n_lines, n_cols, why) for box, n_lines, n_cols, why in blocks]
    return tables, chars_to_lines(outside, page_no, loose), unread


def _split_by_boxes(chars: Iterable[Char], boxes: Sequence[tuple[float, float, float, float]]
                    ) -> tuple[list[list[Char]], list[Char]]:
    """Characters by the first box holding their centre, and those in none."""
    inside: list[list[Char]] = [[] for _ in boxes]
    outside: list[Char] = []
    last: tuple[Char, int] | None = None  # the character before, when a box holds it
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        held = next((i for i, (x0, top, x1, bottom) in enumerate(boxes) if x0 <= cx <= x1 and top <= cy <= bottom), None)
        home = hung_past(last[0], ch, boxes[last[1]]) if held is None and last is not None else None
        if home is not None and last is not None:  # a line's end hung past the table's right rule: the cell's
            ch, held = {**ch, HOME: home, HUNG: True}, last[1]
        (outside if held is None else inside[held]).append(ch)
        last = None if held is None else (ch, held)
    return inside, outside


def complete_grid(grid: Grid, chars: Sequence[Char], hs: list[Segment], vs: list[Segment]) -> Grid:
    """A ruled grid with the borders its rules leave out read from its text (alignment.py, partial_rules.py)."""
    hs, vs = [h for h in hs if _inside(h, grid.bbox)], [v for v in vs if _inside_v(v, grid.bbox)]
    grid, hs = with_side_joints(grid, hs, vs, chars)
    done = alignment.complete_grid(grid, chars, hs, vs) or split_whole_rows(grid, chars, hs, vs) or grid
    done = without_spacer_columns(done, chars) or done
    done = columns_split_at_gutters(done, chars) or done
    return rows_set_apart(done, chars) or done


def _inside(seg: Segment, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return top - 1 <= seg.pos <= bottom + 1 and seg.lo >= x0 - 1 and seg.hi <= x1 + 1


def _inside_v(seg: Segment, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return x0 - 1 <= seg.pos <= x1 + 1 and seg.lo >= top - 1 and seg.hi <= bottom + 1
