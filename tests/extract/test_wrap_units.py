"""A cell's wrapped lines are joined with a space only where the producer broke on purpose.

A producer wrapping Japanese breaks between any two characters, but 禁則 sends a
character down with the closing mark after it (追い出し: 「族、」 may not be split, so
「族」 leaves the line above though it alone would have fit), and an opening
bracket down with the character after it. The room left at the end of the line
above is compared with that unit, not with the first character alone. The lines
here are built by hand, 9 pt characters 9 pt wide, the cell's text reaching x=99 (104.4 where said).
"""

from __future__ import annotations

from pipeline.extract.textlayer import first_unit_width, rows_to_cell_text

SIZE = 9.0


def line(text: str, x0: float, top: float) -> list[dict]:
    half = {c for c in text if ord(c) < 0x2E80}
    out, x = [], x0
    for c in text:
        width = SIZE / 2 if c in half else SIZE
        out.append({"text": c, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE, "size": SIZE})
        x += width
    return out


def test_the_first_unit_is_a_character_with_the_closing_marks_after_it() -> None:
    assert first_unit_width(line("族、将来", 0, 0)) == 2 * SIZE
    assert first_unit_width(line("（株式", 0, 0)) == 2 * SIZE  # an opening bracket pulls the next character
    assert first_unit_width(line("（株）", 0, 0)) == 3 * SIZE
    assert first_unit_width(line("家族", 0, 0)) == SIZE
    assert first_unit_width(line("26年", 0, 0)) == SIZE / 2  # half-width: the character alone, as before


def test_room_for_the_character_but_not_for_its_unit_is_no_typed_break() -> None:
    above = line("区民やその家", 36, 0)  # ends at x=90: room for 1.6 characters before 104.4
    assert rows_to_cell_text([above, line("族、将来子ども", 36, 12)], 104.4) == "区民やその家族、将来子ども"


def test_room_for_the_whole_unit_is_a_typed_break() -> None:
    above = line("区民や", 36, 0)  # ends at x=63: room for four characters
    assert rows_to_cell_text([above, line("族、将来子ども", 36, 12)], 99.0) == "区民や 族、将来子ども"
