"""PP-OCRv5's character probabilities read with a word list (pipeline/extract/lexicon.py, issue 12 fax scans).

The probability matrices are written by hand: which reading each should give
follows from the rule (log probability of each character chosen, plus the
bonus per character of a listed word), not from the code's output.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from pipeline.extract.lexicon import WORD_BONUS, Lexicon, LexiconDecode, ctc_decode, japanese

CHARS = ["blank", "健", "康", "広", "委", "託", "話", "课", "課"]


def slices(*columns: dict[str, float]) -> np.ndarray:
    """One CTC slice per dict (character -> probability; the rest of the mass on the blank)."""
    out = np.zeros((len(columns), len(CHARS)), np.float32)
    for t, col in enumerate(columns):
        for ch, p in col.items():
            out[t, CHARS.index(ch)] = p
        out[t, 0] = max(0.0, 1.0 - sum(col.values()))
    return out


BLANK: dict[str, float] = {}


def test_greedy_reading_collapses_repeats_and_blanks_without_a_word_list() -> None:
    probs = slices({"健": 0.9}, {"健": 0.8}, BLANK, {"広": 0.6, "康": 0.3}, BLANK, {"健": 0.9})
    text, conf = ctc_decode(probs, CHARS, None)
    assert text == "健広健"
    assert conf == pytest.approx((0.9 + 0.6 + 0.9) / 3)


def test_a_listed_word_through_a_second_choice_replaces_the_look_alike() -> None:
    probs = slices({"健": 0.9}, BLANK, {"広": 0.6, "康": 0.3})
    text, conf = ctc_decode(probs, CHARS, Lexicon(["健康"]))
    assert text == "健康"
    assert conf == pytest.approx((0.9 + 0.6) / 2)  # the recognizer's own confidence in what it saw


def test_a_word_the_pixels_make_too_unlikely_is_not_taken() -> None:
    # 康 at 0.01: log 0.01 = -4.6 against log 0.98 = -0.02; two characters' bonus (4.0) does not cover it
    assert WORD_BONUS * 2 < np.log(0.98) - np.log(0.01)
    probs = slices({"健": 0.9}, BLANK, {"広": 0.98, "康": 0.01})
    assert ctc_decode(probs, CHARS, Lexicon(["健康"]))[0] == "健広"


def test_a_reading_that_is_a_word_already_stays() -> None:
    probs = slices({"委": 0.9}, {"託": 0.5, "話": 0.45})
    assert ctc_decode(probs, CHARS, Lexicon(["委託", "委話"]))[0] == "委託"


def test_characters_no_japanese_text_contains_are_never_written() -> None:
    assert not japanese("课") and japanese("課") and japanese("A") and japanese("ー")
    probs = slices({"课": 0.7, "話": 0.2})
    # 课 has a Japanese form (config/ocr_confusions.tsv): written as 課, at 课's confidence
    assert LexiconDecode(CHARS, None, {"课": "課"})(probs[None])[0] == ("課", pytest.approx(0.7))
    # without one, the next writable character of its slice
    assert LexiconDecode(CHARS, None, {})(probs[None])[0] == ("話", pytest.approx(0.7))


def test_the_japanese_forms_come_from_the_ocr_confusions_config() -> None:
    probs = slices({"课": 0.9})
    assert LexiconDecode(CHARS, None)(probs[None])[0][0] == "課"


def test_the_word_list_is_tesseracts_own_jpn_list() -> None:
    if shutil.which("dawg2wordlist") is None:
        pytest.fail("dawg2wordlist is missing: apt-get install tesseract-ocr")
    from pipeline.extract.lexicon import tesseract_lexicon

    lexicon = tesseract_lexicon()
    assert lexicon is not None and lexicon.size > 100_000
    assert "日本" in lexicon and "東京" in lexicon and "本日" in lexicon
    assert "日" not in lexicon  # one-character entries are never matched
