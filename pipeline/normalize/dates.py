"""Dates in the forms the reports print them: 和暦, western, month/day with weekday.

Strict by design: an era year past the era's end (平成32年) or a weekday that
does not match its date raises NormalizeError. Documents written before an era
change sometimes use such dates, but a wrong date in the warehouse is silent,
while an error names the cell and lets a person decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.normalize.errors import NormalizeError
from pipeline.normalize.text import nfkc

WEEKDAYS = "月火水木金土日"  # date.weekday() order: Monday = 0


@dataclass(frozen=True)
class Era:
    name: str
    first_day: date
    last_day: date | None  # None: current era

    def year_to_western(self, era_year: int) -> int:
        return self.first_day.year + era_year - 1

    def contains(self, day: date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


# First and last days as proclaimed. 大正15年12月25日 and 昭和元年12月25日 are the
# same day (the era changed that day); both are accepted.
ERAS: dict[str, Era] = {
    era.name: era
    for era in (
        Era("大正", date(1912, 7, 30), date(1926, 12, 25)),
        Era("昭和", date(1926, 12, 25), date(1989, 1, 7)),
        Era("平成", date(1989, 1, 8), date(2019, 4, 30)),
        Era("令和", date(2019, 5, 1), None),
    )
}

_ERA_NAMES = "|".join(ERAS)
_YEAR = rf"(?:(?P<era>{_ERA_NAMES})(?P<era_year>元|[0-9]{{1,2}})|(?P<western>[0-9]{{4}}))年"
_MONTH_DAY = r"(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})日"
_WEEKDAY = rf"(?:\((?P<weekday>[{WEEKDAYS}])(?:曜日?)?\))?"

# the year glossed in the other calendar, as many authorities print it: 「令和5年(2023年)」, 「2023年(令和5年)」
# (NFKC text; the incident timeline's dates take it too)
YEAR_GLOSS = rf"\((?:(?:19|20)[0-9]{{2}}|(?:{_ERA_NAMES})(?:元|[0-9]{{1,2}}))年?\)"
_DATE = re.compile(_YEAR + rf"(?P<gloss>{YEAR_GLOSS})?" + _MONTH_DAY + _WEEKDAY)
_FISCAL_YEAR = re.compile(_YEAR + "度")
_MONTH_DAY_ONLY = re.compile(_MONTH_DAY + _WEEKDAY)
_WHITESPACE = re.compile(r"\s+")


def _compact(s: str) -> str:
    """NFKC (full-width digits and parentheses, ㋿ -> 令和, ㈮ -> (金)) and no whitespace.

    Spaces inside a date are always layout (「令和 5年 8月18日」).
    """
    return _WHITESPACE.sub("", nfkc(s))


def _western_year(m: re.Match[str], s: str) -> tuple[int, Era | None]:
    """The western year a matched 「…年」 names, and its era (None for a western year)."""
    if m["western"]:
        return int(m["western"]), None
    era = ERAS[m["era"]]
    era_year = 1 if m["era_year"] == "元" else int(m["era_year"])
    if era_year == 0:
        raise NormalizeError(f"no year 0 in an era: {s!r} (the first year is 元年 or 1年)", value=s)
    return era.year_to_western(era_year), era


def _glossed_year(gloss: str) -> int:
    """The western year of a date's gloss (``YEAR_GLOSS``): 「(2023年)」 or 「(令和5年)」."""
    inner = gloss[1:-1].removesuffix("年")
    if inner.isdigit():
        return int(inner)
    era, era_year = inner[:2], inner[2:]  # every era's name is two characters
    return ERAS[era].year_to_western(1 if era_year == "元" else int(era_year))


def _make_date(year: int, month: int, day: int, s: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise NormalizeError(f"impossible date {s!r}: {exc}", value=s) from None


def _check_weekday(day: date, weekday: str | None, s: str) -> None:
    if weekday is not None and WEEKDAYS[day.weekday()] != weekday:
        actual = WEEKDAYS[day.weekday()]
        raise NormalizeError(
            f"weekday mismatch in {s!r}: {day.isoformat()} is a {actual}曜日, not {weekday}曜日", value=s
        )


def parse_wareki_date(s: str) -> date:
    """令和5年8月18日 -> 2023-08-18; also 元年, 平成/昭和/大正, full-width digits, 2023年8月18日, and the
    year glossed in the other calendar (「令和5年（2023年）8月18日」: the two must agree).

    An optional weekday in parentheses (「(金)」, 「(金曜日)」) must match the date.
    The date must fall inside its era: 平成31年4月30日 is the last 平成 day,
    平成31年5月1日 and 平成32年… raise, as do 令和元年4月30日 and 2月30日.
    """
    compact = _compact(s)
    m = _DATE.fullmatch(compact)
    if m is None:
        raise NormalizeError(
            f"not a date: {s!r} (expected e.g. 令和5年8月18日 or 2023年8月18日)", value=s
        )
    year, era = _western_year(m, s)
    if m["gloss"] and _glossed_year(m["gloss"]) != year:
        raise NormalizeError(f"the year glossed in {s!r} is not {year}", value=s)
    day = _make_date(year, int(m["month"]), int(m["day"]), s)
    if era is not None and not era.contains(day):
        last = era.last_day.isoformat() if era.last_day else "today"
        raise NormalizeError(
            f"date outside its era: {s!r} would be {day.isoformat()}, "
            f"but {era.name} runs from {era.first_day.isoformat()} to {last}",
            value=s,
        )
    _check_weekday(day, m["weekday"], s)
    return day


def parse_fiscal_year(s: str) -> int:
    """平成30年度 -> 2018, 令和元年度 -> 2019, 2023年度 -> 2023: the year the fiscal year starts.

    A fiscal year (年度) runs from April 1 to March 31. It is accepted when
    that period overlaps its era, so both 平成31年度 and 令和元年度 are 2019
    (the era changed on 2019-05-01, inside that fiscal year), while 平成32年度
    and 昭和64年度 raise: those fiscal years began after their era had ended.
    """
    compact = _compact(s)
    m = _FISCAL_YEAR.fullmatch(compact)
    if m is None:
        raise NormalizeError(f"not a fiscal year: {s!r} (expected e.g. 令和5年度 or 2023年度)", value=s)
    year, era = _western_year(m, s)
    if era is not None:
        starts, ends = date(year, 4, 1), date(year + 1, 3, 31)
        if not (era.first_day <= ends and (era.last_day is None or starts <= era.last_day)):
            last = era.last_day.isoformat() if era.last_day else "today"
            raise NormalizeError(
                f"fiscal year outside its era: {s!r} would be {year}-04-01..{year + 1}-03-31, "
                f"but {era.name} runs from {era.first_day.isoformat()} to {last}",
                value=s,
            )
    return year


def resolve_month_day(s: str, year: int) -> date:
    """「7月7日(金)」 with year 2023 -> 2023-07-07; the year comes from the document.

    Lists print dates without a year; the caller knows it (e.g. from the
    report's as-of date). The weekday, when printed, is checked against the
    resolved date, which catches a wrong year as well as a misread day.
    """
    compact = _compact(s)
    m = _MONTH_DAY_ONLY.fullmatch(compact)
    if m is None:
        raise NormalizeError(f"not a month and day: {s!r} (expected e.g. 7月7日 or 7月7日(金))", value=s)
    day = _make_date(year, int(m["month"]), int(m["day"]), f"{year}年{s}")
    _check_weekday(day, m["weekday"], s)
    return day
