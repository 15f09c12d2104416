"""Facts report types: a table's tidy cells → named dimensions and a value, by configuration alone.

A ``kind = "facts"`` table kind (config/report_types/*.toml) names the
column header words of its columns (``fields``, whose names are the values of
``column_dimension``), vocabularies for further dimensions read from row
labels, the caption or the front page, and the ``target`` view its facts land
in. Adding a count table layout (運用状況, or any other) is a config file and
its docs: docs/adding-a-report-type.md.

The table is matched on its value cells' column header paths (the innermost
label of each), so a two-row header (「決定区分」 over 「開示」 …) matches as
well as a flat one; ``map_header`` from recognize/tables.py does the fuzzy work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.config import ReportType, TableKind, Vocabulary
from pipeline.normalize import normalize_text
from pipeline.normalize.numbers import parse_number
from pipeline.recognize.cells import CellSettings, cell_settings, tables_to_cells, total_word, with_policy
from pipeline.recognize.headers import HeaderMap, header_key, header_similarity, map_header
from pipeline.types import BBox, Finding, Source, Table, TextLine, TidyCell


@dataclass(frozen=True)
class Fact:
    """One value of a facts table with its dimensions (what ``target`` shows as columns)."""

    report_type: str
    table_kind: str
    target: str
    table_no: int
    dims: tuple[tuple[str, str | None], ...]
    value: float | int | None
    unit: str | None
    is_total: bool
    row_path: tuple[str, ...]
    col_path: tuple[str, ...]
    page_no: int
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None


@dataclass(frozen=True)
class FactsTable:
    """A table a facts kind matched, and how well (for ``explain``)."""

    report_type: ReportType
    kind: TableKind
    table_no: int
    header_map: HeaderMap
    labels: tuple[str, ...]  # the innermost column labels the kind was matched on


def column_labels(cells: Sequence[TidyCell]) -> tuple[str, ...]:
    """Innermost column label of each value column, left to right, once each."""
    seen: dict[int, str] = {}
    for c in sorted(cells, key=lambda c: c.col_no):
        if c.role == "value" and c.col_path and c.col_no not in seen:
            seen[c.col_no] = c.col_path[-1]
    return tuple(dict.fromkeys(seen.values()))


def best_facts_kind(labels: Sequence[str], report_types: Sequence[ReportType]) -> tuple[ReportType, HeaderMap] | None:
    best: tuple[ReportType, HeaderMap] | None = None
    for rt in report_types:
        for kind in rt.tables:
            if kind.kind != "facts":
                continue
            hm = map_header(list(labels), kind, rt.header_threshold)
            if hm is not None and (best is None or (len(hm.columns), hm.score) > (len(best[1].columns), best[1].score)):
                best = (rt, hm)
    return best


def _names(label: str, word: str, threshold: float) -> bool:
    a, b = header_key(label), header_key(word)
    return bool(a) and header_similarity(a, b) >= threshold


def _contains(text: str, word: str) -> bool:
    return bool(word) and header_key(word) in header_key(text)


def vocabulary_value(vocab: Vocabulary, row: Sequence[str], col: Sequence[str], caption: str, document: str,
                     threshold: float, rows_name_it: bool) -> tuple[str | None, str | None]:
    """(value, the row label that named it) by ``look_in`` order; see pipeline.config.Vocabulary.

    When other rows of the table name a value and this row names none, the row
    spans them all (小計, 総計): None, not the caption's or the default value.
    """
    for place in vocab.look_in:
        hits: dict[str, str | None] = {}
        for value, words in vocab.values.items():
            for word in words:
                if place in ("row", "column"):
                    label = next((x for x in (row if place == "row" else col) if _names(x, word, threshold)), None)
                    if label is not None:
                        hits.setdefault(value, label if place == "row" else None)
                elif _contains(caption if place == "caption" else document, word):
                    hits.setdefault(value, None)
        if len(hits) == 1:
            return next(iter(hits.items()))
        if place == "row" and rows_name_it:
            return None, None
    return vocab.default, None


def row_dimension_value(row_path: Sequence[str], claimed: set[str],
                        settings: CellSettings | None = None) -> str | None:
    """The row labels no vocabulary claimed, without a total word beside them (「区長 / 小計」 -> 区長);
    a row that is only a total keeps it (「合計」), as review_counts.agency does."""
    rest = [x for x in row_path if x not in claimed]
    settings = settings or cell_settings()
    plain = [x for x in rest if total_word(x, settings) is None]
    return " / ".join(plain or rest) or None


def table_to_facts(table: Table, cells: Sequence[TidyCell], fit: FactsTable, document: str,
                   settings: CellSettings | None = None) -> tuple[list[Fact], list[Finding]]:
    rt, kind, hm = fit.report_type, fit.kind, fit.header_map
    field_of = {fit.labels[i]: f for i, f in hm.columns.items()}
    values = [c for c in cells if c.role == "value"]
    threshold = rt.header_threshold
    by_row = {vocab.name: any(vocabulary_value(vocab, c.row_path, (), "", "", threshold, False)[1]
                              for c in values) for vocab in kind.vocabularies}
    facts: list[Fact] = []
    findings: list[Finding] = []
    unmapped: set[str] = set()
    for c in values:
        field = field_of.get(c.col_path[-1]) if c.col_path else None
        if field is None:
            unmapped.add(" / ".join(c.col_path))
            continue
        dims: list[tuple[str, str | None]] = [(kind.column_dimension or "", field)]
        claimed: set[str] = set()
        for vocab in kind.vocabularies:
            value, label = vocabulary_value(vocab, c.row_path, c.col_path, table.caption, document, threshold,
                                            by_row[vocab.name])
            dims.append((vocab.name, value))
            if label:
                claimed.add(label)
        if kind.row_dimension:
            dims.append((kind.row_dimension, row_dimension_value(c.row_path, claimed, settings)))
        facts.append(Fact(rt.name, kind.name, kind.target or "", table.table_no, tuple(dims), c.value, c.unit,
                          bool(c.row_total or c.col_total), c.row_path, c.col_path, c.page_no, c.bbox, c.source,
                          c.confidence))
    findings += [Finding("facts_unmapped_column", values[0].page_no if values else None,
                         f"table {table.table_no} ({rt.name}.{kind.name}): column {col!r} names no field; "
                         "its values are in cells only") for col in sorted(unmapped)]
    return facts, findings


def cell_overrides(matched: Sequence[FactsTable], settings: CellSettings | None = None) -> dict[int, CellSettings]:
    """The cell settings of each matched table whose report type's [cells] policy differs from config/cells.toml."""
    default = settings or cell_settings()
    policies = {m.table_no: with_policy(m.report_type.cells, default) for m in matched if m.report_type.cells}
    return {n: s for n, s in policies.items() if s != default}


def field_columns(matched: Sequence[FactsTable], cells: Sequence[TidyCell]) -> dict[int, set[int]]:
    """By table_no, the columns of each matched table whose values a facts kind reads as a field: each
    value there is a number, so one that is not must be a finding however many of the column OCR misread."""
    out: dict[int, set[int]] = {}
    for fit in matched:
        labels = {fit.labels[i] for i in fit.header_map.columns}
        out[fit.table_no] = {c.col_no for c in cells if c.table_no == fit.table_no and c.role == "value"
                             and c.col_path and c.col_path[-1] in labels}
    return out


def unread_in_fields(cells: Sequence[TidyCell], fields: dict[int, set[int]]) -> bool:
    """Whether a field column holds a cell read as no number (text, not a dash): then cells are re-read
    with the fields, for its finding."""
    return any(c.role == "value" and c.value is None and c.col_no in fields.get(c.table_no, ()) and c.text.strip()
               and parse_number(c.text) is None for c in cells)


def front_text(lines: Sequence[TextLine]) -> str:
    first = min((ln.page_no for ln in lines), default=1)
    return " ".join(normalize_text(ln.text) for ln in lines if ln.page_no == first)


def match_facts_tables(tables: Sequence[Table], cells: Sequence[TidyCell], report_types: Sequence[ReportType],
                       skip: Sequence[int] = ()) -> list[FactsTable]:
    """The tables (other than ``skip``, already recognized) a facts kind matches."""
    out = []
    for table in tables:
        if table.table_no in skip:
            continue
        labels = column_labels([c for c in cells if c.table_no == table.table_no])
        fit = best_facts_kind(labels, report_types)
        if fit is not None:
            out.append(FactsTable(fit[0], fit[1].kind, table.table_no, fit[1], labels))
    return out


def tables_to_facts(tables: Sequence[Table], cells: Sequence[TidyCell], lines: Sequence[TextLine],
                    report_types: Sequence[ReportType], skip: Sequence[int] = (),
                    settings: CellSettings | None = None,
                    ) -> tuple[tuple[Fact, ...], tuple[FactsTable, ...], tuple[Finding, ...]]:
    """Facts of every table a facts kind matches; the matches; findings."""
    document = front_text(lines)
    facts: list[Fact] = []
    findings: list[Finding] = []
    matched = match_facts_tables(tables, cells, report_types, skip)
    by_no = {t.table_no: t for t in tables}
    for fit in matched:
        more, found = table_to_facts(by_no[fit.table_no], [c for c in cells if c.table_no == fit.table_no], fit,
                                     document, settings)
        facts += more
        findings += found
    return tuple(facts), tuple(matched), tuple(findings)


@dataclass(frozen=True)
class TidyTables:
    """Every table's cells, the facts of those a facts kind matched, and what was found on the way."""

    cells: tuple[TidyCell, ...]
    facts: tuple[Fact, ...]
    matched: tuple[FactsTable, ...]
    findings: tuple[Finding, ...]


def tables_to_cells_and_facts(tables: Sequence[Table], lines: Sequence[TextLine],
                              report_types: Sequence[ReportType], skip: Sequence[int] = (),
                              settings: CellSettings | None = None) -> TidyTables:
    """Cells of every table, then facts of the tables a facts kind matches; a matched report type's
    own [cells] policy (「－」 as nothing …) re-reads its tables' cells before their facts are taken.
    ``settings``: the run's cells.toml (Config.cells), else the checkout's."""
    settings = settings or cell_settings()
    cells, cell_findings = tables_to_cells(tables, lines, settings)
    facts, matched, findings = tables_to_facts(tables, cells, lines, report_types, skip, settings)
    fields = field_columns(matched, cells)
    overrides = cell_overrides(matched, settings)
    if overrides or unread_in_fields(cells, fields):
        cells, cell_findings = tables_to_cells(tables, lines, settings, overrides=overrides, fields=fields)
        facts, matched, findings = tables_to_facts(tables, cells, lines, report_types, skip, settings)
    return TidyTables(cells, facts, matched, cell_findings + findings)
