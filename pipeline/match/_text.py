"""Comparison keys for matching: the project's normalizer plus OCR-tolerant folding.

The stored values stay as ``pipeline.normalize`` makes them; the *keys* built here
are only ever compared, never written to the warehouse. Folding throws away
exactly the differences that OCR and typesetting introduce without changing what
a name or description means:

* dakuten / handakuten (づ→つ, パ→ハ): OCR drops them;
* long-vowel look-alikes (一 ― ‐ － ｰ → ー) between kana, where OCR swaps them;
* 「・」 and similar separators, which OCR drops or turns into 「.」;
* (variant kanji such as 營→営 are already mapped by ``normalize_text``, from
  the active variants.tsv);
* ケ/ヶ/カ/ヵ as a counter (2歳6カ月 → 2歳6か月);
* in descriptions only: the characters Tesseract's jpn model cannot output at
  all (ocr/tesseract_jpn_missing.tsv, derived from its unicharset by
  dev/build_ocr_charset.py) are dropped, then the folds of
  ocr/folds.tsv apply (look-alikes it swaps such as 入→人, and words
  spelled two ways such as 封かん for 封緘), so 封緘, 封かん and an OCR'd 「封」 agree.

Both tables are the active character maps (``pipeline.normalize.charmaps``): the
run's Config's while it processes a document, the checkout's config/ otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.normalize import normalize_department, normalize_text
from pipeline.normalize.charmaps import CharMaps, active_charmaps, tsv_rows

__all__ = ["bracketed", "fold", "normalize_department", "normalize_text", "numbers", "tsv_rows"]

_DAKUTEN = {"\u3099", "\u309a", "\u309b", "\u309c"}
_DASHES = "一―‐－ｰ-−—–~〜～"  # 一 only between kana (see below)
_KANA = r"\u3041-\u309f\u30a0-\u30ffー"
_DASH_BETWEEN_KANA = re.compile(rf"(?<=[{_KANA}])[{re.escape(_DASHES)}](?=[{_KANA}]|$)")
_DASH_AFTER_KANA = re.compile(rf"(?<=[{_KANA}])[{re.escape(_DASHES)}]+")  # a run: one pass folds it all
_SEPARATORS = re.compile(r"[・･.,，、。·•\s]")
_COUNTER = re.compile(r"(?<=\d)[ケヶカヵヵか](?=月)")
_NUMBER = re.compile(r"\d+")
_BRACKETED = re.compile(r"【([^】]*)】")


def _dakuten_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(m): None for m in _DAKUTEN}
    for cp in range(0x3041, 0x3100):  # hiragana and katakana
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and decomposed[1] in _DAKUTEN:
            table[cp] = decomposed[0]
    return table


_DAKUTEN_TABLE = _dakuten_table()


def _strip_dakuten(s: str) -> str:
    return s.translate(_DAKUTEN_TABLE)


def ocr_unreadable() -> str:
    """The characters Tesseract's jpn model cannot output (the active ocr/tesseract_jpn_missing.tsv)."""
    return active_charmaps().ocr_unreadable


@lru_cache(maxsize=4)  # keyed by the CharMaps object (identity): one build per config, not per call
def _description_folds(maps: CharMaps) -> tuple[dict[int, None], re.Pattern[str] | None, dict[str, str]]:
    """Unreadable characters to drop, and the folds of ocr/folds.tsv as one pattern."""
    folds = maps.ocr_folds
    # longest first; a run of one fold (封かん封かん) is one match
    alternatives = sorted(folds, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?:{re.escape(a)})+" for a in alternatives)) if alternatives else None
    return dict.fromkeys(map(ord, maps.ocr_unreadable)), pattern, folds


def _fold_description(s: str) -> str:
    drop, pattern, folds = _description_folds(active_charmaps())
    s = s.translate(drop)
    if pattern is None:
        return s
    return pattern.sub(lambda m: next(folds[a] for a in sorted(folds, key=len, reverse=True)
                                      if m.group().startswith(a)), s)


def fold(s: str, *, department: bool = False) -> str:
    """The comparison key of a department name (``department=True``) or a description.

    Idempotent: ``fold(fold(s)) == fold(s)``. Digits are never removed.
    """
    s = normalize_department(s) if department else normalize_text(s)
    s = _strip_dakuten(_SEPARATORS.sub("", s))
    if not department:
        s = _fold_description(s)
    s = _COUNTER.sub("か", s)
    # 一 (kanji one) for ー is the commonest OCR swap inside katakana words
    s = _DASH_AFTER_KANA.sub(lambda m: "ー" * len(m.group()), s)
    return _DASH_BETWEEN_KANA.sub("ー", s)


def numbers(s: str) -> tuple[str, ...]:
    """The digit runs of a folded string, sorted: two tasks with different numbers differ."""
    return tuple(sorted(n.lstrip("0") or "0" for n in _NUMBER.findall(s)))


def bracketed(s: str) -> tuple[str, ...]:
    """The 【…】 labels of a folded description (contract names such as 【愛恵会】)."""
    return tuple(_BRACKETED.findall(s))
