"""Report types from ``config/report_types/*.toml`` (tables: the files that declare ``[tables]``).

A new ward's layout, or a new year's wording, is a new or edited TOML file,
never a new code path. Loading validates the file and names the file and key
when something is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.config.files import CONFIG_DIR, report_type_files
from pipeline.errors import ConfigError

TABLE_KINDS = ("summary", "cases", "facts")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
VOCABULARY_PLACES = ("row", "column", "caption", "document")
CASE_FIELDS = (
    "case_no", "description", "recipient", "purpose", "legal_basis", "link_type",
    "department", "agency", "sensitive", "ordinance_sensitive",
)
SUMMARY_FIELDS = ("agency", "reviewed", "sensitive", "ordinance_sensitive")
CRITERIA = ("outsourcing", "purpose_external_use", "external_provision", "online_link")


@dataclass(frozen=True)
class Vocabulary:
    """A dimension of a facts table read from labels: canonical value -> the words that name it.

    ``look_in`` lists where to look, in order: ``row`` (the row labels), ``column``,
    ``caption`` (the line above the table) or ``document`` (the first page); the
    first place where exactly one value is named wins, else ``default``.
    """

    name: str
    look_in: tuple[str, ...]
    values: dict[str, tuple[str, ...]]
    default: str | None = None

    def __post_init__(self) -> None:
        if not IDENTIFIER.fullmatch(self.name):
            raise ConfigError(f"vocabulary {self.name!r}: a name is lower-case letters, digits and _")
        bad = sorted(set(self.look_in) - set(VOCABULARY_PLACES))
        if bad or not self.look_in:
            raise ConfigError(f"vocabulary {self.name!r}: look_in must be some of {VOCABULARY_PLACES}, not {bad}")


@dataclass(frozen=True)
class TableKind:
    """One kind of table a report prints: its header words and what they fill."""

    name: str
    kind: str  # "summary" | "cases"
    fields: dict[str, tuple[str, ...]]  # field -> header wordings
    required: tuple[str, ...]
    criterion: str | None = None  # fixed criterion of a case list; summaries take theirs from the caption
    # kind = "facts" only (docs/adding-a-report-type.md): every value cell becomes a fact in the
    # view ``target``; its column's field is the ``column_dimension``, row labels no vocabulary
    # claims are the ``row_dimension``, and each vocabulary is a dimension of its own.
    target: str | None = None
    column_dimension: str | None = None
    row_dimension: str | None = None
    vocabularies: tuple[Vocabulary, ...] = ()
    # the report type's header_question_endings: what a yes/no column's heading may end in (「の有無」, 「を含む」)
    question_endings: tuple[str, ...] = ()

    @property
    def dimensions(self) -> tuple[str, ...]:
        named = (self.column_dimension, self.row_dimension, *(v.name for v in self.vocabularies))
        return tuple(d for d in named if d)

    def __post_init__(self) -> None:
        if self.kind not in TABLE_KINDS:
            raise ConfigError(f"table kind {self.name!r}: kind must be one of {TABLE_KINDS}, not {self.kind!r}")
        if self.kind == "facts":
            self._check_facts()
            return
        allowed = SUMMARY_FIELDS if self.kind == "summary" else CASE_FIELDS
        unknown = sorted(set(self.fields) - set(allowed))
        if unknown:
            raise ConfigError(f"table kind {self.name!r}: unknown fields {unknown}; allowed: {allowed}")
        missing = sorted(set(self.required) - set(self.fields))
        if missing:
            raise ConfigError(f"table kind {self.name!r}: required fields {missing} have no header words")
        if self.kind == "cases" and self.criterion not in CRITERIA:
            raise ConfigError(f"table kind {self.name!r}: criterion must be one of {CRITERIA}")

    def _check_facts(self) -> None:
        where = f"table kind {self.name!r}"
        if not self.target or not IDENTIFIER.fullmatch(self.target):
            raise ConfigError(f"{where}: a facts table needs target = \"<view name>\" (lower-case, digits, _)")
        if not self.column_dimension or not IDENTIFIER.fullmatch(self.column_dimension):
            raise ConfigError(f"{where}: a facts table needs column_dimension = \"<name>\" (lower-case, digits, _)")
        if self.row_dimension is not None and not IDENTIFIER.fullmatch(self.row_dimension):
            raise ConfigError(f"{where}: row_dimension must be lower-case letters, digits and _")
        if len(set(self.dimensions)) != len(self.dimensions):
            raise ConfigError(f"{where}: dimension names repeat: {self.dimensions}")
        missing = sorted(set(self.required) - set(self.fields))
        if missing:
            raise ConfigError(f"{where}: required fields {missing} have no header words")


# how a column may say which field it is by its cells alone (pipeline/recognize/by_content.py)
CONTENT_SIGNATURES = ("numbering", "flags", "agency", "department", "categories", "text")


@dataclass(frozen=True)
class ReportType:
    name: str
    label: str
    header_threshold: float
    document_patterns: dict[str, str]
    criteria: dict[str, tuple[str, ...]]  # criterion -> caption words
    agencies: tuple[str, ...]
    total_agency: str
    tables: tuple[TableKind, ...]
    source: str = field(default="", compare=False)
    # [cells]: how this report's tables print numbers, over config/cells.toml (dash = "zero" | "none",
    # parentheses = "as_printed" | "negative"); applied to the tables a facts kind of it recognizes
    cells: tuple[tuple[str, str], ...] = ()
    # [content]: signature -> the fields a column whose heading names none may be read as by its cells
    # (pipeline/recognize/by_content.py), and the words a department's name ends in
    content: tuple[tuple[str, tuple[str, ...]], ...] = ()
    department_endings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown_signatures = sorted({sig for sig, _ in self.content} - set(CONTENT_SIGNATURES))
        if unknown_signatures:
            raise ConfigError(f"{self.source}: content signatures {unknown_signatures}; allowed: {CONTENT_SIGNATURES}")
        if not 0 < self.header_threshold <= 100:
            raise ConfigError(f"{self.source}: header_threshold must be in (0, 100]")
        policies = {"dash": ("zero", "none"), "parentheses": ("as_printed", "negative")}
        for key, value in self.cells:
            if value not in policies.get(key, ()):
                raise ConfigError(f"{self.source}: cells.{key} = {value!r}; allowed: "
                                  + "; ".join(f"{k} = {' | '.join(v)}" for k, v in policies.items()))
        unknown = sorted(set(self.criteria) - set(CRITERIA))
        if unknown:
            raise ConfigError(f"{self.source}: unknown criteria {unknown}; allowed: {CRITERIA}")


def _tuple(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a string or a list of strings")


def _vocabulary(name: str, spec: dict, where: str) -> Vocabulary:  # type: ignore[type-arg]
    values = {k: _tuple(w, f"{where}.{k}") for k, w in spec.items() if k not in ("look_in", "default")}
    return Vocabulary(name, _tuple(spec.get("look_in", []), f"{where}.look_in"), values, spec.get("default"))


def parse_report_type(data: dict, source: str) -> ReportType:  # type: ignore[type-arg]
    """Build a ReportType from a parsed TOML document, naming the file in every error."""
    try:
        tables = tuple(
            TableKind(
                name=name,
                kind=spec["kind"],
                fields={f: _tuple(w, f"{source}: tables.{name}.fields.{f}") for f, w in spec["fields"].items()},
                required=_tuple(spec.get("required", []), f"{source}: tables.{name}.required"),
                criterion=spec.get("criterion"),
                target=spec.get("target"),
                column_dimension=spec.get("column_dimension"),
                row_dimension=spec.get("row_dimension"),
                vocabularies=tuple(_vocabulary(v, words, f"{source}: tables.{name}.vocabularies.{v}")
                                   for v, words in spec.get("vocabularies", {}).items()),
                question_endings=_tuple(data.get("header_question_endings", []),
                                        f"{source}: header_question_endings"),
            )
            for name, spec in data.get("tables", {}).items()
            if name != "_comment"
        )
        agencies = data.get("agencies", {})
        return ReportType(
            name=data["name"],
            label=data.get("label", data["name"]),
            header_threshold=float(data.get("header_threshold", 80)),
            document_patterns=dict(data.get("document", {})),
            criteria={c: _tuple(w, f"{source}: criteria.{c}") for c, w in data.get("criteria", {}).items()},
            agencies=_tuple(agencies.get("names", []), f"{source}: agencies.names"),
            total_agency=agencies.get("total", "合計"),
            tables=tables,
            source=source,
            cells=tuple((str(k), str(v)) for k, v in data.get("cells", {}).items()),
            content=tuple((sig, _tuple(fields, f"{source}: content.{sig}"))
                          for sig, fields in data.get("content", {}).items() if sig != "department_endings"),
            department_endings=_tuple(data.get("content", {}).get("department_endings", []),
                                      f"{source}: content.department_endings"),
        )
    except KeyError as exc:
        raise ConfigError(f"{source}: missing key {exc}") from None
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def load_report_type(path: Path) -> ReportType:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_report_type(data, str(path))


@lru_cache(maxsize=8)
def table_report_types(config_dir: Path = CONFIG_DIR) -> tuple[ReportType, ...]:
    """Every tabular report type (files declaring [tables]) under config/report_types.

    The default for callers without a Config (tests, scripts); a run reads ``Config.report_types``."""
    return tuple(parse_report_type(data, str(path))
                 for path, kind, data in report_type_files(config_dir / "report_types") if kind == "tables")


@lru_cache(maxsize=8)
def municipality_slugs(config_dir: Path = CONFIG_DIR) -> dict[str, str]:
    """Display name (世田谷区) -> registry slug (setagaya), from config/departments/*.toml."""
    out = {}
    for path in sorted((config_dir / "departments").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if data.get("display_name"):
            out[str(data["display_name"])] = str(data.get("municipality") or path.stem)
    return out
