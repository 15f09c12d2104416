"""A list whose headings another office worded: the fields its headings do not name, read from its columns.

Offices print the same list under their own headings (「項番」 for No., 「主務課」 for 担当部課,
「類型」 for the link's 別, 「業務の概要」 for 委託の内容). No wording list is ever complete, but the
columns say what they are: an increasing run of whole numbers is the case number, 有/無 a flag, the
report's agencies the agency, names ending in 課/室/センター the department, a few values repeated
down the list a category, long text the free text. When the headings already name as many of a table
kind's fields as half its required ones at the report type's threshold, each field still missing is taken from the
one column left whose cells read as that field's ``[content]`` signature (the report type's config),
with a ``header_by_content`` finding for each: the table lands, and says how it was read.

A column two fields could take, or a field two columns could fill with nothing in their headings to
choose between them, is left unnamed (the table is then not recognized, with its finding): a guess
would put one field's values under another. For the same reason a kind is not taken by content when
the table's caption names another list, or when a column of long text would be left in no field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.config import ReportType, TableKind
from pipeline.normalize import NormalizeError, normalize_text
from pipeline.recognize.continuation import in_vocabulary
from pipeline.recognize.fields import row_by_field
from pipeline.recognize.headers import (
    RELAXED_HEADER_SCORE,
    HeaderMap,
    decode_leftover_header,
    header_similarity,
    kind_key,
    map_header,
)
from pipeline.recognize.tables import caption_criterion, decode_number
from pipeline.types import Cell, Table

FILLED_SHARE = 0.8  # a field's column has text in this share of the rows (備考 is mostly empty) …
READ_SHARE = 0.8  # … and this share of its filled cells read as the field's signature (OCR misreads a few)
CATEGORY_VALUES = 6  # a category column holds at most this many distinct values …
CATEGORY_REPEAT = 3  # … each used this many times on average
LONG_TEXT = 8.0  # mean characters of a free-text column's filled cells
HEADER_EVIDENCE = 30.0  # a heading this close to a field's wording tells two candidate columns apart


@dataclass(frozen=True)
class ContentField:
    """A field taken from its column's cells: where, and by which signature."""

    column: int
    field: str
    signature: str


def column_cells(table: Table, col: int) -> list[Cell]:
    """The body cells under header column ``col`` (by grid column, else by position)."""
    out = []
    for row in table.rows:
        cell = row_by_field(row, table.header, {col: "x"}).get("x")
        if cell is not None:
            out.append(cell)
    return out


def _share(cells: Sequence[Cell], test: Callable[[Cell], bool]) -> float:
    return sum(1 for c in cells if test(c)) / len(cells) if cells else 0.0


def _text(cell: Cell) -> str:
    return "".join(normalize_text(cell.text).split())


def is_numbering(cells: Sequence[Cell]) -> bool:
    """Whole numbers rising down the list (a misread or two aside): a case number column."""
    numbers = []
    for cell in cells:
        try:
            numbers.append(decode_number(cell)[0])
        except NormalizeError:
            continue
    if len(numbers) < READ_SHARE * len(cells):
        return False
    rises = sum(1 for a, b in pairwise(numbers) if b > a)
    return len(numbers) >= 2 and rises >= READ_SHARE * (len(numbers) - 1)


def is_category(cells: Sequence[Cell]) -> bool:
    """A few short values, each repeated down the list (「オンライン結合」「システム導入」)."""
    values = [_text(c) for c in cells]
    distinct = set(values)
    return (len(distinct) <= CATEGORY_VALUES and len(values) >= CATEGORY_REPEAT * len(distinct)
            and max(map(len, distinct), default=99) <= 20)


def signature_test(signature: str, report_type: ReportType) -> Callable[[Sequence[Cell]], bool]:
    """Whether a column's filled cells read as a ``[content]`` signature of the report type."""
    endings = tuple(report_type.department_endings)
    tests: dict[str, Callable[[Sequence[Cell]], bool]] = {
        "numbering": is_numbering,
        "flags": lambda cells: _share(cells, lambda c: in_vocabulary("sensitive", c, report_type)) >= READ_SHARE,
        "agency": lambda cells: _share(cells, lambda c: in_vocabulary("agency", c, report_type)) >= READ_SHARE,
        "department": lambda cells: bool(endings) and _share(
            cells, lambda c: _text(c).endswith(endings) and len(_text(c)) >= 3) >= READ_SHARE,
        "categories": is_category,
        "text": lambda cells: sum(len(_text(c)) for c in cells) / max(len(cells), 1) >= LONG_TEXT,
    }
    return tests[signature]


def free_columns(table: Table, hm: HeaderMap) -> dict[int, list[Cell]]:
    """The columns ``hm`` names no field for that hold text in most rows, each with its filled body cells."""
    rows = len(table.rows)
    free = {}
    for col in range(len(table.header)):
        if col in hm.columns:
            continue
        cells = [c for c in column_cells(table, col) if _text(c)]
        if rows and len(cells) >= FILLED_SHARE * rows:
            free[col] = cells
    return free


def content_fields(table: Table, hm: HeaderMap, report_type: ReportType,
                   free: dict[int, list[Cell]]) -> list[ContentField]:
    """The fields of ``hm``'s kind its header left unnamed, each from the one ``free`` column whose cells read
    as the field's signature; a field or column with two candidates and no heading to decide is skipped."""
    kind = hm.kind
    signature_of = {f: sig for sig, fields in report_type.content for f in fields if f in kind.fields}
    missing = [f for f in kind.fields if f not in hm.scores and f in signature_of]
    pairs = []
    for field in missing:
        test = signature_test(signature_of[field], report_type)
        pairs += [(_heading_score(table.header[col].text, field, kind), col, field)
                  for col, cells in free.items() if test(cells)]
    out: list[ContentField] = []
    contested: set[object] = set()
    for score, col, field in sorted(pairs, key=lambda p: (-p[0], p[1])):
        taken = {c.column for c in out} | {c.field for c in out}
        if {col, field} & (contested | taken):
            continue
        rivals = [p for p in pairs if (p[1] == col) != (p[2] == field) and p[0] > score - HEADER_EVIDENCE
                  and not {p[1], p[2]} & (contested | taken)]
        if rivals:  # another column could be this field's, or this column another field's: nothing decides
            contested.update((col, field))
            continue
        out.append(ContentField(col, field, signature_of[field]))
    return out


def text_left(free: dict[int, list[Cell]], found: Sequence[ContentField], report_type: ReportType) -> bool:
    """A ``free`` column of long text that no field found takes: the table is most likely another kind's
    (an external provision list read as an outsourcing one would leave its 提供先 unread)."""
    text = signature_test("text", report_type)
    taken = {c.column for c in found}
    return any(text(cells) for col, cells in free.items() if col not in taken)


def _heading_score(text: str, field: str, kind: TableKind) -> float:
    return max(header_similarity(kind_key(text, kind), kind_key(w, kind)) for w in kind.fields[field])


def content_header_map(table: Table, report_types: Sequence[ReportType]
                       ) -> tuple[ReportType, HeaderMap, tuple[ContentField, ...]] | None:
    """The best case-list kind whose fields the header names at the threshold as many as half its required
    ones (two at least), its required fields left from their columns' cells; None when no kind is completed
    so. Of several kinds completed, the one with the most columns read, then the closest headings."""
    header = [c.text for c in table.header]
    best = None
    for rt in report_types:
        if not rt.content:
            continue
        said = caption_criterion(table.caption, rt)
        for kind in rt.tables:
            if kind.kind != "cases" or (said is not None and said != kind.criterion):  # the caption names another
                continue
            named = map_header(header, kind, rt.header_threshold, required=False)
            if named is None:
                continue
            if len(named.scores) < max(2, len(kind.required) / 2):  # the kind's own words must name it
                continue
            hm = decode_leftover_header(header, named)
            free = free_columns(table, hm)
            found = content_fields(table, hm, rt, free)
            columns = {**hm.columns, **{c.column: c.field for c in found}}
            scores = {**hm.scores, **{c.field: RELAXED_HEADER_SCORE for c in found}}
            if any(f not in scores for f in kind.required) or text_left(free, found, rt):
                continue
            full = HeaderMap(kind, columns, scores)
            rank = (len(columns), full.score)
            if best is None or rank > best[0]:
                best = (rank, rt, full, tuple(found))
    return None if best is None else (best[1], best[2], best[3])
