"""The stacked style: each case of a list printed as two table rows, as offices' narrow Word/Excel sheets print it.

When a sheet is too narrow for a list's long free text beside its short fields, offices print each record over two
lines of the table: the first row holds No., the short fields (提供先, 該当条項, the link type), 担当部課, 実施機関
and the two 有/無 flags; the second row holds the long text (委託の内容, 提供先での利用目的, the link's 内容) in one
cell merged across the table. Two forms, drawn once per file by ``form`` (``random.Random(f"2059 {variant.name}")``):
``across``, the text's cell spanning every column, and ``beside``, No. merged down over both rows and the text's
cell spanning every column but No. The header is printed on two rows in the same arrangement. A full grid (every
cell ruled); the summaries print as in the grid style; every fact is printed once, so the ground truth is grid's.

The drawing is every producer's own (colspan/rowspan in HTML, number-columns-spanned in ODF and XSL-FO, a merged
range in .xlsx, SPAN in reportlab, \\multicolumn and \\multirow in LaTeX, table.cell(colspan:) in Typst, …): this
module turns a list's :class:`~dev.producers.model.Table` into a :class:`StackedTable` of the first row's columns
and two body rows a case (``stack``, called by ``renderer``), and says which cell spans which (``stacked_plan``:
the plan's row spans and column spans, the two header rows), which the producers read as they read the merge and
grouped styles' spans. ``model.Style.stacked`` is allowed on a plain grid only (``check_stacked``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from .sidebyside import check_plain_grid_flag

SEED = 2059
FORMS = ("across", "beside")  # the text's cell across every column | across all but No., No. merged down
# the lists' long free-text columns, printed in the second row
LONG_HEADERS = ("委託の内容", "提供先での利用目的", "オンライン結合・システム導入の内容")


def check_stacked(style) -> None:  # type: ignore[no-untyped-def]
    """False everywhere; True on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "stacked", "a case printed as two table rows, its long text merged across, under")


def form(variant) -> str:  # type: ignore[no-untyped-def]
    """The file's form, drawn by its name."""
    return random.Random(f"{SEED} {variant.name}").choice(FORMS)


def long_column(rows: tuple[tuple[str, ...], ...]) -> int:
    """The column printed in the second row: the one LONG_HEADERS names, else the column (not the first) with the
    longest text on average."""
    for c, head in enumerate(rows[0]):
        if head in LONG_HEADERS:
            return c
    body = rows[1:] or (rows[0],)
    return max(range(1, len(rows[0])), key=lambda c: sum(len(r[c]) for r in body))


@dataclass(frozen=True)
class StackedTable:
    """A list drawn stacked: ``rows`` the first header row (the short columns' headings) and then two rows a case,
    the case's short fields and its long text (at column 0 in form across, 1 in form beside, "" elsewhere)."""

    criterion: str
    rows: tuple[tuple[str, ...], ...]
    long_heading: str
    form: str
    weights: tuple[float, ...]  # the short columns' widths as the grid style gives them
    numeric: tuple[bool, ...]  # the short columns' counts and flags (centred)


def stack(doc, variant):  # type: ignore[no-untyped-def]
    """``doc`` with every list's table stacked in the file's form (under the stacked style; ``doc`` as it is
    under every other)."""
    if not variant.style.stacked:
        return doc
    from .model import column_weights, is_numeric_column

    shape = form(variant)
    lists = []
    for item in doc.lists:
        rows = item.table.rows
        long = long_column(rows)
        short = [c for c in range(len(rows[0])) if c != long]
        k = len(short)
        out = [tuple(rows[0][c] for c in short)]
        for row in rows[1:]:
            out.append(tuple(row[c] for c in short))
            text = [""] * k
            text[0 if shape == "across" else 1] = row[long]
            out.append(tuple(text))
        weights = column_weights(rows, False)
        lists.append(replace(item, table=StackedTable(
            item.table.criterion, tuple(out), rows[0][long], shape, tuple(weights[c] for c in short),
            tuple(is_numeric_column(rows, c) for c in short))))
    return replace(doc, lists=tuple(lists))


def stacked_plan(table: StackedTable, head_cell: Any) -> dict[str, Any]:
    """The fields of a TablePlan (``head_cell`` the model's HeadCell) that a stacked list's differ in: the weights,
    the numeric columns, the two header rows, every body cell's row span (``spans``: column -> per body row, 0
    where a spanning cell covers it) and the long text's column span (``colspans``: (row, col) -> columns)."""
    k = len(table.rows[0])
    cases = (len(table.rows) - 1) // 2
    first = 0 if table.form == "across" else 1
    if table.form == "across":
        head = tuple(head_cell(0, c, 1, 1, t) for c, t in enumerate(table.rows[0]))
    else:
        head = (head_cell(0, 0, 2, 1, table.rows[0][0]),) + tuple(
            head_cell(0, c, 1, 1, t) for c, t in enumerate(table.rows[0]) if c)
    head += (head_cell(1, first, 1, k - first, table.long_heading),)
    spans: dict[int, list[int]] = {c: [] for c in range(k)}
    for _ in range(cases):
        for c in range(k):
            spans[c] += [2 if (c == 0 and first) else 1, 1 if c == first else 0]
    colspans = {(2 * i + 2, first): k - first for i in range(cases)}
    return {"weights": table.weights, "numeric": table.numeric, "head": head, "spans": spans, "colspans": colspans}


def is_text_row(plan, row: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether body row ``row`` (1 the first) of a stacked list is a case's second row, its long text's."""
    return bool(plan.colspans) and row % 2 == 0
