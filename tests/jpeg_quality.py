"""The quality a stored JPEG was saved at, for the scan pipelines' tests (ledger, sandwich: a quality per sheet)."""

from __future__ import annotations

import io

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
