"""運用状況 through config alone (config/report_types/operation_status.toml), front-page facts of any
document, and ``--explain``'s draft config, against the hand-written truth of the count fixtures."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from dev.truth import count_tables as truth
from dev.truth.count_tables import expected, expected_request_counts
from pipeline.config import parse_report_type
from pipeline.errors import ConfigError

CASES = Path(__file__).resolve().parent / "cases"
BORN_DIGITAL = ("count-reportlab.pdf", "count-fpdf2.pdf", "count-chromium.pdf")


@pytest.fixture(scope="module")
def results():
    from pipeline.run import process_bytes

    return {name: process_bytes((CASES / name).read_bytes(), name)
            for name in (*BORN_DIGITAL, "budget-reportlab.pdf")}


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_request_counts_by_config_alone(results, name: str) -> None:  # type: ignore[no-untyped-def]
    result = results[name]
    assert result.report_type == "operation_status"
    got = {(d["system"], d["agency"], d["request_type"], d["decision"], f.value, f.is_total)
           for f in result.facts for d in [dict(f.dims)]}
    assert got == expected_request_counts()
    assert len(result.facts) == len(expected_request_counts())
    assert {f.target for f in result.facts} == {"request_counts"}
    assert not [f for f in result.findings if f.kind in ("table_not_recognized", "facts_unmapped_column")]


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_document_facts_from_the_first_page(results, name: str) -> None:  # type: ignore[no-untyped-def]
    info = results[name].info
    assert info.title == "令和5年度 情報公開・個人情報保護制度の運用状況"
    assert (info.fiscal_year, info.published_on) == (2023, date(2024, 6, 28))
    assert (info.publisher, info.municipality) == ("若葉市総務部情報公開課", "若葉市")


def test_document_facts_when_no_report_type_knows_the_document(results) -> None:  # type: ignore[no-untyped-def]
    result = results["budget-reportlab.pdf"]
    assert result.report_type is None
    info = result.info
    assert (info.title, info.fiscal_year, info.publisher, info.municipality) == (
        "令和6年度 若葉市一般会計予算書", 2024, "若葉市財政課", "若葉市")
    assert info.published_on is None  # no date is printed: unknown, not guessed
    assert [f.kind for f in result.findings] == ["table_not_recognized", "nothing_recognized"]  # cells only


def test_explain_drafts_a_config_that_reads_its_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main
    from pipeline.extract import extract_document
    from pipeline.recognize.cells import tables_to_cells
    from pipeline.recognize.facts import tables_to_facts

    pdf = CASES / "budget-reportlab.pdf"
    assert main(["--explain", str(pdf), str(CASES / "count-reportlab.pdf"), "--drafts", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "header cells: 款 | 本年度予算額(A) | 前年度予算額(B) | 比較(A-B)" in out
    assert "4 columns" in out and "no table kind matched" in out
    assert "best match operation_status.requests (score 100)" in out
    drafts = sorted(tmp_path.glob("*.toml"))
    assert [p.name for p in drafts] == ["budget_reportlab.toml"]  # the count tables matched: no draft
    draft = parse_report_type(tomllib.loads(drafts[0].read_text(encoding="utf-8")), str(drafts[0]))
    ex = extract_document(pdf.read_bytes(), pdf.name)
    cells, _ = tables_to_cells(ex.tables, ex.lines)
    facts, matched, _ = tables_to_facts(ex.tables, cells, ex.lines, [draft])
    assert [m.table_no for m in matched] == [1]
    by_label = {(f.row_path, f.col_path): f.value for f in facts}
    for key, value in expected(truth.BUDGET_COLUMNS, truth.BUDGET_SAMPLE).items():
        assert by_label[key] == value


def test_a_facts_kind_without_a_target_names_the_file_and_key() -> None:
    data = {"name": "x", "tables": {"t": {"kind": "facts", "column_dimension": "c", "fields": {"a": ["A"]}}}}
    with pytest.raises(ConfigError, match=r"bad\.toml: table kind 't': a facts table needs target"):
        parse_report_type(data, "bad.toml")
    data["tables"]["t"]["target"] = "cases"  # type: ignore[index]
    from pipeline.errors import LoadError
    from pipeline.load.warehouse import facts_views

    with pytest.raises(LoadError, match="may not be named like a warehouse table"):
        facts_views([parse_report_type(data, "bad.toml")])


def test_a_report_types_dash_policy_applies_to_its_tables() -> None:
    from pipeline.extract import extract_document
    from pipeline.recognize.cells import tables_to_cells, with_policy

    data = {"name": "x", "cells": {"dash": "nothing"}, "tables": {}}
    with pytest.raises(ConfigError, match=r"x\.toml: cells\.dash = 'nothing'; allowed: dash = zero \| none"):
        parse_report_type(data, "x.toml")
    data["cells"] = {"dash": "none"}
    rt = parse_report_type(data, "x.toml")
    pdf = CASES / "count-reportlab.pdf"
    ex = extract_document(pdf.read_bytes(), pdf.name)
    cells, _ = tables_to_cells(ex.tables, ex.lines, overrides={1: with_policy(rt.cells)})
    dashes = [(c.table_no, c.value) for c in cells if c.role == "value" and c.text == "－"]
    assert {v for t, v in dashes if t == 1} == {None} and {v for t, v in dashes if t == 2} == {0}
    # 「－」 cells of table 1 (hand count from the printed table): 教育委員会 1, 選挙管理委員会 3, 監査委員 3, 農業委員会 4
    assert sum(1 for t, _ in dashes if t == 1) == 11


def test_explain_names_a_bad_file_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli.explain import main

    bad = tmp_path / "not-a.pdf"
    bad.write_bytes(b"hello")
    assert main([str(bad), str(CASES / "count-fpdf2.pdf"), "--out", str(tmp_path / "drafts")]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("failed   not-a.pdf") and len(captured.err.splitlines()) == 1
    assert "count-fpdf2.pdf: 1 pages, 2 tables" in captured.out


def test_a_report_types_policy_reaches_its_facts() -> None:
    from pipeline.config import CONFIG_DIR
    from pipeline.extract import extract_document
    from pipeline.recognize.facts import tables_to_cells_and_facts

    data = tomllib.loads((CONFIG_DIR / "report_types" / "operation_status.toml").read_text(encoding="utf-8"))
    data["cells"] = {"dash": "none"}
    rt = parse_report_type(data, "operation_status (dash none)")
    pdf = CASES / "count-fpdf2.pdf"
    ex = extract_document(pdf.read_bytes(), pdf.name)
    tidy = tables_to_cells_and_facts(ex.tables, ex.lines, [rt])
    nothing = [f for f in tidy.facts if f.value is None]
    assert nothing and all(f.row_path and "－" == c.text for f in nothing
                           for c in tidy.cells if (c.table_no, c.row_path, c.col_path) == (f.table_no, f.row_path, f.col_path))
    # every value the fixture prints as 「－」 is one of them (hand count: table 1 1+3+3+4, table 2 1+2+3+5)
    assert len(nothing) == 11 + 11


def test_a_letter_in_a_field_column_of_a_facts_table_is_a_finding() -> None:
    """A 運用状況 table printed without a unit: OCR read three of the 不開示 column's four counts as
    letters, so the column is not mostly numbers, but operation_status reads it as a field (refused):
    each letter is a finding naming page, table, row, column and text. The 備考 column, no field,
    keeps its text without one; the table's dash is no finding."""
    from pipeline.config import table_report_types
    from pipeline.recognize.facts import tables_to_cells_and_facts
    from pipeline.types import BBox, Cell, Table

    def cell(r: int, c: int, text: str) -> Cell:
        return Cell(2, r, c, text, BBox(c * 70.0, 100 + r * 20.0, (c + 1) * 70.0, 100 + (r + 1) * 20.0), source="ocr")

    header = ["実施機関", "請求件数", "開示", "一部開示", "不開示", "備考"]
    rows = [["区長", "40", "30", "7", "l3", "再掲あり"], ["教育委員会", "9", "5", "4", "O", ""],
            ["選挙管理委員会", "2", "2", "－", "－", "移送1件"], ["監査委員", "1", "0", "0", "あ", "取下げ"]]
    table = Table(1, tuple(cell(0, c, t) for c, t in enumerate(header)),
                  tuple(tuple(cell(r, c, t) for c, t in enumerate(texts)) for r, texts in enumerate(rows, 1)),
                  "個人情報開示請求の運用状況")
    tidy = tables_to_cells_and_facts([table], [], table_report_types())
    assert {m.report_type.name for m in tidy.matched} == {"operation_status"}
    unreadable = [f for f in tidy.findings if f.kind == "unreadable_number"]
    assert [(f.page_no, f.detail.split(":")[0]) for f in unreadable] == [
        (2, "table 1 row 1 (区長) column 4 (不開示)"), (2, "table 1 row 2 (教育委員会) column 4 (不開示)"),
        (2, "table 1 row 4 (監査委員) column 4 (不開示)")]
    assert [t for t in ("'l3'", "'O'", "'あ'") if not any(t in f.detail for f in unreadable)] == []
    refused = [f.value for f in tidy.facts if dict(f.dims).get("decision") == "refused"]
    assert refused == [None, None, 0, None]
