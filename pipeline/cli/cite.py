"""``kaiji cite``: crop where a value is printed on a PDF page to a PNG, to cite or to check it."""

from __future__ import annotations

import argparse

HELP = "a PDF page, or a box on it, as a PNG (to cite or check a value)"
DESCRIPTION = """\
Crop where a value is printed on a PDF page to a PNG, to cite or to check it.

PAGE counts from 1; --bbox is x0,top,x1,bottom in PDF points from the page's top
left (the warehouse's page_no and bbox columns); without it the whole page.
Exit codes: 0 written, 2 the file, page or box could not be used.
"""
EPILOG = "example:\n  kaiji cite report.pdf 3 --bbox 22,86.68,820,103.84 --out case.png\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.outputs.cite import DPI

    parser.add_argument("file", metavar="FILE", help="the PDF")
    parser.add_argument("page", metavar="PAGE", type=int, help="page number, from 1")
    parser.add_argument("--bbox", help="x0,top,x1,bottom in PDF points (default: the whole page)")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--dpi", type=int, default=DPI, help="resolution (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    from pipeline.outputs.cite import cite, parse_bbox

    bbox = parse_bbox(args.bbox) if args.bbox else None
    crop = cite(args.file, args.page, args.out, bbox, dpi=args.dpi)
    print(f"wrote {crop.path} (page {crop.page_no})")
    return 0
