"""The records an incident report becomes: plain frozen dataclasses, one per warehouse table row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.types import BBox, Source

Underlines = Mapping[int, Sequence[tuple[int, int]]]
"""Underlined character spans per line: ``{index in lines: [(start, end), ...]}``, end exclusive."""

@dataclass(frozen=True)
class Incident:
    report_no: int | None  # 報告第N号; None for a notice that has no number
    title: str | None
    reported_on: date | None
    departments: tuple[str, ...]
    incident_type: str | None
    record_name: str | None
    personal_items: tuple[str, ...]
    sensitive_items: tuple[str, ...]
    affected_count: int | None
    affected_count_approx: bool | None
    fiscal_year_of_records: int | None
    retention_years: int | None
    discovered_on: date | None
    reported_to_ppc_on: date | None
    published_on: date | None
    secondary_damage: str | None
    legal_basis: str | None
    page_no: int
    config: str  # name of the report-type config that recognized it
    source: Source = "text"
    confidence: float | None = None  # lowest OCR confidence of the report's lines
    notes: tuple[str, ...] = ()  # what could not be read, and why
    # Added for notices from any authority (issue 13); configured reports fill them too.
    incident_no: int = 1  # 1-based within the document (a 一括公表 table row, a block of a multi-incident report)
    municipality: str | None = None  # the authority as printed (横浜市, 千葉県, 埼玉県教育委員会 -> 埼玉県)
    department: str | None = None  # the responsible department as printed, the authority's name removed
    legal_category: str | None = None  # 漏えい / 滅失 / 毀損 (the PPC's categories)
    occurred_on: date | None = None
    affected_text: str | None = None  # the count as printed: 「およそ330人分」
    records: str | None = None  # what was lost, sent or shown, as printed
    cause: str | None = None
    countermeasures: str | None = None
    recognition_score: float | None = None  # 0..1: how much evidence says this is an incident (docs/incidents.md)
    department_id: str | None = None  # the registry's id, where config has a registry for the municipality (match stage)


@dataclass(frozen=True)
class IncidentEvent:
    report_no: int | None
    seq: int  # 1-based, in the report's order
    event_on: date | None
    text: str  # without the leading date
    page_no: int
    bbox: BBox | None = None  # of the event's first line
    incident_no: int = 1


@dataclass(frozen=True)
class IncidentSection:
    report_no: int | None
    path: str  # "1", "1/(2)", "第3/ア"; "preamble", "appendix-1" outside the outline
    heading: str  # "" when the numbered line is itself prose (a timeline entry)
    text: str  # the section's own paragraphs (not its children's), joined by "\n"
    page_no: int
    bbox: BBox | None = None
    incident_no: int = 1


@dataclass(frozen=True)
class IncidentReport:
    incident: Incident
    events: tuple[IncidentEvent, ...]
    sections: tuple[IncidentSection, ...]

