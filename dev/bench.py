#!/usr/bin/env python3
"""Pages per second of the whole born-digital ingest vs bare pdfplumber extract_tables.

Both run in this one process on one core, interleaved round by round so that
the machine's noise hits both alike; the figure for each is the median round.
"Whole ingest" is the real run (pipeline.run.process_bytes: extraction with
triage, recognition with normalization, incidents, department matching, the
checks) and the DuckDB load into a fresh warehouse, once on one core and once
with pages spread over --jobs processes. The
breakdown says where the time goes. Figures are printed and written as JSON.

    python -m dev.bench --rounds 5 --out bench/ingest.json
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from dev.scoring import write_report

ROOT = Path(__file__).resolve().parents[1]
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


def whole_ingest(pdfs: list[Path], db: Path, jobs: int) -> tuple[int, float, dict[str, float]]:
    """The real run (pipeline.run.process_bytes, then the load) into a fresh warehouse."""
    from pipeline.extract import ExtractSettings
    from pipeline.load.warehouse import connect, load_document
    from pipeline.run import RunSettings, process_bytes

    parts: dict[str, float] = {}
    settings = RunSettings(extract=ExtractSettings(jobs=jobs))
    started = time.perf_counter()
    con = connect(db)
    pages = 0
    for path in pdfs:
        result = process_bytes(path.read_bytes(), path.name, settings, timings=parts)
        t0 = time.perf_counter()
        load_document(con, result)
        parts["load"] = parts.get("load", 0.0) + time.perf_counter() - t0
        pages += result.extraction.page_count
    con.close()
    return pages, time.perf_counter() - started, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT_PDFS, help="born-digital PDFs to time")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel figure (default: the number of cores)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ingest.json", help="JSON file to write")
    args = parser.parse_args(argv)

    # warm-up: imports, font and CMap caches, config parsing
    whole_ingest(args.pdfs, Path(tempfile.mkdtemp()) / "warm.duckdb", 1)
    bare_extract_tables(args.pdfs[:1])

    bare_rates, ours_rates, parallel_rates, breakdowns = [], [], [], []
    for i in range(args.rounds):
        pages, seconds = bare_extract_tables(args.pdfs)
        bare_rates.append(pages / seconds)
        pages, seconds, parts = whole_ingest(args.pdfs, Path(tempfile.mkdtemp()) / f"round{i}.duckdb", 1)
        ours_rates.append(pages / seconds)
        breakdowns.append({k: v / seconds for k, v in parts.items()})
        pages, seconds, _ = whole_ingest(args.pdfs, Path(tempfile.mkdtemp()) / f"par{i}.duckdb", args.jobs)
        parallel_rates.append(pages / seconds)
        print(f"round {i + 1}: extract_tables {bare_rates[-1]:.1f} pages/s, whole ingest {ours_rates[-1]:.1f} "
              f"pages/s on one core, {parallel_rates[-1]:.1f} pages/s with --jobs {args.jobs}")

    bare, ours = statistics.median(bare_rates), statistics.median(ours_rates)
    parallel = statistics.median(parallel_rates)
    share = {k: round(statistics.median(b.get(k, 0.0) for b in breakdowns) * 100, 1) for k in breakdowns[0]}
    figures = {
        "pages": pages,
        "rounds": args.rounds,
        "bare_extract_tables_pages_per_s": round(bare, 2),
        "whole_ingest_pages_per_s": round(ours, 2),
        "ratio_ingest_over_extract_tables": round(ours / bare, 3),
        "whole_ingest_parallel_pages_per_s": round(parallel, 2),
        "parallel_jobs": args.jobs,
        "ratio_parallel_ingest_over_extract_tables": round(parallel / bare, 3),
        "ingest_time_share_percent": share,
        "load_average_at_end": os.getloadavg(),
        "per_round": {"extract_tables": [round(r, 2) for r in bare_rates],
                      "whole_ingest": [round(r, 2) for r in ours_rates],
                      "whole_ingest_parallel": [round(r, 2) for r in parallel_rates]},
        "machine": {"python": platform.python_version(), "processor": platform.processor() or platform.machine()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"\nbare pdfplumber extract_tables: {bare:.2f} pages/s (median of {args.rounds})")
    print(f"whole ingest (extract, normalize, recognize, check, load): {ours:.2f} pages/s")
    print(f"ratio whole ingest / extract_tables: {ours / bare:.2f} (one core)")
    print(f"whole ingest with --jobs {args.jobs}: {parallel:.2f} pages/s, ratio {parallel / bare:.2f}")
    print("where the ingest's time goes (% of wall time): "
          + ", ".join(f"{k} {v}%" for k, v in share.items()))
    write_report(args.out, figures, indent=2, ascii_only=True)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
