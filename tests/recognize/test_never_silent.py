"""Nothing the recognize stage does not understand is dropped silently (issue 12, items 3 and 4).

The tables are written here by hand, in the layout of the reference report's outsourcing
list (six columns: No / 委託の内容 / 担当部課 / 実施機関 / 要配慮 / 条例要配慮), with the
damage OCR did to the 200 dpi scan: 「委託の内容」 read as 「の内容」, a header read as noise,
a continuation page printed without its header.
"""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table

HEADER = ["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"]
EDGES = [40.0, 70.0, 300.0, 430.0, 480.0, 530.0, 580.0]  # column boundaries in points


def row(page: int, y: float, texts: list[str], source: str = "ocr", shift: float = 0.0) -> tuple[Cell, ...]:
    return tuple(Cell(page, int(y), i, t, BBox(EDGES[i] + shift, y, EDGES[i + 1] + shift, y + 20), source=source)
                 for i, t in enumerate(texts))


def case_row(page: int, no: int, source: str = "ocr", shift: float = 0.0, no_text: str | None = None):
    flags = ("有", "無") if no % 3 else ("無", "有")
    return row(page, 100 + 20 * no, [str(no) if no_text is None else no_text, f"業務委託その{no}",
                                     "保健福祉政策部保健医療福祉推進課", "区長", *flags], source, shift)


def table(no: int, page: int, header: list[str] | None, numbers: range, shift: float = 0.0,
          caption: str = "") -> Table:
    body = [case_row(page, n, shift=shift) for n in numbers]
    if header is None:  # no header printed: the grid's first row is a case
        return Table(no, body[0], tuple(body[1:]), caption)
    return Table(no, row(page, 80, header, shift=shift), tuple(body), caption)


def records(*tables: Table):
    return tables_to_records(list(tables), table_report_types())


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def test_a_header_cell_misread_as_part_of_its_word_still_maps_with_a_finding():
    misread = ["No", "の内容", *HEADER[2:]]
    got = records(table(1, 3, misread, range(1, 11)))
    assert [c.case_no for c in got.cases] == list(range(1, 11))
    assert all(c.criterion == "outsourcing" and c.description == f"業務委託その{c.case_no}" for c in got.cases)
    [relaxed] = [f for f in got.findings if f.kind == "header_relaxed"]
    assert relaxed.page_no == 3 and "'の内容'" in relaxed.detail and "description" in relaxed.detail
    assert got.unrecognized_tables == ()


def test_a_continuation_page_with_a_misread_header_yields_its_rows():
    first = table(1, 3, HEADER, range(1, 11))
    garbled = ["N", "の内", "担", "実", "要配", "条例"]  # nothing a header map can use
    second = table(2, 4, garbled, range(11, 21), shift=3.0)  # the scan moved it 3 pt
    got = records(first, second)
    assert [c.case_no for c in got.cases] == list(range(1, 21))
    assert [c.page_no for c in got.cases if c.case_no > 10] == [4] * 10
    assert got.cases[13].sensitive is True and got.cases[13].ordinance_sensitive is False  # No.14
    assert got.cases[14].sensitive is False and got.cases[14].ordinance_sensitive is True  # No.15
    [shape] = [f for f in got.findings if f.kind == "table_by_shape"]
    assert shape.page_no == 4 and "continuation of table 1" in shape.detail and "misread" in shape.detail
    assert got.unrecognized_tables == ()


def test_a_continuation_page_without_a_header_keeps_its_first_row():
    got = records(table(1, 3, HEADER, range(1, 11)), table(2, 4, None, range(11, 21)))
    assert [c.case_no for c in got.cases] == list(range(1, 21))
    [shape] = [f for f in got.findings if f.kind == "table_by_shape"]
    assert "first row is a case" in shape.detail


def test_a_table_of_other_columns_is_not_taken_for_a_continuation():
    first = table(1, 3, HEADER, range(1, 11))
    other = Table(2, row(4, 80, ["日付", "件名", "金額", "備考", "区分", "担当"]),
                  tuple(row(4, 100 + 20 * i, ["5月1日", "会議", "1,000", "", "A", "課"]) for i in range(4)))
    got = records(first, other)
    assert [c.case_no for c in got.cases] == list(range(1, 11))
    assert got.unrecognized_tables == (2,)
    [finding] = [f for f in got.findings if f.kind == "table_not_recognized"]
    assert finding.page_no == 4
    assert "'日付'" in finding.detail and "4 body row(s)" in finding.detail and "closest kind" in finding.detail


def test_an_unrecognized_table_names_its_closest_kind_and_score():
    got = records(Table(1, row(5, 80, ["No", "の内", "担", "実", "要配", "条例"]), (case_row(5, 1),)))
    assert got.cases == () and got.unrecognized_tables == (1,)
    [finding] = got.findings
    assert finding.kind == "table_not_recognized" and finding.page_no == 5
    assert "closest kind outsourcing" in finding.detail and "missing" in finding.detail


def test_the_closest_kind_gives_each_header_cell_to_one_field():
    """「オンライン結合・システム導入の別」 is as close to the link's 内容 as to its 別; with no 内容 column (printed
    on a second row) the finding says the link's description is missing, not 'missing none'."""
    from pipeline.config import table_report_types
    from pipeline.recognize.continuation import closest_kind

    header = ["No", "オンライン結合・システム導入の別", "担当部課", "実施機関", "要配慮個人情報(有/無)", "条例要配慮個人情報(有/無)"]
    best = closest_kind(header, table_report_types())
    assert best is not None and (best.kind, best.missing) == ("online_link", ("description",))


def test_an_unrecognized_table_over_two_pages_is_found_on_both():
    """Its finding stands on its first page and names its last: a reader of page 6 sees the loss too."""
    body = (row(6, 100, ["日付", "件名", "1,000", "", "A", "課"]), row(7, 100, ["5月1日", "会議", "1,000", "", "A", "課"]))
    got = records(Table(1, row(5, 80, ["日付", "件名", "金額", "備考", "区分", "担当"]), body))
    [finding] = [f for f in got.findings if f.kind == "table_not_recognized"]
    assert (finding.page_no, finding.last_page_no) == (5, 7)
    one_page = records(Table(1, row(5, 80, ["日付", "件名", "金額", "備考", "区分", "担当"]), (row(5, 100, ["5月1日"] * 6),)))
    assert [f.last_page_no for f in one_page.findings if f.kind == "table_not_recognized"] == [None]


def test_a_gap_in_the_numbering_is_a_finding_on_the_page_after_it():
    numbers = [*range(1, 6), 8, 9, 10]
    body = tuple(case_row(3 if n < 8 else 4, n, source="text") for n in numbers)
    got = records(Table(1, row(3, 80, HEADER, source="text"), body))
    [gap] = [f for f in got.findings if f.kind == "numbering_gap"]
    assert gap.page_no == 4 and "No. 5 then No. 8" in gap.detail and "2 number(s)" in gap.detail
    assert "6, 7" in gap.detail


def test_a_repeated_header_that_the_extract_stage_kept_is_not_a_case():
    body = (*[case_row(3, n) for n in range(1, 4)], row(4, 80, ["N o", "委託の内谷", *HEADER[2:]]),
            *[case_row(4, n) for n in range(4, 6)])
    got = records(Table(1, row(3, 80, HEADER), body))
    assert [c.case_no for c in got.cases] == [1, 2, 3, 4, 5]
    assert kinds(got.findings).count("header_repeated") == 1


def test_misread_optional_header_cells_still_map_their_columns():
    """Two cells misread at once (the kind's required 委託の内容 and the optional 実施機関): the
    header is a closed vocabulary once the other cells settle the kind, so both still map, each
    with a finding, and the agency column decodes through the agency list."""
    misread = ["No", "の内容", "担当部課", "実施機圆", *HEADER[4:]]
    body = [row(3, 100 + 20 * n, [str(n), f"業務委託その{n}", "保健福祉政策部保健医療福祉推進課",
                                  "教育委員会" if n % 2 else "区長", "有", "無"]) for n in range(1, 7)]
    got = records(Table(1, row(3, 80, misread), tuple(body)))
    assert [c.case_no for c in got.cases] == [1, 2, 3, 4, 5, 6]
    assert [c.agency for c in got.cases] == ["教育委員会", "区長"] * 3
    relaxed = sorted(f.detail for f in got.findings if f.kind == "header_relaxed")
    assert len(relaxed) == 2
    assert "'の内容'" in relaxed[0] and "description" in relaxed[0]
    assert "'実施機圆'" in relaxed[1] and "agency" in relaxed[1]


def test_a_leftover_header_cell_like_no_field_maps_nothing():
    """A header cell that names no remaining field clearly (「備考」) stays unmapped, no finding."""
    extra = [*HEADER[:3], "備考", *HEADER[4:]]
    got = records(table(1, 3, extra, range(1, 4)))
    assert [c.case_no for c in got.cases] == [1, 2, 3]
    assert all(c.agency is None for c in got.cases)
    assert "header_relaxed" not in kinds(got.findings)


def test_a_first_page_with_several_misread_header_cells_is_still_the_list():
    """A fax misreads half a header at once; the cells still name distinct fields of one kind
    (every cell near its wording, half of them at the threshold), so the list is read."""
    misread = ["No", "の内容", "担当部課", "窦施機閱", "要配康個人情級(有/無)", "条例要配潔個人情報(有/無)"]
    got = records(table(1, 4, misread, range(1, 6)))
    assert [c.case_no for c in got.cases] == [1, 2, 3, 4, 5]
    assert {c.criterion for c in got.cases} == {"outsourcing"}
    assert sum(f.kind == "header_relaxed" for f in got.findings) == 3  # の内容, 窦施機閱, 要配康…
    assert got.unrecognized_tables == ()


def test_half_a_header_of_other_words_is_not_the_list():
    """Three cells of the list's header and three of other words: not enough to call it the list."""
    other = ["No", "委託の内容", "担当部課", "金額", "日付", "備考"]
    got = records(table(1, 4, other, range(1, 4)))
    assert got.cases == ()
    assert kinds(got.findings).count("table_not_recognized") == 1


def test_an_agency_with_one_of_two_glyphs_misread_decodes_to_the_only_close_agency():
    body = [row(3, 100 + 20 * n, [str(n), f"業務委託その{n}", "保健福祉政策部保健医療福祉推進課", read, "有", "無"])
            for n, read in enumerate(["区畏", "区費", "教育委局会"], start=1)]
    got = records(Table(1, row(3, 80, HEADER), tuple(body)))
    assert [c.agency for c in got.cases] == ["区長", "区長", "教育委員会"]


def test_a_misread_huge_number_does_not_hide_a_later_gap():
    """「23」 with dust read as 8 before it, 8323, and 24 not read, so no neighbour pins it: it is
    out of order for the rows after it, and the gap after No. 30 (31 not read) is still found,
    on its own page."""
    body = [case_row(5, n) for n in (21, 22)] + [case_row(5, 23, no_text="8323")]  # 24 not read either
    body += [case_row(5, n) for n in range(25, 31)] + [case_row(8, n) for n in (32, 33)]
    got = records(Table(1, row(5, 80, HEADER), tuple(body)))
    assert [c.case_no for c in got.cases] == [21, 22, 8323, *range(25, 31), 32, 33]
    assert [f.page_no for f in got.findings if f.kind == "numbering_out_of_order"] == [5]
    gaps = {f.page_no: f.detail for f in got.findings if f.kind == "numbering_gap"}
    assert "No. 30 then No. 32" in gaps[8] and "31" in gaps[8]


def test_a_number_with_the_next_one_run_on_is_read_as_the_run_expects_and_a_gap_still_found():
    """「23」 over 「24」 read as 2324 after No. 22: it is 23 (with a finding), so 24 missing is a
    gap where it stands, and the gap after No. 30 is still found on its own page."""
    body = [case_row(5, n) for n in (21, 22)] + [case_row(5, 23, no_text="2324")]
    body += [case_row(5, n) for n in range(25, 31)] + [case_row(8, n) for n in (32, 33)]
    got = records(Table(1, row(5, 80, HEADER), tuple(body)))
    assert [c.case_no for c in got.cases] == [21, 22, 23, *range(25, 31), 32, 33]
    assert any(f.kind == "case_no_decoded" and "'2324' read as 23" in f.detail for f in got.findings)
    gaps = {f.page_no: f.detail for f in got.findings if f.kind == "numbering_gap"}
    assert "No. 23 then No. 25" in gaps[5] and "No. 30 then No. 32" in gaps[8]


def test_a_heading_cut_into_pieces_leaves_its_column_unread_with_a_finding():
    """A spread heading (「実 施 機 関」, 均等割り付け) parted at its gaps into cells that name no field: the
    list is still read by its other headings, but its agency column is in no field, which must be said."""
    cut = ["No", "委託の内容", "担当部課", "実", "施", "機", "関", *HEADER[4:]]
    edges = [40.0, 70.0, 300.0, 430.0, 442.0, 455.0, 467.0, 480.0, 530.0, 580.0]
    head = tuple(Cell(3, 80, i, t, BBox(edges[i], 80, edges[i + 1], 100)) for i, t in enumerate(cut))
    body = tuple(tuple(Cell(3, 100 + 20 * n, i, t, BBox(edges[i], 100 + 20 * n, edges[i + 1], 120 + 20 * n))
                       for i, t in enumerate([str(n), f"業務委託その{n}", "保健福祉政策部保健医療福祉推進課",
                                              "区", "", "", "長", "有", "無"]))
                 for n in range(1, 6))
    got = records(Table(1, head, body, ""))
    assert [c.case_no for c in got.cases] == [1, 2, 3, 4, 5]
    assert all(c.agency is None for c in got.cases)
    [unread] = [f for f in got.findings if f.kind == "header_cells_unread"]
    assert unread.page_no == 3 and "'実'" in unread.detail and "agency" in unread.detail


def test_a_header_naming_every_field_leaves_no_unread_cells_finding():
    got = records(table(1, 3, HEADER, range(1, 6)))
    assert "header_cells_unread" not in kinds(got.findings)


def test_the_cli_line_and_summary_count_tables_with_header_cells_in_no_field() -> None:
    from pipeline.cli.ingest import not_understood, not_understood_total
    from pipeline.run import Outcome

    landed = Outcome("x.pdf", "landed", columns_unread=1)
    assert not_understood(landed) == ", 1 table(s) with header cells in no field"
    assert not_understood_total([landed, Outcome("y.pdf", "landed")]) == ", 1 table(s) with header cells in no field"
