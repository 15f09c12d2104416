"""Load stored results (pipeline.store) into the warehouse in bulk, in one transaction.

The single writer of a run with any number of workers: workers write Parquet
into the results store, this step reads it with ``read_parquet`` over many
files at once. Families depend on the warehouse, so they are assigned here,
document by document in the order given (``FamilyBook``), and joined onto the
cases as they are inserted.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from pipeline.errors import LoadError
from pipeline.load.copies import mark_best_copies, report_ids_of
from pipeline.load.families import FamilyBook, recount_members
from pipeline.load.rows import insert_rows
from pipeline.load.warehouse import DOC_TABLES, upsert_departments
from pipeline.match.families import FamilyInput
from pipeline.store.results import FAMILY_INPUTS, StoredResult

log = logging.getLogger(__name__)


def _file_list(files: Sequence[Path]) -> str:
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


def _family_ids(con: duckdb.DuckDBPyConnection, stored: Sequence[StoredResult]) -> list[tuple[str, int, str]]:
    """(doc_id, case row number, family_id) for every case of these documents, assigned in order."""
    files = [f for s in stored if (f := s.table_file(FAMILY_INPUTS)) is not None]
    if not files:
        return []
    by_doc: dict[str, list[tuple[int, FamilyInput]]] = defaultdict(list)
    for doc_id, row_no, key, criterion, scope, text in con.execute(
            f"SELECT doc_id, row_no, key, criterion, scope, text FROM read_parquet({_file_list(files)})").fetchall():
        by_doc[doc_id].append((row_no, FamilyInput(key, criterion, scope, text or "")))
    book = FamilyBook(con)
    out = []
    for s in stored:
        items = by_doc.get(s.doc_id, [])
        assigned = book.assign(s.municipality, [item for _, item in items])
        out += [(s.doc_id, row_no, assigned[item.key]) for row_no, item in items if item.key in assigned]
    book.write()
    return out


def _insert_table(con: duckdb.DuckDBPyConnection, table: str, files: Sequence[Path]) -> None:
    source = f"read_parquet({_file_list(files)}, union_by_name = true, file_row_number = true)"
    if table == "cases":
        con.execute(f"INSERT INTO cases BY NAME SELECT c.* EXCLUDE (family_id, file_row_number), m.family_id "
                    f"FROM {source} c LEFT JOIN _families m ON m.doc_id = c.doc_id AND m.row_no = c.file_row_number")
    elif table == "documents":
        con.execute(f"INSERT INTO documents BY NAME SELECT * EXCLUDE (file_row_number) "
                    f"REPLACE (now()::TIMESTAMP AS ingested_at) FROM {source}")
    else:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (file_row_number) FROM {source}")


def _departments(con: duckdb.DuckDBPyConnection, stored: Sequence[StoredResult]) -> None:
    """Upsert departments; where two documents name one id, the later document's row wins."""
    latest: dict[str, tuple[object, ...]] = {}
    for s in stored:
        path = s.table_file("departments")
        if path is not None:
            for row in con.execute(f"SELECT * FROM read_parquet({_file_list([path])})").fetchall():
                latest[row[0]] = row
    upsert_departments(con, list(latest.values()))


def load_stored(con: duckdb.DuckDBPyConnection, stored: Sequence[StoredResult]) -> dict[str, int]:
    """Replace these documents' rows with their stored results in one transaction; rows per table."""
    if not stored:
        return {}
    doc_ids = [s.doc_id for s in stored]
    if len(set(doc_ids)) != len(doc_ids):
        raise ValueError("load_stored: a document appears twice in one batch")
    con.execute("BEGIN TRANSACTION")
    try:
        replaced_reports = [r for d in doc_ids for r in report_ids_of(con, d)]  # their copies need a new best
        for table in (*DOC_TABLES, "loaded_results"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [doc_ids])
        con.execute("CREATE OR REPLACE TEMP TABLE _families (doc_id VARCHAR, row_no BIGINT, family_id VARCHAR)")
        insert_rows(con, "_families", _family_ids(con, stored))
        counts = {}
        for table in DOC_TABLES:
            files = [f for s in stored if (f := s.table_file(table)) is not None]
            if files:
                _insert_table(con, table, files)
            counts[table] = sum(int(s.summary.get("rows", {}).get(table, 0)) for s in stored)
        _departments(con, stored)
        recount_members(con)
        loaded_reports = [r for (r,) in con.execute(
            "SELECT DISTINCT report_id FROM documents WHERE list_contains(?, doc_id) AND report_id IS NOT NULL",
            [doc_ids]).fetchall()]
        mark_best_copies(con, [*replaced_reports, *loaded_reports])
        insert_rows(con, "loaded_results", [(s.doc_id, s.results_key, None) for s in stored])
        con.execute("UPDATE loaded_results SET loaded_at = now()::TIMESTAMP WHERE loaded_at IS NULL")
        con.execute("DROP TABLE _families")
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        names = ", ".join(str(s.summary.get("file_name")) for s in stored[:3])
        raise LoadError(names, f"loading stored results failed ({type(exc).__name__}: {exc})") from exc
    return counts


def loaded_key(con: duckdb.DuckDBPyConnection, doc_id: str) -> str | None:
    """The results key a document was loaded from; '' when it was loaded without the store; None if absent."""
    row = con.execute("SELECT results_key FROM loaded_results WHERE doc_id = ? "
                      "ORDER BY loaded_at DESC LIMIT 1", [doc_id]).fetchone()
    if row is not None:
        return str(row[0])
    present = con.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return "" if present and present[0] else None


def load_in_batches(con: duckdb.DuckDBPyConnection, stored: Sequence[StoredResult], batch: int = 100,
                    on_batch: Callable[[int], None] | None = None) -> int:
    """Load many stored results, ``batch`` documents per transaction, in order; documents loaded."""
    done = 0
    for start in range(0, len(stored), batch):
        chunk = stored[start:start + batch]
        load_stored(con, chunk)
        done += len(chunk)
        if on_batch:
            on_batch(done)
    return done
