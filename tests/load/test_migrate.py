"""A warehouse made by the previous release is upgraded on open, and every documented query still answers.

The old warehouse is rebuilt from the dump dev/build_old_warehouse.py made
with that release's own code (tests/load/fixtures/warehouse-ceceb85). Expected
counts come from the ground truth CSVs, not from the pipeline.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipeline.errors import LoadError
from pipeline.load.migrate import expected_tables, schema_fingerprint, upgrade_plan
from pipeline.load.warehouse import connect
from tests.conftest import CORPUS, GROUND_TRUTH, ROOT, read_csv

OLD_DUMP = Path(__file__).parent / "fixtures" / "warehouse-ceceb85"
NERIMA = CORPUS / "pdf" / "nerima-2024-incident.pdf"


def old_warehouse(path: Path, *statements: str) -> Path:
    """The previous release's warehouse at ``path``, then ``statements`` to make it older still."""
    con = duckdb.connect(str(path))
    try:
        con.execute((OLD_DUMP / "schema.sql").read_text(encoding="utf-8"))
        load = (OLD_DUMP / "load.sql").read_text(encoding="utf-8")
        con.execute(re.sub(r"FROM '([^']+\.parquet)'", lambda m: f"FROM '{OLD_DUMP / m.group(1)}'", load))
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
    return path


def expected_cases(folder: Path) -> Counter[str]:
    return Counter(row["criterion"] for p in folder.glob("cases_*.csv") for row in read_csv(p))


def sql_blocks(path: Path) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_old_warehouse_lacks_what_this_version_adds(tmp_path):
    con = duckdb.connect(str(old_warehouse(tmp_path / "old.duckdb")), read_only=True)
    try:
        plan = upgrade_plan(con)
    finally:
        con.close()
    assert "table schema_version" in plan.changes and not plan.refusals


def test_a_read_only_open_refuses_with_the_command_that_upgrades(tmp_path):
    db = old_warehouse(tmp_path / "old.duckdb")
    with pytest.raises(LoadError, match=r"earlier version .*\(lacks (table|column) .*\); upgrade it with: "
                                        r"kaiji upgrade --db .*old\.duckdb"):
        connect(db, read_only=True)


def test_opening_upgrades_and_every_documented_query_answers(tmp_path):
    db = old_warehouse(tmp_path / "old.duckdb")
    connect(db).close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert upgrade_plan(con).current
        [(version, changes)] = con.execute("SELECT version, changes FROM schema_version").fetchall()
        assert version == schema_fingerprint() and "table schema_version" in changes
        by_file = dict(con.execute("SELECT file_name, doc_id FROM documents").fetchall())
        for name, folder in (("setagaya-2023-report359.pdf", GROUND_TRUTH),
                             ("setagaya-2021-edited.pdf", CORPUS / "ground_truth" / "setagaya-2021-edited")):
            got = Counter(dict(con.execute("SELECT criterion, count(*) FROM cases WHERE doc_id = ? GROUP BY 1",
                                           [by_file[name]]).fetchall()))
            assert got == expected_cases(folder)
        assert con.execute("SELECT count(*) FROM case_changes").fetchone()[0] > 0  # the views were recreated
        blocks = sql_blocks(ROOT / "docs" / "schema.md")
        assert len(blocks) >= 4
        for sql in blocks:
            con.execute(sql).fetchall()
    finally:
        con.close()
    connect(db, read_only=True).close()  # current now: a read-only open is fine


def test_columns_and_tables_an_older_version_lacked_are_added_and_loading_fills_them_by_name(tmp_path):
    from pipeline.cli import main

    # older still: a column in the middle of cases, a whole table gone
    db = old_warehouse(tmp_path / "older.duckdb", "ALTER TABLE cases DROP COLUMN department_raw",
                       "ALTER TABLE incidents DROP COLUMN notes", "DROP TABLE incident_sections")
    assert main(["--quiet", "--force", "--db", str(db), str(NERIMA), str(CORPUS / "pdf" / "setagaya-2023-report359.pdf")]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'cases' "
                                             "ORDER BY column_index").fetchall()]
        assert columns[-1] == "department_raw"  # added at the end, where ALTER TABLE puts it
        assert {t for t in expected_tables()} <= {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        truth = {(r["criterion"], int(r["case_no"])): r["department_raw"]
                 for p in GROUND_TRUTH.glob("cases_*.csv") for r in read_csv(p)}
        rows = con.execute("SELECT c.criterion, c.case_no, c.department_raw FROM cases c JOIN documents d USING "
                           "(doc_id) WHERE d.file_name = 'setagaya-2023-report359.pdf'").fetchall()
        assert len(rows) == len(truth)
        assert sum(truth[(c, n)] == raw for c, n, raw in rows) == len(truth)  # each value in its own column
        assert con.execute("SELECT count(*) FROM incident_sections").fetchone()[0] > 0
        [(changes,)] = con.execute("SELECT changes FROM schema_version").fetchall()
        assert "column cases.department_raw" in changes and "table incident_sections" in changes
    finally:
        con.close()


def test_a_changed_column_type_is_refused_and_nothing_changes(tmp_path):
    db = old_warehouse(tmp_path / "old.duckdb", "ALTER TABLE pages ALTER COLUMN width TYPE VARCHAR")
    with pytest.raises(LoadError, match=r"cannot upgrade this warehouse automatically: pages\.width is VARCHAR"):
        connect(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert "schema_version" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    finally:
        con.close()


def test_export_and_report_refuse_an_old_warehouse_with_the_upgrade_command(tmp_path):
    from pipeline.outputs.export import ExportError, open_warehouse

    db = old_warehouse(tmp_path / "old.duckdb")
    with pytest.raises(ExportError, match=r"upgrade it with: kaiji upgrade --db "):
        open_warehouse(db)


def test_kaiji_upgrade_says_what_it_added_then_that_nothing_is_left(tmp_path, capsys):
    from pipeline.cli.tree import main

    db = old_warehouse(tmp_path / "old.duckdb", "ALTER TABLE cases DROP COLUMN correction_source")
    assert main(["show", "--db", str(db)]) == 2
    assert "upgrade it with: kaiji upgrade --db" in capsys.readouterr().err
    con = duckdb.connect(str(db), read_only=True)
    try:
        changes = upgrade_plan(con).changes
    finally:
        con.close()
    assert {"column cases.correction_source", "table schema_version"} <= set(changes)
    assert main(["upgrade", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == (f"{db}: upgraded to schema {schema_fingerprint()}: added "
                                               + ", ".join(changes))
    assert main(["upgrade", "--db", str(db)]) == 0
    assert "already at this version's schema" in capsys.readouterr().out
    assert main(["show", "--db", str(db)]) == 0


def test_unscoped_new_department_ids_are_scoped_by_municipality_on_open(tmp_path):
    """A warehouse of the time before new departments were scoped: 練馬区's and 杉並区's 「総務課」
    shared 'new:' + sha1('総務課')[:10] and one departments row (the last ward's). Opening it gives
    each ward its own id and row, points each case at its ward's, and changes nothing the second time."""
    import hashlib

    from pipeline.match.departments import new_department_id

    old = "new:" + hashlib.sha1("総務課".encode()).hexdigest()[:10]
    orphan = "new:" + hashlib.sha1("広報課".encode()).hexdigest()[:10]
    db = tmp_path / "w.duckdb"
    connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO documents (doc_id, file_name, sha256, municipality) VALUES "
                "('d1', 'a.pdf', 'a', '練馬区'), ('d2', 'b.pdf', 'b', '杉並区'), ('d3', 'c.pdf', 'c', NULL)")
    con.execute("INSERT INTO cases (doc_id, criterion, case_no, department, department_id) VALUES "
                f"('d1', 'outsourcing', 1, '総務課', '{old}'), ('d2', 'outsourcing', 1, '総務課', '{old}'), "
                f"('d2', 'outsourcing', 2, '総務課', '{old}'), ('d3', 'outsourcing', 1, '総務課', '{old}'), "
                "('d1', 'outsourcing', 2, '区長室', 'setagaya-001')")
    con.execute("INSERT INTO departments VALUES "
                f"('{old}', '総務課', NULL, NULL, NULL, '総務課', '杉並区', true), "
                f"('{orphan}', '広報課', NULL, NULL, NULL, '広報課', '練馬区', true), "
                "('setagaya-001', '区長室', NULL, NULL, NULL, '区長室', '世田谷区', false)")
    con.close()

    expected_cases = [("d1", 1, new_department_id("総務課", "練馬区")), ("d1", 2, "setagaya-001"),
                      ("d2", 1, new_department_id("総務課", "杉並区")), ("d2", 2, new_department_id("総務課", "杉並区")),
                      ("d3", 1, new_department_id("総務課", "unknown"))]
    expected_departments = sorted([
        (new_department_id("総務課", "練馬区"), "総務課", "練馬区", True),
        (new_department_id("総務課", "杉並区"), "総務課", "杉並区", True),
        (new_department_id("総務課", "unknown"), "総務課", None, True),
        (new_department_id("広報課", "練馬区"), "広報課", "練馬区", True),
        ("setagaya-001", "区長室", "世田谷区", False)])
    for _ in range(2):  # the second open finds nothing of that era left
        connect(db).close()
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT doc_id, case_no, department_id FROM cases ORDER BY 1, 2").fetchall() == expected_cases
        assert sorted(con.execute("SELECT department_id, name, municipality, flagged_new FROM departments")
                      .fetchall()) == expected_departments
        con.close()


def test_the_previous_releases_new_departments_are_scoped_on_open(tmp_path):
    """The previous release's warehouse holds one unscoped new department; after the upgrade every
    case's new id is its document's municipality's and names a departments row."""
    db = old_warehouse(tmp_path / "old.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT count(*) FROM cases c JOIN departments d USING (department_id) "
                         "WHERE d.department_id = 'new:' || left(sha1(d.name), 10)").fetchone()
    con.close()
    assert before is not None and before[0] > 0  # the fixture has cases of that era to move
    connect(db).close()
    con = duckdb.connect(str(db), read_only=True)
    scoped = "'new:' || left(sha1(coalesce(nullif(doc.municipality, ''), 'unknown') || chr(10) || d.name), 10)"
    rows = con.execute(f"SELECT c.department_id = {scoped} FROM cases c JOIN documents doc USING (doc_id) "
                       "LEFT JOIN departments d USING (department_id) WHERE c.department_id LIKE 'new:%'").fetchall()
    con.close()
    assert len(rows) == before[0] and all(ok for (ok,) in rows)
