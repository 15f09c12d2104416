"""Finding config words in a report's text, exactly or (on OCR'd text) with one misread character."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Hamming

from pipeline.normalize import normalize_text


def _norm(s: str) -> str:
    return normalize_text(s)


def _squash(s: str) -> str:
    """Normalized, without any whitespace: for matching headings and patterns."""
    return re.sub(r"\s+", "", _norm(s))


# ---------------------------------------------------------------- OCR'd text

# A word of the config (heading, vocabulary, event word) read through OCR may have a
# misread character (滅失 -> 減失, 廃棄 -> 府棄). On OCR'd reports a word of at least
# FUZZY_MIN_LEN characters also matches a run of the same length in the text whose
# Hamming similarity (rapidfuzz: share of characters equal, in place) is at least
# FUZZY_MIN_SIMILARITY: one wrong character in 4 to 7, two in 8 to 11. Shorter words
# (経過, 滅失, 公表) must match exactly: with one of two or three characters wrong the
# run is as likely another word (減失 could be 消失, 紛失). Only substitutions count: OCR
# of CJK misreads a character far more often than it drops one, and allowing a dropped
# character would let a 4-character word match any 3 of its characters in a row.
# Every fuzzy hit is written to Incident.notes.
FUZZY_MIN_LEN = 4
FUZZY_MIN_SIMILARITY = 0.75

_GAP = re.compile(r"[ \t\u3000]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def close_ocr_gaps(text: str) -> str:
    """The text without the spaces OCR puts between characters (「令和 5 年 8 月 18 日」, 「報告 )」):
    a run of spaces or tabs goes unless it sits between two ASCII letters or digits (「1 2」,
    「A B」 stay) or at the start or end of a line. For pattern matching only; values keep the
    text as read."""

    def keep(m: re.Match[str]) -> str:
        a = text[m.start() - 1] if m.start() > 0 else "\n"
        b = text[m.end()] if m.end() < len(text) else "\n"
        if a == "\n" or b == "\n":
            return m.group(0)
        return m.group(0) if _ASCII_WORD.match(a) and _ASCII_WORD.match(b) else ""

    return _GAP.sub(keep, text)


@dataclass(frozen=True)
class WordHit:
    word: str  # the config word
    read: str  # the run of the text that matched it (differs from word when fuzzy)

    @property
    def fuzzy(self) -> bool:
        return self.read != _squash(self.word)


def find_word(text: str, words: Sequence[str], *, fuzzy: bool = False) -> WordHit | None:
    """The first of ``words`` contained in ``text`` (whitespace ignored); with ``fuzzy``,
    failing that, the first matched with a misread character (see FUZZY_MIN_SIMILARITY)."""
    flat = _squash(text)
    keys = [(w, _squash(w)) for w in words]
    for word, key in keys:
        if key and key in flat:
            return WordHit(word, key)
    if not fuzzy:
        return None
    for word, key in keys:
        n = len(key)
        if n < FUZZY_MIN_LEN:
            continue
        for i in range(len(flat) - n + 1):
            run = flat[i:i + n]
            if Hamming.normalized_similarity(key, run, score_cutoff=FUZZY_MIN_SIMILARITY) > 0:
                return WordHit(word, run)
    return None


@dataclass
class _Words:
    """Word lookups of one report: exact, or also fuzzy on OCR'd text, noting every fuzzy hit."""

    fuzzy: bool = False
    notes: list[str] | None = None

    def find(self, text: str, words: Sequence[str], what: str) -> WordHit | None:
        hit = find_word(text, words, fuzzy=self.fuzzy)
        if hit is not None and hit.fuzzy and self.notes is not None:
            note = f"{what}: {hit.word!r} matched {hit.read!r} (OCR, one misread character tolerated)"
            if note not in self.notes:
                self.notes.append(note)
        return hit

