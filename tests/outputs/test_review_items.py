"""review_items: one row per thing a person should look at, each kind from planted rows."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.load.warehouse import ensure_schema
from pipeline.outputs.export import REVIEW_ITEMS_SQL, ensure_review_items


@pytest.fixture
def con():
    con = duckdb.connect()
    ensure_schema(con)
    con.execute(REVIEW_ITEMS_SQL.read_text(encoding="utf-8"))
    case = ("INSERT INTO cases (doc_id, criterion, case_no, description, department_id, page_no, source, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    con.execute(case, ["d1", "outsourcing", 1, "帳票の印刷", "reg:1", 3, "ocr", 0.62])
    con.execute(case, ["d1", "outsourcing", 2, "封入封緘", "reg:1", 3, "ocr", 0.80])  # at the threshold: fine
    con.execute(case, ["d1", "online_link", 5, "接続", "new:abc", 9, "text", None])
    con.execute(case, ["d1", "online_link", 7, "接続", "new:abc", 10, "text", None])
    con.execute("INSERT INTO departments VALUES ('reg:1', '総務部区政情報課', NULL, '総務部', NULL, '区政情報課', "
                "'世田谷区', false), ('new:abc', '政策経営部ICT推進課', NULL, NULL, NULL, NULL, '世田谷区', true)")
    con.execute("INSERT INTO review_counts (doc_id, criterion, agency, page_no) VALUES ('d1', 'outsourcing', '区長', 1)")
    con.execute("INSERT INTO checks (doc_id, rule, criterion, agency, expected, actual, ok, detail) VALUES ('d1', 'sensitive_count', 'outsourcing', '区長', 310, 309, false, NULL), "
                "('d1', 'numbering', 'online_link', NULL, 2, 7, false, 'gaps [1, 2, 3, 4, 6] repeats []'), "
                "('d1', 'numbering', 'outsourcing', NULL, 2, 2, true, NULL)")
    con.execute("INSERT INTO findings (doc_id, kind, page_no, detail) VALUES ('d1', 'stale_correction', 4, 'outsourcing No.12: description correction "
                "x.toml#1 not applied: …'), ('d1', 'unreadable_flag', 6, 'a 有/無 that is neither')")
    yield con
    con.close()


def items(con):
    return con.execute("SELECT kind, criterion, case_no, page_no, detail FROM review_items "
                       "ORDER BY kind, criterion, case_no").fetchall()


def test_every_kind_is_listed_with_where_to_look(con):
    got = {(k, c, n, p) for k, c, n, p, _ in items(con)}
    assert got == {
        ("low_confidence", "outsourcing", 1, 3),
        ("new_department", "online_link", 5, 9),
        ("check_failed", "outsourcing", None, 1),
        ("numbering", "online_link", None, 9),
        ("stale_correction", "outsourcing", 12, 4),
        ("unreadable_flag", None, None, 6),
    }


def test_details_say_what_is_wrong(con):
    detail = {k: d for k, _, _, _, d in items(con)}
    assert detail["low_confidence"] == "confidence 0.62 (ocr) < 0.80: 帳票の印刷"
    assert detail["new_department"].startswith("政策経営部ICT推進課 (new:abc): 2 case(s)")
    assert detail["check_failed"] == "sensitive_count 区長: expected 310, actual 309"
    assert detail["numbering"] == "numbering: expected 2, actual 7 (gaps [1, 2, 3, 4, 6] repeats [])"


def test_columns_are_the_contract(con):
    assert con.sql("SELECT * FROM review_items").columns == ["doc_id", "kind", "criterion", "case_no", "page_no",
                                                              "detail"]


def test_a_read_only_warehouse_gets_it_as_a_temporary_view(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    ensure_schema(con)
    con.execute("DROP VIEW review_items")  # a warehouse made before the view existed
    con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        ensure_review_items(con)
        assert con.execute("SELECT count(*) FROM review_items").fetchone() == (0,)
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)  # and nothing was written to the file
    try:
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'review_items'").fetchone() == (0,)
    finally:
        con.close()


def test_a_check_not_computed_is_its_own_kind(con):
    con.execute("INSERT INTO checks (doc_id, rule, criterion, agency, expected, actual, ok, detail, status) VALUES "
                "('d1', 'total_row', 'external_provision', '合計', 4, 4, NULL, "
                "'reviewed: not computed: summary row(s) 農業委員会 could not be read', 'not_computed')")
    got = [row for row in items(con) if row[0] in ("check_failed", "check_not_computed")]
    assert [(k, c) for k, c, *_ in got] == [("check_failed", "outsourcing"),
                                           ("check_not_computed", "external_provision")]
