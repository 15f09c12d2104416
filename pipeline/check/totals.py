"""Totals of any table checked against their parts, from its tidy cells.

Rules (``checks.rule``; ``criterion`` names the table, ``agency`` the total's
row path, ``detail`` its column path):

- ``table_total_row``: a row labelled 計 / 小計 / 合計 / 総計 equals, in each
  column, the sum of its group: the rows sharing its outer labels (「区長 / 計」
  sums 「区長 / …」); at the outermost level, 小計 sums the rows since the last
  total row and 計 / 合計 / 総計 every row above that is not itself a total.
- ``table_total_column``: the same across a row for total columns.
- ``table_formula``: a header 「差引(A-B)」 equals that sum of the columns
  headed 「…(A)」 and 「…(B)」 in the same row.

Rows or columns labelled 「うち…」 (part of another) are never summed, and a
percentage is never summed. A total whose parts include a cell that is not a
number (text, not blank) is not computed: a ``total_unchecked`` finding says
so. A mismatch is a failed check and a ``total_mismatch`` finding, never a crash.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pipeline.recognize.cells import CellSettings, cell_settings
from pipeline.types import CheckResult, Finding, TidyCell

_LETTER = re.compile(r"[(]([A-Z])[)]$")
_FORMULA = re.compile(r"[(]=?([A-Z](?:[+\-−][A-Z])+)[)]$")


def _is_part(path: Sequence[str], settings: CellSettings) -> bool:
    return bool(path) and any(re.sub(r"\s+", "", path[-1]).startswith(p) for p in settings.part_of_prefixes)


def _summable(cell: TidyCell) -> bool:
    return cell.unit != "%"


def group_members(totals_axis: Sequence[tuple[tuple[str, ...], str | None]], index: int) -> list[int]:
    """Indexes (rows or columns, in order) whose values a total at ``index`` adds up."""
    path, word = totals_axis[index]
    prefix = path[:-1]
    if prefix:
        return [i for i, (p, w) in enumerate(totals_axis)
                if w is None and len(p) > len(prefix) and p[: len(prefix)] == prefix]
    members: list[int] = []
    for i in range(index - 1, -1, -1):
        _, w = totals_axis[i]
        if w is not None:
            if word == "小計":
                break
            continue
        members.append(i)
    return sorted(members)


def _result(rule: str, table_no: int, total: TidyCell, printed: float, actual: float,
            where: str) -> CheckResult:
    """A check of a printed total against what its parts give; non-integers compared to a relative 1e-6."""
    ok = abs(actual - printed) < 1e-6 * max(1.0, abs(printed))
    exact = isinstance(printed, int) and isinstance(actual, int)
    return CheckResult(rule, f"table {table_no}", " / ".join(total.row_path) or None,
                       int(printed) if exact else None, int(actual) if exact else None, ok,
                       where if exact else f"{where}: printed {printed}, sum {actual}")


def _check(rule: str, table_no: int, total: TidyCell, parts: Sequence[TidyCell], where: str) -> CheckResult | None:
    if total.value is None or not _summable(total) or any(not _summable(p) for p in parts) or not parts:
        return None
    return _result(rule, table_no, total, total.value, sum(p.value or 0 for p in parts), where)


def _unreadable(parts: Iterable[TidyCell]) -> list[TidyCell]:
    return [p for p in parts if p.value is None and p.norm_text.strip() and not _dash(p)]


def _dash(cell: TidyCell) -> bool:
    return cell.norm_text.strip() in {"-", "―", "ー", "—", "‐", "−"}


def _axis_checks(rule: str, table_no: int, lines: dict[int, dict[int, TidyCell]],
                 axis: list[tuple[tuple[str, ...], str | None]], across: bool,
                 settings: CellSettings) -> tuple[list[CheckResult], list[Finding]]:
    """Totals along one axis: ``lines`` maps a line (row or column) index to {cross index: cell}."""
    checks: list[CheckResult] = []
    findings: list[Finding] = []
    keys = sorted(lines)
    for pos, key in enumerate(keys):
        if axis[pos][1] is None:
            continue
        members = [keys[i] for i in group_members(axis, pos) if not _is_part(axis[i][0], settings)]
        for cross, total in sorted(lines[key].items()):
            if total.role != "value":
                continue
            parts = [lines[m][cross] for m in members if cross in lines[m]]
            where = f"column {' / '.join(total.col_path)}" if not across else f"row {' / '.join(total.row_path)}"
            bad = _unreadable(parts)
            if bad:
                findings.append(Finding("total_unchecked", total.page_no,
                                        f"table {table_no} {where} {axis[pos][0]}: part {bad[0].text!r} is not a number"))
                continue
            result = _check(rule, table_no, total, parts, where + ("" if not across else
                                                                    f", column {' / '.join(total.col_path)}"))
            if result is not None:
                checks.append(result)
                if not result.ok:
                    findings.append(Finding("total_mismatch", total.page_no,
                                            f"table {table_no} {result.agency or ''} {result.detail}: printed "
                                            f"{total.value}, parts add up to {sum(p.value or 0 for p in parts)}"))
    return checks, findings


def formula_checks(table_no: int, cells: Sequence[TidyCell]) -> list[CheckResult]:
    """「(A+B-C)」 in a column header checked against the columns lettered A, B, C in each row."""
    values = [c for c in cells if c.role == "value"]
    letters: dict[str, int] = {}
    formulas: dict[int, str] = {}
    for c in values:
        label = re.sub(r"\s+", "", c.col_path[-1]) if c.col_path else ""
        if m := _FORMULA.search(label):
            formulas[c.col_no] = m.group(1)
        elif m := _LETTER.search(label):
            letters[m.group(1)] = c.col_no
    out: list[CheckResult] = []
    by_row: dict[int, dict[int, TidyCell]] = defaultdict(dict)
    for c in values:
        by_row[c.row_no][c.col_no] = c
    for col, formula in sorted(formulas.items()):
        terms = re.findall(r"([+\-−]?)([A-Z])", formula)
        if any(letter not in letters for _, letter in terms):
            continue
        for row in by_row.values():
            total = row.get(col)
            parts = [(sign, row.get(letters[letter])) for sign, letter in terms]
            if total is None or total.value is None:
                continue
            actual: float | int = 0
            for sign, part in parts:
                if part is None or (part.value is None and not _dash(part)):
                    break
                actual += -(part.value or 0) if sign in ("-", "−") else (part.value or 0)
            else:
                out.append(_result("table_formula", table_no, total, total.value, actual,
                                   f"column {' / '.join(total.col_path)} = {formula}"))
    return out


def table_checks(table_no: int, cells: Sequence[TidyCell],
                 settings: CellSettings | None = None) -> tuple[list[CheckResult], list[Finding]]:
    """Every total and formula check of one table's tidy cells."""
    settings = settings or cell_settings()
    values = [c for c in cells if c.role == "value"]
    rows: dict[int, dict[int, TidyCell]] = defaultdict(dict)
    cols: dict[int, dict[int, TidyCell]] = defaultdict(dict)
    for c in values:
        rows[c.row_no][c.col_no] = c
        cols[c.col_no][c.row_no] = c
    row_axis = [(next(iter(rows[r].values())).row_path, next(iter(rows[r].values())).row_total) for r in sorted(rows)]
    col_axis = [(next(iter(cols[c].values())).col_path, next(iter(cols[c].values())).col_total) for c in sorted(cols)]
    checks, findings = _axis_checks("table_total_row", table_no, rows, row_axis, False, settings)
    more, found = _axis_checks("table_total_column", table_no, cols, col_axis, True, settings)
    checks += more + formula_checks(table_no, cells)
    findings += found
    return checks, findings + [Finding("total_mismatch", None, f"table {table_no} {k.agency or ''} {k.detail}: "
                                       f"printed {k.expected}, columns give {k.actual}")
                               for k in checks if k.rule == "table_formula" and not k.ok]


def cells_checks(cells: Sequence[TidyCell],
                 settings: CellSettings | None = None) -> tuple[list[CheckResult], list[Finding]]:
    """Totals checks of every table in a document (``settings``: the run's Config.cells)."""
    by_table: dict[int, list[TidyCell]] = defaultdict(list)
    for c in cells:
        by_table[c.table_no].append(c)
    checks: list[CheckResult] = []
    findings: list[Finding] = []
    for table_no in sorted(by_table):
        more, found = table_checks(table_no, by_table[table_no], settings)
        checks += more
        findings += found
    return checks, findings
