"""``grid._long_runs`` merges passes of the closings and openings it chains: the same masks as the chain itself."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline.extract.grid import _long_runs


def chain(ink: np.ndarray, *kernels: tuple[int, int]) -> np.ndarray:
    """Close, open, close, open, each with OpenCV's own morphologyEx: what ``_long_runs`` must equal."""
    out = ink
    for op, size in zip((cv2.MORPH_CLOSE, cv2.MORPH_OPEN, cv2.MORPH_CLOSE, cv2.MORPH_OPEN), kernels, strict=True):
        out = cv2.morphologyEx(out, op, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_merged_passes_give_the_chains_mask(seed: int) -> None:
    rng = np.random.default_rng(seed)
    ink = ((rng.random((211, 187)) < rng.uniform(0.1, 0.9)) * 255).astype(np.uint8)
    lengths = [int(v) for v in rng.integers(1, 60, 4)]  # odd and even, some longer than the image is tall
    kernels = [(n, 1) for n in lengths] if seed % 2 else [(1, n) for n in lengths]
    assert np.array_equal(_long_runs(ink, *kernels), chain(ink, *kernels))
