"""報告第360号 (誤廃棄 of 精神保健相談記録) against hand-written expected values.

Expected values: corpus/ground_truth/setagaya-2023-report359/expected_incident.json,
read off the reference text by hand (never from this parser's output).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    from cases.incident_lines import paragraphs, to_lines
except ImportError:  # collected as a package (tests/recognize/__init__.py)
    from tests.recognize.cases.incident_lines import paragraphs, to_lines

from pipeline.recognize.incident import (
    CONFIG_DIR,
    Incident,
    IncidentConfig,
    IncidentConfigError,
    IncidentReport,
    incident_config_paths,
    lines_to_incidents,
    load_incident_config,
    load_incident_configs,
    parse_incident_count,
    split_items,
)
from pipeline.types import BBox, TextLine

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads(
    (ROOT / "corpus/ground_truth/setagaya-2023-report359/expected_incident.json").read_text(encoding="utf-8")
)
PDF = ROOT / "corpus/pdf/setagaya-2023-report359.pdf"


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@pytest.fixture(scope="module")
def config() -> IncidentConfig:
    return load_incident_config(CONFIG_DIR / "incident.toml")


@pytest.fixture(scope="module")
def report(config: IncidentConfig) -> IncidentReport:
    # 報告第359号's front matter (a table report) comes first, as in the PDF.
    lines = to_lines(paragraphs("setagaya_report359_front.txt") + paragraphs("setagaya_report360.txt"))
    reports = lines_to_incidents(lines, load_incident_configs())
    assert [r.incident.report_no for r in reports] == [360]
    return reports[0]


def _expected_incident() -> dict[str, object]:
    return dict(EXPECTED["incidents"][0])


SCALARS = [
    "report_no", "title", "incident_type", "legal_category", "record_name", "affected_count", "affected_count_approx",
    "fiscal_year_of_records", "retention_years", "secondary_damage", "legal_basis",
]
DATES = ["reported_on", "discovered_on", "reported_to_ppc_on", "published_on"]
LISTS = ["departments", "personal_items", "sensitive_items"]


@pytest.mark.parametrize("name", SCALARS)
def test_scalar_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == _expected_incident()[name]


@pytest.mark.parametrize("name", DATES)
def test_date_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == date.fromisoformat(str(_expected_incident()[name]))


@pytest.mark.parametrize("name", LISTS)
def test_list_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == tuple(_expected_incident()[name])  # type: ignore[arg-type]


def test_missing_underline_is_a_note_not_a_guess(report: IncidentReport) -> None:
    assert report.incident.sensitive_items == ()
    assert any("underline" in n and "sensitive_items" in n for n in report.incident.notes)


def test_no_other_notes(report: IncidentReport) -> None:
    assert [n for n in report.incident.notes if "underline" not in n] == []


def test_provenance(report: IncidentReport) -> None:
    assert report.incident.config == "incident"
    assert report.incident.source == "text" and report.incident.confidence is None
    assert report.incident.page_no == 1


def test_seven_events_with_iso_dates(report: IncidentReport) -> None:
    got = [(e.seq, e.event_on.isoformat() if e.event_on else None) for e in report.events]
    want = [(e["seq"], e["event_on"]) for e in EXPECTED["incident_events"]]
    assert got == want


@pytest.mark.parametrize("seq", range(1, 8))
def test_event_text(report: IncidentReport, seq: int) -> None:
    want = EXPECTED["incident_events"][seq - 1]
    event = report.events[seq - 1]
    assert (event.report_no, event.seq, event.text) == (want["report_no"], want["seq"], want["text"])


def test_section_paths_and_headings(report: IncidentReport) -> None:
    got = [(s.path, s.heading) for s in report.sections]
    want = [(s["path"], s["heading"]) for s in EXPECTED["incident_sections"]]
    assert got == want


@pytest.mark.parametrize(
    "want", [s for s in EXPECTED["incident_sections"] if "text" in s], ids=lambda s: s["path"]
)
def test_section_text(report: IncidentReport, want: dict[str, str]) -> None:
    section = next(s for s in report.sections if s.path == want["path"])
    assert section.text == want["text"]


LABELS = ("(1) ", "(2) ", "(3) ", "(4) ", "(5) ", "(6) ", "(7) ", "1 ", "2 ", "3 ", "4 ", "5 ")


def _assert_nothing_lost(rep: IncidentReport) -> None:
    joined = nfkc("".join(s.heading + s.text for s in rep.sections)).replace("\n", "").replace(" ", "")
    for para in paragraphs("setagaya_report360.txt")[6:]:
        body = nfkc(para.strip().removeprefix("- ").strip())
        for label in LABELS:
            body = body.removeprefix(label)
        assert body.replace(" ", "") in joined, body[:30]


def test_nothing_is_lost(report: IncidentReport) -> None:
    """Every character of the report body is in some section (the front matter is in the fields)."""
    _assert_nothing_lost(report)


@settings(max_examples=30, deadline=None)
@given(width=st.integers(min_value=24, max_value=160), per_page=st.integers(min_value=3, max_value=60))
def test_nothing_is_lost_whatever_the_layout(width: int, per_page: int) -> None:
    """Any wrap width and page length: paragraphs may merge (see docs), text is never dropped,
    and the outline and the timeline dates stay the same. (From 24 characters a line: the
    「報告第N号」 line and an appendix title such as 「…施行規則（抜粋）」 must fit on one line.)"""
    lines = to_lines(paragraphs("setagaya_report360.txt"), width=width, per_page=per_page)
    [rep] = lines_to_incidents(lines, load_incident_configs())
    _assert_nothing_lost(rep)
    assert [s["path"] for s in EXPECTED["incident_sections"]] == [s.path for s in rep.sections]
    assert [e.event_on.isoformat() if e.event_on else None for e in rep.events] == [
        e["event_on"] for e in EXPECTED["incident_events"]
    ]


def test_appendix_keeps_the_law_excerpts(report: IncidentReport) -> None:
    law = next(s for s in report.sections if s.path == "appendix-1")
    assert "第六十八条" in law.text and law.text.count("\n") >= 4
    rule = next(s for s in report.sections if s.path == "appendix-2")
    assert rule.text.split("\n")[-1].startswith("第四十五条 行政機関の長等は、法第六十八条第二項本文の規定")
    assert rule.text.endswith("前条第一項第一号、第二号、第四号、第五号及び第九号に定める事項を通知しなければならない。")


# ---------------------------------------------------------------- underline


def _underline_items(lines: list[TextLine], items: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Underline spans for every occurrence of the items in the items paragraph's lines."""
    marks: dict[int, list[tuple[int, int]]] = {}
    start = next(i for i, ln in enumerate(lines) if ln.text.startswith("氏名、住所"))
    text = ""
    owners: list[tuple[int, int]] = []
    for i in range(start, start + 6):
        for k in range(len(lines[i].text)):
            owners.append((i, k))
        text += lines[i].text
    for item in items:
        at = text.index(item + "、") if item + "、" in text else text.index(item)
        for pos in range(at, at + len(item)):
            i, k = owners[pos]
            marks.setdefault(i, []).append((k, k + 1))
    return marks


def test_underlined_items_become_sensitive_items(config: IncidentConfig) -> None:
    lines = to_lines(paragraphs("setagaya_report360.txt"))
    by_law = [str(x) for x in _expected_incident()["sensitive_items_by_law"]]  # type: ignore[attr-defined]
    # underline only the head word of 「診断名(疑いを含む)」, the way a ward might draw it
    drawn = [x if not x.startswith("診断名") else "診断名" for x in by_law]
    [rep] = lines_to_incidents(lines, config, underlined=_underline_items(lines, drawn))
    assert rep.incident.sensitive_items == tuple(by_law)
    assert not any("underline" in n for n in rep.incident.notes)


def test_empty_underline_data_means_no_sensitive_items(config: IncidentConfig) -> None:
    lines = to_lines(paragraphs("setagaya_report360.txt"))
    [rep] = lines_to_incidents(lines, config, underlined={})
    assert rep.incident.sensitive_items == ()
    assert not any("underline" in n for n in rep.incident.notes)


# ---------------------------------------------------------------- robustness of the input


@pytest.mark.parametrize("width", [26, 43, 62, 200])
def test_any_wrap_width_gives_the_same_record(report: IncidentReport, width: int) -> None:
    """(Widths where no paragraph exactly fills its last line: such a paragraph cannot be told
    from a wrapped one by layout, see docs/incidents.md.)"""
    lines = to_lines(paragraphs("setagaya_report360.txt"), width=width, per_page=23)
    [rep] = lines_to_incidents(lines, load_incident_configs())
    assert rep.incident == _without_page(rep.incident, report.incident)
    assert [(e.event_on, e.text) for e in rep.events] == [(e.event_on, e.text) for e in report.events]
    assert _section_keys(rep) == _section_keys(report)


def _section_keys(rep: IncidentReport) -> list[tuple[str, str, str]]:
    """Sections as compared across layouts; the law excerpts' paragraph breaks are not compared
    (their numbered articles are not the report's outline, so only layout separates them)."""
    return [
        (s.path, s.heading, s.text.replace("\n", "") if s.path.startswith("appendix") else s.text)
        for s in rep.sections
    ]


def _without_page(got: Incident, want: Incident) -> Incident:
    from dataclasses import replace

    return replace(want, page_no=got.page_no)


def test_full_width_numbering_and_bullets(report: IncidentReport) -> None:
    """「１　事案の概要」, 「（１）名称」, 「・(1) 6月26日(月)」, 「- 」 kept: same record."""
    paras = []
    for p in paragraphs("setagaya_report360.txt"):
        p = p.replace("- (", "・(", 1) if p.startswith("- (1)") else p
        if p[:2] in {"1 ", "2 ", "3 ", "4 ", "5 "}:
            p = chr(ord(p[0]) + 0xFEE0) + "\u3000" + p[2:]
        if p.startswith("(") and p[2:4] == ") ":
            p = "（" + chr(ord(p[1]) + 0xFEE0) + "）" + p[4:]
        paras.append(p)
    lines = to_lines(paras, keep_bullets=True)
    [rep] = lines_to_incidents(lines, load_incident_configs())
    assert rep.incident == report.incident
    assert [(e.event_on, e.text) for e in rep.events] == [(e.event_on, e.text) for e in report.events]
    assert [s.path for s in rep.sections] == [s.path for s in report.sections]


def test_real_pdf_text_layer(report: IncidentReport) -> None:
    """The committed corpus PDF, read with pdfplumber's line grouping (pages 45-48)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    lines: list[TextLine] = []
    with pdfplumber.open(PDF) as pdf:
        for page in pdf.pages[44:]:
            for ln in page.extract_text_lines():
                lines.append(TextLine(page.page_number, ln["text"], BBox(ln["x0"], ln["top"], ln["x1"], ln["bottom"])))
    [rep] = lines_to_incidents(lines, load_incident_configs())
    assert rep.incident == _without_page(rep.incident, report.incident)
    assert rep.incident.page_no == 45
    assert [(e.seq, e.event_on, e.text) for e in rep.events] == [(e.seq, e.event_on, e.text) for e in report.events]
    assert [e.page_no for e in rep.events] == [45, 45, 45, 45, 45, 46, 46]
    assert [(s.path, s.heading, s.text) for s in rep.sections] == [
        (s.path, s.heading, s.text) for s in report.sections
    ]


def test_lines_without_layout_still_parse(config: IncidentConfig) -> None:
    """No usable bounding boxes (every line one paragraph): the reference's own line breaks."""
    lines = [TextLine(1, p, BBox(0, 0, 0, 0)) for p in paragraphs("setagaya_report360.txt")]
    [rep] = lines_to_incidents(lines, config)
    assert rep.incident.personal_items == tuple(_expected_incident()["personal_items"])  # type: ignore[arg-type]
    assert len(rep.events) == 7


def test_weekday_mismatch_is_noted(config: IncidentConfig) -> None:
    paras = [p.replace("7月7日(金)", "7月7日(木)") for p in paragraphs("setagaya_report360.txt")]
    [rep] = lines_to_incidents(to_lines(paras), config)
    assert rep.events[3].event_on == date(2023, 7, 7)
    assert any("7月7日(木)" in n for n in rep.incident.notes)


def test_table_report_alone_is_ignored(config: IncidentConfig) -> None:
    assert lines_to_incidents(to_lines(paragraphs("setagaya_report359_front.txt")), config) == []


def test_two_reports_in_one_document(config: IncidentConfig) -> None:
    paras = paragraphs("setagaya_report360.txt")
    second = [p.replace("報告第360号", "報告第361号") for p in paras]
    reports = lines_to_incidents(to_lines(paras + second), config)
    assert [r.incident.report_no for r in reports] == [360, 361]
    assert all(len(r.events) == 7 for r in reports)
    assert reports[1].incident.secondary_damage == reports[0].incident.secondary_damage


# ---------------------------------------------------------------- small parts


@pytest.mark.parametrize(
    ("text", "want"),
    [("約40件(平成30年度中…)", (40, True)), ("28人", (28, False)), ("１，２００件程度", (1200, True)), ("なし", None)],
)
def test_parse_incident_count(text: str, want: tuple[int, bool] | None) -> None:
    assert parse_incident_count(text) == want


def test_split_items_keeps_bracketed_commas() -> None:
    text = "氏名、関係機関(通院先、通所先等)、診断名（疑いを含む）、 既往歴"
    assert [text[a:b] for a, b in split_items(text)] == ["氏名", "関係機関(通院先、通所先等)", "診断名（疑いを含む）", "既往歴"]


def test_config_files_are_listed() -> None:
    names = [p.name for p in incident_config_paths()]
    assert names[0] == "incident.toml" and len(names) >= 2


def test_bad_config_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "incident_bad.toml"
    bad.write_text('name = "x"\n[recognize]\ntitle_words = ["漏えい"]\n[fields.nonsense]\nheadings = ["a"]\n')
    with pytest.raises(IncidentConfigError, match=r"incident_bad\.toml: .*unknown field 'nonsense'"):
        load_incident_config(bad)


def test_ocr_spacing_and_provenance(report: IncidentReport) -> None:
    """OCR output: spaces inside numbers, labels and dates; source and confidence carried."""
    from dataclasses import replace

    noisy = []
    for p in paragraphs("setagaya_report360.txt"):
        p = p.replace("報告第360号", "報告第 360 号").replace("(1) 名称", "( 1 ) 名 称")
        p = p.replace("(4) 7月7日(金)", "(4) 7 月 7 日 ( 金 )").replace("約40件", "約 40 件")
        noisy.append(p)
    lines = [replace(ln, source="ocr", confidence=0.91) for ln in to_lines(noisy)]
    [rep] = lines_to_incidents(lines, load_incident_configs())
    assert rep.incident.source == "ocr" and rep.incident.confidence == 0.91
    assert replace(rep.incident, source="text", confidence=None) == report.incident
    assert [(e.event_on, e.text) for e in rep.events] == [(e.event_on, e.text) for e in report.events]
    assert next(s for s in rep.sections if s.path == "1/(1)").heading == "名 称"


def test_through_the_pipeline_extractor(report: IncidentReport) -> None:
    """The contract end to end: Extraction.lines of the committed PDF, tables excluded."""
    from pipeline.extract import extract_document

    extraction = extract_document(PDF.read_bytes(), PDF.name)
    [rep] = lines_to_incidents(extraction.lines, load_incident_configs())
    assert rep.incident == _without_page(rep.incident, report.incident)
    assert rep.incident.page_no == 45
    assert [(e.event_on, e.text) for e in rep.events] == [(e.event_on, e.text) for e in report.events]
    assert _section_keys(rep) == _section_keys(report)


def test_unreadable_fiscal_year_is_a_note_and_the_report_still_lands(config: IncidentConfig) -> None:
    # the 200 dpi scan read 「平成30年度」 as 「平成 0 年度」: no such year, but the report is not lost
    text = paragraphs("setagaya_report360.txt")
    lines = to_lines([p.replace("約40件(平成30年度中", "約40件(平成 0 年度中", 1) for p in text])
    assert any("平成 0 年度" in ln.text for ln in lines)
    [rep] = lines_to_incidents(lines, config)
    assert rep.incident.fiscal_year_of_records is None
    assert any(n.startswith("fiscal_year_of_records:") and "year 0" in n for n in rep.incident.notes)
    assert rep.incident.affected_count == _expected_incident()["affected_count"]


# the kinds of damage OCR does to digits and dates: a digit lost, doubled, swapped or turned
# into a letter or a speck (「平成30年度」 came back as 「平成 0 年度」 from the 200 dpi scan)
_LABEL = re.compile(r"^[-\s]*(?:\(?[0-9]+\)?\s*)?")  # a heading's or an event's leading number
_DAMAGE = st.sampled_from(["", " ", "0", "00", "O", "l", "・", "9", "99", "元"])


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_ocr_damage_to_digits_fails_the_report(data: st.DataObject) -> None:
    """Whatever happens to the digits of the report's values (dates, counts, years), recognition
    returns the report with notes: a misreading must never cost the rest of the document. The
    digits that make the report's structure (its number 「報告第360号」, a heading's number
    「1 事案の概要」) are another matter: without them there may be no report to find, so for them
    the test asks only that recognition does not fail."""
    text = paragraphs("setagaya_report360.txt")
    spots = [(i, j) for i, p in enumerate(text) for j, ch in enumerate(p) if ch.isdigit()]
    chosen = data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=12, unique=True))
    damaged = [list(p) for p in text]
    for i, j in chosen:
        damaged[i][j] = data.draw(_DAMAGE)
    lines = to_lines(["".join(p) for p in damaged])
    reports = lines_to_incidents(lines, load_incident_configs())
    structural = any(text[i].startswith("報告第") or j < len(_LABEL.match(text[i]).group(0)) for i, j in chosen)
    if structural:
        assert len(reports) <= 1, "never two reports from one"
    else:
        assert len(reports) == 1, "a misread value's digit must not cost the report"
    if reports:
        assert reports[0].incident.title


def test_an_impossible_event_date_is_a_note_and_the_event_stays(config: IncidentConfig) -> None:
    # found by the property test above in a clean-clone CI run: 「7月10日」 read as 「7月0日」
    text = [p.replace("- (5) 7月10日(月)", "- (5) 7月0日(月)") for p in paragraphs("setagaya_report360.txt")]
    assert any("7月0日" in p for p in text)
    [rep] = lines_to_incidents(to_lines(text), config)
    want = [e["event_on"] for e in EXPECTED["incident_events"]]
    assert [e.event_on.isoformat() if e.event_on else None for e in rep.events] == want[:4] + [None] + want[5:]
    assert any("impossible date" in n and "7月0日" in n for n in rep.incident.notes)
