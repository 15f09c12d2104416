#!/usr/bin/env python3
"""Score what a warehouse holds for one document against a ground-truth folder.

Per column of the cases: how many rows were found, how many have every field
exact, and the share exactly right per column;
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

import _bootstrap  # noqa: F401
from rapidfuzz.distance import Levenshtein

from pipeline.load.warehouse import connect

EXACT = ("criterion", "case_no", "agency", "sensitive", "ordinance_sensitive", "department", "link_type",
         "legal_basis")
FREE_TEXT = ("description", "recipient", "purpose")


def squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def read_truth(folder: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The expected cases (every cases_*.csv) and summary counts (review_counts.csv) of a ground-truth folder."""
    truth: list[dict[str, str]] = []
    for path in sorted(folder.glob("cases_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            truth.extend(csv.DictReader(fh))
    with (folder / "review_counts.csv").open(encoding="utf-8", newline="") as fh:
        return truth, list(csv.DictReader(fh))


def read_document(con, file_name: str) -> tuple[dict, dict, tuple[int, int]] | None:  # type: ignore[no-untyped-def,type-arg]
    """One document's cases by (criterion, case_no), summary counts by (criterion, agency), checks (ok, all).

    None when the warehouse has no document of that file name.
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
    return got, counts, (int(checks[0]), int(checks[1]))


def field_exact(field: str, have: object, want: str) -> bool:
    """A warehouse value against its ground-truth text, whitespace removed (booleans as true/false)."""
    if field in ("sensitive", "ordinance_sensitive"):
        have = "" if have is None else str(have).lower()
    return squeeze(str(have) if have is not None else "") == squeeze(want)


def score(truth: list[dict[str, str]], truth_counts: list[dict[str, str]], got: dict, counts: dict,  # type: ignore[type-arg]
          checks: tuple[int, int]) -> dict:  # type: ignore[type-arg]
    """Rows found, rows with every field exact, exact share per field, free-text CER, summary cells and rows
    (a summary row is exact when its three counts are), checks."""
    found = rows_exact = 0
    right = dict.fromkeys(EXACT, 0)
    edits = length = 0
    missing: list[tuple[str, int]] = []
    for exp in truth:
        row = got.get((exp["criterion"], int(exp["case_no"])))
        if row is None:
            missing.append((exp["criterion"], int(exp["case_no"])))
            continue
        found += 1
        exact = [field_exact(field, row[field], exp[field]) for field in EXACT + FREE_TEXT]
        rows_exact += all(exact)
        for field, ok in zip(EXACT, exact):
            right[field] += ok
        for field in FREE_TEXT:
            want = squeeze(exp[field])
            edits += Levenshtein.distance(squeeze(row[field]), want)
            length += len(want)
    summary = [[counts.get((r["criterion"], r["agency"]), (None,) * 3)[i] == int(r[f])
                for i, f in enumerate(("reviewed", "sensitive", "ordinance_sensitive"))] for r in truth_counts]
    return {
        "rows_found": f"{found}/{len(truth)}",
        "rows_exact": f"{rows_exact}/{len(truth)}",
        "exact_share": {f: round(right[f] / max(found, 1), 4) for f in EXACT},
        "free_text_cer": round(edits / max(length, 1), 4),
        "summary_cells_exact": f"{sum(map(sum, summary))}/{3 * len(truth_counts)}",
        "summary_rows_exact": f"{sum(map(all, summary))}/{len(truth_counts)}",
        "checks_ok": f"{checks[0]}/{checks[1]}",
        "missing": missing,  # (criterion, case_no) of the expected rows not found
    }


def score_document(con, file_name: str, truth: list[dict[str, str]],  # type: ignore[no-untyped-def]
                   truth_counts: list[dict[str, str]]) -> dict | None:  # type: ignore[type-arg]
    """``score`` of one document of an open warehouse, with its file name and doc_id; None if absent."""
    document = read_document(con, file_name)
    if document is None:
        return None
    doc_id = con.execute("SELECT doc_id FROM documents WHERE file_name = ?", [file_name]).fetchone()[0]
    return {"file": file_name, "doc_id": doc_id, **score(truth, truth_counts, *document)}


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
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
