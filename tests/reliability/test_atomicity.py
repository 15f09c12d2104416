"""A killed ingest leaves a warehouse that opens and holds whole documents; two ingests never lose one.

DuckDB lets one process write a database file at a time (it takes a file
lock on open); a second process gets "warehouse is in use by another
process" and exit code 2. See docs/reliability.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from dev.make_bad_pdfs import REFERENCE_CASES, padded
from tests.conftest import REFERENCE_PDF, ROOT

INGEST = ROOT / "scripts" / "ingest.py"


def copies(tmp_path: Path, n: int) -> list[Path]:
    """n copies of the reference with different bytes (a comment after %%EOF), so n documents."""
    ref = REFERENCE_PDF.read_bytes()
    out = []
    for i in range(n):
        path = tmp_path / f"copy-{i}.pdf"
        path.write_bytes(padded(ref, i))
        out.append(path)
    return out


def start_ingest(db: Path, paths: list[Path]) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, str(INGEST), "--quiet", "--db", str(db), *map(str, paths)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def doc_cases(db: Path) -> tuple[int, dict[str, int]]:
    """(documents rows, cases per doc_id) -- read-write, as the next ingest would open it."""
    con = duckdb.connect(str(db))
    try:
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
        per_doc = dict(con.execute("SELECT doc_id, count(*) FROM cases GROUP BY 1").fetchall())
        return n_docs, per_doc
    finally:
        con.close()


def assert_whole(db: Path) -> dict[str, int]:
    n_docs, per_doc = doc_cases(db)
    assert n_docs == len(per_doc), "every document row has its cases and no cases are orphaned"
    assert all(n == REFERENCE_CASES for n in per_doc.values()), per_doc
    return per_doc


def test_sigkill_mid_run_leaves_whole_documents_and_rerun_completes(tmp_path):
    db = tmp_path / "w.duckdb"
    paths = copies(tmp_path, 3)
    proc = start_ingest(db, paths)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # blocks until the first document has committed
    assert first.startswith("landed"), first + proc.stderr.read() if proc.stderr else first
    time.sleep(1.0)  # the second document is being read
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    before = assert_whole(db)
    assert 1 <= len(before) < 3, "killed after the first document, before the last"

    again = subprocess.run(
        [sys.executable, str(INGEST), "--quiet", "--db", str(db), *map(str, paths)],
        check=False, capture_output=True, text=True, timeout=600,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    skipped = [line for line in again.stdout.splitlines() if line.startswith("skipped")]
    assert len(skipped) == len(before), "what committed before the kill is kept, not redone"
    assert len(assert_whole(db)) == 3


def test_two_concurrent_ingests_lose_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    a, b = copies(tmp_path, 2)
    procs = {a: start_ingest(db, [a]), b: start_ingest(db, [b])}
    results = {path: (p.wait(timeout=600), *p.communicate()) for path, p in procs.items()}
    locked = [path for path, (code, _, _) in results.items() if code == 2]
    for path, (code, out, err) in results.items():
        assert code in (0, 2), out + err
        if code == 2:
            assert "warehouse is in use by another process" in err, err
            assert "Traceback" not in err
    assert len(locked) < 2, "one of them got the warehouse"
    assert len(assert_whole(db)) == 2 - len(locked)
    for path in locked:  # what was turned away goes in when tried again
        assert subprocess.run([sys.executable, str(INGEST), "--quiet", "--db", str(db), str(path)],
                              check=False, capture_output=True, timeout=600).returncode == 0
    assert len(assert_whole(db)) == 2
