"""One report, several copies: link documents that are the same report, and pick the best copy.

The same report reaches the warehouse as different files (the born-digital PDF
and a scan of its printout have nothing in common byte for byte). What makes
them one report is what the report says about itself: municipality, report
type, report number and date (as_of, else published_on). Every copy gets that
report's ``report_id``; a document missing any of them is a report of its own
(its ``report_id`` is its ``doc_id``), since linking on half a key would merge
different reports.

Of a report's copies one is the ``best_copy``, the one per-report queries read
(``best_cases``, ``case_changes``): the one with the larger share of text-layer
pages (a text layer is what the author typed, OCR a reading of it), then the
fewer findings, then the smaller doc_id so the choice is stable. The other
copies are cross-checked value by value against it (``copy_differences``,
pipeline/load/sql/copies.sql).
"""

from __future__ import annotations

import hashlib

import duckdb

from pipeline.types import DocumentResult


def report_id_of(result: DocumentResult) -> str:
    """The id shared by every copy of the report this document is; its doc_id when the key is incomplete."""
    info = result.info
    day = info.as_of or info.published_on
    if info.municipality is None or info.report_no is None or day is None:
        return result.doc_id
    key = "\t".join((info.municipality, result.report_type or "", str(info.report_no), day.isoformat()))
    return "r" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15]


def mark_best_copies(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> None:
    """Set ``best_copy`` on every copy of these reports (inside the loader's transaction)."""
    con.execute(
        """
        UPDATE documents AS d SET best_copy = (d.doc_id = r.best)
        FROM (
            SELECT doc.report_id,
                   arg_min(doc.doc_id, (coalesce(doc.ocr_pages, 0) / greatest(doc.page_count, 1),
                                        coalesce(f.n, 0), doc.doc_id)) AS best
            FROM documents AS doc
            LEFT JOIN (SELECT doc_id, count(*) AS n FROM findings GROUP BY doc_id) AS f USING (doc_id)
            WHERE list_contains(?, doc.report_id)
            GROUP BY doc.report_id
        ) AS r
        WHERE d.report_id = r.report_id
        """,
        [report_ids],
    )


def report_ids_of(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[str]:
    """The report a stored document belongs to (empty when it is not stored): its copies need a new best."""
    return [r[0] for r in con.execute("SELECT report_id FROM documents WHERE doc_id = ? AND report_id IS NOT NULL",
                                      [doc_id]).fetchall()]
