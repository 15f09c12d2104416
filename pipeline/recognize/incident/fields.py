"""Field values of a configured report: counts, lists, fiscal years, event dates, the incident type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pipeline.normalize import parse_count, parse_fiscal_year
from pipeline.recognize.incident.config import FieldRule, IncidentConfig
from pipeline.recognize.incident.front import _matching, _para_text
from pipeline.recognize.incident.records import IncidentEvent, Underlines
from pipeline.recognize.incident.words import _norm, _Words, close_ocr_gaps
from pipeline.recognize.outline import Node, Paragraph

_COUNT = re.compile(
    r"(?P<pre>約|およそ|概ね|おおむね)?[ \u3000]*(?P<n>[0-9][0-9,]*)[ \u3000]*"
    r"(?:件|人|名|通|枚|世帯|者|部|冊)(?P<post>程度|前後)?"
)
_FISCAL = re.compile(r"(?:令和|平成|昭和)[ \u3000]*(?:元|[0-9]+)[ \u3000]*年度")
_INT = re.compile(r"[0-9]+")
_OPEN, _CLOSE = "(（「『[［【", ")）」』]］】"
_ITEM_SEP = "、，､"
KIND_PATTERNS = {"count": _COUNT, "fiscal_year": _FISCAL, "integer": _INT}


def split_items(text: str) -> list[tuple[int, int]]:
    """Spans of the items of 「氏名、住所、関係機関(通院先、通所先等)」: commas inside brackets do not split."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text + "、"):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in _ITEM_SEP and depth == 0:
            a, b = start, i
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
            start = i + 1
    return spans


def _underlined_share(para: Paragraph, a: int, b: int, underlined: Underlines) -> float:
    """Share of the characters [a, b) of the paragraph that carry an underline."""
    marks = 0
    total = 0
    offset = 0
    for piece in para.pieces:
        spans = underlined.get(piece.line_index, ())
        for k in range(len(piece.text)):
            pos = offset + k
            if a <= pos < b and not piece.text[k].isspace():
                total += 1
                col = piece.start + k
                marks += any(s <= col < e for s, e in spans)
        offset += len(piece.text)
    return marks / total if total else 0.0


def _items(para: Paragraph, underlined: Underlines | None) -> tuple[list[str], list[str]]:
    """(items, underlined items) of a list paragraph; an item counts as underlined when most of
    its head (the words before any bracket) is."""
    raw = para.text
    items: list[str] = []
    marked: list[str] = []
    for a, b in split_items(raw):
        item = _norm(raw[a:b]).strip()
        if not item:
            continue
        items.append(item)
        if underlined is not None:
            head_end = next((a + k for k, ch in enumerate(raw[a:b]) if ch in _OPEN), b)
            if _underlined_share(para, a, max(head_end, a + 1), underlined) >= 0.5:
                marked.append(item)
    return items, marked


def parse_incident_count(text: str) -> tuple[int, bool] | None:
    """「約40件(…)」 -> (40, True); 「28人」 -> (28, False); None when there is no count."""
    m = _COUNT.search(_norm(text))
    if not m:
        return None
    approx = bool(m.group("pre") or m.group("post"))
    return parse_count(m.group("n")), approx


@dataclass
class _Context:
    """Everything the field rules read from, for one report."""

    config: IncidentConfig
    sections: list[tuple[Node, str, list[str]]]  # (node, heading, text paragraphs)
    front_texts: list[str]
    events: list[IncidentEvent]
    underlined: Underlines | None
    notes: list[str] = field(default_factory=list)
    words: _Words = field(default_factory=_Words)

    def texts(self, rule: FieldRule) -> list[str]:
        out: list[str] = []
        for scope in rule.search:
            if scope == "sections":
                found = _matching(self.sections, rule.headings, self.words, f"{rule.name} heading")
                out.extend("\n".join(body) for _, _, body in found)
            elif scope == "front":
                out.extend(self.front_texts)
            elif scope == "timeline":
                out.extend(e.text for e in self.events)
            else:
                out.extend("\n".join([h, *body]) for _, h, body in self.sections)
        return [t for t in out if t]

    def value(self, rule: FieldRule) -> str | None:
        """The first text with a value in it: the rule's pattern, or else what the field's kind reads."""
        texts = self.texts(rule)
        if rule.pattern is None:
            kind_pattern = KIND_PATTERNS.get(rule.kind)
            return next((t for t in texts if kind_pattern is None or kind_pattern.search(_norm(t))), None)
        pattern = re.compile(rule.pattern)
        for text in texts:
            if (m := pattern.search(close_ocr_gaps(text))) is not None:
                named = [g for k, g in m.groupdict().items() if k.startswith("value") and g]
                return named[0] if named else m.group(0)
        return None

    def missing(self, rule: FieldRule) -> None:
        where = f"headings {list(rule.headings)}" if rule.headings else f"scopes {list(rule.search)}"
        what = f" matching {rule.pattern!r}" if rule.pattern else ""
        self.notes.append(f"{rule.name}: nothing found in {where}{what}")


def _event_date(ctx: _Context, rule: FieldRule) -> date | None:
    for ev in ctx.events:
        if ctx.words.find(ev.text, rule.words, f"{rule.name} (event {ev.seq})") is not None:
            return ev.event_on
    ctx.notes.append(f"{rule.name}: no timeline event mentions {list(rule.words)}")
    return None


def _list_field(ctx: _Context, rule: FieldRule) -> tuple[list[str], list[str], str]:
    """(items, underlined items, heading) of the first matching section's first paragraph."""
    for node, heading, _ in _matching(ctx.sections, rule.headings, ctx.words, f"{rule.name} heading"):
        paras = [p for p in node.paragraphs if _para_text(p)]
        if paras:
            items, marked = _items(paras[0], ctx.underlined)
            return items, marked, heading
    ctx.missing(rule)
    return [], [], ""


def _incident_type(ctx: _Context, title: str | None) -> str | None:
    found = _matching(ctx.sections, ctx.config.type_headings, ctx.words, "incident_type heading")
    texts = [title or ""] + ["\n".join(b) for _, _, b in found]
    # Exact words first (title, then overview), so a fuzzy hit never beats an exact one.
    for fuzzy in (False, True) if ctx.words.fuzzy else (False,):
        finder = _Words(fuzzy, ctx.notes if fuzzy else None)
        for text in texts:
            for t in ctx.config.incident_types:
                if finder.find(text, t.words, f"incident_type {t.name}") is not None:
                    return t.name
    ctx.notes.append("incident_type: no vocabulary word in the title or the overview")
    return None


def _parse_value(kind: str, raw: str, rule: FieldRule, notes: list[str]) -> Any:
    """The field's value from its raw text; raises NormalizeError when it is there but unreadable."""
    if kind == "text":
        return raw.strip() or None
    if kind == "first_paragraph":
        return raw.strip().split("\n")[0] or None
    if kind == "count":
        count = parse_incident_count(raw)
        if count is None:
            notes.append(f"{rule.name}: no count (number + 件/人/名 …) in {raw[:40]!r}")
        return count
    if kind == "fiscal_year":
        m = _FISCAL.search(raw)
        if m is None:
            notes.append(f"{rule.name}: no 年度 in {raw[:40]!r}")
            return None
        return parse_fiscal_year(m.group(0))
    m = _INT.search(raw)
    if m is None:
        notes.append(f"{rule.name}: no number in {raw[:40]!r}")
        return None
    return int(m.group(0))

