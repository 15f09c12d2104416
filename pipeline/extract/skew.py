"""The page's skew: the angle at which its rows of ink run level (``estimate_skew``).

The classic projection-profile search: the row profile of the ink is
sharpest (largest sum of squares) when text lines and table rules are level.
It used to rotate a downscaled ink mask with ``cv2.warpAffine`` for each of
the ~51 angles tried, which was a sixth of a scanned page's layout time
(issue 12). Here the mask is cut once into narrow vertical strips, each
strip's row profile is taken once, and an angle's profile is the sum of the
strips' profiles each shifted by its centre's offset times the sine of the
angle (a fractional shift split between two rows, as linear interpolation
would). On the tuning scans it finds the angle the rotation did, or one a
0.01° step away; a rotation's cosine (rows 0.14% closer at 3°) is not
modelled, nor the corners a rotation crops.
"""

from __future__ import annotations

import cv2
import numpy as np

# (downscale factor, angle step in degrees): 0.2° steps over the whole range on an eighth-size
# profile, then 0.05° around the best on a quarter and 0.01° on a half
SEARCH = ((8, 0.2), (4, 0.05), (2, 0.01))
STRIP = 6  # pixels of the downscaled page per strip: with 8 and 16 a tuning scan came out 0.01° off the rotation's angle, with 6 none
BLOCK = 2 * STRIP  # full-resolution columns summed once; a strip at downscale f is f / 2 of them


def estimate_skew(ink: np.ndarray, max_angle: float = 3.0) -> float:
    """Angle (degrees, counter-clockwise) to rotate the page by so that its rows run level.

    Maximizes the sharpness (sum of squares) of the horizontal projection
    profile, coarse to fine (``SEARCH``). Table rules and text lines both
    peak when level.
    """
    blocks = block_profiles(ink)
    best, span = 0.0, max_angle
    for factor, step in SEARCH:
        sheared = ShearedProfile(blocks, ink.shape, factor, max_angle + span)
        angles = np.arange(best - span, best + span + 1e-9, step)
        best = float(max(angles, key=lambda a: sheared.score(float(a))))
        span = step
    return round(best, 3)


def block_profiles(ink: np.ndarray) -> np.ndarray:
    """Ink summed over each ``BLOCK`` columns wide strip of each full-resolution row (rows x blocks, int32).

    One pass over the page: every downscaled profile of ``ShearedProfile`` is
    a sum of these, so the page is never resized (``cv2.resize`` with
    INTER_AREA to a size not a whole fraction of the page's was slower than
    the whole search).
    """
    h, w = ink.shape
    n = w // BLOCK
    cut = np.ascontiguousarray(ink[:, :n * BLOCK]).reshape(h * n, BLOCK)
    return cv2.reduce(cut, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).reshape(h, n)


class ShearedProfile:
    """The strips' row profiles of the page downscaled ``factor`` times, to score angles with."""

    def __init__(self, blocks: np.ndarray, shape: tuple[int, int], factor: int, max_angle: float) -> None:
        h, w = shape
        group = max(1, factor * STRIP // BLOCK)
        rows, n = h // factor, min((w // factor) // STRIP, blocks.shape[1] // group)
        profiles = (blocks[:rows * factor, :n * group].reshape(rows, factor, n, group)
                    .sum(axis=(1, 3), dtype=np.float64).T)
        # each strip's centre, from the centre of the page (the rotation's), in downscaled pixels
        offsets = np.arange(n) * STRIP + (STRIP - 1) / 2 - (w // factor) / 2
        inked = profiles.any(axis=1)
        self.profiles, self.offsets, self.rows = profiles[inked], offsets[inked], rows
        self.margin = int(np.ceil(np.abs(offsets).max(initial=0) * np.sin(np.deg2rad(max_angle)))) + 2

    def score(self, angle: float) -> float:
        """Sum of squares of the page's row profile turned by ``angle`` (counter-clockwise, y down as in
        ``cv2.getRotationMatrix2D``): a strip at offset dx moves down by -dx sin(angle) rows."""
        rows, margin = self.rows, self.margin
        out = np.zeros(rows + 2 * margin + 1)
        shift = -np.sin(np.deg2rad(angle)) * self.offsets
        whole = np.floor(shift)
        frac = (shift - whole).tolist()
        for profile, at, f in zip(self.profiles, (whole.astype(np.int64) + margin).tolist(), frac):
            out[at:at + rows] += (1 - f) * profile
            out[at + 1:at + 1 + rows] += f * profile
        level = out[margin:margin + rows]  # rows turned off the page are lost, as a rotation loses them
        return float(level @ level)
