"""A line that ends at its cell's drawn edge hangs its closing marks wholly past it.

matplotlib sets 「…という。)、」 in a 7.5 pt description cell with the half-width
「)」 ending at the cell's right edge, where the fills of a banded row meet
(492.2 pt): the hung 「、」 lies entirely in the next column, 7.9 pt past the
border, more than the one hanging character a border allows, and the next
column's 「世田谷…」 starts under it. The border is not crossed by the line; a
phrase with letters past the border is.
"""

from __future__ import annotations

from pipeline.extract.alignment import virtual_verticals
from pipeline.extract.overset import hung_across

SIZE = 7.5
BORDER = 492.2


def _chars(text: str, x0: float, widths: dict[str, float] | None = None) -> list[dict]:
    out, x = [], x0
    for ch in text:
        w = (widths or {}).get(ch, SIZE)
        out.append({"text": ch, "x0": x, "x1": x + w, "top": 126.1, "bottom": 133.6, "size": SIZE, "upright": True})
        x += w
    return out


def _line() -> list[dict]:
    """「…という。)、」 ending as drawn: 「)」 half width, ending 0.4 pt past the border; 「、」 after it."""
    return _chars("という。)、", BORDER + 0.4 - (4 * SIZE + 2.5), {")": 2.5})


def test_closing_marks_hung_wholly_past_the_border_do_not_cross_it():
    line = _line()
    assert line[-2]["x1"] > BORDER and line[-1]["x0"] > BORDER  # drawn as the producer does
    assert hung_across(line, BORDER)


def test_letters_past_the_border_cross_it():
    assert not hung_across(_chars("という世田", BORDER - 3 * SIZE), BORDER)
    assert not hung_across(_chars("、という", BORDER - 2 * SIZE), BORDER)  # a mark leading, letters past


def test_the_column_border_stands_beside_the_hung_line():
    line = _line()
    department = _chars("世田谷総合支所", BORDER + 3.0)
    borders = virtual_verticals([sorted([*line, *department], key=lambda c: c["x0"])], [BORDER], [120.0, 140.0])
    assert [round(s.pos, 1) for s in borders] == [BORDER]
