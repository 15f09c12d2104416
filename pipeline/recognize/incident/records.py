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
    report_no: int
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


@dataclass(frozen=True)
class IncidentEvent:
    report_no: int
    seq: int  # 1-based, in the report's order
    event_on: date | None
    text: str  # without the leading date
    page_no: int
    bbox: BBox | None = None  # of the event's first line


@dataclass(frozen=True)
class IncidentSection:
    report_no: int
    path: str  # "1", "1/(2)", "第3/ア"; "preamble", "appendix-1" outside the outline
    heading: str  # "" when the numbered line is itself prose (a timeline entry)
    text: str  # the section's own paragraphs (not its children's), joined by "\n"
    page_no: int
    bbox: BBox | None = None


@dataclass(frozen=True)
class IncidentReport:
    incident: Incident
    events: tuple[IncidentEvent, ...]
    sections: tuple[IncidentSection, ...]

