"""Every table, recognized or not, as tidy typed cells: (row path, column path, value, unit).

A table that matches no report type is still data: a count table from
another authority, a budget. This module reads its grid geometry, not its
cell indexes, so a merged header or a merged row label (「総計」 over two
label columns) never shifts a value into the wrong column:

    table_to_slots   the table's cells placed on its finest rows and columns
                     (edges shared within a rule's width); a merged cell fills
                     every slot it covers, whichever extractor read it
    header_rows      leading rows that hold no number: the column headers
    stub_columns     leading columns that hold no number: the row headers
    slots_to_cells   one TidyCell per value slot with its row and column
                     paths, number, unit and total marks; one per header cell

Totals (計 / 小計 / 合計 / 総計) are marked here and checked in
pipeline/check/totals.py. What counts as a total, a unit or a dash lives in
config/cells.toml.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from pipeline.config import CONFIG_DIR
from pipeline.normalize import normalize_text
from pipeline.normalize.numbers import DashPolicy, Number, ParenPolicy, parse_number
from pipeline.recognize.notes import dash_notes
from pipeline.types import Cell, Finding, Table, TextLine, TidyCell, grid_width

Slots = list[list[Cell | None]]


@dataclass(frozen=True)
class CellSettings:
    """config/cells.toml: dash and parentheses policies, total words, units."""

    dash: DashPolicy = "zero"
    parentheses: ParenPolicy = "as_printed"
    total_words: tuple[str, ...] = ("総計", "合計", "小計", "計")
    suffix_total_words: tuple[str, ...] = ("総計", "合計", "小計")
    part_of_prefixes: tuple[str, ...] = ("うち",)
    units: tuple[tuple[str, str, float], ...] = ()  # (printed, base, factor)
    integral_units: tuple[str, ...] = ()  # units of things counted or whole amounts (件, 千円)
    count_units: tuple[str, ...] = ()  # units of things counted (件, 人): a cell in one must be a number
    ocr_dashes: tuple[str, ...] = ()  # what OCR reads a printed 「－」 as (一)
    # a printed note's words for what a dash means ((meaning, words) per meaning), and how many lines
    # above or under a table may hold its note (pipeline/recognize/notes.py)
    dash_notes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note_lines: int = 3

    def __post_init__(self) -> None:
        if self.dash not in ("zero", "none"):
            raise ValueError(f"cells: dash must be 'zero' or 'none', not {self.dash!r}")
        if any(meaning not in ("zero", "none") for meaning, _ in self.dash_notes):
            raise ValueError("cells: [dash_notes] may hold only zero and none")
        if self.parentheses not in ("as_printed", "negative"):
            raise ValueError(f"cells: parentheses must be 'as_printed' or 'negative', not {self.parentheses!r}")


@lru_cache(maxsize=4)
def cell_settings(config_dir: Path = CONFIG_DIR) -> CellSettings:
    data = tomllib.loads((config_dir / "cells.toml").read_text(encoding="utf-8"))
    units = tuple(sorted(((k, str(v["base"]), float(v["factor"])) for k, v in data.get("units", {}).items()),
                         key=lambda u: -len(u[0])))  # 千円 before 円
    return CellSettings(
        dash=data.get("dash", "zero"),
        parentheses=data.get("parentheses", "as_printed"),
        total_words=tuple(data.get("total_words", CellSettings.total_words)),
        suffix_total_words=tuple(data.get("suffix_total_words", CellSettings.suffix_total_words)),
        part_of_prefixes=tuple(data.get("part_of_prefixes", CellSettings.part_of_prefixes)),
        units=units,
        integral_units=tuple(k for k, v in data.get("units", {}).items() if v.get("integral")),
        count_units=tuple(k for k, v in data.get("units", {}).items() if v.get("count")),
        ocr_dashes=tuple(data.get("ocr_dashes", ())),
        dash_notes=tuple((k, tuple(v)) for k, v in data.get("dash_notes", {}).items()),
        note_lines=int(data.get("note_lines", CellSettings.note_lines)),
    )


# ---------------------------------------------------------------- geometry


def edge_clusters(values: Sequence[float], tol: float) -> list[float]:
    """Positions of rules: edges within ``tol`` of each other are the same rule."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _unique_cells(table: Table) -> list[Cell]:
    """Each cell once (the text layer repeats a row-merged cell in every row it spans)."""
    seen: dict[tuple[int, tuple[float, ...]], Cell] = {}
    for row in (table.header, *table.rows):
        for cell in row:
            seen.setdefault((cell.page_no, tuple(round(v, 1) for v in cell.bbox.as_list())), cell)
    return list(seen.values())


def _grid_width(table: Table) -> int:
    """The number of grid columns every row of the table spans alike (0: they differ, or no row says).

    Then a cell's columns are its grid columns: without rules each page of a
    continued table draws its borders where its own text leaves gaps (Calc's
    centred list: No. 42-65 pt on one page, 42-57 on the next), and edges
    clustered over all its pages cut it into slivers that put a recipient
    under 「No」.
    """
    rows = [row for row in (table.header, *table.rows) if row]
    if any(c.source == "ocr" for row in rows for c in row):
        return 0  # an OCR'd grid gives a merged cell no span
    widths = {grid_width(row) for row in rows}
    return widths.pop() if len(widths) == 1 and len(table.header) > 1 else 0


def table_to_slots(table: Table) -> tuple[Slots, list[int]]:
    """The table on its finest grid: slots[row][col] (a merged cell fills all it covers), and each row's page.

    Edges closer than a third of the median cell height are one rule: rows are
    about one text line high, and two real rules are never that close.
    """
    cells = _unique_cells(table)
    if not cells:
        return [], []
    heights = [c.bbox.bottom - c.bbox.top for c in cells if c.bbox.bottom > c.bbox.top]
    tol = (statistics.median(heights) if heights else 10.0) / 3
    width = _grid_width(table)
    xs = edge_clusters([v for c in cells for v in (c.bbox.x0, c.bbox.x1)], tol)
    columns = [(a + b) / 2 for a, b in pairwise(xs)] if not width else list(range(width))
    rows: list[tuple[int, float]] = []
    for page in sorted({c.page_no for c in cells}):
        on_page = [c for c in cells if c.page_no == page]
        ys = edge_clusters([v for c in on_page for v in (c.bbox.top, c.bbox.bottom)], tol)
        rows += [(page, (a + b) / 2) for a, b in pairwise(ys)]
    slots: Slots = [[None] * len(columns) for _ in rows]
    for cell in cells:  # rows are sorted by (page, centre) and columns by centre: bisect to the covered ones
        r0 = bisect_right(rows, (cell.page_no, cell.bbox.top))
        r1 = bisect_left(rows, (cell.page_no, cell.bbox.bottom))
        c0, c1 = ((cell.col, cell.col + cell.col_span) if width
                  else (bisect_right(columns, cell.bbox.x0), bisect_left(columns, cell.bbox.x1)))
        for r in range(r0, r1):
            slots[r][c0:c1] = [cell] * (c1 - c0)
    keep = [r for r, row in enumerate(slots) if any(s is not None and s.text.strip() for s in row)]
    return [slots[r] for r in keep], [rows[r][0] for r in keep]


def _number(cell: Cell | None, settings: CellSettings) -> Number | None:
    return parse_number(cell.text, settings.dash, settings.parentheses) if cell is not None else None


def header_rows(slots: Slots, settings: CellSettings) -> int:
    """Leading rows without a number (at least the first): the column headers."""
    n = 0
    while n < len(slots) and not any(_number(s, settings) for s in slots[n]):
        n += 1
    return max(1, n) if n < len(slots) else 1


def stub_columns(slots: Slots, n_header: int, settings: CellSettings) -> int:
    """Leading columns that hold no number below the header: the row headers.

    A list numbered in its first column (「No」 1, 2, 3 …: a case list) has
    that column as its only row header, so each row is named by its number;
    a table with no label column at all has none (0).
    """
    body = slots[n_header:]
    width = len(slots[0]) if slots else 0
    for c in range(width):
        if any(_number(row[c], settings) for row in body):
            return 1 if c == 0 and is_numbering(body, settings) else c
    return 0


def is_numbering(body: Slots, settings: CellSettings) -> bool:
    """Whether the first column counts the rows: whole numbers going up, most by one (a misread or a
    number left out may skip), in at least two rows; total rows (合計) may stand below."""
    numbers: list[int] = []
    for row in body:
        cell = row[0] if row else None
        if cell is None or not cell.text.strip():
            continue
        number = _number(cell, settings)
        if number is None:
            if total_word(label_of(cell), settings):
                continue
            return False
        if number.dash or number.percent or number.unit or not isinstance(number.value, int) or number.value < 0:
            return False
        numbers.append(number.value)
    steps = [b - a for a, b in pairwise(numbers)]
    return len(numbers) >= 2 and all(s > 0 for s in steps) and 2 * steps.count(1) > len(steps)


# ---------------------------------------------------------------- labels


_SPREAD_LABEL = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def numeric_columns(body: Slots, settings: CellSettings) -> set[int]:
    """Columns where most filled body cells are numbers: a text cell there is a misread, not a label."""
    out = set()
    for c in range(len(body[0]) if body else 0):
        filled = [row[c] for row in body if row[c] is not None and row[c].text.strip()]  # type: ignore[union-attr]
        if filled and 2 * sum(1 for x in filled if _number(x, settings)) > len(filled):
            out.add(c)
    return out


def label_of(cell: Cell | None) -> str:
    """A header's text: normalized, and a space between two Japanese characters dropped, since in a
    label it is only distributed alignment (「合 計」 is 合計)."""
    return _SPREAD_LABEL.sub("", normalize_text(cell.text)) if cell is not None else ""


def total_word(label: str, settings: CellSettings) -> str | None:
    """The total word a label is (「合 計」, 「計(A+B)」, 「歳入合計」), or None (「会計」, 「うち計」)."""
    key = re.sub(r"\s+", "", label)
    if any(key.startswith(p) for p in settings.part_of_prefixes):
        return None
    bare = re.sub(r"[(（][^)）]*[)）]$", "", key)
    for word in settings.total_words:
        if bare == word:
            return word
    return next((w for w in settings.suffix_total_words if bare.endswith(w)), None)


_UNIT_MARK = r"(?:単位\s*[:：]?\s*|[(（]\s*)"


def unit_in(text: str, settings: CellSettings) -> str | None:
    """A unit named in a caption or header: 「（単位：千円）」, 「金額(千円)」, 「単位 件」."""
    norm = normalize_text(text)
    for printed, _, _ in settings.units:
        if re.search(_UNIT_MARK + re.escape(printed) + r"(?![^\s)）])", norm):
            return printed
    return None


def path_of(cells: Sequence[Cell | None]) -> tuple[str, ...]:
    """Labels outermost first; a merged cell once, empty cells skipped."""
    out: list[str] = []
    previous: Cell | None = None
    for cell in cells:
        if cell is not None and cell is not previous and label_of(cell):
            out.append(label_of(cell))
        previous = cell
    return tuple(out)


def filled_stub(slots: Slots, n_header: int, n_stub: int) -> Slots:
    """Row labels with an outer level left blank under its first row filled from the row above.

    Excel prints 「区長」 once over its 開示請求 / 訂正請求 rows without merging
    the cells; a blank outer label with an inner one beside it belongs to the
    group above. Only outer levels are filled, and never from a total row.
    """
    out = [list(row) for row in slots]
    for r in range(n_header + 1, len(out)):
        row = out[r]
        inner = max((c for c in range(n_stub) if label_of(row[c])), default=-1)
        for c in range(inner):
            above = out[r - 1][c]
            if not label_of(row[c]) and label_of(above):
                row[c] = above
    return out


def scale(value: float | None, unit: str | None, settings: CellSettings) -> tuple[float | int | None, str | None]:
    for printed, base, factor in settings.units:
        if unit == printed:
            if value is None:
                return None, base
            scaled = value * factor
            return (int(scaled) if isinstance(value, int) and float(factor).is_integer() else scaled), base
    return value, unit


# ---------------------------------------------------------------- cells

_OCR_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


def ocr_number(cell: Cell, number: Number | None, unit: str | None,
               settings: CellSettings) -> tuple[Number | None, str | None]:
    """An OCR'd cell's number with the engine's known misreads undone; (number, what was decoded).

    A lone 「一」 is a printed 「－」 (config ``ocr_dashes``); 「1.393」 in a unit of
    whole numbers (件, 千円) is 「1,393」 with its comma read as a point. A
    text-layer cell is never decoded.
    """
    if cell.source != "ocr":
        return number, None
    text = re.sub(r"\s+", "", normalize_text(cell.text))
    if number is None and text in settings.ocr_dashes:
        return parse_number("－", settings.dash), f"{cell.text!r} read as a dash"
    if number is not None and unit in settings.integral_units and _OCR_GROUPED.fullmatch(text):
        return parse_number(text.replace(".", ",")), f"{cell.text!r} read as {text.replace('.', ',')!r}"
    return number, None


def unreadable_number(table: Table, cell: Cell, r: int, c: int, row_path: Sequence[str], col_path: Sequence[str],
                      why: str) -> Finding:
    """The finding for a value cell that must be a number and is not: page, table, row, column and text,
    so a person can find the cell and a correction can fix it.

    A cell must be a number in a column of numbers (most of its cells are), in a count table (its
    caption, row or column names a unit of things counted, 件 / 人), and in a column a facts kind
    reads as a field: there a column whose cells OCR mostly misread (「l2」, 「O」) is still a
    column of counts, and no letter in it may pass silently.
    """
    return Finding("unreadable_number", cell.page_no,
                   f"table {table.table_no} row {r} ({' / '.join(row_path) or 'no label'}) column {c} "
                   f"({' / '.join(col_path) or 'no header'}): {cell.text!r} {why} is not a number; kept as text")


def must_be_number(c: int, unit: str | None, numeric: set[int], fields: Collection[int],
                   settings: CellSettings) -> str | None:
    """Why a value cell in column ``c`` must be a number (for its finding), or None when text may stand there."""
    if c in numeric:
        return "in a column of numbers"
    if unit in settings.count_units:
        return f"in a table of counts ({unit})"
    if c in fields:
        return "in a column a facts report type reads as a number"
    return None


def slots_to_cells(table: Table, slots: Slots, pages: list[int], context: Sequence[str],
                   settings: CellSettings, fields: Collection[int] = ()) -> tuple[list[TidyCell], list[Finding]]:
    """TidyCells of one table (see the module docstring), and what was decoded to read them or could
    not be read (``fields``: columns a facts report type reads as numbers)."""
    if not slots:
        return [], []
    n_header = header_rows(slots, settings)
    n_stub = stub_columns(slots, n_header, settings)
    slots = filled_stub(slots, n_header, n_stub)
    table_unit = next((u for u in (unit_in(t, settings) for t in (table.caption, *context)) if u), None)
    width = len(slots[0])
    numeric = numeric_columns(slots[n_header:], settings)
    col_paths = [path_of([slots[r][c] for r in range(n_header)]) for c in range(width)]
    col_units = [next((u for u in (unit_in(x, settings) for x in reversed(p)) if u), None) for p in col_paths]
    col_totals = [next((t for t in (total_word(x, settings) for x in reversed(p)) if t), None) for p in col_paths]
    out: list[TidyCell] = []
    findings: list[Finding] = []
    emitted: set[int] = set()

    def header_cell(cell: Cell | None, r: int, c: int, role: str) -> None:
        if cell is None or id(cell) in emitted or not cell.text.strip():
            return
        emitted.add(id(cell))
        label = label_of(cell)
        word = total_word(label, settings)
        out.append(TidyCell(table.table_no, cell.page_no, r, c, role, cell.text, label, None, None, None, None,
                            (), (), word if role == "row_header" else None, word if role == "col_header" else None,
                            cell.bbox, cell.source, cell.confidence))

    for r in range(n_header):
        for c in range(width):
            header_cell(slots[r][c], r, c, "corner" if c < n_stub else "col_header")
    for r in range(n_header, len(slots)):
        row = slots[r]
        row_path = path_of(row[:n_stub])
        row_total = next((t for t in (total_word(x, settings) for x in reversed(row_path)) if t), None)
        row_unit = next((u for u in (unit_in(x, settings) for x in row_path) if u), None)
        for c in range(n_stub):
            header_cell(row[c], r, c, "row_header")
        for c in range(n_stub, width):
            cell = row[c]
            if cell is None:
                continue
            unit = col_units[c] or row_unit or table_unit
            number, how = ocr_number(cell, _number(cell, settings), unit, settings)
            why = must_be_number(c, unit, numeric, fields, settings) if number is None and cell.text.strip() else None
            if why:
                findings.append(unreadable_number(table, cell, r, c, row_path, col_paths[c], why))
            if how:
                findings.append(Finding("number_decoded", cell.page_no, f"table {table.table_no} "
                                        f"{' / '.join(row_path)} | {' / '.join(col_paths[c])}: {how}"))
            value: float | int | None = None
            if number is not None:
                value = number.value
                unit = "%" if number.percent else (number.unit or unit)
            else:
                unit = None
            scaled, scaled_unit = scale(value, unit, settings) if number is not None else (None, None)
            col_total = col_totals[c]
            out.append(TidyCell(
                table.table_no, pages[r], r, c, "value", cell.text, normalize_text(cell.text), value, unit,
                scaled, scaled_unit, row_path, col_paths[c], row_total, col_total, cell.bbox, cell.source,
                cell.confidence,
            ))
    return out, findings


CONTEXT_LINES = 3  # lines above a table searched for its unit (「（単位：千円）」 stands between title and table)


def context_lines(table: Table, lines: Sequence[TextLine]) -> list[str]:
    """The few text lines just above the table on its first page, nearest first."""
    if not table.header:
        return []
    page, top = table.header[0].page_no, min(c.bbox.top for c in table.header)
    above = [ln for ln in lines if ln.page_no == page and ln.bbox.bottom <= top + 1]
    return [ln.text for ln in sorted(above, key=lambda ln: -ln.bbox.bottom)[:CONTEXT_LINES]]


def with_policy(policy: Sequence[tuple[str, str]], settings: CellSettings | None = None) -> CellSettings:
    """config/cells.toml with a report type's [cells] policy (dash, parentheses) over it."""
    return dataclasses.replace(settings or cell_settings(), **dict(policy))  # type: ignore[arg-type]


def tables_to_cells(tables: Sequence[Table], lines: Sequence[TextLine] = (),
                    settings: CellSettings | None = None, overrides: dict[int, CellSettings] | None = None,
                    fields: Mapping[int, Collection[int]] | None = None,
                    ) -> tuple[tuple[TidyCell, ...], tuple[Finding, ...]]:
    """Tidy cells of every table (``overrides``: other settings by table_no; ``fields``: by table_no, the
    columns a facts report type reads as numbers), and findings for what had to be decoded or could not
    be read. A note the document prints about its dashes decides what they mean."""
    settings = settings or cell_settings()
    notes = dash_notes(tables, lines, settings.dash_notes, settings.note_lines, settings.ocr_dashes)
    out: list[TidyCell] = []
    findings: list[Finding] = []
    for table in tables:
        slots, pages = table_to_slots(table)
        own = (overrides or {}).get(table.table_no, settings)
        if table.table_no in notes and notes[table.table_no][0] != own.dash:
            meaning, note = notes[table.table_no]
            findings.append(Finding("dash_by_note", pages[0] if pages else None, f"table {table.table_no}: "
                                    f"「－」 read as {'0' if meaning == 'zero' else 'nothing (NULL)'}, as the note "
                                    f"{note!r} says (the config says {own.dash})"))
            own = dataclasses.replace(own, dash=meaning)  # type: ignore[arg-type]
        cells, found = slots_to_cells(table, slots, pages, context_lines(table, lines), own,
                                      (fields or {}).get(table.table_no, ()))
        out += cells
        findings += found
    return tuple(out), tuple(findings)
