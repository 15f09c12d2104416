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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from dev import scan_pipelines
from dev.build_scans import build_pipeline

PARTS = ("rotation", "noise", "rules", "drop", "speckle")


def fax_without(off: frozenset[str]) -> Callable[..., Image.Image]:
    """``scan_pipelines.fax`` with the parts named in ``off`` left out and the same random draws."""
    from dev.scan_pipelines import _broken_rules, _rotate, _tone

    def fax(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
        if "rotation" in off:
            rng.uniform(0.1, 1.0), rng.random()  # the angle's draws
            a = _tone(clean, 240, 35)
        else:
            a = _tone(_rotate(clean, rng, 0.1, 1.0), 240, 35)
        h, w = a.shape
        a = cv2.resize(a, (w, h // 2), interpolation=cv2.INTER_AREA)
        noise = rng.normal(0.0, 10.0, size=a.shape).astype(np.float32)
        if "noise" not in off:
            a = a + noise
        ink = (a < 165).astype(np.uint8) * 255
        broken = _broken_rules(ink, rng, 0.12)
        ink[broken if "rules" not in off else np.zeros_like(broken)] = 0
        drop = (rng.random(ink.shape) < 0.02) & (ink > 0)
        ink[drop if "drop" not in off else np.zeros_like(drop)] = 0
        speck = rng.random(ink.shape) < 0.0008
        ink[speck if "speckle" not in off else np.zeros_like(speck)] = 255
        return Image.fromarray(np.where(ink > 0, 0, 255).astype(np.uint8), mode="L").convert("1", dither=None)

    return fax


@contextmanager
def fax_pipeline(off: frozenset[str]) -> Iterator[None]:
    """``scan_pipelines.PIPELINES['fax']`` drawn without ``off`` while the block runs."""
    spec, real = scan_pipelines.PIPELINES["fax"]
    scan_pipelines.PIPELINES["fax"] = (spec, fax_without(off))
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
