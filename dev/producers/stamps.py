"""One fixed creation date for the producers that stamp the time they print (cairo's and Qt's PDF writers).

Gnumeric and wkhtmltopdf offer no option to set the date they write, so their files would differ run to run;
the one ``/CreationDate`` is overwritten in the bytes with a date of the same length, which keeps every offset of
the cross-reference table right, so the corpus is byte-identical from build to build.
"""

from __future__ import annotations

import re

CREATED = b"D:20230818090000Z"  # a fixed date, the length of a UTC stamp: the same bytes every run
STAMP = re.compile(rb"/CreationDate \((D:\d{14}Z)\)")
SUBSET = re.compile(rb"/([A-Z]{6})\+")  # a PDF writer's random six-letter prefix of an embedded font subset's name


def fixed_creation_date(pdf: bytes, writer: str) -> bytes:
    """The PDF with ``writer``'s one UTC /CreationDate replaced by CREATED (same length: the xref stays right)."""
    stamps = STAMP.findall(pdf)
    if len(stamps) != 1 or len(stamps[0]) != len(CREATED):
        raise RuntimeError(f"expected one UTC /CreationDate from {writer}, found {stamps!r}")
    return STAMP.sub(b"/CreationDate (" + CREATED + b")", pdf)


def subsets_in_order(pdf: bytes) -> bytes:
    """The PDF with each font subset's random prefix made AAAAAA, AAAAAB, … in order of first use (same length:
    the xref stays right); iText and Scribus draw new prefixes every run."""
    names: dict[bytes, bytes] = {}
    for prefix in SUBSET.findall(pdf):
        if prefix not in names:
            n = len(names)
            names[prefix] = bytes(65 + (n // 26 ** k) % 26 for k in range(5, -1, -1))
    return SUBSET.sub(lambda m: b"/" + names[m.group(1)] + b"+", pdf)
