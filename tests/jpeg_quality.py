"""The quality a stored JPEG was saved at, for the scan pipelines' tests (ledger, sandwich: a quality per sheet),
and the seeding check every grey JPEG pipeline's drawing passes."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
from PIL import Image


def quality_of(jpeg: bytes) -> int:
    """The quality pillow saved a JPEG at: the one whose quantization tables it holds."""
    stored = Image.open(io.BytesIO(jpeg)).quantization
    for quality in range(1, 101):
        buf = io.BytesIO()
        Image.new("L", (8, 8), 128).save(buf, format="JPEG", quality=quality, subsampling=0)
        if Image.open(io.BytesIO(buf.getvalue())).quantization == stored:
            return quality
    raise AssertionError("no pillow quality gives these tables")


def assert_seeded_grey(draw: Callable[..., Image.Image], page: np.ndarray, quality: tuple[int, int]) -> None:
    """A grey pipeline's sheet (``draw(page, rng, page=3)``) is the same image for the same seed, another for
    another seed, the page's size, with its JPEG quality within the pipeline's range."""
    first = draw(page, np.random.default_rng(7), page=3)
    again = draw(page, np.random.default_rng(7), page=3)
    assert first.mode == "L" and first.size == (page.shape[1], page.shape[0])
    assert first.tobytes() == again.tobytes() and first.info == again.info
    assert quality[0] <= first.info["jpeg_quality"] <= quality[1]
    assert first.tobytes() != draw(page, np.random.default_rng(8), page=3).tobytes()
