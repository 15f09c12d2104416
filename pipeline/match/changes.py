"""The SQL of the ``case_changes`` view (case_changes.sql), for the load stage to run."""

from __future__ import annotations

from pathlib import Path

CASE_CHANGES_SQL = Path(__file__).with_name("case_changes.sql")


def case_changes_sql() -> str:
    """``CREATE OR REPLACE VIEW case_changes AS …`` (DuckDB)."""
    return CASE_CHANGES_SQL.read_text(encoding="utf-8")
