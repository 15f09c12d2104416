"""What PP-OCRv5 read on the current page, kept for the closed-vocabulary scoring that follows.

The cascade's second engine re-reads a page's doubtful lines, and the cells
``ocr.closed_cell_choices`` then scores against the closed values (a flag or an
agency misread) are mostly those same lines: scoring ran the recognizer over
the same crops a second time (on fax x fpdf2 pages 3-4 the scoring was 4.9 s of
36 s, nearly all of it that second pass). The engine keeps, for each line it
read on the page, the recognizer's probabilities over the few classes the
closed values are written with (the blank first), keyed by the crop's pixels;
scoring a line it has read costs only the CTC sums (``closed_vocab``).

The recognizer reads one line per call (``PaddleEngine``'s batch of one), so a
line's probabilities do not depend on which other lines were read with it:
kept and re-run ones are the same numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

BLANK = 0  # the CTC blank's class index in PP-OCRv5's dictionary


def crop_key(pixels: np.ndarray) -> bytes:
    """A digest of a prepared crop's pixels and shape: the same line cut twice has the same key."""
    digest = hashlib.blake2b(repr(pixels.shape).encode(), digest_size=16)
    digest.update(np.ascontiguousarray(pixels).tobytes())
    return digest.digest()


def value_columns(classes: dict[str, tuple[int, ...]], values: Iterable[str]) -> tuple[int, ...]:
    """The class indices that write any character of ``values``, the blank first: what scoring them reads."""
    used = {c for value in values for ch in value for c in classes.get(ch, ())}
    return (BLANK, *sorted(used - {BLANK}))


def narrowed_classes(classes: dict[str, tuple[int, ...]], columns: Sequence[int]) -> dict[str, tuple[int, ...]]:
    """``classes`` restricted to ``columns`` and renumbered as positions in it (the blank stays 0), for a
    probability matrix cut down to those columns; a character with none of its classes there is left out."""
    position = {c: k for k, c in enumerate(columns)}
    out = {}
    for ch, ix in classes.items():
        kept = tuple(position[c] for c in ix if c in position)
        if kept:
            out[ch] = kept
    return out


class PageReads:
    """The current page's lines as read: crop key -> probabilities over ``columns`` (slices x columns).

    ``start_page`` forgets the last page (a crop recurs within a page, not across pages) and sets the
    columns to keep; lines read before any ``start_page`` are not kept.
    """

    def __init__(self) -> None:
        self.columns: tuple[int, ...] = ()
        self._rows: dict[bytes, np.ndarray] = {}

    def start_page(self, columns: Sequence[int]) -> None:
        self.columns = tuple(columns)
        self._rows = {}

    def keep(self, key: bytes, probs: np.ndarray) -> None:
        if self.columns:
            self._rows[key] = np.asarray(probs)[:, self.columns].astype(np.float64)

    def get(self, key: bytes, columns: Sequence[int]) -> np.ndarray | None:
        """The kept probabilities of a crop over ``columns`` (which must be among those kept), or None."""
        rows = self._rows.get(key)
        if rows is None or not set(columns) <= set(self.columns):
            return None
        if tuple(columns) == self.columns:
            return rows
        position = {c: k for k, c in enumerate(self.columns)}
        return rows[:, [position[c] for c in columns]]
