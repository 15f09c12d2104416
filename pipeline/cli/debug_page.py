"""``kaiji debug-page``: draw what the OCR extractor saw on one page (grid, cells, lines, doubtful readings)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.extract.engines import ENGINE_NAMES

HELP = "draw what OCR saw on one page: grid, cells, text lines, doubtful readings"
DESCRIPTION = """\
Draw what the OCR extractor saw on one page: grid, cells, text lines, doubtful readings.

Writes a PNG of the deskewed page with

* each ruled grid's outline (blue) and its cells (green, merged cells once),
* every text line box sent to the engine (thin grey), and
* lines read with low confidence (red, with the confidence), or read as nothing.
"""
EPILOG = """\
examples:
  kaiji debug-page corpus/pdf/setagaya-2023-report359-scan200.pdf 28
  kaiji debug-page FILE PAGE --engine ppocr --below 0.8 --out /tmp/p28.png
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="PDF file")
    parser.add_argument("page", type=int, help="1-based page number")
    parser.add_argument("--engine", default="auto", choices=ENGINE_NAMES,
                        help="OCR engine (default auto)")
    parser.add_argument("--dpi", type=int, default=300, help="render resolution (default 300)")
    parser.add_argument("--below", type=float, default=0.75,
                        help="mark lines read with a confidence below this (default 0.75)")
    parser.add_argument("--no-ocr", action="store_true", help="draw the grid and line boxes only")
    parser.add_argument("--out", type=Path, help="PNG to write (default FILE-stem-pPAGE-ocr.png here)")


def run(args: argparse.Namespace) -> int:
    from PIL import Image, ImageDraw

    from pipeline.extract.engines import get_engine
    from pipeline.extract.ocr import page_layout, read_page_image, recognize_layout

    page = read_page_image(args.file, args.page - 1, args.dpi)
    # as the ingest reads it: the image's own dpi, and a low-resolution scan smoothed (scan_dpi)
    layout = page_layout(page.image, page.dpi, scan_dpi=page.smooth_from, coarse=page.coarse, bilevel=page.bilevel)
    results = [] if args.no_ocr else recognize_layout(layout, get_engine(args.engine))
    canvas = Image.fromarray(layout.gray).convert("RGB")
    draw = ImageDraw.Draw(canvas)
    for grid in layout.grids:
        draw.rectangle(grid.box, outline=(0, 90, 255), width=6)
        for cell in grid.cells:
            x0, y0, x1, y1 = cell.box
            draw.rectangle((x0 + 3, y0 + 3, x1 - 3, y1 - 3), outline=(0, 170, 0), width=2)
    doubtful = 0
    for k, line in enumerate(layout.line_boxes):
        draw.rectangle(line.box, outline=(150, 150, 150), width=1)
        if k < len(results):
            text, conf = results[k]
            if not text or conf < args.below:
                doubtful += 1
                draw.rectangle(line.box, outline=(230, 0, 0), width=3)
                draw.text((line.box[0], line.box[3] + 2), f"{conf:.2f}", fill=(230, 0, 0))
    out = args.out or Path(f"{args.file.stem}-p{args.page}-ocr.png")
    canvas.save(out)
    print(f"{out}: skew {layout.skew:+.2f}°, {len(layout.grids)} grid(s), "
          f"{sum(len(g.cells) for g in layout.grids)} cells, {len(layout.line_boxes)} lines, "
          f"{doubtful} below {args.below}")
    return 0
