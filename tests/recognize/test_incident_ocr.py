"""報告第360号 read from the scanned reference PDF (real Tesseract OCR) against hand-written values.

The scan (corpus/pdf/setagaya-2023-report359-scan300.pdf) has 報告第360号 on pages 45-48
(0-based 44..47). The OCR runs once per module (~20-60 s on two cores); the expected values are
corpus/ground_truth/setagaya-2023-report359/expected_incident.json, written by hand from the
reference text, never from this parser's output.

What OCR damages and how each assertion deals with it:

* the space after a heading number (「2事案の経過」), spaces inside dates and brackets
  (「令和 5 年 8 月 18 日」, 「の報告 )」): handled by the recognizer, fields asserted exactly;
* a misread weekday (「7 月 27 日 (本 )」): the date is still exact, the note is asserted;
* misread kanji inside values (婚姻歴 -> 婚如歴, 砧 -> 感, 滅失 -> 減失): the recognizer does not
  "correct" free text (it has no honest way to know 婚如歴 is wrong), so personal_items and the
  event texts are compared with a character error rate bound (≤ 3 %, after removing
  whitespace) instead of equality; the item count and boundaries are exact.
* departments: Tesseract's jpn set lacks 砧, so the first department is asserted through the
  department registry (pipeline.match.match_department), the second exactly.

Line-end truncation (an OCR-side bug being fixed in pipeline/extract/ocr.py) did not touch any
field of this report when this test was written (it only lost a 「。」 in the appended law text),
so no assertion is marked xfail for it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from dev.scoring import cer, squeeze
from pipeline.recognize.incident import (
    FUZZY_MIN_LEN,
    IncidentReport,
    close_ocr_gaps,
    find_word,
    lines_to_incidents,
    load_incident_configs,
)
from pipeline.recognize.outline import lines_to_outline, match_glued_label
from pipeline.types import BBox, TextLine

ROOT = Path(__file__).resolve().parents[2]
SCAN = ROOT / "corpus/pdf/setagaya-2023-report359-scan300.pdf"
EXPECTED = json.loads(
    (ROOT / "corpus/ground_truth/setagaya-2023-report359/expected_incident.json").read_text(encoding="utf-8")
)
INCIDENT = EXPECTED["incidents"][0]
EVENTS = EXPECTED["incident_events"]
PAGES = [44, 45, 46, 47]  # 0-based: printed pages 45-48
MAX_CER = 0.03


def _cer(got: str, want: str) -> float:
    """Whitespace removed and no NFKC, as this test has always compared (dev/scoring.py computes it)."""
    return cer(got, want, fold=squeeze)


# ---------------------------------------------------------------- without OCR


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("令和 5 年 8 月 18 日", "令和5年8月18日"),
        ("(個人情報保護条例第 4 条第 2 項第 2 号の報告 )", "(個人情報保護条例第4条第2項第2号の報告)"),
        ("7 月 7 日 ( 金 ) 他自治体", "7月7日(金)他自治体"),
        ("PDF file 1 2", "PDF file 1 2"),  # between ASCII letters/digits a space is kept
        ("\u3000字下げ", "\u3000字下げ"),  # at the line start it is kept
    ],
)
def test_close_ocr_gaps(text: str, closed: str) -> None:
    assert close_ocr_gaps(text) == closed


def test_fuzzy_words_need_four_characters_and_at_most_a_quarter_wrong() -> None:
    assert FUZZY_MIN_LEN == 4
    hit = find_word("個人情報保護委貝会へ報告", ["個人情報保護委員会"], fuzzy=True)
    assert hit is not None and hit.fuzzy and hit.read == "個人情報保護委貝会"
    assert find_word("個人情報保護委貝会へ報告", ["個人情報保護委員会"]) is None  # text layer: exact only
    assert find_word("本件文書の減失", ["滅失"], fuzzy=True) is None  # 2 characters: 減失 may be 消失, 紛失
    assert find_word("二次被善の有無", ["二次被害"], fuzzy=True) is not None
    assert find_word("二次的な被害", ["二次被害"], fuzzy=True) is None  # two of four differ


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2事案の経過", True),
        ("第3事案の経過", True),
        ("5年の保存期間", False),  # a counter follows: a quantity
        ("3日(月)に搬出した", False),
        ("2事案の経過を述べる。", False),  # prose
        ("2その他", False),  # no heading word
    ],
)
def test_glued_label(text: str, ok: bool) -> None:
    assert (match_glued_label(text, lambda t: "経過" in t or "保存期間" in t) is not None) is ok


def test_glued_heading_only_on_a_line_of_its_own() -> None:
    def line(text: str, x1: float, y: float) -> TextLine:
        return TextLine(text=text, bbox=BBox(0, y, x1, y + 10), page_no=1, source="ocr")

    lines = [
        line("1 事案の概要", 100, 0),
        line("文書を廃棄した。", 100, 20),
        line("2事案の経過", 100, 40),  # a heading
        line("(1) 6月26日(月) 文書を納める。文書箱には記載し、職員", 500, 60),  # wraps
        line("2事案の経過を述べる", 100, 80),  # continues the wrapped line: text
        line("文書の説明", 500, 100),  # the widest line: the right margin
    ]
    heading_words = ("経過",)
    root, _ = lines_to_outline(lines, range(len(lines)), glued=lambda t: any(w in t for w in heading_words))
    assert [n.path for n in root.walk()[1:]] == ["1", "2", "2/(1)"]
    root, _ = lines_to_outline(lines, range(len(lines)))
    assert [n.path for n in root.walk()[1:]] == ["1", "1/(1)"]  # without it: 「2事案の経過」 is text


# ---------------------------------------------------------------- real OCR


@pytest.fixture(scope="module")
def ocr_lines() -> list[TextLine]:
    from pipeline.extract.ocr import ocr_document

    pages = ocr_document(SCAN.read_bytes(), PAGES, engine="auto", dpi=300, jobs=2)
    lines = [ln for p in pages for ln in p.lines]
    assert lines and all(ln.source == "ocr" for ln in lines)
    return lines


@pytest.fixture(scope="module")
def report(ocr_lines: list[TextLine]) -> IncidentReport:
    reports = lines_to_incidents(ocr_lines, load_incident_configs())
    assert [r.incident.report_no for r in reports] == [360]
    return reports[0]


@pytest.mark.parametrize(
    "name",
    [
        "report_no", "title", "incident_type", "legal_category", "record_name", "affected_count", "affected_count_approx",
        "fiscal_year_of_records", "retention_years", "legal_basis",
    ],
)
def test_scalar_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == INCIDENT[name]


@pytest.mark.parametrize("name", ["reported_on", "discovered_on", "reported_to_ppc_on", "published_on"])
def test_date_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == date.fromisoformat(INCIDENT[name])


def test_source_is_ocr(report: IncidentReport) -> None:
    assert report.incident.source == "ocr"
    assert report.incident.confidence is not None


def test_event_dates(report: IncidentReport) -> None:
    assert [(e.seq, e.event_on) for e in report.events] == [
        (e["seq"], date.fromisoformat(e["event_on"])) for e in EVENTS
    ]


def test_event_texts_within_cer(report: IncidentReport) -> None:
    """Event texts are kept as read: only misread kanji differ (砧 -> 砺, 滅 -> 減)."""
    for got, want in zip(report.events, EVENTS, strict=True):
        assert _cer(got.text, want["text"]) <= MAX_CER, (got.seq, got.text)


def test_misread_weekday_is_noted_not_kept(report: IncidentReport, ocr_lines: list[TextLine]) -> None:
    """「7月27日(木)」 may come out as 「(本 )」: the date stays exact; if the weekday is not one,
    the event text does not carry it and a note says so (and only then)."""
    event = report.events[5]
    assert event.event_on == date(2023, 7, 27)
    assert event.text.startswith("福祉保健常任委員会")
    read = next(re.search(r"7月27日\((.*?)\)", squeeze(ln.text)) for ln in ocr_lines if "7月27日(" in squeeze(ln.text))
    assert read is not None, "the OCR'd line of event 6 holds its date and a bracket"
    wrong = [n for n in report.incident.notes if "is not a weekday" in n]
    if read.group(1) in "月火水木金土日" and len(read.group(1)) == 1:
        assert wrong == []
    else:
        assert len(wrong) == 1 and "27" in wrong[0]


def test_personal_items(report: IncidentReport) -> None:
    """Same number of items, in the same places; the characters within a 3 % error rate, not
    exactly: OCR reads 婚姻歴 as 婚如歴 and nothing in the text says which one is right, so the
    recognizer keeps what was read instead of guessing."""
    got = [squeeze(i) for i in report.incident.personal_items]
    want = [squeeze(i) for i in INCIDENT["personal_items"]]
    assert len(got) == len(want)
    assert _cer("、".join(got), "、".join(want)) <= MAX_CER
    assert sum(g != w for g, w in zip(got, want, strict=True)) <= 2


def test_departments(report: IncidentReport) -> None:
    """Tesseract's jpn set has no 砧: the first department is checked through the registry."""
    from pipeline.match import match_department, registry_for

    registry = registry_for("setagaya")
    first, second = report.incident.departments
    assert second == INCIDENT["departments"][1]
    expected = match_department(INCIDENT["departments"][0], registry)
    assert expected.method == "exact"
    assert match_department(first, registry).department_id == expected.department_id


def test_secondary_damage(report: IncidentReport) -> None:
    assert report.incident.secondary_damage is not None
    assert _cer(report.incident.secondary_damage, INCIDENT["secondary_damage"]) <= MAX_CER


def test_sections_and_headings(report: IncidentReport) -> None:
    """Every numbered section of the text layer is found, headings exact (whitespace aside)."""
    got = {s.path: squeeze(s.heading) for s in report.sections}
    assert EXPECTED["incident_sections"], "the expected sections are written down"
    for section in EXPECTED["incident_sections"]:
        assert section["path"] in got
        assert got[section["path"]] == squeeze(section["heading"]), section["path"]


def test_fuzzy_hits_are_noted(report: IncidentReport, ocr_lines: list[TextLine]) -> None:
    """Every word matched with a misread character says so in the notes: one planted in the OCR'd
    lines (「個人情報保護委員会」 read as 「個人情報保護委貝会」) must be noted, and every note of a
    fuzzy match names OCR."""
    from dataclasses import replace

    assert any("個人情報保護委員会" in squeeze(ln.text) for ln in ocr_lines), "the word is on the scanned pages"
    planted = [replace(ln, text=ln.text.replace("委員会", "委貝会")) if "個人情報保護委員会" in squeeze(ln.text) else ln
               for ln in ocr_lines]
    [damaged] = lines_to_incidents(planted, load_incident_configs())
    assert damaged.incident.reported_to_ppc_on == report.incident.reported_to_ppc_on
    assert any("'個人情報保護委員会' matched" in n and "委貝会" in n for n in damaged.incident.notes)
    for note in (*report.incident.notes, *damaged.incident.notes):
        if "matched" in note:
            assert "OCR" in note
