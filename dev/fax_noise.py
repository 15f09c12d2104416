"""The fax scan pipeline with some of its noise left out, every other random draw the same (issue 12).

``dev/scan_pipelines.fax`` turns a page into a 200 x 100 dpi bilevel fax:
a skew, threshold noise (grey noise before a hard threshold: ragged edges),
broken thin rules, toner drop-outs and speckle. To learn which of them costs
the characters OCR loses, this builds the same scan with named parts left
out; every random number is still drawn in the same order, so what is left
is pixel for pixel the real scan's (``--without`` nothing gives the very
bytes of ``dev.build_scans --pipeline fax``). Read the outputs with
``python -m dev.ocr_cells SCAN BORN`` (docs/ocr.md, ninth round).

    python -m dev.fax_noise tests/extract/cases/setagaya-2023-report359-fpdf2.pdf --pages 1-8 \\
        --without drop --out /tmp/fax-nodrop
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from dev import scan_pipelines
from dev.build_scans import build_pipeline

PARTS = scan_pipelines.FAX_PARTS


@contextmanager
def fax_pipeline(off: frozenset[str]) -> Iterator[None]:
    """``scan_pipelines.PIPELINES['fax']`` drawn without ``off`` while the block runs."""
    spec, real = scan_pipelines.PIPELINES["fax"]
    scan_pipelines.PIPELINES["fax"] = (spec, partial(scan_pipelines.fax, off=off))
    try:
        yield
    finally:
        scan_pipelines.PIPELINES["fax"] = (spec, real)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", type=Path, help="born-digital PDF")
    parser.add_argument("--pages", help="1-based pages, e.g. 1-8 (default all)")
    parser.add_argument("--without", action="append", choices=PARTS, default=[], help="part to leave out (repeatable)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with fax_pipeline(frozenset(args.without)):
        out = build_pipeline(args.pdf, "fax", args.out, args.pages)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
