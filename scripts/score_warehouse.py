#!/usr/bin/env python3
"""Score what a warehouse holds for one document against a ground-truth folder.

Per column of the cases: how many rows were found and the share exactly right;
free-text character error rate (edit distance / length, whitespace removed);
summary cells exact; checks passed. Useful for scanned copies, whose rows come
through OCR: the figures are what the whole pipeline made of them.

    python scripts/score_warehouse.py --db warehouse.duckdb \\
        --file setagaya-2023-report359-scan300.pdf \\
        --truth corpus/ground_truth/setagaya-2023-report359 --out bench/score-scan300.json
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path
from typing import Any

import _bootstrap  # noqa: F401
from rapidfuzz.distance import Levenshtein

from pipeline.load.warehouse import connect

EXACT = ("criterion", "case_no", "agency", "sensitive", "ordinance_sensitive", "department", "link_type",
         "legal_basis")
FREE_TEXT = ("description", "recipient", "purpose")


def squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def load_truth(truth_dir: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The ground truth's case rows (every cases_*.csv) and summary count rows."""
    truth: list[dict[str, str]] = []
    for path in sorted(truth_dir.glob("cases_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            truth.extend(csv.DictReader(fh))
    with (truth_dir / "review_counts.csv").open(encoding="utf-8", newline="") as fh:
        truth_counts = list(csv.DictReader(fh))
    return truth, truth_counts


def score_document(con: Any, file_name: str, truth: list[dict[str, str]],
                   truth_counts: list[dict[str, str]]) -> dict[str, Any] | None:
    """The figures for one document of an open warehouse against (a subset of) the truth; None if absent.

    ``missing`` lists the (criterion, case_no) of the expected rows not found,
    so a caller can ask whether each left a finding.
    """
    doc = con.execute("SELECT doc_id FROM documents WHERE file_name = ?", [file_name]).fetchone()
    if doc is None:
        return None
    cur = con.execute("SELECT * FROM cases WHERE doc_id = ?", [doc[0]])
    names = [d[0] for d in cur.description]
    got = {(r["criterion"], r["case_no"]): r for r in (dict(zip(names, row)) for row in cur.fetchall())}
    counts = {(c, a): (n, s, o) for c, a, n, s, o in con.execute(
        "SELECT criterion, agency, reviewed, sensitive, ordinance_sensitive FROM review_counts "
        "WHERE doc_id = ?", [doc[0]]).fetchall()}
    checks = con.execute("SELECT count(*) FILTER (WHERE ok), count(*) FROM checks WHERE doc_id = ?",
                         [doc[0]]).fetchone()
    found = all_exact = 0
    right = dict.fromkeys(EXACT, 0)
    edits = length = 0
    missing: list[tuple[str, int]] = []
    for exp in truth:
        row = got.get((exp["criterion"], int(exp["case_no"])))
        if row is None:
            missing.append((exp["criterion"], int(exp["case_no"])))
            continue
        found += 1
        row_right = True
        for field in EXACT:
            want = exp[field]
            have = row[field]
            if field in ("sensitive", "ordinance_sensitive"):
                have = "" if have is None else str(have).lower()
            ok = squeeze(str(have) if have is not None else "") == squeeze(want)
            right[field] += ok
            row_right &= ok
        for field in FREE_TEXT:
            want = squeeze(exp[field])
            distance = Levenshtein.distance(squeeze(row[field]), want)
            edits += distance
            length += len(want)
            row_right &= distance == 0
        all_exact += row_right
    cells = sum(
        counts.get((r["criterion"], r["agency"]), (None,) * 3)[i] == int(r[f])
        for r in truth_counts for i, f in enumerate(("reviewed", "sensitive", "ordinance_sensitive"))
    )
    return {
        "file": file_name,
        "rows_found": f"{found}/{len(truth)}",
        "rows_all_exact": f"{all_exact}/{len(truth)}",
        "exact_share": {f: round(right[f] / max(found, 1), 4) for f in EXACT},
        "free_text_cer": round(edits / max(length, 1), 4),
        "summary_cells_exact": f"{cells}/{3 * len(truth_counts)}",
        "checks_ok": f"{checks[0]}/{checks[1]}",
        "missing": missing,
        "doc_id": doc[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="warehouse.duckdb", help="warehouse file")
    parser.add_argument("--file", required=True, help="documents.file_name to score")
    parser.add_argument("--truth", type=Path, required=True, help="ground-truth folder (cases_*.csv …)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    truth, truth_counts = load_truth(args.truth)
    con = connect(args.db, read_only=True)
    try:
        scored = score_document(con, args.file, truth, truth_counts)
    finally:
        con.close()
    if scored is None:
        parser.error(f"{args.file} is not in {args.db}")
    figures = {k: v for k, v in scored.items() if k not in ("missing", "doc_id")}
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
