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
from typing import Any

import duckdb

from pipeline.errors import LoadError
from pipeline.load.families import with_families, write_families
from pipeline.load.rows import Row, insert_rows
from pipeline.outputs.corrections import case_provenance
from pipeline.types import DocumentResult

log = logging.getLogger(__name__)

SCHEMA = Path(__file__).with_name("schema.sql")
CASE_CHANGES = Path(__file__).resolve().parents[1] / "match" / "case_changes.sql"
REVIEW_ITEMS = Path(__file__).resolve().parents[1] / "outputs" / "review_items.sql"
PIPELINE_VERSION = "0.1.0"
DOC_TABLES = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings",
              "incidents", "incident_events", "incident_sections")



def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create) the warehouse; a file locked by another process is a clear LoadError."""
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise LoadError(str(path), "warehouse is in use by another process; try again when it has finished",
                            retry=True) from None
        raise LoadError(str(path), f"cannot open the warehouse ({exc})") from None
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute(CASE_CHANGES.read_text(encoding="utf-8"))
    con.execute(REVIEW_ITEMS.read_text(encoding="utf-8"))


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
    corrected = case_provenance(result.corrections)  # type: ignore[arg-type]
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
        (doc_id, k.rule, k.criterion, k.agency, k.expected, k.actual, k.ok, k.detail or None)
        for k in result.checks
    ]
    rows["findings"] = [(doc_id, f.kind, f.page_no, f.detail) for f in result.findings]
    rows.update(incident_rows(doc_id, result.incidents))
    return rows


def incident_rows(doc_id: str, reports: Sequence[Any]) -> dict[str, list[Row]]:
    """Rows of the three incident tables from pipeline.recognize.incident.IncidentReport objects."""
    incidents, events, sections = [], [], []
    for report in reports:
        i = report.incident
        incidents.append((
            doc_id, i.report_no, i.title, i.reported_on, list(i.departments), i.incident_type, i.record_name,
            list(i.personal_items), list(i.sensitive_items), i.affected_count, i.affected_count_approx,
            i.fiscal_year_of_records, i.retention_years, i.discovered_on, i.reported_to_ppc_on,
            i.published_on, i.secondary_damage, i.legal_basis, i.page_no, i.config, i.source, i.confidence,
            "; ".join(i.notes) or None,
        ))
        events += [(doc_id, e.report_no, e.seq, e.event_on, e.text, e.page_no, _bbox(e.bbox)) for e in report.events]
        sections += [(doc_id, s.report_no, s.path, s.heading, s.text, s.page_no, _bbox(s.bbox))
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
        delete_document(con, result.doc_id)
        result, families = with_families(con, result)
        rows = document_rows(result)
        for table, more in (extra_rows or {}).items():
            rows.setdefault(table, []).extend(more)
        for table, table_rows in rows.items():
            insert_rows(con, table, table_rows)
        write_departments(con, result)
        write_families(con, families, result.info.municipality)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise LoadError(result.extraction.file_name, f"{type(exc).__name__}: {exc}") from exc
    return {t: len(r) for t, r in rows.items()}
