"""Bulk inserts into DuckDB from Python rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from pipeline.load.migrate import column_names

Row = tuple[Any, ...]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Row]) -> None:
    """Insert column-wise: one list parameter per column, unnested by DuckDB in one statement.

    Binding a few lists is far cheaper than thousands of scalar parameters
    (multi-row VALUES) or one statement per row (executemany).
    """
    if not rows:
        return
    columns = [list(col) for col in zip(*rows)]
    names = column_names(table)
    if names is None or len(names) != len(columns):
        select = ", ".join(f"UNNEST(?::{_list_type(col)})" for col in columns)
        con.execute(f"INSERT INTO {table} SELECT {select}", columns)
        return
    # by name: a warehouse an earlier version made has its added columns at the end
    select = ", ".join(f'UNNEST(?::{_list_type(col)}) AS "{name}"' for col, name in zip(columns, names))
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select}", columns)


def _list_type(values: list[Any]) -> str:
    """The DuckDB list type for a column's Python values (NULLs take the first non-NULL's type)."""
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, bool):
        return "BOOLEAN[]"
    if isinstance(sample, int):
        return "BIGINT[]"
    if isinstance(sample, float):
        return "DOUBLE[]"
    if isinstance(sample, datetime):
        return "TIMESTAMP[]"
    if isinstance(sample, date):
        return "DATE[]"
    if isinstance(sample, list):
        inner = next((x for x in sample if x is not None), "")
        return "DOUBLE[][]" if isinstance(inner, float | int) else "VARCHAR[][]"
    return "VARCHAR[]"
