"""The case_changes view over two consecutive reports."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.load.migrate import CASE_CHANGES


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE documents (doc_id VARCHAR, as_of DATE, publisher VARCHAR, municipality VARCHAR,"
        " best_copy BOOLEAN)"
    )
    con.execute(
        "CREATE TABLE cases (doc_id VARCHAR, criterion VARCHAR, case_no INTEGER, family_id VARCHAR,"
        " sensitive BOOLEAN, ordinance_sensitive BOOLEAN)"
    )
    con.execute(
        "CREATE TABLE case_families (family_id VARCHAR, criterion VARCHAR, canonical_description VARCHAR)"
    )
    con.execute(
        "INSERT INTO documents (doc_id, as_of, publisher, municipality) VALUES"
        " ('d2023', '2023-04-01', '総務部区政情報課', '世田谷区'),"
        " ('d2024', '2024-04-01', '総務部区政情報課', '世田谷区'),"
        " ('incident', '2023-09-01', '総務部区政情報課', '世田谷区'),"  # no cases: not in the chain
        " ('other', '2024-04-01', 'x', '杉並区')"
    )
    con.execute(
        "INSERT INTO cases VALUES"
        " ('d2023', 'outsourcing', 1, 'famA', true, false),"
        " ('d2023', 'outsourcing', 2, 'famA', true, false),"
        " ('d2023', 'outsourcing', 3, 'famB', true, false),"
        " ('d2023', 'outsourcing', 4, 'famC', true, false),"
        " ('d2024', 'outsourcing', 1, 'famA', true, false),"
        " ('d2024', 'outsourcing', 2, 'famB', true, true),"
        " ('d2024', 'outsourcing', 3, 'famD', false, true),"
        " ('d2024', 'outsourcing', 4, NULL, true, true),"
        " ('other', 'outsourcing', 1, 'famZ', true, true)"
    )
    con.execute(
        "INSERT INTO case_families VALUES ('famA', 'outsourcing', 'A'), ('famB', 'outsourcing', 'B'),"
        " ('famC', 'outsourcing', 'C'), ('famD', 'outsourcing', 'D')"
    )
    con.execute(CASE_CHANGES.read_text(encoding="utf-8"))
    return con


def test_appeared_disappeared_and_flags_changed(con):
    rows = con.execute(
        "SELECT municipality, criterion, family_id, from_doc_id, to_doc_id, change, detail"
        " FROM case_changes ORDER BY family_id"
    ).fetchall()
    assert rows == [
        (
            "世田谷区",
            "outsourcing",
            "famB",
            "d2023",
            "d2024",
            "flags_changed",
            "ordinance_sensitive false -> true",
        ),
        ("世田谷区", "outsourcing", "famC", "d2023", "d2024", "disappeared", "1 case(s): C"),
        ("世田谷区", "outsourcing", "famD", "d2023", "d2024", "appeared", "1 case(s): D"),
    ]


def test_a_family_listed_fewer_times_with_the_same_flags_is_not_a_change(con):
    assert con.execute("SELECT count(*) FROM case_changes WHERE family_id = 'famA'").fetchone() == (0,)
