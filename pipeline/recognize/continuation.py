"""Tables whose header does not name a table kind: relaxed header, shape, or a finding.

OCR misreads headers (「委託の内容」 read as 「の内容」), and a list's continuation
page sometimes comes out as a table of its own whose first row is a misread
header or already a case. Such a table is still recognized, with a finding:

- ``relaxed_header_map``: every header cell names a distinct field, at least
  half of them at the report type's threshold and the others at
  ``RELAXED_HEADER_SCORE``;
- ``continues_by_shape``: it has the column count and column positions of the
  recognized list just before it, and its closed-vocabulary columns (有/無, the
  agencies) read as that vocabulary;
- otherwise ``closest_kind`` names the best candidate for the
  ``table_not_recognized`` finding, so nothing is dropped silently.

The thresholds are chosen on synthetic header damage to the reference report's
tuning tables by ``dev/bench_recognition.py``, which also scores the
held-out tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process

from pipeline.config import ReportType, TableKind
from pipeline.normalize import NormalizeError
from pipeline.recognize.headers import (
    RELAXED_HEADER_SCORE,
    HeaderMap,
    header_key,
    header_similarity,
    kind_key,
    map_header,
    one_field_per_cell,
)
from pipeline.recognize.tables import decode_agency, decode_flag, decode_number, row_by_field
from pipeline.types import Cell, Table, grid_width

# Chosen by dev/bench_recognition.py on the tuning list (outsourcing), scored on the held-out ones:
# column edges may move this share of the table's width (0.01 lost pages to 3 pt of scan jitter;
# up to 0.05 still refused tables whose edges moved 4-8 %; the strictest that kept every row) …
COLUMN_SHIFT = 0.02
# … and this share of each closed-vocabulary column's filled cells must read as the vocabulary
# (0.8 lost most pages with a sixth of their 有/無 and agency cells unreadable; 0.6 kept them and
# took no table of other text for the list)
VOCABULARY_SHARE = 0.6
FLAG_FIELDS = ("sensitive", "ordinance_sensitive")


@dataclass(frozen=True)
class Candidate:
    """The table kind a header comes closest to naming, for the finding of a table that names none."""

    kind: str
    score: float  # mean over required fields of the best header cell's similarity (0–100)
    missing: tuple[str, ...]  # required fields no header cell names at the threshold


def relaxed_header_map(header: Sequence[str], kind: TableKind, threshold: float) -> tuple[HeaderMap, str] | None:
    """The header's map and its first field named below ``threshold``, when the header reads as the
    kind's closed vocabulary: every cell names a distinct field at ``RELAXED_HEADER_SCORE`` or more
    and at least half of them at ``threshold`` (a fax misreads several header cells at once:
    「の内容」 and 「窦施機閱」 and 「要配康個人情級」 on one page)."""
    filled = [h for h in header if header_key(h)]
    hm = map_header(header, kind, min(threshold, RELAXED_HEADER_SCORE))
    if hm is None or len(hm.columns) != len(filled) or len(filled) != len(header):
        return None
    weak = [f for f, score in hm.scores.items() if score < threshold]
    if not weak or 2 * len(weak) > len(filled):
        return None
    return hm, weak[0]


def closest_kind(header: Sequence[str], report_types: Sequence[ReportType]) -> Candidate | None:
    """The configured table kind whose required fields the header comes closest to naming.

    Each header cell names one field at most, as in ``map_header``: 「オンライン結合・システム導入の別」
    comes as close to the link's 内容 as to its 別, but it is the one cell, and the field it does not
    take is missing. The kind with the most required fields named wins, then the closest on average."""
    best: Candidate | None = None
    best_rank = (0, 0.0)  # fields named at the threshold, then the mean similarity
    for rt in report_types:
        for kind in rt.tables:
            keys = [k for k in (kind_key(h, kind) for h in header) if k]
            variants = {field: [kind_key(w, kind) for w in kind.fields[field]] for field in kind.required}
            pairs = [(float(hit), c, field) for field in kind.required for c, k in enumerate(keys)
                     if (hit := process.extractOne(k, variants[field], scorer=header_similarity)[1]) > 0]
            scores = {**dict.fromkeys(kind.required, 0.0), **one_field_per_cell(pairs)[1]}
            score = sum(scores.values()) / max(len(scores), 1)
            missing = tuple(f for f, s in scores.items() if s < rt.header_threshold)
            named = len(scores) - len(missing)
            if best is None or (named, score) > best_rank:
                best, best_rank = Candidate(kind.name, score, missing), (named, score)
    return best


def column_edges(row: Sequence[Cell]) -> list[float]:
    """A row's column boundaries as shares of its width (0 … 1): what a crop or a shift keeps."""
    left, right = min(c.bbox.x0 for c in row), max(c.bbox.x1 for c in row)
    width = max(right - left, 1e-6)
    return [(c.bbox.x0 - left) / width for c in row] + [1.0]


def same_columns(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    """Same number of columns at the same places (within ``COLUMN_SHIFT`` of the table's width)."""
    if len(row) != len(header) or not row:
        return False
    return all(abs(a - b) <= COLUMN_SHIFT for a, b in zip(column_edges(row), column_edges(header), strict=True))


def overlapping_columns(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    """Same number of columns, each over the same one's place by half the narrower's width or more.

    An unruled table's borders are drawn in its gutters wherever its own text
    leaves them, so two parts of one layout, one with its headings and one
    without, place them differently (a heading wider than its values moves
    them): ``same_columns`` is too strict for them, the columns' overlap is not.
    """
    if len(row) != len(header) or not row:
        return False
    return all(min(a.bbox.x1, b.bbox.x1) - max(a.bbox.x0, b.bbox.x0)
               >= 0.5 * min(a.bbox.x1 - a.bbox.x0, b.bbox.x1 - b.bbox.x0) for a, b in zip(row, header))


def vocabulary_share(rows: Sequence[Sequence[Cell]], header: Sequence[Cell], hm: HeaderMap,
                     report_type: ReportType) -> float:
    """The lowest share, over the closed-vocabulary columns, of filled cells that read as their vocabulary."""
    shares = []
    for field in (*FLAG_FIELDS, "agency"):
        if field not in hm.columns.values():
            continue
        cells = [c for row in rows for f, c in row_by_field(row, header, hm.columns).items()
                 if f == field and c.text.strip()]
        if not cells:
            continue
        shares.append(sum(in_vocabulary(field, c, report_type) for c in cells) / len(cells))
    return min(shares, default=0.0)


def in_vocabulary(field: str, cell: Cell, report_type: ReportType) -> bool:
    """Whether a cell reads as its closed-vocabulary field: one of the agencies for ``agency``, else 有/無."""
    if field == "agency":
        value, _ = decode_agency(cell.text, report_type, cell.choices)
        return value in report_type.agencies
    try:
        decode_flag(cell)
    except NormalizeError:
        return False
    return True


def grid_row(table: Table) -> tuple[Cell, ...]:
    """One cell per grid column, where the table's columns are: its first row when that has a cell
    for each column, else for each column the first unmerged cell that starts in it.

    A continuation page printed without its header can begin inside cells merged down from the
    previous page (a department over several cases): its first row then has one cell over two
    columns, and only the rows below show where every column is.
    """
    columns = max(map(grid_width, (table.header, *table.rows)), default=0)
    if len(table.header) == columns and all(c.col_span == 1 for c in table.header):
        return table.header
    found: dict[int, Cell] = {}
    for row in (table.header, *table.rows):
        for cell in row:
            if cell.col_span == 1 and not cell.spanned:
                found.setdefault(cell.col, cell)
    if len(found) != columns:
        return table.header
    return tuple(found[col] for col in range(columns))


def continues_by_shape(table: Table, previous: Table, hm: HeaderMap, report_type: ReportType) -> bool:
    """The table goes on with the list ``previous`` (recognized as ``hm``): same columns, same vocabularies."""
    grid = grid_row(table)
    if hm.kind.kind != "cases" or not same_columns(grid, grid_row(previous)):
        return False
    rows = table.rows or (table.header,)  # the first row may be a misread header: judge the body
    return vocabulary_share(rows, grid, hm, report_type) >= VOCABULARY_SHARE


def first_row_is_a_case(table: Table, hm: HeaderMap, report_type: ReportType) -> bool:
    """A continuation's first row holds a case (its header was not printed or not read), not a header."""
    cells = row_by_field(table.header, grid_row(table), hm.columns)
    if "case_no" in cells:
        try:
            decode_number(cells["case_no"])
        except NormalizeError:
            return False
    return all(in_vocabulary(f, c, report_type) for f, c in cells.items() if f in FLAG_FIELDS)


def first_row_is_a_rest(table: Table, hm: HeaderMap) -> bool:
    """A continuation's first row is the rest of the last case broken over the page, not a misread header.

    Its No. and flag cells are empty and some other cell holds text (a
    description's last lines). wkhtmltopdf prints a list's pages with no
    header above the rest of a row: read as a misread header, the rest of
    No. 37's description was dropped with it; as a row, the row it
    continues takes it (``tables.continued_row``).
    """
    cells = row_by_field(table.header, grid_row(table), hm.columns)
    empty = ("case_no", *FLAG_FIELDS)
    if any(f not in cells or cells[f].text.strip() for f in empty if f in hm.columns.values()):
        return False
    return any(c.text.strip() for f, c in cells.items() if f not in empty)


def summary_goes_on(table: Table, previous: Table, hm: HeaderMap, report_type: ReportType) -> bool:
    """Are the table's rows the rest of the summary table ``previous`` (recognized as ``hm``), broken over a page?

    An office suite breaks a summary table at a page's foot like any other
    and, unless told to, prints no header above the rest (Calc and AbiWord
    left 「農業委員会」 and 「合計」 alone at page 2's top, a table whose
    "header" is an agency's row). It is the rest when it opens the page
    right after ``previous``, has its columns, every agency cell reads as an
    agency, and ``previous`` has not reached its total row yet.
    """
    if hm.kind.kind != "summary" or not table.pages or not previous.pages:
        return False
    if table.pages[0] != previous.pages[-1] + 1 or not same_columns(grid_row(table), grid_row(previous)):
        return False
    if any(_is_total(c, report_type) for c in _agency_cells(previous.rows, previous, hm)):
        return False
    cells = _agency_cells((table.header, *table.rows), previous, hm)
    return bool(cells) and all(c is not None and in_vocabulary("agency", c, report_type) for c in cells)


def _agency_cells(rows: Sequence[Sequence[Cell]], previous: Table, hm: HeaderMap) -> list[Cell | None]:
    """Each row's cell under the agency heading of ``previous``'s header (None where it has none)."""
    return [row_by_field(row, previous.header, hm.columns).get("agency") for row in rows]


def _is_total(cell: Cell | None, report_type: ReportType) -> bool:
    """Does the agency cell read as the report type's total row (合計)?"""
    return cell is not None and decode_agency(cell.text, report_type, cell.choices)[0] == report_type.total_agency


def summary_anew(table: Table, previous: Table, hm: HeaderMap, report_type: ReportType) -> bool:
    """Is the table a whole summary table printed with no header over it, read by the columns of ``previous``?

    A producer that keeps a header with nothing under it can leave a summary's
    header alone at a page's foot and its rows at the next page's top
    (PyMuPDF's Story): the rows, with no header, are no table any kind
    knows. They are a summary table of their own when they have the columns
    of the summary table read last, which has reached its total row, and
    every row's agency cell reads as an agency, the last the total.
    """
    if hm.kind.kind != "summary" or not table.pages or not overlapping_columns(grid_row(table), grid_row(previous)):
        return False
    cells = _agency_cells((table.header, *table.rows), previous, hm)
    if len(cells) < 2 or not all(c is not None and in_vocabulary("agency", c, report_type) for c in cells):
        return False
    totals = [_is_total(c, report_type) for c in cells]
    ended = any(_is_total(c, report_type) for c in _agency_cells(previous.rows, previous, hm))
    return ended and totals[-1] and not any(totals[:-1])
