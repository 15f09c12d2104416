"""The sectioned style: each list printed grouped by department, a section row across the table before each run.

Many offices print a list of cases grouped by the department in charge: a row spanning the whole table names the
department (「■ 保健福祉政策部保健医療福祉推進課」, 「【財務部納税課】」 …) before the run of its cases, and the 担当部課
column is dropped, the department given only by the section row above. The cases keep their order by No.: where a
department's cases are not contiguous, its section row is printed again each time the department changes (as offices
do when the list is numbered first). In the reference report every department's cases are contiguous in all three
lists (56, 18 and 25 runs, none repeated), so each department has one section row there; a department whose run is
broken by a page is not named again on the next page (the cases under the repeated header belong to the section row
on the page before).

Each file draws by ``random.Random(f"2061 {variant.name}")`` (``sectioning``) one or two of ``FORMS`` (how the
section row writes the department: 「■ 」 before it, in 【】, in ＜＞, ◆ before it, or the name alone), and its lists
take them in turn (the first list the first form, the second the second, …). Every fact is printed once (the
department whole, in its section row), so the ground truth is grid's. A full grid; the summaries as grid's.

The drawing is every producer's own: ``section`` (called by ``renderer``) turns each list into a
:class:`SectionedTable`, the 担当部課 column dropped and a section row before each run, whose ``sectioned_plan``
gives the section row's one cell across every column (the plan's ``colspans``, 0 in ``spans`` where it covers, as
the stacked style's long text across), which the producers draw as they draw that one (colspan in HTML,
number-columns-spanned in ODF and XSL-FO, a merged range in .xlsx, SPAN in reportlab, \\multicolumn in LaTeX,
table.cell(colspan:) in Typst, fpdf2's colspan (stacked_fpdf2.py) …). Where a producer keeps rows together by the
plan's spans (Scribus, PDFKit, iText, FOP, LaTeX), a section row is held on the page of the row before it, as a
covered row is. ``model.Style.sectioned`` is allowed on a plain grid only (``check_sectioned``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from .sidebyside import check_plain_grid_flag

SEED = 2061
DEPARTMENT = "担当部課"
# how a section row writes the department (its text, whole, in place of {}): offices' usual marks for a group row
FORMS = ("■ {}", "【{}】", "＜{}＞", "◆{}", "{}")


def check_sectioned(style) -> None:  # type: ignore[no-untyped-def]
    """False everywhere; True on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "sectioned", "a list grouped by department under section rows, without 担当部課,")


def sectioning(variant) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The file's forms of section row: one or two of FORMS, drawn by its name (how many, then which)."""
    rng = random.Random(f"{SEED} {variant.name}")
    return tuple(rng.sample(FORMS, rng.choice((1, 2))))


@dataclass(frozen=True)
class SectionedTable:
    """A list drawn sectioned: ``rows`` the header (without 担当部課) and then the body, a section row (its text at
    column 0, "" elsewhere) before each run of one department's cases; ``sections`` the section rows' indices in
    ``rows`` (1 the first body row)."""

    criterion: str
    rows: tuple[tuple[str, ...], ...]
    sections: tuple[int, ...]
    weights: tuple[float, ...]  # the columns' widths as the grid style gives them (the section rows left out)
    numeric: tuple[bool, ...]  # the columns of counts and flags (centred)


def sectioned_rows(rows: tuple[tuple[str, ...], ...], form: str) -> tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]:
    """A list's rows (header first) without the 担当部課 column, a section row (``form`` around the department) before
    each case whose department differs from the case's before it; and the section rows' indices."""
    dept = rows[0].index(DEPARTMENT)
    keep = [c for c in range(len(rows[0])) if c != dept]
    out = [tuple(rows[0][c] for c in keep)]
    sections = []
    last = None
    for row in rows[1:]:
        if row[dept] != last:
            sections.append(len(out))
            out.append((form.format(row[dept]),) + ("",) * (len(keep) - 1))
            last = row[dept]
        out.append(tuple(row[c] for c in keep))
    return tuple(out), tuple(sections)


def section(doc, variant):  # type: ignore[no-untyped-def]
    """``doc`` with every list grouped by department under section rows (under the sectioned style; ``doc`` as it
    is under every other)."""
    if not variant.style.sectioned:
        return doc
    from .model import column_weights, is_numeric_column

    forms = sectioning(variant)
    lists = []
    for i, item in enumerate(doc.lists):
        rows, sections = sectioned_rows(item.table.rows, forms[i % len(forms)])
        cases = tuple(r for k, r in enumerate(rows) if k not in sections)  # the header and the cases
        lists.append(replace(item, table=SectionedTable(
            item.table.criterion, rows, sections, tuple(column_weights(cases, False)),
            tuple(is_numeric_column(cases, c) for c in range(len(rows[0]))))))
    return replace(doc, lists=tuple(lists))


def sectioned_plan(table: SectionedTable, head_cell: Any) -> dict[str, Any]:
    """The fields of a TablePlan (``head_cell`` the model's HeadCell) that a sectioned list's differ in: the weights
    and numeric columns of its cases, its one header row, each section row's cell across every column (``colspans``)
    and the cells it covers (0 in ``spans``; every other cell 1)."""
    k = len(table.rows[0])
    head = tuple(head_cell(0, c, 1, 1, t) for c, t in enumerate(table.rows[0]))
    marked = set(table.sections)
    spans = {c: [0 if (r in marked and c) else 1 for r in range(1, len(table.rows))] for c in range(k)}
    colspans = {(r, 0): k for r in table.sections}
    return {"weights": table.weights, "numeric": table.numeric, "head": head, "spans": spans, "colspans": colspans}
