"""Word spaces the text layer draws: which characters follow a space typed inside a cell's text.

Tables without rules are read from the inked characters alone (unruled.py
drops the spaces before it groups lines), and two full-width characters
more than ``wrapped.CJK_GAP`` font sizes apart are taken as the ends of two
cells' texts set beside each other. A space character drawn in that gap
says otherwise: the producer typed it inside one text (「【ママズルーム】 母子保健法」,
which Gnumeric sets 0.31 font sizes wide, just past CJK_GAP), so the gap is
a word space. Such a character is marked (``SPACED``) and ``wrapped.joins``
holds the gap to the ordinary chunk gap. A gutter between two cells has no
space drawn in it, so columns are still parted where Calc leaves 0.49 to
0.65 font sizes between a filled description and its neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.extract.alignment import chars_to_rows
from pipeline.extract.unruled_terms import SPACED

Char = dict[str, Any]

FILLS = 0.1  # the space starts within this many font sizes of the character before it (it fills the gap)


def inked_marking_spaces(chars: Sequence[Char]) -> list[Char]:
    """The non-space characters, a copy of each one a drawn space stands just before marked SPACED.

    Lines are grouped from the inked characters alone, as unruled.py groups
    them; a space belongs to the line whose first character's top it shares
    (within half a font size) and must lie between its two neighbours there:
    from the end of the character before it (within FILLS font sizes) up to
    the next one. Characters not after a space are the page's own objects.
    """
    spaces = [c for c in chars if c["text"].isspace()]
    out: list[Char] = []
    for row in chars_to_rows([c for c in chars if not c["text"].isspace()]):  # the lines unruled.py reads
        reach = 0.5 * max(row[0]["size"], 1.0)
        drawn = [s for s in spaces if abs(s["top"] - row[0]["top"]) <= reach]
        before: Char | None = None  # the last inked character of the row
        space: Char | None = None  # a space drawn since then
        for ch in sorted([*row, *drawn], key=lambda c: c["x0"]) if drawn else row:
            if ch["text"].isspace():
                if before is not None and ch["x0"] >= before["x1"] - FILLS * max(ch["size"], 1.0):
                    space = ch
                continue
            if space is not None and space["x1"] <= ch["x0"] + FILLS * max(ch["size"], 1.0):
                ch = {**ch, SPACED: True}
            out.append(ch)
            before, space = ch, None
    return out
