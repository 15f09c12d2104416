"""Pure helpers the extractor asks about the same values tens of thousands of times a page, cached.

Grouping characters into lines sorts every subset of a page's characters
(a table, each of its cells, each band) by their rounded tops; rounding a
float to a tenth is slow in CPython, and a page has only a few hundred
distinct tops. The cache returns exactly what ``round`` does.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1 << 14)
def tenth(y: float) -> float:
    """``round(y, 1)``."""
    return round(y, 1)
