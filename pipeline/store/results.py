"""The results store: each document's extraction and rows, written once, never half-read.

Layout under the store's root (docs/scale.md)::

    extractions/<sha[:2]>/<sha256>.<extractor_key>.json.gz   the Extraction (codec.to_plain, gzip)
    results/<sha[:2]>/<sha256>.<results_key>/                 one folder per document and config
        <table>.parquet       the warehouse rows of each table the document has rows in
        family_inputs.parquet what family assignment needs at load time (it depends on the warehouse)
        summary.json          counts for the CLI line, keys, municipality; written last

Every file and folder is written under a temporary name starting with ``.tmp-``
and renamed into place (atomic on POSIX), so a reader sees a whole entry or
none: a process killed mid-write leaves only a ``.tmp-`` leftover that no
reader opens and ``sweep`` removes. Entries are immutable: the same key always
means the same content, so two workers racing to write one keep either copy.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from pipeline.load.rows import Row, insert_rows
from pipeline.load.warehouse import department_rows, document_rows, ensure_schema
from pipeline.match.apply import family_inputs
from pipeline.match.departments import Department
from pipeline.store.codec import from_plain, to_plain
from pipeline.types import DocumentResult, Extraction

log = logging.getLogger(__name__)

TMP = ".tmp-"
SUMMARY = "summary.json"
FAMILY_INPUTS = "family_inputs"
FAMILY_INPUTS_DDL = (f"CREATE TABLE {FAMILY_INPUTS} (doc_id VARCHAR, row_no BIGINT, key VARCHAR, "
                     "criterion VARCHAR, scope VARCHAR, text VARCHAR)")


@dataclass(frozen=True)
class StoredResult:
    """A complete results folder and its summary (what the loader and the CLI line need)."""

    folder: Path
    summary: dict[str, Any]

    @property
    def doc_id(self) -> str:
        return str(self.summary["doc_id"])

    @property
    def results_key(self) -> str:
        return str(self.summary["results_key"])

    @property
    def municipality(self) -> str | None:
        return self.summary.get("municipality")

    def table_file(self, table: str) -> Path | None:
        path = self.folder / f"{table}.parquet"
        return path if path.exists() else None


def _shard(sha256: str) -> str:
    return sha256[:2]


class ResultsStore:
    """Immutable files keyed by content hash and extractor / results key, under one root folder."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def extraction_path(self, sha256: str, extract_key: str) -> Path:
        return self.root / "extractions" / _shard(sha256) / f"{sha256}.{extract_key}.json.gz"

    def result_folder(self, sha256: str, results_key: str) -> Path:
        return self.root / "results" / _shard(sha256) / f"{sha256}.{results_key}"

    def get_extraction(self, sha256: str, extract_key: str) -> Extraction | None:
        path = self.extraction_path(sha256, extract_key)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return from_plain(Extraction, json.load(f))
        except FileNotFoundError:
            return None

    def put_extraction(self, extraction: Extraction, extract_key: str) -> Path:
        path = self.extraction_path(extraction.sha256, extract_key)
        data = gzip.compress(json.dumps(to_plain(extraction), ensure_ascii=False).encode("utf-8"), 5, mtime=0)
        _write_file(path, data)
        return path

    def get_result(self, sha256: str, results_key: str) -> StoredResult | None:
        return read_result(self.result_folder(sha256, results_key))

    def put_result(self, result: DocumentResult, extract_key: str, results_key: str,
                   replace: bool = False) -> StoredResult:
        """Write a document's rows; an entry already there is kept unless ``replace`` (``--force``)."""
        folder = self.result_folder(result.extraction.sha256, results_key)
        rows = result_rows(result)
        summary = {**result_summary(result, extract_key, results_key), "rows": {t: len(r) for t, r in rows.items()}}
        return self.put_rows(folder, rows, summary, replace)

    def put_rows(self, folder: Path, rows: dict[str, list[Row]], summary: dict[str, Any],
                 replace: bool = False) -> StoredResult:
        """Write rows per table and the summary into ``folder`` as one atomic rename."""
        if folder.exists() and not replace:
            return read_result(folder) or StoredResult(folder, summary)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.parent / f"{TMP}{folder.name}.{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            write_parquet_tables(rows, tmp)
            (tmp / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            _rename_dir(tmp, folder, replace)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return StoredResult(folder, summary)

    def results(self) -> Iterator[StoredResult]:
        """Every complete results folder, in key order."""
        for folder in sorted((self.root / "results").glob("*/*")):
            if not folder.name.startswith(TMP):
                stored = read_result(folder)
                if stored is not None:
                    yield stored

    def sweep(self) -> int:
        """Remove leftovers of writers that were killed (``.tmp-`` names); return how many."""
        n = 0
        for path in self.root.glob(f"*/*/{TMP}*"):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            n += 1
        return n


def read_result(folder: Path) -> StoredResult | None:
    """A results folder's summary, or None when the folder is not (yet) there."""
    try:
        summary = json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return StoredResult(folder, summary)


def result_rows(result: DocumentResult) -> dict[str, list[Row]]:
    """Every table's rows (families not yet assigned), the departments and the family inputs."""
    rows = document_rows(result)
    rows["departments"] = department_rows(result)
    departments = {d.department_id: d for d in result.departments if isinstance(d, Department)}
    rows[FAMILY_INPUTS] = [(result.doc_id, i, *item) for i, item in
                           enumerate(family_inputs(result.doc_id, result.cases, departments))]
    return rows


def result_summary(result: DocumentResult, extract_key: str, results_key: str) -> dict[str, Any]:
    return {
        "doc_id": result.doc_id, "sha256": result.extraction.sha256, "file_name": result.extraction.file_name,
        "municipality": result.info.municipality, "extractor_key": extract_key, "results_key": results_key,
        "counts": result.counts(),  # the CLI line's figures (run.Outcome)
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_parquet_tables(rows: dict[str, list[Row]], folder: Path) -> None:
    """Each table's rows as <table>.parquet with the warehouse's column types (schema.sql)."""
    con = _scratch()
    for table, table_rows in rows.items():
        if table_rows:
            con.execute(f"DELETE FROM {table}")
            insert_rows(con, table, table_rows)
            target = str(folder / f"{table}.parquet").replace("'", "''")
            con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")


@lru_cache(maxsize=1)
def _scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the warehouse's tables, one per process (creating it costs more than a write)."""
    con = duckdb.connect(config={"threads": 1})
    ensure_schema(con)
    con.execute(FAMILY_INPUTS_DDL)
    return con


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{TMP}{path.name}.{uuid.uuid4().hex}"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _rename_dir(tmp: Path, folder: Path, replace: bool) -> None:
    """Move a finished folder into place; an existing one is moved aside first when replacing."""
    old = None
    if replace and folder.exists():
        old = folder.parent / f"{TMP}old-{folder.name}.{uuid.uuid4().hex}"
        os.rename(folder, old)
    try:
        os.rename(tmp, folder)
    except OSError:
        if not folder.exists():
            raise  # another writer did not win the race: a real error
        log.debug("%s was written by another worker; keeping theirs (same key, same content)", folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
