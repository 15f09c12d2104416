"""Undo what a particular OCR engine does to Japanese text, before normalize_text.

Each engine has its own systematic errors. They are fixed here, per engine,
and only where the fix is certain enough that it cannot damage correct text;
everything else is left to normalize_text and to the reviewer (the row keeps
source="ocr" and its confidence).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.normalize.charmaps import active_charmaps
from pipeline.normalize.chars import CHOONPU, CJK, KANJI, KATAKANA
from pipeline.normalize.errors import NormalizeError
from pipeline.normalize.text import normalize_text

# Horizontal space (ASCII, tab, ideographic) between two CJK characters.
# Newlines are line breaks, not Tesseract's inter-character spaces; keep them.
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")

# 一 (U+4E00, the kanji "one") read where the katakana prolonged sound mark ー
# was printed: after katakana or ー (「サ一ビス」, 「デ一タ」). Not when a kanji
# follows, because then it is usually the real 一 of a compound:
# 「データ一覧」, 「ファイル一式」, 「システム一括」.
_ONE_AS_CHOONPU = re.compile(rf"(?<=[{KATAKANA}{CHOONPU}])一+(?![{KANJI}])")


def tesseract_fixes(s: str) -> str:
    """Tesseract's jpn models put a space between every pair of CJK characters; remove them.

    Spaces between Latin words, between numbers, and between a CJK character
    and a Latin letter or digit stay (「第 1 条」 keeps its spaces; normalize_text
    decides about those like any other text).
    """
    return _SPACE_BETWEEN_CJK.sub("", s)


def ppocr_fixes(s: str) -> str:
    """PP-OCRv5's shared Chinese/Japanese dictionary emits simplified forms and look-alikes.

    * simplified Chinese characters -> the Japanese form (the active ocr_confusions.tsv;
      only characters that do not exist in JIS X 0208/0213, so no Japanese text
      can contain them legitimately),
    * · U+00B7 MIDDLE DOT -> ・ U+30FB KATAKANA MIDDLE DOT,
    * 一 after katakana or ー, unless a kanji follows -> ー.
    """
    s = s.translate(active_charmaps().ocr_confusion_table).replace("\u00b7", "\u30fb")
    return _ONE_AS_CHOONPU.sub(lambda m: "ー" * len(m.group()), s)


ENGINE_FIXES: dict[str, Callable[[str], str]] = {
    "tesseract": tesseract_fixes,
    "ppocr": ppocr_fixes,
}


def normalize_ocr_text(s: str, engine: str) -> str:
    """normalize_text for OCR output: the engine's own fixes first, then normalize_text.

    The engine fixes must run first because they depend on the raw forms
    (U+3000 spaces, full-width punctuation) that NFKC would change.
    Unknown engine names raise NormalizeError rather than silently skipping
    the fixes that engine needs.
    """
    try:
        fix = ENGINE_FIXES[engine]
    except KeyError:
        known = ", ".join(repr(name) for name in ENGINE_FIXES)
        raise NormalizeError(
            f"unknown OCR engine {engine!r} for text {s!r}; expected one of {known}", value=s
        ) from None
    return normalize_text(fix(s))
