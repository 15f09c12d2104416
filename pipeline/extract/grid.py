"""Ruled grids and text lines found on a page image (pixels; no OCR here).

A chain of small steps over numpy arrays, each testable alone:

    gray -> ink_mask -> estimate_skew -> rotate -> rule_masks -> find_grids
         -> cell_lines / free_lines (text line boxes to hand to an engine: text_lines.py)

Everything is in pixels of the deskewed image; ``pipeline.extract.ocr`` turns
them into PDF points. Uses OpenCV (opencv-python-headless) for morphology and
rotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.extract.paper import even_paper, paper_level  # noqa: F401  (the page's chain starts there)
from pipeline.extract.skew import estimate_skew  # noqa: F401  (the chain's next step, ``ocr`` imports it here)


@dataclass(frozen=True)
class GridSettings:
    """What counts as a rule, a table and a text line; lengths are fractions of the page or in pixels."""

    dpi: int = 300
    rule_min_frac_w: float = 1 / 40  # a horizontal rule is at least this share of the page width
    rule_min_frac_h: float = 1 / 30  # a vertical rule, of the page height
    row_line_frac: float = 0.25  # a table row line runs at least this share of the table's width
    col_line_frac: float = 0.25  # a column line, of the table's height
    min_table_w: int = 120
    min_table_h: int = 40
    separator_coverage: float = 0.5  # below this share of a cell edge ruled, the cells are one merged cell
    # ... unless the edge holds pieces of a rule over at least this share and no text runs across it
    # (a thin rule of a skewed fax fades out over a few rows: 15-42% of a cell's edge was left)
    broken_edge_coverage: float = 0.1
    text_gap: int = 8  # pixels at 300 dpi: ink this close on both sides of such an edge is text across it
    max_skew: float = 3.0  # degrees searched either way
    line_gap_merge: float = 0.2  # gaps under this share of the line height are inside a line
    word_gap: float = 2.5  # gaps over this many line heights split running text into separate lines
    min_line_ink: int = 12  # pixels of ink a text line needs (smaller is dust)
    valley: float = 0.25  # a tall band is cut only where its ink falls below this share of its median
    dust: float = 0.05  # a small mark with less ink than this times the line height squared is dust
    # rules (pixels at 300 dpi, scaled by dpi): a straight run of ink at least rule_piece long is a
    # piece of a rule; pieces in line with gaps up to rule_gap are one rule (fax and photocopy
    # rules break). Chosen on the bitonal300/grey200/fax scans of both producers (issue 12): 60
    # split a fax table, 75 and 90 did not; it must stay under the 88 px between the fpdf2
    # copy's stacked summary tables, or their column rules join them into one
    rule_piece: int = 45
    rule_gap: int = 75
    # a rule's fragment (``rule_fragments``): a mark lying wholly within this many pixels (at 300 dpi)
    # of a long rule's line, this many times longer along it than thick; the band the OCR paints
    # out around a cell's edge (``ocr.grid_rules``) is 5 px, and a fax's fragments lay 1-7 px off
    fragment_reach: int = 5
    fragment_shape: float = 1.5
    # gaps of up to this many pixels (at 300 dpi) between a rule's pieces and fragments along a cell
    # edge count as ruled: a fax's row rule over a narrow flag column crumbled into dashes 8-10 px
    # apart that covered 42-47% of the edge, and the glyphs set tight above and below it merged
    # two rows' 有 into one cell (fax x fpdf2 pages 6 and 8)
    fragment_gap: int = 10
    # a page whose scan is stored at or below this resolution in either direction (a fax's 98 or
    # 100 dpi down) is smoothed before reading: Tesseract read the fax pipeline's descriptions
    # at 21-28% CER unsmoothed, 12-22% with a Gaussian of a third of a source pixel; the same
    # smoothing on the 200 and 300 dpi tuning scans made them worse, so it is for such pages only
    low_source_dpi: float = 120.0

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 1200:
            raise ValueError(f"dpi {self.dpi} outside 72..1200")
        if not 0 < self.separator_coverage < 1:
            raise ValueError("separator_coverage must be between 0 and 1")


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


@dataclass(frozen=True)
class Grid:
    box: tuple[int, int, int, int]
    xs: tuple[int, ...]  # column rule positions, left to right
    ys: tuple[int, ...]  # row rule positions, top to bottom
    cells: tuple[GridCell, ...] = field(default=())


Box = tuple[int, int, int, int]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """uint8 mask (255 = ink) by Otsu's threshold; works for grey and for bilevel scans."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def rotate(gray: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Rotate about the centre, same size, paper colour filling the corners."""
    if abs(angle) < 1e-3:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=fill)


def rule_masks(ink: np.ndarray, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule masks: long thin runs of ink that survive a morphological opening."""
    h, w = ink.shape
    kw = max(40, int(w * settings.rule_min_frac_w))
    kh = max(40, int(h * settings.rule_min_frac_h))
    scale = settings.dpi / 300
    piece, gap = max(9, round(settings.rule_piece * scale)), max(3, round(settings.rule_gap * scale))
    return (_long_runs(ink, (3, 1), (piece, 1), (gap, 1), (kw, 1)),
            _long_runs(ink, (1, 3), (1, piece), (1, gap), (1, kh)))


def rule_pieces(ink: np.ndarray, settings: GridSettings,
                rules: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Straight runs of ink a third of a rule piece long: what is left of a broken rule (masked to grid lines later).

    With ``rules`` (the long rules of ``rule_masks``), a horizontal run inside
    a mark that reaches well above and below it once the rules are taken away
    is left out: it is a bar through the middle of a glyph (区, 長), and on a row
    line that runs through a label merged over rows it would otherwise count as
    that cell's missing edge and split the label. A piece of a broken rule that
    touches text on one side only (a digit set right under it on a fax) stays.
    Vertical pieces are kept as they are: on the fax scans a broken column
    rule's piece hangs from a piece of the row rule (a T), which the same test
    took for a glyph and two header cells merged.

    With ``rules``, the fragments of a rule shorter than a piece are added too
    (``rule_fragments``).
    """
    short = max(5, round(settings.rule_piece * settings.dpi / 300 / 3))
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (short, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, short)))
    if rules is None:
        return h, v
    _, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_and(ink, cv2.bitwise_not(rules)),
                                                           connectivity=8)
    at = np.nonzero(h)
    mark = labels[at]  # 0: the paper and the long rules
    top = stats[mark, cv2.CC_STAT_TOP]
    bottom = top + stats[mark, cv2.CC_STAT_HEIGHT]
    through = (mark > 0) & (top < at[0] - short // 2) & (bottom > at[0] + short // 2 + 1)
    h[at[0][through], at[1][through]] = 0
    frag_h, frag_v = rule_fragments(labels, stats, rules, settings)
    return h | frag_h, v | frag_v


def rule_fragments(labels: np.ndarray, stats: np.ndarray, rules: np.ndarray,
                   settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """What is left of a broken rule beside its long pieces: marks in line with a rule, longer than thick.

    ``labels`` and ``stats`` are the connected marks of the ink with the long
    ``rules`` taken away. A fragment lies wholly within ``fragment_reach`` of
    a long rule's line (a row rule's y, a column rule's x: ``_rule_bands``)
    and is ``fragment_shape`` times longer than thick; a T of a row rule's sliver and a column rule's stub lies
    in the two lines' bands together. Tesseract read such marks left inside a
    count cell as a dash (fax x fpdf2: 「-0」, 「ー0」, and 「309」 beside
    「115」 as one cell, a stub left in the gap where the column rule was).
    A glyph's stroke is part of a mark that reaches out of the band, and a
    dot or a speck is as thick as it is long. Only pixels on a grid's cell
    edges are used (``find_grids``, ``ocr.grid_rules``), like every piece.
    """
    h_rules, v_rules = _rule_lines(rules, settings)
    rows, cols = _rule_bands(h_rules, v_rules, settings)
    # the ink's pixels only (a few percent of the page): masks and look-ups over the whole page were
    # a twentieth of a fax page's reading time (the speckle makes thousands of marks)
    ys, xs = np.nonzero(labels)
    mark = labels[ys, xs]
    on_row, on_col = rows[ys], cols[xs]
    outside = np.bincount(mark[~(on_row | on_col)], minlength=len(stats))
    w, ht = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    long_side, thick = np.maximum(w, ht), np.minimum(w, ht)
    least = max(3, round(4 * settings.dpi / 300))
    keep = (outside == 0) & (long_side >= settings.fragment_shape * thick) & (long_side >= least)
    keep[0] = False  # the paper and the long rules
    kept = keep[mark]
    frag_h, frag_v = np.zeros_like(labels, np.uint8), np.zeros_like(labels, np.uint8)
    frag_h[ys[kept & on_row], xs[kept & on_row]] = 255
    frag_v[ys[kept & on_col], xs[kept & on_col]] = 255
    return frag_h, frag_v


def _rule_lines(rules: np.ndarray, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """The long rules (``rule_masks``, one mask) parted into horizontal and vertical ones."""
    piece = max(9, round(settings.rule_piece * settings.dpi / 300))
    return (cv2.morphologyEx(rules, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (piece, 1))),
            cv2.morphologyEx(rules, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, piece))))


def _rule_bands(h_rules: np.ndarray, v_rules: np.ndarray, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """Where a rule's fragment may lie: the rows within ``fragment_reach`` of the y of a long horizontal
    rule, and the columns within it of the x of a long vertical one (boolean, one per row / column),
    anywhere along the rule's line.

    Along the whole line, not near the long pieces alone: a fax's row rule
    broke into pieces each shorter than a rule over a quarter of the table's
    width (fax x fpdf2 page 1, the fourth column), and the column rule a fax
    drops for a row leaves a stub at its foot, a row's height from the rule
    above. The marks are used on a grid's cell edges only, which are such lines.
    """
    reach = max(2, round(settings.fragment_reach * settings.dpi / 300))

    def near(on: np.ndarray) -> np.ndarray:
        return np.convolve(on.astype(np.int32), np.ones(2 * reach + 1, np.int32), mode="same") > 0

    return near(np.asarray(h_rules.any(axis=1))), near(np.asarray(v_rules.any(axis=0)))


def _long_runs(ink: np.ndarray, *kernels: tuple[int, int]) -> np.ndarray:
    """Rules along one direction: bridge pixel breaks, keep straight pieces, join pieces in line, keep long ones.

    Bridging only a few pixels before looking for pieces matters: a wide bridge
    on the ink joins the strokes of neighbouring glyphs (blurred or tightly set
    text) into runs as long as a rule, which then cut through the text.

    The four closings and openings are eight passes of erosion and dilation; an
    erosion right after an erosion (a closing's end, the next opening's start) is
    one erosion by the two segments' sum (``_chained``), and so for dilations: the
    same pixels in five passes (a pass costs about the same whatever its length).
    """
    (bridge, piece, join, length) = kernels
    out = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
    for step, (first, then) in ((cv2.erode, (bridge, piece)), (cv2.dilate, (piece, join)),
                                (cv2.erode, (join, length))):
        kernel, anchor = _chained(first, then)
        out = step(out, kernel, anchor=anchor)
    return cv2.dilate(out, cv2.getStructuringElement(cv2.MORPH_RECT, length))


def _chained(first: tuple[int, int], then: tuple[int, int]) -> tuple[np.ndarray, tuple[int, int]]:
    """One line segment (kernel and anchor) that erodes (dilates) as eroding (dilating) by ``first`` then by
    ``then`` does, both centred as OpenCV centres them (``size // 2``) and along the same axis.

    Each pass takes the min (max) over the pixels ``anchor`` before to ``size - 1 - anchor`` after; two in
    a row reach as far as both together, and at the image's edge OpenCV leaves out what lies beyond in
    both, so the edges come out the same too.
    """
    size = (first[0] + then[0] - 1, first[1] + then[1] - 1)
    anchor = (first[0] // 2 + then[0] // 2, first[1] // 2 + then[1] // 2)
    return cv2.getStructuringElement(cv2.MORPH_RECT, size), anchor


def _positions(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs of ``profile >= threshold``."""
    on = profile >= threshold
    out: list[int] = []
    i, n = 0, len(profile)
    while i < n:
        if on[i]:
            j = i
            while j + 1 < n and on[j + 1]:
                j += 1
            out.append((i + j) // 2)
            i = j + 1
        else:
            i += 1
    return out


def _merge_close(values: list[int], tolerance: int) -> list[int]:
    out: list[int] = []
    for v in values:
        if out and v - out[-1] <= tolerance:
            out[-1] = (out[-1] + v) // 2
        else:
            out.append(v)
    return out


def _coverage(mask: np.ndarray, x0: int, y0: int, x1: int, y1: int, bridge: int = 0) -> float:
    """Share of the positions along a thin strip (long side) where the mask has ink, gaps of up to
    ``bridge`` positions between two inked ones counted as inked."""
    strip = mask[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
    if strip.size == 0:
        return 0.0
    on = strip.max(axis=1) > 0 if strip.shape[0] >= strip.shape[1] else strip.max(axis=0) > 0
    if bridge > 0:
        for a, b in true_runs(~on):
            if 0 < a and b < len(on) and b - a <= bridge:
                on[a:b] = True
    return float(on.mean())


def find_grids(horiz: np.ndarray, vert: np.ndarray, settings: GridSettings,
               pieces: tuple[np.ndarray, np.ndarray] | None = None,
               ink: np.ndarray | None = None) -> list[Grid]:
    """Tables: connected groups of rules with at least two rows and two columns of lines.

    ``pieces`` (``rule_pieces``), when given, also count as rule where a cell
    edge is tested: over a narrow column a broken rule's pieces are too short
    to survive ``rule_masks``, and the cells would wrongly merge. With the
    page's ``ink`` too, an edge with only some pieces left stays an edge where
    no text runs across it (``broken_edge``).
    """
    edge_h, edge_v = (horiz | pieces[0], vert | pieces[1]) if pieces is not None else (horiz, vert)
    grids: list[Grid] = []
    for x, y, w, h in _rule_groups(horiz, vert):
        if w < settings.min_table_w or h < settings.min_table_h:
            continue
        hsub = horiz[y:y + h, x:x + w]
        vsub = vert[y:y + h, x:x + w]
        row_profile = (hsub > 0).sum(axis=1)
        col_profile = (vsub > 0).sum(axis=0)
        ys = _merge_close([y + p for p in _positions(row_profile, settings.row_line_frac * w)], 6)
        xs = _merge_close([x + p for p in _positions(col_profile, settings.col_line_frac * h)], 6)
        if len(ys) < 2 or len(xs) < 2:
            continue
        grids.append(Grid((x, y, x + w, y + h), tuple(xs), tuple(ys), grid_cells(xs, ys, edge_h, edge_v, settings, ink)))
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


def _rule_groups(horiz: np.ndarray, vert: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the groups of rules that touch or nearly touch (within 4 px), in raster order.

    Labelled within the box around all the rules, not over the whole page: a
    third less labelling on a page of tables, and the same groups and boxes
    (the page outside that box has no rule to label).
    """
    both = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((5, 5), np.uint8))
    bx, by, bw, bh = cv2.boundingRect(both)
    if bw == 0 or bh == 0:
        return []
    _, _, stats, _ = cv2.connectedComponentsWithStats(both[by:by + bh, bx:bx + bw], connectivity=8)
    return [(bx + int(x), by + int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:]]


def broken_edge(rule: np.ndarray, ink: np.ndarray, box: Box, settings: GridSettings) -> bool:
    """Whether a cell edge that is mostly unruled is still an edge: some of its rule is left
    and no text runs across it.

    A thin rule of a skewed fax fades out wherever it crosses from one pixel column to the
    next: the rule between No. and the description was gone from 58-96% of some rows, which
    merged and lost the number into the description (「82世田谷区…」). A real merged cell
    has no rule piece inside it, and text across the line has ink close to it on both
    sides; here pieces are left, and the text on one side stops short of the line (a
    cell's padding, 10 px and more at 300 dpi; letters of a line stand under 8 px apart).
    Bits of the faded rule inside ``box`` (the strip, as for ``_coverage``) are not looked at.
    """
    if _coverage(rule, *box) < settings.broken_edge_coverage:
        return False
    left, right = _text_beside(rule, ink, box, settings)
    return not (left.any() and right.any())


def _text_beside(rule: np.ndarray, ink: np.ndarray, box: Box, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """Per row (column) of an edge's strip: whether ink that is not rule lies within ``text_gap``
    of it on one side, and on the other."""
    x0, y0, x1, y1 = (max(0, v) for v in box)
    reach = max(2, round(settings.text_gap * settings.dpi / 300))

    def text(ys: slice, xs: slice, axis: int) -> np.ndarray:
        return (ink[ys, xs] & ~rule[ys, xs]).any(axis=axis)

    if y1 - y0 >= x1 - x0:  # a column edge: text to its left and to its right
        return text(slice(y0, y1), slice(max(0, x0 - reach), x0), 1), text(slice(y0, y1), slice(x1, x1 + reach), 1)
    return text(slice(max(0, y0 - reach), y0), slice(x0, x1), 0), text(slice(y1, y1 + reach), slice(x0, x1), 0)


def lone_broken_edge(rule: np.ndarray, ink: np.ndarray, box: Box, settings: GridSettings) -> bool:
    """Whether a column edge missing in one row, that every other row of its grid has, is still an
    edge: some of its rule is left, or no ink but the rule's, and no line of text runs across it.

    A fax drops a column rule out for one row, and the cells become one: 「玉川総合支所地域振興課区長」
    (fax x reportlab No. 21: specks left, and ``broken_edge`` saw one just outside the strip on
    each side, 9 px apart in height), 「…国保・年金課区長」 (fax x fpdf2 No. 100: not a pixel left).
    The rule in the other rows says where the border is, so here text across is ink on both sides
    at the same heights (a line of letters shares its rows) over at least ``text_gap`` / 4 rows.
    """
    x0, y0, x1, y1 = (max(0, v) for v in box)
    stray = (ink[y0:y1, x0:x1] & ~rule[y0:y1, x0:x1]).any()
    if _coverage(rule, *box) < settings.broken_edge_coverage and stray:
        return False  # little rule, and ink in the gap that is not rule: a letter set on the line
    left, right = _text_beside(rule, ink, box, settings)
    reach = max(2, round(settings.text_gap * settings.dpi / 300))
    return int((left & right).sum()) < max(2, reach // 4)


def grid_cells(xs: list[int], ys: list[int], horiz: np.ndarray, vert: np.ndarray,
               settings: GridSettings, ink: np.ndarray | None = None) -> tuple[GridCell, ...]:
    """Cells of a grid; neighbours with no rule between them are one merged cell.

    With ``ink``, an edge ruled over less than ``separator_coverage`` still
    parts two cells when it is a broken rule with no text across it (``broken_edge``), and a
    column edge every other row has, the only one its row lacks, when no line of text crosses it
    (``lone_broken_edge``; a heading merged over several columns lacks several).
    """
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))
    bridge = round(settings.fragment_gap * settings.dpi / 300)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    def column_strip(r: int, c: int) -> Box:  # along the rule between columns c and c + 1 in row r
        pad_y = max(2, (ys[r + 1] - ys[r]) // 6)
        return (xs[c + 1] - 3, ys[r] + pad_y, xs[c + 1] + 4, ys[r + 1] - pad_y)

    parted = {(r, c) for r in range(nr) for c in range(nc - 1)
              if (_coverage(vert, *column_strip(r, c), bridge) >= settings.separator_coverage
                  or (ink is not None and broken_edge(vert, ink, column_strip(r, c), settings)))}
    for r in range(nr):
        for c in range(nc):
            pad_x = max(2, (xs[c + 1] - xs[c]) // 6)
            if c + 1 < nc and (r, c) not in parted:
                others = [(o, c) in parted for o in range(nr) if o != r]  # the edge known from the rows around it
                lone = (ink is not None and len(others) >= 2 and all(others)  # and the row's only missing edge:
                        and all((r, o) in parted for o in range(nc - 1) if o != c))  # not a heading over columns
                if not (lone and lone_broken_edge(vert, ink, column_strip(r, c), settings)):  # type: ignore[arg-type]
                    union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr:
                y = ys[r + 1]
                strip = (xs[c] + pad_x, y - 3, xs[c + 1] - pad_x, y + 4)
                if (_coverage(horiz, *strip, bridge) < settings.separator_coverage
                        and (ink is None or not broken_edge(horiz, ink, strip, settings))):
                    union(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return tuple(cells)


# ---------------------------------------------------------------- text lines


def true_runs(on: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the runs of True."""
    padded = np.concatenate([[False], on, [False]])
    diff = np.diff(padded.astype(np.int8))
    starts = np.flatnonzero(diff == 1)
    ends = np.flatnonzero(diff == -1)
    return list(zip(starts.tolist(), ends.tolist()))


def cell_interior(cell: GridCell, inset: int) -> Box:
    x0, y0, x1, y1 = cell.box
    return (x0 + inset, y0 + inset, max(x0 + inset, x1 - inset), max(y0 + inset, y1 - inset))
