"""Tables marked where a page parts them (config/page_breaks.toml; style continued, opened at stop 38).

What is expected is how Japanese reports mark a break, written here by hand: a
caption printed again with 「（続き）」 (or only the mark) over the rest of a table is
still that table's caption; a 「次頁へ続く」 line under a page's last grid says the
table goes on, is no caption, and makes the next page's first grid of the same
columns its rest whatever caption that grid carries; where nothing continues a
table so marked, a finding names both pages. The last test draws the made-up
report's list in the continued style with reportlab and reads it back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dev.producers import renderer
from pipeline.config.page_breaks import page_break_marks, read_page_breaks
from pipeline.errors import ConfigError
from pipeline.extract import extract_document
from pipeline.extract.tables import page_tables_to_tables
from pipeline.recognize.page_breaks import unjoined_page_breaks
from pipeline.types import BBox, Cell, PageTable, TextLine
from tests import made_up

HEADER = ("実施機関", "審査件数", "要配慮", "条例要配慮")
BOX = BBox(40, 100, 560, 300)


def grid(page_no: int, rows: list[tuple[str, ...]], box: BBox = BOX) -> PageTable:
    return PageTable(page_no, box, tuple(tuple(Cell(page_no, r, c, t, box) for c, t in enumerate(texts))
                                         for r, texts in enumerate(rows)))


def line(page_no: int, text: str, top: float) -> TextLine:
    return TextLine(page_no, text, BBox(40, top, 400, top + 12))


def over(page_no: int, text: str) -> TextLine:
    return line(page_no, text, BOX.top - 16)  # just above the grid: its caption


def under(page_no: int, text: str) -> TextLine:
    return line(page_no, text, BOX.bottom + 3)  # just under the grid


def test_a_caption_less_its_continuation_mark_is_the_first_caption() -> None:
    marks = page_break_marks()
    first = "(3) 外部提供の審査基準"
    for again in ("(3) 外部提供の審査基準（続き）", "（３）外部提供の審査基準 (続き)", "(3)外部提供の審査基準（つづき）",
                  "(3) 外部提供の審査基準（前頁から続く）"):
        assert marks.caption_base(again) == marks.caption_base(first), again
        assert marks.is_continued(again)
    assert marks.caption_base("（続き）") == ""
    assert not marks.is_continued("(1) 手続きの審査")  # a bare 続き inside a word is no mark
    assert marks.caption_base("(1) 事務の手続き") == "(1)事務の手続き"


def test_a_goes_on_line_is_the_whole_line_brackets_and_arrows_aside() -> None:
    marks = page_break_marks()
    for text in ("次頁へ続く", "（次頁へ続く）", "次 頁 へ 続 く", "→次頁", "以下次頁", "次ページに続く ▶"):
        assert marks.goes_on_line(text), text
    for text in ("次頁へ続く事業の一覧", "(4) オンライン結合", "続く契約の更新"):
        assert not marks.goes_on_line(text), text


def test_a_config_without_marks_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "page_breaks.toml"
    path.write_text('[continued]\nmarks = ["（続き）"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="page_breaks.toml.*goes_on"):
        read_page_breaks(path)


def test_a_summary_whose_caption_is_printed_again_with_its_mark_is_one_table() -> None:
    first = grid(1, [HEADER, ("区長", "12", "3", "4"), ("教育委員会", "1", "0", "0")])
    rest = grid(2, [HEADER, ("選挙管理委員会", "0", "0", "0"), ("合計", "13", "3", "4")])
    lines = [over(1, "(3) 外部提供の審査基準"), under(1, "次頁へ続く"), over(2, "(3) 外部提供の審査基準（続き）")]
    (table,) = page_tables_to_tables([first, rest], lines)
    assert table.caption == "(3) 外部提供の審査基準"
    assert [r[0].text for r in table.rows] == ["区長", "教育委員会", "選挙管理委員会", "合計"]
    assert unjoined_page_breaks([table], lines, 2) == []


def test_a_summary_under_another_caption_stays_apart_without_a_mark() -> None:
    first = grid(1, [HEADER, ("区長", "12", "3", "4"), ("合計", "12", "3", "4")])
    other = grid(2, [HEADER, ("区長", "5", "0", "0"), ("合計", "5", "0", "0")])
    lines = [over(1, "(3) 外部提供の審査基準"), over(2, "(4) オンライン結合の審査基準（続き）")]
    assert [t.caption for t in page_tables_to_tables([first, other], lines)] == [
        "(3) 外部提供の審査基準", "(4) オンライン結合の審査基準（続き）"]


def test_under_a_goes_on_mark_the_next_pages_grid_is_the_rest_whatever_its_caption() -> None:
    first = grid(1, [HEADER, ("区長", "12", "3", "4")])
    rest = grid(2, [HEADER, ("合計", "12", "3", "4")])
    lines = [over(1, "(3) 外部提供の審査基準"), under(1, "（次頁へ続く）"), over(2, "（３）外部提供（つづき）")]
    (table,) = page_tables_to_tables([first, rest], lines)
    assert [r[0].text for r in table.rows] == ["区長", "合計"]
    without = [ln for ln in lines if "次頁" not in ln.text]
    assert len(page_tables_to_tables([first, rest], without)) == 2


def test_under_a_goes_on_mark_a_caption_of_its_own_unmarked_still_starts_a_table_and_a_finding() -> None:
    first = grid(1, [HEADER, ("区長", "12", "3", "4")])
    other = grid(2, [HEADER, ("区長", "5", "0", "0")])
    lines = [over(1, "(3) 外部提供の審査基準"), under(1, "次頁へ続く"), over(2, "(4) オンライン結合の審査基準")]
    tables = page_tables_to_tables([first, other], lines)
    assert [t.caption for t in tables] == ["(3) 外部提供の審査基準", "(4) オンライン結合の審査基準"]
    assert [(f.kind, f.page_no) for f in unjoined_page_breaks(tables, lines, 2)] == [("page_break_not_joined", 1)]


def test_a_goes_on_mark_is_no_widow_caption() -> None:
    """The next page's grid has no caption: the line under page 1's grid would be taken as one left at its foot."""
    first = grid(1, [HEADER, ("区長", "12", "3", "4")])
    rest = grid(2, [("合計", "12", "3", "4")])
    lines = [over(1, "(3) 外部提供の審査基準"), under(1, "次頁へ続く")]
    (table,) = page_tables_to_tables([first, rest], lines)
    assert table.caption == "(3) 外部提供の審査基準" and table.pages == (1, 2)


def test_a_table_marked_as_going_on_that_nothing_continues_is_a_finding() -> None:
    first = grid(1, [HEADER, ("区長", "12", "3", "4")])
    wider = grid(2, [(*HEADER, "備考"), ("合計", "12", "3", "4", "")])
    lines = [over(1, "(3) 外部提供の審査基準"), under(1, "次頁へ続く")]
    tables = page_tables_to_tables([first, wider], lines)
    assert len(tables) == 2
    (finding,) = unjoined_page_breaks(tables, lines, 2)
    assert (finding.kind, finding.page_no, finding.last_page_no) == ("page_break_not_joined", 1, 2)
    assert "table 2" in finding.detail
    alone = page_tables_to_tables([first], lines)
    assert [f.detail.endswith("check its rows on both pages") for f in unjoined_page_breaks(alone, lines, 2)] == [True]
    assert unjoined_page_breaks(alone, lines, 1) == []  # the last page: nothing to go on to


def test_a_list_drawn_in_the_continued_style_is_one_table_with_each_row_once(tmp_path: Path) -> None:
    rows = 100  # two pages or more, portrait
    path = tmp_path / "continued.pdf"
    renderer("reportlab")(made_up.made_up_document(rows), made_up.variant("reportlab", "continued", "portrait"), path)
    extracted = extract_document(path.read_bytes(), path.name)
    lists = [t for t in extracted.tables if t.header[0].text == made_up.HEADER[0]]
    assert len(lists) == 1 and len(lists[0].pages) >= 2 and lists[0].caption == "一覧"
    assert [r[0].text for r in lists[0].rows] == [str(n) for n in range(1, rows + 1)]
    assert unjoined_page_breaks(extracted.tables, extracted.lines, extracted.page_count) == []


def test_a_mark_under_prose_below_the_table_is_not_the_tables() -> None:
    """An incident notice: a layout table at the top, its text under it, 「次頁へ続く」 at the foot of the text."""
    table = grid(1, [("件名", "個人情報の漏えいについて"), ("日時", "令和5年4月1日")])
    rest = grid(2, [("件名", "再発防止策"), ("内容", "点検を徹底する")])
    lines = [line(1, "1 経緯", BOX.bottom + 20), line(1, "次頁へ続く", BOX.bottom + 300)]
    tables = page_tables_to_tables([table, rest], lines)
    assert unjoined_page_breaks(tables, lines, 2) == []
