"""``--config FOLDER``: ingest and explain build the run's Config from that folder, not the checkout's config/.

The fixture is tests/recognize/cases/count-reportlab.pdf, whose two 運用状況 tables print 「－」
for a zero count (dev/truth/count_tables.py) and which the checkout's operation_status report
type claims.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.cli.tree import main
from tests.conftest import ROOT

COUNTS = ROOT / "tests" / "recognize" / "cases" / "count-reportlab.pdf"


def copied_config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    return folder


def dash_values(db: Path) -> list[float | None]:
    """The values of the cells that print only a dash, as the warehouse stored them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [v for (v,) in con.execute("SELECT value FROM cells WHERE role = 'value' AND norm_text IN ('－', '-')"
                                          " ORDER BY table_no, row_no, col_no").fetchall()]
    finally:
        con.close()


def test_ingest_builds_the_run_from_the_config_folder_it_is_given(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = copied_config(tmp_path)
    path = folder / "report_types" / "operation_status.toml"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'(?m)^dash = "zero"$', 'dash = "none"', text, count=1)
    assert changed != text  # the one value this test changes is there
    path.write_text(changed, encoding="utf-8")

    checkout, other = tmp_path / "checkout.duckdb", tmp_path / "other.duckdb"
    assert main(["ingest", "--quiet", "--db", str(checkout), str(COUNTS)]) == 0
    assert main(["ingest", "--quiet", "--config", str(folder), "--db", str(other), str(COUNTS)]) == 0
    capsys.readouterr()
    zero, none = dash_values(checkout), dash_values(other)
    assert zero and set(zero) == {0}  # the checkout's report type: a dash is a zero count
    assert len(none) == len(zero) and set(none) == {None}  # the copied folder's: nothing


def test_a_bad_file_in_the_config_folder_is_exit_2_before_any_pdf(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = copied_config(tmp_path)
    (folder / "cells.toml").write_text('dash = "nothing"\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--config", str(folder), "--db", str(db), str(COUNTS)]) == 2
    assert "dash" in capsys.readouterr().err and not db.exists()
    assert main(["explain", "--config", str(folder), "--out", str(tmp_path / "d"), str(COUNTS)]) == 2
    assert main(["ingest", "--config", str(tmp_path / "none"), "--db", str(db), str(COUNTS)]) == 2


@pytest.mark.parametrize("command", [["explain", "--out"], ["ingest", "--explain", "--drafts"]])
def test_explain_matches_the_report_types_of_the_config_folder(tmp_path: Path, capsys, command) -> None:  # type: ignore[no-untyped-def]
    folder = copied_config(tmp_path)
    (folder / "report_types" / "operation_status.toml").unlink()
    drafts = tmp_path / "drafts"
    assert main([*command, str(drafts), str(COUNTS)]) == 0
    assert "best match operation_status.requests" in capsys.readouterr().out
    assert not drafts.exists()  # every table matched: no draft
    assert main([*command, str(drafts), "--config", str(folder), str(COUNTS)]) == 0
    out = capsys.readouterr().out
    assert "operation_status" not in out and "no table kind matched" in out
    assert [p.name for p in drafts.glob("*.toml")] == ["count_reportlab.toml"]
