"""Incident notices from any authority, found by content: ``document_to_incidents``.

A document first goes to the configured report types (報告第N号, ``assembly.lines_to_incidents``);
when none recognizes it, the config-free reader takes over:

1. front matter: the notice's date (a line that is only a date), its title (the largest print
   among the first lines), the issuing department lines;
2. 一括公表 tables (``table.py``): one incident per row;
3. running text (``notice.py``): sections by heading role, one block per incident sub-title;
   a block is an incident when it names a type (in its title, else in its text), says something
   happened (an event word: 判明, 発生しました, 盗まれ …) and prints a date or a count;
4. the fields of each block (``evidence.py``), each doubt a note on the incident.

Never silent: a document with incident vocabulary (a type word, 漏えい, 事案 …) from which no
incident came gets a finding saying why.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from pipeline.recognize.incident.assembly import lines_to_incidents
from pipeline.recognize.incident.config import IncidentConfig
from pipeline.recognize.incident.evidence import (
    clean_department,
    dated_clauses,
    municipality_of,
    pick_count,
    pick_dates,
)
from pipeline.recognize.incident.notice import (
    Block,
    NoticeParagraph,
    Section,
    is_date_only,
    lines_to_paragraphs,
    paragraphs_to_sections,
    sections_to_blocks,
)
from pipeline.recognize.incident.records import (
    Incident,
    IncidentEvent,
    IncidentReport,
    IncidentSection,
    Underlines,
)
from pipeline.recognize.incident.table import fields_as_columns, is_incident_table, table_to_incidents
from pipeline.recognize.incident.timeline import find_dates
from pipeline.recognize.incident.vocabulary import IncidentVocabulary
from pipeline.recognize.incident.words import _squash
from pipeline.types import Finding, Table, TextLine

_SIGNED = re.compile(r"。[(（]([^()（）。、]{2,40})[)）]$")  # a paragraph closed by its department in brackets
FRONT_PARAGRAPHS = 8  # the title and the date are among the first paragraphs
MIN_SCORE = 0.5  # below: not reported as an incident (a finding says what was missing)
ISSUER_MAX_CHARS = 40


def document_to_incidents(
    lines: Sequence[TextLine],
    tables: Sequence[Table],
    configs: Sequence[IncidentConfig],
    vocab: IncidentVocabulary,
    *,
    underlined: Underlines | None = None,
    municipality: str | None = None,
) -> tuple[list[IncidentReport], list[Finding]]:
    """Every incident of a document, configured reports first, then by content; and the findings."""
    configured = lines_to_incidents(lines, configs, underlined=underlined, vocabulary=vocab) if configs else []
    if configured:
        return [_with_municipality(r, municipality) for r in configured], []
    return notice_to_incidents(lines, tables, vocab, municipality=municipality)


def _with_municipality(report: IncidentReport, municipality: str | None) -> IncidentReport:
    if municipality is None or report.incident.municipality is not None:
        return report
    return dataclasses.replace(report, incident=dataclasses.replace(report.incident, municipality=municipality))


def notice_to_incidents(
    lines: Sequence[TextLine], tables: Sequence[Table], vocab: IncidentVocabulary, *, municipality: str | None = None,
) -> tuple[list[IncidentReport], list[Finding]]:
    paragraphs = lines_to_paragraphs(lines, range(len(lines)))
    reported_on, date_k = _notice_date(paragraphs)
    title_k = _title_index(paragraphs, date_k)
    title = paragraphs[title_k].text if title_k is not None else ""
    body = [p for k, p in enumerate(paragraphs) if k not in (date_k, title_k)]
    sections = paragraphs_to_sections(body, vocab)
    front = [p.text for k, p in enumerate(paragraphs[:FRONT_PARAGRAPHS])
             if k not in (date_k, title_k) and _issuer_like(p.text)]
    signed = [s.text for s in sections if "department" in s.roles]
    municipality = municipality or municipality_of(front + signed)
    reports: list[IncidentReport] = []
    for printed in tables:
        table = next((t for t in (printed, fields_as_columns(printed, vocab)) if t and is_incident_table(t, vocab)),
                     None)
        if table is not None:
            reports += table_to_incidents(table, vocab, reported_on=reported_on, municipality=municipality,
                                          first_no=len(reports) + 1, title=title or None)
    reasons: list[str] = []
    if not reports:
        common, blocks = sections_to_blocks(sections, title)
        authority = _authority(front, municipality, vocab)
        doc_departments = _departments(common, front, municipality, vocab, authority)
        for block in blocks:
            report, why = block_to_report(block, lines, vocab, reported_on=reported_on, municipality=municipality,
                                          authority=authority,
                                          departments=doc_departments, no=len(reports) + 1, title=title)
            if report is not None:
                reports.append(report)
            else:
                reasons.append(why)
    findings = []
    if not reports:
        text = "\n".join([title] + [p.text for p in body])
        if vocab.reads_as_notice(text):
            page = paragraphs[0].page_no if paragraphs else None
            findings.append(Finding("incident_not_assembled", page,
                                    "incident vocabulary in the text but no incident assembled: "
                                    + ("; ".join(reasons) or "no title, table or block names an incident")))
    return reports, findings


def _notice_date(paragraphs: Sequence[NoticeParagraph]) -> tuple[date | None, int | None]:
    for k, p in enumerate(paragraphs[:FRONT_PARAGRAPHS]):
        if is_date_only(p.text):
            found = find_dates(_squash(p.text), None, None)
            if found and found[0].on:
                return found[0].on, k
    return None, None


def _title_index(paragraphs: Sequence[NoticeParagraph], date_k: int | None) -> int | None:
    """The largest print among the first paragraphs (ties: the first); a title is no sentence."""
    candidates = [(k, p) for k, p in enumerate(paragraphs[:FRONT_PARAGRAPHS])
                  if k != date_k and "。" not in p.text and len(_squash(p.text)) >= 4]
    if not candidates:
        return None
    return max(candidates, key=lambda kp: (round(kp[1].height, 0), -kp[0]))[0]


def _issuer_like(text: str) -> bool:
    flat = _squash(text)
    return bool(flat) and "。" not in flat and len(flat) <= ISSUER_MAX_CHARS


def _authority(front: Sequence[str], municipality: str | None, vocab: IncidentVocabulary) -> str | None:
    """The issuer's full name when a top line prints it and it is no department: 「富山市教育委員会」
    (the board is the authority, as the city is), so a department printed after that whole name is the
    part after it (「富山市教育委員会学校教育課」 -> 学校教育課), as one printed after the city's name is."""
    if municipality is None:
        return None
    return next((flat for t in front if (flat := _squash(t)).startswith(municipality) and len(flat) > len(municipality)
                 and not is_date_only(flat) and clean_department(t, municipality, vocab) is None), None)


def _departments(sections: Sequence[Section], front: Sequence[str], municipality: str | None,
                 vocab: IncidentVocabulary, authority: str | None = None) -> list[str]:
    """Departments as printed: 担当/問い合わせ sections first, then a department in brackets closing a
    section's paragraph (「…を見失いました。（市民課）」: a report of several incidents signs each so), then
    the issuer lines."""
    def clean(text: str) -> str | None:
        found = [d for name in (municipality, authority) if (d := clean_department(text, name, vocab))]
        return min(found, key=len) if found else None

    out = [d for s in sections if "department" in s.roles
           for t in (*s.text.split("\n")[:1], s.heading + s.text.split("\n")[0]) if (d := clean(t))]
    out += [d for s in sections for t in s.text.split("\n") if (m := _SIGNED.search(_squash(t))) and (d := clean(m.group(1)))]
    out += [d for t in front if (d := clean(t))]
    return list(dict.fromkeys(out))


def block_to_report(
    block: Block, lines: Sequence[TextLine], vocab: IncidentVocabulary, *, reported_on: date | None,
    municipality: str | None, departments: Sequence[str], no: int, title: str, authority: str | None = None,
) -> tuple[IncidentReport | None, str]:
    """One block's incident, or None and the reason it is not one."""
    notes: list[str] = []
    text = "\n".join([block.title] + [s.heading + "\n" + s.text for s in block.sections])
    title_type = vocab.type_by_priority(block.title)
    overview = [s.text for s in block.sections if "overview" in s.roles]
    body_hits = vocab.type_hits("\n".join(overview)) or vocab.type_hits(text)
    incident_type = title_type or (body_hits[0][1] if body_hits else None)
    if incident_type is None:
        return None, f"{block.title[:30]!r}: no incident-type word"
    if title_type is None and not vocab.names_incident(title):
        return None, f"{block.title[:30]!r}: the title names no incident ({incident_type} only in the text)"
    if title_type is None and not vocab.has_any(title, vocab.incident_words) \
            and not vocab.has_any(text, vocab.personal_words):  # 「広報誌の記載誤りについて（お詫び）」
        return None, f"{block.title[:30]!r}: the title only apologizes and the text names no personal information"
    if len({h[1] for h in vocab.type_hits(block.title)}) > 1:
        notes.append(f"incident_type: the title names {sorted({h[1] for h in vocab.type_hits(block.title)})}; "
                     f"took {incident_type} (vocabulary order)")
    if not vocab.has_any(text, vocab.event_words):
        return None, f"{block.title[:30]!r}: names {incident_type} but says nothing happened (no event word)"
    dated = dated_clauses(block.sections, reported_on, vocab)
    occurred, discovered, date_notes = pick_dates(block.sections, dated, vocab, reported_on)
    count_texts = [s.flat for role in ("count", "records", "overview") for s in block.sections if role in s.roles]
    count, count_notes = pick_count(count_texts + [_squash(text)], vocab)
    if not dated and count is None:
        return None, f"{block.title[:30]!r}: names {incident_type} but prints no date and no count"
    notes += date_notes + count_notes
    own = _departments(block.sections, [], municipality, vocab, authority)
    found_departments = own or list(departments)
    if len(found_departments) > 1:
        notes.append(f"department: {found_departments}; took the first ({'the block' if own else 'the notice'}'s)")
    elif not found_departments:
        notes.append("department: no 担当 line or issuing department ending in 課, 室, 部 … was printed")
    records, records_note = _records(block, vocab)
    if records_note:
        notes.append(records_note)
    legal = vocab.legal_of(text)
    if legal is None and (legal := vocab.default_legal(incident_type)) is not None:
        notes.append(f"legal_category: {legal}, the usual category of {incident_type} (not printed)")
    elif legal is None:
        notes.append(f"legal_category: not printed, and {incident_type} has no usual category")
    roles = {r for s in block.sections for r in s.roles} & {"occurred", "discovered", "timeline", "cause",
                                                              "countermeasures", "records", "count"}
    score = (0.4 if title_type else 0.2) + 0.1 * min(3, len(roles)) + 0.1 * bool(dated) + 0.1 * (count is not None) \
        + 0.1
    if score < MIN_SCORE:
        return None, f"{block.title[:30]!r}: too little evidence (score {score:.2f} < {MIN_SCORE})"
    block_lines = _block_lines(block, lines)
    confidences = [ln.confidence for ln in block_lines if ln.confidence is not None]
    first = block.sections[0] if block.sections else None
    page_no = first.page_no if first else (block_lines[0].page_no if block_lines else 1)
    incident = Incident(
        report_no=None, title=title or None, reported_on=reported_on, departments=tuple(found_departments),
        incident_type=incident_type, record_name=None, personal_items=(), sensitive_items=(),
        affected_count=count.value if count else None, affected_count_approx=count.approx if count else None,
        fiscal_year_of_records=None, retention_years=None, discovered_on=discovered, reported_to_ppc_on=None,
        published_on=None, secondary_damage=None, legal_basis=None, page_no=page_no, config="generic",
        source="ocr" if any(ln.source == "ocr" for ln in block_lines) else "text",
        confidence=min(confidences) if confidences else None, notes=tuple(notes), incident_no=no,
        municipality=municipality, department=found_departments[0] if found_departments else None,
        legal_category=legal, occurred_on=occurred, affected_text=count.text if count else None, records=records,
        cause=_role_text(block, "cause"), countermeasures=_role_text(block, "countermeasures"),
        recognition_score=round(min(score, 1.0), 2),
    )
    events = tuple(
        IncidentEvent(None, seq, d.mention.on, d.clause.lstrip("、:："), block.sections[d.section].page_no,
                      block.sections[d.section].bbox, no)
        for seq, d in enumerate((d for d in dated if "timeline" in block.sections[d.section].roles), start=1)
    )
    sections = tuple(
        IncidentSection(None, s.label or str(k + 1), s.heading, s.text, s.page_no, s.bbox, no)
        for k, s in enumerate(block.sections)
    )
    return IncidentReport(incident, events, sections), ""


def _role_text(block: Block, role: str) -> str | None:
    return "\n".join(s.text for s in block.sections if role in s.roles and s.text) or None


def _records(block: Block, vocab: IncidentVocabulary) -> tuple[str | None, str | None]:
    """(what was lost, sent or shown, a note): the overview's sentence saying what happened (the
    document or medium; the lead paragraph's, under no overview heading) and the sections listing the
    personal information; without either, the first sentence with 氏名 or 個人情報, which may name the
    items but not the document (noted)."""
    told = [s for s in block.sections if "overview" in s.roles] or [s for s in block.sections if not s.heading]
    overview = "\n".join(s.text for s in told)  # without an overview heading, the lead paragraph tells it
    sentences = [x.strip() for x in overview.replace("\n", "。").split("。") if x.strip()]
    what = next((x for x in sentences if vocab.type_hits(x) or vocab.has_any(x, vocab.occurred_cues)),
                sentences[0] if sentences else None)
    parts = [p for p in (what, _role_text(block, "records"), _role_text(block, "count")) if p]
    if parts:
        return "\n".join(dict.fromkeys(parts)), None
    found = _first_sentence_with("\n".join(s.text for s in block.sections), ("氏名", "個人情報"))
    if found is None:
        return None, "records: no section on what was lost or sent, and no sentence with 氏名 or 個人情報"
    return found, "records: no overview or records heading; took the first sentence naming 氏名 or 個人情報"


def _first_sentence_with(text: str, words: Sequence[str]) -> str | None:
    for sentence in text.replace("\n", "。").split("。"):
        if any(w in sentence for w in words):
            return sentence.strip() or None
    return None


def _block_lines(block: Block, lines: Sequence[TextLine]) -> list[TextLine]:
    if not block.sections:
        return []
    first = block.sections[0].first_line
    last = block.sections[-1].first_line
    return list(lines[first:last + 1 + block.sections[-1].text.count("\n") + 3])
