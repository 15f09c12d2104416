"""Configured reports (報告第N号 …): find each report, pick its config, assemble its records."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.normalize import NormalizeError
from pipeline.recognize.incident.config import IncidentConfig
from pipeline.recognize.incident.fields import (
    _Context,
    _event_date,
    _incident_type,
    _list_field,
    _parse_value,
)
from pipeline.recognize.incident.front import (
    Front,
    _matching,
    _node_heading_text,
    outline_to_front,
    outline_to_sections,
)
from pipeline.recognize.incident.records import Incident, IncidentReport, Underlines
from pipeline.recognize.incident.timeline import outline_to_events
from pipeline.recognize.incident.vocabulary import LEGAL, IncidentVocabulary, default_vocabulary
from pipeline.recognize.incident.words import _squash, _Words
from pipeline.recognize.outline import Layout, Node, Paragraph, Piece, lines_to_outline
from pipeline.types import TextLine

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class ReportSpan:
    report_no: int
    start: int  # index of the 報告第N号 line
    indices: tuple[int, ...]  # the lines after it, page furniture removed


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


def report_to_incident(
    span: ReportSpan,
    lines: Sequence[TextLine],
    config: IncidentConfig,
    underlined: Underlines | None = None,
    vocabulary: IncidentVocabulary | None = None,
) -> IncidentReport:
    """Recognize one report (already known to be of this config's type).

    The config's incident-type vocabulary gives the legal category (漏えい / 滅失 / 毀損, what it
    always gave); the shared vocabulary (``config/incident_vocabulary.toml``) gives what happened
    (誤廃棄, 誤送信 …), so configured and generic incidents share one closed list."""
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
        incident_type=None,
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
        recognition_score=1.0,
    )
    legal = _incident_type(ctx, front.title)
    vocab = vocabulary or default_vocabulary()
    overview = "\n".join("\n".join(b) for _, _, b in _matching(ctx.sections, config.type_headings, words))
    closed = vocab.type_by_priority(front.title or "") or next((h[1] for h in vocab.type_hits(overview)), None)
    if closed is None:
        notes.append("incident_type: no type word (紛失, 誤送付 …) in the title or the overview")
    first_department = front.departments[0] if front.departments else None
    incident = dataclasses.replace(
        incident, incident_type=closed, legal_category=legal if legal in LEGAL else vocab.default_legal(closed),
        occurred_on=None, department=first_department, affected_text=None, notes=tuple(notes))
    sections = outline_to_sections(span.report_no, root, appendices, lines, front, span.start)
    return IncidentReport(incident, tuple(events), tuple(sections))


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
    vocabulary: IncidentVocabulary | None = None,
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
        report = report_to_incident(span, lines, best, underlined, vocabulary)
        no = len(out) + 1
        out.append(IncidentReport(
            dataclasses.replace(report.incident, incident_no=no),
            tuple(dataclasses.replace(e, incident_no=no) for e in report.events),
            tuple(dataclasses.replace(s, incident_no=no) for s in report.sections),
        ))
    return out

