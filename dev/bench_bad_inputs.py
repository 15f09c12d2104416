#!/usr/bin/env python3
"""Outcome, seconds and peak memory of each bad input (dev/make_bad_pdfs.py).

Each file is ingested alone, through ``pipeline.run.ingest_files`` into a
fresh warehouse, in its own child process, so the peak resident memory is
that file's (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` read by the child
at its end). The first row is a child that only imports the pipeline: the
floor every other figure includes.

    python -m dev.bench_bad_inputs                 # table on stdout
    python -m dev.bench_bad_inputs --json out.json # and the rows as JSON
    python -m dev.bench_bad_inputs --markdown      # the table for docs/reliability.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dev.make_bad_pdfs import CASES, write_cases
from dev.scoring import write_report

ROOT = Path(__file__).resolve().parents[1]


def one(path: str | None, db: str) -> None:
    """Child: ingest one file (or nothing) and print a JSON line with the outcome and peak memory."""
    import logging
    import resource

    logging.disable(logging.CRITICAL)
    from pipeline.run import ingest_files

    started = time.perf_counter()
    row: dict[str, object] = {"outcome": "baseline", "message": ""}
    if path:
        (outcome,) = ingest_files([Path(path)], db)
        message = outcome.message if outcome.status != "landed" else f"{outcome.pages} pages, {outcome.cases} cases"
        row = {"outcome": outcome.status, "message": message}
    row["seconds"] = round(time.perf_counter() - started, 2)
    row["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
    print(json.dumps(row, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table at the end")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a child is killed (%(default)s)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.db:
        one(args.one, args.db)
        return 0

    what = {case.file_name: case.what for case in CASES}

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_cases(Path(tmp) / "cases")
        todo: list[tuple[str, Path | None]] = [("(import only)", None)]
        todo += [(case.file_name, paths[case.file_name]) for case in CASES]
        print(f"{'file':34} {'outcome':9} {'seconds':>7} {'peak MB':>8}  message")
        for i, (name, path) in enumerate(todo):
            cmd = [sys.executable, "-m", "dev.bench_bad_inputs", "--db", str(Path(tmp) / f"w{i}.duckdb")]
            if path:
                cmd += ["--one", str(path)]
            started = time.perf_counter()
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, check=False,
                                      cwd=ROOT)
                row = json.loads(done.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                row = {"outcome": "TIMEOUT", "message": f"killed after {args.timeout:g} s", "peak_mb": None}
            except (IndexError, json.JSONDecodeError):
                row = {"outcome": "CRASHED", "message": done.stderr.strip()[-200:], "peak_mb": None}
            row["wall_seconds"] = round(time.perf_counter() - started, 2)
            row["file"] = name
            rows.append(row)
            message = str(row["message"]).split(": ", 1)[-1] if row["outcome"] == "failed" else row["message"]
            print(f"{name:34} {row['outcome']:9} {row.get('seconds', row['wall_seconds']):>7} "
                  f"{row['peak_mb'] or '-':>8}  {message}", flush=True)
    if args.markdown:
        print("\n| file | what it is | outcome | s | peak MB | the line / what landed |\n|---|---|---|---|---|---|")
        for row in rows:
            message = str(row["message"])
            message = message.split(": ", 1)[-1] if row["outcome"] == "failed" else message
            cells = [f"`{row['file']}`", what.get(str(row["file"]), "Python and the pipeline imported, nothing read"),
                     row["outcome"], row.get("seconds", row["wall_seconds"]), row["peak_mb"], message]
            print("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    if args.json:
        write_report(args.json, rows, final_newline=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
