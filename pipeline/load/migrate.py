"""Bring a warehouse made by an earlier version up to sql/schema.sql, in one transaction.

The schema file is the only description of the warehouse: it is run in an
in-memory DuckDB and its tables and columns are compared with the warehouse's,
so a table or column someone adds to schema.sql is migrated without any code
here (add columns at the end of a table, with a DEFAULT when old rows need one).
What cannot be done automatically (a column whose type changed) refuses with
the reason instead of guessing. Every upgrade is a row in ``schema_version``.

A read-only open cannot upgrade: it refuses with the command that does.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb

from pipeline.errors import LoadError

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).with_name("sql")  # every SQL file of the pipeline, in one place
SCHEMA = SQL_DIR / "schema.sql"
CASE_CHANGES = SQL_DIR / "case_changes.sql"
REVIEW_ITEMS = SQL_DIR / "review_items.sql"
# recreated on every read-write open, in this order (case_changes reads best_copy, which copies.sql explains)
VIEWS = (SQL_DIR / "copies.sql", CASE_CHANGES, REVIEW_ITEMS, SQL_DIR / "incident_summary.sql")
DATA_UPGRADES = SQL_DIR / "data_upgrades.sql"  # idempotent data moves, run after new columns are added
UPGRADE_COMMAND = "kaiji upgrade --db {db}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    default: str | None


@dataclass(frozen=True)
class Table:
    name: str
    create: str  # CREATE TABLE … as DuckDB prints it back
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class UpgradePlan:
    """What to run to make a warehouse match schema.sql; ``refusals`` say why it cannot be done."""

    statements: tuple[str, ...]
    changes: tuple[str, ...]  # "table incidents", "column cases.corrected", for people
    refusals: tuple[str, ...]

    @property
    def current(self) -> bool:
        return not self.statements and not self.refusals


def tables_of(con: duckdb.DuckDBPyConnection) -> dict[str, Table]:
    """The base tables of the main schema with their columns in order."""
    creates = dict(con.execute("SELECT table_name, sql FROM duckdb_tables() "
                               "WHERE database_name = current_database() AND schema_name = 'main'").fetchall())
    columns: dict[str, list[Column]] = {name: [] for name in creates}
    for table, name, type_, default in con.execute(
            "SELECT table_name, column_name, data_type, column_default FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "ORDER BY table_name, column_index").fetchall():
        if table in columns:
            columns[table].append(Column(name, type_, default))
    return {name: Table(name, creates[name], tuple(columns[name])) for name in creates}


@cache
def expected_tables() -> dict[str, Table]:
    """The tables schema.sql makes, read by DuckDB itself (no SQL parsing here)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        return tables_of(con)
    finally:
        con.close()


def column_names(table: str) -> tuple[str, ...] | None:
    """The schema's column order of ``table`` (the order the loader builds rows in), None if not in it."""
    t = expected_tables().get(table)
    return tuple(c.name for c in t.columns) if t else None


@cache
def schema_fingerprint() -> str:
    """12 hex digits naming the schema's tables, columns and types: the ``schema_version.version``."""
    text = "\n".join(f"{t.name}.{c.name} {c.type}" for t in sorted(expected_tables().values(), key=lambda t: t.name)
                     for c in t.columns)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _add_column(table: str, c: Column) -> str:
    default = f" DEFAULT {c.default}" if c.default is not None else ""
    return f'ALTER TABLE {table} ADD COLUMN "{c.name}" {c.type}{default}'


def upgrade_plan(con: duckdb.DuckDBPyConnection) -> UpgradePlan:
    """Compare the warehouse with schema.sql: tables and columns to add, and types that differ."""
    have = tables_of(con)
    statements: list[str] = []
    changes: list[str] = []
    refusals: list[str] = []
    for name, table in expected_tables().items():
        if name not in have:
            statements.append(table.create)
            changes.append(f"table {name}")
            continue
        old = {c.name: c for c in have[name].columns}
        for c in table.columns:
            if c.name not in old:
                statements.append(_add_column(name, c))
                changes.append(f"column {name}.{c.name}")
            elif old[c.name].type != c.type:
                refusals.append(f"{name}.{c.name} is {old[c.name].type} here but {c.type} in this version")
    return UpgradePlan(tuple(statements), tuple(changes), tuple(refusals))


def _views() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in VIEWS]


def ensure_schema(con: duckdb.DuckDBPyConnection, db: str | Path, pipeline_version: str) -> UpgradePlan:
    """Create or upgrade the warehouse in one transaction, and recreate the views; return what was done.

    Raises LoadError (naming the file and the column) when the warehouse cannot
    be upgraded automatically; nothing is changed then.
    """
    plan = upgrade_plan(con)
    if plan.refusals:
        raise LoadError(str(db), "cannot upgrade this warehouse automatically: " + "; ".join(plan.refusals)
                        + "; ingest the PDFs into a new warehouse")
    con.execute("BEGIN TRANSACTION")
    try:
        for sql in plan.statements:
            con.execute(sql)
        con.execute(DATA_UPGRADES.read_text(encoding="utf-8"))
        for sql in _views():
            con.execute(sql)
        if plan.statements:
            fresh = len(plan.changes) == len(expected_tables())
            note = "created" if fresh else "added " + ", ".join(plan.changes)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?, ?)",
                        [schema_fingerprint(), pipeline_version, datetime.now(UTC).replace(tzinfo=None), note])
            if not fresh:
                log.warning("%s: upgraded the warehouse to this version's schema (%s)", db, note)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise LoadError(str(db), f"upgrading the warehouse failed, nothing changed ({exc})") from None
    return plan


def require_current(con: duckdb.DuckDBPyConnection, db: str | Path) -> None:
    """For read-only opens: a warehouse an earlier version made is refused with the command that upgrades it."""
    plan = upgrade_plan(con)
    if plan.current:
        return
    if plan.refusals:
        raise LoadError(str(db), "made by another version of the pipeline: " + "; ".join(plan.refusals))
    shown = ", ".join(plan.changes[:4]) + (f" and {len(plan.changes) - 4} more" if len(plan.changes) > 4 else "")
    raise LoadError(str(db), f"made by an earlier version of the pipeline (lacks {shown}); "
                             f"upgrade it with: {UPGRADE_COMMAND.format(db=db)}")

