"""What a printed note says a dash means (pipeline/recognize/notes.py), on hand-typed notes and tables.

The notes are the forms Japanese reports print under or above a table, or
once for the whole document; the expected meanings are read off the notes
themselves. The rendered case is in test_cells.py (notes-reportlab.pdf).
"""

from __future__ import annotations

import pytest

from pipeline.recognize.cells import cell_settings, tables_to_cells
from pipeline.recognize.notes import dash_meaning, dash_notes
from pipeline.types import BBox, Cell, Table, TextLine


@pytest.mark.parametrize(("text", "meaning"), [
    ("注：「－」は該当なし。", "none"),
    ("（注）表中の「－」は該当なし", "none"),
    ("※ － は該当数値なし", "none"),
    ("注1 「－」：該当なし 「0」：単位未満", "none"),
    ("注 「－」は0", "zero"),
    ("「―」は0を示す。", "zero"),
    ("注：「－」は０件を示す。", "zero"),
    ("「ー」は、ゼロ", "zero"),
    ("「－」は0.5未満", None),  # not a word: a number runs on
    ("情報センターは該当なし", None),  # a long vowel inside a word is no dash
    ("- 2 -", None),  # a page number
    ("令和5年度 情報公開・個人情報保護制度の運用状況", None),
])
def test_what_a_note_says_a_dash_means(text: str, meaning: str | None) -> None:
    assert dash_meaning(text, cell_settings().dash_notes) == meaning


def test_ocr_reads_a_quoted_dash_as_one_only_in_an_ocr_line() -> None:
    words, ocr = cell_settings().dash_notes, cell_settings().ocr_dashes
    assert dash_meaning("「一」は該当なし", words) is None
    assert dash_meaning("「一」は該当なし", words, ocr) == "none"


def _table(no: int, page: int, top: float) -> Table:
    def cell(r: int, c: int, text: str) -> Cell:
        return Cell(page, r, c, text, BBox(100 + c * 80.0, top + r * 20, 180 + c * 80.0, top + (r + 1) * 20))

    return Table(no, (cell(0, 0, "実施機関"), cell(0, 1, "件数")),
                 ((cell(1, 0, "区長"), cell(1, 1, "－")), (cell(2, 0, "合計"), cell(2, 1, "－"))))


def _line(page: int, top: float, text: str) -> TextLine:
    return TextLine(page, text, BBox(100, top, 400, top + 12))


def test_a_tables_own_note_wins_and_the_document_speaks_for_the_rest() -> None:
    settings = cell_settings()
    tables = [_table(1, 1, 100), _table(2, 1, 300), _table(3, 2, 100)]
    lines = [_line(1, 165, "注：「－」は0"),  # under table 1 (and above table 2: it speaks for both)
             _line(3, 40, "凡例 「－」は0")]  # a page of its own: for the whole document
    notes = dash_notes(tables, lines, settings.dash_notes, settings.note_lines)
    assert {no: m for no, (m, _) in notes.items()} == {1: "zero", 2: "zero", 3: "zero"}
    lines += [_line(1, 365, "注：「－」は該当なし")]  # table 2's own note, under it
    notes = dash_notes(tables, lines, settings.dash_notes, settings.note_lines)
    # table 3 has no note of its own, and the document's disagree: the config decides
    assert {no: m for no, (m, _) in notes.items()} == {1: "zero", 2: "none"}


def test_no_note_leaves_the_config_and_a_note_overrides_it_with_a_finding() -> None:
    tables = [_table(1, 1, 100)]
    cells, findings = tables_to_cells(tables, [_line(1, 400, "若葉市総務部")])
    assert [c.value for c in cells if c.role == "value"] == [0, 0] and not findings  # config: zero
    cells, findings = tables_to_cells(tables, [_line(1, 165, "注：表中の「－」は該当なし。")])
    assert [c.value for c in cells if c.role == "value"] == [None, None]
    assert [f.kind for f in findings] == ["dash_by_note"]
