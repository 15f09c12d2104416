#!/usr/bin/env python3
"""Score what a warehouse holds for one document against a ground-truth folder.

Per column of the cases: how many rows were found, how many have every field
exact, and the share exactly right per column;
free-text character error rate (edit distance / length, whitespace removed);
summary cells exact; checks passed. Useful for scanned copies, whose rows come
through OCR: the figures are what the whole pipeline made of them. The scoring
itself is dev/scoring.py's, shared with bench_scans and bench_producers.

    python -m dev.score_warehouse --db warehouse.duckdb \\
        --file setagaya-2023-report359-scan300.pdf \\
        --truth corpus/ground_truth/setagaya-2023-report359 --out bench/score-scan300.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dev.scoring import read_document, read_truth, score, write_report
from pipeline.load.warehouse import connect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="warehouse.duckdb", help="warehouse file")
    parser.add_argument("--file", required=True, help="documents.file_name to score")
    parser.add_argument("--truth", type=Path, required=True, help="ground-truth folder (cases_*.csv …)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    truth, truth_counts = read_truth(args.truth)
    con = connect(args.db, read_only=True)
    try:
        document = read_document(con, args.file)
    finally:
        con.close()
    if document is None:
        parser.error(f"{args.file} is not in {args.db}")
    figures = {"file": args.file, **score(truth, truth_counts, *document)}
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.out:
        write_report(args.out, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
