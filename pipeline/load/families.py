"""Case families at load time: they depend on the families the warehouse already holds.

Runs inside the document's transaction: read the municipality's families,
assign this document's cases (existing ids are never renumbered, so
re-ingesting a document or adding a new one keeps every id), write the new
and grown families, and recount members from the cases table so a forced
re-ingest does not count a document twice.
"""

from __future__ import annotations

import dataclasses

import duckdb

from pipeline.load.rows import insert_rows
from pipeline.match.apply import cases_with_families, family_inputs
from pipeline.match.departments import Department
from pipeline.match.families import Family, assign_families
from pipeline.types import DocumentResult


def existing_families(con: duckdb.DuckDBPyConnection, municipality: str | None) -> list[Family]:
    rows = con.execute(
        "SELECT family_id, criterion, canonical_description, member_count, bureau FROM case_families "
        "WHERE municipality IS NOT DISTINCT FROM ?", [municipality]).fetchall()
    return [Family(*row) for row in rows]


def with_families(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> tuple[DocumentResult, list[Family]]:
    """The result with family_id on every case, and the families to (re)write."""
    municipality = result.info.municipality
    departments: dict[str, Department] = {
        d.department_id: d for d in result.departments if isinstance(d, Department)
    }
    inputs = family_inputs(result.doc_id, result.cases, departments)
    assignment = assign_families(inputs, existing_families(con, municipality), namespace=municipality or "")
    cases = cases_with_families(result.doc_id, result.cases, assignment)
    return dataclasses.replace(result, cases=tuple(cases)), list(assignment.families)


def write_families(con: duckdb.DuckDBPyConnection, families: list[Family], municipality: str | None) -> None:
    rows = [(f.family_id, f.criterion, f.canonical_description, f.member_count, f.bureau, municipality)
            for f in families]
    if rows:
        con.execute("DELETE FROM case_families WHERE list_contains(?, family_id)", [[r[0] for r in rows]])
        insert_rows(con, "case_families", rows)
    con.execute("UPDATE case_families SET member_count = n FROM "
                "(SELECT family_id, count(*) AS n FROM cases GROUP BY family_id) AS m "
                "WHERE m.family_id = case_families.family_id AND case_families.member_count <> m.n")
