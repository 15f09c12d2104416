"""A list's last row left alone on the next page as running text is named by a finding, never lost silently.

After wkhtmltopdf's banded style: No. 318 ends page 7's table; page 8 holds
only No. 319, unshaded and unruled under the clipped rest of the cut row, so
the extractor makes no table of it and the numbering shows no gap.
"""

from __future__ import annotations

from pipeline.recognize.tail import unread_last_rows
from pipeline.types import BBox, Case, Table, TextLine

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


def test_a_one_line_row_alone_is_read_by_the_lists_columns() -> None:
    """The whole list through tables_to_records: page 7's table (two rows), page 8's lone row as running lines,
    each at the x of the column it belongs to (wkhtmltopdf-frame's page 8, its texts the report's No. 319)."""
    from pipeline.config import table_report_types
    from pipeline.recognize import tables_to_records
    from tests.recognize.test_continued_rows import XS, case_row, header

    table = Table(1, header(7), (case_row(7, 1, 317), case_row(7, 2, 318)))
    texts = ("319 教職員人事情報システム運用サポート委託", "教育委員会事務局教育指導課", "教育委員会", "有", "無")
    starts = (XS[0] + 2, XS[2] + 2, XS[3] + 2, XS[4] + 2, XS[5] + 2)
    lines = [TextLine(8, t, BBox(x, 42.7, x + 8 * len(t) if n else XS[1] + 100, 48.5))
             for n, (t, x) in enumerate(zip(texts, starts))]
    got = tables_to_records([table], table_report_types(), lines)
    last = got.cases[-1]
    assert (last.case_no, last.page_no, last.description, last.department_raw, last.agency) == \
        (319, 8, "教職員人事情報システム運用サポート委託", "教育委員会事務局教育指導課", "教育委員会")
    assert (last.sensitive, last.ordinance_sensitive) == (True, False)
    assert [f.kind for f in got.findings if f.kind in ("row_from_lines", "aligned_block_not_read")] == \
        ["row_from_lines"]


def test_a_lone_row_whose_texts_do_not_fill_the_columns_stays_a_finding() -> None:
    """Its number and description only (the rest on a line below, wrapped): not read, named by the finding."""
    from pipeline.config import table_report_types
    from pipeline.recognize import tables_to_records
    from tests.recognize.test_continued_rows import XS, case_row, header

    table = Table(1, header(7), (case_row(7, 1, 317), case_row(7, 2, 318)))
    lines = [TextLine(8, "319 教職員人事情報システム運用サポート委託", BBox(XS[0] + 2, 42.7, XS[1] + 100, 48.5))]
    got = tables_to_records([table], table_report_types(), lines)
    assert got.cases[-1].case_no == 318
    assert [f.kind for f in got.findings if f.kind in ("row_from_lines", "aligned_block_not_read")] == \
        ["aligned_block_not_read"]
