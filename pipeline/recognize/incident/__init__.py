"""Prose incident notices (誤廃棄, 漏えい, 紛失, …) -> incidents, incident_events, incident_sections.

Two ways in, both over plain data:

* configured reports (``assembly``): a council report that starts at 「報告第N号」 and whose
  headings an incident report type names (a ``config/report_types/*.toml`` declaring
  ``[recognize]``: Setagaya, Nerima);
* any other notice (``generic``): found by content -- a title or heading with an incident-type
  word, role headings (概要, 経緯, 原因, …), dates and counts -- with the vocabulary in
  ``config/incident_vocabulary.toml``, one incident per block of a multi-incident report and
  per row of a 一括公表 table.

Modules by what changes together: ``records`` (the dataclasses), ``config`` (TOML loading),
``words`` (exact and OCR-tolerant word lookup), ``front`` (title block, sections),
``timeline`` (events and their dates), ``fields`` (configured field values), ``assembly``
(configured reports end to end), ``vocabulary`` / ``notice`` / ``table`` / ``generic``
(the config-free recognizer). Nothing is guessed: a field not found stays None and says why in
``Incident.notes``.
"""

from pipeline.recognize.incident.assembly import (
    ReportSpan,
    lines_to_incidents,
    lines_to_report_spans,
    recognize_score,
    report_to_incident,
)
from pipeline.recognize.incident.config import (
    APPROX_WORDS,
    CONFIG_DIR,
    FIELD_KINDS,
    FieldRule,
    IncidentConfig,
    IncidentConfigError,
    IncidentType,
    incident_config_paths,
    load_incident_config,
    load_incident_configs,
)
from pipeline.recognize.incident.fields import parse_incident_count, split_items
from pipeline.recognize.incident.front import Front, outline_to_front, outline_to_sections
from pipeline.recognize.incident.generic import document_to_incidents, notice_to_incidents
from pipeline.recognize.incident.records import (
    Incident,
    IncidentEvent,
    IncidentReport,
    IncidentSection,
    Underlines,
)
from pipeline.recognize.incident.timeline import outline_to_events
from pipeline.recognize.incident.vocabulary import (
    VOCABULARY_PATH,
    IncidentVocabulary,
    default_vocabulary,
    load_vocabulary,
)
from pipeline.recognize.incident.words import (
    FUZZY_MIN_LEN,
    FUZZY_MIN_SIMILARITY,
    WordHit,
    close_ocr_gaps,
    find_word,
)

__all__ = [
    "APPROX_WORDS",
    "CONFIG_DIR",
    "FIELD_KINDS",
    "FUZZY_MIN_LEN",
    "FUZZY_MIN_SIMILARITY",
    "VOCABULARY_PATH",
    "FieldRule",
    "Front",
    "Incident",
    "IncidentConfig",
    "IncidentConfigError",
    "IncidentEvent",
    "IncidentReport",
    "IncidentSection",
    "IncidentType",
    "IncidentVocabulary",
    "ReportSpan",
    "Underlines",
    "WordHit",
    "close_ocr_gaps",
    "default_vocabulary",
    "document_to_incidents",
    "find_word",
    "incident_config_paths",
    "lines_to_incidents",
    "lines_to_report_spans",
    "load_incident_config",
    "load_incident_configs",
    "load_vocabulary",
    "notice_to_incidents",
    "outline_to_events",
    "outline_to_front",
    "outline_to_sections",
    "parse_incident_count",
    "recognize_score",
    "report_to_incident",
    "split_items",
]
