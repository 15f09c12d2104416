"""Marks the scanner or the binder left on a scanned sheet, which are not the document.

An office copier's scan of a sheet smaller than its platen, or scanned with the
lid open, has solid black bands along one or two of the image's edges (ragged
where the sheet's edge and the lid's shadow meet), and a sheet that was filed in a
binder has its punch holes (パンチ穴) printed as black discs in the margin. Both are
larger and blacker than anything printed: a band reads as a rule as long as the
page and a few millimetres thick, and the grid finder, taking it for the frame of
one table the size of the page, found no table at all (the copier scans of stop
38: a whole page of a list read as one line, its rows lost). They are cleared
to paper before the page is read, and the page's note says so.

Told by their shape alone, never by where a producer puts them: a band is ink
running in from an image edge, up to a rule standing in it (``_before_print``: a gutter's shadow runs on past
Otsu's threshold into the page, and a table's outer rule is in it), at least ``BAND_MIN_MM`` and at most
``BAND_MAX_MM`` thick, along at least ``BAND_MIN_SHARE`` of that edge (a rule
drawn at the edge of a cropped scan is thinner; text running into the edge is
neither as thick nor as long); a hole is a solid disc of ``HOLE_MM`` across
within ``HOLE_MARGIN_MM`` of an edge, or such a disc cut by the image's edge
(no printed glyph is a solid disc that large). A dark header band, printed inside the margins, touches no edge.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.grid import ink_mask

BAND_MIN_MM = 1.0  # thinner runs from the edge are rules or strokes at a cropped scan's edge
BAND_MAX_MM = 20.0  # thicker runs are the page's own content (a dark photo), not the platen's shadow
BAND_MIN_SHARE = 0.25  # of the edge's length: a band runs along the sheet's side
BAND_PAD_MM = 0.3  # cleared past the band's ragged edge: its grey fringe
HOLE_MM = (4.0, 10.0)  # punch holes are 5-8 mm across (JIS and ISO two- and four-hole punches: 5.5-6.5 mm)
HOLE_ROUND = 0.2  # a hole's width and height differ by at most this share
HOLE_FILL = 0.65  # of its bounding box a solid disc fills pi/4 (0.785)
HOLE_MARGIN_MM = 25.0  # its centre lies this close to an edge: in the margin
CUT_SHARE = 0.3  # a hole cut by the image's edge (the sheet shifted on the platen) shows at least this much of it


def _mm(dpi: float, mm: float) -> int:
    return max(1, round(mm * dpi / 25.4))


def _left_band(ink: np.ndarray, dpi: float, gray: np.ndarray, shade: bool) -> np.ndarray:
    """Per row, how far a band runs in from the left edge (0: none on that row); ``shade``: see ``_before_print``."""
    h, w = ink.shape
    runs = np.where(ink.all(axis=1), w, np.argmax(~ink, axis=1))  # first paper pixel of each row
    runs[~ink[:, 0]] = 0
    if shade:
        runs = _before_print(gray, runs, _mm(dpi, BAND_MAX_MM), _mm(dpi, BAND_PAD_MM), dpi)
    thick = (runs >= _mm(dpi, BAND_MIN_MM)) & (runs <= _mm(dpi, BAND_MAX_MM))
    if thick.sum() < BAND_MIN_SHARE * h:
        return np.zeros(h, dtype=int)
    return np.where(runs <= _mm(dpi, BAND_MAX_MM), runs, 0)


PRINT_DIP = 24  # grey levels: in a run from the edge, a pixel this much darker than the lightest before it is print
RULE_ROWS_MM = 8.0  # a dip stands in a rule when the rows this far above and below it have theirs in the same place …
RULE_AGREE = 0.7  # … this share of them, within RULE_SHIFT_MM
RULE_SHIFT_MM = 0.3


def _before_print(gray: np.ndarray, runs: np.ndarray, reach: int, pad: int, dpi: float) -> np.ndarray:
    """Per row, the run from the left edge cut before a rule standing in it.

    A platen's band is uniformly black, a lid's or the next sheets' edge
    uniformly grey; a bound volume's gutter is a shadow, darkest at the edge
    and lightening towards the page over a centimetre or two, past Otsu's
    threshold for several millimetres inside the page. Read as ink, that
    shadow ran on through the table's outer rule and the text beside it, and
    all of it was cleared (ledger scans: a page's last column lost). A rule
    in the shade is a dip: a pixel ``PRINT_DIP`` darker than the lightest one
    between it and the edge. A desk's grain left at the edge of a flattened
    photo dips as much, so a row's first dip cuts its run only where the
    rows around it dip at the same place (a rule drawn down the page, not a
    streak), and only on a scan (``shade``): at the edge of a photographed
    sheet, once flattened, the desk's last strip ends in the sheet's own edge,
    a line as straight as a rule, and no bound volume's shade is there to be
    told from a band. The run then ends ``pad`` short of it (the caller clears that
    much past a band's ragged edge, which a cut run has not). Rows running
    further than ``reach`` are left to the caller's limit.
    """
    rows = np.flatnonzero((runs > 0) & (runs <= 2 * reach))
    first = np.full(len(runs), -1)
    for row in rows:
        profile = gray[row, :int(runs[row])].astype(np.int16)
        dips = np.flatnonzero(profile < np.maximum.accumulate(profile) - PRINT_DIP)
        if dips.size:
            first[row] = int(dips[0])
    near, shift = _mm(dpi, RULE_ROWS_MM), _mm(dpi, RULE_SHIFT_MM)
    out = runs.copy()
    for row in np.flatnonzero(first >= 0):
        around = first[max(0, row - near):row + near + 1]
        if np.mean(np.abs(around - first[row]) <= shift) >= RULE_AGREE:
            out[row] = max(1, int(first[row]) - pad)
    return out


def _holes(ink: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """The boxes of solid discs of a punch hole's size in the margin."""
    h, w = ink.shape
    lo, hi, margin = _mm(dpi, HOLE_MM[0]), _mm(dpi, HOLE_MM[1]), _mm(dpi, HOLE_MARGIN_MM)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    found = []
    for x, y, bw, bh, area in stats[1:]:
        across, down = bw, bh
        if y == 0 or y + bh == h:  # a disc cut by the top or bottom edge: its width is its diameter
            down = bw if CUT_SHARE * bw <= bh <= bw else bh
        if x == 0 or x + bw == w:
            across = bh if CUT_SHARE * bh <= bw <= bh else bw
        if not (lo <= across <= hi and lo <= down <= hi) or abs(across - down) > HOLE_ROUND * max(across, down):
            continue
        cx, cy = x + bw / 2, y + bh / 2
        if area >= HOLE_FILL * bw * bh and min(cx, cy, w - cx, h - cy) <= margin:
            found.append((int(x), int(y), int(x + bw), int(y + bh)))
    return found


def without_scan_marks(gray: np.ndarray, dpi: float, shade: bool = True) -> tuple[np.ndarray, str]:
    """The page with edge bands and punch holes cleared to paper, and a note of what was cleared ('' for none).

    ``shade``: a band may be a bound volume's shade with print in it (a scan; False for a flattened photo)."""
    ink = ink_mask(gray) > 0
    out: np.ndarray | None = None
    bands = 0
    pad = _mm(dpi, BAND_PAD_MM)
    for turns in range(4):  # each edge as the left one: rotate, measure, clear, rotate back
        view = np.rot90(ink, turns)
        runs = _left_band(view, dpi, np.rot90(gray, turns), shade)
        if not runs.any():
            continue
        bands += 1
        out = gray.copy() if out is None else out
        cleared = np.rot90(out, turns)  # a view: writing to it writes to ``out``
        cols = np.arange(view.shape[1])
        cleared[(cols[None, :] < (runs[:, None] + pad)) & (runs[:, None] > 0)] = 255
    holes = _holes(ink, dpi)
    for x0, y0, x1, y1 in holes:
        out = gray.copy() if out is None else out
        out[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = 255
    if out is None:
        return gray, ""
    said = [f"{bands} black band(s) at the image's edges" if bands else "",
            f"{len(holes)} punch hole(s)" if holes else ""]
    return out, "cleared " + " and ".join(s for s in said if s)


STROKE_INCHES = 0.5  # a straight solid run of ink this long is no stroke of text at any size a report prints


def without_long_strokes(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The ink outside the tables less every straight solid run longer than ``STROKE_INCHES``, across or down.

    A report filed in a binder and scanned there shows the edges of the sheets
    under it as thin lines along the page, and a lid not quite closed draws its
    edge: outside every table those lines stand beside the text, and one running
    down the margin joined every line of the page's head into one band of text
    (its captions lost: a summary table's criterion unknown). Text's own strokes
    are a character long; a run a third of a line of type is a line someone drew
    or the scan made, never text.
    """
    reach = max(3, round(STROKE_INCHES * dpi))
    long = cv2.bitwise_or(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((reach, 1), np.uint8)),
                          cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, reach), np.uint8)))
    if not long.any():
        return ink.copy()
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(long, np.ones((3, 3), np.uint8))))

