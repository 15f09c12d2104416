#!/usr/bin/env python3
"""Pages per second of the whole born-digital ingest vs bare pdfplumber extract_tables.

Both run in this one process on one core, interleaved round by round so that
the machine's noise hits both alike; the figure for each is the median round.
"Whole ingest" is extraction (text layer, grids, cells), recognition with
normalization, the checks, and the DuckDB load into a fresh warehouse. The
breakdown says where the time goes. Figures are printed and written as JSON.

    python scripts/bench.py --rounds 5 --out bench/ingest.json
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import _bootstrap

ROOT = _bootstrap.ROOT
DEFAULT_PDFS = [ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"]


def bare_extract_tables(pdfs: list[Path]) -> tuple[int, float]:
    import pdfplumber

    started = time.perf_counter()
    pages = 0
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
                page.close()
    return pages, time.perf_counter() - started


def whole_ingest(pdfs: list[Path], db: Path) -> tuple[int, float, dict[str, float]]:
    from pipeline.check import reconcile
    from pipeline.config import table_report_types
    from pipeline.extract import extract_document
    from pipeline.load.warehouse import connect, load_document
    from pipeline.recognize import lines_to_document_info, tables_to_records
    from pipeline.types import DocumentResult

    parts = {"extract": 0.0, "recognize_normalize": 0.0, "check": 0.0, "load": 0.0}
    started = time.perf_counter()
    con = connect(db)
    pages = 0
    for path in pdfs:
        t0 = time.perf_counter()
        extraction = extract_document(path.read_bytes(), path.name)
        t1 = time.perf_counter()
        report_types = table_report_types()
        rec = tables_to_records(extraction.tables, report_types)
        rt = next((r for r in report_types if r.name == rec.report_type), None)
        info = lines_to_document_info(extraction.lines, rt)
        t2 = time.perf_counter()
        checks = reconcile(rec.review_counts, rec.cases)
        t3 = time.perf_counter()
        result = DocumentResult(extraction, info, rec.report_type, rec.review_counts, rec.cases,
                                tuple(checks), rec.findings)
        load_document(con, result)
        t4 = time.perf_counter()
        for key, value in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            parts[key] += value
        pages += extraction.page_count
    con.close()
    return pages, time.perf_counter() - started, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT_PDFS, help="born-digital PDFs to time")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ingest.json", help="JSON file to write")
    args = parser.parse_args(argv)

    # warm-up: imports, font and CMap caches, config parsing
    whole_ingest(args.pdfs, Path(tempfile.mkdtemp()) / "warm.duckdb")
    bare_extract_tables(args.pdfs[:1])

    bare_rates, ours_rates, breakdowns = [], [], []
    for i in range(args.rounds):
        pages, seconds = bare_extract_tables(args.pdfs)
        bare_rates.append(pages / seconds)
        pages, seconds, parts = whole_ingest(args.pdfs, Path(tempfile.mkdtemp()) / f"round{i}.duckdb")
        ours_rates.append(pages / seconds)
        breakdowns.append({k: v / seconds for k, v in parts.items()})
        print(f"round {i + 1}: extract_tables {bare_rates[-1]:.1f} pages/s, whole ingest {ours_rates[-1]:.1f} pages/s")

    bare, ours = statistics.median(bare_rates), statistics.median(ours_rates)
    share = {k: round(statistics.median(b[k] for b in breakdowns) * 100, 1) for k in breakdowns[0]}
    figures = {
        "pages": pages,
        "rounds": args.rounds,
        "bare_extract_tables_pages_per_s": round(bare, 2),
        "whole_ingest_pages_per_s": round(ours, 2),
        "ratio_ingest_over_extract_tables": round(ours / bare, 3),
        "ingest_time_share_percent": share,
        "per_round": {"extract_tables": [round(r, 2) for r in bare_rates],
                      "whole_ingest": [round(r, 2) for r in ours_rates]},
        "machine": {"python": platform.python_version(), "processor": platform.processor() or platform.machine()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"\nbare pdfplumber extract_tables: {bare:.2f} pages/s (median of {args.rounds})")
    print(f"whole ingest (extract, normalize, recognize, check, load): {ours:.2f} pages/s")
    print(f"ratio whole ingest / extract_tables: {ours / bare:.2f}")
    print("where the ingest's time goes (% of wall time): "
          + ", ".join(f"{k} {v}%" for k, v in share.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
