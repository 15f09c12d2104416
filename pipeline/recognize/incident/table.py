"""A 一括公表 table (one incident per row) -> Incidents, by the roles of its header words.

A table is an incident table when its header names an overview column (概要, 内容, 事案 …) and
a date column with an occurrence or discovery role (発生日, 判明日 …): a bid-results table
(件名 | 入札日 | 落札者) or a statistics table (区分 | 請求件数) is not. Every data row is then
one incident; its type is read from a column of the kind role (事案区分, 種類) first, else from
the overview; a row whose type cannot be read is still an incident, of type その他, with a note.
A table that lists its fields down its first column is read turned (``fields_as_columns``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from pipeline.recognize.incident.evidence import clean_department, pick_count
from pipeline.recognize.incident.records import Incident, IncidentReport, IncidentSection
from pipeline.recognize.incident.timeline import find_dates
from pipeline.recognize.incident.vocabulary import OTHER, IncidentVocabulary
from pipeline.recognize.incident.words import _squash
from pipeline.types import Cell, Table

TABLE_SCORE = 0.9  # a row of an incident table with a type word
TABLE_SCORE_UNTYPED = 0.6


def table_roles(table: Table, vocab: IncidentVocabulary) -> list[frozenset[str]]:
    return [vocab.roles_of(c.text) for c in table.header]


def fields_as_columns(table: Table, vocab: IncidentVocabulary) -> Table | None:
    """The table turned so that its fields are its columns, when it lists them down its first column:
    None when it does not.

    Some authorities print a notice as a two-column table of 項目｜内容 rows
    (件名, 発生日, 概要, 件数 …), or two incidents side by side as the columns
    事案1｜事案2 under a first column of field names. Turned, each column after
    the first is one incident's row, under the field names as its header. A
    table is turned when every row has as many cells as its header and its
    first column names more fields (three or more) than its header row does.
    """
    rows = (table.header, *table.rows)
    width = len(table.header)
    if width < 2 or any(len(r) != width for r in rows):
        return None
    down = sum(1 for r in rows if vocab.roles_of(r[0].text))
    across = sum(1 for c in table.header if vocab.roles_of(c.text))
    if down < 3 or down <= across:
        return None
    return dataclasses.replace(table, header=tuple(r[0] for r in rows),
                               rows=tuple(tuple(r[j] for r in rows) for j in range(1, width)))


def is_incident_table(table: Table, vocab: IncidentVocabulary) -> bool:
    roles = table_roles(table, vocab)
    has_overview = any("overview" in r for r in roles)
    has_date = any(("occurred" in r or "discovered" in r) for r in roles)
    return has_overview and has_date and bool(table.rows)


def table_to_incidents(
    table: Table, vocab: IncidentVocabulary, *, reported_on: date | None, municipality: str | None,
    first_no: int, title: str | None,
) -> list[IncidentReport]:
    roles = table_roles(table, vocab)
    header = [_squash(c.text) for c in table.header]
    out: list[IncidentReport] = []
    for k, row in enumerate(table.rows):
        cells = {n: c for n, c in enumerate(row)}
        if not any(_squash(c.text) for c in row):
            continue
        out.append(_row_to_report(cells, roles, header, vocab, reported_on, municipality, first_no + len(out), title,
                                  table.table_no, k))
    return out


def _col(cells: dict[int, Cell], roles: Sequence[frozenset[str]], role: str, exclude: str = "") -> list[str]:
    return [cells[n].text for n, r in enumerate(roles) if role in r and exclude not in r and n in cells]


def _row_to_report(
    cells: dict[int, Cell], roles: Sequence[frozenset[str]], header: Sequence[str], vocab: IncidentVocabulary,
    reported_on: date | None, municipality: str | None, no: int, title: str | None, table_no: int, row_no: int,
) -> IncidentReport:
    notes: list[str] = []
    where = f"table {table_no} row {row_no + 1}"
    overview = _col(cells, roles, "overview")
    hits = vocab.type_hits("\n".join(_col(cells, roles, "kind"))) or vocab.type_hits("\n".join(overview))
    incident_type = hits[0][1] if hits else OTHER
    if not hits:
        notes.append(f"incident_type: no type word in {where}'s {'/'.join(overview)[:30]!r}; recorded as {OTHER}")
    elif len({h[1] for h in hits}) > 1:
        notes.append(f"incident_type: {where} names {sorted({h[1] for h in hits})}; took the first printed")
    dates: dict[str, date | None] = {}
    for field, role, other in (("occurred_on", "occurred", "discovered"), ("discovered_on", "discovered", "occurred")):
        texts = _col(cells, roles, role, exclude=other)
        found = [m for t in texts for m in find_dates(_squash(t), None, reported_on) if m.on]
        dates[field] = found[0].on if found else None
        if not found:
            notes.append(f"{field}: not printed in {where}" if not texts else f"{field}: no date read in {texts[0]!r}")
        elif found[0].note:
            notes.append(f"{field}: {found[0].note}")
    count, count_notes = pick_count([_squash(t) for t in _col(cells, roles, "count")], vocab)
    notes += count_notes
    departments = [d for t in _col(cells, roles, "department") if (d := clean_department(t, municipality, vocab))]
    if not departments:
        notes.append(f"department: no department column value in {where}")
    legal = vocab.legal_of("\n".join(overview)) or vocab.default_legal(incident_type)
    if legal and not vocab.legal_of("\n".join(overview)):
        notes.append(f"legal_category: {legal}, the usual category of {incident_type} (not printed)")
    first = next(iter(cells.values()))
    line_cells = list(cells.values())
    confidences = [c.confidence for c in line_cells if c.confidence is not None]
    incident = Incident(
        report_no=None, title=title, reported_on=reported_on, departments=tuple(departments),
        incident_type=incident_type, record_name=None, personal_items=(), sensitive_items=(),
        affected_count=count.value if count else None, affected_count_approx=count.approx if count else None,
        fiscal_year_of_records=None, retention_years=None, discovered_on=dates["discovered_on"],
        reported_to_ppc_on=None, published_on=None, secondary_damage=None, legal_basis=None,
        page_no=first.page_no, config="generic-table", source="ocr" if any(c.source == "ocr" for c in line_cells)
        else "text", confidence=min(confidences) if confidences else None, notes=tuple(notes), incident_no=no,
        municipality=municipality, department=departments[0] if departments else None, legal_category=legal,
        occurred_on=dates["occurred_on"], affected_text=count.text if count else None,
        records="\n".join(overview + _col(cells, roles, "records", exclude="overview")) or None, cause="\n".join(_col(cells, roles, "cause")) or None,
        countermeasures="\n".join(_col(cells, roles, "countermeasures")) or None,
        recognition_score=TABLE_SCORE if hits else TABLE_SCORE_UNTYPED,
    )
    sections = tuple(
        IncidentSection(None, f"table-{table_no}/row-{row_no + 1}/{n + 1}", header[n] if n < len(header) else "",
                        c.text, c.page_no, c.bbox, no)
        for n, c in cells.items()
    )
    return IncidentReport(incident, (), sections)
