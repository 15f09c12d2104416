"""The bad-input corpus, written once per session, and one CLI run over all of it."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dev.make_bad_pdfs import write_cases

DOC_TABLES = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings")


@pytest.fixture(scope="session")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bad_pdfs")
    write_cases(out)
    return out


@dataclass(frozen=True)
class Run:
    code: int
    lines: list[str]
    db: Path

    def line_for(self, file_name: str) -> str:
        found = [line for line in self.lines if f" {file_name}:" in line or line.startswith(f"{file_name}:")]
        assert len(found) == 1, f"expected one line for {file_name}, got {found}"
        return found[0]


@pytest.fixture(scope="session")
def bad_run(bad_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """``ingest.py --db w.duckdb <bad_dir>``: every bad input in one run, as a user would."""
    from pipeline.cli import main

    db = tmp_path_factory.mktemp("bad_wh") / "w.duckdb"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["--quiet", "--db", str(db), str(bad_dir)])
    return Run(code, out.getvalue().splitlines(), db)


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
