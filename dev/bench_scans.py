#!/usr/bin/env python3
"""The whole pipeline on scans of several producers' PDFs, scored against the ground truth.

For each producer's born-digital PDF and each scan pipeline of
``dev/scan_pipelines.py``: build the scan (``build/scans/``), ingest it
into a temporary warehouse exactly as ``scripts/ingest.py`` does (OCR engine
``auto``), score the warehouse with ``dev/score_warehouse.py`` and time it
against plain full-page Tesseract (``pytesseract.image_to_string(lang="jpn")``
on each page rendered at the ingest's resolution, the same ``--jobs``
processes, right after the ingest: the issue's yardstick). One row per
pipeline x producer, in two blocks: the tuning pipelines, then the held-out
ones (the pipelines whose ``held_out`` flag is set: phone200 since 2026-12-02,
colour150 before; copier and compact each from the stop a helper built it,
38 and 39, until it was scored once; ledger from stop 39, built by a helper,
until it was scored once at stop 40; sandwich, a searchable PDF whose
device OCR layer is damaged, from stop 40, built by a helper, until it was
scored once at stop 41; microfilm, a reader-printer's print from microfilm
with one negative page in four, from stop 41, built by a helper, until the
lead scores it once), which nobody looks at while developing.

Columns: ``rows`` expected case rows found; ``exact`` rows with every field
exact (free text included); ``agency``, ``flags`` (要配慮 and 条例要配慮,
mean), ``dept`` exact shares of the rows found; ``CER`` of description,
recipient and purpose; ``summary`` 審査件数 cells exact; ``checks`` ok / run;
``silent`` expected rows missing with no finding on their page (must be 0);
``dup`` rows whose (criterion, No.) another row holds (a misread number:
not scored, and the kept row may be scored against the wrong truth row);
``s/page`` whole ingest wall seconds per page; ``tess`` the yardstick's;
``ratio`` = s/page ÷ tess. Under each row, the CER of each free-text field
apart (``cer_by_field``: which field carries a scan's errors).

Pages of a row come from the born-digital copy of the same subset, ingested
first (text layer; the fpdf2 copy's pages differ from the ground truth's).
With ``--pages`` only the rows and summary counts that the born-digital copy
places on those pages are expected.

    python -m dev.bench_scans                                  # 11 pipelines x 2 producers, all pages
    python -m dev.bench_scans --pipeline grey200 --pages 1-4,28 --producer corpus/pdf/setagaya-2023-report359.pdf
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dev.build_scans import build_pipeline
from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING
from dev.scoring import (
    FREE_TEXT,
    levenshtein,
    parse_pages,
    read_document,
    read_truth,
    score_document,
    silent_losses,
    squeeze,
    write_report,
)
from pipeline.extract import ExtractSettings
from pipeline.load.warehouse import connect
from pipeline.run import RunSettings, ingest_files

ROOT = Path(__file__).resolve().parents[1]
DOC = "setagaya-2023-report359"
TRUTH = ROOT / "corpus" / "ground_truth" / DOC
PRODUCERS = (ROOT / "corpus" / "pdf" / f"{DOC}.pdf", ROOT / "tests" / "extract" / "cases" / f"{DOC}-fpdf2.pdf")
BUILD = ROOT / "build" / "scans"


def subset_pdf(source: Path, pages: str | None, out_dir: Path) -> Path:
    """The born-digital copy cut to the same pages as its scans (the file itself when all pages)."""
    if not pages:
        return source
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    new = pdfium.PdfDocument.new()
    try:
        new.import_pages(src, parse_pages(pages, len(src)))
        out = out_dir / source.name
        new.save(str(out))
    finally:
        new.close()
        src.close()
    return out


def ingest(pdf: Path, db: Path, jobs: int, engine: str) -> tuple[float, str]:
    """Wall seconds of the whole ingest, and the outcome's status and message."""
    settings = RunSettings(extract=ExtractSettings(jobs=jobs, ocr_engine=engine), force=True)
    start = time.perf_counter()
    outcome = ingest_files([pdf], db, settings)[0]
    return time.perf_counter() - start, f"{outcome.status} {outcome.message}".strip()


def page_map(db: Path, file_name: str) -> tuple[dict[tuple[str, int], int], set[tuple[str, str]]]:
    """Where the born-digital copy puts each case, and which summary rows it has."""
    con = connect(str(db), read_only=True)
    try:
        doc = con.execute("SELECT doc_id FROM documents WHERE file_name = ?", [file_name]).fetchone()
        if doc is None:
            return {}, set()
        pages = {(c, n): p for c, n, p in con.execute(
            "SELECT criterion, case_no, page_no FROM cases WHERE doc_id = ?", [doc[0]]).fetchall()}
        counts = {(c, a) for c, a in con.execute(
            "SELECT criterion, agency FROM review_counts WHERE doc_id = ?", [doc[0]]).fetchall()}
    finally:
        con.close()
    return pages, counts


def _full_page_tesseract(task: tuple[str, int, float]) -> float:
    import pytesseract

    from pipeline.extract.ocr import render_page

    pdf, index, dpi = task
    pytesseract.image_to_string(render_page(pdf, index, round(dpi)), lang="jpn")
    return 0.0


def yardstick(pdf: Path, jobs: int, dpi: float) -> float:
    """Wall seconds of rendering every page and reading it with full-page Tesseract, in ``jobs`` processes."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    count = len(doc)
    doc.close()
    start = time.perf_counter()
    with mp.get_context("fork").Pool(jobs) as pool:
        pool.map(_full_page_tesseract, [(str(pdf), i, dpi) for i in range(count)], chunksize=1)
    return time.perf_counter() - start


def run_one(producer: Path, name: str, args: argparse.Namespace, work: Path, clean_db: Path,
            pages: dict[tuple[str, int], int], truth: tuple[list[dict[str, str]], list[dict[str, str]]],
            page_count: int) -> dict[str, Any]:
    out_dir = args.scans / (f"pages-{args.pages}" if args.pages else "all")
    out_dir.mkdir(parents=True, exist_ok=True)
    scan = out_dir / f"{producer.stem}-{name}.pdf"
    if args.rebuild or not scan.exists():
        scan = build_pipeline(producer, name, out_dir, args.pages)
    db = work / f"{producer.stem}-{name}.duckdb"
    wall, outcome = ingest(scan, db, args.jobs, args.engine)
    con = connect(str(db), read_only=True)
    try:
        scored = score_document(con, scan.name, *truth)
        field_cer = cer_by_field(con, scan.name, truth[0])
    finally:
        con.close()
    base = yardstick(scan, args.jobs, ExtractSettings().render_dpi) if not args.no_baseline else None
    row: dict[str, Any] = {"pipeline": name, "producer": producer.name, "pages": page_count, "outcome": outcome,
                           "seconds_per_page": round(wall / page_count, 3),
                           "tesseract_seconds_per_page": round(base / page_count, 3) if base else None,
                           "ratio": round(wall / base, 3) if base else None}
    if scored is None:
        return {**row, "rows_found": f"0/{len(truth[0])}", "silent_losses": len(truth[0])}
    con = connect(str(db), read_only=True)
    try:
        row["silent_losses"] = silent_losses(con, scored["doc_id"], scored["missing"], lambda key: (pages.get(key),))
    finally:
        con.close()
    row.update({k: v for k, v in scored.items() if k not in ("doc_id", "file")})
    row["cer_by_field"] = field_cer
    row["missing"] = [f"{c} {n} (p{pages.get((c, n), '?')})" for c, n in scored["missing"]]
    return row


def cer_by_field(con: Any, file_name: str, truth: list[dict[str, str]]) -> dict[str, float | None]:
    """``field_cer`` of one document of an open warehouse."""
    document = read_document(con, file_name)
    return field_cer(document[0] if document else {}, truth)


def field_cer(got: dict[tuple[str, int], dict[str, Any]], truth: list[dict[str, str]]) -> dict[str, float | None]:
    """The free-text CER of each field apart (description, recipient, purpose) over the rows found (``got`` by
    (criterion, case_no)): which of the three carries a scan's errors (the table's ``CER`` mixes them); None
    for a field whose expected text is empty on every row found (the outsourcing list has no recipient)."""
    edits = dict.fromkeys(FREE_TEXT, 0)
    length = dict.fromkeys(FREE_TEXT, 0)
    for exp in truth:
        row = got.get((exp["criterion"], int(exp["case_no"])))
        if row is None:
            continue
        for field in FREE_TEXT:
            want = squeeze(exp[field])
            edits[field] += levenshtein(squeeze(row[field]), want)
            length[field] += len(want)
    return {f: round(edits[f] / length[f], 4) if length[f] else None for f in FREE_TEXT}


def line(row: dict[str, Any]) -> str:
    ex = row.get("exact_share", {})
    flags = (ex.get("sensitive", 0) + ex.get("ordinance_sensitive", 0)) / 2 if ex else 0.0
    pct = lambda v: f"{v:.1%}"
    ratio = f"{row['ratio']:.2f}" if row.get("ratio") else "-"
    tess = f"{row['tesseract_seconds_per_page']:.2f}" if row.get("tesseract_seconds_per_page") else "-"
    return (f"{row['pipeline']:10} {row['producer'][:34]:34} {row['pages']:>5} {row['rows_found']:>9} "
            f"{row.get('rows_exact', '-'):>9} {pct(ex.get('agency', 0)):>7} {pct(flags):>6} "
            f"{pct(ex.get('department', 0)):>6} {pct(row.get('free_text_cer', 1)):>6} "
            f"{row.get('summary_cells_exact', '-'):>7} {row.get('checks_ok', '-'):>7} {row['silent_losses']:>6} "
            f"{row.get('duplicates', '-'):>4} {row['seconds_per_page']:>6.2f} {tess:>5} {ratio:>5}")


HEADER = (f"{'pipeline':10} {'producer':34} {'pages':>5} {'rows':>9} {'exact':>9} {'agency':>7} {'flags':>6} "
          f"{'dept':>6} {'CER':>6} {'summary':>7} {'checks':>7} {'silent':>6} {'dup':>4} {'s/page':>6} {'tess':>5} {'ratio':>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--producer", type=Path, action="append",
                        help="born-digital PDF of the reference report (repeatable; default the reportlab "
                             "corpus PDF and the fpdf2 one)")
    parser.add_argument("--pipeline", action="append", choices=list(PIPELINES),
                        help="scan pipeline (repeatable; default all eleven)")
    parser.add_argument("--pages", help="1-based pages of each producer's PDF, e.g. 1-10 (default all)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="OCR processes (default 2)")
    parser.add_argument("--engine", default="auto", help="OCR engine (default auto, what ingest uses)")
    parser.add_argument("--scans", type=Path, default=BUILD, help="where scans are built (default build/scans)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild scans that already exist")
    parser.add_argument("--no-baseline", action="store_true", help="skip the full-page Tesseract timing")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "scans.json", help="JSON output")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    truth_cases, truth_counts = read_truth(TRUTH)
    names = args.pipeline or list(PIPELINES)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-scans-") as tmp:
        work = Path(tmp)
        for producer in args.producer or PRODUCERS:
            if not producer.is_file():
                parser.error(f"{producer}: no such PDF")
            cut_dir = work / producer.stem
            cut_dir.mkdir()
            clean = subset_pdf(producer, args.pages, cut_dir)
            clean_db = work / f"{producer.stem}-born-digital.duckdb"
            _, outcome = ingest(clean, clean_db, args.jobs, args.engine)
            pages, counts = page_map(clean_db, clean.name)
            cases = [r for r in truth_cases if (r["criterion"], int(r["case_no"])) in pages] \
                if args.pages else truth_cases
            summary = [r for r in truth_counts if (r["criterion"], r["agency"]) in counts] \
                if args.pages else truth_counts
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(str(clean))
            page_count = len(doc)
            doc.close()
            print(f"{producer.name}: born-digital copy {outcome}; {len(cases)} rows and "
                  f"{len(summary)} summary rows expected on {page_count} pages", flush=True)
            for name in names:
                row = run_one(producer, name, args, work, clean_db, pages, (cases, summary), page_count)
                row["held_out"] = name in HELD_OUT
                rows.append(row)
                print(line(row), flush=True)
                if row.get("cer_by_field"):
                    print("  CER by field: " + ", ".join(f"{f} {'-' if v is None else f'{v:.2%}'}"
                                                         for f, v in row["cer_by_field"].items()), flush=True)
    table = []
    for title, block in (("tuning", [n for n in names if n in TUNING]), ("held out", [n for n in names if n in HELD_OUT])):
        if block:
            table += [f"-- {title}", HEADER, *(line(r) for r in rows if r["pipeline"] in block)]
    print("\n".join(table))
    result = {"command": " ".join(["python -m dev.bench_scans", *(argv if argv is not None else sys.argv[1:])]),
              "engine": args.engine, "jobs": args.jobs, "table": table,
              "tuning": [r for r in rows if not r["held_out"]], "held_out": [r for r in rows if r["held_out"]]}
    write_report(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
