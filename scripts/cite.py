#!/usr/bin/env python3
"""Crop where a value is printed on a PDF page to a PNG, to cite or to check it.

    python scripts/cite.py report.pdf 3 --bbox 22,86.68,820,103.84 --out case.png

PAGE counts from 1; --bbox is x0,top,x1,bottom in PDF points from the page's top
left (the warehouse's page_no and bbox columns); without it the whole page.
Exit codes: 0 written, 2 the file, page or box could not be used.
"""

import argparse
import sys

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.outputs.cite import DPI, CiteError, cite, parse_bbox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cite.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="the PDF")
    parser.add_argument("page", metavar="PAGE", type=int, help="page number, from 1")
    parser.add_argument("--bbox", help="x0,top,x1,bottom in PDF points (default: the whole page)")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--dpi", type=int, default=DPI, help="resolution (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        bbox = parse_bbox(args.bbox) if args.bbox else None
        crop = cite(args.file, args.page, args.out, bbox, dpi=args.dpi)
    except (ValueError, CiteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {crop.path} (page {crop.page_no})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
