#!/usr/bin/env python3
"""Build the test fixture of a warehouse made by an earlier version of the pipeline.

    python -m dev.build_old_warehouse                      # the commit below
    python -m dev.build_old_warehouse --commit <sha> --out tests/load/fixtures/warehouse-<sha7>

Takes the earlier version's tree with ``git archive`` (nothing in this checkout
changes), ingests three small born-digital PDFs of the corpus with that
version's own scripts/ingest.py, and writes the warehouse as a DuckDB
``EXPORT DATABASE`` dump (schema.sql, load.sql, one zstd Parquet file per
table: ~200 KB, where the .duckdb file is ~6 MB). tests/load/test_migrate.py
rebuilds the old warehouse from the dump and upgrades it.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
# main before the warehouse had schema_version (issue 16): the previous release the fixture stands for
COMMIT = "ceceb85c78b900c626144cd57077895548781489"
PDFS = ("corpus/pdf/nerima-2024-incident.pdf", "corpus/pdf/setagaya-2023-report359.pdf",
        "corpus/pdf/setagaya-2021-edited.pdf")


def checkout(commit: str, into: Path) -> None:
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")


def relative_load_sql(out: Path) -> None:
    """load.sql names the Parquet files by absolute path; keep only their names (the test adds its folder)."""
    load = out / "load.sql"
    text = re.sub(r"FROM '[^']*/([^/']+\.parquet)'", r"FROM '\1'", load.read_text(encoding="utf-8"))
    load.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commit", default=COMMIT, help="the earlier version (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="folder for the dump (default: tests/load/fixtures/warehouse-SHA7)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "tests" / "load" / "fixtures" / f"warehouse-{args.commit[:7]}"
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        checkout(args.commit, old)
        db = Path(tmp) / "old.duckdb"
        subprocess.run([sys.executable, str(old / "scripts" / "ingest.py"), "--quiet", "--db", str(db),
                        *(str(old / p) for p in PDFS)], check=True, cwd=old)
        if out.exists():
            for f in out.iterdir():
                f.unlink()
        out.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(db), read_only=True)
        try:
            con.execute(f"EXPORT DATABASE '{out}' (FORMAT parquet, COMPRESSION zstd)")
        finally:
            con.close()
    relative_load_sql(out)
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"wrote {out} ({size // 1024} KB) from {args.commit[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
