"""Re-ingest replaces, never duplicates; bad files get one line and leave nothing behind."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pipeline.cli import main
from tests.conftest import REFERENCE_PDF

TABLES = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings")


def table_counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_second_ingest_is_skipped_and_force_replaces(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF)]) == 0
    first = table_counts(db)
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert table_counts(db) == first
    assert main(["--quiet", "--force", "--db", str(db), str(REFERENCE_PDF)]) == 0
    assert table_counts(db) == first, "a forced re-ingest replaces the document's rows"


def test_same_bytes_under_another_name_is_one_document(tmp_path):
    db = tmp_path / "w.duckdb"
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(REFERENCE_PDF, copy)
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF), str(copy)]) == 0
    assert table_counts(db)["documents"] == 1


@pytest.fixture
def bad_files(tmp_path):
    data = REFERENCE_PDF.read_bytes()
    files = {
        "notes.pdf": "これはPDFではありません".encode(),
        "empty.pdf": b"",
        "truncated.pdf": data[: len(data) // 3],
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path


def encrypted_copy(tmp_path):
    import pikepdf

    out = tmp_path / "locked.pdf"
    with pikepdf.open(REFERENCE_PDF) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out


@pytest.mark.parametrize(
    "name, reason",
    [
        ("notes.pdf", r"notes\.pdf: extract: not a PDF"),
        ("empty.pdf", r"empty\.pdf: extract: empty file"),
        ("truncated.pdf", r"truncated\.pdf: extract: "),
    ],
)
def test_bad_file_is_one_line_and_others_still_land(bad_files, tmp_path, capsys, name, reason):
    db = tmp_path / "w.duckdb"
    code = main(["--quiet", "--db", str(db), str(bad_files / name), str(REFERENCE_PDF)])
    out = capsys.readouterr().out
    assert code == 1, "exit code says something failed"
    failed = [line for line in out.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "\n" not in failed[0]
    assert __import__("re").search(reason, failed[0]), failed[0]
    assert "Traceback" not in out
    counts = table_counts(db)
    assert counts["documents"] == 1 and counts["cases"] == 434, "the good file still went in, alone"


def test_encrypted_file_is_rejected_with_reason(tmp_path, capsys):
    locked = encrypted_copy(tmp_path)
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(locked)]) == 1
    out = capsys.readouterr().out
    assert "locked.pdf: extract: encrypted" in out
    assert table_counts(db)["documents"] == 0


def test_failed_load_leaves_nothing_half_written(tmp_path, monkeypatch):
    """A crash between two inserts of one document rolls the whole document back."""
    from pipeline.store import loader as bulk

    db = tmp_path / "w.duckdb"
    real_insert = bulk._insert_table  # the loader inserts each table from the results store

    def insert_then_fail(con, table, files):
        real_insert(con, table, files)
        if table == "cases":
            raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "_insert_table", insert_then_fail)
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF)]) == 1
    assert set(table_counts(db).values()) == {0}


def test_missing_path_and_help(tmp_path, capsys):
    assert main(["--quiet", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "nope.pdf")]) == 1
    assert "nope.pdf: read:" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "exit codes" in capsys.readouterr().out
