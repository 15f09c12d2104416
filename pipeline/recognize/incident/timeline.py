"""The timeline (経過): one event per item, dates resolved from the report's context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.normalize import NormalizeError, parse_wareki_date, resolve_month_day
from pipeline.normalize.dates import YEAR_GLOSS
from pipeline.recognize.incident.front import _para_text
from pipeline.recognize.incident.records import IncidentEvent
from pipeline.recognize.outline import Node
from pipeline.types import TextLine

# Spaces anywhere inside: OCR and 均等割り付け spread 「7 月 7 日 ( 金 )」.
_EVENT_DATE = re.compile(
    r"^(?:(?P<era>令和|平成|昭和) *(?P<y>元|[0-9]+) *年 *)?(?P<m>[0-9]{1,2}) *月 *(?P<d>[0-9]{1,2}) *日"
    r"(?: *\( *(?P<wd>[^()\s]) *(?:曜日?)? *\))? *"
)
_SAME_DAY = re.compile(r"^同 *日(?: *\( *(?P<wd>[^()\s]) *\))? *")
# The weekday slot takes any one character: OCR misreads 木 as 本. A character that is
# no weekday is dropped from the event text with a note, and the date is not checked.
_WEEKDAYS = "月火水木金土日"


def _dated(text: str) -> bool:
    return bool(_EVENT_DATE.match(text) or _SAME_DAY.match(text))


def _resolve(m: re.Match[str], previous: date | None, reported_on: date | None, notes: list[str]) -> date | None:
    """The date an event line starts with: 和暦 as written, or month-day in the report's year."""
    wd = m.group("wd")
    if wd and wd not in _WEEKDAYS:
        notes.append(f"{m.group(0).strip()}: weekday {wd!r} is not a weekday (misread?); date not checked")
        wd = None
    if m.group("era"):
        try:
            found = parse_wareki_date(f"{m.group('era')}{m.group('y')}年{m.group('m')}月{m.group('d')}日")
        except NormalizeError as exc:
            notes.append(str(exc))
            return None
        if wd and _WEEKDAYS[found.weekday()] != wd:
            notes.append(f"{m.group(0).strip()}: {found.isoformat()} is a {_WEEKDAYS[found.weekday()]}曜日")
        return found
    base = previous.year if previous else reported_on.year if reported_on else None
    if base is None:
        notes.append(f"{m.group(0).strip()}: no year to resolve it against (report date unknown)")
        return None
    md = f"{m.group('m')}月{m.group('d')}日" + (f"({wd})" if wd else "")
    for year in (base, base + 1, base - 1):
        try:
            found = resolve_month_day(md, year)
        except NormalizeError:
            continue
        if (previous is None or found >= previous) and (reported_on is None or found <= reported_on):
            return found
    try:
        found = resolve_month_day(f"{m.group('m')}月{m.group('d')}日", base)
    except NormalizeError as exc:  # 「7月0日」: a misread day, no such date in any year
        notes.append(str(exc))
        return None
    notes.append(f"{md}: no year near {base} fits the weekday and the order of events; took {found.isoformat()}")
    return found


def outline_to_events(
    report_no: int, timeline: Node | None, lines: Sequence[TextLine], reported_on: date | None, notes: list[str]
) -> list[IncidentEvent]:
    """One event per numbered item under the timeline heading, or per paragraph starting with a date."""
    if timeline is None:
        return []
    items: list[tuple[int, list[str]]] = []  # (first line index, paragraphs)
    if timeline.children:
        for child in timeline.children:
            texts = [t for n in child.walk() for t in _node_texts(n)]
            items.append((child.first_line or 0, texts))
    else:
        for p in timeline.paragraphs:
            text = _para_text(p)
            if _dated(text) or not items:
                items.append((p.first_line, [text]))
            else:
                items[-1][1].append(text)
    events: list[IncidentEvent] = []
    previous: date | None = None
    for seq, (first, texts) in enumerate(items, start=1):
        head = texts[0] if texts else ""
        on: date | None = None
        if (m := _EVENT_DATE.match(head)) is not None:
            on = _resolve(m, previous, reported_on, notes)
            head = head[m.end():]
        elif (s := _SAME_DAY.match(head)) is not None:
            on = previous
            if s.group("wd") and s.group("wd") not in _WEEKDAYS:
                notes.append(f"{s.group(0).strip()}: weekday {s.group('wd')!r} is not a weekday (misread?)")
            head = head[s.end():]
        else:
            notes.append(f"timeline item {seq} has no date: {head[:30]!r}")
        previous = on or previous
        text = "\n".join([head.strip(), *texts[1:]]).strip()
        line = lines[first]
        events.append(IncidentEvent(report_no, seq, on, text, line.page_no, line.bbox))
    return events


def _node_texts(node: Node) -> list[str]:
    out = [_para_text(node.lead)] if node.lead else []
    return [t for t in out + [_para_text(p) for p in node.paragraphs] if t]



# ---------------------------------------------------------------- dates anywhere in a notice's text

_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
_WD = r"(?:\((?P<wd>[月火水木金土日])(?:曜日?)?\))?"
_DATE_ANY = re.compile(
    rf"(?P<full>(?P<era>令和|平成|昭和)(?P<ey>元|[0-9]{{1,2}})年(?:{YEAR_GLOSS})?"
    r"(?P<em>[0-9]{1,2})月(?P<ed>[0-9]{1,2})日)"
    rf"|(?P<west>(?P<wy>(?:19|20)[0-9]{{2}})年(?:{YEAR_GLOSS})?"
    r"(?P<wm>[0-9]{1,2})月(?P<wdd>[0-9]{1,2})日)"
    r"|(?P<thisyear>(?:本年|今年)(?P<tm>[0-9]{1,2})月(?P<td>[0-9]{1,2})日)"
    r"|(?P<abbr>(?<![A-Za-z])(?P<ae>[RHS])(?P<ay>元|[0-9]{1,2})[.．](?P<am>[0-9]{1,2})[.．](?P<ad>[0-9]{1,2})(?![0-9]))"
    # 「6.9.13(金)」: the era left out, the year of the notice's era; only with the weekday printed after
    # it (a bare 6.9.13 may be a version or a section number)
    r"|(?P<noera>(?<![0-9A-Za-z.．])(?P<ny>[0-9]{1,2})[.．](?P<nm>[0-9]{1,2})[.．](?P<nd>[0-9]{1,2})"
    r"(?=\([月火水木金土日](?:曜日?)?\)))"
    r"|(?P<slash>(?P<sy>(?:19|20)[0-9]{2})[/／](?P<sm>[0-9]{1,2})[/／](?P<sd>[0-9]{1,2})(?![0-9]))"
    r"|(?P<sameyear>同年(?P<ym>[0-9]{1,2})月(?P<yd>[0-9]{1,2})日)"
    r"|(?P<samemonth>同月(?P<md2>[0-9]{1,2})日)"
    r"|(?P<nextnum>翌(?P<nn>[0-9]{1,2})日)"
    r"|(?P<monthday>(?<![0-9年])(?P<mm>[0-9]{1,2})月(?P<md>[0-9]{1,2})日)"
)


@dataclass(frozen=True)
class DateMention:
    """A date printed in a notice's text (whitespace removed), resolved from its context."""

    start: int
    end: int
    on: date | None
    raw: str
    relative: bool  # month-day, 同年, 同月, 同日, 翌日: the year (or day) came from the context
    note: str | None = None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_of(era: str, y: str) -> int:
    return _ERA_BASE[era] + (1 if y == "元" else int(y))


def find_dates(
    flat: str, previous: date | None, anchor: date | None, same_day: Sequence[str] = ("同日",),
    next_day: Sequence[str] = ("翌日",),
) -> list[DateMention]:
    """Every date in ``flat`` (text without whitespace), in order, each resolved against the one
    before it (``previous`` to start with) and the notice's own date ``anchor``: a month-day takes
    the year of the previous date, else the notice's, else nothing; one that would fall after the
    notice's date is taken in the year before (a notice of January about December), with a note."""
    marks: list[tuple[int, int, str]] = [(m.start(), m.end(), "date") for m in _DATE_ANY.finditer(flat)]
    for words, kind in ((same_day, "same"), (next_day, "next")):
        for w in words:
            start = flat.find(w)
            while start >= 0:
                if not any(a <= start < b for a, b, _ in marks):
                    marks.append((start, start + len(w), kind))
                start = flat.find(w, start + 1)
    out: list[DateMention] = []
    for start, end, kind in sorted(marks):
        raw = flat[start:end]
        on: date | None
        note = None
        relative = kind != "date"
        if kind == "same":
            on = previous
        elif kind == "next":
            on = previous + timedelta(days=1) if previous else None
        else:
            m = _DATE_ANY.match(flat, start)
            assert m is not None
            on, relative, note = _resolve_any(m, previous, anchor)
        if on is None and note is None:
            note = f"{raw}: no earlier date to resolve it against"
        # weekday printed right after: checked, never trusted over the digits
        wd = re.match(_WD, flat[end:end + 6])
        if wd and wd.group("wd") and on is not None and _WEEKDAYS[on.weekday()] != wd.group("wd"):
            note = f"{raw}({wd.group('wd')}): {on.isoformat()} is a {_WEEKDAYS[on.weekday()]}曜日"
        out.append(DateMention(start, end, on, raw, relative, note))
        previous = on or previous
    return out


def _era_left_out(m: re.Match[str], previous: date | None, anchor: date | None
                  ) -> tuple[date | None, bool, str | None]:
    """「6.9.13(金)」 in the era of the notice's date (else of the previous date's): 令和 from 2019-05-01,
    平成 before; noted, since the era is read from the context, not the print."""
    base = anchor or previous
    if base is None:
        return None, True, f"{m.group(0)}: no era printed and no date to take it from"
    era = "令和" if base >= date(2019, 5, 1) else "平成"
    found = _safe_date(_year_of(era, m.group("ny")), int(m.group("nm")), int(m.group("nd")))
    return found, True, f"{m.group(0)}: era not printed, read as {era} (the notice's)"


def _resolve_any(m: re.Match[str], previous: date | None, anchor: date | None) -> tuple[date | None, bool, str | None]:
    g = m.group
    if g("full"):
        return _safe_date(_year_of(g("era"), g("ey")), int(g("em")), int(g("ed"))), False, None
    if g("west"):
        return _safe_date(int(g("wy")), int(g("wm")), int(g("wdd"))), False, None
    if g("abbr"):
        return _safe_date(_year_of(g("ae"), g("ay")), int(g("am")), int(g("ad"))), False, None
    if g("noera"):
        return _era_left_out(m, previous, anchor)
    if g("slash"):
        return _safe_date(int(g("sy")), int(g("sm")), int(g("sd"))), False, None
    if g("thisyear"):  # 「本年11月5日」: the year the notice is dated in, whatever date came before
        base_year = anchor.year if anchor else previous.year if previous else None
        if base_year is None:
            return None, True, f"{m.group(0)}: no notice date to take 本年 from"
        return _safe_date(base_year, int(g("tm")), int(g("td"))), True, None
    base = previous or anchor
    if base is None:
        return None, True, f"{m.group(0)}: no year printed and no date to take it from"
    if g("samemonth"):
        return _safe_date(base.year, base.month, int(g("md2"))), True, None
    if g("nextnum"):  # 「翌5日」: the 5th after the previous date, in its month or the next
        day = int(g("nn"))
        if day > base.day:
            return _safe_date(base.year, base.month, day), True, None
        return _safe_date(base.year + base.month // 12, base.month % 12 + 1, day), True, None
    month, day = (int(g("ym")), int(g("yd"))) if g("sameyear") else (int(g("mm")), int(g("md")))
    found = _safe_date(base.year, month, day)
    if found is not None and previous is None and anchor is not None and found > anchor:
        return _safe_date(base.year - 1, month, day), True, f"{m.group(0)}: after the notice's date, taken in {base.year - 1}"
    return found, True, None
