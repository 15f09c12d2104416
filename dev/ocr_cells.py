"""Each OCR'd table cell of a scan against the text its born-digital copy prints in the same box.

The warehouse's CER (bench_scans) mixes reading with layout and recognition;
this isolates the reading. A scan page is laid out once (deskew, grid, line
boxes, exactly as the ingest does: ``read_page_image`` + ``page_layout``),
every line is read by each ``--engine``, and each cell's text is compared
with the characters the born-digital copy (the PDF the scan was made from:
same page size, so the deskewed cell boxes land on it) prints inside the
cell's box. Printed per engine: CER of long cells (>= ``--long`` characters:
descriptions, departments) and of short ones (No., 有/無, 区長, counts), the
share of substituted, deleted and inserted characters, seconds reading, and
the cells with the most edits. Built for issue 12 (fax scans read far
worse): it showed the fax's errors are substituted glyphs, not lost lines.

    python -m dev.ocr_cells build/scans/pages-1-8/setagaya-2023-report359-fpdf2-fax.pdf \\
        tests/extract/cases/setagaya-2023-report359-fpdf2.pdf --pages 3,5 --engine tesseract --engine ppocr
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dev.scoring import canon, parse_pages, write_report

ROOT = Path(__file__).resolve().parents[1]


def printed_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """The born-digital characters whose centre lies in ``box`` (points, top-left origin), in reading order."""
    x0, top, x1, bottom = box
    chars = [c for c in page.chars
             if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    chars.sort(key=lambda c: (round(c["top"] / 3), c["x0"]))  # 3 pt: one printed line
    return canon("".join(c["text"] for c in chars))


def page_cells(scan: Path, born: Any, index: int, engines: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Every cell of one page with its printed text and each engine's reading; seconds per engine."""
    from pipeline.extract.ocr import layout_to_page, page_layout, read_page_image, recognize_layout

    page_image = read_page_image(scan, index)
    layout = page_layout(page_image.image, page_image.dpi, scan_dpi=page_image.smooth_from,
                         coarse=page_image.coarse)
    cells: dict[tuple[int, int, int], dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    for name, engine in engines.items():
        start = time.perf_counter()
        results = recognize_layout(layout, engine)
        seconds[name] = time.perf_counter() - start
        page = layout_to_page(layout, results, index + 1, page_image.width_pt, page_image.height_pt,
                              getattr(engine, "normalize_as", engine.name), 0.0)
        for ti, table in enumerate(page.tables):
            for row in table.cells:
                for cell in row:
                    b = cell.bbox
                    entry = cells.setdefault((ti, cell.row, cell.col), {
                        "page": index + 1, "row": cell.row, "col": cell.col,
                        "printed": printed_text(born, (b.x0, b.top, b.x1, b.bottom))})
                    entry[name] = canon(cell.text)
    return [c for c in cells.values() if c["printed"]], seconds


def edits(have: str, want: str) -> Counter[str]:
    """Substitutions, deletions and insertions turning the printed text into the reading."""
    from rapidfuzz.distance import Levenshtein

    return Counter(op.tag for op in Levenshtein.editops(want, have))


def summarize(cells: list[dict[str, Any]], engine: str, long: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, keep in (("long", lambda n: n >= long), ("short", lambda n: n < long)):
        chosen = [c for c in cells if keep(len(c["printed"]))]
        n = sum(len(c["printed"]) for c in chosen)
        ops: Counter[str] = Counter()
        for c in chosen:
            ops.update(edits(c[engine], c["printed"]))
        out[kind] = {"chars": n, "cer": round(sum(ops.values()) / max(1, n), 4),
                     **{tag: round(ops[tag] / max(1, n), 4) for tag in ("replace", "delete", "insert")}}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scan", type=Path, help="the scanned PDF")
    parser.add_argument("born", type=Path, help="the born-digital PDF the scan was made from (same pages)")
    parser.add_argument("--pages", help="1-based pages, e.g. 3,5 (default all)")
    parser.add_argument("--engine", action="append", help="OCR engine, repeatable (default auto)")
    parser.add_argument("--long", type=int, default=8, help="characters from which a cell counts as long (8)")
    parser.add_argument("--show", type=int, default=10, help="cells with the most edits to print per engine (10)")
    parser.add_argument("--out", type=Path, help="JSON with every cell's readings")
    args = parser.parse_args(argv)

    import pdfplumber

    from pipeline.extract.engines import get_engine

    names = args.engine or ["auto"]
    engines = {name: get_engine(name) for name in names}
    cells: list[dict[str, Any]] = []
    seconds: Counter[str] = Counter()
    with pdfplumber.open(args.born) as born:
        for index in parse_pages(args.pages, len(born.pages)):
            got, took = page_cells(args.scan, born.pages[index], index, engines)
            cells += got
            seconds.update(took)
    report = {}
    for name in names:
        s = summarize(cells, name, args.long)
        report[name] = {**s, "seconds": round(seconds[name], 2)}
        print(f"{name:10s} long CER {s['long']['cer']:.2%} of {s['long']['chars']} "
              f"(replace {s['long']['replace']:.2%}, delete {s['long']['delete']:.2%}, insert "
              f"{s['long']['insert']:.2%})  short CER {s['short']['cer']:.2%} of {s['short']['chars']}  "
              f"{seconds[name]:.1f} s reading")
        worst = sorted(cells, key=lambda c: -sum(edits(c[name], c["printed"]).values()))[:args.show]
        for c in worst:
            print(f"  p{c['page']} r{c['row']} c{c['col']}: {c['printed']}\n  {'':>{len(str(c['page'])) + 8}}{c[name]}")
    if args.out:
        write_report(args.out, {"scan": str(args.scan), "born": str(args.born), "pages": args.pages,
                                "engines": report, "cells": cells})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
