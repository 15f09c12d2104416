"""The README's commands and the documented queries actually run."""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT


def sql_blocks(path) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_schema_doc_queries_run_on_the_reference_warehouse(reference_warehouse):
    blocks = sql_blocks(ROOT / "docs" / "schema.md")
    assert len(blocks) >= 4
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    try:
        first = con.execute(blocks[0]).fetchall()
        assert first and all(row[3] <= row[2] for row in first)
        for sql in blocks[1:]:
            con.execute(sql).fetchall()
    finally:
        con.close()


def test_schema_doc_names_every_warehouse_column(reference_warehouse):
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall()
    finally:
        con.close()
    missing = [f"{t}.{c}" for t, c in columns if c not in doc]
    assert missing == []


@pytest.mark.parametrize("script", ["ingest.py", "show_warehouse.py", "build_ground_truth.py", "build_corpus.py",
                                    "bench.py", "export.py", "report.py", "cite.py", "build_edited_version.py",
                                    "score_warehouse.py", "build_producers.py", "bench_producers.py"])
def test_every_script_help_runs(script):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--help"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.MULTILINE) and re.search(r"^test:", makefile, re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
