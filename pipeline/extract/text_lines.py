"""Text lines inside a region of a page image: where each line runs, top to bottom and left to right.

The second half of the image chain of ``grid`` (split from it): once the
grids are found, each cell's ink (or the page's ink outside any table) is cut
into line bands and each band into the extents an engine reads. Pixels of the
deskewed image, as in ``grid``.
"""

from __future__ import annotations

import numpy as np

from pipeline.extract.grid import Box, GridSettings, true_runs


def line_bands(ink: np.ndarray, line_height: float | None, settings: GridSettings,
               floor: float = 0.0) -> list[tuple[int, int]]:
    """Vertical extents [y0, y1) of the text lines in an ink region (a cell, or the page outside tables).

    Without a ``line_height`` the region's own is the median band height, of
    the bands at least ``floor`` high: on a speckled page (fax, photocopy) the
    specks far outnumber the lines and would otherwise set the height.
    """
    profile = (ink > 0).sum(axis=1)
    bands = true_runs(profile > 0)
    if not bands:
        return []
    heights = [b - a for a, b in bands]
    lh = line_height or float(np.median([h for h in heights if h >= floor] or heights))
    merged: list[list[int]] = []
    for a, b in bands:
        if merged and a - merged[-1][1] < settings.line_gap_merge * lh:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out: list[tuple[int, int]] = []
    for a, b in merged:
        ink_count = int(profile[a:b].sum())
        if ink_count < settings.min_line_ink or (b - a < 0.35 * lh and ink_count < settings.dust * lh * lh):
            continue  # dust, not a line
        n = round((b - a) / (lh * 1.2)) if (b - a) > 1.6 * lh else 1
        if n <= 1:
            out.append((a, b))
            continue
        # lines touching each other: cut at the emptiest row near each expected boundary
        cuts = [a]
        step = (b - a) / n
        typical = float(np.median(profile[a:b]))
        for k in range(1, n):
            lo, hi = int(a + (k - 0.35) * step), int(a + (k + 0.35) * step)
            if hi <= lo:
                continue
            at = lo + int(np.argmin(profile[lo:hi]))
            if profile[at] <= settings.valley * typical:  # a real gap between lines, not one big line
                cuts.append(at)
        cuts.append(b)
        out.extend((cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1))
    return out


def line_extents(ink: np.ndarray, band: tuple[int, int], line_height: float,
                 settings: GridSettings, split: bool) -> list[tuple[int, int]]:
    """Horizontal extents [x0, x1) of the ink in one band; ``split`` breaks it at wide gaps."""
    rows = ink[band[0]:band[1]] > 0
    cols = rows.sum(axis=0)
    runs = true_runs(cols > 0)
    if not runs:
        return []
    runs = _without_dust(runs, rows, line_height, settings)
    if not split:
        return [(runs[0][0], runs[-1][1])]
    out = [list(runs[0])]
    for a, b in runs[1:]:
        if a - out[-1][1] > settings.word_gap * line_height:
            out.append([a, b])
        else:
            out[-1][1] = b
    return [(a, b) for a, b in out]


TALL_BAND = 2.5  # line heights: a band of the page outside tables taller than this may hold several lines


def banded(ink: np.ndarray, band: tuple[int, int], extent: tuple[int, int], line_height: float,
           settings: GridSettings) -> list[tuple[int, int]]:
    """The lines of one piece of a band (``extent`` of its columns), each only as tall as its own ink.

    A band is cut from the page's whole width: ink down the margin (the
    ragged edge of a binding's shadow, a mark running down the page) joins
    every line beside it into one band, and a piece of it then spans all of
    them: the caption of a table and, under it, the table's own column read
    as one line. Within its own columns, a piece taller than ``TALL_BAND``
    lines is banded again; a line's own band is kept as it was.
    """
    a, b = extent
    if band[1] - band[0] <= TALL_BAND * line_height:
        return [band]
    inner = line_bands(ink[band[0]:band[1], a:b], line_height, settings)
    return [(band[0] + top, band[0] + bottom) for top, bottom in inner] or [band]


def _without_dust(runs: list[tuple[int, int]], rows: np.ndarray, line_height: float,
                  settings: GridSettings) -> list[tuple[int, int]]:
    """The runs of a band that are not dust: small marks far from every mark that is not small.

    Distance is measured from the text, not from the next mark: a row of specks
    across an empty cell (fax, photocopy) is a chain of small gaps, and judging
    each speck by its neighbour kept the whole chain and stretched a lone 「0」's
    box across the cell, which Tesseract then read as nothing. A band of small
    marks only (、 or ・・・, say) is left as it is. A speck with more ink than
    ``dust`` allows is dust too when it is short as well as narrow (under
    ``SPECK`` of a line height each way) and over a line height from the text:
    a scanner's dust a few pixels across, far out in a wide cell, stretched a
    department's box over the empty cell and Tesseract read noise there
    (「高齢福祉課指名」); a narrow glyph (1, l) is as tall as the line.
    """
    cols = rows.sum(axis=0)

    def small(run: tuple[int, int]) -> bool:
        a, b = run
        return b - a < 0.3 * line_height and int(cols[a:b].sum()) < settings.dust * line_height * line_height

    def speck(run: tuple[int, int]) -> bool:
        a, b = run
        tall = np.flatnonzero(rows[:, a:b].any(axis=1))
        return b - a < SPECK * line_height and tall.size > 0 and tall[-1] - tall[0] + 1 < SPECK * line_height

    text = [run for run in runs if not small(run) and not speck(run)]
    if not text or len(text) == len(runs):
        return runs

    def distance(run: tuple[int, int]) -> int:
        return min(max(t[0] - run[1], run[0] - t[1], 0) for t in text)

    return [run for run in runs if (not small(run) or distance(run) <= 0.5 * line_height)
            and (not speck(run) or distance(run) <= line_height)]


SPECK = 0.35  # line heights: a mark narrower and shorter than this, far from the text, is a speck


def typical_line_height(ink: np.ndarray, regions: list[Box], min_ink: int = 0) -> float:
    """Median height of the ink bands in the given regions: one estimate for the page.

    Bands with less than ``min_ink`` pixels of ink are left out: the specks of
    a fax or photocopy far outnumber the text lines and would pull the median
    down to their own size.
    """
    heights: list[int] = []
    for x0, y0, x1, y1 in regions:
        sub = ink[y0:y1, x0:x1]
        if sub.size == 0:
            continue
        profile = (sub > 0).sum(axis=1)
        for a, b in true_runs(profile > 0):
            if b - a >= 4 and int(profile[a:b].sum()) >= min_ink:
                heights.append(b - a)
    return float(np.median(heights)) if heights else 30.0


# the ink a printed character leaves on a scan, in squares of a body character (``BODY_PT`` at the page's
# resolution), with its share of specks and rule remnants: chosen so that what the engines read is about what
# the ink suggests on tuning scans (read / suggested 0.86-2.2 on bitonal300, grey200, camera and fax pages;
# docs/ocr.md). Not the page's own line height: on a page whose grid
# was not found, its lines are not either (one band the height of the table), and the measure must hold there.
CHAR_INK = 0.45
BODY_PT = 9.0  # reports set their tables in 8-10.5 pt; a larger type only makes the page look better read


def ink_characters(text_ink: np.ndarray, dpi: float) -> float:
    """About how many characters the page's text ink (rules painted out) would make: what reading it should give
    back, within a factor of two or three; far fewer read means text was not found
    (``page_doubts.page_doubts``)."""
    side = BODY_PT / 72.0 * dpi
    return float(np.count_nonzero(text_ink)) / (CHAR_INK * side * side)
