"""Small documents for the scale tests: the two-page incident report, copied with other bytes."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from tests.conftest import CORPUS, REFERENCE_PDF

SMALL_PDF = CORPUS / "pdf" / "nerima-2024-incident.pdf"  # 2 pages, 1 incident report, no case list


def copy_with_other_bytes(src: Path, dest: Path, n: int) -> Path:
    """src with a comment after %%EOF: the same document read the same way, another sha256."""
    dest.write_bytes(src.read_bytes() + b"\n%%copy %d\n" % n)
    return dest


@pytest.fixture
def small_pdfs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    return [copy_with_other_bytes(SMALL_PDF, folder / f"incident-{i}.pdf", i) for i in range(3)]


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ref"
    folder.mkdir()
    return copy_with_other_bytes(REFERENCE_PDF, folder / "setagaya.pdf", 0)


def table_rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def generator() -> ModuleType:
    """dev/build_nationwide.py, the synthetic corpus generator."""
    return importlib.import_module("dev.build_nationwide")
