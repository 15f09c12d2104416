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
from pipeline.match.families import Family, FamilyInput, assign_families
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
    replace_families(con, [(f, municipality) for f in families])
    recount_members(con)


def replace_families(con: duckdb.DuckDBPyConnection, families: list[tuple[Family, str | None]]) -> None:
    """Write (family, municipality) pairs over the rows of the same family ids."""
    rows = [(f.family_id, f.criterion, f.canonical_description, f.member_count, f.bureau, municipality)
            for f, municipality in families]
    if rows:
        con.execute("DELETE FROM case_families WHERE list_contains(?, family_id)", [[r[0] for r in rows]])
        insert_rows(con, "case_families", rows)


def recount_members(con: duckdb.DuckDBPyConnection) -> None:
    """member_count from the cases table, so a forced re-ingest does not count a document twice."""
    con.execute("UPDATE case_families SET member_count = n FROM "
                "(SELECT family_id, count(*) AS n FROM cases GROUP BY family_id) AS m "
                "WHERE m.family_id = case_families.family_id AND case_families.member_count <> m.n")


class FamilyBook:
    """The families of the municipalities a bulk load touches, read once and grown document by document.

    Loading N documents of a municipality in one transaction assigns them in the
    given order, each against the families known before it (the warehouse's and
    those the earlier documents added), exactly as N single-document loads would;
    old cases are never re-scored, only new items against family leaders.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.known: dict[str | None, dict[str, Family]] = {}
        self.touched: dict[str, tuple[Family, str | None]] = {}

    def assign(self, municipality: str | None, inputs: list[FamilyInput]) -> dict[str, str]:
        """key -> family_id for one document's inputs."""
        known = self.known.get(municipality)
        if known is None:
            known = self.known[municipality] = {f.family_id: f for f in existing_families(self.con, municipality)}
        assignment = assign_families(inputs, list(known.values()), namespace=municipality or "")
        for f in assignment.families:
            known[f.family_id] = f
            self.touched[f.family_id] = (f, municipality)
        return assignment.assignments

    def write(self) -> None:
        """Write the families added or grown (member counts: ``recount_members`` once the cases are in)."""
        replace_families(self.con, list(self.touched.values()))
