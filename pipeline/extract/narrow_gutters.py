"""Column borders narrower than a chunk gap: a stripe between numbers and Japanese text that no line crosses.

An unruled table's columns come from the gaps between chunks, runs of text
no more than CHUNK_GAP font sizes apart (``alignment.line_chunks``), and a
border that some lines cross is kept only when more lines leave it clear
(``wrapped.clear_borders``). A narrow column of numbers set beside a column
of Japanese text can fall short of both: the numbers' column is only as
wide as its widest value, and a two-digit number ends closer to the next
column's text than CHUNK_GAP (AbiWord: 「10」 0.61 font sizes before 「警察」,
「1」 0.85). Every row numbered 10 and up then reads as one chunk 「10警察」;
on a page of such rows only, or where they outnumber the rows 1 to 9, the
two columns read as one (a header cell 「No 提供先」 no table kind takes).

Japanese is set without spaces between words. Between a half-width and a
full-width character a producer leaves at most a quarter em (JIS X 4051's
四分アキ), or a typed half-width space, at most HALF_WIDTH font sizes (half an
em: a fixed-pitch Japanese font's) and drawn as a space by most producers
(``typed_space``: then it is a space, whatever its width). So a vertical
stripe that no character of the table touches, which MIN_CROSSING or more
lines cross, each between two characters one of them full-width and more
than HALF_WIDTH apart with no space drawn between them, is a column border:
those lines are cut there as ``wrapped.split_at_borders`` cuts at a clear
border. A gap between two half-width characters never counts: a phrase of
Latin words wraps across a column at its word spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.unruled_terms import SPACED
from pipeline.extract.wrapped import _full_width, split_at_borders

Char = dict[str, Any]
Stripe = tuple[float, float]

HALF_WIDTH = 0.5  # font sizes: the widest space typed between a number and Japanese text (a half-width space)
# lines crossing a stripe: two rows that agree. One alone could be letter-spaced text (「第 1 条」); three
# (an unruled table's minimum) missed Calligra's centred list, whose two longest recipients (No. 18, 19)
# fill their column up to 0.66 font sizes after the number, their page's only rows to cross it
MIN_CROSSING = 2


def split_at_gapped_borders(lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> list[list[list[Char]]]:
    """Each line's chunks cut at the borders ``gapped_borders`` finds (a frame's columns read from its text)."""
    borders = gapped_borders(lines_chunks)
    return [split_at_borders(cs, borders) if borders else [list(c) for c in cs] for cs in lines_chunks]


def gapped_borders(lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> list[float]:
    """The middle of each stripe that MIN_CROSSING or more lines cross only at a gap no Japanese phrase leaves."""
    chunks = [chunk for cs in lines_chunks for chunk in cs]
    gaps = [[g for g in map(wide_gap, pairwise(chunk)) if g is not None] for chunk in chunks]
    stripes: list[Stripe] = []
    for lo, hi in sorted({g for chunk_gaps in gaps for g in chunk_gaps}):
        x = (lo + hi) / 2
        if any(a <= x <= b for a, b in stripes):
            continue
        stripe = _stripe_at(x, chunks, gaps)
        if stripe is not None:
            stripes.append(stripe)
    return [(a + b) / 2 for a, b in stripes]


def wide_gap(pair: tuple[Char, Char]) -> Stripe | None:
    """The gap between two neighbouring characters when it is wider than Japanese spacing leaves (module docstring)."""
    left, right = pair
    if not (_full_width(left["text"]) or _full_width(right["text"])) or right.get(SPACED, False):
        return None
    size = max(min(left["size"], right["size"]), 1.0)
    return (left["x1"], right["x0"]) if right["x0"] - left["x1"] > HALF_WIDTH * size else None


def _stripe_at(x: float, chunks: Sequence[Sequence[Char]], gaps: Sequence[Sequence[Stripe]]) -> Stripe | None:
    """The empty stripe around ``x`` that every chunk across it leaves at a wide gap (None: one crosses it inked)."""
    lo, hi, crossing = float("-inf"), float("inf"), 0
    for chunk, chunk_gaps in zip(chunks, gaps):
        start, end = min(c["x0"] for c in chunk), max(c["x1"] for c in chunk)
        if end <= x:
            lo = max(lo, end)
        elif start >= x:
            hi = min(hi, start)
        else:
            around = [(a, b) for a, b in chunk_gaps if a <= x <= b]
            if not around:
                return None
            crossing += 1
            lo, hi = max(lo, around[0][0]), min(hi, around[0][1])
    return (lo, hi) if crossing >= MIN_CROSSING and lo < hi else None
