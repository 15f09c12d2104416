"""Properties every normalizer must keep, whatever the input (Hypothesis)."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import normalize_department, normalize_ocr_text, normalize_text, parse_count
from pipeline.normalize.charmaps import variant_map
from pipeline.normalize.text import nfkc

# Text that looks like the documents: kana, kanji (including old forms), radicals,
# full-width and half-width forms, Latin, digits, and plenty of spaces.
JAPANESE_LIKE = st.text(
    st.one_of(
        st.sampled_from(list("あいうえおこと及びのをに　 \t\n")),
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(sorted(variant_map())),
        st.characters(min_codepoint=0x2E80, max_codepoint=0x2FDF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(list("①²㈮㋿﨑神·一ー")),
    ),
    max_size=40,
)
ANY_TEXT = st.one_of(st.text(max_size=60), JAPANESE_LIKE)
DIGITS = re.compile(r"[0-9]")


def _digits(s: str) -> Counter[str]:
    return Counter(DIGITS.findall(s))


@given(ANY_TEXT)
def test_normalize_text_is_idempotent(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once


@given(ANY_TEXT)
def test_normalize_department_is_idempotent(s: str) -> None:
    once = normalize_department(s)
    assert normalize_department(once) == once


@given(ANY_TEXT, st.sampled_from(["tesseract", "ppocr"]))
def test_normalize_ocr_text_never_raises_and_lands_in_normal_form(s: str, engine: str) -> None:
    out = normalize_ocr_text(s, engine)
    assert normalize_text(out) == out


@given(ANY_TEXT)
def test_no_digit_is_lost(s: str) -> None:
    expected = _digits(nfkc(s))
    assert _digits(normalize_text(s)) == expected
    assert _digits(normalize_department(s)) == expected
    assert _digits(normalize_ocr_text(s, "tesseract")) == expected
    assert _digits(normalize_ocr_text(s, "ppocr")) == expected


# Characters with nothing to fix: NFKC-stable, not in the variant table, not whitespace.
KANJI_CLEAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(lambda c: c not in variant_map())
HIRAGANA = st.characters(min_codepoint=0x3041, max_codepoint=0x3096)
KATAKANA = st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA)
ASCII_VISIBLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
CLEAN_CHAR = st.one_of(KANJI_CLEAN, HIRAGANA, KATAKANA, ASCII_VISIBLE, st.sampled_from(list("、。「」・ー々〒填塡龍")))
# A token that cannot take part in a layout-space rule at its edges.
EDGE_CHAR = st.one_of(KANJI_CLEAN, KATAKANA, st.characters(min_codepoint=0x30, max_codepoint=0x39))


@given(st.text(CLEAN_CHAR, max_size=40))
def test_text_with_nothing_to_fix_is_unchanged(s: str) -> None:
    assert normalize_text(s) == s


@st.composite
def clean_token(draw: st.DrawFn) -> str:
    return draw(EDGE_CHAR) + draw(st.text(CLEAN_CHAR, max_size=8)) + draw(EDGE_CHAR)


@given(st.lists(clean_token(), min_size=1, max_size=6))
def test_single_spaces_between_clean_tokens_are_kept(tokens: list[str]) -> None:
    s = " ".join(tokens)
    assert normalize_text(s) == s


@given(
    st.integers(min_value=0, max_value=10**15),
    st.lists(st.sampled_from(["", " ", "  ", "\u3000", "\t"]), min_size=20, max_size=20),
    st.booleans(),
)
def test_parse_count_reads_spread_digits(n: int, gaps: list[str], full_width: bool) -> None:
    digits = str(n)
    if full_width:
        digits = digits.translate({ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789"})
    spread = "".join(d + gaps[i % len(gaps)] for i, d in enumerate(digits))
    assert parse_count(spread) == n
