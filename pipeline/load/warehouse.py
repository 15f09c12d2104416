"""Write a DocumentResult into the DuckDB warehouse, one transaction per document.

Loading is the cheap, separate step after the pure stages: ``document_rows``
turns a result into plain rows (testable without a database), and
``load_document`` replaces that document's rows inside one transaction, so a
document is either wholly in the warehouse or not at all, and loading the same
file twice leaves one copy.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pipeline.config import ReportType, table_report_types
from pipeline.correct import case_provenance
from pipeline.errors import LoadError
from pipeline.load.copies import mark_best_copies, report_id_of, report_ids_of
from pipeline.load.families import with_families, write_families
from pipeline.load.migrate import UpgradePlan, require_current
from pipeline.load.migrate import ensure_schema as _ensure_schema
from pipeline.load.rows import Row, insert_rows
from pipeline.types import DocumentResult

if TYPE_CHECKING:
    from pipeline.recognize.incident import IncidentReport

log = logging.getLogger(__name__)

PIPELINE_VERSION = "0.1.0"
DOC_TABLES = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings",
              "incidents", "incident_events", "incident_sections", "cells", "facts")



def connect(path: str | Path, read_only: bool = False,
            report_types: Sequence[ReportType] | None = None) -> duckdb.DuckDBPyConnection:
    """Open (and create) the warehouse; a file locked by another process is a clear LoadError.
    ``report_types``: the run's (Config.report_types), whose facts views it gets; else config/'s."""
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise LoadError(str(path), "warehouse is in use by another process; try again when it has finished",
                            retry=True) from None
        raise LoadError(str(path), f"cannot open the warehouse ({exc})") from None
    try:
        if read_only:
            require_current(con, path)
        else:
            ensure_schema(con, path, report_types)
    except LoadError:
        con.close()
        raise
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection, path: str | Path = "warehouse",
                  report_types: Sequence[ReportType] | None = None) -> UpgradePlan:
    """Create the warehouse's tables, or add what an earlier version's warehouse lacks (load/migrate.py);
    then the views of the facts report types in config/ (their columns come from config, not schema.sql)."""
    plan = _ensure_schema(con, path, PIPELINE_VERSION)
    for sql in facts_views(table_report_types() if report_types is None else report_types):
        con.execute(sql)
    return plan


def has_document(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    return con.execute("SELECT count(*) FROM documents WHERE sha256 = ?", [sha256]).fetchone()[0] > 0  # type: ignore[index]


def _bbox(b: Any) -> list[float] | None:
    return b.as_list() if b is not None else None


def document_rows(result: DocumentResult) -> dict[str, list[Row]]:
    """Every row this document puts in each table, in the schema's column order."""
    ex, info, doc_id = result.extraction, result.info, result.doc_id
    rows: dict[str, list[Row]] = {}
    ocr_pages = sum(1 for p in ex.pages if p.source == "ocr")
    rows["documents"] = [(
        doc_id, ex.file_name, ex.sha256, info.title, info.report_no, info.published_on, info.as_of,
        info.publisher, info.municipality, result.report_type, ex.page_count, ocr_pages,
        "; ".join(ex.notes) or None, datetime.now(UTC).replace(tzinfo=None), PIPELINE_VERSION,
        info.fiscal_year, report_id_of(result), None,  # best_copy: set by load_document once the copies are stored
    )]
    rows["pages"] = [
        (doc_id, p.page_no, p.width, p.height, p.source, p.reason, p.ocr_engine, p.ocr_confidence, p.seconds)
        for p in ex.pages
    ]
    rows["review_counts"] = [
        (doc_id, r.criterion, r.agency, r.reviewed, r.sensitive, r.ordinance_sensitive, r.page_no,
         _bbox(r.bbox), r.source, r.confidence)
        for r in result.review_counts
    ]
    corrected = case_provenance(result.corrections)
    rows["cases"] = [
        (doc_id, c.criterion, c.case_no, c.description, c.recipient, c.purpose, c.legal_basis, c.link_type,
         c.department, c.department_raw, c.agency, c.sensitive, c.ordinance_sensitive, c.page_no,
         _bbox(c.bbox), c.source, c.confidence, json.dumps(c.raw, ensure_ascii=False), c.department_id,
         c.department_score, c.department_method, c.family_id,
         (c.criterion, c.case_no) in corrected, corrected.get((c.criterion, c.case_no)))
        for c in result.cases
    ]
    raw: list[Row] = []
    for table in ex.tables:
        for row_no, row in enumerate((table.header, *table.rows)):
            for cell in row:
                raw.append((doc_id, cell.page_no, table.table_no, row_no, cell.col, cell.text,
                            _bbox(cell.bbox), cell.source, cell.confidence))
    rows["raw_cells"] = raw
    rows["checks"] = [
        (doc_id, k.rule, k.criterion, k.agency, k.expected, k.actual, k.ok, k.detail or None, k.status)
        for k in result.checks
    ]
    rows["findings"] = [(doc_id, f.kind, f.page_no, f.detail, f.last_page_no) for f in result.findings]
    rows.update(incident_rows(doc_id, result.incidents))
    rows["cells"] = cell_rows(doc_id, result.cells)
    rows["facts"] = fact_rows(doc_id, result.facts)
    return rows


def fact_rows(doc_id: str, facts: Sequence[Any]) -> list[Row]:
    """Rows of ``facts`` from pipeline.recognize.facts.Fact objects."""
    return [
        (doc_id, f.report_type, f.table_kind, f.target, f.table_no, json.dumps(dict(f.dims), ensure_ascii=False),
         _float(f.value), f.unit, f.is_total, list(f.row_path), list(f.col_path), f.page_no, _bbox(f.bbox),
         f.source, f.confidence)
        for f in facts
    ]


def facts_views(report_types: Sequence[ReportType]) -> list[str]:
    """One view per facts ``target``: its dimensions as columns (names checked by pipeline.config)."""
    dims: dict[str, list[str]] = {}
    for rt in report_types:
        for kind in rt.tables:
            if kind.kind == "facts" and kind.target:
                dims.setdefault(kind.target, [])
                dims[kind.target] += [d for d in kind.dimensions if d not in dims[kind.target]]
    views = []
    for target, names in sorted(dims.items()):
        if target in DOC_TABLES or target in ("departments", "case_families"):
            raise LoadError(target, "a facts target may not be named like a warehouse table")
        columns = "".join(f"    f.dims->>'{d}' AS {d},\n" for d in names)
        views.append(
            f"CREATE OR REPLACE VIEW {target} AS SELECT\n    f.doc_id, d.fiscal_year, d.municipality,\n{columns}"
            "    f.value, f.unit, f.is_total, f.report_type, f.table_kind, f.table_no, f.row_path, f.col_path,\n"
            "    f.page_no, f.bbox, f.source, f.confidence\n"
            f"FROM facts f LEFT JOIN documents d USING (doc_id) WHERE f.target = '{target}'"
        )
    return views


def _float(v: float | None) -> float | None:
    """DOUBLE for every value, so one column's list is never typed by an int that comes first."""
    return float(v) if v is not None else None


def cell_rows(doc_id: str, cells: Sequence[Any]) -> list[Row]:
    """Rows of ``cells`` from pipeline.types.TidyCell objects."""
    return [
        (doc_id, c.table_no, c.page_no, c.row_no, c.col_no, c.role, c.text, c.norm_text, _float(c.value),
         c.unit, _float(c.scaled_value), c.scaled_unit, list(c.row_path), list(c.col_path), c.row_total,
         c.col_total, _bbox(c.bbox), c.source, c.confidence)
        for c in cells
    ]


def incident_rows(doc_id: str, reports: Sequence[IncidentReport]) -> dict[str, list[Row]]:
    """Rows of the three incident tables from pipeline.recognize.incident.IncidentReport objects."""
    incidents, events, sections = [], [], []
    for report in reports:
        i = report.incident
        incidents.append((
            doc_id, i.report_no, i.title, i.reported_on, list(i.departments), i.incident_type, i.record_name,
            list(i.personal_items), list(i.sensitive_items), i.affected_count, i.affected_count_approx,
            i.fiscal_year_of_records, i.retention_years, i.discovered_on, i.reported_to_ppc_on,
            i.published_on, i.secondary_damage, i.legal_basis, i.page_no, i.config, i.source, i.confidence,
            "; ".join(i.notes) or None, i.incident_no, i.municipality, i.department, i.legal_category,
            i.occurred_on, i.affected_text, i.records, i.cause, i.countermeasures, i.recognition_score,
            i.department_id,
        ))
        events += [(doc_id, e.report_no, e.seq, e.event_on, e.text, e.page_no, _bbox(e.bbox), e.incident_no)
                   for e in report.events]
        sections += [(doc_id, s.report_no, s.path, s.heading, s.text, s.page_no, _bbox(s.bbox), s.incident_no)
                     for s in report.sections]
    return {"incidents": incidents, "incident_events": events, "incident_sections": sections}


def delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    for table in DOC_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])


def department_rows(result: DocumentResult) -> list[Row]:
    """The departments this document's cases point to (registry or flagged new), as departments rows."""
    return [(d.department_id, d.name, d.branch, d.bureau, d.centre, d.section,  # type: ignore[attr-defined]
             result.info.municipality, d.flagged_new) for d in result.departments]  # type: ignore[attr-defined]


def write_departments(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> None:
    """Upsert the departments this document's cases point to (registry or flagged new)."""
    upsert_departments(con, department_rows(result))


def upsert_departments(con: duckdb.DuckDBPyConnection, rows: list[Row]) -> None:
    if rows:
        con.execute("DELETE FROM departments WHERE list_contains(?, department_id)", [[r[0] for r in rows]])
        insert_rows(con, "departments", rows)


def load_document(
    con: duckdb.DuckDBPyConnection,
    result: DocumentResult,
    extra_rows: dict[str, list[Row]] | None = None,
) -> dict[str, int]:
    """Replace this document's rows in one transaction; return rows written per table."""
    con.execute("BEGIN TRANSACTION")
    try:
        replaced_reports = report_ids_of(con, result.doc_id)
        delete_document(con, result.doc_id)
        result, families = with_families(con, result)
        rows = document_rows(result)
        for table, more in (extra_rows or {}).items():
            rows.setdefault(table, []).extend(more)
        for table, table_rows in rows.items():
            insert_rows(con, table, table_rows)
        write_departments(con, result)
        write_families(con, families, result.info.municipality)
        mark_best_copies(con, [*replaced_reports, report_id_of(result)])
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise LoadError(result.extraction.file_name, f"{type(exc).__name__}: {exc}") from exc
    return {t: len(r) for t, r in rows.items()}
