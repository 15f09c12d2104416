"""Incident notices from any authority (issue 13), against the hand-written truth.

A sample of corpus/incidents (tuning half only: the held-out notices are for
dev/bench_incidents.py): every incident type, prose and 一括公表 table, a multi-incident
report, one scan through OCR, the decoy count (994件 mailed, 1名分 leaked) and dates whose
year comes from the context (同年, 同日, 翌朝, month-day only). The expected values come from
corpus/ground_truth/incidents/*.json, written from the facts put into each notice.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.extract import ExtractSettings, extract_document
from pipeline.recognize.incident import (
    IncidentConfigError,
    default_vocabulary,
    document_to_incidents,
    load_incident_configs,
    load_vocabulary,
)
from pipeline.recognize.incident.evidence import clean_department, dated_clauses, pick_count, pick_dates
from pipeline.recognize.incident.generic import notice_to_incidents
from pipeline.recognize.incident.notice import Section, block_title, heading_of, is_date_only
from pipeline.recognize.incident.table import fields_as_columns, table_to_incidents
from pipeline.recognize.incident.timeline import find_dates
from pipeline.types import BBox, Cell, Table, TextLine

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "corpus" / "incidents" / "pdf"
TRUTH = ROOT / "corpus" / "ground_truth" / "incidents"
FIELDS = ("incident_type", "occurred_on", "discovered_on", "reported_on", "affected_count", "affected_count_approx")
SAMPLE = (
    "n01-yokohama",  # 誤送付, decoy count, 同日
    "n02-osaka",  # 誤送信, 西暦 dates
    "n05-kyoto-kyoiku",  # 紛失, 「H24.12.21」, 同日
    "n07-kawasaki",  # 誤廃棄, 第1 headings
    "n08-sendai",  # 誤公開, ◎ headings, a period
    "n10-saitama-kyoiku",  # 一括公表 table: 紛失, 誤送付, 誤送信, 盗難
    "n11-kanagawa",  # two incidents in one report: 誤送信, 誤交付; 翌日
    "n13-hiroshima",  # scan (OCR): 誤送付, 同年8月9日
    "n26-shinagawa",  # 不正アクセス, month-day dates, 「9月20日から同月24日にかけて」
    "n23-hamamatsu",  # table with month-day dates, year from the notice's date
)
NEGATIVES = ("neg01-setagaya-nyusatsu", "neg02-yokosuka-privacy", "neg05-chiba-kenshu")


def _truth(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recognized() -> dict[str, tuple[list, list]]:  # type: ignore[type-arg]
    configs, vocab = load_incident_configs(), default_vocabulary()
    out = {}
    for name in SAMPLE + NEGATIVES:
        ex = extract_document((PDFS / f"{name}.pdf").read_bytes(), f"{name}.pdf", ExtractSettings())
        reports, findings = document_to_incidents(ex.lines, ex.tables, configs, vocab)
        out[name] = ([r.incident for r in reports], findings)
    return out


def _value(v: object) -> object:
    return v.isoformat() if isinstance(v, date) else v


@pytest.mark.parametrize("name", SAMPLE)
def test_every_incident_of_the_notice_with_its_fields(recognized, name: str) -> None:
    truth = _truth(name)
    found, _ = recognized[name]
    assert len(found) == len(truth["incidents"])
    for got, want in zip(found, truth["incidents"], strict=True):
        for field in FIELDS:
            assert _value(getattr(got, field)) == want[field], f"{name}#{got.incident_no} {field}"
        assert want["records"] in got.records.replace(" ", "")
        wants = want["department"] if isinstance(want["department"], list) else [want["department"]]
        assert got.department in wants


def test_the_sample_covers_every_type_and_both_forms_and_a_scan(recognized) -> None:
    types = {i.incident_type for n in SAMPLE for i in recognized[n][0]}
    assert types == {"紛失", "盗難", "誤送付", "誤送信", "誤交付", "誤廃棄", "誤公開", "不正アクセス"}
    assert {i.config for n in SAMPLE for i in recognized[n][0]} == {"generic", "generic-table"}
    assert recognized["n13-hiroshima"][0][0].source == "ocr"


@pytest.mark.parametrize("name", NEGATIVES)
def test_no_incident_on_negative_documents(recognized, name: str) -> None:
    assert recognized[name][0] == []


def test_incident_words_without_an_incident_leave_a_finding(recognized) -> None:
    _, findings = recognized["neg05-chiba-kenshu"]
    assert [f.kind for f in findings] == ["incident_not_assembled"]
    assert "no event word" in findings[0].detail


def test_the_decoy_count_is_noted(recognized) -> None:
    got = recognized["n01-yokohama"][0][0]
    assert (got.affected_count, got.affected_text) == (1, "1名分")
    assert any(n.startswith("affected_count:") and "994件" in n for n in got.notes)


def test_a_field_not_printed_is_none_with_a_note(recognized) -> None:
    table_row = recognized["n10-saitama-kyoiku"][0][0]  # the table has no 判明日 column
    assert table_row.discovered_on is None
    assert any(n.startswith("discovered_on:") for n in table_row.notes)


# ------------------------------------------------------------------ the readers, on facts written here


def test_dates_take_their_year_and_day_from_the_context() -> None:
    text = "令和5年7月14日発送。同年8月9日判明。同日回収。翌日謝罪。同月20日報告"
    assert [m.on for m in find_dates(text, None, None)] == [
        date(2023, 7, 14), date(2023, 8, 9), date(2023, 8, 9), date(2023, 8, 10), date(2023, 8, 20)]


def test_abbreviated_era_and_month_day_dates() -> None:
    assert [m.on for m in find_dates("H24.12.21に紛失、R6.5.1に判明", None, None)] == [
        date(2012, 12, 21), date(2024, 5, 1)]
    # a notice of January 2025 about 12月26日: the year before, noted
    (m,) = find_dates("12月26日に誤送付", None, date(2025, 1, 10))
    assert m.on == date(2024, 12, 26) and m.note


def test_an_era_year_glossed_in_the_western_one_and_this_year_and_the_next_numbered_day() -> None:
    text = "令和元年(2019年)7月16日から掲載。2024年(令和6年)8月2日判明。本年11月5日発送、翌7日回収。翌1日"
    assert [m.on for m in find_dates(text, None, date(2024, 11, 15))] == [
        date(2019, 7, 16), date(2024, 8, 2), date(2024, 11, 5), date(2024, 11, 7), date(2024, 12, 1)]


def test_the_notice_date_after_a_press_release_label() -> None:
    assert is_date_only("発表日　令和６年１２月３日（火）")
    assert is_date_only("令和6年（2024年）8月9日")
    assert not is_date_only("令和6年8月9日に発送")


def test_a_date_a_notice_was_published_on_dates_no_event() -> None:
    vocab = default_vocabulary()
    sections = [Section("", "", frozenset(), "令和6年8月30日にお知らせした、文書の誤廃棄について、人数が確定しました。"
                        "令和6年7月19日、保存期間中の文書を誤って廃棄しました。", 0, 1, None)]
    occurred, _, _ = pick_dates(sections, dated_clauses(sections, date(2024, 9, 13), vocab), vocab)
    assert occurred == date(2024, 7, 19)


def test_a_heading_naming_occurrence_and_discovery_is_no_discovery_date() -> None:
    vocab = default_vocabulary()
    heading = "発生から判明までの経過"
    sections = [Section(heading, "", vocab.roles_of(heading), "11月5日 通知書を発送\n同月7日 保護者からの連絡で判明",
                        0, 1, None)]
    occurred, discovered, _ = pick_dates(sections, dated_clauses(sections, date(2024, 11, 15), vocab), vocab)
    assert (occurred, discovered) == (date(2024, 11, 5), date(2024, 11, 7))


def test_without_an_overview_heading_the_lead_paragraph_names_what_was_sent() -> None:
    printed = [("令和6年11月15日", 10), ("保育所等利用調整結果通知書の誤送付について", 14),
               ("本年11月5日に発送した利用調整結果通知書のうち、3世帯分を別の世帯へ送っていたことが分かりました。", 10),
               ("（誤送付した情報）", 10), ("3世帯7名の氏名、住所", 10)]
    lines = [TextLine(1, text, BBox(40, 40 + 30 * k, 40 + size * len(text), 40 + 30 * k + size))
             for k, (text, size) in enumerate(printed)]
    (report,), _ = notice_to_incidents(lines, [], default_vocabulary())
    assert "利用調整結果通知書" in (report.incident.records or "") and "3世帯7名" in (report.incident.records or "")


def _table(rows: list[list[str]]) -> Table:
    cells = [tuple(Cell(1, r, c, text, BBox(0, 0, 1, 1)) for c, text in enumerate(row)) for r, row in enumerate(rows)]
    return Table(1, cells[0], tuple(cells[1:]))


def test_a_table_of_fields_down_its_first_column_is_read_turned() -> None:
    vocab = default_vocabulary()
    notice = _table([["項目", "内容"], ["件名", "依頼文書のFAX誤送信"], ["発生日", "令和6年10月8日"],
                     ["発覚日", "令和6年10月10日"], ["件数", "2名分"], ["所管課", "介護保険課"]])
    (report,) = table_to_incidents(fields_as_columns(notice, vocab), vocab, reported_on=date(2024, 10, 18),
                                   municipality=None, first_no=1, title=None)
    got = report.incident
    assert (got.incident_type, got.occurred_on, got.discovered_on, got.affected_count, got.department) == (
        "誤送信", date(2024, 10, 8), date(2024, 10, 10), 2, "介護保険課")
    side_by_side = _table([["区分", "事案1", "事案2"], ["事故の種類", "誤交付", "紛失"],
                           ["発生日", "令和6年5月17日", "令和6年6月10日"], ["内容", "写しを重ねて渡した", "所在不明"]])
    turned = fields_as_columns(side_by_side, vocab)
    assert [r.incident.incident_type for r in table_to_incidents(
        turned, vocab, reported_on=None, municipality=None, first_no=1, title=None)] == ["誤交付", "紛失"]
    by_rows = _table([["番号", "発生日", "概要"], ["1", "令和6年5月17日", "誤送付"], ["2", "令和6年6月1日", "紛失"]])
    assert fields_as_columns(by_rows, vocab) is None  # one incident a row already


def test_a_weekday_that_contradicts_the_date_is_noted() -> None:
    (m,) = find_dates("令和6年6月3日(火)発送", None, None)  # 2024-06-03 is a Monday
    assert m.on == date(2024, 6, 3) and "月曜日" in (m.note or "")


@pytest.mark.parametrize(("text", "want"), [
    ("受診券994件を郵送しましたが、そのうち1名分の受診券が別の封筒に", (1, False)),
    ("計5,502件(内訳)受診者4,980件、がん検診522件", (5502, False)),
    ("申請者およそ330人分の氏名", (330, True)),
    ("1世帯2名分の氏名", (2, False)),
    ("約120人", (120, True)),
])
def test_counts_prefer_totals_parts_and_people(text: str, want: tuple[int, bool]) -> None:
    count, _ = pick_count([text], default_vocabulary())
    assert count is not None and (count.value, count.approx) == want


def test_headings_whatever_their_numbering() -> None:
    vocab = default_vocabulary()
    for text, heading, value in [
        ("1　概要", "概要", ""), ("(3)誤送付した個人情報", "誤送付した個人情報", ""), ("■発生日時", "発生日時", ""),
        ("【発生日】令和5年6月12日(月)", "発生日", "令和5年6月12日(月)"), ("発生日時:令和6年11月1日", "発生日時", "令和6年11月1日"),
        ("・発生日 H24.12.21", "発生日", "H24.12.21"), ("第2 対象となる個人情報", "対象となる個人情報", ""),
        ("1 発生日時令和 6 年 4 月 8 日", "発生日時", "令和 6 年 4 月 8 日"),  # OCR lost the gap
    ]:
        h = heading_of(text, vocab)
        assert h is not None and (h[1], h[2]) == (heading, value), text
    assert heading_of("令和6年6月7日 受け取った市民の方からの連絡で判明", vocab) is None
    assert heading_of("翌日 執務室内を捜索したが発見できず", vocab) is None


def test_sub_titles_of_a_multi_incident_report() -> None:
    vocab = default_vocabulary()
    assert block_title("2 保健福祉事務所における書類の誤交付", vocab)
    assert block_title("■事案3 イベント参加者へのメール誤送信", vocab)
    assert not block_title("3 誤送付した個人情報", vocab)
    assert not block_title("特定健康診査受診券の誤送付について", vocab)  # the notice's title: no label


def test_departments_as_printed_without_the_authority() -> None:
    vocab = default_vocabulary()
    assert clean_department("問い合わせ先 横浜市健康福祉局保険年金課 電話045", "横浜市", vocab) == "健康福祉局保険年金課"
    assert clean_department("岡山県立倉敷青陵高等学校", "岡山県", vocab) == "岡山県立倉敷青陵高等学校"
    assert clean_department("事案の概要", None, vocab) is None


def test_a_bad_vocabulary_names_the_file_and_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "vocab.toml"
    bad.write_text('[[types]]\nname = "誤爆"\nwords = ["誤爆"]\n[counts]\nunits = [["名"]]\n', encoding="utf-8")
    with pytest.raises(IncidentConfigError, match=r"vocab\.toml: types: \['誤爆'\] not in the closed vocabulary"):
        load_vocabulary(bad)
