"""Every table and view to CSV (UTF-8 + BOM) and Parquet, read back equal row for row."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.outputs.export import (
    BOM,
    ExportError,
    columns,
    export_warehouse,
    open_warehouse,
    relations,
    select_sql,
)
from pipeline.outputs.schema_doc import RelationDoc, describe_relations, parse_markdown
from tests.outputs.conftest import ROOT

EXPECTED = {"documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings", "departments",
            "case_families", "case_changes", "incidents", "incident_events", "incident_sections", "review_items"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, warehouse):
    out = tmp_path_factory.mktemp("export")
    return out, {r.name: r for r in export_warehouse(warehouse, out)}


def read_back_csv(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> list[tuple]:
    """DuckDB's reader with the table's own column types; quoted "" stays an empty string."""
    types = "{" + ", ".join(f"'{c.name}': '{c.type}'" for c in columns(con, name)) + "}"
    return con.execute(f"SELECT * FROM read_csv('{path}', header = true, columns = {types}, "
                       "allow_quoted_nulls = false)").fetchall()


def test_every_table_and_view_is_exported_in_both_formats(exported):
    out, rels = exported
    assert EXPECTED <= set(rels)
    for name in EXPECTED:
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()
    assert rels["case_changes"].kind == "view" and rels["cases"].kind == "table"
    assert rels["cases"].rows > 800


def test_csv_has_a_bom_and_reads_back_equal_to_the_table(exported, warehouse):
    out, rels = exported
    con = open_warehouse(warehouse)
    try:
        for name, kind in relations(con):
            raw = (out / f"{name}.csv").read_bytes()
            assert raw.startswith(BOM), name
            # what Excel / Python see: the header row is the column names, one data row per table row
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
            assert rows[0] == [c.name for c in columns(con, name)]
            assert len(rows) - 1 == rels[name].rows
            assert read_back_csv(con, out / f"{name}.csv", name) == con.execute(select_sql(name, kind)).fetchall(), name
    finally:
        con.close()


def test_parquet_reads_back_equal_to_the_table(exported, warehouse):
    out, _ = exported
    con = open_warehouse(warehouse)
    try:
        for name, kind in relations(con):
            back = con.execute(f"SELECT * FROM '{out / (name + '.parquet')}'").fetchall()
            assert back == con.execute(select_sql(name, kind)).fetchall(), name
    finally:
        con.close()


def test_awkward_values_survive_the_csv(tmp_path):
    """Empty vs NULL, commas, quotes, newlines, Japanese, lists, JSON."""
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (s VARCHAR, b DOUBLE[], j JSON, ok BOOLEAN)")
    con.execute("""INSERT INTO t VALUES ('', [1.5, 2.25], '{"a": "有"}', true), (NULL, NULL, NULL, NULL),
                   ('a,"b"' || chr(10) || '世田谷区　生活支援課', [], '[]', false)""")
    con.close()
    export_warehouse(db, tmp_path / "out")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert read_back_csv(con, tmp_path / "out" / "t.csv", "t") == con.execute("SELECT * FROM t").fetchall()
    finally:
        con.close()


def test_readme_lists_every_file_and_column_with_meanings_from_the_schema_doc(exported, warehouse):
    out, rels = exported
    readme = (out / "README.md").read_text(encoding="utf-8")
    for rel in rels.values():
        assert f"`{rel.name}.csv`" in readme and f"## {rel.name}" in readme
        section = readme.split(f"## {rel.name}", 1)[1].split("\n## ", 1)[0]
        for col in rel.columns:
            assert f"| {col.name} | {col.type} |" in section
    # the meanings are docs/schema.md's words, not a second list
    assert "| department_raw | VARCHAR | 担当部課 as printed |" in readme
    assert "| row_no | INTEGER | 0 = header |" in readme
    assert "| detail | VARCHAR |" in readme.split("## review_items", 1)[1]


def test_schema_doc_parser_reads_tables_inline_lists_and_ddl_comments():
    md = ("## things — one row per thing\n\nIntro text.\n\n| column | meaning |\n|---|---|\n"
          "| a, b | shared meaning |\n\n## other, more (view) — x\n\n`c, d (what d is), e[]`: prose.\n")
    docs = parse_markdown(md)
    assert docs["things"].columns == {"a": "shared meaning", "b": "shared meaning"}
    assert docs["things"].summary == "one row per thing" and docs["things"].text == "Intro text."
    assert docs["more"].columns == {"c": "", "d": "what d is", "e": "list"}
    real = describe_relations()
    assert real["pages"].columns["reason"]  # inline list in schema.md, comment in schema.sql
    assert real["review_items"].columns["kind"]  # docs/outputs.md


def test_readme_follows_the_docs_when_they_change():
    from pipeline.outputs.export import Column, ExportedRelation, readme

    rel = ExportedRelation("cases", "table", 1, (Column("case_no", "INTEGER"),), (Path("cases.csv"),))
    text = readme([rel], "w.duckdb", {"cases": RelationDoc("cases", "each case", "", {"case_no": "printed No"})})
    assert "| case_no | INTEGER | printed No |" in text and "## cases — each case" in text


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match=r"no such warehouse; ingest first"):
        export_warehouse(tmp_path / "nope.duckdb", tmp_path / "out")


def test_export_cli(tmp_path, warehouse):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "export.py"), "--db", str(warehouse), "--out",
                          str(tmp_path / "x"), "--format", "csv", "--quiet"], check=False, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "exported" in out.stdout and (tmp_path / "x" / "cases.csv").exists()
    assert not (tmp_path / "x" / "cases.parquet").exists()
    bad = subprocess.run([sys.executable, str(ROOT / "scripts" / "export.py"), "--db", str(tmp_path / "no.duckdb"),
                          "--out", str(tmp_path / "y")], check=False, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "no such warehouse" in bad.stderr


def test_a_relation_in_two_docs_takes_meanings_from_both(tmp_path):
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("## review_items (view) — what needs a look\n\n`doc_id, kind`: see b.\n", encoding="utf-8")
    b.write_text("## review_items — other words\n\n| column | meaning |\n|---|---|\n| kind | why |\n", encoding="utf-8")
    doc = describe_relations((a, b), tmp_path / "none.sql")["review_items"]
    assert doc.summary == "what needs a look" and doc.columns == {"doc_id": "", "kind": "why"}
