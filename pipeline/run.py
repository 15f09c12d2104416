"""The thin run that chains the stages: extract → recognize → correct → match → check → load.

``process_bytes`` is pure (bytes + config in, DocumentResult out) and is what a
distributed engine would map over files; ``ingest_files`` adds the cheap,
local load step and the per-file error policy: one bad file is one line in
the outcome list, and the other files still go in.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import duckdb

from pipeline.check import reconcile
from pipeline.check.totals import cells_checks
from pipeline.config import (
    CONFIG_DIR,
    Config,
    ReportType,
    municipality_slugs,
    parse_report_type,
    report_type_files,
)
from pipeline.correct import apply_corrections, load_corrections
from pipeline.errors import ConfigError, LoadError
from pipeline.extract import ExtractSettings, extract_document
from pipeline.load.warehouse import connect
from pipeline.match.apply import cases_with_departments, document_registry, incidents_with_departments
from pipeline.match.departments import load_registry
from pipeline.match.structure import STRUCTURE_NAME, read_structure, registry_files
from pipeline.normalize.charmaps import CharMaps, read_charmaps, using_charmaps
from pipeline.recognize import lines_to_document, tables_to_records
from pipeline.recognize.cells import cell_settings
from pipeline.recognize.document import front_page_patterns, with_front_page_facts
from pipeline.recognize.facts import tables_to_cells_and_facts
from pipeline.recognize.incident import (
    IncidentConfig,
    document_to_incidents,
    load_incident_config,
    load_vocabulary,
)
from pipeline.recognize.incident.layout import tables_read_as_notices
from pipeline.recognize.page_breaks import unjoined_page_breaks
from pipeline.recognize.records import (
    doubtful_page_findings,
    nothing_recognized_findings,
    unclaimed,
    unread_block_findings,
)
from pipeline.store.keys import config_fingerprint, extract_settings_of
from pipeline.types import DocumentResult, Extraction

if TYPE_CHECKING:
    from pipeline.execute import Driver

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    force: bool = False  # re-extract a file whose bytes are already in the warehouse
    wait_seconds: float = 60.0  # how long to wait for a warehouse another process has open
    config: Config | None = None  # loaded once at start (load_config); None: the checkout's config/ (default_config)


@dataclass(frozen=True)
class Outcome:
    """What happened to one file; the CLI prints it and derives the exit code."""

    path: str
    status: str  # landed | skipped | failed
    message: str = ""
    doc_id: str | None = None
    pages: int = 0
    cases: int = 0
    incidents: int = 0
    checks_ok: int = 0
    checks_failed: int = 0
    seconds: float = 0.0
    incidents_not_assembled: int = 0  # findings: incident vocabulary, no incident (docs/incidents.md)
    facts: int = 0  # values of tables a facts report type recognized (request_counts …)
    checks_not_computed: int = 0
    tables_not_recognized: int = 0  # tables no table kind read: in `cells` only (a table_not_recognized finding each)
    blocks_not_read: int = 0  # table-like blocks left as running text (an aligned_block_not_read finding each)
    texts_not_placed: int = 0  # a broken row's rest in no case's field (a rest_unplaced finding each)
    fields_ambiguous: int = 0  # one cell under two fields or more, its text given to each (cell_over_fields)
    columns_unread: int = 0  # header cells that named no field while the kind's fields went unnamed (header_cells_unread)
    findings: int = 0
    nothing_recognized: bool = False  # no case, summary count or incident report was read
    other_findings: int = 0  # findings of the kinds the line does not name by meaning (types.LINE_KINDS)
    other_kinds: str = ""  # those kinds, most frequent first (types.other_kinds)


def _report_type(name: str | None, report_types: Sequence[ReportType]) -> ReportType | None:
    return next((rt for rt in report_types if rt.name == name), None)


def underlines_of(extraction: Extraction) -> dict[int, tuple[tuple[int, int], ...]] | None:
    """Underlined spans per line index; None when a page was OCR'd (underlines are not read there)."""
    if any(p.source == "ocr" for p in extraction.pages):
        return None
    return {i: line.underlined for i, line in enumerate(extraction.lines) if line.underlined}


T = TypeVar("T")


def _part(path: Path, read: Callable[[Path], T]) -> T:
    """``read(path)``, any error it raises a ConfigError naming the file (and the key, as the reader says it)."""
    try:
        return read(path)
    except ConfigError:
        raise
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        reason = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ConfigError(reason if str(path) in reason else f"{path}: {reason}") from None


def _front_page(path: Path) -> tuple[dict[str, str], int]:
    """document.toml's patterns (each must compile: ConfigError naming patterns.<key>) and title length."""
    patterns, min_chars = front_page_patterns.__wrapped__(path)
    for key, pattern in patterns.items():
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise ConfigError(f"{path}: patterns.{key}: not a regular expression ({exc})") from None
    return patterns, min_chars


def load_config(folder: str | Path = CONFIG_DIR, corrections_dir: str | Path | None = None) -> Config:
    """Every file of a config folder read and validated once, before any PDF (the CLI's first step).

    A bad file raises ConfigError naming the file and the key. Each part is parsed by
    the stage that owns its format; ``corrections_dir`` defaults to ``folder``/corrections.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such config folder")
    charmaps = _part(folder, read_charmaps)
    with using_charmaps(charmaps):  # registries' keys are folded with this folder's maps, as its runs fold
        return _load_config(folder, charmaps, corrections_dir)


def _load_config(folder: Path, charmaps: CharMaps, corrections_dir: str | Path | None) -> Config:
    tables: list[ReportType] = []
    incidents: list[IncidentConfig] = []
    for path, kind, data in report_type_files(folder / "report_types"):
        if kind == "tables":
            tables.append(parse_report_type(data, str(path)))
        else:
            incidents.append(load_incident_config(path, data))
    departments = folder / "departments"
    structure = _part(departments / STRUCTURE_NAME, read_structure)
    return Config(
        folder=folder,
        fingerprint=config_fingerprint(folder),
        report_types=tuple(tables),
        incidents=tuple(incidents),
        vocabulary=_part(folder / "incident_vocabulary.toml", load_vocabulary),
        cells=_part(folder / "cells.toml", lambda p: cell_settings.__wrapped__(p.parent)),
        front_page=_part(folder / "document.toml", _front_page),
        registries={p.stem: _part(p, lambda p: load_registry(p, structure)) for p in registry_files(departments)},
        department_structure=structure,
        municipalities=_part(folder / "departments", lambda p: municipality_slugs.__wrapped__(p.parent)),
        charmaps=charmaps,
        corrections=tuple(load_corrections(folder / "corrections" if corrections_dir is None else corrections_dir)),
    )


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The checkout's config/, loaded once per process: what a run without ``settings.config`` uses."""
    return load_config()


def config_of(settings: RunSettings) -> Config:
    return settings.config or default_config()


def process_bytes(
    data: bytes,
    file_name: str,
    settings: RunSettings | None = None,
    on_page: Callable[[int], None] | None = None,
    timings: dict[str, float] | None = None,
) -> DocumentResult:
    """Every pure stage over one file's bytes (``timings``, if given, gets seconds per stage)."""
    settings = settings or RunSettings()
    clock = _StageClock(timings)
    with using_charmaps(config_of(settings).charmaps):  # OCR text is normalized in extract
        extraction = extract_document(data, file_name, extract_settings_of(settings), on_page=on_page)
    clock.lap("extract")
    return process_extraction(extraction, settings, clock)


def process_extraction(extraction: Extraction, settings: RunSettings | None = None,
                       clock: _StageClock | None = None) -> DocumentResult:
    """The stages after extract, each run once: recognize → correct → match → check (what a config change re-runs).

    Every text normalized on the way uses the run's Config's character maps: they are
    installed for the duration of the document (normalize/charmaps.py says why a holder
    and not an argument), here and not by the caller, because this is what every
    executor's worker calls."""
    settings = settings or RunSettings()
    config = config_of(settings)
    with using_charmaps(config.charmaps):
        return _stages_after_extract(extraction, settings, config, clock or _StageClock(None))


def _stages_after_extract(extraction: Extraction, settings: RunSettings, config: Config,
                          clock: _StageClock) -> DocumentResult:
    report_types = config.report_types
    recognized = tables_to_records(extraction.tables, report_types, extraction.lines)
    recognized_nos = [t.table_no for t in extraction.tables if t.table_no not in recognized.unrecognized_tables]
    tidy = tables_to_cells_and_facts(extraction.tables, extraction.lines, report_types, skip=recognized_nos,
                                     settings=config.cells)
    claimed = {f.table_no for f in tidy.matched}  # tables a facts kind (運用状況 …) read after all
    report_type_name = recognized.report_type or (tidy.matched[0].report_type.name if tidy.matched else None)
    report_type = _report_type(report_type_name, report_types)
    info, info_findings = lines_to_document(extraction.lines, report_type)
    incidents, incident_findings = document_to_incidents(
        extraction.lines, extraction.tables, list(config.incidents), config.vocabulary,
        underlined=underlines_of(extraction), municipality=info.municipality)
    read_as_notice, notice_findings = tables_read_as_notices(extraction.tables, recognized.unrecognized_tables,
                                                             incidents)
    claimed |= read_as_notice
    if report_type is None and incidents:  # a document that is only an incident report names itself there
        first = incidents[0].incident
        info = dataclasses.replace(info, report_no=first.report_no, title=first.title,
                                   published_on=first.reported_on)
    info = with_front_page_facts(info, extraction.lines, report_type, config.front_page)
    clock.lap("recognize")
    corrected = apply_corrections(recognized.cases, extraction.sha256, config.corrections)
    clock.lap("correct")
    chosen = document_registry(corrected.cases, info.municipality, config)
    info = dataclasses.replace(info, municipality=chosen.municipality)  # inferred from the names when not read
    cases, departments, department_findings = cases_with_departments(corrected.cases, info.municipality, config,
                                                                     chosen)
    incidents = incidents_with_departments(incidents, info.municipality, config)
    clock.lap("match")
    total = report_type.total_agency if report_type else "合計"
    checks = reconcile(recognized.review_counts, cases, total, recognized.unread_summary_rows)
    # tables a summary or cases kind read have their own rules (reconcile); the rest are checked generically
    total_checks, total_findings = cells_checks([c for c in tidy.cells if c.table_no not in recognized_nos],
                                                config.cells)
    clock.lap("check")
    return DocumentResult(
        extraction=extraction,
        info=info,
        report_type=report_type_name,
        review_counts=recognized.review_counts,
        cases=tuple(cases),
        checks=tuple(checks) + tuple(total_checks),
        findings=(unclaimed(recognized.findings, recognized.unrecognized_tables, claimed) + tuple(info_findings)
                  + tuple(department_findings) + tuple(incident_findings) + tuple(notice_findings)
                  + corrected.stale + tidy.findings
                  + tuple(total_findings) + unread_block_findings(extraction) + doubtful_page_findings(extraction)
                  + tuple(unjoined_page_breaks(extraction.tables, extraction.lines, extraction.page_count))
                  + nothing_recognized_findings(extraction, recognized.review_counts, cases, incidents, tidy.facts)),
        departments=tuple(departments),
        incidents=tuple(incidents),
        corrections=corrected.applied,
        cells=tidy.cells,
        facts=tidy.facts,
    )


class _StageClock:
    """Adds the seconds since the last lap to ``timings[stage]`` (does nothing without a dict)."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every *.pdf under folders, sorted; missing paths are kept to fail loudly."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        else:
            out.append(p)
    return out


@contextmanager
def warehouse(db: str | Path, wait_seconds: float,
              report_types: Sequence[ReportType] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, opened for as short a time as possible.

    DuckDB lets one process at a time open a file (it takes a lock), so the
    connection is held only to check and to load, never while a PDF is read,
    and a locked warehouse is waited for: two ingests on one file take turns.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = connect(db, report_types=report_types)
            break
        except LoadError as exc:
            if not exc.retry or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
    try:
        yield con
    finally:
        con.close()


def ingest_files(
    paths: Sequence[Path],
    db: str | Path,
    settings: RunSettings | None = None,
    on_page: Callable[[int], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    execute: object | None = None,
) -> list[Outcome]:
    """Ingest the files into the warehouse at ``db``; never stops at a bad file.

    Documents go through the results store (pipeline.store) on the executor
    ``execute`` names (pipeline.execute.ExecuteSettings: local by default, or
    Ray), and this process loads them in the order given. Raises LoadError only
    when the warehouse itself cannot be opened (bad path, or locked by another
    process for longer than ``settings.wait_seconds``).
    """
    from pipeline.execute import ingest_through_store

    settings = settings or RunSettings()
    with warehouse(db, settings.wait_seconds, config_of(settings).report_types):
        pass  # create it, or fail now on a bad path, before reading any file
    with using_charmaps(config_of(settings).charmaps):  # the load step folds names for family ids
        return ingest_through_store(paths, db, settings, execute, executor_driver(settings),  # type: ignore[arg-type]
                                    on_page, on_outcome)


def executor_driver(settings: RunSettings | None = None) -> Driver:
    """The stages and outcome type the executors run (they come before this module, so it lends them);
    the warehouse they open gets the facts views of the run's Config."""
    from pipeline.execute import Driver

    report_types = config_of(settings or RunSettings()).report_types
    return Driver(process_extraction, Outcome, partial(warehouse, report_types=report_types))
