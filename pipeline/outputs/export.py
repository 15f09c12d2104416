"""Every warehouse table and view to CSV (UTF-8 with a BOM, for Excel) and Parquet.

``export_warehouse`` opens the warehouse read-only, writes ``<name>.csv`` and
``<name>.parquet`` per relation with DuckDB's own COPY (works offline), and a
README.md listing the files and their columns, whose meanings come from
docs/schema.md (``schema_doc``), so there is no second list to keep in step.

Tables are written in their stored order (documents as loaded, cases by list
and No); views, whose order is not defined, sorted by all columns.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.errors import LoadError
from pipeline.load.migrate import REVIEW_ITEMS as REVIEW_ITEMS_SQL
from pipeline.load.migrate import require_current
from pipeline.outputs.schema_doc import RelationDoc, describe_relations

log = logging.getLogger(__name__)

BOM = b"\xef\xbb\xbf"
FORMATS = ("csv", "parquet")


class ExportError(Exception):
    """The warehouse could not be read or a file not written; the message says which."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str


@dataclass(frozen=True)
class ExportedRelation:
    name: str
    kind: str  # table | view
    rows: int
    columns: tuple[Column, ...]
    files: tuple[Path, ...]


def open_warehouse(db: str | Path) -> duckdb.DuckDBPyConnection:
    """Read-only connection with the ``review_items`` view available (a temp view if the file lacks it)."""
    if not Path(db).exists():
        raise ExportError(f"{db}: no such warehouse; ingest first (kaiji ingest --db {db} PDFS)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise ExportError(f"{db}: the warehouse is in use by another process; try again when it has "
                              "finished") from None
        raise ExportError(f"{db}: cannot open the warehouse ({exc})") from None
    try:
        if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'documents'").fetchone()[0]:  # type: ignore[index]
            require_current(con, db)  # a pipeline warehouse an earlier version made: upgrade first
    except LoadError as exc:
        con.close()
        raise ExportError(exc.one_line()) from None
    ensure_review_items(con)
    return con


REVIEW_ITEMS_NEEDS = {"cases", "departments", "checks", "review_counts", "findings"}


def ensure_review_items(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``review_items`` as a temporary view unless the warehouse has it (or lacks its tables)."""
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "review_items" in names:
        return
    if not REVIEW_ITEMS_NEEDS <= names:
        log.warning("no review_items: the warehouse lacks %s", ", ".join(sorted(REVIEW_ITEMS_NEEDS - names)))
        return
    sql = REVIEW_ITEMS_SQL.read_text(encoding="utf-8")
    con.execute(sql.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW", 1))


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of every user relation, tables first, by name."""
    rows = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_catalog NOT IN ('system') "
        "ORDER BY table_type, table_name").fetchall()
    seen: dict[str, str] = {}
    for name, kind in rows:
        seen.setdefault(name, "view" if "VIEW" in kind else "table")
    return sorted(seen.items(), key=lambda kv: (kv[1] != "table", kv[0]))


def columns(con: duckdb.DuckDBPyConnection, name: str) -> tuple[Column, ...]:
    rel = con.sql(f'SELECT * FROM "{name}" LIMIT 0')
    return tuple(Column(c, str(t)) for c, t in zip(rel.columns, rel.types))


def select_sql(name: str, kind: str) -> str:
    """The query a relation is exported with (and a test reads it back with)."""
    return f'SELECT * FROM "{name}"' + (" ORDER BY ALL" if kind == "view" else "")


def _sql_str(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """CSV with a header and a UTF-8 BOM: DuckDB writes the body, the BOM goes in front."""
    body = path.with_name(path.name + ".part")
    con.execute(f"COPY ({query}) TO {_sql_str(body)} (FORMAT csv, HEADER true)")
    with path.open("wb") as out, body.open("rb") as src:
        out.write(BOM)
        shutil.copyfileobj(src, out, 1 << 20)
    body.unlink()


def write_parquet(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    con.execute(f"COPY ({query}) TO {_sql_str(path)} (FORMAT parquet)")


def output_folder(out_dir: str | Path) -> Path:
    """The folder to write into, created if needed; an ExportError names it when it cannot be."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the output folder ({exc.strerror or exc})") from None
    return out


def export_warehouse(
    db: str | Path,
    out_dir: str | Path,
    formats: Sequence[str] = FORMATS,
    on_relation: Callable[[ExportedRelation], None] | None = None,
) -> list[ExportedRelation]:
    """Write every table and view of ``db`` to ``out_dir`` and a README.md; return what was written."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ExportError(f"unknown format(s) {sorted(unknown)}; use {', '.join(FORMATS)}")
    out = output_folder(out_dir)
    con = open_warehouse(db)
    exported = []
    try:
        for name, kind in relations(con):
            query = select_sql(name, kind)
            files = []
            if "csv" in formats:
                files.append(out / f"{name}.csv")
                write_csv(con, query, files[-1])
            if "parquet" in formats:
                files.append(out / f"{name}.parquet")
                write_parquet(con, query, files[-1])
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
            rel = ExportedRelation(name, kind, rows, columns(con, name), tuple(files))
            log.info("exported %s (%d rows)", name, rows)
            exported.append(rel)
            if on_relation:
                on_relation(rel)
    except (duckdb.Error, OSError) as exc:
        raise ExportError(f"{out}: export failed ({type(exc).__name__}: {exc})") from exc
    finally:
        con.close()
    (out / "README.md").write_text(readme(exported, Path(db).name), encoding="utf-8")
    return exported


def _first_sentence(text: str) -> str:
    """'`a, b`: values that … .' -> 'values that …' (a section whose heading has no summary)."""
    text = text.split("`: ", 1)[-1] if text.startswith("`") else text
    return text.split(". ", 1)[0].rstrip(".")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readme(exported: Sequence[ExportedRelation], db_name: str, docs: dict[str, RelationDoc] | None = None) -> str:
    """The README.md of an export: how to open the files, then each file's columns and their meaning."""
    docs = describe_relations() if docs is None else docs
    lines = [
        f"# Export of {db_name}",
        "",
        "Every table and view of the warehouse, each as `<name>.csv` (UTF-8 with a BOM: Excel on",
        "Japanese Windows opens it without mojibake; lists such as `bbox` are written `[x0, top, x1, bottom]`)",
        "and `<name>.parquet` (pandas, R, DuckDB). Column meanings are those of docs/schema.md,",
        "the warehouse contract; positions are PDF points from the page's top left.",
        "",
        "| file | rows | what it holds |",
        "|---|---|---|",
    ]
    for rel in exported:
        doc = docs.get(rel.name)
        what = (doc.summary or _first_sentence(doc.text)) if doc else ""
        files = " ".join(f"`{p.name}`" for p in rel.files)
        lines.append(f"| {files} | {rel.rows} | {_md(what)}{' (view)' if rel.kind == 'view' else ''} |")
    for rel in exported:
        doc = docs.get(rel.name) or RelationDoc(rel.name)
        lines += ["", f"## {rel.name}" + (f" — {doc.summary}" if doc.summary else ""), ""]
        if doc.text:
            lines += [doc.text, ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.type} | {_md(doc.columns.get(c.name, ''))} |" for c in rel.columns]
    return "\n".join(lines) + "\n"
