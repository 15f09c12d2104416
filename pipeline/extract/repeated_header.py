"""A band of a rule stack that is a header again: the next table of the same kind starts there.

``rulestack._split_at_captions`` cuts a stack of rules at a caption's band
when the band after it is the stack's first band again (the next table's
header). When a page break falls inside the first table, the page's stack
starts with that table's continued body, not its header: the next table's
header then matches no first band, and a short caption that stays in the
first column (「(3) 外部提供の審査基準」) was read as a row, the header below it
as another (Gnumeric's ssconvert, horizontal rules only). Tables of one kind
stacked on a page repeat their header word for word, and a header names
columns rather than counting: a band whose text recurs as another band of
the stack and holds no digit is such a header. A body row repeated in two
tables (「監査委員 0 0 0」) holds its counts.
"""

from __future__ import annotations

from collections.abc import Sequence


def is_repeated_header(bands: Sequence[str], k: int) -> bool:
    """Does band ``k`` (its text, lines joined) recur elsewhere among ``bands`` with no digit in it?"""
    text = bands[k]
    return (bool(text) and not any(ch.isdigit() for ch in text)
            and any(other == text for i, other in enumerate(bands) if i != k))
