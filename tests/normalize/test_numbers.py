"""parse_number: every integer printed the ways tables print it reads back exactly; nothing else gets a value."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pipeline.normalize.numbers import UNIT_SUFFIXES, parse_number

FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def grouped(n: int) -> str:
    return f"{n:,}"


def spaced(n: int) -> str:
    """Excel's distributed alignment: a space (or two, or an ideographic one) between digits."""
    return " ".join(str(n)).replace("  ", " ")


FORMATS = {
    "plain": str,
    "grouped": grouped,
    "full_width": lambda n: str(n).translate(FULL_WIDTH),
    "full_width_grouped": lambda n: grouped(n).translate(FULL_WIDTH),
    "spaced": spaced,
    "spaced_ideographic": lambda n: "\u3000".join(str(n)),
    "padded": lambda n: f"  {grouped(n)} ",
}
NEGATIVE = {
    "triangle": lambda s: "△" + s,
    "black_triangle": lambda s: "▲" + s,
    "triangle_spaced": lambda s: "△ " + s,
    "hyphen": lambda s: "-" + s,
    "full_width_minus": lambda s: "－" + s,
    "minus_sign": lambda s: "\u2212" + s,
}


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(sorted(FORMATS)))
def test_every_non_negative_integer_reads_back(n: int, fmt: str) -> None:
    got = parse_number(FORMATS[fmt](n))
    assert got is not None and got.value == n and isinstance(got.value, int)


@given(st.integers(min_value=1, max_value=10**15), st.sampled_from(sorted(FORMATS)), st.sampled_from(sorted(NEGATIVE)))
def test_every_negative_integer_reads_back(n: int, fmt: str, sign: str) -> None:
    got = parse_number(NEGATIVE[sign](FORMATS[fmt](n)))
    assert got is not None and got.value == -n


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(sorted(FORMATS)))
def test_parentheses_and_percent(n: int, fmt: str) -> None:
    text = FORMATS[fmt](n)
    inner = parse_number(f"({text})")
    assert inner is not None and inner.value == n and inner.parenthesized
    negative = parse_number(f"（{text}）", parentheses="negative")
    assert negative is not None and negative.value == -n
    pct = parse_number(text + "%")
    assert pct is not None and pct.value == n and pct.percent


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(UNIT_SUFFIXES))
def test_a_unit_printed_in_the_cell_is_returned_not_lost(n: int, unit: str) -> None:
    got = parse_number(grouped(n) + unit)
    assert got is not None and got.value == n and got.unit == unit


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_decimals(whole: int, frac: int) -> None:
    got = parse_number(f"{whole:,}.{frac:03d}")
    assert got is not None and got.value == pytest.approx(whole + frac / 1000)


NOT_A_NUMBER_CHAR = st.characters(
    blacklist_characters=list("0123456789０１２３４５６７８９,，.．()（）%％+＋△▲-－−‐‑‒–—―ー \u3000"),
    blacklist_categories=("Zs", "Cc"),
)


@given(st.text(max_size=12), NOT_A_NUMBER_CHAR, st.text(max_size=12))
def test_text_with_a_foreign_character_never_gets_a_value(before: str, ch: str, after: str) -> None:
    text = before + ch + after
    assume(not any(text.endswith(u) for u in UNIT_SUFFIXES))  # 「129件」 is a number with its unit
    assert parse_number(text) is None


@given(st.integers(min_value=1000, max_value=10**12))
def test_misgrouped_digits_are_not_a_number(n: int) -> None:
    digits = str(n)
    wrong = digits[:-2] + "," + digits[-2:]  # 「12,34」: a misread or two values, never 1234
    assert parse_number(wrong) is None


@pytest.mark.parametrize("text", ["", " ", "△", "()", "%", "1,2,3", "１２²", "①", "⑽", "1-2", "3/4", "(△5)x",
                                  "－－－", "12 %件", "令和5年"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["－", "―", "-", "ー", "—"])
def test_a_lone_dash_is_zero_or_nothing_as_configured(text: str) -> None:
    zero, nothing = parse_number(text, dash="zero"), parse_number(text, dash="none")
    assert zero is not None and zero.value == 0 and zero.dash
    assert nothing is not None and nothing.value is None and nothing.dash


def test_footnote_digits_are_refused_before_nfkc() -> None:
    assert re.fullmatch(r"\d+", "12") and parse_number("12²") is None
