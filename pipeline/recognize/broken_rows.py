"""The rest of a row broken over a page break, printed in the band of the header printed again.

A page without rules between the header and the rows (Calligra Words, style
norules) sets the lines of a tall row that did not fit at the foot of the
page before right under the repeated header, in the header's row band: each
heading cell then reads 「委託の内容 活用する。)(2)…」. The header printed again is
dropped (``tables.repeats_field_names``); the text after each heading is the
broken row's, read as a row of its own (no No., the short cells empty) and
joined to the case before it as any continued row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.recognize.twice import squeezed
from pipeline.types import Cell


def under_header(row: Sequence[Cell], header: Sequence[Cell]) -> tuple[Cell, ...] | None:
    """The text that follows each heading of a header printed again, as a row (None: every cell is its heading
    alone, or some cell does not start with its heading: not the header printed again with text under it)."""
    headings = {c.col: c.text for c in header}
    rests = [after_heading(c.text, headings.get(c.col, "")) for c in row]
    if any(rest is None for rest in rests) or not any(rests):
        return None
    return tuple(dataclasses.replace(c, text=rest or "") for c, rest in zip(row, rests))


def after_heading(text: str, heading: str) -> str | None:
    """What follows ``heading`` at the start of ``text``, spaces inside either ignored ('' when nothing
    follows; None when ``text`` does not start with the heading)."""
    wanted = [ch for ch in heading if not ch.isspace()]
    i = 0
    for ch in wanted:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text) or text[i] != ch:
            return None
        i += 1
    return text[i:].strip()


def without_copies(rest: Sequence[Cell], above: Sequence[Sequence[Cell]]) -> tuple[Cell, ...] | None:
    """``rest`` less the text that repeats the last text of its column above (None when nothing is left).

    Calc draws the text of a merged cell that the page break cut again over
    the repeated header, outside its clip (「担当部課 玉川総合支所…」): a copy of the
    run's department, not the rest of a broken row.
    """
    last: dict[int, str] = {}
    for row in above:
        for cell in row:
            if cell.text.strip():
                last[cell.col] = squeezed(cell.text)
    kept = tuple(dataclasses.replace(c, text="") if squeezed(c.text) and squeezed(c.text) == last.get(c.col) else c
                 for c in rest)
    return kept if any(c.text.strip() for c in kept) else None
