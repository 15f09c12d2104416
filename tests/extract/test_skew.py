"""Deskew's angle on synthetic pages turned by known angles (PIL's rotation, not the code's own)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.extract.grid import ink_mask
from pipeline.extract.skew import estimate_skew


def a4_page() -> Image.Image:
    """An A4 page at 300 dpi: a heading, a ruled table of glyph-like rows and a paragraph under it."""
    img = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(img)
    xs, ys = [250, 450, 1300, 1900, 2230], list(range(600, 2300, 85))
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for top in ys[:-1]:
        for x0, x1 in pairwise(xs):
            glyph_row(d, x0 + 15, top + 25, min(x1 - 15, x0 + 520))
    glyph_row(d, 250, 350, 1400)
    for top in range(2450, 3200, 60):
        glyph_row(d, 250, top, 2230)
    return img


def glyph_row(d: ImageDraw.ImageDraw, x0: int, top: int, x1: int) -> None:
    """Glyph-like marks 30 px tall: outlined boxes with a cross stroke, 36 px apart."""
    for x in range(x0, x1 - 28, 36):
        d.rectangle([x, top, x + 28, top + 30], outline=0, width=3)
        d.line([(x, top + 15), (x + 28, top + 15)], fill=0, width=3)


@pytest.mark.parametrize("angle", [-2.73, -1.05, -0.18, 0.0, 0.37, 1.8, 2.91])
def test_skew_is_the_angle_the_page_was_turned_by(angle: float) -> None:
    turned = np.asarray(a4_page().rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255))
    assert estimate_skew(ink_mask(turned)) == pytest.approx(-angle, abs=0.011)


def test_a_page_smaller_than_a_strip_is_searched_without_failing() -> None:
    assert abs(estimate_skew(np.zeros((40, 30), np.uint8))) <= 3.3
