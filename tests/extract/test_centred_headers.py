"""Tables ruled between every row whose headings are centred down their cells, as Typst sets them.

Typst's producers fixtures (``align: center + horizon`` in the header) put a
one-line heading halfway down beside one wrapped over two lines: the header
stands on three text lines of fewer chunks than a body row, and the wrapped
heading's first line reaches over its column's numbers, set flush right,
while its last line stands alone in the gap between two value columns. Read
as columns of their own, those lines had a border cut the heading (the
summary tables' headers ran together, 0 of 72 counts) or a heading wider
than its column's values crossed the border the values set (the online_link
list's header read as one cell, its rows taken for the list before it).

The PDFs are drawn on the fly by tests/extract/make_tables.py; the expected
rows are the hand-written cells below.
"""

from __future__ import annotations

import pytest

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import Layout, register_japanese, table_pdf

LANDSCAPE = (841.89, 595.28)
SUMMARY = [
    ["実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの"],
    ["区長", "766", "305", "115"],
    ["教育委員会", "29", "4", "0"],
    ["選挙管理委員会", "4", "0", "0"],
    ["監査委員", "0", "0", "0"],
    ["合計", "799", "309", "115"],
]
LIST = [
    ["No", "オンライン結合・システム導入の別", "オンライン結合・システム導入の内容", "担当部課", "実施機関",
     "要配慮個人情報(有/無)"],
    ["1", "オンライン結合", "区の電子計算機と社会保険診療報酬支払基金とで回線結合により授受している。",
     "保健福祉政策部生活福祉課", "区長", "有"],
    ["2", "システム導入", "住民記録システムの標準化に伴い、住民記録の情報を新システムへ移行する。",
     "地域行政部住民記録・戸籍課", "区長", "無"],
    ["3", "オンライン結合", "LGWAN回線を通じて国と情報を授受する。", "総務部区政情報課", "教育委員会", "有"],
]


def only_table(data: bytes) -> list[list[str]]:
    tables = pdf_table_rows(data)[1]
    assert len(tables) == 1, tables
    return tables[0]


@pytest.mark.parametrize("centred", [False, True])
def test_summary_whose_last_heading_wraps_past_its_numbers(centred: bool) -> None:
    """The last heading's first line runs over the numbers under it, its last line (「の」) alone in the gap."""
    font = register_japanese()
    layout = Layout(style="hrules", font=font, size=9, widths=(168.8, 112.8, 168.9, 169.0), page=LANDSCAPE,
                    header_centred=centred)
    assert only_table(table_pdf(SUMMARY, layout)) == SUMMARY


@pytest.mark.parametrize("centred", [False, True])
def test_list_whose_heading_is_wider_than_its_values(centred: bool) -> None:
    """「オンライン結合・システム導入の別」 reaches past the middle of the gap after 「オンライン結合」: its cell, not two."""
    font = register_japanese()
    layout = Layout(style="hrules", font=font, size=9, widths=(40, 160, 300, 160, 60, 60), page=LANDSCAPE,
                    header_centred=centred, right_align_numbers=False)
    assert only_table(table_pdf(LIST, layout)) == LIST
