"""Ruled-grid detection from line segments, shared by the text layer and OCR.

A city hall's Excel print-out draws every cell border. Given the page's
horizontal and vertical segments (from the PDF's drawing operators, or from an
image), this finds each table's grid and its cells, merged cells included, in
the chain of small steps pdfplumber's TableFinder uses (segments → merged
segments → connected tables → bands → cells), but without per-cell text
extraction, which is where pdfplumber spends its time.

Coordinates are top-left-origin points (or pixels: the code is unit-free).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

SNAP = 1.5  # segments closer than this are the same line
MIN_BAND = 3.0  # narrower bands are double-drawn borders, not cells


@dataclass(frozen=True)
class Segment:
    """A horizontal (pos = y, lo..hi = x) or vertical (pos = x, lo..hi = y) line."""

    pos: float
    lo: float
    hi: float


@dataclass(frozen=True)
class GridCell:
    row: int  # top band index
    col: int  # left band index
    row_span: int
    col_span: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column boundaries, left to right
    ys: tuple[float, ...]  # row boundaries, top to bottom
    cells: tuple[GridCell, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """Band indices (row, col) holding point (x, y), or None outside the grid."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        row = min(bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        return row, col


def merge_segments(segments: list[Segment], snap: float = SNAP) -> list[Segment]:
    """Join collinear segments that touch or overlap (Excel draws a border per cell).

    Segments are first grouped by position (each within ``snap`` of the
    previous), then joined along their length: two tables one above the
    other share column positions, and their pieces must not be joined
    across the gap between the tables.
    """
    out: list[Segment] = []
    groups: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: s.pos):
        if groups and seg.pos - groups[-1][-1].pos <= snap:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    for group in groups:
        pos = (group[0].pos + group[-1].pos) / 2  # a double rule's two lines: one rule between them
        run: list[Segment] = []
        for seg in sorted(group, key=lambda s: s.lo):
            if run and seg.lo <= run[-1].hi + snap:
                run[-1] = Segment(pos, run[-1].lo, max(run[-1].hi, seg.hi))
            else:
                run.append(Segment(pos, seg.lo, seg.hi))
        out += run
    return out


def _cluster(values: list[float], snap: float) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= snap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _crosses(h: Segment, v: Segment, snap: float) -> bool:
    return h.lo - snap <= v.pos <= h.hi + snap and v.lo - snap <= h.pos <= v.hi + snap


def segments_to_tables(
    horizontals: list[Segment], verticals: list[Segment], snap: float = SNAP, least_hs: int = 2
) -> list[tuple[list[Segment], list[Segment]]]:
    """Group segments into connected sets: each set that crosses itself is one table.

    Two horizontal rules at least (``least_hs``), and two vertical ones;
    ``partial_rules.open_ends`` takes one: a table cut by a page break may
    keep a single horizontal rule, its top or its foot.
    """
    hs = merge_segments(horizontals, snap)
    vs = merge_segments(verticals, snap)
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vs_by_x = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    xs_sorted = [vs[j].pos for j in vs_by_x]
    for i, h in enumerate(hs):
        start = bisect_right(xs_sorted, h.lo - snap - 1e-9)
        for k in range(start, len(vs_by_x)):
            j = vs_by_x[k]
            if vs[j].pos > h.hi + snap:
                break
            if _crosses(h, vs[j], snap):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    tables = [g for g in groups.values() if len(g[0]) >= least_hs and len(g[1]) >= 2]
    return sorted(tables, key=lambda g: (min(h.pos for h in g[0]), min(v.pos for v in g[1])))


def _covered(segments: list[Segment], pos: float, at: float, snap: float) -> bool:
    """Is there a segment at ``pos`` running through coordinate ``at``?"""
    return any(abs(s.pos - pos) <= snap and s.lo - snap <= at <= s.hi + snap for s in segments)


def table_to_grid(horizontals: list[Segment], verticals: list[Segment], snap: float = SNAP) -> Grid | None:
    """Bands from the segment positions, cells by joining bands with no border between them."""
    xs = [x for x in _cluster([v.pos for v in verticals], snap)]
    ys = [y for y in _cluster([h.pos for h in horizontals], snap)]
    xs = _drop_thin(xs)
    ys = _drop_thin(ys)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols - 1):
            if not _covered(verticals, xs[c + 1], mid_y, snap):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
    for c in range(n_cols):
        mid_x = (xs[c] + xs[c + 1]) / 2
        for r in range(n_rows - 1):
            if not _covered(horizontals, ys[r + 1], mid_x, snap):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            box = spans.setdefault(root, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    cells = tuple(
        sorted(
            (
                GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
                for r0, c0, r1, c1 in spans.values()
            ),
            key=lambda cell: (cell.row, cell.col),
        )
    )
    return Grid(tuple(xs), tuple(ys), cells)


def _drop_thin(bounds: list[float]) -> list[float]:
    out: list[float] = []
    for b in bounds:
        if out and b - out[-1] < MIN_BAND:
            continue
        out.append(b)
    return out


def segments_to_grids(horizontals: list[Segment], verticals: list[Segment], snap: float = SNAP) -> list[Grid]:
    """All ruled tables on a page, top to bottom."""
    grids = []
    for hs, vs in segments_to_tables(horizontals, verticals, snap):
        grid = table_to_grid(hs, vs, snap)
        if grid is not None and len(grid.cells) >= 2:
            grids.append(grid)
    return grids


def rule_joints(pieces: list[Segment], ys: tuple[float, ...], lo: float, hi: float, snap: float = SNAP) -> list[float]:
    """Where horizontal rules drawn cell by cell join: one piece ends where the next begins, in half the rules drawn so.

    A producer that rules each cell's edge alone (fpdf2; ICDAR 2013's
    us-024, us-025) draws a rule as pieces that abut at every column
    border: the one place the border is drawn when no vertical rule is.
    A rule under a heading that spans some columns stops with a gap at the
    heading's edges; those ends are the group's borders, not every
    column's, so a gap is no joint, and a rule drawn whole or with gaps
    only does not vote. A piece drawn twice (fpdf2) or overlapping the one
    before is no joint either.
    """
    drawn: list[list[float]] = []
    for y in _cluster(list(ys), snap):
        own = sorted((s for s in pieces if abs(s.pos - y) <= snap and lo - snap <= s.lo and s.hi <= hi + snap),
                     key=lambda s: (s.lo, s.hi))
        joints: list[float] = []
        reach = own[0].hi if own else 0.0  # how far the pieces so far run
        for piece in own[1:]:
            if abs(piece.lo - reach) <= snap and piece.hi > reach + snap and lo + snap < reach < hi - snap:
                joints.append(reach)
            reach = max(reach, piece.hi)
        if joints:
            drawn.append(joints)
    return [x for x in _cluster([x for joints in drawn for x in joints], snap)
            if 2 * sum(1 for joints in drawn if any(abs(j - x) <= snap for j in joints)) >= len(drawn)]


def borders_at_joints(borders: list[float], joints: tuple[float, ...]) -> list[float]:
    """Column borders: the rules' joints where the rules are drawn cell by cell, else those read from the text.

    The middle of a gap between two runs of text is a guess; a joint is
    where the producer drew the border, at every column it drew (a rule
    broken under a spanning heading leaves a gap, no joint: ``rule_joints``).
    A heading centred in its cell then falls in its column even when the
    body's numbers are set flush right against the next one. Whether the
    joints stand between the text at all is the caller's to judge
    (``rulestack.between_columns``): ``joints`` is empty when they do not.
    """
    return list(joints) if joints else borders
