#!/usr/bin/env python3
"""CPU time and outputs of ``page_layout`` (deskew, rules, grids, line boxes; no OCR) on the tuning scans.

Issue 12 wants a scanned page read in at most 1.3x full-page Tesseract's
time; the layout stage is the part of it that is ours. For each tuning scan
pipeline (never the held-out one) x producer, the given pages are built as
``dev/bench_scans`` builds them (``--scans``, kept), read as the ingest reads
them (``read_page_image``) and laid out ``--repeat`` times; the least
process CPU time of the repeats is printed (the machine is shared: wall time
and a single run are noise). ``--save`` writes each page's outputs (skew,
grids with their cells, line boxes) to JSON; ``--against`` compares this
run's outputs with such a file and prints the pages that differ, and their
seconds before and after, so a speed-up can be shown not to change what the
layout finds.

    python -m dev.bench_layout --pages 2-3 --save /tmp/layout-before.json
    python -m dev.bench_layout --pages 2-3 --against /tmp/layout-before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from dev.build_scans import build_pipeline
from dev.scan_pipelines import TUNING
from dev.scoring import write_report
from pipeline.extract.ocr import one_opencv_thread, page_layout, read_page_image

ROOT = Path(__file__).resolve().parents[1]
PRODUCERS = (ROOT / "corpus/pdf/setagaya-2023-report359.pdf",
             ROOT / "tests/extract/cases/setagaya-2023-report359-fpdf2.pdf")


def layout_outputs(layout: Any) -> dict[str, Any]:
    """What ``page_layout`` found, as plain JSON: the comparison's subject."""
    return {"skew": layout.skew,
            "grids": [{"box": list(g.box), "xs": list(g.xs), "ys": list(g.ys),
                       "cells": [[c.row, c.col, c.rowspan, c.colspan, *c.box] for c in g.cells]}
                      for g in layout.grids],
            "boxes": [[*b.box, b.grid, b.cell] for b in layout.line_boxes],
            "rules": hashlib.sha1(layout.rules.tobytes()).hexdigest()[:16]}


def time_page(pdf: Path, index: int, repeat: int) -> tuple[float, dict[str, Any]]:
    """Least process CPU seconds of ``repeat`` layouts of one page, and its outputs."""
    page = read_page_image(pdf, index)
    best, out = float("inf"), {}
    for _ in range(repeat):
        start = time.process_time()
        layout = page_layout(page.image, page.dpi, scan_dpi=page.smooth_from, coarse=page.coarse, bilevel=page.bilevel)
        best = min(best, time.process_time() - start)
        out = layout_outputs(layout)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipeline", action="append", choices=TUNING, help="default: every tuning one")
    parser.add_argument("--pages", default="2-3", help="1-based pages of each producer's PDF (default 2-3)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scans", type=Path, default=Path("/tmp/layout-scans"))
    parser.add_argument("--save", type=Path, help="write the outputs and seconds here")
    parser.add_argument("--against", type=Path, help="compare with a file --save wrote")
    parser.add_argument("--opencv-threads", action="store_true",
                        help="leave OpenCV its default threads (the ingest's page readers use one)")
    args = parser.parse_args(argv)
    if not args.opencv_threads:
        one_opencv_thread()
    args.scans.mkdir(parents=True, exist_ok=True)
    before = json.loads(args.against.read_text()) if args.against else {}
    results: dict[str, Any] = {}
    for name in args.pipeline or TUNING:
        total = total_before = 0.0
        changed = 0
        for producer in PRODUCERS:
            scan = args.scans / f"{producer.stem}-{name}-{args.pages}.pdf"
            if not scan.exists():
                build_pipeline(producer, name, args.scans, args.pages).rename(scan)
            import pypdfium2 as pdfium

            count = len(pdfium.PdfDocument(str(scan)))
            for index in range(count):
                key = f"{name}|{producer.stem}|{index}"
                seconds, out = time_page(scan, index, args.repeat)
                results[key] = {"seconds": seconds, **out}
                total += seconds
                if key in before:
                    total_before += before[key]["seconds"]
                    old = {k: v for k, v in before[key].items() if k != "seconds"}
                    if old != out:
                        changed += 1
                        print(f"  {key}: outputs differ: " + ", ".join(k for k in out if old.get(k) != out[k])
                              + f" (skew {old['skew']} -> {out['skew']})")
        pages = sum(1 for k in results if k.startswith(name + "|"))
        line = f"{name:12s} {pages} pages  {total / pages:6.2f} CPU s/page"
        if before:
            line += f"  before {total_before / pages:6.2f}  pages changed {changed}"
        print(line, flush=True)
    if args.save:
        write_report(args.save, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
