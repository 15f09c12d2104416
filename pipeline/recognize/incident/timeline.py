"""The timeline (経過): one event per item, dates resolved from the report's context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from pipeline.normalize import NormalizeError, parse_wareki_date, resolve_month_day
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

