"""和暦 and western dates, fiscal years and month/day with weekday."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.normalize import NormalizeError, parse_fiscal_year, parse_wareki_date, resolve_month_day


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("令和5年8月18日", date(2023, 8, 18)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("平成30年4月1日", date(2018, 4, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),  # last day of 平成
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),  # last day of 昭和
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("昭和39年10月10日", date(1964, 10, 10)),
        ("大正15年12月25日", date(1926, 12, 25)),
        ("令和５年８月１８日", date(2023, 8, 18)),  # full-width digits
        ("令和 5年 8月18日", date(2023, 8, 18)),  # layout spaces
        ("㋿5年8月18日", date(2023, 8, 18)),  # era square, NFKC
        ("㍻30年4月1日", date(2018, 4, 1)),
        ("2023年8月18日", date(2023, 8, 18)),
        ("２０２３年８月１８日", date(2023, 8, 18)),
        ("令和5年8月18日(金)", date(2023, 8, 18)),
        ("令和5年8月18日（金曜日）", date(2023, 8, 18)),
        ("令和５年（２０２３年）８月１８日", date(2023, 8, 18)),  # the western year glossed
        ("2023年(令和5年)8月18日(金)", date(2023, 8, 18)),
        ("令和元年(2019)5月1日", date(2019, 5, 1)),
    ],
)
def test_parse_wareki_date(raw: str, expected: date) -> None:
    assert parse_wareki_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("平成31年5月1日", r"date outside its era: '平成31年5月1日' would be 2019-05-01, but 平成 runs"),
        ("令和5年(2022年)8月18日", r"the year glossed in '令和5年\(2022年\)8月18日' is not 2023"),
        ("平成32年1月1日", r"date outside its era: '平成32年1月1日'"),
        ("令和元年4月30日", r"date outside its era: '令和元年4月30日' would be 2019-04-30"),
        ("昭和64年1月8日", r"date outside its era"),
        ("平成元年1月7日", r"date outside its era"),
        ("令和5年2月29日", r"impossible date '令和5年2月29日': day is out of range"),
        ("令和5年13月1日", r"impossible date '令和5年13月1日': month must be in 1..12"),
        ("令和0年5月1日", r"no year 0 in an era: '令和0年5月1日'"),
        ("令和5年8月18日(木)", r"weekday mismatch in '令和5年8月18日\(木\)': 2023-08-18 is a 金曜日, not 木曜日"),
        ("R5.8.18", r"not a date: 'R5.8.18' \(expected e.g. 令和5年8月18日"),
        ("明治5年1月1日", r"not a date: '明治5年1月1日'"),
        ("令和5年8月", r"not a date"),
        ("", r"not a date: ''"),
    ],
)
def test_parse_wareki_date_rejects(raw: str, message: str) -> None:
    with pytest.raises(NormalizeError, match=message):
        parse_wareki_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("平成30年度", 2018),
        ("令和元年度", 2019),
        ("平成31年度", 2019),  # the era changed inside this fiscal year
        ("令和5年度", 2023),
        ("令和５年度", 2023),
        ("昭和63年度", 1988),  # ran to 1989-03-31, after 昭和 ended: overlaps, accepted
        ("平成元年度", 1989),
        ("2023年度", 2023),
    ],
)
def test_parse_fiscal_year(raw: str, expected: int) -> None:
    assert parse_fiscal_year(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("平成32年度", r"fiscal year outside its era: '平成32年度' would be 2020-04-01..2021-03-31"),
        ("昭和64年度", r"fiscal year outside its era: '昭和64年度'"),
        ("令和5年", r"not a fiscal year: '令和5年' \(expected e.g. 令和5年度"),
        ("令和0年度", r"no year 0 in an era"),
    ],
)
def test_parse_fiscal_year_rejects(raw: str, message: str) -> None:
    with pytest.raises(NormalizeError, match=message):
        parse_fiscal_year(raw)


@pytest.mark.parametrize(
    ("raw", "year", "expected"),
    [
        ("7月7日(金)", 2023, date(2023, 7, 7)),
        ("7月7日（金）", 2023, date(2023, 7, 7)),
        ("７月７日㈮", 2023, date(2023, 7, 7)),  # parenthesized ideograph, NFKC -> (金)
        ("7月7日", 2023, date(2023, 7, 7)),
        ("2月29日(木)", 2024, date(2024, 2, 29)),
        (" 7月 7日 (金) ", 2023, date(2023, 7, 7)),
    ],
)
def test_resolve_month_day(raw: str, year: int, expected: date) -> None:
    assert resolve_month_day(raw, year) == expected


def test_resolve_month_day_weekday_must_match_and_both_are_named() -> None:
    with pytest.raises(NormalizeError, match=r"'7月7日\(金\)': 2022-07-07 is a 木曜日, not 金曜日"):
        resolve_month_day("7月7日(金)", 2022)


@pytest.mark.parametrize(
    ("raw", "year", "message"),
    [
        ("2月29日", 2023, r"impossible date '2023年2月29日'"),
        ("7/7", 2023, r"not a month and day: '7/7'"),
        ("7月7日(祝)", 2023, r"not a month and day"),
    ],
)
def test_resolve_month_day_rejects(raw: str, year: int, message: str) -> None:
    with pytest.raises(NormalizeError, match=message):
        resolve_month_day(raw, year)
