"""What each table of a document looks like to the recognizer, and a draft config for the ones nothing matched.

A researcher with another authority's PDF runs ``ingest.py --explain FILE``:
for every table, its header cells, column count, the best matching table
kind of any report type and its score; for the tables no kind matched, a
draft ``kind = "facts"`` report type (TOML) whose fields are the table's own
column headers, ready to rename and move to config/report_types/. Pure: the
printing is pipeline/cli/explain.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.config import ReportType
from pipeline.recognize.facts import best_facts_kind, column_labels
from pipeline.recognize.headers import best_header_map
from pipeline.types import Extraction, TidyCell

ROW_LABELS_SHOWN = 6


@dataclass(frozen=True)
class TableSketch:
    table_no: int
    pages: tuple[int, ...]
    caption: str
    header: tuple[str, ...]  # the first header row as read
    columns: tuple[tuple[str, ...], ...]  # each value column's header path
    n_columns: int  # columns of the table's finest grid
    row_labels: tuple[str, ...]  # the first few row paths, joined
    numbers: int  # value cells holding a number
    best_kind: str | None  # "<report type>.<table kind>"
    score: float | None  # 0-100, mean header similarity of the mapped fields
    mapped: tuple[tuple[str, str], ...]  # (header label, field)


def sketch_table(table_no: int, extraction: Extraction, cells: Sequence[TidyCell],
                 report_types: Sequence[ReportType]) -> TableSketch:
    table = next(t for t in extraction.tables if t.table_no == table_no)
    mine = [c for c in cells if c.table_no == table_no]
    values = [c for c in mine if c.role == "value"]
    columns = {c.col_no: c.col_path for c in values}
    rows = list(dict.fromkeys(" / ".join(c.row_path) for c in sorted(values, key=lambda c: c.row_no) if c.row_path))
    best_kind: str | None = None
    score: float | None = None
    mapped: tuple[tuple[str, str], ...] = ()
    fit = best_header_map(table, report_types)
    header = tuple(c.text for c in table.header)
    if fit is not None:
        rt, hm = fit
        best_kind, score = f"{rt.name}.{hm.kind.name}", hm.score
        mapped = tuple((header[i], f) for i, f in sorted(hm.columns.items()))
    labels = column_labels(mine)
    facts_fit = best_facts_kind(labels, report_types)
    if facts_fit is not None and (score is None or facts_fit[1].score > score):
        rt, hm = facts_fit
        best_kind, score = f"{rt.name}.{hm.kind.name}", hm.score
        mapped = tuple((labels[i], f) for i, f in sorted(hm.columns.items()))
    return TableSketch(
        table_no, table.pages, table.caption, header, tuple(columns[k] for k in sorted(columns)),
        max((c.col_no for c in mine), default=-1) + 1, tuple(rows[:ROW_LABELS_SHOWN]),
        sum(1 for c in values if c.value is not None), best_kind, score, mapped,
    )


def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(text: str) -> str:
    """A config name from a file name: lower-case ASCII letters, digits and _."""
    out = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return out if out and out[0].isalpha() else f"t_{out}"


def draft_report_type(name: str, source: str, sketches: Sequence[TableSketch], title: str | None) -> str:
    """A draft facts report type for ``sketches`` (tables nothing matched); loads with parse_report_type."""
    lines = [
        f"# Draft report type written by `ingest.py --explain` from {source}.",
        "# Rename the fields (column header words -> names), add the wordings other authorities print,",
        "# name the dimensions, then move this file to config/report_types/ (docs/adding-a-report-type.md).",
        "",
        f"name = {_toml_string(name)}",
        f"label = {_toml_string(title or name)}",
        "header_threshold = 80",
        "",
        "[document]",
        "fiscal_year = '((?:令和|平成)\\s*(?:\\d+|元)\\s*年度)'",
    ]
    for sketch in sketches:
        labels = list(dict.fromkeys(path[-1] for path in sketch.columns if path))
        if not labels:
            continue
        kind = f"table_{sketch.table_no}"
        fields = [f"column_{i + 1}" for i in range(len(labels))]
        lines += [
            "",
            f"# table {sketch.table_no} (pages {', '.join(map(str, sketch.pages))}): {sketch.caption}",
            f"# rows: {'; '.join(sketch.row_labels)}",
            f"[tables.{kind}]",
            'kind = "facts"',
            f"target = {_toml_string(name + '_facts')}",
            'column_dimension = "column"',
            'row_dimension = "row"',
            f"required = [{', '.join(_toml_string(f) for f in fields)}]",
            f"[tables.{kind}.fields]",
            *(f"{f} = [{_toml_string(label)}]" for f, label in zip(fields, labels)),
        ]
    return "\n".join(lines) + "\n"
