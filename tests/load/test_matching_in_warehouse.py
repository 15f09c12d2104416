"""Departments and families as the warehouse holds them after the reference ingest."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(reference_warehouse):
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    yield con
    con.close()


def test_every_case_has_a_department_id_from_the_table(con):
    assert con.execute("SELECT count(*) FROM cases WHERE department_id IS NULL").fetchone()[0] == 0
    orphans = con.execute(
        "SELECT count(*) FROM cases c LEFT JOIN departments d USING (department_id) WHERE d.name IS NULL"
    ).fetchone()[0]
    assert orphans == 0


def test_department_ids_agree_with_department_names(con):
    # one id per normalized name, one name per id: no two departments merged, none split
    rows = con.execute(
        "SELECT count(DISTINCT department_id), count(DISTINCT department), "
        "count(DISTINCT (department_id, department)) FROM cases").fetchone()
    assert rows[0] == rows[1] == rows[2]


def test_five_branch_offices_copies_are_one_family(con):
    rows = con.execute(
        "SELECT family_id, department FROM cases "
        "WHERE description = '生活保護システム関連帳票出力及び封入封緘業務委託'").fetchall()
    branches = {dept[:2] for _, dept in rows}
    assert len(rows) == 5 and branches == {"世田", "北沢", "玉川", "砧総", "烏山"}
    assert len({fam for fam, _ in rows}) == 1
    count = con.execute("SELECT member_count FROM case_families WHERE family_id = ?", [rows[0][0]]).fetchone()[0]
    assert count == 5


def test_a_list_that_repeats_a_number_still_loads(tmp_path):
    """A misprinted or misread list can repeat a case number: a finding, never a failed load."""
    import dataclasses

    from pipeline.load.warehouse import connect, load_document
    from pipeline.run import process_bytes
    from tests.conftest import REFERENCE_PDF

    result = process_bytes(REFERENCE_PDF.read_bytes(), "r.pdf")
    cases = list(result.cases)
    cases[1] = dataclasses.replace(cases[1], case_no=cases[0].case_no)
    con = connect(tmp_path / "w.duckdb")
    try:
        load_document(con, dataclasses.replace(result, cases=tuple(cases)))
        assert con.execute("SELECT count(*) FROM cases WHERE family_id IS NULL").fetchone()[0] == 0
    finally:
        con.close()
