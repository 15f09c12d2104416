"""A cell's text set over the closing mark that the cell before it hangs into its padding.

A producer that wraps by itself may let a line's closing marks (「、」「。」
「）」「ー」「・」, 禁則) hang past its cell's right edge, as far as they
need: matplotlib's report writer lets a run of three of them (「。)、」) reach
0.65 font sizes into the next cell's text, whose first character it then
draws over the mark's box. Read by gaps alone, the two cells' texts touch
and make one word (then one chunk, one column) across the border.

Characters set solid never overlap on a line: the next one starts where
the previous one's advance ends. So a letter or digit that starts more than
``OVERLAP`` font sizes before the end of a full-width character on the same
baseline was placed there on its own, the start of another text (a mark hung
by less than the next cell's padding overlaps it by less: 0.08 font sizes
seen), more than the overlap a producer's rounding of positions leaves
between two letters of a word (tracking.py, ``SOLID_OVERLAP``). Only after
a full-width character and only before a letter or digit: Latin kerning
(「Te」 0.14 font sizes) and fonts made bold by drawing a glyph twice
overlap within one word, and Japanese punctuation squeezed beside another
mark (「。（」, half a font size, Chromium and Typst) stays one word.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections.abc import Collection, Sequence
from itertools import pairwise
from typing import Any

from pipeline.config.typesetting import line_breaking
from pipeline.extract.wrapped import _full_width, ink_left

Char = dict[str, Any]

OVERLAP = 0.05  # font sizes two characters of one word may overlap (as wrapped.SOLID is the gap of solid setting)
NO_LINE_START = line_breaking().no_line_start  # 行頭禁則 (config/typesetting.toml): a line may hang them past its edge
HANGING = line_breaking().hanging  # the full-width closing marks of those, whose ink is the left half of their box
BASELINE = 0.1  # font sizes: two characters whose tops differ by more are on two lines merged into one row
SOLID_OVERLAP = "solid_overlap"  # key: font sizes the page's producer draws characters set solid over each other (tracking.py)


def _letter_or_digit(text: str) -> bool:
    return bool(text) and unicodedata.category(text[0])[0] in "LN"


def set_over(left: Char, right: Char) -> bool:
    """Does ``right`` start another text drawn over the end of ``left`` (module docstring)?"""
    size = max(min(left["size"], right["size"]), 1.0)
    return (_full_width(left["text"]) and _letter_or_digit(right["text"])
            and abs(left["top"] - right["top"]) <= BASELINE * size
            and left["x1"] - right["x0"] > (OVERLAP + right.get(SOLID_OVERLAP, 0.0)) * size)


def hung_under(left: Char, right: Char) -> bool:
    """Is ``left`` a closing mark hung past its column's edge, under the next column's text ``right``?

    Where the columns stand only in the text (no rules), only a closing
    mark cuts a line there: characters of one phrase drawn overlapping
    (tight tracking) stay one chunk.
    """
    return left["text"] in NO_LINE_START and set_over(left, right)


def hung_cuts(word: Sequence[Char], held: Sequence[int | None], right: Sequence[float],
              marks: Collection[str] = NO_LINE_START) -> list[int]:
    """Where ``word`` is cut in two: after closing marks hung past the right edge of the cell their line
    is in, before a character that starts beyond that edge, in another cell.

    ``held[i]`` is the cell of ``word[i]`` (a hanging mark placed with its
    line), ``right[c]`` cell ``c``'s right edge. The mark may abut the next
    cell's text (「対し、|世田谷保健」, 「外務省...|第69条」 with no gap):
    set solid, the two read as one word, which went whole to the cell
    holding most of it. A phrase crossing a border elsewhere stays whole.
    """
    cuts = []
    for j in range(1, len(word)):
        k = j - 1
        while k >= 0 and word[k]["text"] in marks:
            k -= 1
        if k == j - 1 or k < 0 or word[j]["text"] in marks:
            continue
        line_cell, next_cell = held[k], held[j]
        if line_cell is not None and next_cell is not None and line_cell != next_cell \
                and word[j]["x0"] >= right[line_cell] > word[k + 1]["x0"]:
            cuts.append(j)
    return cuts


def cut_hung_at_borders(chunks: Sequence[Sequence[Char]], borders: Sequence[float],
                        marks: Collection[str] = NO_LINE_START) -> list[list[Char]]:
    """A line's chunks, each also cut after closing marks hung past a column border (``hung_cuts``).

    Without rules the cells' right edges are the column borders the text
    leaves clear. matplotlib hangs 「...」 past the border with 0.02 font
    sizes before the next column's 「第69条」: neither a gap (``wrapped.
    split_at_borders``) nor an overlap (``set_over``) parts them. A
    character is in the column its centre lies in.
    """
    rights = [*borders, math.inf]
    out: list[list[Char]] = []
    for chunk in chunks:
        held: list[int | None] = [bisect_right(borders, (c["x0"] + c["x1"]) / 2) for c in chunk]
        bounds = [0, *hung_cuts(chunk, held, rights, marks), len(chunk)]
        out += [list(chunk[a:b]) for a, b in pairwise(bounds)]
    return out


def hung_across(phrase: Sequence[Char], x: float, marks: Collection[str] = NO_LINE_START) -> bool:
    """Does ``phrase`` cross the column border ``x`` only by closing marks hung past it?

    Either the next cell's text abuts the marks (``cut_hung_at_borders``), or
    the phrase ends with them: a line whose last character ends at its cell's
    edge (a half-width 「)」 there) hangs 「、」 wholly past it, by more than the one
    hanging character a border allows (matplotlib: 「…という。)、」 7.9 pt past a
    7.5 pt column's edge).
    """
    past = [c for c in phrase if (c["x0"] + c["x1"]) / 2 > x]
    if past and len(past) < len(phrase) and all(c["text"] in marks for c in past) \
            and all(c is d for c, d in zip(past, phrase[len(phrase) - len(past):])):
        return True
    return len(cut_hung_at_borders([phrase], [x], marks)) > 1


def line_extents(chunks: Sequence[Sequence[Char]]) -> list[tuple[float, float]]:
    """The extents of a line's chunks, each ending no later than the next one starts.

    Chunks read by gaps never overlap; two that do were cut where the next
    cell's text is drawn over the closing marks the cell before it hangs
    (``set_over``). A hung mark is part of its line and does not reach into
    the next column: counted whole, the two columns would overlap and read
    as one. The chunk ends with the last character that ends before the next one starts.
    A chunk opening with a full-width opening bracket starts at the bracket's
    ink, the right half of its box (``wrapped.blank_gap``): Scribus sets
    「「国保データベース…」 with the box's blank half in the gutter, touching
    the extent of the column before, and the two columns read as one.
    """
    out = []
    for n, chunk in enumerate(chunks):
        lo, hi = ink_left(min(chunk, key=lambda c: c["x0"])), max(c["x1"] for c in chunk)
        if n + 1 < len(chunks):
            start = min(c["x0"] for c in chunks[n + 1])
            hi = max((c["x1"] for c in chunk if c["x1"] < start), default=lo)
        out.append((lo, hi))
    return out


HUNG = "hung_past_rule"  # a character's key: placed in its cell by ``hung_past`` (it sets no reach of the cell's text)


def hung_past(prev: Char | None, ch: Char, box: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """Where to place ``ch`` inside ``box`` when it is the end of a line hung past the table's right rule, else None.

    A producer that wraps by itself lets a mark that cannot start a line (行頭禁則: 「ー」, 「、」, 「）」) overhang
    the cell at the line's end, by up to a character: past the table's right rule it lies outside every grid and
    was lost from the cell (reportlab's 「フォー|ム」, the middle of 「ー」 0.2 pt past the rule; matplotlib's
    「)」 1.5 pt past it). Only right after a character of the box on the same line, set against it.
    """
    x1 = box[2]
    size = max(ch["size"], 1.0)
    if prev is None or ch["text"] not in NO_LINE_START or not x1 < (ch["x0"] + ch["x1"]) / 2:
        return None
    if ch["x0"] > x1 + size or abs(ch["top"] - prev["top"]) > 0.2 * size or ch["x0"] - prev["x1"] > 0.3 * size:
        return None
    return x1 - 0.5, (ch["top"] + ch["bottom"]) / 2
