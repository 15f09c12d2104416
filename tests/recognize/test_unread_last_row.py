"""A list's last row left alone on the next page as running text is named by a finding, never lost silently.

After wkhtmltopdf's banded style: No. 318 ends page 7's table; page 8 holds
only No. 319, unshaded and unruled under the clipped rest of the cut row, so
the extractor makes no table of it and the numbering shows no gap.
"""

from __future__ import annotations

from pipeline.recognize.tail import unread_last_rows
from pipeline.types import BBox, Case, TextLine

ROW = BBox(38.4, 795.3, 556.2, 804.1)  # page 7's last row, the list's full width


def case(no: int, page: int = 7, criterion: str = "outsourcing") -> Case:
    return Case(criterion, no, "業務委託", None, None, None, None, "教育指導課", "教育指導課", "教育委員会",
                True, False, page, ROW)


def line(text: str, page: int = 8, x0: float = 45.1) -> TextLine:
    return TextLine(page, text, BBox(x0, 42.7, x0 + 130, 48.5))


def test_the_next_number_opening_a_line_where_numbers_stand_is_a_finding() -> None:
    found = unread_last_rows([case(317), case(318)], [line("319 教職員人事情報システム運用サポート委託")])
    assert [(f.kind, f.page_no) for f in found] == [("aligned_block_not_read", 8)]
    assert "No. 318" in found[0].detail and "No. 319" in found[0].detail


def test_other_lines_are_no_finding() -> None:
    cases = [case(317), case(318), *(case(n, page=9, criterion="external_provision") for n in (1, 2))]
    assert unread_last_rows(cases, [
        line("318 教職員人事庶務"),  # a row read already (its text among the running lines)
        line("319 教職員", x0=300.0),  # not where the list's numbers stand
        line("319 教職員", page=10),  # two pages on
        line("3190 円"),  # another number
        line("2 警察", page=9),  # a row of the next list, read
    ]) == []
