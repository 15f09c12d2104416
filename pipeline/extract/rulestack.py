"""A table drawn with horizontal rules between its body rows only: its header and closing row found.

Office suites and PDF libraries often rule a table's body alone: a rule
under the header (or above each body row) and one between every two rows,
while the header above the first rule and a closing row (合計) below the
last one stand outside the rule stack. When two such tables follow each
other with a caption between them, the caption, the first table's closing
row and the second table's header share one band of the stack.

``rule_regions`` finds the stacks; this module cuts a region at
each caption inside its bands and then widens it by the text that belongs
to it: the header lines just above its first rule (each chunk over the
body's columns, as ``alignment.heads`` reads a header) and a closing row
just below its last rule (its chunks in the body's columns, no taller than
a body band). A caption or a line of running text stops both: it runs past
the column it starts in (``alignment.runs_past_columns``).

Every distance is relative to the text's font size or to the stack's own
band heights, never a number of points of one producer's padding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.alignment import (
    BLOCK_GAP,
    HANG,
    MIN_SHARED_LINES,
    SPACE_GAP,
    _bands_to_split,
    _extent,
    _grid,
    _merge,
    _without_empty_bands,
    chars_to_rows,
    chunk_columns,
    column_borders,
    is_tabular,
    line_chunks,
    line_height,
    runs_past_columns,
)
from pipeline.extract.ceiling import header_ceiling
from pipeline.extract.header_rules import frame_borders, header_ruled_splits, open_foot, open_head
from pipeline.extract.line_places import line_mid, lines_in, same_size
from pipeline.extract.overset import line_extents
from pipeline.extract.partial_rules import headings_over_rules
from pipeline.extract.repeated_header import is_repeated_header
from pipeline.extract.ruling import SNAP, Grid, Segment, borders_at_joints, merge_segments, rule_joints

Char = dict[str, Any]

EDGE = 0.25  # a synthetic rule sits this many font sizes outside the text it closes
RULE_OVERLAP = 0.8  # rules stacked into one table overlap by this share of the longer one


@dataclass(frozen=True)
class Region:
    """Where horizontal rules with no vertical ones frame a table: its box and its rules' positions."""

    bbox: tuple[float, float, float, float]
    ys: tuple[float, ...]
    header: bool = False  # its first band is a header set above the first rule (rulestack.py): one row
    joints: tuple[float, ...] = ()  # where its rules, drawn cell by cell, join (ruling.rule_joints)
    open_end: bool = False  # an end of it is its text's, not a rule (header_rules.py): no header or closing row added


def rule_regions(hs: Sequence[Segment], chars: Sequence[Char]) -> list[Region]:
    """Stacks of two or more horizontal rules of about the same extent, with aligned text between them.

    Underlines in running text are short and of differing extents; rules of a
    table run across it, one above the other.
    """
    rules = [h for h in merge_segments(list(hs)) if h.hi - h.lo > 0]
    rules.sort(key=lambda h: h.pos)
    stacks: list[list[Segment]] = []
    for h in rules:
        if stacks:
            lo, hi = min(r.lo for r in stacks[-1]), max(r.hi for r in stacks[-1])
            overlap = min(h.hi, hi) - max(h.lo, lo)
            inner = h.lo >= lo - SNAP and h.hi <= hi + SNAP  # a rule under a heading spanning some columns
            if inner or overlap >= RULE_OVERLAP * max(h.hi - h.lo, hi - lo):
                stacks[-1].append(h)
                continue
        stacks.append([h])
    regions = []
    for stack in (part for whole in stacks for part in _split_at_captions(whole, chars)):
        lo, hi = min(h.lo for h in stack), max(h.hi for h in stack)
        head = open_head(stack, chars)  # header_rules.py: the rest of a part cut by a page break, closed by a rule
        if head is not None:
            regions.append(Region((lo, head, hi, stack[0].pos), (head, stack[0].pos), open_end=True))
            stack = stack[1:]
        if len(stack) < 2:
            continue
        foot = open_foot(stack, chars, rules)  # header_rules.py: a booktabs part open at its foot
        top, bottom = stack[0].pos, foot or stack[-1].pos
        inside = _chars_between(chars, lo, hi, top, bottom)
        if inside and is_tabular(chars_to_rows(inside), MIN_SHARED_LINES):
            ys = _distinct([h.pos for h in stack])
            regions.append(Region((lo, top, hi, bottom), (*ys, foot) if foot else ys, open_end=bool(foot)))
    return regions


def _distinct(ys: Sequence[float]) -> tuple[float, ...]:
    """Each rule's position once: a rule broken in two under a spanning heading is one rule, not two."""
    out: list[float] = []
    for y in sorted(ys):
        if not out or y - out[-1] > SNAP:
            out.append(y)
    return tuple(out)


def _chars_between(chars: Sequence[Char], lo: float, hi: float, top: float, bottom: float) -> list[Char]:
    """The inked characters whose centre lies in the box."""
    return [c for c in chars if not c["text"].isspace() and lo <= (c["x0"] + c["x1"]) / 2 <= hi
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _split_at_captions(stack: list[Segment], chars: Sequence[Char]) -> list[list[Segment]]:
    """A stack of rules cut at each band that holds a caption rather than a row.

    Two tables drawn with horizontal rules of one width, one under the
    other, stack into one; the caption between them (「（2）目的外利用の審査基準」)
    sits in a band of its own, its lines one chunk each, and either runs
    across the border of the columns the stack's rows set or is followed by
    the stack's first band again (the next table's header: the same
    characters in the same places, however its lines group: wkhtmltopdf
    centres the headings a fraction of a point apart from one table to the
    next, and 「実施機関」 joined the wrapped heading's first line or not). A row of a table
    puts its values in the columns (two or more chunks), so its band never
    looks so; a one-chunk group label inside a table is followed by rows, not
    by the header. The first and last bands are left alone: a title over the
    whole stack or a note under it is part of what Camelot's stream reads as the table.
    """
    if len(stack) < 3:
        return [stack]
    lo, hi = min(h.lo for h in stack), max(h.hi for h in stack)
    lines = chars_to_rows(_chars_between(chars, lo, hi, stack[0].pos, stack[-1].pos))
    borders = column_borders(chunk_columns([line_chunks(ln) for ln in lines]))

    def band(upper: Segment, lower: Segment) -> list[str]:
        return ["".join(c["text"] for c in ln) for ln in lines
                if upper.pos <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= lower.pos]

    def inked(upper: Segment, lower: Segment) -> str:  # the band's text by position, however its lines group
        inside = (c for ln in lines for c in ln if upper.pos <= (c["top"] + c["bottom"]) / 2 <= lower.pos)
        return "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["x0"]), round(c["top"]))))

    header = inked(stack[0], stack[1])
    texts = ["".join(band(upper, lower)) for upper, lower in pairwise(stack)]
    out = [[stack[0]]]
    for i, (upper, lower) in enumerate(pairwise(stack)):
        chunked = [line_chunks(ln) for ln in lines if upper.pos <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= lower.pos]
        one_chunk = bool(chunked) and all(len(cs) == 1 for cs in chunked)
        crosses = any(_extent(cs[0])[0] < x < _extent(cs[0])[1] for cs in chunked for x in borders)
        header_next = i + 2 < len(stack) and (inked(lower, stack[i + 2]) == header
                                              or is_repeated_header(texts, i + 1))
        inner = 0 < i < len(stack) - 2  # a title above or a note below the whole stack stays with it
        if inner and one_chunk and (crosses or header_next):
            out.append([lower])
        else:
            out[-1].append(lower)
    return out


def region_to_grid(region: Region, chars: Sequence[Char], hs: Sequence[Segment]) -> Grid | None:
    """A table drawn with horizontal rules only: rows from the rules (or lines), columns from the text."""
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    if not lines:
        return None
    ruled_header = len(region.ys) == 3 and not region.header  # header_rules.py: a header between two rules
    framed_borders = frame_borders(lines) if ruled_header else None
    columns = chunk_columns([line_chunks(ln) for ln in lines], stretched=True)
    borders = borders_at_joints(column_borders(columns) if framed_borders is None else framed_borders, region.joints)
    lo, top, hi, bottom = region.bbox
    region = _without_separators(region, [h for h in hs if top - 1 <= h.pos <= bottom + 1 and h.hi > h.lo], chars)
    top, bottom = region.ys[0], region.ys[-1]
    lo = min(lo, min(c["x0"] for c in chars))
    hi = max(hi, max(c["x1"] for c in chars))
    xs = [lo, *borders, hi]
    # two rules and nothing between them: a frame's top and foot (its sides open or not drawn as
    # rules), its body one band whose rows are parted by spacing alone, as in a ruled frame
    framed = len(region.ys) == 2 and not region.header
    splits = _bands_to_split(region.ys[1:] if region.header else region.ys, lines, xs, framed=framed)
    if ruled_header:
        splits = header_ruled_splits(region.ys, splits, lines, xs)
    ys = _without_empty_bands(sorted({*region.ys, *splits}), chars)
    inside = [h for h in hs if top - 1 <= h.pos <= bottom + 1]
    across = [Segment(y, lo, hi) for y in short_rules_between_rows(region.ys, inside, lines, xs)]
    grid = _grid(xs, ys, lines, [*inside, *(Segment(y, lo, hi) for y in splits), *across], [], borders)
    return grid and (headings_over_rules(grid, lines, inside) or grid)


def _without_separators(region: Region, rules: Sequence[Segment], chars: Sequence[Char]) -> Region:
    """The region less a short rule at its foot (or head) with no text between it and the table's text.

    A page's footnotes are set off by a short rule (a separator a third of
    the text's width, at the left margin); it stacks with the table's rules
    when it lies within their extent, and the band between the table's last
    line and it would be an empty row. A table closes with a rule across it,
    or with the rules under its last row's values (an accounting total
    ruled in its value column): the region ends at the lowest such rule
    between its text and the separator, or at its text. A rule shorter than
    RULE_OVERLAP of the region's rules' width with no text beyond the rule
    before it closes nothing; a ruled empty row inside the table, or one
    closed by a rule across the table, stays.
    """
    inked = [c for c in chars if not c["text"].isspace()]
    lo, _, hi, _ = region.bbox
    ys = list(region.ys)
    if not inked or len(ys) < 3:
        return region
    first, last = min(c["top"] for c in inked), max(c["bottom"] for c in inked)
    size = median(c["size"] for c in inked)

    def short(y: float) -> bool:
        at = [r for r in rules if abs(r.pos - y) <= SNAP]
        return bool(at) and max(r.hi for r in at) - min(r.lo for r in at) < RULE_OVERLAP * (hi - lo)

    if short(ys[-1]) and ys[-1] - SNAP > last:
        under = [r.pos for r in rules if last < r.pos < ys[-1] - SNAP]
        ys = [*ys[:-1], max(under) if under else last + EDGE * size]
    if short(ys[0]) and ys[0] + SNAP < first:
        over = [r.pos for r in rules if ys[0] + SNAP < r.pos < first]
        ys = [min(over) if over else first - EDGE * size, *ys[1:]]
    if ys == list(region.ys):
        return region
    return replace(region, bbox=(lo, ys[0], hi, ys[-1]), ys=tuple(_distinct(ys)))


def short_rules_between_rows(ys: Sequence[float], rules: Sequence[Segment], lines: Sequence[Sequence[Char]],
                             xs: Sequence[float]) -> list[float]:
    """The stack's rules that run under some columns only, between two body rows: row borders across the table.

    An accounting statement rules its totals in the value column alone (a
    rule above a total, one under it: Camelot's ``edge_tol``), while every
    line of its labels is a row of its own. Left short, such a rule would
    merge the label cells beside it, over three lines, into one. A rule is
    read across the table when it stands below the stack's first band (a
    rule under a heading spanning some columns stands in the header, and
    the headings beside it do span it), no text crosses it, and the lines
    just above and just below it both open with a label in the first column
    (two rows, each with its own label).
    """
    out: list[float] = []
    lo, hi = xs[0], xs[-1]
    if len(xs) < 3:
        return out
    for y in ys[2:-1]:
        at = [r for r in rules if abs(r.pos - y) <= SNAP]
        if not at or min(r.lo for r in at) <= lo + SNAP and max(r.hi for r in at) >= hi - SNAP:
            continue
        if any(c["top"] < y < c["bottom"] for ln in lines for c in ln):
            continue
        above = [ln for ln in lines if line_mid(ln) < y]
        below = [ln for ln in lines if line_mid(ln) > y]
        if above and below and all(_labelled(ln, xs[0], xs[1]) for ln in (above[-1], below[0])):
            out.append(y)
    return out


def _labelled(line: Sequence[Char], lo: float, hi: float) -> bool:
    return any(lo <= (c["x0"] + c["x1"]) / 2 < hi for c in line)


def body_columns(lines: Sequence[Sequence[Char]]) -> list[tuple[float, float]]:
    """Column extents of the lines with the most common number of chunks (two or more): the body rows.

    Unlike ``alignment.chunk_columns`` no other line widens them: a caption
    or a heading set beside the first column must not make that column
    wide enough to hold it. Each line is measured as ``chunk_columns``
    measures it (``overset.line_extents``): a closing mark hung under the
    next column's text ends its chunk's extent there, so the two columns
    do not overlap and merge into one.
    """
    chunked = [line_chunks(ln) for ln in lines]
    counts = Counter(len(cs) for cs in chunked if len(cs) >= 2)
    if not counts:
        return []
    n_cols = max(counts, key=lambda n: (counts[n], n))
    return _merge([e for cs in chunked if len(cs) == n_cols for e in line_extents(cs)])


def is_caption(line: Sequence[Char], columns: Sequence[tuple[float, float]], borders: Sequence[float] = ()) -> bool:
    """A line that is one chunk running past the column it starts in, or across a column border.

    A line of two or more chunks is a row or a header line, even when a
    heading is wider than the narrow values under it; a heading centred in
    its cell may lie beside the body's text but stays inside its column.
    """
    chunks = line_chunks(line)
    if len(chunks) != 1:
        return False
    lo, hi = _extent(chunks[0])
    return runs_past_columns(chunks[0], columns) or any(lo < x < hi for x in borders)


def cut_at_captions(region: Region, chars: Sequence[Char]) -> list[Region]:
    """The region cut at each band that holds a caption line among other lines.

    The band's lines above the caption close the table above (its 合計
    row), those below it head the table below; ``widened`` gives each its
    lines. The caption is one chunk running past its column in another
    font size than the rows: the last line of a wrapped cell may run past
    its column too, but in the rows' size. A band holding the caption alone is cut by ``alignment``.
    """
    lo, top, hi, bottom = region.bbox
    lines = [ln for ln in lines_in(chars, lo, hi) if top <= line_mid(ln) <= bottom]
    columns = body_columns(lines)
    if len(columns) < 2:
        return [region]
    size = median(c["size"] for ln in lines if len(line_chunks(ln)) >= 2 for c in ln)
    out: list[list[float]] = [[region.ys[0]]]
    for upper, lower in pairwise(region.ys):
        band = [ln for ln in lines if upper <= line_mid(ln) <= lower]
        if len(band) >= 2 and any(is_caption(ln, columns) and not same_size(ln, size) for ln in band):
            out.append([lower])
        else:
            out[-1].append(lower)
    return [Region((lo, ys[0], hi, ys[-1]), tuple(ys), open_end=region.open_end and ys[-1] == region.ys[-1])
            for ys in out if len(ys) >= 2]


def widened(region: Region, chars: Sequence[Char]) -> Region:
    """The region with the header lines just above its first rule and a closing row just below its last."""
    lo, top, hi, bottom = region.bbox
    near = lines_in(chars, lo, hi)
    body = [ln for ln in near if top <= line_mid(ln) <= bottom]
    columns = body_columns(body)
    if len(columns) < 2 or not body:
        return region
    borders = region.joints or tuple(column_borders(columns))
    if region.open_end:  # rows down to their foot or up from their rule, nothing more (header_rules.py)
        return region
    header = _header_above(near, top, _row_columns(body, region) or columns, borders, columns)
    closing = _closing_below(near, region, columns, borders)
    new_top = min(c["top"] for c in header[0]) - EDGE * header[0][0]["size"] if header else top
    new_bottom = max(c["bottom"] for c in closing[-1]) + EDGE * closing[-1][0]["size"] if closing else bottom
    ys = (*([new_top] if header else []), *region.ys, *([new_bottom] if closing else []))
    return replace(region, bbox=(lo, new_top, hi, new_bottom), ys=ys, header=bool(header))


def _row_columns(body: Sequence[Sequence[Char]], region: Region) -> list[tuple[float, float]]:
    """The columns of the region's rows below its first band ([]: it has one band).

    The first band may hold the table's own header, a heading centred over
    names set flush left (「実施機関」 over 「区長」); taken with the rows it
    widens the first column, and a short caption above the table (「(3)外部提供
    の審査基準」) then no longer runs past it (``is_caption``), so the header
    walk would take the caption, and the table above, for its header.
    """
    if len(region.ys) < 3:
        return []
    return body_columns([ln for ln in body if line_mid(ln) > region.ys[1]])


def _header_above(near: Sequence[Sequence[Char]], top: float, columns: Sequence[tuple[float, float]],
                  borders: Sequence[float], body: Sequence[tuple[float, float]] = ()) -> list[Sequence[Char]]:
    """The consecutive lines just above the first rule that read as a header.

    Lines follow one another at no more than BLOCK_GAP line heights; the
    first line that is a caption or running text ends the header, unless it
    is the wrapped rest of a cell of the line above it (``wraps_cell_above``):
    the first row of a continued table set above the page's first rule.
    """
    above = [ln for ln in near if line_mid(ln) < top]
    out: list[Sequence[Char]] = []
    edge = top
    for i in range(len(above) - 1, -1, -1):
        line = above[i]
        gap = edge - max(c["bottom"] for c in line)
        wraps = i > 0 and wraps_cell_above(line, above[i - 1], body or columns, borders)
        if gap > BLOCK_GAP * max(line_height(line), 1.0) or (is_caption(line, columns, borders) and not wraps):
            break
        out.insert(0, line)
        edge = min(c["top"] for c in line)
    return out


def wraps_cell_above(line: Sequence[Char], upper: Sequence[Char], columns: Sequence[tuple[float, float]],
                     borders: Sequence[float]) -> bool:
    """Is the line the wrapped rest of one cell of the row line above it?

    One chunk in the upper line's font size, starting where a chunk of that
    line other than its first starts (a caption starts at the table's edge
    or is centred), close under it, and inside the body's columns (all its
    rows', the widest cells included) without crossing a column border.
    """
    chunks, upper_chunks = line_chunks(line), line_chunks(upper)
    if len(chunks) != 1 or len(upper_chunks) < 2 or not same_size(line, median(c["size"] for c in upper)):
        return False
    lo, hi = _extent(chunks[0])
    size = max(chunks[0][0]["size"], 1.0)
    close = min(c["top"] for c in line) - max(c["bottom"] for c in upper) <= BLOCK_GAP * max(line_height(upper), 1.0)
    return (close and any(abs(_extent(c)[0] - lo) <= HANG * size for c in upper_chunks[1:])
            and not runs_past_columns(chunks[0], columns) and not any(lo < x < hi for x in borders))


def _closing_below(near: Sequence[Sequence[Char]], region: Region, columns: Sequence[tuple[float, float]],
                   borders: Sequence[float]) -> list[Sequence[Char]]:
    """The row just below the last rule: its lines in the body's columns, no taller than the tallest band."""
    bottom = region.ys[-1]
    tallest = max(b - a for a, b in pairwise(region.ys))
    below = [ln for ln in near if line_mid(ln) > bottom]
    out: list[Sequence[Char]] = []
    for line in below:
        if max(c["bottom"] for c in line) > bottom + tallest or is_caption(line, columns, borders):
            break
        out.append(line)
    if out and len(line_chunks(out[0])) < 2:
        return []  # a closing row puts values in two or more columns on its first line
    return out


def regions_with_their_text(regions: Sequence[Region], chars: Sequence[Char], hs: list[Segment]) -> list[Region]:
    """Every region cut at its captions, each part given its rules' joints and widened by its header and closing row."""
    out = []
    for part in (part for region in regions for part in cut_at_captions(region, chars)):
        lo, top, hi, bottom = part.bbox
        lines = [ln for ln in lines_in(chars, lo, hi) if top <= line_mid(ln) <= bottom]
        joints = rule_joints(hs, part.ys, lo, hi)
        kept = without_empty_columns(joints, lines) if between_columns(joints, lines) else ()
        ceiling = header_ceiling(chars, part.bbox, hs, RULE_OVERLAP)  # ceiling.py: not past a rule or a caption
        out.append(widened(replace(part, joints=tuple(kept)), [c for c in chars if c["top"] >= ceiling]))
    return out


def between_columns(joints: Sequence[float], lines: Sequence[Sequence[Char]]) -> bool:
    """Does every joint stand between text: in two lines or more, and in more lines than a phrase runs across it?

    A joint stands between text in a line with characters wholly left and
    wholly right of it and no phrase across it. Rules are also broken where
    a producer's path happens to end (near the table's edge, or in the
    middle of a column of text, which most of that column's lines then
    cross); such breaks are no column borders, and then the text's own
    borders are kept. A heading spanning some columns crosses the joints
    under it in a line or two only: its cell spans them.
    """
    def between(j: float) -> int:
        return sum(1 for ln in lines if any(c["x1"] <= j for c in ln) and any(c["x0"] >= j for c in ln)
                   and not _crossed(j, ln))

    def across(j: float) -> int:
        return sum(1 for ln in lines if _crossed(j, ln))

    return bool(joints) and all(between(j) >= MIN_SHARED_LINES and between(j) > across(j) for j in joints)


def _crossed(x: float, line: Sequence[Char]) -> bool:
    """Does a phrase of the line run across ``x`` by more than a hanging character on either side?"""
    for phrase in line_chunks(line, SPACE_GAP):
        lo, hi = _extent(phrase)
        hang = HANG * max(min(c["size"] for c in phrase), 1.0)
        if x - lo > hang and hi - x > hang:
            return True
    return False


def without_empty_columns(joints: Sequence[float], lines: Sequence[Sequence[Char]]) -> list[float]:
    """The joints less the left border of each column right of a joint that holds no phrase of its own.

    Rules drawn cell by cell also rule a producer's spacer column (a narrow
    empty cell between two groups of columns, or padding between numbers
    set flush right: ICDAR 2013's us-017, us-018); the table has no such
    column. The spacer joins the column on its left: the rule under a
    heading spanning the next group starts at the spacer's right edge.
    A phrase is a column's own when its centre lies in it and it reaches
    past neither border by more than a hanging character; a heading
    spanning the spacer is not.
    """
    phrases = [(*_extent(p), HANG * max(min(c["size"] for c in p), 1.0))
               for ln in lines for p in line_chunks(ln, SPACE_GAP)]
    return [left for left, right in zip(joints, (*joints[1:], float("inf")))
            if any(left < (lo + hi) / 2 < right and left - hang <= lo and hi <= right + hang for lo, hi, hang in phrases)]
