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


def printed_lines(page: Any, box: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """The boxes (points) of the lines the born-digital copy prints inside ``box``, top to bottom."""
    x0, top, x1, bottom = box
    lines: dict[int, list[Any]] = {}
    for c in page.chars:
        if c["text"].strip() and x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom:
            lines.setdefault(round(c["top"] / 3), []).append(c)
    return [(min(c["x0"] for c in cs), min(c["top"] for c in cs), max(c["x1"] for c in cs),
             max(c["bottom"] for c in cs)) for _, cs in sorted(lines.items())]


def cut_crop(gray: Any, rules: Any, limit: tuple[int, int, int, int], box: tuple[float, float, float, float],
             scale: float) -> Any:
    """A line crop cut where the born-digital copy prints the line, as ``ocr.line_crop`` pads and paints it."""
    import numpy as np
    from PIL import Image

    from pipeline.extract.ocr import LINE_PAD

    x0, y0 = max(limit[0], int(box[0] * scale) - LINE_PAD), max(limit[1], int(box[1] * scale) - LINE_PAD)
    x1, y1 = min(limit[2], int(box[2] * scale) + 1 + LINE_PAD), min(limit[3], int(box[3] * scale) + 1 + LINE_PAD)
    crop = gray[y0:y1, x0:x1].copy()
    if rules is not None:
        crop[rules[y0:y1, x0:x1] > 0] = 255
    return Image.fromarray(np.pad(crop, LINE_PAD, constant_values=255), mode="L")


def ideal_pages(born_pdf: Path, index: int, size: tuple[int, int], dpi: float) -> dict[str, Any]:
    """The born-digital page at the scan's size: rendered at ``dpi`` (``clean``), and through a fax's sampling
    without its noise (``fax``: 200 dpi across, halved down, dev/scan_pipelines.fax's tone and threshold,
    then made into a page as ``stored_scan`` makes a stored fax)."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    from pipeline.extract.stored_scan import despeckled, smoothing, upsampled

    doc = pdfium.PdfDocument(str(born_pdf))
    try:
        page = doc[index]
        clean = np.asarray(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
        fine = np.asarray(page.render(scale=200 / 72, grayscale=True).to_pil().convert("L"), np.float32)
    finally:
        doc.close()
    down = cv2.resize(35 + fine / 255 * 205, (fine.shape[1], fine.shape[0] // 2), interpolation=cv2.INTER_AREA)
    fax = np.where(down < 165, 0, 255).astype(np.uint8)
    canvas = np.full((size[1], size[0]), 255, np.uint8)
    canvas[:min(size[1], clean.shape[0]), :min(size[0], clean.shape[1])] = clean[:size[1], :size[0]]
    return {"clean": canvas, "fax": upsampled(despeckled(fax), size, smoothing(size, (fax.shape[1], fax.shape[0])))}


def printed_line_readings(layout: Any, page: Any, born: Any, born_pdf: Path, index: int, engine: Any,
                          name: str) -> dict[tuple[int, int, int], dict[str, str]]:
    """Each cell read from crops cut at the born-digital copy's printed lines: on the scan's own page
    (``NAME@cut``: the line splitter's cutting taken out) and on ``ideal_pages`` (``NAME@clean``,
    ``NAME@fax``)."""
    from pipeline.normalize import normalize_ocr_text

    h, w = layout.gray.shape
    scale = layout.dpi / 72
    sources = {"cut": (layout.gray, layout.rules), **{k: (v, None) for k, v in ideal_pages(
        born_pdf, index, (w, h), layout.dpi).items()}}
    jobs: list[tuple[tuple[int, int, int], str, Any]] = []
    for ti, (table, grid) in enumerate(zip(page.tables, layout.grids)):
        for row in table.cells:
            for cell in row:
                b = cell.bbox
                limit = next(g.box for g in grid.cells if (g.row, g.col) == (cell.row, cell.col))
                for box in printed_lines(born, (b.x0, b.top, b.x1, b.bottom)):
                    for kind, (gray, rules) in sources.items():
                        jobs.append(((ti, cell.row, cell.col), kind, cut_crop(
                            gray, rules, limit if kind == "cut" else (0, 0, w, h), box, scale)))
    out: dict[tuple[int, int, int], dict[str, str]] = {}
    for (key, kind, _), (text, _) in zip(jobs, engine.recognize_lines([crop for *_, crop in jobs])):
        entry = out.setdefault(key, {})
        entry[f"{name}@{kind}"] = entry.get(f"{name}@{kind}", "") + text
    as_engine = getattr(engine, "normalize_as", engine.name)
    return {k: {n: canon(normalize_ocr_text(t, as_engine)) for n, t in v.items()} for k, v in out.items()}


def page_cells(scan: Path, born: Any, index: int, engines: dict[str, Any], born_pdf: Path | None = None,
               ) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Every cell of one page with its printed text and each engine's reading; seconds per engine.

    With ``born_pdf``, also each engine's readings of crops cut at the printed lines (``printed_line_readings``).
    """
    from pipeline.extract.ocr import layout_to_page, page_layout, read_page_image, recognize_layout

    page_image = read_page_image(scan, index)
    layout = page_layout(page_image.image, page_image.dpi, scan_dpi=page_image.smooth_from,
                         coarse=page_image.coarse, bilevel=page_image.bilevel)
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
        if born_pdf is not None:
            for key, readings in printed_line_readings(layout, page, born, born_pdf, index, engine, name).items():
                cells[key].update(readings)
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
    parser.add_argument("--printed-lines", action="store_true",
                        help="also read crops cut where the born-digital copy prints each line: on the scan's "
                             "page (ENGINE@cut), on the born page rendered clean (ENGINE@clean) and through a "
                             "fax's 200 x 100 dpi sampling without its noise (ENGINE@fax)")
    args = parser.parse_args(argv)

    import pdfplumber

    from pipeline.extract.engines import get_engine

    names = args.engine or ["auto"]
    engines = {name: get_engine(name) for name in names}
    cells: list[dict[str, Any]] = []
    seconds: Counter[str] = Counter()
    with pdfplumber.open(args.born) as born:
        for index in parse_pages(args.pages, len(born.pages)):
            got, took = page_cells(args.scan, born.pages[index], index, engines,
                                   args.born if args.printed_lines else None)
            cells += got
            seconds.update(took)
    report = {}
    cuts = ("cut", "clean", "fax") if args.printed_lines else ()
    readers = [reader for name in names for reader in (name, *(f"{name}@{cut}" for cut in cuts))]
    cells = [{**c, **{n: c.get(n, "") for n in readers}} for c in cells]
    for name in readers:
        s = summarize(cells, name, args.long)
        report[name] = {**s, "seconds": round(seconds.get(name, 0.0), 2)}
        print(f"{name:10s} long CER {s['long']['cer']:.2%} of {s['long']['chars']} "
              f"(replace {s['long']['replace']:.2%}, delete {s['long']['delete']:.2%}, insert "
              f"{s['long']['insert']:.2%})  short CER {s['short']['cer']:.2%} of {s['short']['chars']}  "
              f"{seconds.get(name, 0.0):.1f} s reading")
        worst = sorted(cells, key=lambda c: -sum(edits(c[name], c["printed"]).values()))[:args.show]
        for c in worst:
            print(f"  p{c['page']} r{c['row']} c{c['col']}: {c['printed']}\n  {'':>{len(str(c['page'])) + 8}}{c[name]}")
    if args.out:
        write_report(args.out, {"scan": str(args.scan), "born": str(args.born), "pages": args.pages,
                                "engines": report, "cells": cells})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
