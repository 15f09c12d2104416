"""Summary (審査件数) tables whose caption OCR misread, and summary tables the extract stage joined.

A summary table says which criterion it counts only in its caption (「(1) 外部委託の審査基準」),
and a bad scan misreads captions (「(1) 部委の査基单」). The table itself is still plainly a
summary table — its header cells and its rows of 実施機関 say so — so losing its 18 counts for
one garbled line would be the pipeline giving up on what it can read. What else says which
criterion it is:

- its place in the document's sequence of summary tables: the report prints them in the
  order of the report type's ``[criteria]`` (「(1)」 … 「(4)」), so a table between the ones
  captioned (1) and (3) is (2); the number printed in its caption, when read, must agree;
- its caption read fuzzily: closest to one criterion's words by a clear margin.

Either may name the criterion when the other does not contradict it, and only a criterion no
other summary table of the document names; each such reading is a ``criterion_inferred``
finding naming the caption as read and the criterion chosen. When the evidence disagrees or
is missing, the table stays an ``unknown_criterion`` finding, as before.

Two summary tables printed one above the other across a page break can come out of the
extract stage as one table (the second's header dropped as a repeated header): its rows run
through the agencies to the total row and start again. ``summary_blocks`` cuts it after each
total row that more rows follow, and gives each later part the text line just above its first
row as its caption.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.config import ReportType
from pipeline.normalize import normalize_text
from pipeline.recognize.headers import RELAXED_HEADER_SCORE, HeaderMap, header_key, map_header
from pipeline.recognize.numbers import OCR_DIGITS
from pipeline.recognize.tables import AGENCY_MIN_SCORE, caption_criterion, decode_agency, row_by_field
from pipeline.types import Cell, Finding, Table, TextLine

# A caption read fuzzily names a criterion when its best criterion word scores at least this
# (rapidfuzz partial_ratio on header keys, 0-100) … 「(1) 部委の査基单」 for 外部委託 scores 57
# on the fax scan (two of four glyphs kept), and no caption of another criterion scores above 57
# against a word it does not contain on the tuning scans (「(3) 外部提供」 against 外部委託)
CAPTION_MIN_SCORE = 50.0
# … and this much more than any other criterion's words (the fax caption: 57 vs 33 for 外部提供;
# the same margin the agencies and header cells are decoded with)
CAPTION_MARGIN = 15.0
# A summary table found inside a table that fits no kind needs this share of its rows' 実施機関
# cells to read as listed agencies (the share continuation.py asks of a list's vocabularies)
AGENCY_SHARE = 0.6
# The caption of a summary table found inside another lies at most this many of its own line
# heights above the table's first row: room for a repeated header of up to three lines that the
# extract stage dropped, not for the page's running text further up
CAPTION_GAP_LINES = 5.0

_NUMBER = re.compile(r"\s*[(（]\s*([0-9]{1,2})\s*[)）]")


@dataclass(frozen=True)
class Summary:
    """One summary table to read, with the report type and header map it was recognized by."""

    table: Table
    header_map: HeaderMap
    report_type: ReportType


def caption_number(caption: str) -> int | None:
    """The number printed at the front of a caption (「(2) 目的外利用…」 → 2), OCR letters read as digits."""
    found = _NUMBER.match(normalize_text(caption).translate(OCR_DIGITS))
    return int(found.group(1)) if found else None


def summary_blocks(table: Table, hm: HeaderMap, report_type: ReportType,
                   lines: Sequence[TextLine] = ()) -> list[Table]:
    """The summary table cut after each total row that a row of a listed agency (or the total again)
    follows (a note under the total stays with it), each later part captioned by the text line just
    above its first row (``caption_above``); the table itself when it holds one run of agencies."""
    total = report_type.total_agency
    parts: list[list[tuple[Cell, ...]]] = [[]]
    closed = False  # the part so far has its total row
    for row in table.rows:
        agency = row_by_field(row, table.header, hm.columns).get("agency")
        value = decode_agency(agency.text, report_type, agency.choices)[0] if agency is not None and agency.text.strip() else ""
        if closed and value in report_type.agencies:  # a second total row too: Chromium's mincho render
            parts.append([])
            closed = False
        parts[-1].append(row)
        closed = closed or value == total
    if len(parts) == 1:
        return [table]
    out = [dataclasses.replace(table, rows=tuple(parts[0]))]
    for before, part in itertools.pairwise(parts):
        out.append(dataclasses.replace(table, rows=tuple(part), caption=caption_above(part[0], before[-1], lines)))
    return out


def caption_above(row: Sequence[Cell], previous: Sequence[Cell], lines: Sequence[TextLine]) -> str:
    """The text line nearest above ``row`` on its page, below ``previous`` when that is on the same
    page, at most ``CAPTION_GAP_LINES`` of its own heights away; '' when there is none."""
    page, top = row[0].page_no, min(c.bbox.top for c in row)
    floor = max(c.bbox.bottom for c in previous) if previous[0].page_no == page else float("-inf")
    best: TextLine | None = None
    for line in lines:
        height = max(line.bbox.bottom - line.bbox.top, 1.0)
        if (line.page_no == page and floor - 1 <= line.bbox.top and line.bbox.bottom <= top + 1
                and top - line.bbox.bottom <= CAPTION_GAP_LINES * height
                and (best is None or line.bbox.bottom > best.bbox.bottom)):
            best = line
    return best.text if best is not None else ""


def caption_scores(caption: str, report_type: ReportType) -> list[tuple[float, str]]:
    """Each criterion with how closely the caption reads as one of its words, best first."""
    key = header_key(caption)
    if not key:
        return []
    scores = [(max(float(fuzz.partial_ratio(header_key(w), key)) for w in words), criterion)
              for criterion, words in report_type.criteria.items() if words]
    return sorted(scores, key=lambda s: -s[0])


def criterion_by_caption(caption: str, report_type: ReportType) -> str | None:
    """The criterion a misread caption comes clearly closest to, or None."""
    ranked = caption_scores(caption, report_type)
    if not ranked:
        return None
    best, criterion = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return criterion if best >= CAPTION_MIN_SCORE and best - runner_up >= CAPTION_MARGIN else None


def criterion_by_place(i: int, named: Sequence[str | None], numbers: Sequence[int | None],
                       order: Sequence[str]) -> tuple[str | None, bool]:
    """The criterion the i-th summary table's place implies: counted on from the nearest named table
    before it, back from the nearest after it, and its printed number (when the document numbers its
    named tables as ``order`` does); all that exist must agree. Returns (criterion or None, whether
    they disagree: then nothing may be inferred, not even from the caption)."""
    places: set[int] = set()
    before = next((j for j in range(i - 1, -1, -1) if named[j] is not None), None)
    after = next((j for j in range(i + 1, len(named)) if named[j] is not None), None)
    if before is not None:
        places.add(order.index(named[before]) + (i - before))  # type: ignore[arg-type]
    if after is not None:
        places.add(order.index(named[after]) - (after - i))  # type: ignore[arg-type]
    numbered_as_order = all(numbers[j] is None or numbers[j] == order.index(c) + 1
                            for j, c in enumerate(named) if c is not None)
    if numbers[i] is not None and numbered_as_order:
        places.add(numbers[i] - 1)  # type: ignore[operator]
    if len(places) != 1:
        return None, len(places) > 1
    place = places.pop()
    return (order[place] if 0 <= place < len(order) else None), False


def summary_criteria(summaries: Sequence[Summary]) -> list[tuple[str | None, list[Finding]]]:
    """Each summary table's criterion, with a finding when it was inferred or could not be.

    Tables of one report type are read as one sequence; a caption that names a criterion
    outright (``caption_criterion``) settles its table first, then the others are inferred
    from their place and their caption read fuzzily, each only to a criterion left unnamed.
    """
    out: list[tuple[str | None, list[Finding]]] = [(None, []) for _ in summaries]
    for name in dict.fromkeys(s.report_type.name for s in summaries):
        members = [i for i, s in enumerate(summaries) if s.report_type.name == name]
        rt = summaries[members[0]].report_type
        captions = [summaries[i].table.caption for i in members]
        named = [caption_criterion(c, rt) for c in captions]
        twice = named_twice(named, [summaries[i].table for i in members])
        named = [None if k in twice else c for k, c in enumerate(named)]
        numbers = [caption_number(c) for c in captions]
        order = list(rt.criteria)
        for k, i in enumerate(members):
            if named[k] is not None:
                out[i] = (named[k], [])
                continue
            criterion, finding = inferred(summaries[i].table, named, numbers, k, rt, order)
            out[i] = (criterion, [*twice.get(k, []), finding])
    return once_each(out, summaries)


def once_each(read: list[tuple[str | None, list[Finding]]], summaries: Sequence[Summary]
              ) -> list[tuple[str | None, list[Finding]]]:
    """``read`` with no criterion given to two tables of one report type: captions read twice (a neighbour's
    taken for a table's own) can lead each table's place and number to the same one. Then none of them is
    kept, each with an ``unknown_criterion`` finding: one report files a criterion's counts once."""
    out = list(read)
    for i, (criterion, found) in enumerate(read):
        others = [summaries[j].table.table_no for j, (c, _) in enumerate(read) if j != i and c == criterion
                  and summaries[j].report_type.name == summaries[i].report_type.name]
        if criterion is not None and others:
            table = summaries[i].table
            out[i] = (None, [*found, Finding("unknown_criterion", table.pages[0] if table.pages else None, (
                f"summary table {table.table_no}: read as {criterion}, as table(s) {others} were too; "
                f"none of them is kept"), table.last_page)])
    return out


def named_twice(named: Sequence[str | None], tables: Sequence[Table]) -> dict[int, list[Finding]]:
    """The tables whose caption names a criterion another table's caption names too, each with a
    ``criterion_named_twice`` finding: one caption is wrong (misread, or a line of other text taken
    for it), and which one only their places can tell, so none of them settles its criterion."""
    out: dict[int, list[Finding]] = {}
    for k, criterion in enumerate(named):
        others = [tables[j].table_no for j, c in enumerate(named) if c == criterion and j != k]
        if criterion is not None and others:
            page = tables[k].pages[0] if tables[k].pages else None
            out[k] = [Finding("criterion_named_twice", page, (
                f"summary table {tables[k].table_no}: caption {tables[k].caption!r} names {criterion}, as the "
                f"caption of table(s) {others} does; read by its place, if that is clear"))]
    return out


def inferred(table: Table, named: Sequence[str | None], numbers: Sequence[int | None], k: int,
             rt: ReportType, order: Sequence[str]) -> tuple[str | None, Finding]:
    """The k-th summary table's criterion from its place and its caption, and the finding saying how."""
    page = table.pages[0] if table.pages else None
    by_place, disagree = criterion_by_place(k, named, numbers, order)
    by_caption = criterion_by_caption(table.caption, rt)
    taken = {c for c in named if c is not None}
    candidates = {c for c in (by_place, by_caption) if c is not None}
    if len(candidates) == 1 and not candidates & taken and not disagree:
        criterion = candidates.pop()
        how = " and ".join(h for h, c in (("its place among the summary tables", by_place),
                                          ("its caption read fuzzily", by_caption)) if c == criterion)
        return criterion, Finding("criterion_inferred", page, f"summary table {table.table_no}: caption "
                                  f"{table.caption!r} names no configured criterion; read as {criterion} by {how}")
    why = ("the tables around it and its printed number disagree on its place" if disagree
           else f"its place says {by_place} and its caption {by_caption}" if len(candidates) > 1
           else f"{', '.join(sorted(candidates))} is named by another table" if candidates
           else "neither its place nor its caption says which")
    return None, Finding("unknown_criterion", page, f"summary table {table.table_no}: caption "
                         f"{table.caption!r} names no configured criterion ({why})", table.last_page)


def agencies_by_place(table: Table, hm: HeaderMap, report_type: ReportType) -> tuple[Table, list[Finding]]:
    """The summary table with each agency cell that decodes to no listed agency read as the one its
    place leaves for it, with an ``agency_decoded`` finding each.

    A summary table lists every agency once, in the order of the report type's ``[agencies]``, so
    a row between 教育委員会 and 監査委員 is 選挙管理委員会 even when OCR read it 「选学箭理委員会」,
    which ``decode_agency`` leaves as read (as close to 教育委員会 and 農業委員会 by its shared
    委員会). The rows next to it that did decode must agree on its place, no other row may name
    that agency, and the text must still come within ``AGENCY_MIN_SCORE`` of it.
    """
    order = list(report_type.agencies)
    rows = list(table.rows)
    named: list[tuple[int, Cell, str | None]] = []  # row index, agency cell, the listed agency it decodes to
    for i, row in enumerate(rows):
        cell = row_by_field(row, table.header, hm.columns).get("agency")
        if cell is not None and cell.text.strip():
            decoded = decode_agency(cell.text, report_type, cell.choices)[0]
            named.append((i, cell, decoded if decoded in order else None))
    taken = {value for _, _, value in named if value is not None}
    findings: list[Finding] = []
    for k, (i, cell, listed) in enumerate(named):
        if listed is not None:
            continue
        places = {order.index(v) + step for j, step in ((k - 1, 1), (k + 1, -1))
                  if 0 <= j < len(named) and (v := named[j][2]) is not None}
        if len(places) != 1 or not 0 <= (place := places.pop()) < len(order) or order[place] in taken:
            continue
        agency = order[place]
        score = fuzz.ratio(re.sub(r"\s+", "", normalize_text(cell.text)), agency)
        if score < AGENCY_MIN_SCORE:
            continue
        rows[i] = tuple(dataclasses.replace(c, text=agency) if c is cell else c for c in rows[i])
        taken.add(agency)
        findings.append(Finding("agency_decoded", cell.page_no, f"{cell.text!r} read as {agency!r} (the agency "
                                f"its place in the summary table leaves; similarity {score:.0f})"))
    return dataclasses.replace(table, rows=tuple(rows)), findings


def summary_header(row: Sequence[Cell], report_types: Sequence[ReportType]) -> tuple[ReportType, HeaderMap] | None:
    """The summary kind a row inside a table reads as the header of: every required field named at
    ``RELAXED_HEADER_SCORE`` or more, at least half of them at the report type's threshold."""
    texts = [c.text for c in row]
    for rt in report_types:
        for kind in rt.tables:
            if kind.kind != "summary":
                continue
            hm = map_header(texts, kind, RELAXED_HEADER_SCORE)
            if hm is not None and 2 * sum(s >= rt.header_threshold for s in hm.scores.values()) >= len(hm.scores):
                return rt, hm
    return None


def summaries_inside(table: Table, report_types: Sequence[ReportType]) -> tuple[list[Summary], list[Finding]]:
    """Summary tables inside a table that fits no kind, each with a ``summary_in_table`` finding.

    A faint scan can leave the rules around the page's text and its summary tables unread, so the
    extract stage returns them as one table of prose rows and table rows (colour150's page 1). A
    row that reads as a summary header, then rows of listed agencies down to the total row, is a
    summary table all the same; the one-cell row just above its header is its caption.
    """
    out: list[Summary] = []
    findings: list[Finding] = []
    rows = [table.header, *table.rows]
    starts = [(i, fit) for i, row in enumerate(rows) if (fit := summary_header(row, report_types)) is not None]
    for k, (i, (rt, hm)) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
        body = body_to_total(rows[i + 1:end], rows[i], hm, rt)
        if not body:
            continue
        above = [c.text for c in rows[i - 1] if c.text.strip()] if i else []
        caption = above[0] if len(above) == 1 else ""
        out.append(Summary(Table(table.table_no, rows[i], tuple(body), caption), hm, rt))
        findings.append(Finding("summary_in_table", rows[i][0].page_no, (
            f"table {table.table_no}: a header {[c.text for c in rows[i]]!r} and the {len(body)} rows of "
            f"agencies under it read as a summary table, caption {caption!r}")))
    return out, findings


def body_to_total(rows: Sequence[Sequence[Cell]], header: Sequence[Cell], hm: HeaderMap,
                  report_type: ReportType) -> list[tuple[Cell, ...]]:
    """The rows under a summary header down to its total row, when enough of them name listed
    agencies (``AGENCY_SHARE``); [] otherwise."""
    body: list[tuple[Cell, ...]] = []
    listed = named = 0
    for row in rows:
        agency = row_by_field(row, header, hm.columns).get("agency")
        body.append(tuple(row))
        if agency is None or not agency.text.strip():
            continue
        named += 1
        value = decode_agency(agency.text, report_type, agency.choices)[0]
        listed += value in report_type.agencies
        if value == report_type.total_agency:
            break
    return body if named and listed >= AGENCY_SHARE * named else []


def agencies_missing(listed: Sequence[tuple[Summary, str, set[str]]]) -> list[Finding]:
    """An ``agency_row_missing`` finding for each agency another summary table of the same report type lists and
    this one does not: a report's summary tables list the same agencies, so a row lost (cut at a page break,
    taken for a note) shows as a gap that only the total's check would otherwise hint at. Which agencies a
    municipality has is not configured: the document's own tables are the reference."""
    out: list[Finding] = []
    for summary, criterion, agencies in listed:
        name = summary.report_type.name
        others = set().union(*(a for s, _, a in listed if s is not summary and s.report_type.name == name))
        for agency in sorted(others - agencies):
            table = summary.table
            out.append(Finding("agency_row_missing", table.pages[0] if table.pages else None, (
                f"summary table {table.table_no} ({criterion}): no row of {agency}, which the report's other "
                f"summary tables list"), table.last_page))
    return out
