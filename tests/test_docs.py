"""The README's commands and the documented queries actually run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
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


# the user aliases; every dev tool's --help runs in tests/test_dev_tools.py
@pytest.mark.parametrize("script", ["ingest.py", "show_warehouse.py", "export.py", "report.py", "cite.py",
                                    "debug_page.py"])
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


def readme_commands() -> list[str]:
    """Every line of the README's sh blocks that runs the console script (`make` lines set the machine up)."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.startswith(".venv/bin/kaiji")]


def as_argv(line: str) -> list[str]:
    """`.venv/bin/kaiji …  # comment` -> this interpreter running the same console script."""
    argv = shlex.split(line, comments=True)
    return [sys.executable, "-m", "pipeline.cli", *argv[1:]]


def test_the_readme_uses_the_console_script_for_every_user_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subcommands = {shlex.split(line, comments=True)[1] for line in readme_commands()}
    assert subcommands >= {"--help", "ingest", "show", "query", "export", "report", "cite", "debug-page", "upgrade"}
    assert ".venv/bin/python scripts/" not in readme  # the scripts are aliases now, not what users are told


def test_every_readme_command_runs_in_order(tmp_path, reference_warehouse):
    """Each `kaiji` line of the README, verbatim, from a folder that has the corpus, as a user would.

    The default warehouse.duckdb stands for what `make demo` made (the reference ingested).
    """
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    shutil.copyfile(reference_warehouse, tmp_path / "warehouse.duckdb")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ran = []
    for line in readme_commands():
        out = subprocess.run(as_argv(line), capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env,
                             check=False)
        assert out.returncode == 0, f"{line}\n{out.stdout}\n{out.stderr}"
        ran.append(line)
    assert len(ran) >= 10
    assert (tmp_path / "city.duckdb").exists() and (tmp_path / "out" / "report" / "index.html").exists()
    assert (tmp_path / "row.png").exists() and (tmp_path / "p28.png").exists()


@pytest.fixture(scope="module")
def count_tables_warehouse(tmp_path_factory):
    """A 運用状況 count-table PDF and a 予算書-style budget PDF (tests/recognize/cases), through the CLI."""
    from pipeline.cli import main

    cases = ROOT / "tests" / "recognize" / "cases"
    db = tmp_path_factory.mktemp("cells") / "warehouse.duckdb"
    assert main([str(cases / "count-reportlab.pdf"), str(cases / "budget-reportlab.pdf"), "--db", str(db),
                 "--quiet", "--corrections", str(tmp_path_factory.mktemp("none"))]) == 0
    return db


# Hand-written from the printed tables (dev/truth/count_tables.py), one per documented query
CELLS_QUERY_RESULTS = [
    [("教育委員会 / 開示請求", "請求件数", 57, "件"), ("教育委員会 / 開示請求", "開示", 20, "件"),
     ("教育委員会 / 開示請求", "一部開示", 31, "件"), ("教育委員会 / 開示請求", "不開示", 2, "件"),
     ("教育委員会 / 開示請求", "取下げ", 4, "件")],
    [("衛生費", -208542, -208542000), ("議会費", -7808, -7808000)],
    [(2023, "区長", 312, 846, 58), (2023, "教育委員会", 38, 47, 6), (2023, "選挙管理委員会", 5, 2, 0),
     (2023, "農業委員会", 2, 0, 0), (2023, "監査委員", 1, 3, 0)],
    [("disclosure", 469), ("correction", 7), ("suspension", 3)],
]


# Documented queries on other PDFs, by a fragment of their SQL: the reference PDF's 外部委託 cases 1 and 2
# as corpus/ground_truth/setagaya-2023-report359/cases_outsourcing.csv has them; the dashes of
# count-reportlab.pdf (no note) and notes-reportlab.pdf (table 1 「－」は該当なし, table 2 「－」は0), 11 in
# each table, counted on dev/build_count_tables.py's printed rows
REFERENCE_QUERY_RESULTS = {"['委託の内容']": [("1", "避難行動要支援者の支援"),
                                              ("2", "生活保護システム関連帳票出力及び封入封緘業務委託")]}
NOTES_QUERY_RESULTS = {"norm_text = '-'": [("count-reportlab.pdf", 1, 11, 0), ("count-reportlab.pdf", 2, 11, 0),
                                           ("notes-reportlab.pdf", 1, 0, 11), ("notes-reportlab.pdf", 2, 11, 0)]}


def _block(fragment: str) -> str:
    (block,) = [b for b in sql_blocks(ROOT / "docs" / "schema.md") if fragment in b]
    return block


def test_schema_doc_numbered_list_query(reference_warehouse):
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    try:
        for fragment, expected in REFERENCE_QUERY_RESULTS.items():
            assert con.execute(_block(fragment)).fetchall() == expected
    finally:
        con.close()


def test_schema_doc_dash_note_query(tmp_path_factory):
    from pipeline.cli import main

    cases = ROOT / "tests" / "recognize" / "cases"
    db = tmp_path_factory.mktemp("notes") / "warehouse.duckdb"
    assert main([str(cases / "count-reportlab.pdf"), str(cases / "notes-reportlab.pdf"), "--db", str(db),
                 "--quiet", "--corrections", str(tmp_path_factory.mktemp("none"))]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        for fragment, expected in NOTES_QUERY_RESULTS.items():
            assert con.execute(_block(fragment)).fetchall() == expected
    finally:
        con.close()


def test_schema_doc_cells_and_request_counts_queries(count_tables_warehouse):
    others = (*REFERENCE_QUERY_RESULTS, *NOTES_QUERY_RESULTS)
    blocks = [b for b in sql_blocks(ROOT / "docs" / "schema.md") if re.search(r"\bFROM (cells|request_counts)\b", b)
              and not any(fragment in b for fragment in others)]
    con = duckdb.connect(str(count_tables_warehouse), read_only=True)
    try:
        for sql, expected in zip(blocks, CELLS_QUERY_RESULTS, strict=True):
            assert con.execute(sql).fetchall() == expected, sql
        (fiscal_year, report_type), = con.execute(
            "SELECT fiscal_year, report_type FROM documents WHERE file_name = 'count-reportlab.pdf'").fetchall()
        assert (fiscal_year, report_type) == (2023, "operation_status")
    finally:
        con.close()
