"""A document's tables → summary counts and cases, and a finding for everything not understood.

Each table is tried by its header (``tables.best_header_map``), then by a
relaxed header or by the shape of the list it continues
(``continuation.py``); a table that fits nothing is a ``table_not_recognized``
finding naming its page, header cells and the closest table kind, and a gap in
a list's numbering is a ``numbering_gap`` finding. Nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.config import ReportType
from pipeline.recognize.by_content import ContentField, content_header_map
from pipeline.recognize.continuation import (
    closest_kind,
    continues_by_shape,
    first_row_is_a_case,
    first_row_is_a_rest,
    grid_row,
    relaxed_header_map,
    summary_anew,
    summary_goes_on,
)
from pipeline.recognize.headers import HeaderMap, best_header_map, header_key
from pipeline.recognize.numbers import fitted_between, run_end
from pipeline.recognize.record_rows import records_over_rows
from pipeline.recognize.stacked import stacked_headers
from pipeline.recognize.summary import (
    Summary,
    agencies_by_place,
    agencies_missing,
    summaries_inside,
    summary_blocks,
    summary_criteria,
)
from pipeline.recognize.tables import (
    continued_row,
    join_continued,
    rows_after,
    table_to_cases,
    table_to_review_counts,
)
from pipeline.recognize.tail import rows_from_lines, unread_last_rows
from pipeline.recognize.twice import rows_drawn_twice
from pipeline.types import Case, Extraction, Finding, ReviewCount, Table, TextLine


@dataclass(frozen=True)
class Recognized:
    report_type: str | None
    review_counts: tuple[ReviewCount, ...]
    cases: tuple[Case, ...]
    unrecognized_tables: tuple[int, ...]  # table_no of tables kept as raw cells only
    findings: tuple[Finding, ...]
    unread_summary_rows: tuple[tuple[str, str], ...] = ()  # (criterion, agency) whose counts were unreadable


def _where(table: Table) -> tuple[int | None, str]:
    """The table's first page and how a finding names it (「table 3 (pages 4-5)」)."""
    pages = table.pages
    if not pages:
        return None, f"table {table.table_no}"
    span = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}"
    return pages[0], f"table {table.table_no} ({span})"


def fit_table(
    table: Table, report_types: Sequence[ReportType], last_list: tuple[Table, ReportType, HeaderMap] | None
) -> tuple[ReportType, HeaderMap, Table, list[Finding]] | None:
    """The table kind a table is, and the table as it should be read, by header or shape; else None."""
    page, where = _where(table)
    header = [c.text for c in table.header]
    fit = best_header_map(table, report_types)
    over = records_over_rows(table)
    joined = best_header_map(over.table, report_types) if over is not None else None
    if over is not None and joined is not None and (fit is None or len(joined[1].columns) > len(fit[1].columns)):
        found = list(over.findings) + header_findings(over.table, joined[1], joined[0].header_threshold)
        return joined[0], joined[1], over.table, found
    if fit is not None:
        return fit[0], fit[1], table, header_findings(table, fit[1], fit[0].header_threshold)
    relaxed = [(rt, relaxed_fit[0]) for rt in report_types for kind in rt.tables
               if (relaxed_fit := relaxed_header_map(header, kind, rt.header_threshold)) is not None]
    if relaxed:
        rt, hm = max(relaxed, key=lambda r: (len(r[1].columns), r[1].score))  # several kinds may fit
        return rt, hm, table, header_findings(table, hm, rt.header_threshold)
    for rows, stacked in stacked_headers(table):
        fit = best_header_map(stacked, report_types)
        if fit is not None:
            found = [Finding("header_stacked", page, (
                f"{where}: its header read from its first {rows} rows joined column by column "
                f"({[c.text for c in stacked.header]!r})"))]
            return fit[0], fit[1], stacked, found + header_findings(stacked, fit[1], fit[0].header_threshold)
    by_content = content_header_map(table, report_types)
    if by_content is not None:
        rt, hm, found_by_content = by_content
        return rt, hm, table, header_findings(table, hm, rt.header_threshold, found_by_content)
    if last_list is not None:
        previous, rt, hm = last_list
        if continues_by_shape(table, previous, hm, rt):
            headerless = ("its first row is a case (no header)" if first_row_is_a_case(table, hm, rt)
                          else "its first row is the rest of a row broken over the page (no header)"
                          if first_row_is_a_rest(table, hm) else None)
            body = (table.header, *table.rows) if headerless else table.rows  # no header printed: it is a row
            read = dataclasses.replace(table, header=grid_row(table), rows=body)
            how = headerless or f"its header {header!r} was misread"
            found = [Finding("table_by_shape", page, (
                f"{where}: read as the continuation of table {previous.table_no} ({hm.kind.name}): same columns "
                f"and vocabularies; {how}"))]
            return rt, hm, read, found + rest_unplaced(table, previous, len(read.header), page, where)
    return None


def rest_unplaced(table: Table, previous: Table, columns: int, page: int | None, where: str) -> list[Finding]:
    """A ``rest_unplaced`` finding when the first row of a continuation read by shape is one cell over the whole
    grid of ``columns`` columns: no header, but most likely the rest of the last row of ``previous`` broken over
    the page (wkhtmltopdf draws no column rules there), whose text is then in no field of any case."""
    spanning = [c for c in table.header if c.text.strip()]
    if len(spanning) != 1 or spanning[0].col_span < columns or columns < 2:
        return []
    return [Finding("rest_unplaced", page, (
        f"{where}: {spanning[0].text!r} above its first case spans the whole table; it may be the end of the last "
        f"row of table {previous.table_no}, broken over the page, and is in no case's field"))]


def header_findings(table: Table, hm: HeaderMap, threshold: float,
                    by_content: Sequence[ContentField] = ()) -> list[Finding]:
    """What a header read as a table kind leaves unsure: cells taken below ``threshold``, cells taken by their
    column's content, and cells read as none."""
    page, where = _where(table)
    content = [Finding("header_by_content", page, (
        f"{where}: header cell {table.header[c.column].text!r} taken as {c.field} of {hm.kind.name} by its "
        f"column's cells ({c.signature}); its heading names no field")) for c in by_content]
    relaxed = relaxed_findings(table, dataclasses.replace(hm, columns={
        col: f for col, f in hm.columns.items() if col not in {c.column for c in by_content}}), threshold)
    return relaxed + content + unread_header_cells(table, hm)


def unread_header_cells(table: Table, hm: HeaderMap) -> list[Finding]:
    """A ``header_cells_unread`` finding when header cells with text named no field while fields of the kind
    went unnamed: the column under them is read into no field of any row, most likely a heading cut into
    pieces (「実」「施」「機」「関」, a spread heading parted at its gaps) or misread. A kind's column that this
    table does not print is no finding: then no header cell is left over. Header cells left over when every
    field is named are a column the kind has no field for (a 備考): ``columns_not_read``."""
    left = [c.text for col, c in enumerate(table.header) if col not in hm.columns and header_key(c.text)]
    missing = [f for f in hm.kind.fields if f not in hm.scores]
    if not left:
        return []
    page, where = _where(table)
    if not missing:  # an extra column the kind has no field for (another office's 備考)
        return [Finding("columns_not_read", page, (
            f"{where}: header cell(s) {left!r} name no field of {hm.kind.name}: their column's values are kept "
            "in `cells` only, in no field of its rows"))]
    return [Finding("header_cells_unread", page, (
        f"{where}: header cell(s) {left!r} named no field of {hm.kind.name}, whose "
        f"{', '.join(missing)} went unnamed: that column's values are in no field of its rows"))]


def relaxed_findings(table: Table, hm: HeaderMap, threshold: float) -> list[Finding]:
    """A ``header_relaxed`` finding for each header cell taken for a field below ``threshold``."""
    page, where = _where(table)
    out = []
    for col, field in sorted(hm.columns.items()):
        if hm.scores[field] < threshold:
            out.append(Finding("header_relaxed", page, (
                f"{where}: header cell {table.header[col].text!r} taken as {field} of {hm.kind.name} "
                f"(similarity {hm.scores[field]:.0f} < {threshold:.0f}; the other cells agree)")))
    return out


def not_recognized(table: Table, report_types: Sequence[ReportType]) -> Finding:
    """The finding for a table kept only as raw cells: where, its header, and the closest kind."""
    page, where = _where(table)
    header = [c.text for c in table.header]
    best = closest_kind(header, report_types)
    closest = (f"closest kind {best.kind} (score {best.score:.0f}, missing {', '.join(best.missing) or 'none'})"
               if best else "no table kind configured")
    return Finding("table_not_recognized", page, (
        f"{where}: header {header!r}, {len(table.rows)} body row(s) kept as raw cells only; {closest}; "
        "its values are in `cells`, and `kaiji explain FILE` drafts a report type for it"), table.last_page)


def numbering_findings(cases: Sequence[Case]) -> list[Finding]:
    """A finding for each gap in a list's numbers (No. 41 then No. 43), on the page after the gap."""
    out = []
    last: dict[str, int] = {}
    for case in cases:
        before = last.get(case.criterion, 0)
        if case.case_no > before + 1:
            missing = range(before + 1, case.case_no)
            shown = ", ".join(map(str, missing[:5])) + (" …" if len(missing) > 5 else "")
            out.append(Finding("numbering_gap", case.page_no, (
                f"{case.criterion}: No. {before or '(start)'} then No. {case.case_no}; "
                f"{len(missing)} number(s) not read: {shown}")))
        elif case.case_no <= before:  # a misread number (「23」「24」 read as 2324) went before it
            out.append(Finding("numbering_out_of_order", case.page_no, (
                f"{case.criterion}: No. {case.case_no} after No. {before}; a number may be misread")))
        # the previous row's number, not the highest: one misread 2324 must not hide later gaps
        last[case.criterion] = case.case_no
    return out


def tables_to_records(tables: Sequence[Table], report_types: Sequence[ReportType],
                      lines: Sequence[TextLine] = ()) -> Recognized:
    """Every table to summary counts or cases, by the best-fitting configured table kind.

    Summary tables are read last, as one sequence (``summary.summary_criteria``): a table whose
    caption was misread takes its criterion from its neighbours. ``lines`` (the document's running
    text) give the caption of a summary table the extract stage joined to the one above it.
    """
    counts: list[ReviewCount] = []
    cases: list[Case] = []
    findings: list[Finding] = []
    unrecognized: list[int] = []
    unread: list[tuple[str, str]] = []
    names: list[str] = []
    summaries: list[Summary] = []
    last_list: tuple[Table, ReportType, HeaderMap] | None = None
    lists: dict[str, tuple[Table, ReportType, HeaderMap]] = {}  # each list's last table, as read
    for table in tables:
        fit = fit_table(table, report_types, last_list)
        if fit is None and last_list is None and summaries and summary_goes_on(
                table, (last := summaries[-1]).table, last.header_map, last.report_type):
            rows = (table.header, *table.rows)  # no header printed over the rest: its first row is an agency's
            summaries[-1] = dataclasses.replace(last, table=dataclasses.replace(last.table, rows=(*last.table.rows, *rows)))
            page, where = _where(table)
            findings.append(Finding("table_by_shape", page, (
                f"{where}: read as the rest of the summary table above it (page {last.table.pages[-1]}), broken over "
                f"the page: same columns, every row an agency's, no header printed")))
            continue
        if fit is None and last_list is None and summaries and summary_anew(
                table, (last := summaries[-1]).table, last.header_map, last.report_type):
            read = dataclasses.replace(table, header=last.table.header, rows=(table.header, *table.rows))
            summaries += [Summary(block, last.header_map, last.report_type)
                          for block in summary_blocks(read, last.header_map, last.report_type, lines)]
            names.append(last.report_type.name)
            page, where = _where(table)
            findings.append(Finding("table_by_shape", page, (
                f"{where}: read as a summary table of its own by the columns of the one above it (page "
                f"{last.table.pages[-1]}): every row an agency's, the last the total, no header printed over it")))
            continue
        if fit is None:
            unrecognized.append(table.table_no)
            findings.append(not_recognized(table, report_types))
            inside, found = summaries_inside(table, report_types)  # its raw cells are kept all the same
            summaries += inside
            names += [s.report_type.name for s in inside]
            findings.extend(found)
            continue
        rt, hm, read, found = fit
        findings.extend(found)
        names.append(rt.name)
        if hm.kind.kind == "summary":
            summaries += [Summary(block, hm, rt) for block in summary_blocks(read, hm, rt, lines)]
            last_list = None
            continue
        before = cases[-1] if cases and cases[-1].criterion == hm.kind.criterion else None
        rest = continued_row(read, hm, before, rt)
        if rest is not None and before is not None:
            cases[-1], joined = join_continued(cases[-1], rest, rt)  # a row broken over the page break
            findings.append(joined)
            read = rows_after(read, rest)
        same = [c.case_no for c in cases if c.criterion == hm.kind.criterion]
        found_cases, found = table_to_cases(read, hm, rt, previous_no=run_end(same))
        cases.extend(found_cases)
        last_list = lists[hm.kind.criterion or ""] = (read, rt, hm)
        findings.extend(found)
    listed: list[tuple[Summary, str, set[str]]] = []  # each summary read, its criterion and the agencies it lists
    for summary, (criterion, found) in zip(summaries, summary_criteria(summaries)):
        findings.extend(found)
        if criterion is None:
            continue
        read, placed = agencies_by_place(summary.table, summary.header_map, summary.report_type)
        found_counts, found, unread_rows = table_to_review_counts(read, summary.header_map,
                                                                  summary.report_type, criterion)
        counts.extend(found_counts)
        unread.extend(unread_rows)
        findings.extend(placed + found)
        listed.append((summary, criterion, {c.agency for c in found_counts} | {a for _, a in unread_rows}))
    findings.extend(agencies_missing(listed))
    alone, found = rows_from_lines(cases, lines, lists)
    cases += alone
    findings.extend(found)
    cases, between = fitted_between(cases)
    findings.extend(between)
    cases, twice = rows_drawn_twice(cases)
    findings.extend(twice)
    findings.extend(numbering_findings(cases))
    findings.extend(unread_last_rows(cases, lines))
    report_type = max(set(names), key=names.count) if names else None
    return Recognized(report_type, tuple(counts), tuple(cases), tuple(unrecognized), tuple(findings),
                      tuple(unread))


def unclaimed(findings: Sequence[Finding], unrecognized_tables: Sequence[int], claimed: set[int]) -> tuple[Finding, ...]:
    """``findings`` without the ``table_not_recognized`` of tables another stage read after all.

    tables_to_records appends one such finding per entry of ``unrecognized_tables``,
    in the same order, so the n-th finding of that kind is the n-th table there.
    """
    out, n = [], 0
    for f in findings:
        if f.kind == "table_not_recognized":
            n += 1
            if unrecognized_tables[n - 1] in claimed:
                continue
        out.append(f)
    return tuple(out)


def nothing_recognized_findings(extraction: Extraction, counts: Sequence[object], cases: Sequence[object],
                                incidents: Sequence[object], facts: Sequence[object] = ()) -> tuple[Finding, ...]:
    """A document that landed with no record at all says so, with what was read from it."""
    if counts or cases or incidents or facts:
        return ()
    return (Finding("nothing_recognized", None, (
        f"no table matched a table kind and no incident report was found: {len(extraction.tables)} table(s) "
        f"kept as raw cells, {len(extraction.lines)} text line(s)")),)


def doubtful_page_findings(extraction: Extraction) -> tuple[Finding, ...]:
    """A ``page_read_doubtful`` finding for each doubt the extract stage had about an OCR'd page
    (``PageInfo.doubts``: rules of which no grid was made, far fewer characters read than its ink suggests)."""
    return tuple(Finding("page_read_doubtful", p.page_no, f"page {p.page_no}: {doubt}; look at it")
                 for p in extraction.pages for doubt in p.doubts)


def unread_block_findings(extraction: Extraction) -> tuple[Finding, ...]:
    """An ``aligned_block_not_read`` finding for each table-like block the extractor made no table of.

    Its rows stay running text: without this, only a gap in the numbering or
    a failed check would hint that rows of a list were lost there.
    """
    return tuple(Finding("aligned_block_not_read", b.page_no, (
        f"page {b.page_no}: {b.lines} lines at ({b.bbox.x0:.0f}, {b.bbox.top:.0f}, {b.bbox.x1:.0f}, "
        f"{b.bbox.bottom:.0f}) stand in {b.columns} columns like a table but were not read as one: {b.why}; "
        "their text is kept as running text only")) for b in extraction.unread_blocks)
