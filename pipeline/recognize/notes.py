"""What a document's printed notes say about reading its tables: 「注：「－」は該当なし」, 「「－」は0」.

A dash in a count table may mean zero or that nothing applies; config/cells.toml
(or a report type's [cells]) gives the default, but the document itself often
says, in a note under the table, in its caption, or once in a 凡例 for every
table. Such a note decides: the table's own note (caption, the lines just above
or under it) first, then the document's notes when they all agree, then the
config. The words a note may use are config/cells.toml's [dash_notes].
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.normalize import normalize_text
from pipeline.normalize.numbers import DashPolicy
from pipeline.types import Table, TextLine

# dashes after NFKC (「－」 is '-'); the same set numbers.py reads as a dash cell
DASHES = "-\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u30fc"


@lru_cache(maxsize=8)
def note_pattern(words: tuple[tuple[str, tuple[str, ...]], ...], ocr_dashes: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A dash named in a note, then its meaning: one group per meaning (``zero``, ``none``).

    The dash stands in quotes (「－」), or alone after the start, a space, 注 or
    ※, so that a long vowel inside a word (センター) never reads as one; OCR's
    readings of a dash (一) count only in quotes, where a kanji would not stand.
    """
    dash = "[" + re.escape(DASHES) + "]{1,2}"
    quoted_dash = "(?:" + dash + "".join("|" + re.escape(d) for d in ocr_dashes) + ")"
    named = (rf"(?:[「『\"“']\s*{quoted_dash}\s*[」』\"”']"
             rf"|(?<![^\s(:、。※*注]){dash}(?=\s*[はの:=]?\s*\S))")
    meanings = "|".join(f"(?P<{name}>{'|'.join(re.escape(w) for w in sorted(ws, key=len, reverse=True))})"
                        for name, ws in words if ws)
    return re.compile(rf"{named}\s*(?:は|の意味は|:|=)?\s*[、,]?\s*(?:{meanings})(?![0-9.,])")


def dash_meaning(text: str, words: tuple[tuple[str, tuple[str, ...]], ...],
                 ocr_dashes: tuple[str, ...] = ()) -> DashPolicy | None:
    """What a line says a dash means ("zero" or "none"), or None when it says nothing of dashes."""
    match = note_pattern(words, ocr_dashes).search(normalize_text(text))
    if match is None:
        return None
    return "zero" if match.group("zero") else "none"


Extent = tuple[int, float, int, float]  # first page, top there, last page, bottom there


def extent(table: Table) -> Extent | None:
    cells = [c for row in (table.header, *table.rows) for c in row]
    if not cells:
        return None
    first, last = min(c.page_no for c in cells), max(c.page_no for c in cells)
    return (first, min(c.bbox.top for c in cells if c.page_no == first),
            last, max(c.bbox.bottom for c in cells if c.page_no == last))


def lines_beside(table: Table, lines: Sequence[TextLine], n: int, others: Sequence[Extent]) -> list[TextLine]:
    """Up to ``n`` lines just under the table's last row, then up to ``n`` just above its first (nearest
    first), none past another table on the page: where a note about this table is printed."""
    mine = extent(table)
    if mine is None:
        return []
    first, top, last, bottom = mine
    floor = min((t for p, t, _, _ in others if p == last and t >= bottom - 1), default=float("inf"))
    ceiling = max((b for _, _, p, b in others if p == first and b <= top + 1), default=float("-inf"))
    under = sorted((ln for ln in lines if ln.page_no == last and bottom - 1 <= ln.bbox.top
                    and ln.bbox.bottom <= floor + 1), key=lambda ln: ln.bbox.top)[:n]
    above = sorted((ln for ln in lines if ln.page_no == first and ln.bbox.bottom <= top + 1
                    and ln.bbox.top >= ceiling - 1), key=lambda ln: -ln.bbox.bottom)[:n]
    return under + above


def dash_notes(tables: Sequence[Table], lines: Sequence[TextLine], words: tuple[tuple[str, tuple[str, ...]], ...],
               n: int, ocr_dashes: tuple[str, ...] = ()) -> dict[int, tuple[DashPolicy, str]]:
    """{table_no: (meaning, the note as printed)} for the tables a printed note speaks for.

    A table's own note wins (its caption, the lines under it, the lines above
    it); a table without one takes the document's notes when they all agree.
    """
    def meaning(text: str, source: str = "text") -> DashPolicy | None:
        return dash_meaning(text, words, ocr_dashes if source == "ocr" else ())

    document = {(m, ln.text) for ln in lines if (m := meaning(ln.text, ln.source))}
    extents = {t.table_no: extent(t) for t in tables}
    out: dict[int, tuple[DashPolicy, str]] = {}
    for table in tables:
        others = [e for no, e in extents.items() if no != table.table_no and e is not None]
        beside = [(ln.text, ln.source) for ln in lines_beside(table, lines, n, others)]
        own = [(m, t) for t, src in [(table.caption, "text"), *beside] if t and (m := meaning(t, src))]
        if own:
            out[table.table_no] = own[0]
        elif len({m for m, _ in document}) == 1:
            out[table.table_no] = min(document, key=lambda x: x[1])
    return out
