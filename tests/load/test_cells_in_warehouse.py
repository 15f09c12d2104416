"""`cells` holds every table of the reference report, recognized ones too, with values equal to the ground truth."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import GROUND_TRUTH, read_csv


@pytest.fixture(scope="module")
def con(reference_warehouse):  # type: ignore[no-untyped-def]
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    yield con
    con.close()


def test_every_table_of_raw_cells_is_in_cells(con) -> None:  # type: ignore[no-untyped-def]
    raw = {r[0] for r in con.execute("SELECT DISTINCT table_no FROM raw_cells").fetchall()}
    tidy = {r[0] for r in con.execute("SELECT DISTINCT table_no FROM cells").fetchall()}
    assert raw and raw == tidy


def test_summary_values_in_cells_equal_the_ground_truth(con) -> None:  # type: ignore[no-untyped-def]
    """Each summary row (agency; 審査件数, うち要配慮, うち条例要配慮) read from `cells` alone."""
    rows = con.execute("""
        SELECT table_no, row_path[1] AS agency,
               max(value) FILTER (WHERE col_path[1] = '審査件数') AS reviewed,
               max(value) FILTER (WHERE col_path[1] LIKE 'うち、要配慮%') AS sensitive,
               max(value) FILTER (WHERE col_path[1] LIKE 'うち、条例要配慮%') AS ordinance
        FROM cells WHERE role = 'value' AND len(row_path) = 1
        GROUP BY ALL HAVING reviewed IS NOT NULL""").fetchall()
    got = sorted((agency, int(a), int(b), int(c)) for _, agency, a, b, c in rows)
    truth = sorted((r["agency"], int(r["reviewed"]), int(r["sensitive"]), int(r["ordinance_sensitive"]))
                   for r in read_csv(GROUND_TRUTH / "review_counts.csv"))
    assert got == truth
    totals = con.execute("SELECT count(*) FROM cells WHERE row_total = '合計' AND role = 'value'").fetchone()[0]
    assert totals == 4 * 3  # the 合計 row of each summary table, marked in its 3 columns
