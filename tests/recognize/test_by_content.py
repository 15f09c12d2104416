"""Lists headed in another office's words: the fields their headings do not name, read from their columns.

The lists below are made up for these tests (departments, texts and numbers invented); what each field
must come out as is written here from the rows as drawn, not from the code under test.
"""

from __future__ import annotations

import pytest

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.recognize.headers import question_stem
from pipeline.types import BBox, Cell, Table

ROWS = [  # No., 実施機関, 担当部課, 別, 内容, 備考, 要配慮, 条例要配慮
    (1, "区長", "地域振興課", "オンライン結合", "住民票の写しの交付を窓口端末で受け付けるための回線接続", "", "無", "無"),
    (2, "区長", "保険年金課", "システム導入", "国民健康保険の資格管理を行う業務システムの更新", "継続", "有", "無"),
    (3, "教育委員会", "学務課", "オンライン結合", "就学援助の申請内容を審査するための外部データの照会", "", "有", "有"),
    (4, "区長", "地域振興課", "システム導入", "町会への補助金交付事務を管理する台帳システムの導入", "", "無", "無"),
    (5, "区長", "介護保険課", "オンライン結合", "要介護認定の主治医意見書を医療機関から受け取る回線の接続", "新規", "有", "有"),
    (6, "教育委員会", "教育指導課", "システム導入", "児童生徒の学習記録を保存する学習支援システムの導入", "", "無", "無"),
]


def cell(r: int, c: int, text: str) -> Cell:
    return Cell(1, r, c, text, BBox(40.0 + 60 * c, 100 + 20 * r, 100.0 + 60 * c, 118 + 20 * r))


def table(header: list[str], order: list[int], rows: list[tuple] = ROWS) -> Table:  # type: ignore[type-arg]
    head = tuple(cell(0, c, h) for c, h in enumerate(header))
    body = tuple(tuple(cell(r + 1, c, str(row[i])) for c, i in enumerate(order)) for r, row in enumerate(rows))
    return Table(1, head, body, "(4) オンライン結合・システム導入")


def recognized(t: Table):  # type: ignore[no-untyped-def]
    return tables_to_records([t], table_report_types())


def test_an_online_list_headed_in_other_words_lands_with_each_field_from_its_column() -> None:
    # No. as 項番, 担当部課 as 主務課, the link's 別 as 類型: none is a wording of config; the columns say what they are
    header = ["項番", "実施機関", "主務課", "類型", "システムの概要", "備考", "要配慮個人情報 有・無", "条例要配慮個人情報 有・無"]
    rec = recognized(table(header, [0, 1, 2, 3, 4, 5, 6, 7]))
    cases = [c for c in rec.cases if c.criterion == "online_link"]
    assert [c.case_no for c in cases] == [1, 2, 3, 4, 5, 6]
    assert [c.department_raw for c in cases] == [r[2] for r in ROWS]
    assert [c.link_type for c in cases] == [r[3] for r in ROWS]
    assert [c.description for c in cases] == [r[4] for r in ROWS]
    assert [(c.sensitive, c.ordinance_sensitive) for c in cases] == [(r[6] == "有", r[7] == "有") for r in ROWS]
    kinds = [f.kind for f in rec.findings]
    assert "table_not_recognized" not in kinds
    # each field its heading does not name at the threshold says how it was read: 項番 comes near enough to 番号
    # (header_relaxed), 主務課 and 類型 name nothing, システムの概要 comes as near to the link's 別 as to its 内容
    # (header_by_content each)
    unsure = {f.detail.split("taken as ")[1].split(" ")[0]: f.kind for f in rec.findings
              if f.kind in ("header_by_content", "header_relaxed")}
    assert unsure == {"case_no": "header_relaxed", "department": "header_by_content", "link_type": "header_by_content",
                      "description": "header_by_content"}
    (extra,) = [f for f in rec.findings if f.kind == "columns_not_read"]
    assert "備考" in extra.detail  # the remarks are in no field, and the finding says so


def test_the_columns_order_does_not_matter() -> None:
    header = ["項番", "類型", "システムの概要", "主務課", "要配慮個人情報有・無", "条例要配慮個人情報有・無", "実施機関"]
    rec = recognized(table(header, [0, 3, 4, 2, 6, 7, 1]))
    cases = [c for c in rec.cases if c.criterion == "online_link"]
    assert [(c.case_no, c.department_raw, c.link_type, c.agency) for c in cases] == [
        (r[0], r[2], r[3], r[1]) for r in ROWS]


def test_two_text_columns_with_nothing_in_their_headings_to_choose_are_not_guessed() -> None:
    # an external provision list needs 提供先 and 利用目的, both long text: headed 「相手方」 and 「内容」 nothing
    # tells which is which, so the table is not read (its finding says so) rather than read with the two swapped
    rows = [(r[0], r[1], r[2], r[4], r[4][::-1], "", r[6], r[7]) for r in ROWS]
    header = ["項番", "実施機関", "主務課", "相手方の名称等", "内容の説明等", "備考", "要配慮個人情報の有無", "条例要配慮個人情報の有無"]
    t = table(header, [0, 1, 2, 3, 4, 5, 6, 7], rows)
    t = Table(1, t.header, t.rows, "(3) 外部提供")
    rec = recognized(t)
    assert not [c for c in rec.cases if c.criterion == "external_provision"]
    assert "table_not_recognized" in [f.kind for f in rec.findings]


def test_a_table_of_counts_is_not_taken_for_a_list_by_its_flags() -> None:
    # 有/無 and agency columns alone do not make a list: with no text, numbering or department column to
    # complete a kind, nothing is read by content
    rows = [(a, "有", "無") for a in ("区長", "教育委員会", "選挙管理委員会", "監査委員")]
    head = tuple(cell(0, c, h) for c, h in enumerate(["区分", "要配慮個人情報の有無", "条例要配慮個人情報の有無"]))
    body = tuple(tuple(cell(r + 1, c, v) for c, v in enumerate(row)) for r, row in enumerate(rows))
    rec = recognized(Table(1, head, body))
    assert not rec.cases
    assert not [f for f in rec.findings if f.kind == "header_by_content"]


@pytest.mark.parametrize(("key", "stem"), [
    ("要配慮個人情報の有無", "要配慮個人情報"), ("要配慮個人情報を含む", "要配慮個人情報"),
    ("要配慮個人情報有無", "要配慮個人情報"), ("要配慮個人情報", "要配慮個人情報"), ("有無", "有無")])
def test_a_yes_no_heading_is_compared_without_its_question_ending(key: str, stem: str) -> None:
    (rt,) = [r for r in table_report_types() if r.name == "review_status"]
    assert question_stem(key, rt.tables[0].question_endings) == stem
