"""parse_count and parse_flag: strict parsers that quote what they could not read."""

from __future__ import annotations

import re

import pytest

from pipeline.normalize import NormalizeError, parse_count, parse_flag


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("129", 129),
        ("1 2 9", 129),  # distributed alignment in a count cell
        ("１２９", 129),
        ("1,234", 1234),
        ("１，２３４", 1234),
        ("1 , 2 3 4", 1234),
        (" 0 ", 0),
        ("\u30001 3 7\u3000", 137),
        ("1,234,567", 1234567),
    ],
)
def test_parse_count(raw: str, expected: int) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize("raw", ["", " ", "12,34", "1,2345", ",123", "-1", "1.5", "129件", "１２Ｏ", "٣", "²", "12²", "①", "1 2 ⑨"])
def test_parse_count_rejects_and_quotes_the_input(raw: str) -> None:
    with pytest.raises(NormalizeError, match="not a count: " + re.escape(repr(raw))) as info:
        parse_count(raw)
    assert info.value.value == raw


def test_normalize_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"not a count: 'abc'"):
        parse_count("abc")


@pytest.mark.parametrize(
    ("raw", "expected"), [("有", True), ("無", False), (" 有 ", True), ("\u3000無\n", False)]
)
def test_parse_flag(raw: str, expected: bool) -> None:
    assert parse_flag(raw) is expected


@pytest.mark.parametrize("raw", ["", "○", "×", "-", "有り", "無し", "なし", "有無", "yes"])
def test_parse_flag_rejects_everything_else(raw: str) -> None:
    with pytest.raises(NormalizeError, match=re.escape(f"not a flag: {raw!r} (expected 有 or 無)")):
        parse_flag(raw)
