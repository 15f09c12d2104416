"""The title block (title, subtitle, date, departments) and every section's text of a report."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.normalize import NormalizeError, parse_wareki_date
from pipeline.recognize.incident.config import IncidentConfig
from pipeline.recognize.incident.records import IncidentSection
from pipeline.recognize.incident.words import _norm, _Words
from pipeline.recognize.outline import Node, Paragraph
from pipeline.types import TextLine

log = logging.getLogger(__name__)

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

