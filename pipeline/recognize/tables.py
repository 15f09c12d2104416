"""Recognize tables: header words → fields, body rows → typed records.

``map_header`` ties each header cell to a field of a configured table kind by
fuzzy similarity (rapidfuzz) on normalized text, so a reworded header
(委託内容 for 委託の内容) or a different column order still maps. The best
kind whose required fields all map wins; a table that fits none is kept only
as raw cells. Body cells are found under their header by horizontal position,
not by index, so merged cells do not shift columns.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from pipeline.config import ReportType, TableKind
from pipeline.normalize import (
    NormalizeError,
    normalize_department,
    normalize_text,
    parse_flag,
)
from pipeline.normalize.values import FLAG_VALUES
from pipeline.recognize.broken_rows import under_header, without_copies
from pipeline.recognize.closed import closed_choice
from pipeline.recognize.fields import row_by_field
from pipeline.recognize.headers import (
    RELAXED_HEADER_SCORE,
    HeaderMap,
    header_key,
    header_similarity,
)
from pipeline.recognize.numbers import decode_number, fit_ocr_number, number_first, without_specks
from pipeline.recognize.spans import cell_over_fields, spans_filled
from pipeline.types import BBox, Case, Cell, Finding, ReviewCount, Source, Table


def caption_criterion(caption: str, report_type: ReportType) -> str | None:
    """The criterion a summary table's caption names (「(3) 外部提供の審査基準」 → external_provision)."""
    text = header_key(caption)
    hits = [c for c, words in report_type.criteria.items() if any(header_key(w) in text for w in words)]
    return hits[0] if hits else None


def repeats_field_names(cells: dict[str, Cell], kind: TableKind) -> bool:
    """A body row that is the header printed again (a continuation page's header, misread so that
    the extract stage did not drop it): most of its cells name their own field."""
    named = 0
    for field, cell in cells.items():
        key = header_key(cell.text)
        if key and process.extractOne(key, [header_key(w) for w in kind.fields[field]],
                                      scorer=header_similarity)[1] >= RELAXED_HEADER_SCORE:
            named += 1
    return named * 2 > len(cells) and len(cells) >= 2


AGENCY_MIN_SCORE = 50.0  # an OCR'd agency must be at least this close to a listed one …
# (60 refused the fax scans' 「区畏」「区費」「区展」 for 区長, one of two glyphs right: 50, and
# no other agency within the margin; chosen on the tuning scans bitonal300/grey200/fax)
AGENCY_MARGIN = 15.0  # … and this much closer than to any other


def decode_agency(text: str, report_type: ReportType,
                  choices: tuple[tuple[str, float], ...] = ()) -> tuple[str, bool]:
    """Read an agency against the closed list; (value, exact) — inexact values are findings.

    An OCR'd cell's ``choices`` (the recognizer's likelihood of each listed agency and the total,
    recognize/closed.py) decide when one is surely likeliest. Else a misread agency (「監査和要員」)
    is taken as the listed one it is clearly closest to; when two are nearly as close, it is kept as read.
    """
    value = re.sub(r"\s+", "", normalize_text(text))
    choice = closed_choice(choices, (*report_type.agencies, report_type.total_agency)) if report_type.agencies else None
    if choice is not None and choice.sure:
        return choice.value, choice.value == value
    if value in report_type.agencies or not report_type.agencies:
        return value, True
    ranked = process.extract(value, report_type.agencies, scorer=fuzz.ratio, limit=2)
    best, second = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    if best[1] >= AGENCY_MIN_SCORE and (second is None or best[1] - second[1] >= AGENCY_MARGIN):
        return str(best[0]), False
    return value, False


def decode_flag(cell: Cell) -> tuple[bool, str | None]:
    """有/無; for an OCR'd cell with the recognizer's choices, the likelier of the two when it is sure
    (recognize/closed.py: a fax's 無 read 照 is still far likelier 無 than 有), and an ambiguous one is
    unreadable; else from the text, specks beside the glyph (「有 .」, 「有]」) dropped with a trace.
    Returns (value, what was decoded or None); raises NormalizeError."""
    choice = closed_choice(cell.choices, FLAG_VALUES)
    if choice is not None:
        if not choice.sure:
            raise NormalizeError(f"ambiguous flag: {cell.text!r}, {choice.value!r} only {choice.margin:.1f} "
                                 f"likelier (log) than the other value", cell.text)
        if normalize_text(cell.text).strip() == choice.value:
            return FLAG_VALUES[choice.value], None
        return FLAG_VALUES[choice.value], f"{cell.text!r} read as {choice.value!r} (recognizer's likelihood)"
    try:
        return parse_flag(cell.text), None
    except NormalizeError:
        kept = without_specks(cell.text)
        if cell.source != "ocr" or kept == cell.text:
            raise
    value = parse_flag(kept)
    return value, f"{cell.text!r} read as {kept.strip()!r}"


def _row_meta(cells: Sequence[Cell]) -> tuple[int, BBox, Source, float | None]:
    bbox = cells[0].bbox
    for c in cells[1:]:
        bbox = bbox.union(c.bbox)
    source: Source = "ocr" if any(c.source == "ocr" for c in cells) else "text"
    confs = [c.confidence for c in cells if c.confidence is not None]
    return cells[0].page_no, bbox, source, (min(confs) if confs else None)


def table_to_review_counts(
    table: Table, hm: HeaderMap, report_type: ReportType, criterion: str | None = None
) -> tuple[list[ReviewCount], list[Finding], list[tuple[str, str]]]:
    """Summary rows, findings, and the (criterion, agency) rows none of whose counts could be read
    (their checks are then not computable rather than failed). A count that cannot be read is None
    in its row, with an ``unreadable_count`` finding: one misread cell must not lose the row's
    other counts, and the checks of its column are not computed (check/reconcile.py).
    ``criterion``: the one the document's sequence of summary tables settled
    (recognize/summary.py); else its caption's."""
    criterion = criterion or caption_criterion(table.caption, report_type)
    if criterion is None:
        page = table.pages[0] if table.pages else None
        return [], [Finding("unknown_criterion", page, f"summary table {table.table_no}: caption "
                                                       f"{table.caption!r} names no configured criterion", table.last_page)], []
    out: list[ReviewCount] = []
    findings: list[Finding] = []
    unread: list[tuple[str, str]] = []
    for row in table.rows:
        cells = row_by_field(row, table.header, hm.columns)
        if "agency" not in cells or not cells["agency"].text.strip():
            continue
        page_no, bbox, source, conf = _row_meta(list(cells.values()))
        if repeats_field_names(cells, hm.kind):  # the header printed again over a page's part, not dropped whole
            findings.append(Finding("header_repeated", page_no, f"{criterion}: row {[c.text for c in row]!r} "
                                                                f"reads as the header printed again; no agency's"))
            continue
        agency, exact = decode_agency(cells["agency"].text, report_type, cells["agency"].choices)
        if not exact:
            findings.append(Finding("agency_decoded", page_no, f"{cells['agency'].text!r} read as {agency!r}"))
        findings += cell_over_fields(cells, page_no, f"{criterion} {agency}")
        numbers: list[int | None] = []
        for field in COUNT_FIELDS:
            try:
                if field not in cells:
                    raise NormalizeError("no cell under its header", "")
                value, how = decode_number(cells[field])
            except NormalizeError as exc:
                value, how = None, None
                findings.append(Finding("unreadable_count", page_no, f"{criterion} {agency} {field}: {exc}"))
            if how:
                findings.append(Finding("count_decoded", page_no, f"{criterion} {agency}: {how}"))
            numbers.append(value)
        if all(n is None for n in numbers):
            unread.append((criterion, agency))
            continue
        reviewed, sensitive, ordinance = numbers
        out.append(ReviewCount(criterion, agency, reviewed, sensitive, ordinance, page_no, bbox, source, conf))
    return out, findings, unread


MAX_CASE_NO = 99_999  # a list's No.: even a ten-year, city-wide register stays in five digits; six or
# more is two numbers run together or a misread (and past 2**31 the warehouse could not hold it)
COUNT_FIELDS = ("reviewed", "sensitive", "ordinance_sensitive")  # a summary row's counts, in ReviewCount's order


FREE_TEXT = ("description", "recipient", "purpose", "legal_basis", "link_type")


def row_to_case(
    cells: dict[str, Cell], criterion: str, report_type: ReportType, previous: int = 0
) -> tuple[Case | None, list[Finding]]:
    """One case from its cells; a value that cannot be read is None plus a finding, never a guess.

    The one exception is an OCR'd row whose No. cannot be read while the row
    itself holds a case: it takes the number after ``previous`` (a list's
    numbers run 1, 2, 3 …), with a finding, and the numbering check still
    compares the list against its own last number.
    """
    page_no, bbox, source, conf = _row_meta(list(cells.values()))
    findings: list[Finding] = []
    raw = {f: c.text for f, c in cells.items()}

    def flag(field: str) -> bool | None:
        if field not in cells:
            return None
        try:
            value, how = decode_flag(cells[field])
        except NormalizeError as exc:
            findings.append(Finding(f"unreadable_{field}", page_no, f"{criterion}: {exc}"))
            return None
        if how:
            findings.append(Finding(f"{field}_decoded", page_no, f"{criterion}: {how}"))
        return value

    case_no = None
    if "case_no" in cells:
        try:
            case_no, how = decode_number(cells["case_no"])
            if case_no < 1:
                raise NormalizeError(f"not a case number: {cells['case_no'].text!r} (numbers start at 1)")
            if case_no > MAX_CASE_NO:
                raise NormalizeError(f"not a case number: {cells['case_no'].text!r} (more than "
                                     f"{len(str(MAX_CASE_NO))} digits: numbers run together or misread)")
            if how:
                findings.append(Finding("case_no_decoded", page_no, f"{criterion}: {how}"))
        except NormalizeError as exc:
            case_no = None
            findings.append(Finding("unreadable_case_no", page_no, f"{criterion}: {exc}"))
    holds_a_case = sum(1 for f, c in cells.items() if f != "case_no" and c.text.strip()) >= 3
    if case_no is None and source == "ocr" and holds_a_case:
        cells, case_no = number_run_into_text(cells, criterion, previous, findings)
    if case_no is None and source == "ocr" and holds_a_case:
        case_no = previous + 1
        findings.append(Finding("case_no_inferred", page_no,
                                f"{criterion}: No. {raw.get('case_no', '')!r} unreadable; taken as {case_no}"))
    if case_no is None:
        return None, findings + [Finding("row_without_number", page_no, f"{criterion}: row {raw!r} skipped")]
    agency = None
    if "agency" in cells:
        agency, exact = decode_agency(cells["agency"].text, report_type, cells["agency"].choices)
        if not exact:
            findings.append(Finding("agency_decoded", page_no, f"No.{case_no}: {cells['agency'].text!r} read as {agency!r}"))
    findings += cell_over_fields(cells, page_no, f"{criterion} No.{case_no}")
    text = {f: (normalize_text(cells[f].text) or None) if f in cells else None for f in FREE_TEXT}
    department_raw = cells["department"].text if "department" in cells else None
    case = Case(
        criterion=criterion,
        case_no=case_no,
        description=text["description"],
        recipient=text["recipient"],
        purpose=text["purpose"],
        legal_basis=text["legal_basis"],
        link_type=text["link_type"],
        department=normalize_department(department_raw) if department_raw else None,
        department_raw=department_raw,
        agency=agency,
        sensitive=flag("sensitive"),
        ordinance_sensitive=flag("ordinance_sensitive"),
        page_no=page_no,
        bbox=bbox,
        source=source,
        confidence=conf,
        raw=raw,
    )
    return case, findings


def number_run_into_text(cells: dict[str, Cell], criterion: str, previous: int,
                         findings: list[Finding]) -> tuple[dict[str, Cell], int | None]:
    """An OCR'd row whose No. and description ran together (「93.被保護者…」 in the No. cell, the
    description cell or both): the number after ``previous`` when that text begins with it, and the
    cells with it taken off the description's front; else the cells as they are and None."""
    wanted = previous + 1
    places = [f for f in ("case_no", "description") if f in cells and number_first(cells[f].text, wanted)]
    if not places:
        return cells, None
    page_no = cells[places[0]].page_no
    findings.append(Finding("case_no_decoded", page_no, f"{criterion}: No. {wanted} read from the front of "
                            f"{cells[places[0]].text!r} (the number after {previous}, run into the text)"))
    if "description" in places:
        rest = number_first(cells["description"].text, wanted) or ""
        cells = {**cells, "description": dataclasses.replace(cells["description"], text=rest)}
    return cells, wanted


def table_to_cases(table: Table, hm: HeaderMap, report_type: ReportType,
                   previous_no: int = 0) -> tuple[list[Case], list[Finding]]:
    """The list's cases; ``previous_no`` is the last number of the list this table continues."""
    criterion = hm.kind.criterion or ""
    cases: list[Case] = []
    findings: list[Finding] = []
    body: list[tuple[Cell, ...]] = []  # without the header printed again, so that a page's first row is its first body row
    for row in table.rows:
        if repeats_field_names(row_by_field(row, table.header, hm.columns), hm.kind):
            findings.append(Finding("header_repeated", row[0].page_no, f"{criterion}: row "
                                    f"{[c.text for c in row]!r} reads as the header printed again; not a case"))
            under = under_header(row, table.header)
            under = under and without_copies(under, body)
            if under:  # the lines under the header: the rest of a row broken over the page
                body.append(under)
        else:
            body.append(row)
    filled, carried = spans_filled(body)
    findings.extend(carried)
    just_read = False  # the body row before this one was read as cases[-1]
    printed = [row_by_field(r, table.header, hm.columns) for r in body]  # as printed: a merged cell's text once
    for i, row in enumerate(filled):
        cells = row_by_field(row, table.header, hm.columns)
        if not any(c.text.strip() for c in cells.values()):
            continue
        rest = printed[i]
        if cases and is_continuation(rest, cases[-1], report_type) and (
                rest["case_no"].page_no > cases[-1].page_no
                or just_read and is_set_apart(rest) and _numbered_after(printed[i + 1:], rest["case_no"].page_no)):
            cases[-1], joined = join_continued(cases[-1], rest, report_type)
            findings.append(joined)
            continue
        previous = cases[-1].case_no if cases else previous_no
        case, found = row_to_case(cells, criterion, report_type, previous)
        findings.extend(found)
        just_read = case is not None
        if case is not None:
            cases.append(fit_ocr_number(case, previous, findings))
    return cases, findings


def _numbered_after(rows: Sequence[dict[str, Cell]], page_no: int) -> bool:
    """Whether a numbered row follows on page ``page_no``: a row set apart is joined only between two."""
    return any("case_no" in r and r["case_no"].text.strip() and r["case_no"].page_no == page_no for r in rows)


def is_set_apart(cells: dict[str, Cell]) -> bool:
    """Whether a continuation on the page of its row is a row's last lines set apart in a text layer.

    A table with no rules between its rows parts them where lines stand
    further apart than a row's own (wkhtmltopdf sets a long description's
    last line a line lower), and the lines after the gap read as a row with
    only long texts: the same row's rest, as across a page break. Only
    between two numbered rows of the page (``_numbered_after``): under
    a page's last row such a row is as likely the page's footer, 「- 11 -」
    read under the department column (LaTeX, AbiWord without rules). Not in an
    OCR'd table, where a row whose No., agency and flags all went unread is
    more likely a case of its own (skipped with its finding) than a rest.
    """
    return all(c.source == "text" for c in cells.values())


CONTINUATION_EMPTY = ("case_no", "agency", "sensitive", "ordinance_sensitive")  # short cells, never split


def is_continuation(cells: dict[str, Cell], before: Case | None = None, report_type: ReportType | None = None) -> bool:
    """Whether a body row is the rest of a row broken over a page break (of the case ``before``, when given).

    Office suites (LibreOffice Writer's default, Word's "allow row to break
    across pages") print the lines of a tall row that do not fit at the foot of
    a page at the top of the next, under the repeated header: the No., the
    agency and the flags stay in the first part, and only the long texts run on.
    Such a row has text but none of those short cells, or, in the agency's,
    only the rest of the case's agency wrapped over the break (Calligra:
    「教育委」 | 「員会」), which no agency is alone.
    """
    short = [f for f in CONTINUATION_EMPTY if f in cells and cells[f].text.strip()]
    if short == ["agency"] and before is not None and report_type is not None:
        rest = cells["agency"].text
        whole = decode_agency(before.raw.get("agency", "") + rest, report_type)[1]
        short = [] if whole and not decode_agency(rest, report_type)[1] else short
    return "case_no" in cells and any(c.text.strip() for c in cells.values()) and not short


def continued_row(table: Table, hm: HeaderMap, before: Case | None = None,
                  report_type: ReportType | None = None) -> dict[str, Cell] | None:
    """The cells of a table's first body row when it continues the row before the table (a table per page)."""
    for row in table.rows:
        cells = row_by_field(row, table.header, hm.columns)
        if any(c.text.strip() for c in cells.values()):
            return cells if is_continuation(cells, before, report_type) else None
    return None


def join_continued(case: Case, cells: dict[str, Cell], report_type: ReportType) -> tuple[Case, Finding]:
    """The case with the rest of its row appended to each field, read again as one row (no separator:
    the break is a line break inside a cell), keeping the page and box where the row starts."""
    joined = {f: dataclasses.replace(c, text=case.raw.get(f, "") + c.text) for f, c in cells.items()}
    merged, _ = row_to_case(joined, case.criterion, report_type)
    if merged is None:  # cannot happen: the case's own No. is in the joined cells
        raise AssertionError(f"No.{case.case_no} lost its number when its continued row was joined")
    page = cells["case_no"].page_no
    where = (f"in a row of its own on page {page}" if page == case.page_no
             else f"over pages {case.page_no}-{page}")
    finding = Finding("row_continued", page, f"{case.criterion}: No.{case.case_no} continues {where}; "
                      "its parts were joined")
    return dataclasses.replace(merged, page_no=case.page_no, bbox=case.bbox, source=case.source,
                               confidence=case.confidence), finding


def rows_after(table: Table, cells: dict[str, Cell]) -> Table:
    """The table without the body row holding ``cells``."""
    first = next(iter(cells.values()))
    return dataclasses.replace(table, rows=tuple(r for r in table.rows if all(c is not first for c in r)))
