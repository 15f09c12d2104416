"""Why an OCR'd page may have lost what it prints: never left to a silence.

A page whose grid is not found keeps its rows as one block of running text, and
nothing downstream can tell a list from prose: the copier scans of stop 38 lost
a page of 47 rows so (their black edges read as the frame of a page-sized table),
with no finding. Two doubts are kept in ``PageInfo.doubts``, and the recognize
stage makes a ``page_read_doubtful`` finding of each: rules enough for a table of
which no grid was made, and far fewer characters read than the page's ink would
make (``text_lines.ink_characters``: text not found, or the page is a figure).
"""

from __future__ import annotations

import cv2
import numpy as np

LOOSE_RULES = (3, 2)  # horizontal and vertical rules enough for a table
BARELY_READ = 0.15  # read under this share of the characters a page's ink suggests: text was not found
BARELY_READ_MIN = 200  # ... on a page whose ink would make at least this many (not a near-empty page)


def count_rules(mask: np.ndarray) -> int:
    """How many separate rules a rule mask holds."""
    return int(cv2.connectedComponents((mask > 0).astype(np.uint8))[0]) - 1


def page_doubts(loose_rules: tuple[int, int], ink_chars: float, read_chars: int) -> tuple[str, ...]:
    """The doubts about one page: ``loose_rules`` the horizontal and vertical rules on it when no grid was
    made (else 0, 0), ``ink_chars`` the characters its ink would make, ``read_chars`` those read."""
    doubts = []
    h, v = loose_rules
    if h >= LOOSE_RULES[0] and v >= LOOSE_RULES[1]:
        doubts.append(f"{h} horizontal and {v} vertical rules were found but no table grid was made of them: "
                      "its rows are kept as running text only")
    if ink_chars >= BARELY_READ_MIN and read_chars < BARELY_READ * ink_chars:
        doubts.append(f"OCR read {read_chars} characters where the page's ink would make about "
                      f"{round(ink_chars)}: text on it was most likely not found (or it is a figure)")
    return tuple(doubts)
