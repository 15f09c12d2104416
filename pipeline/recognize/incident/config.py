"""Incident report types (``config/report_types/*.toml`` declaring ``[recognize]``): what an incident report of one style looks like."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config.files import CONFIG_DIR as _CONFIG_ROOT
from pipeline.config.files import report_type_files
from pipeline.errors import ConfigError

CONFIG_DIR = _CONFIG_ROOT / "report_types"  # the report types folder of pipeline.config's one CONFIG_DIR

# ---------------------------------------------------------------- configuration


class IncidentConfigError(ConfigError, ValueError):
    """A report-type config file that cannot be used; the message names the file and the key.

    A ConfigError, so the CLI stops with exit code 2 before reading any PDF."""


FIELD_KINDS: dict[str, str] = {
    "record_name": "first_paragraph",
    "personal_items": "items",
    "sensitive_items": "items",
    "affected_count": "count",
    "fiscal_year_of_records": "fiscal_year",
    "retention_years": "integer",
    "discovered_on": "event_date",
    "reported_to_ppc_on": "event_date",
    "published_on": "event_date",
    "secondary_damage": "text",
    "legal_basis": "text",
}
SCOPES = ("sections", "front", "timeline", "report")


@dataclass(frozen=True)
class FieldRule:
    """Where one field is read: sections whose heading contains a word, optionally a regex."""

    name: str
    headings: tuple[str, ...] = ()
    search: tuple[str, ...] = ("sections",)
    pattern: str | None = None  # searched in the texts; the first group named value* (or the match) is the value
    words: tuple[str, ...] = ()  # event_date: the first timeline event containing one of these

    def __post_init__(self) -> None:
        if self.name not in FIELD_KINDS:
            raise ValueError(f"unknown field {self.name!r}; known: {', '.join(FIELD_KINDS)}")
        bad = [s for s in self.search if s not in SCOPES]
        if bad:
            raise ValueError(f"fields.{self.name}.search: {bad} not in {SCOPES}")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"fields.{self.name}.pattern: {exc}") from exc
        if self.kind == "event_date" and not self.words:
            raise ValueError(f"fields.{self.name}: an event date needs `words` to find its event")

    @property
    def kind(self) -> str:
        return FIELD_KINDS[self.name]


@dataclass(frozen=True)
class IncidentType:
    name: str
    words: tuple[str, ...]


DEFAULT_START = r"^報告第(?P<no>[0-9]+)号$"
DEFAULT_DEPARTMENT_SUFFIXES = ("課", "部", "室", "係", "所", "センター", "局", "館", "事務局")
APPROX_WORDS = ("約", "およそ", "概ね", "おおむね", "程度", "前後")


@dataclass(frozen=True)
class IncidentConfig:
    """What an incident report of one style looks like. Loaded from TOML, see docs/incidents.md."""

    name: str
    title_words: tuple[str, ...]
    timeline_headings: tuple[str, ...]
    incident_types: tuple[IncidentType, ...]
    fields: tuple[FieldRule, ...]
    type_headings: tuple[str, ...] = ()
    required_headings: tuple[str, ...] = ()
    min_headings: int = 3
    start_pattern: str = DEFAULT_START
    appendix_patterns: tuple[str, ...] = ()
    end_patterns: tuple[str, ...] = ()
    ignore_patterns: tuple[str, ...] = ()
    department_suffixes: tuple[str, ...] = DEFAULT_DEPARTMENT_SUFFIXES
    underline_marker: str | None = None
    path: str = ""

    def __post_init__(self) -> None:
        if not self.title_words:
            raise ValueError("recognize.title_words is empty: no report would be recognized")
        if not self.incident_types:
            raise ValueError("incident_type.vocabulary is empty")
        for key in ("start_pattern",):
            _compile(getattr(self, key), key)
        for key in ("appendix_patterns", "end_patterns", "ignore_patterns"):
            for p in getattr(self, key):
                _compile(p, key)
        if "no" not in re.compile(self.start_pattern).groupindex:
            raise ValueError("recognize.start_pattern needs a named group (?P<no>...) for the report number")

    def rule(self, name: str) -> FieldRule | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def heading_words(self) -> tuple[str, ...]:
        words = list(self.timeline_headings) + list(self.type_headings) + list(self.required_headings)
        for f in self.fields:
            words.extend(f.headings)
        return tuple(dict.fromkeys(words))


def _compile(pattern: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{key}: {pattern!r}: {exc}") from exc


def _int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{key} must be a whole number, got {value!r}")
    return value


def _strs(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings, got {value!r}")
    return tuple(value)


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML file's data; IncidentConfigError naming the file when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IncidentConfigError(f"{path}: cannot read {what}: {exc}") from exc


def load_incident_config(path: str | Path, data: dict[str, Any] | None = None) -> IncidentConfig:
    """Read one incident report type (``data``: its TOML already parsed); IncidentConfigError naming the file."""
    path = Path(path)
    data = read_toml(path, "incident config") if data is None else data
    try:
        rec = data.get("recognize", {})
        types = data.get("incident_type", {})
        fields = tuple(
            FieldRule(
                name=name,
                headings=_strs(spec.get("headings"), f"fields.{name}.headings"),
                search=_strs(spec.get("search", ["sections"]), f"fields.{name}.search"),
                pattern=spec.get("pattern"),
                words=_strs(spec.get("words"), f"fields.{name}.words"),
            )
            for name, spec in data.get("fields", {}).items()
        )
        return IncidentConfig(
            name=str(data.get("name") or path.stem),
            title_words=_strs(rec.get("title_words"), "recognize.title_words"),
            required_headings=_strs(rec.get("required_headings"), "recognize.required_headings"),
            min_headings=_int(rec.get("min_headings", 3), "recognize.min_headings"),
            start_pattern=str(rec.get("start_pattern", DEFAULT_START)),
            appendix_patterns=_strs(rec.get("appendix_patterns"), "recognize.appendix_patterns"),
            end_patterns=_strs(rec.get("end_patterns"), "recognize.end_patterns"),
            ignore_patterns=_strs(rec.get("ignore_patterns"), "recognize.ignore_patterns"),
            department_suffixes=_strs(rec.get("department_suffixes"), "recognize.department_suffixes")
            or DEFAULT_DEPARTMENT_SUFFIXES,
            timeline_headings=_strs(data.get("timeline", {}).get("headings"), "timeline.headings"),
            type_headings=_strs(types.get("headings"), "incident_type.headings"),
            incident_types=tuple(
                IncidentType(str(v["name"]), _strs(v.get("words"), f"incident_type.vocabulary {v['name']}"))
                for v in types.get("vocabulary", [])
            ),
            underline_marker=data.get("sensitive", {}).get("underline_marker"),
            fields=fields,
            path=str(path),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise IncidentConfigError(f"{path}: {exc}") from exc


def incident_config_paths(directory: str | Path = CONFIG_DIR) -> list[Path]:
    """The incident report types (files declaring [recognize], pipeline.config.files), in name order."""
    return [path for path, kind, _ in report_type_files(Path(directory)) if kind == "incident"]


def load_incident_configs(directory: str | Path = CONFIG_DIR) -> list[IncidentConfig]:
    """Every incident config of ``directory``, read once per process: the default for callers without a Config."""
    return list(_incident_configs(str(directory)))


@lru_cache(maxsize=8)
def _incident_configs(directory: str) -> tuple[IncidentConfig, ...]:
    return tuple(load_incident_config(path, data)
                 for path, kind, data in report_type_files(Path(directory)) if kind == "incident")

