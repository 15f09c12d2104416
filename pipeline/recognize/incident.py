"""Prose incident reports (誤廃棄, 漏えい, …) -> incidents, incident_events, incident_sections.

The chain, each step over plain data:

* ``lines_to_report_spans``: where each report starts (a line that is only
  「報告第N号」) and ends (the next start).
* ``outline.lines_to_outline``: the report's numbered sections, paragraphs
  joined across PDF line wraps.
* ``outline_to_front`` / ``outline_to_events`` / ``outline_to_sections``: the
  title block, the timeline, every section's text.
* ``report_to_incident``: the fields, each looked up under the headings the
  configuration names (``config/report_types/incident*.toml``), so a ward whose
  headings differ needs a config file, not code.

Nothing is guessed: a field that is not found stays None and says why in
``Incident.notes``; so does a weekday that contradicts its date, and the
要配慮 items of a report that marks them by underline when no underline data
was given.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Hamming

from pipeline.normalize import (
    NormalizeError,
    normalize_text,
    parse_count,
    parse_fiscal_year,
    parse_wareki_date,
    resolve_month_day,
)
from pipeline.recognize.outline import Layout, Node, Paragraph, Piece, lines_to_outline
from pipeline.types import BBox, Source, TextLine

log = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config" / "report_types"

Underlines = Mapping[int, Sequence[tuple[int, int]]]
"""Underlined character spans per line: ``{index in lines: [(start, end), ...]}``, end exclusive."""

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Incident:
    report_no: int
    title: str | None
    reported_on: date | None
    departments: tuple[str, ...]
    incident_type: str | None
    record_name: str | None
    personal_items: tuple[str, ...]
    sensitive_items: tuple[str, ...]
    affected_count: int | None
    affected_count_approx: bool | None
    fiscal_year_of_records: int | None
    retention_years: int | None
    discovered_on: date | None
    reported_to_ppc_on: date | None
    published_on: date | None
    secondary_damage: str | None
    legal_basis: str | None
    page_no: int
    config: str  # name of the report-type config that recognized it
    source: Source = "text"
    confidence: float | None = None  # lowest OCR confidence of the report's lines
    notes: tuple[str, ...] = ()  # what could not be read, and why


@dataclass(frozen=True)
class IncidentEvent:
    report_no: int
    seq: int  # 1-based, in the report's order
    event_on: date | None
    text: str  # without the leading date
    page_no: int
    bbox: BBox | None = None  # of the event's first line


@dataclass(frozen=True)
class IncidentSection:
    report_no: int
    path: str  # "1", "1/(2)", "第3/ア"; "preamble", "appendix-1" outside the outline
    heading: str  # "" when the numbered line is itself prose (a timeline entry)
    text: str  # the section's own paragraphs (not its children's), joined by "\n"
    page_no: int
    bbox: BBox | None = None


@dataclass(frozen=True)
class IncidentReport:
    incident: Incident
    events: tuple[IncidentEvent, ...]
    sections: tuple[IncidentSection, ...]


# ---------------------------------------------------------------- configuration


class IncidentConfigError(ValueError):
    """A report-type config file that cannot be used; the message names the file and the key."""


FIELD_KINDS: dict[str, str] = {
    "record_name": "first_paragraph",
    "personal_items": "items",
    "sensitive_items": "items",
    "affected_count": "count",
    "fiscal_year_of_records": "fiscal_year",
    "retention_years": "integer",
    "discovered_on": "event_date",
    "reported_to_ppc_on": "event_date",
    "published_on": "event_date",
    "secondary_damage": "text",
    "legal_basis": "text",
}
SCOPES = ("sections", "front", "timeline", "report")


@dataclass(frozen=True)
class FieldRule:
    """Where one field is read: sections whose heading contains a word, optionally a regex."""

    name: str
    headings: tuple[str, ...] = ()
    search: tuple[str, ...] = ("sections",)
    pattern: str | None = None  # searched in the texts; the first group named value* (or the match) is the value
    words: tuple[str, ...] = ()  # event_date: the first timeline event containing one of these

    def __post_init__(self) -> None:
        if self.name not in FIELD_KINDS:
            raise ValueError(f"unknown field {self.name!r}; known: {', '.join(FIELD_KINDS)}")
        bad = [s for s in self.search if s not in SCOPES]
        if bad:
            raise ValueError(f"fields.{self.name}.search: {bad} not in {SCOPES}")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"fields.{self.name}.pattern: {exc}") from exc
        if self.kind == "event_date" and not self.words:
            raise ValueError(f"fields.{self.name}: an event date needs `words` to find its event")

    @property
    def kind(self) -> str:
        return FIELD_KINDS[self.name]


@dataclass(frozen=True)
class IncidentType:
    name: str
    words: tuple[str, ...]


DEFAULT_START = r"^報告第(?P<no>[0-9]+)号$"
DEFAULT_DEPARTMENT_SUFFIXES = ("課", "部", "室", "係", "所", "センター", "局", "館", "事務局")
APPROX_WORDS = ("約", "およそ", "概ね", "おおむね", "程度", "前後")


@dataclass(frozen=True)
class IncidentConfig:
    """What an incident report of one style looks like. Loaded from TOML, see docs/incidents.md."""

    name: str
    title_words: tuple[str, ...]
    timeline_headings: tuple[str, ...]
    incident_types: tuple[IncidentType, ...]
    fields: tuple[FieldRule, ...]
    type_headings: tuple[str, ...] = ()
    required_headings: tuple[str, ...] = ()
    min_headings: int = 3
    start_pattern: str = DEFAULT_START
    appendix_patterns: tuple[str, ...] = ()
    end_patterns: tuple[str, ...] = ()
    ignore_patterns: tuple[str, ...] = ()
    department_suffixes: tuple[str, ...] = DEFAULT_DEPARTMENT_SUFFIXES
    underline_marker: str | None = None
    path: str = ""

    def __post_init__(self) -> None:
        if not self.title_words:
            raise ValueError("recognize.title_words is empty: no report would be recognized")
        if not self.incident_types:
            raise ValueError("incident_type.vocabulary is empty")
        for key in ("start_pattern",):
            _compile(getattr(self, key), key)
        for key in ("appendix_patterns", "end_patterns", "ignore_patterns"):
            for p in getattr(self, key):
                _compile(p, key)
        if "no" not in re.compile(self.start_pattern).groupindex:
            raise ValueError("recognize.start_pattern needs a named group (?P<no>...) for the report number")

    def rule(self, name: str) -> FieldRule | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def heading_words(self) -> tuple[str, ...]:
        words = list(self.timeline_headings) + list(self.type_headings) + list(self.required_headings)
        for f in self.fields:
            words.extend(f.headings)
        return tuple(dict.fromkeys(words))


def _compile(pattern: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{key}: {pattern!r}: {exc}") from exc


def _strs(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings, got {value!r}")
    return tuple(value)


def load_incident_config(path: str | Path) -> IncidentConfig:
    """Read one ``config/report_types/incident*.toml``; raise IncidentConfigError naming the file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IncidentConfigError(f"{path}: cannot read incident config: {exc}") from exc
    try:
        rec = data.get("recognize", {})
        types = data.get("incident_type", {})
        fields = tuple(
            FieldRule(
                name=name,
                headings=_strs(spec.get("headings"), f"fields.{name}.headings"),
                search=_strs(spec.get("search", ["sections"]), f"fields.{name}.search"),
                pattern=spec.get("pattern"),
                words=_strs(spec.get("words"), f"fields.{name}.words"),
            )
            for name, spec in data.get("fields", {}).items()
        )
        return IncidentConfig(
            name=str(data.get("name") or path.stem),
            title_words=_strs(rec.get("title_words"), "recognize.title_words"),
            required_headings=_strs(rec.get("required_headings"), "recognize.required_headings"),
            min_headings=int(rec.get("min_headings", 3)),
            start_pattern=str(rec.get("start_pattern", DEFAULT_START)),
            appendix_patterns=_strs(rec.get("appendix_patterns"), "recognize.appendix_patterns"),
            end_patterns=_strs(rec.get("end_patterns"), "recognize.end_patterns"),
            ignore_patterns=_strs(rec.get("ignore_patterns"), "recognize.ignore_patterns"),
            department_suffixes=_strs(rec.get("department_suffixes"), "recognize.department_suffixes")
            or DEFAULT_DEPARTMENT_SUFFIXES,
            timeline_headings=_strs(data.get("timeline", {}).get("headings"), "timeline.headings"),
            type_headings=_strs(types.get("headings"), "incident_type.headings"),
            incident_types=tuple(
                IncidentType(str(v["name"]), _strs(v.get("words"), f"incident_type.vocabulary {v['name']}"))
                for v in types.get("vocabulary", [])
            ),
            underline_marker=data.get("sensitive", {}).get("underline_marker"),
            fields=fields,
            path=str(path),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise IncidentConfigError(f"{path}: {exc}") from exc


def incident_config_paths(directory: str | Path = CONFIG_DIR) -> list[Path]:
    """The incident report-type configs, in name order (``incident.toml`` first)."""
    return sorted(Path(directory).glob("incident*.toml"))


def load_incident_configs(directory: str | Path = CONFIG_DIR) -> list[IncidentConfig]:
    return [load_incident_config(p) for p in incident_config_paths(directory)]


# ---------------------------------------------------------------- splitting


@dataclass(frozen=True)
class ReportSpan:
    report_no: int
    start: int  # index of the 報告第N号 line
    indices: tuple[int, ...]  # the lines after it, page furniture removed


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


def _is_ocr(span: ReportSpan, lines: Sequence[TextLine]) -> bool:
    return any(lines[i].source == "ocr" for i in (span.start, *span.indices))


def lines_to_report_spans(lines: Sequence[TextLine], configs: Sequence[IncidentConfig]) -> list[ReportSpan]:
    """Each report's number and lines: from a line that is only 「報告第N号」 to the next one."""
    starts = [re.compile(c.start_pattern) for c in configs]
    ignores = [re.compile(p) for c in configs for p in c.ignore_patterns]
    heads: list[tuple[int, int]] = []
    kept: list[int] = []
    for i, line in enumerate(lines):
        text = _squash(line.text)
        if not text or any(p.search(text) for p in ignores):
            continue
        m = next((m for p in starts if (m := p.match(text))), None)
        if m:
            heads.append((i, int(m.group("no"))))
        kept.append(i)
    spans = []
    for k, (start, no) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        spans.append(ReportSpan(no, start, tuple(i for i in kept if start < i < end)))
    return spans


# ---------------------------------------------------------------- front matter

_FULL_DATE = re.compile(r"^(?:令和|平成|昭和)(?:元|[0-9]+)年[0-9]+月[0-9]+日$")
_PAREN = re.compile(r"^[(（].*[)）]$")


@dataclass(frozen=True)
class Front:
    title: str | None
    subtitle_lines: tuple[str, ...]
    reported_on: date | None
    departments: tuple[str, ...]
    preamble: tuple[Paragraph, ...]


def _front_units(root: Node, config: IncidentConfig) -> list[tuple[str, Paragraph, bool]]:
    """(text, paragraph, is prose) of the title block.

    Prose paragraphs (with 「。」) stay whole. Other paragraphs are split where a line
    starts a new element (a bracketed subtitle, a date) or the text so far is complete
    (ends in 「について」, a closing bracket, a department suffix): a title that fills its
    line looks wrapped and would swallow the subtitle, while a long department name
    really does wrap (「砧総合支所保健福祉セ」「ンター健康づくり課」)."""
    units: list[tuple[str, Paragraph, bool]] = []
    for para in root.paragraphs:
        if "。" in _norm(para.text):
            units.append((_para_text(para), para, True))
            continue
        current: tuple[str, Paragraph] | None = None
        for piece in para.pieces:
            text = _norm(piece.text).strip()
            if not text:
                continue
            flat = re.sub(r"\s+", "", text)
            if current is not None and not _front_complete(current[0], config) and not (
                flat[:1] == "(" or _FULL_DATE.match(flat)
            ):
                current = (current[0] + text, Paragraph([*current[1].pieces, piece]))
                units[-1] = (current[0], current[1], False)
            else:
                current = (text, Paragraph([piece]))
                units.append((text, current[1], False))
    return units


def _front_complete(text: str, config: IncidentConfig) -> bool:
    flat = re.sub(r"\s+", "", text)
    if flat[:1] == "(":
        return flat.endswith(")")
    return bool(
        _FULL_DATE.match(flat) or flat.endswith(("について", *config.department_suffixes))
    )


def outline_to_front(root: Node, lines: Sequence[TextLine], config: IncidentConfig) -> Front:
    """Title, (subtitle), date and departments: what comes before the first heading.

    Anything else there (an introduction, a line that is none of these) is kept as the
    ``preamble`` section."""
    title: list[str] = []
    subtitles: list[str] = []
    departments: list[str] = []
    preamble: list[Paragraph] = []
    reported_on: date | None = None
    for text, para, prose in _front_units(root, config):
        flat = re.sub(r"\s+", "", text)
        if flat == "記" or not flat:
            continue
        if prose:
            preamble.append(para)
        elif reported_on is None and _FULL_DATE.match(flat):
            try:
                reported_on = parse_wareki_date(flat)
            except NormalizeError as exc:
                log.warning("report date not read: %s", exc)
                preamble.append(para)
        elif _PAREN.match(flat) and not preamble:
            subtitles.append(text)
        elif (
            title
            and len(flat) <= 40
            and not flat.endswith("について")
            and flat.endswith(tuple(config.department_suffixes))
        ):
            departments.append(flat)
        elif not departments and reported_on is None and not subtitles and not preamble:
            title.append(flat)
        else:
            preamble.append(para)
    return Front("".join(title) or None, tuple(subtitles), reported_on, tuple(departments), tuple(preamble))


# ---------------------------------------------------------------- sections


def _para_text(p: Paragraph) -> str:
    return _norm(p.text).strip()


def _node_heading_text(node: Node) -> tuple[str, list[str]]:
    """(heading, text paragraphs): a lead that is prose (has 「。」) is text, not a heading."""
    body = [t for p in node.paragraphs if (t := _para_text(p))]
    lead = _para_text(node.lead) if node.lead else ""
    if "。" in lead:
        return "", [lead, *body]
    return lead, body


def _first_line(node: Node, lines: Sequence[TextLine], fallback: int) -> TextLine:
    i = node.first_line
    return lines[i if i is not None else fallback]


def outline_to_sections(
    report_no: int, root: Node, appendices: list[Node], lines: Sequence[TextLine], front: Front, start: int
) -> list[IncidentSection]:
    out: list[IncidentSection] = []
    if front.preamble:
        first = lines[front.preamble[0].first_line]
        text = "\n".join(_para_text(p) for p in front.preamble)
        out.append(IncidentSection(report_no, "preamble", "", text, first.page_no, first.bbox))
    for node in root.walk()[1:] + appendices:
        heading, body = _node_heading_text(node)
        line = _first_line(node, lines, start)
        out.append(IncidentSection(report_no, node.path, heading, "\n".join(body), line.page_no, line.bbox))
    return out


def _matching(
    sections: Sequence[tuple[Node, str, list[str]]],
    words: Sequence[str],
    finder: _Words | None = None,
    what: str = "heading",
) -> list[tuple[Node, str, list[str]]]:
    finder = finder or _Words()
    return [s for s in sections if s[1] and finder.find(s[1], words, what) is not None]


# ---------------------------------------------------------------- timeline

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


# ---------------------------------------------------------------- fields

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


def report_to_incident(
    span: ReportSpan,
    lines: Sequence[TextLine],
    config: IncidentConfig,
    underlined: Underlines | None = None,
) -> IncidentReport:
    """Recognize one report (already known to be of this config's type)."""
    notes: list[str] = []
    words = _Words(_is_ocr(span, lines), notes)
    root, appendices, front = _parse(span, lines, config, words)
    timeline_nodes = _matching(_section_triples(root), config.timeline_headings, words, "timeline heading")
    timeline = timeline_nodes[0][0] if timeline_nodes else None
    if timeline is None:
        notes.append(f"no timeline: no heading contains {list(config.timeline_headings)}")
    events = outline_to_events(span.report_no, timeline, lines, front.reported_on, notes)
    ctx = _Context(
        config,
        _section_triples(root),
        [front.title or "", *front.subtitle_lines],
        events,
        underlined,
        notes,
        words,
    )
    values: dict[str, Any] = {}
    personal: list[str] = []
    sensitive: list[str] = []
    for rule in config.fields:
        kind = rule.kind
        if kind == "event_date":
            values[rule.name] = _event_date(ctx, rule)
        elif kind == "items":
            items, marked, heading = _list_field(ctx, rule)
            if rule.name == "personal_items":
                personal = items
                marker = config.underline_marker
                if marker and words.find(heading, [marker], "sensitive_items marker") is not None:
                    if underlined is None:
                        notes.append(
                            f"sensitive_items: the report marks them by underline ({marker}); "
                            "no underline data was given, so they are left empty"
                        )
                    elif not sensitive:
                        sensitive = marked
            else:
                sensitive = items
        else:
            raw = ctx.value(rule)
            if raw is None:
                ctx.missing(rule)
                continue
            try:
                values[rule.name] = _parse_value(kind, raw, rule, notes)
            except NormalizeError as exc:
                # an OCR misreading (「平成 0 年度」) leaves this field empty with a note; the report still lands
                notes.append(f"{rule.name}: {exc}")
    count = values.pop("affected_count", None)
    first = lines[span.start]
    report_lines = [lines[span.start]] + [lines[i] for i in span.indices]
    confidences = [ln.confidence for ln in report_lines if ln.confidence is not None]
    incident = Incident(
        report_no=span.report_no,
        title=front.title,
        reported_on=front.reported_on,
        departments=front.departments,
        incident_type=_incident_type(ctx, front.title),
        record_name=values.get("record_name"),
        personal_items=tuple(personal),
        sensitive_items=tuple(sensitive),
        affected_count=count[0] if count else None,
        affected_count_approx=count[1] if count else None,
        fiscal_year_of_records=values.get("fiscal_year_of_records"),
        retention_years=values.get("retention_years"),
        discovered_on=values.get("discovered_on"),
        reported_to_ppc_on=values.get("reported_to_ppc_on"),
        published_on=values.get("published_on"),
        secondary_damage=values.get("secondary_damage"),
        legal_basis=values.get("legal_basis"),
        page_no=first.page_no,
        config=config.name,
        source="ocr" if any(ln.source == "ocr" for ln in report_lines) else "text",
        confidence=min(confidences) if confidences else None,
        notes=tuple(notes),
    )
    sections = outline_to_sections(span.report_no, root, appendices, lines, front, span.start)
    return IncidentReport(incident, tuple(events), tuple(sections))


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


def _section_triples(root: Node) -> list[tuple[Node, str, list[str]]]:
    out = []
    for node in root.walk()[1:]:
        heading, body = _node_heading_text(node)
        out.append((node, heading, body))
    return out


def _parse(
    span: ReportSpan, lines: Sequence[TextLine], config: IncidentConfig, words: _Words | None = None
) -> tuple[Node, list[Node], Front]:
    words = words or _Words()
    heading_words = config.heading_words
    finder = words
    stops = [re.compile(p) for p in (*config.appendix_patterns, *config.end_patterns)]
    appendix_res = [re.compile(p) for p in config.appendix_patterns]
    layout = Layout.of([lines[i] for i in span.indices])
    root, rest = lines_to_outline(
        lines,
        span.indices,
        stop=lambda t: any(p.search(_squash(t)) for p in stops),
        layout=layout,
        # OCR drops the space after a label (「2事案の経過」): glued, it is a heading if it has a heading word.
        glued=lambda t: finder.find(t, heading_words, "glued heading") is not None,
    )
    front = outline_to_front(root, lines, config)
    appendices: list[Node] = []
    chunk: list[int] = []
    chunks: list[list[int]] = []
    ends = [re.compile(p) for p in config.end_patterns]
    for i in rest:
        flat = _squash(lines[i].text)
        if any(p.search(flat) for p in ends):
            continue  # 「以上」 itself
        if any(p.search(flat) for p in appendix_res) and chunk:
            chunks.append(chunk)
            chunk = []
        chunk.append(i)
    if chunk:
        chunks.append(chunk)
    for n, indices in enumerate(chunks, start=1):
        head = lines[indices[0]].text.strip()
        is_title = any(p.search(_squash(head)) for p in appendix_res)
        body, _ = lines_to_outline(lines, indices[1:] if is_title else indices, layout=layout, numbered=False)
        node = Node(None, f"appendix-{n}", paragraphs=body.paragraphs)
        if is_title:
            node.lead = Paragraph([Piece(indices[0], 0, head)])
        if node.lead is not None or node.paragraphs:
            appendices.append(node)
    return root, appendices, front


# ---------------------------------------------------------------- recognition


def recognize_score(span: ReportSpan, lines: Sequence[TextLine], config: IncidentConfig) -> int | None:
    """How many of the config's heading words the report has; None when it is not this type."""
    words = _Words(_is_ocr(span, lines))
    root, _, front = _parse(span, lines, config, words)
    if words.find(front.title or "", config.title_words, "title") is None:
        return None
    headings = [h for _, h, _ in _section_triples(root) if h]
    found = [w for w in config.heading_words if any(words.find(h, [w], "heading") for h in headings)]
    if any(not any(words.find(h, [w], "heading") for h in headings) for w in config.required_headings):
        return None
    return len(found) if len(found) >= config.min_headings else None


def lines_to_incidents(
    lines: Sequence[TextLine],
    config: IncidentConfig | Sequence[IncidentConfig],
    *,
    underlined: Underlines | None = None,
) -> list[IncidentReport]:
    """Every incident report in the document's running text, in order.

    ``config`` is one report-type config or several (e.g. ``load_incident_configs()``);
    each report goes to the config whose headings it matches best, and reports no
    config recognizes (報告第359号, a table report) are skipped. ``underlined`` gives
    the underlined character spans per line index, when the extractor saw them.
    """
    configs = [config] if isinstance(config, IncidentConfig) else list(config)
    if not configs:
        raise ValueError("lines_to_incidents needs at least one incident config (see config/report_types/)")
    out: list[IncidentReport] = []
    for span in lines_to_report_spans(lines, configs):
        scored = [(s, -k, c) for k, c in enumerate(configs) if (s := recognize_score(span, lines, c)) is not None]
        if not scored:
            log.debug("報告第%s号 (line %s) is not an incident report", span.report_no, span.start)
            continue
        best = max(scored, key=lambda t: (t[0], t[1]))[2]
        out.append(report_to_incident(span, lines, best, underlined))
    return out

