#!/usr/bin/env python3
"""How the whole pipeline reads the reference report drawn by independent producers (issue 11).

One row per producer × table style × orientation: the full documents of
``make producers`` (``build/producers/``, from ``dev/producers/matrix.toml``)
plus the two full-grid renders the repository already has (the reportlab
corpus PDF and fpdf2's ``tests/extract/cases/…-fpdf2.pdf``). Each file goes
through the real ingest (``pipeline.run.ingest_files``) into a temporary
warehouse, which is scored against ``corpus/ground_truth/<doc>`` by
``dev/score_warehouse.py``'s functions: case rows with every field exact
(whitespace removed; of 434), summary rows exact (all three counts; of 24) and
summary cells exact (of 72), checks ok of those computed, and ``silent``:
expected case rows missing with no finding that rows were lost
(``dev/scoring.LOSS_FINDINGS``) on any page between the rows found
before and after them (this producer's pages are not the ground truth's;
``dev/scoring.silent_losses``, as bench_scans counts them). It must be 0.
``quiet``: case rows found with a field wrong and no finding of any kind on
their page (``dev/scoring.unflagged_errors``): wrong values nothing points at.
``dup``: case rows whose (criterion, No.) another row already holds (a
misread number); they are not scored, and the row that is may be compared
with the wrong truth row.

Rows come in two blocks: tuning, then held-out (matrix.toml's [held_out]: since
2026-12-03 after stop 24 the style double, joined at stop 25 by producer pymupdf, both scored once at
stop 25 and opened; the style heavy and producer gnumeric, built at stop 26, scored once at its end
and opened; the style separate and producer wkhtmltopdf, built at stop 27, unseen until scored once at its
end; producer abiword, built at stop 28, unseen until scored once at its end; style rounded and producer calligra, built
at stop 30, scored once at its end and opened; a block may be a style only). ``--block tuning`` scores only the tuning block, what to run
while developing.

    make producers && python -m dev.bench_producers --out bench/producers.json
    python -m dev.bench_producers --block tuning
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dev.build_producers import FULL_DIR
from dev.producers.model import DOC, ROOT, load_matrix
from dev.scoring import (
    pages_between,
    read_document,
    read_truth,
    score,
    silent_losses,
    unflagged_errors,
    write_report,
)

TRUTH = ROOT / "corpus" / "ground_truth" / DOC
EXISTING = {  # the full-grid renders committed before this corpus: (producer, style, orientation) -> file
    ("reportlab", "grid", "landscape"): ROOT / "corpus" / "pdf" / f"{DOC}.pdf",
    ("fpdf2", "grid", "portrait"): ROOT / "tests" / "extract" / "cases" / f"{DOC}-fpdf2.pdf",
}


@dataclass(frozen=True)
class Entry:
    producer: str
    style: str
    orientation: str
    held_out: bool
    path: Path


def entries(folder: Path) -> list[Entry]:
    """Every PDF of the matrix, tuning block first (whether each exists is checked on what is chosen)."""
    found = [Entry(p, s, o, False, path) for (p, s, o), path in EXISTING.items()]
    found += [Entry(v.producer, v.style.name, v.orientation, v.held_out, folder / f"{v.name}.pdf")
              for v in load_matrix()]
    return sorted(found, key=lambda e: e.held_out)


def present(chosen: list[Entry]) -> list[Entry]:
    """The chosen entries; a chosen variant whose PDF is missing is an error, not a skip (a folder built with
    ``--style`` or ``--only`` can be scored with the same filter, so it need not hold the whole matrix)."""
    missing = [str(e.path) for e in chosen if not e.path.exists()]
    if missing:
        raise SystemExit(f"missing PDFs (run `make producers`): {', '.join(missing)}")
    return chosen


def score_entry(entry: Entry, db: Path, truth: tuple) -> dict:  # type: ignore[type-arg]
    """Ingest one PDF into the warehouse ``db`` and score it; a failed ingest is a row with its reason."""
    from pipeline.load.warehouse import connect
    from pipeline.run import ingest_files

    started = time.perf_counter()
    outcome = ingest_files([entry.path], db)[0]
    row = {"producer": entry.producer, "style": entry.style, "orientation": entry.orientation,
           "block": "held-out" if entry.held_out else "tuning", "file": entry.path.name,
           "status": outcome.status, "message": outcome.message,
           "seconds": round(time.perf_counter() - started, 2)}
    con = connect(db, read_only=True)
    try:
        document = read_document(con, entry.path.name)
        if document is not None:
            scored = score(*truth, *document)  # type: ignore[call-arg]
            doc_id, page_count = con.execute("SELECT doc_id, page_count FROM documents WHERE file_name = ?",
                                             [entry.path.name]).fetchone() or ("", 1)
            scored["silent"] = silent_losses(con, doc_id, scored["missing"],
                                             pages_between(document[0], page_count or 1))
            scored["unflagged"] = unflagged_errors(con, doc_id, scored["inexact"], document[0])
            row.update(scored)
    finally:
        con.close()
    return row


def table_line(row: dict) -> str:  # type: ignore[type-arg]
    if row["status"] != "landed":
        return f"{row['producer']:<10} {row['style']:<8} {row['orientation']:<9} {row['status']}: {row['message']}"
    return (f"{row['producer']:<10} {row['style']:<8} {row['orientation']:<9} {row['rows_exact']:>8} "
            f"{row['rows_found']:>8} {row['summary_rows_exact']:>6} {row['summary_cells_exact']:>6} "
            f"{row['checks_ok']:>6} {row['silent']:>6} {row['unflagged']:>6} {row['duplicates']:>4} "
            f"{row['free_text_cer']:>6.4f} {row['seconds']:>6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=FULL_DIR, help="where `make producers` wrote the PDFs")
    parser.add_argument("--block", choices=("all", "tuning", "held-out"), default="all",
                        help="which block to score (default all: tuning, then held-out)")
    parser.add_argument("--only", action="append", default=[],
                        help="only this producer, or the files whose name contains this (repeatable)")
    parser.add_argument("--out", type=Path, help="write the rows as JSON here (e.g. bench/producers.json)")
    args = parser.parse_args(argv)

    truth = read_truth(TRUTH)
    todo = present([e for e in entries(args.dir)
                    if (args.block == "all" or (args.block == "held-out") == e.held_out)
                    and (not args.only or any(o == e.producer or o in e.path.name for o in args.only))])
    rows = []
    header = (f"{'producer':<10} {'style':<8} {'orient':<9} {'rows=':>8} {'found':>8} {'summ':>6} {'cells':>6} "
              f"{'checks':>6} {'silent':>6} {'quiet':>6} {'dup':>4} {'CER':>6} {'sec':>6}")
    with tempfile.TemporaryDirectory(prefix="bench-producers-") as tmp:
        for block in ("tuning", "held-out"):
            chosen = [e for e in todo if e.held_out == (block == "held-out")]
            if not chosen:
                continue
            print(f"\n{block} block (rows= case rows with every field exact of 434; summ = summary rows with "
                  "all three counts exact of 24, cells of 72; checks ok of computed; silent = expected case rows "
                  "missing with no finding that rows were lost on the pages between their found neighbours; quiet = rows "
                  "found with a field wrong and no finding of any kind on their page; dup = rows "
                  "whose (criterion, No.) another row holds)")
            print(header)
            for entry in chosen:
                row = score_entry(entry, Path(tmp) / f"{entry.path.stem}.duckdb", truth)
                rows.append(row)
                print(table_line(row), flush=True)
    if args.out:
        write_report(args.out, {"truth": str(TRUTH.relative_to(ROOT)), "rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
