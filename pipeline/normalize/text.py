"""Free-text normalization: one canonical spelling for what a document means.

Born-digital municipal PDFs say the same thing in many encodings: full-width
and half-width forms, Kangxi or CJK radicals where a PDF font mapped a glyph
to the radical code point, old kanji forms, and spaces that are only layout
(Excel's 均等割り付け spreads a short cell's characters across its width, and
the text layer then reads 「D X 推進担当部」). normalize_text removes those
differences and nothing else: text that has nothing to fix comes back
unchanged, and no digit is ever lost or moved. See docs/normalize.md.
"""

from __future__ import annotations

import re

import unicodedata2

from pipeline.normalize.charmaps import active_charmaps
from pipeline.normalize.chars import CJK, HIRAGANA, LATIN_ALNUM

_WHITESPACE_RUN = re.compile(r"\s+")

# In a title, a space beside a Japanese character or a bracket (after NFKC: ASCII
# parentheses) is layout or OCR: 「について ( 令和 5 年 4 月 1 日時点 )」.
_TITLE_SPACE = re.compile(rf"(?<=[{CJK}()\[\]]) | (?=[{CJK}()\[\]])")

# A space between two single Latin letters that stand alone (no Latin letter or
# digit on their outer side): the spread-out spelling of an abbreviation, as in
# 「D X 推進」 or 「L G W A N回線」. "Windows 10 Pro", "I am", "(2) クラウド" and
# "1. ジェネリック" have no such pair.
_SPREAD_LATIN = re.compile(
    rf"(?<![{LATIN_ALNUM}])([A-Za-z]) (?=[A-Za-z](?![{LATIN_ALNUM}]))",
)

# A space between two hiragana is never a separator in Japanese (words are not
# separated by spaces, and a hiragana-hiragana boundary is inside a phrase), so
# it can only be layout: 「関するこ と」.
_SPREAD_HIRAGANA = re.compile(rf"(?<=[{HIRAGANA}]) (?=[{HIRAGANA}])")


def nfkc(s: str) -> str:
    """NFKC with unicodedata2, whose Unicode version is newer than the stdlib's.

    NFKC folds full-width ASCII (（１）：～ -> (1):~), half-width katakana,
    Kangxi radicals (U+2F00..U+2FDF), CJK compatibility ideographs, circled
    and parenthesized forms (㈮ -> (金)) and era squares (㋿ -> 令和).
    """
    return unicodedata2.normalize("NFKC", s)


def map_variants(s: str) -> str:
    """Old and variant kanji and CJK Radicals Supplement code points -> standard ideographs.

    The table is the active variants.tsv (the run's Config's, else config/'s;
    see normalize/charmaps.py, and dev/build_variants.py for its sources and
    exclusions). One code point to one code point, so offsets and
    lengths do not change.
    """
    return s.translate(active_charmaps().variant_table)


def fold_whitespace(s: str) -> str:
    """Every run of whitespace (tabs, newlines, U+3000 after NFKC, ...) -> one space."""
    return _WHITESPACE_RUN.sub(" ", s)


def join_spread_letters(s: str) -> str:
    """Remove spaces that Excel's distributed alignment put inside a word.

    Only two cases are certain enough to act on in free text: a run of single
    Latin letters (「D X」->「DX」) and a space between two hiragana
    (「こ と」->「こと」). Spaces between kanji, katakana or digits stay: in
    free text they can be real separators (「あきる野市 松楓園」, 「40, 45, 50」,
    「1 2 3」 as a list). Expects whitespace already folded to single spaces.
    """
    s = _SPREAD_LATIN.sub(r"\1", s)
    return _SPREAD_HIRAGANA.sub("", s)


def normalize_text(s: str) -> str:
    """Canonical form of a free-text value (description, purpose, recipient).

    NFKC, then the variant table, then whitespace folded to single spaces,
    then layout spaces removed (join_spread_letters), then stripped.
    Idempotent; never raises on a str.
    """
    s = map_variants(nfkc(s))
    s = join_spread_letters(fold_whitespace(s))
    return s.strip(" ")


def normalize_title(s: str) -> str:
    """Canonical form of an OCR'd heading (a report's title): normalize_text without the spaces OCR adds.

    OCR spaces out what it reads, so in an OCR'd title a space beside a
    Japanese character or a bracket goes (「について ( 令和 5 年 4 月 1 日時点 )」 ->
    「について(令和5年4月1日時点)」); one between two Latin words stays ("Windows 10").
    """
    return _TITLE_SPACE.sub("", normalize_text(s))


def normalize_department(s: str) -> str:
    """Canonical form of a department name (担当部課): normalize_text without any spaces.

    Department names never contain spaces, so every space in one is layout:
    「D X 推進担当部 D X 推進担当課」->「DX推進担当部DX推進担当課」.
    NFKC runs once more at the end because NFKC turns spacing accents into a
    space plus a combining mark (゛ -> " ゙"), and removing that space lets
    the mark compose (か゛ -> が); without it the result would not be stable.
    """
    return nfkc(normalize_text(s).replace(" ", ""))
