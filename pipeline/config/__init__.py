"""Configuration as data, from the one folder ``config/`` (``CONFIG_DIR``).

* ``files``: where config lives; what a report-type file is (by content: [tables] or [recognize]).
* ``report_types``: table report types (header words per field, title and date patterns).
* ``settings``: ``Config``, every file of a config folder read once at start and carried in
  ``RunSettings.config`` (built by ``pipeline.run.load_config``).
"""

from pipeline.config.files import CONFIG_DIR, read_toml, report_type_files, report_type_kind
from pipeline.config.report_types import (
    CASE_FIELDS,
    CRITERIA,
    IDENTIFIER,
    SUMMARY_FIELDS,
    TABLE_KINDS,
    VOCABULARY_PLACES,
    ReportType,
    TableKind,
    Vocabulary,
    load_report_type,
    municipality_slugs,
    parse_report_type,
    table_report_types,
)
from pipeline.config.settings import Config

__all__ = [
    "CASE_FIELDS", "CONFIG_DIR", "CRITERIA", "IDENTIFIER", "SUMMARY_FIELDS", "TABLE_KINDS", "VOCABULARY_PLACES",
    "Config", "ReportType", "TableKind", "Vocabulary", "load_report_type", "municipality_slugs",
    "parse_report_type", "read_toml", "report_type_files", "report_type_kind", "table_report_types",
]
