"""How far above its first rule a table drawn with horizontal rules may look for its header.

``rulestack.widened`` takes the lines just above a stack's first rule as
its header (a header set above the rules, as many producers print it).
Every stack of the page is widened from the same characters, and the
lines are those whose centres lie across the stack: when a table is
narrower than the text (Scribus centres the summary tables between wider
margins), the caption 「（2）目的外利用の審査基準」 set from the margin
is cut at the table's edge into 「審査基準」, which reads as a heading, and
the walk went on up through the rows of the table above: the second table
took the first one's rows. The header stays below the last rule drawn
across the table above its first rule, and below a phrase that runs
across the table's left or right edge (a caption from the margin; a
heading beside the table in a chunk of its own is no such phrase).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.extract.alignment import chars_to_rows, line_chunks
from pipeline.extract.ruling import SNAP, Segment

Char = dict[str, Any]


def header_ceiling(chars: Sequence[Char], bbox: tuple[float, float, float, float], hs: Sequence[Segment],
                   overlap: float) -> float:
    """The lowest point above the stack's top that its header may not reach past (-inf: none).

    ``overlap``: the share of the stack's width a rule must run across to close what is above it.
    """
    lo, top, hi, _ = bbox
    rules = [h.pos for h in hs if h.pos < top - SNAP and min(h.hi, hi) - max(h.lo, lo) >= overlap * (hi - lo)]
    above = chars_to_rows(c for c in chars if not c["text"].isspace() and c["bottom"] <= top)
    captions = [max(c["bottom"] for c in ln) for ln in above if any(_across_edge(ch, lo, hi) for ch in line_chunks(ln))]
    return max([*rules, *captions], default=float("-inf"))


def _across_edge(chunk: Sequence[Char], lo: float, hi: float) -> bool:
    """Does a phrase run across the table's left or right edge, by more than a character outside it?"""
    size = max(min(c["size"] for c in chunk), 1.0)
    mids = [(c["x0"] + c["x1"]) / 2 for c in chunk]
    inside = any(lo <= m <= hi for m in mids)
    return inside and any(m < lo - size or m > hi + size for m in mids)
