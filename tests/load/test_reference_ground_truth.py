"""The born-digital reference report lands exactly as the ground truth says."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

TEXT_FIELDS = ("description", "recipient", "purpose", "legal_basis", "link_type", "department",
               "department_raw", "agency")


@pytest.fixture(scope="module")
def con(reference_warehouse):
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    yield con
    con.close()


def fetch_dicts(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def test_every_case_row_has_every_field_exact(con, ground_truth):
    got = {(r["criterion"], r["case_no"]): r for r in fetch_dicts(con, "SELECT * FROM cases")}
    expected = ground_truth["cases"]
    assert len(expected) == 434
    assert len(got) == 434, "one row per listed case"
    counts = {}
    for exp in expected:
        key = (exp["criterion"], int(exp["case_no"]))
        counts[exp["criterion"]] = counts.get(exp["criterion"], 0) + 1
        row = got[key]
        for field in TEXT_FIELDS:
            assert (row[field] or "") == exp[field], f"{key} {field}"
        assert row["sensitive"] is (exp["sensitive"] == "true"), key
        assert row["ordinance_sensitive"] is (exp["ordinance_sensitive"] == "true"), key
        assert row["page_no"] == int(exp["page_no"]), key
    assert counts == {"outsourcing": 319, "external_provision": 58, "online_link": 57}


def test_every_case_keeps_provenance(con):
    rows = fetch_dicts(con, "SELECT page_no, bbox, source, raw FROM cases")
    for row in rows:
        x0, top, x1, bottom = row["bbox"]
        assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 596
        assert row["source"] == "text"
        assert json.loads(row["raw"])["case_no"].strip().isdigit()


def test_all_24_summary_cells_exact(con, ground_truth):
    got = {(r["criterion"], r["agency"]): r for r in fetch_dicts(con, "SELECT * FROM review_counts")}
    assert len(got) == 24
    for exp in ground_truth["review_counts"]:
        row = got[(exp["criterion"], exp["agency"])]
        for field in ("reviewed", "sensitive", "ordinance_sensitive", "page_no"):
            assert row[field] == int(exp[field]), (exp["criterion"], exp["agency"], field)


def test_all_checks_pass(con):
    checks = fetch_dicts(con, "SELECT * FROM checks")
    # 4 criteria x 5 agencies x 2 flag rules, 4 x 3 total rows, 3 numbered lists
    assert len(checks) == 40 + 12 + 3
    assert [c for c in checks if not c["ok"]] == []


def test_document_facts(con, ground_truth):
    doc = fetch_dicts(con, "SELECT * FROM documents")
    assert len(doc) == 1
    exp = ground_truth["document"]
    assert doc[0]["report_no"] == exp["report_no"]
    assert doc[0]["title"] == exp["title"]
    assert doc[0]["publisher"] == exp["publisher"]
    assert doc[0]["as_of"] == date.fromisoformat(exp["as_of"])
    assert doc[0]["published_on"] == date.fromisoformat(exp["published_on"])
    assert doc[0]["file_name"] == "setagaya-2023-report359.pdf"
    assert doc[0]["page_count"] == 48


def test_raw_cells_hold_every_table_cell(con):
    # 7 tables: 4 summaries of 7x4, lists of 320x6, 59x8, 58x7 (header row included)
    n = con.execute("SELECT count(*) FROM raw_cells").fetchone()[0]
    assert n == 4 * 7 * 4 + 320 * 6 + 59 * 8 + 58 * 7
    spread = con.execute(
        "SELECT text FROM raw_cells WHERE table_no = 3 AND row_no = 1 AND col_no = 1").fetchone()[0]
    assert spread == "1 2 9", "raw cells keep the printed text"
