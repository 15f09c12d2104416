"""A second ward's incident report lands through configuration alone.

corpus/ground_truth/nerima-2024-incident/incident.txt is written for the test
corpus in another style: 第1 / 1 / ア numbering in full-width digits, other
heading words (事故の経緯, 対象人数, 漏えいした情報の内容), a 漏えい instead of
a 滅失, an exact count, a 「同日」 event, and the 要配慮 items under their own
heading instead of underlined. config/report_types/incident_nerima.toml is the
only difference from 報告第360号's path through the code.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

try:
    from cases.incident_lines import paragraphs, to_lines
except ImportError:  # collected as a package (tests/recognize/__init__.py)
    from tests.recognize.cases.incident_lines import paragraphs, to_lines

from pipeline.recognize.incident import (
    CONFIG_DIR,
    IncidentReport,
    lines_to_incidents,
    load_incident_config,
    load_incident_configs,
)
from pipeline.types import TextLine

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "corpus/ground_truth/nerima-2024-incident"
EXPECTED = json.loads((DOC / "expected_incident.json").read_text(encoding="utf-8"))
WANT = EXPECTED["incidents"][0]


def nerima_paragraphs() -> list[str]:
    return [ln for ln in (DOC / "incident.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]


def nerima_lines(width: int = 31) -> list[TextLine]:
    return to_lines(nerima_paragraphs(), width=width)


@pytest.fixture(scope="module")
def report() -> IncidentReport:
    [rep] = lines_to_incidents(nerima_lines(), load_incident_configs())
    return rep


def test_recognized_by_its_own_config(report: IncidentReport) -> None:
    assert report.incident.config == "incident_nerima"
    assert report.incident.notes == ()


@pytest.mark.parametrize(
    "name",
    [
        "report_no", "title", "incident_type", "legal_category", "record_name", "affected_count", "affected_count_approx",
        "fiscal_year_of_records", "retention_years", "secondary_damage", "legal_basis", "page_no",
    ],
)
def test_scalar_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == WANT[name]


@pytest.mark.parametrize("name", ["reported_on", "discovered_on", "reported_to_ppc_on", "published_on"])
def test_date_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == date.fromisoformat(WANT[name])


@pytest.mark.parametrize("name", ["departments", "personal_items", "sensitive_items"])
def test_list_field(report: IncidentReport, name: str) -> None:
    assert getattr(report.incident, name) == tuple(WANT[name])


def test_events(report: IncidentReport) -> None:
    got = [(e.report_no, e.seq, e.event_on.isoformat() if e.event_on else None, e.text) for e in report.events]
    want = [(e["report_no"], e["seq"], e["event_on"], e["text"]) for e in EXPECTED["incident_events"]]
    assert got == want


def test_sections(report: IncidentReport) -> None:
    assert [(s.path, s.heading) for s in report.sections] == [
        (s["path"], s["heading"]) for s in EXPECTED["incident_sections"]
    ]
    by_path = {s.path: s for s in report.sections}
    for want in EXPECTED["incident_sections"]:
        if "text" in want:
            assert by_path[want["path"]].text == want["text"], want["path"]


def test_setagaya_config_alone_does_not_claim_it() -> None:
    """Its required heading (経過) is missing: no half-filled record from the wrong config."""
    assert lines_to_incidents(nerima_lines(), load_incident_config(CONFIG_DIR / "incident.toml")) == []


def test_both_wards_in_one_document() -> None:
    lines = to_lines(paragraphs("setagaya_report360.txt") + nerima_paragraphs(), width=31)
    reports = lines_to_incidents(lines, load_incident_configs())
    assert [(r.incident.report_no, r.incident.config, r.incident.incident_type) for r in reports] == [
        (360, "incident", "誤廃棄"),
        (21, "incident_nerima", "誤送信"),
    ]
    assert [len(r.events) for r in reports] == [7, 6]


def test_half_width_variant_gives_the_same_record(report: IncidentReport) -> None:
    """The same report typed with half-width digits and ASCII spaces."""
    import unicodedata

    paras = [unicodedata.normalize("NFKC", p) for p in nerima_paragraphs()]
    [rep] = lines_to_incidents(to_lines(paras, width=44), load_incident_configs())
    assert rep.incident == report.incident
    assert rep.events[2].event_on == date(2024, 5, 14)  # 「同日」 = the event before
