"""Summary (審査件数) tables survive a misread caption or agency, and a join with the next table
(issue 12, item 3); what cannot be read stays a finding and leaves its checks not computed (item 4).

The tables are written here by hand in the layout of the reference report's summary tables
(実施機関 / 審査件数 / うち要配慮 / うち条例要配慮; 区長 … 農業委員会, 合計), with the damage the
fax scan did: 「(1) 外部委託の審査基準」 read 「(1) 部委の査基单」, 「選挙管理委員会」 read
「选学箭理委員会」, 「50」 read 「5 Q」, and (fpdf2's fax) table (3) joined under table (2) over the
page break with its caption left in the running text.
"""

from __future__ import annotations

import pytest

from pipeline.check import reconcile
from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.recognize.summary import caption_number, criterion_by_caption
from pipeline.types import BBox, Cell, Table, TextLine

HEADER = ["実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの"]
EDGES = [40.0, 190.0, 300.0, 440.0, 580.0]
AGENCIES = ["区長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会"]
CAPTIONS = ["(1) 外部委託の審査基準", "(2) 目的外利用の審査基準", "(3) 外部提供の審査基準",
            "(4) オンライン結合・システム導入における審査基準"]
CRITERIA = ["outsourcing", "purpose_external_use", "external_provision", "online_link"]


def review_status():
    return next(r for r in table_report_types() if r.name == "review_status")


def row(page: int, y: float, texts: list[str]) -> tuple[Cell, ...]:
    return tuple(Cell(page, int(y), i, t, BBox(EDGES[i], y, EDGES[i + 1], y + 18), source="ocr")
                 for i, t in enumerate(texts))


def counts_of(k: int) -> list[list[str]]:
    """Table k's rows: agency k*10+i reviewed, i sensitive, 0 ordinance; the total row adds them up."""
    body = [[a, str(k * 10 + i), str(i), "0"] for i, a in enumerate(AGENCIES)]
    return [*body, ["合計", str(sum(int(r[1]) for r in body)), str(sum(int(r[2]) for r in body)), "0"]]


def table(no: int, page: int, caption: str, rows: list[list[str]], top: float = 100.0) -> Table:
    body = tuple(row(page, top + 20 + 18 * i, r) for i, r in enumerate(rows))
    return Table(no, row(page, top, HEADER), body, caption)


def four(captions: list[str]) -> list[Table]:
    return [table(k + 1, 1 + k // 2, c, counts_of(k)) for k, c in enumerate(captions)]


def by_criterion(got) -> dict[str, dict[str, tuple[int, int, int]]]:
    out: dict[str, dict[str, tuple[int, int, int]]] = {}
    for c in got.review_counts:
        out.setdefault(c.criterion, {})[c.agency] = (c.reviewed, c.sensitive, c.ordinance_sensitive)
    return out


def found(got, kind: str) -> list[str]:
    return [f.detail for f in got.findings if f.kind == kind]


def test_a_misread_caption_takes_the_criterion_its_place_and_its_words_agree_on():
    got = tables_to_records(four(["(1) 部委の査基单", *CAPTIONS[1:]]), table_report_types())
    counts = by_criterion(got)
    assert sorted(counts) == sorted(CRITERIA)
    assert counts["outsourcing"]["区長"] == (0, 0, 0) and counts["outsourcing"]["合計"] == (10, 10, 0)
    [inferred] = found(got, "criterion_inferred")
    assert "'(1) 部委の査基单'" in inferred and "outsourcing" in inferred
    assert "its place" in inferred and "its caption" in inferred
    assert found(got, "unknown_criterion") == []


def test_a_caption_lost_altogether_takes_its_place_between_the_tables_around_it():
    got = tables_to_records(four([CAPTIONS[0], "", *CAPTIONS[2:]]), table_report_types())
    assert by_criterion(got)["purpose_external_use"]["区長"] == (10, 0, 0)
    [inferred] = found(got, "criterion_inferred")
    assert "purpose_external_use by its place" in inferred and "caption" not in inferred.split(" by ")[1]


def test_place_and_caption_that_disagree_name_nothing():
    # the second table's caption reads like 外部提供, while its place says 目的外利用: no guess
    got = tables_to_records(four([CAPTIONS[0], "(2) 外部提の査", *CAPTIONS[2:]]), table_report_types())
    assert "purpose_external_use" not in by_criterion(got) and found(got, "criterion_inferred") == []
    [unknown] = found(got, "unknown_criterion")
    assert "'(2) 外部提の査'" in unknown
    assert "its place says purpose_external_use and its caption external_provision" in unknown


def test_a_clean_caption_of_an_unconfigured_criterion_is_not_forced_into_a_configured_one():
    # a fifth table after (4): no criterion left in the order, and its words name none
    tables = [*four(CAPTIONS), table(5, 3, "(5) 電子計算機の結合の審査基準", counts_of(4))]
    got = tables_to_records(tables, table_report_types())
    assert sorted(by_criterion(got)) == sorted(CRITERIA) and found(got, "criterion_inferred") == []
    [unknown] = found(got, "unknown_criterion")
    assert "電子計算機" in unknown


def test_a_printed_number_that_contradicts_the_place_names_nothing():
    got = tables_to_records(four([CAPTIONS[0], "(3) 的外の審査", *CAPTIONS[2:]]), table_report_types())
    assert "purpose_external_use" not in by_criterion(got)
    assert len(found(got, "unknown_criterion")) == 1


def test_two_summary_tables_joined_over_a_page_break_are_cut_at_the_total_row_and_captioned_from_the_text():
    second, third = counts_of(1), counts_of(2)
    joined = Table(2, row(1, 400, HEADER), (*table(2, 1, "", second, top=400).rows,
                                            *table(2, 2, "", third, top=60).rows), CAPTIONS[1])
    lines = [TextLine(2, CAPTIONS[2], BBox(40, 30, 300, 44), source="ocr"),
             TextLine(1, "1 審査件数 (審査基準別) 外部委託、外部提供", BBox(40, 60, 300, 74), source="ocr")]
    tables = [table(1, 1, CAPTIONS[0], counts_of(0)), joined, table(3, 2, CAPTIONS[3], counts_of(3), top=300)]
    got = tables_to_records(tables, table_report_types(), lines)
    counts = by_criterion(got)
    assert counts["purpose_external_use"]["区長"] == (10, 0, 0)
    assert counts["external_provision"]["区長"] == (20, 0, 0) and counts["external_provision"]["合計"] == (110, 10, 0)
    assert len(got.review_counts) == 24 and found(got, "unknown_criterion") == []
    # without the running text the cut part still takes its place between (2) and (4)
    got = tables_to_records(tables, table_report_types())
    assert by_criterion(got)["external_provision"]["合計"] == (110, 10, 0)
    assert len(found(got, "criterion_inferred")) == 1


def test_an_agency_misread_beyond_decoding_takes_the_one_its_place_leaves():
    rows = counts_of(0)
    rows[2][0] = "选学箭理委員会"  # as close to 教育委員会 and 農業委員会 as to 選挙管理委員会
    got = tables_to_records([table(1, 1, CAPTIONS[0], rows)], table_report_types())
    assert by_criterion(got)["outsourcing"]["選挙管理委員会"] == (2, 2, 0)
    [placed] = [d for d in found(got, "agency_decoded") if "选学箭理委員会" in d]
    assert "'選挙管理委員会'" in placed and "place" in placed


def test_an_agency_whose_place_is_taken_or_unclear_is_kept_as_read():
    rows = counts_of(0)
    rows[2][0], rows[3][0] = "选学箭理委員会", "教育委員会"  # the place is taken by the row below
    got = tables_to_records([table(1, 1, CAPTIONS[0], rows)], table_report_types())
    assert "選挙管理委員会" not in by_criterion(got)["outsourcing"]
    rows = counts_of(0)
    rows[2][0] = "选学箭理委員会"
    del rows[3]  # no 監査委員 row: 教育委員会 above says 選挙管理委員会, 農業委員会 below 監査委員
    got = tables_to_records([table(1, 1, CAPTIONS[0], rows)], table_report_types())
    assert "選挙管理委員会" not in by_criterion(got)["outsourcing"]


def test_an_unreadable_summary_cell_leaves_its_checks_not_computed_and_keeps_the_rows_other_counts():
    rows = counts_of(2)
    rows[3][1] = "が"  # 監査委員's 審査件数, as the fax read it
    got = tables_to_records([table(1, 1, CAPTIONS[2], rows)], table_report_types())
    assert by_criterion(got)["external_provision"]["監査委員"] == (None, 3, 0)
    assert got.unread_summary_rows == ()
    assert any("監査委員 reviewed" in d and "'が'" in d for d in found(got, "unreadable_count"))
    checks = reconcile(got.review_counts, [], "合計", got.unread_summary_rows)
    totals = {c.detail.split(":")[0]: c for c in checks if c.rule == "total_row"}
    assert totals["reviewed"].ok is None
    assert totals["reviewed"].detail == "reviewed: not computed: the reviewed cell of 監査委員 could not be read"
    assert totals["sensitive"].ok is True and totals["ordinance_sensitive"].ok is True
    flags = [c for c in checks if c.agency == "監査委員"]
    assert {c.rule for c in flags} == {"sensitive_count", "ordinance_sensitive_count"}
    assert all(c.ok is not None for c in flags), "its flag columns were read: those checks are computed"


def test_a_summary_row_with_no_count_readable_leaves_its_checks_not_computed_with_the_reason():
    rows = counts_of(2)
    rows[3][1:] = ["が", "会", ""]
    got = tables_to_records([table(1, 1, CAPTIONS[2], rows)], table_report_types())
    assert "監査委員" not in by_criterion(got)["external_provision"]
    assert got.unread_summary_rows == (("external_provision", "監査委員"),)
    assert len([d for d in found(got, "unreadable_count") if "監査委員" in d]) == 3
    checks = reconcile(got.review_counts, [], "合計", got.unread_summary_rows)
    totals = [c for c in checks if c.rule == "total_row"]
    assert len(totals) == 3 and all(c.ok is None and "監査委員 could not be read" in c.detail for c in totals)
    flags = [c for c in checks if c.agency == "監査委員"]
    assert {c.rule for c in flags} == {"sensitive_count", "ordinance_sensitive_count"}
    assert all(c.ok is None and c.detail == "not computed: its summary row could not be read" for c in flags)


def test_an_unreadable_flag_count_leaves_that_flags_check_not_computed():
    rows = counts_of(2)
    rows[1][2] = "委"  # 教育委員会's うち要配慮
    got = tables_to_records([table(1, 1, CAPTIONS[2], rows)], table_report_types())
    checks = reconcile(got.review_counts, [], "合計", got.unread_summary_rows)
    [sensitive] = [c for c in checks if c.rule == "sensitive_count" and c.agency == "教育委員会"]
    assert sensitive.ok is None and sensitive.detail == "not computed: its summary cell (sensitive) could not be read"
    [ordinance] = [c for c in checks if c.rule == "ordinance_sensitive_count" and c.agency == "教育委員会"]
    assert ordinance.ok is True  # its cell was read: 0 printed, 0 listed


@pytest.mark.parametrize("caption, number", [("(1) 部委の査基单", 1), ("（2）目的外", 2), ("(l) 外部", 1),
                                             ("1 審査件数", None), ("", None)])
def test_the_number_printed_before_a_caption(caption, number):
    assert caption_number(caption) == number


def test_a_caption_takes_a_criterion_by_its_words_only_by_a_clear_margin():
    rt = review_status()
    assert criterion_by_caption("(1) 部委の査基单", rt) == "outsourcing"
    assert criterion_by_caption("(3) 外部是供の審査基準", rt) == "external_provision"
    assert criterion_by_caption("外部", rt) is None  # 外部委託 and 外部提供 alike
    assert criterion_by_caption("要配慮個人情報又は条例要配慮個人情報を含むもの", rt) is None


def test_summary_tables_inside_a_table_of_prose_are_read_with_their_place_and_a_finding():
    # colour150's page 1: the rules lost, the page's prose and both summary tables came out as one
    # table; the first summary's caption row is noise, the second's was read
    prose = [row(1, 40, ["当該業務のうち、要配慮個人情報又は条例要配慮個人情報を含む案件について", ""]),
             row(1, 60, ["人公で大"])]
    first = [row(1, 80 + 18 * i, r) for i, r in enumerate([HEADER, *counts_of(0)])]
    second = [row(1, 220, [CAPTIONS[1]]), *(row(1, 240 + 18 * i, r) for i, r in enumerate([HEADER, *counts_of(1)]))]
    merged = Table(1, prose[0], (prose[1], *first, *second), "")
    tables = [merged, table(2, 2, CAPTIONS[2], counts_of(2)), table(3, 2, CAPTIONS[3], counts_of(3), top=300)]
    got = tables_to_records(tables, table_report_types())
    counts = by_criterion(got)
    assert counts["outsourcing"]["合計"] == (10, 10, 0) and counts["purpose_external_use"]["区長"] == (10, 0, 0)
    assert len(got.review_counts) == 24 and got.unrecognized_tables == (1,)  # its prose stays raw cells
    inside = found(got, "summary_in_table")
    assert len(inside) == 2 and any(f"caption {CAPTIONS[1]!r}" in d for d in inside)
    [inferred] = found(got, "criterion_inferred")
    assert "'人公で大'" in inferred and "outsourcing by its place" in inferred


def test_rows_under_a_header_like_row_that_are_not_agencies_are_no_summary_table():
    rows = [row(1, 60 + 18 * i, r) for i, r in enumerate(
        [["注記", ""], HEADER, ["平成30年度", "12", "3", "1"], ["令和元年度", "14", "2", "0"], ["計", "26", "5", "1"]])]
    got = tables_to_records([Table(1, rows[0], tuple(rows[1:]), "")], table_report_types())
    assert got.review_counts == () and found(got, "summary_in_table") == []
    assert got.unrecognized_tables == (1,)


def test_a_note_under_the_total_row_stays_with_its_table():
    rows = [*counts_of(0), ["※ 令和5年4月1日時点", "", "", ""]]
    got = tables_to_records([table(1, 1, CAPTIONS[0], rows), *four(CAPTIONS)[1:]], table_report_types())
    assert len(got.review_counts) == 24 and found(got, "unknown_criterion") == []
    assert found(got, "criterion_inferred") == []


def test_a_second_total_row_under_a_table_is_not_taken_as_its_total():
    # Chromium's mincho render: table (3)'s 合計 row came out under table (2)'s
    rows = [*counts_of(1), ["合計", "137", "52", "51"]]
    tables = four(CAPTIONS)
    tables[1] = table(2, 1, CAPTIONS[1], rows)
    got = tables_to_records(tables, table_report_types())
    assert by_criterion(got)["purpose_external_use"]["合計"] == (60, 10, 0)
    assert len([c for c in got.review_counts if c.agency == "合計"]) == 4  # the stray one is not stored
    [unknown] = found(got, "unknown_criterion")
    assert "summary table 2: caption ''" in unknown


def test_an_unknown_summary_table_over_a_page_break_is_found_on_both_pages():
    """Its counts are not loaded: a reader of either page must see the finding (findings.last_page_no)."""
    rows = counts_of(4)
    fifth = table(5, 3, "(5) 電子計算機の結合の審査基準", rows[:3])
    fifth = Table(5, fifth.header, fifth.rows + tuple(row(4, 60 + 18 * i, r) for i, r in enumerate(rows[3:])),
                  fifth.caption)
    got = tables_to_records([*four(CAPTIONS), fifth], table_report_types())
    [unknown] = [f for f in got.findings if f.kind == "unknown_criterion"]
    assert (unknown.page_no, unknown.last_page_no) == (3, 4)
    one_page = tables_to_records([*four(CAPTIONS), table(5, 3, "(5) 電子計算機の結合の審査基準", rows)],
                                 table_report_types())
    assert [f.last_page_no for f in one_page.findings if f.kind == "unknown_criterion"] == [None]


def broken_fourth(rest_rows: list[list[str]], rest_page: int = 3) -> list[Table]:
    """The four tables, the fourth broken at page 2's foot after its 4th agency: its rest printed at the next page's
    top with no header over it (Calc's and AbiWord's grouped renders), a table whose first row is an agency's."""
    tables = four(CAPTIONS)
    fourth = counts_of(3)
    tables[3] = table(4, 2, CAPTIONS[3], fourth[:4])
    rest = tuple(row(rest_page, 60.0 + 18 * i, r) for i, r in enumerate(rest_rows))
    return [*tables, Table(5, rest[0], rest[1:], "")]


def test_the_rest_of_a_summary_table_broken_over_a_page_without_its_header_is_read_with_it():
    got = tables_to_records(broken_fourth(counts_of(3)[4:]), table_report_types())
    counts = by_criterion(got)["online_link"]
    assert counts["農業委員会"] == (34, 4, 0) and counts["合計"] == tuple(map(int, counts_of(3)[5][1:]))
    assert found(got, "table_not_recognized") == []
    [shape] = found(got, "table_by_shape")
    assert "rest of the summary table" in shape and "page 2" in shape


def test_rows_that_are_no_agencies_or_not_on_the_next_page_are_no_rest():
    """A table of other rows, or the same rows two pages on, stays unrecognized (with its finding)."""
    other = tables_to_records(broken_fourth([["備考", "1", "2", "3"], ["合計", "4", "5", "6"]]), table_report_types())
    far = tables_to_records(broken_fourth(counts_of(3)[4:], rest_page=4), table_report_types())
    for got in (other, far):
        assert len(found(got, "table_not_recognized")) == 1 and found(got, "table_by_shape") == []
        assert "農業委員会" not in by_criterion(got)["online_link"]


def headerless_fourth(rows: list[list[str]]) -> list[Table]:
    """Tables (1)-(3) whole; (4)'s header alone at page 2's foot, cut into other columns (no table any kind
    knows), and its rows at page 3's top with no header printed over them."""
    tables = four(CAPTIONS)[:3]
    orphan = Table(4, tuple(Cell(2, 700, i, t, BBox(40.0 + 180 * i, 700, 220.0 + 180 * i, 718))
                            for i, t in enumerate(["", "うち、要配慮個人情報を", "うち、条例要配慮個人情報"])),
                   (tuple(Cell(2, 720, i, t, BBox(40.0 + 180 * i, 720, 220.0 + 180 * i, 738))
                          for i, t in enumerate(["実施機関", "審査件数", "取り扱うもの"])),), CAPTIONS[3])
    body = tuple(row(3, 60.0 + 18 * i, r) for i, r in enumerate(rows))
    return [*tables, orphan, Table(5, body[0], body[1:], "")]


def test_a_summary_tables_rows_printed_with_no_header_over_them_are_read_as_a_table_of_their_own():
    got = tables_to_records(headerless_fourth(counts_of(3)), table_report_types())
    counts = by_criterion(got)["online_link"]
    assert counts == {r[0]: tuple(map(int, r[1:])) for r in counts_of(3)}
    [shape] = found(got, "table_by_shape")
    assert "summary table of its own" in shape
    assert len(found(got, "table_not_recognized")) == 1, "the header left alone stays a finding"


def test_agency_rows_without_their_total_or_after_an_unfinished_table_are_no_table_of_their_own():
    short = tables_to_records(headerless_fourth(counts_of(3)[:5]), table_report_types())
    unfinished = four(CAPTIONS)[:3]
    unfinished[2] = table(3, 2, CAPTIONS[2], counts_of(2)[:4])
    rest = tuple(row(3, 60.0 + 18 * i, r) for i, r in enumerate(counts_of(3)))
    after = tables_to_records([*unfinished, Table(4, rest[0], rest[1:], "")], table_report_types())
    for got in (short, after):
        assert "online_link" not in by_criterion(got)
        assert not any("of its own" in f for f in found(got, "table_by_shape"))


def test_the_header_printed_again_inside_a_summary_table_is_no_agencys_row():
    """A summary broken over a page with its header repeated, one heading's last line cut into the next
    cell (「… を取り扱うもの の」): the row is the header, not an agency whose counts are unreadable."""
    rows = counts_of(1)
    again = ["実施機関", "審査件数", "うち、要配慮個人情報 を取り扱うもの の", ""]
    tables = four(CAPTIONS)
    tables[1] = table(2, 1, CAPTIONS[1], [*rows[:4], again, *rows[4:]])
    got = tables_to_records(tables, table_report_types())
    assert by_criterion(got)["purpose_external_use"] == {r[0]: tuple(map(int, r[1:])) for r in rows}
    assert len(found(got, "header_repeated")) == 1 and found(got, "unreadable_count") == []
    assert got.unread_summary_rows == ()
    checks = reconcile(got.review_counts, [], "合計", got.unread_summary_rows)
    assert all(c.ok is True for c in checks if c.rule == "total_row" and c.criterion == "purpose_external_use")


def test_two_captions_naming_one_criterion_settle_neither_table_and_leave_findings():
    """Table (2)'s caption misread as (1)'s: both name outsourcing. Neither is taken at its word; their
    places decide where they are clear (table 1 first, as its number says), and table 2, whose number
    and place disagree, names nothing: its counts are not filed under a criterion twice."""
    captions = list(CAPTIONS)
    captions[1] = CAPTIONS[0]
    got = tables_to_records(four(captions), table_report_types())
    counts = by_criterion(got)
    assert counts["outsourcing"] == {r[0]: tuple(map(int, r[1:])) for r in counts_of(0)}
    assert "purpose_external_use" not in counts
    assert len(found(got, "criterion_named_twice")) == 2
    assert len(found(got, "unknown_criterion")) == 1


def test_tables_read_as_one_criterion_by_their_places_are_none_of_them_kept():
    """Each table of two pairs took its neighbour's caption (tables set abreast): 1, 1, 3, 3. Their numbers
    put both of a pair in one place; no criterion is filed twice, each table leaves its finding."""
    captions = [CAPTIONS[0], CAPTIONS[0], CAPTIONS[2], CAPTIONS[2]]
    got = tables_to_records(four(captions), table_report_types())
    assert got.review_counts == ()
    assert len(found(got, "unknown_criterion")) == 4


def test_an_agency_row_the_other_summary_tables_list_is_a_finding_when_missing():
    tables = four(CAPTIONS)
    rows = counts_of(1)
    del rows[3]  # 監査委員's row lost
    tables[1] = table(2, 1, CAPTIONS[1], rows)
    got = tables_to_records(tables, table_report_types())
    [missing] = found(got, "agency_row_missing")
    assert "監査委員" in missing and "purpose_external_use" in missing
    assert found(tables_to_records(four(CAPTIONS), table_report_types()), "agency_row_missing") == []
