"""The thin run that chains the stages: extract → recognize → match → check → load.

``process_bytes`` is pure (bytes + config in, DocumentResult out) and is what a
distributed engine would map over files; ``ingest_files`` adds the cheap,
local load step and the per-file error policy: one bad file is one line in
the outcome list, and the other files still go in.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipeline.check import reconcile
from pipeline.config import ReportType, table_report_types
from pipeline.errors import LoadError, PipelineError
from pipeline.extract import ExtractSettings, extract_document, sha256_of
from pipeline.load.warehouse import connect, has_document, load_document
from pipeline.match.apply import cases_with_departments
from pipeline.outputs.corrections import Correction, apply_corrections
from pipeline.recognize import lines_to_document_info, tables_to_records
from pipeline.recognize.incident import lines_to_incidents, load_incident_configs
from pipeline.types import DocumentResult, Extraction

if TYPE_CHECKING:
    from pipeline.execute import Driver

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    force: bool = False  # re-extract a file whose bytes are already in the warehouse
    corrections: tuple[Correction, ...] = ()  # a person's fixes (config/corrections), applied on ingest
    wait_seconds: float = 60.0  # how long to wait for a warehouse another process has open


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


def _report_type(name: str | None, report_types: Sequence[ReportType]) -> ReportType | None:
    return next((rt for rt in report_types if rt.name == name), None)


def underlines_of(extraction: Extraction) -> dict[int, tuple[tuple[int, int], ...]] | None:
    """Underlined spans per line index; None when a page was OCR'd (underlines are not read there)."""
    if any(p.source == "ocr" for p in extraction.pages):
        return None
    return {i: line.underlined for i, line in enumerate(extraction.lines) if line.underlined}


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
    extraction = extract_document(data, file_name, settings.extract, on_page=on_page)
    clock.lap("extract")
    return process_extraction(extraction, settings, clock)


def process_extraction(extraction: Extraction, settings: RunSettings | None = None,
                       clock: _StageClock | None = None) -> DocumentResult:
    """The stages after extraction (recognize, match, check, corrections): what a config change re-runs."""
    settings = settings or RunSettings()
    clock = clock or _StageClock(None)
    report_types = table_report_types()
    recognized = tables_to_records(extraction.tables, report_types)
    report_type = _report_type(recognized.report_type, report_types)
    info = lines_to_document_info(extraction.lines, report_type)
    incidents = lines_to_incidents(extraction.lines, load_incident_configs(), underlined=underlines_of(extraction))
    if report_type is None and incidents:  # a document that is only an incident report names itself there
        first = incidents[0].incident
        info = dataclasses.replace(info, report_no=first.report_no, title=first.title,
                                   published_on=first.reported_on)
    clock.lap("recognize")
    cases, departments, department_findings = cases_with_departments(recognized.cases, info.municipality)
    clock.lap("match")
    total = report_type.total_agency if report_type else "合計"
    checks = reconcile(recognized.review_counts, cases, total)
    clock.lap("check")
    result = DocumentResult(
        extraction=extraction,
        info=info,
        report_type=recognized.report_type,
        review_counts=recognized.review_counts,
        cases=tuple(cases),
        checks=tuple(checks),
        findings=recognized.findings + tuple(department_findings),
        departments=tuple(departments),
        incidents=tuple(incidents),
    )
    if settings.corrections:
        result, applied, _ = apply_corrections(result, settings.corrections)  # stale ones are findings already
        result = dataclasses.replace(result, corrections=tuple(applied))
        clock.lap("corrections")
    return result


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
def warehouse(db: str | Path, wait_seconds: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, opened for as short a time as possible.

    DuckDB lets one process at a time open a file (it takes a lock), so the
    connection is held only to check and to load, never while a PDF is read,
    and a locked warehouse is waited for: two ingests on one file take turns.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = connect(db)
            break
        except LoadError as exc:
            if not exc.retry or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
    try:
        yield con
    finally:
        con.close()


def ingest_file(path: Path, db: str | Path, settings: RunSettings,
                on_page: Callable[[int], None] | None = None) -> Outcome:
    """Read, process and load one file; every failure but a locked warehouse becomes an Outcome."""
    started = time.perf_counter()
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(str(path), "failed", f"{name}: read: {exc.strerror or exc}")
    try:
        if not settings.force:
            with warehouse(db, settings.wait_seconds) as con:
                if has_document(con, sha256_of(data)):
                    return Outcome(str(path), "skipped",
                                   f"{name}: already in the warehouse (same bytes); --force re-extracts")
        result = process_bytes(data, name, settings, on_page=on_page)
        with warehouse(db, settings.wait_seconds) as con:
            load_document(con, result)
    except LoadError as exc:
        if exc.retry:  # the warehouse stayed locked: every other file would fail the same way
            raise
        return Outcome(str(path), "failed", exc.one_line(), seconds=time.perf_counter() - started)
    except PipelineError as exc:
        return Outcome(str(path), "failed", exc.one_line(), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug or a parser failure we did not foresee: this file fails, the run goes on
        log.debug("unexpected error on %s", path, exc_info=True)
        return Outcome(str(path), "failed", f"{name}: internal error ({type(exc).__name__}: {exc}); "
                       "rerun with --debug for details", seconds=time.perf_counter() - started)
    ok = sum(1 for c in result.checks if c.ok)
    return Outcome(
        str(path), "landed", "", result.doc_id, result.extraction.page_count, len(result.cases),
        len(result.incidents), ok, len(result.checks) - ok, time.perf_counter() - started,
    )


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
    with warehouse(db, settings.wait_seconds):
        pass  # create it, or fail now on a bad path, before reading any file
    return ingest_through_store(paths, db, settings, execute, executor_driver(),  # type: ignore[arg-type]
                                on_page, on_outcome)


def executor_driver() -> Driver:
    """The stages and outcome type the executors run (they come before this module, so it lends them)."""
    from pipeline.execute import Driver

    return Driver(process_extraction, Outcome, warehouse)
