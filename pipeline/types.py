"""Plain frozen dataclasses passed between the stages.

extract -> normalize/recognize -> match -> load -> check all speak these types,
so each stage can be tested alone and an extraction can be serialised, cached
and later computed on another machine (it is a pure function of the file's
bytes plus configuration, keyed by the file's sha256).

Coordinates are PDF points with the origin at the top-left of the page, the
convention pdfplumber uses (x0, top, x1, bottom).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # for the annotations only: the stages import this module, not the other way round
    from pipeline.correct import AppliedCorrection
    from pipeline.match.departments import Department
    from pipeline.recognize.facts import Fact
    from pipeline.recognize.incident import IncidentReport

Source = Literal["text", "ocr"]


@dataclass(frozen=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)]


@dataclass(frozen=True)
class Cell:
    """One table cell as it was read, before any normalization."""

    page_no: int  # 1-based
    row: int  # 0-based within the table on this page
    col: int
    text: str
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None  # 0..1 for OCR, None for a text layer
    # a merged cell: how many grid rows and columns it covers (``col`` is always the grid column)
    row_span: int = 1
    col_span: int = 1
    # True for the empty placeholder in a row covered by a cell merged down from a row above
    spanned: bool = False
    # an OCR'd short cell: each closed-vocabulary value (有/無, the agencies) with its log likelihood
    # under the recognizer, likeliest first (extract/closed_vocab.py); the recognize stage chooses
    # among its column's values from these rather than from the free reading
    choices: tuple[tuple[str, float], ...] = ()


def grid_width(row: Sequence[Cell]) -> int:
    """How many grid columns a row covers: a merged cell counts its span, not one (0 for no cell)."""
    return max((c.col + c.col_span for c in row), default=0)


@dataclass(frozen=True)
class TextLine:
    """A line of running text outside tables (headings, prose)."""

    page_no: int
    text: str
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None
    # character spans [start, end) of ``text`` drawn with an underline (下線 marks 要配慮 items)
    underlined: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PageTable:
    """One ruled grid as found on one page, before tables are joined across pages.

    Both extractors (text layer and OCR) produce this; ``cells`` are the grid's
    rows, each a tuple of cells left to right (merged cells appear once; from
    the text layer, a row covered by a cell merged down from above holds an
    empty ``spanned`` placeholder there, and ``Cell.col`` is the grid column).
    """

    page_no: int
    bbox: BBox
    cells: tuple[tuple[Cell, ...], ...]
    lone: bool = False  # a row or two alone (a header printed again may stand over them): only a table's rest


@dataclass(frozen=True)
class Table:
    """A ruled table; one that continues over pages is one Table.

    ``header`` is the header row (once, even when every page repeats it);
    ``rows`` are the body rows in reading order. ``caption`` is the nearest
    line of text above the table on its first page (e.g. 「(1) 外部委託の審査基準」).
    """

    table_no: int
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""

    @property
    def pages(self) -> tuple[int, ...]:
        seen = {c.page_no for c in self.header}
        seen.update(c.page_no for row in self.rows for c in row)
        return tuple(sorted(seen))

    @property
    def last_page(self) -> int | None:
        """Its last page when it runs over a page break, else None: a finding's ``last_page_no``."""
        pages = self.pages
        return pages[-1] if len(pages) > 1 else None


@dataclass(frozen=True)
class PageInfo:
    page_no: int
    width: float
    height: float
    source: Source
    reason: str  # why this source was chosen ("text layer usable", "no characters", ...)
    ocr_engine: str | None = None
    ocr_confidence: float | None = None
    seconds: float = 0.0
    # an OCR'd page: why it may have lost what it prints (extract.ocr.page_doubts), a page_read_doubtful finding each
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnreadBlock:
    """Text aligned like a table (lines in two or more columns) that no table was made of.

    Its lines stay running text; the recognize stage turns each into an
    ``aligned_block_not_read`` finding, so rows lost there are not silent.
    """

    page_no: int
    bbox: BBox
    lines: int  # lines of the block
    columns: int  # columns its chunks stand in
    why: str  # why no table was made of it


@dataclass(frozen=True)
class Extraction:
    """Everything read from one PDF: a pure function of its bytes and config."""

    sha256: str
    file_name: str
    page_count: int
    pages: tuple[PageInfo, ...]
    tables: tuple[Table, ...]
    lines: tuple[TextLine, ...]
    notes: tuple[str, ...] = ()  # what was done to read it (repairs, engine fallbacks)
    unread_blocks: tuple[UnreadBlock, ...] = ()  # table-like text left as running text (text layer pages)


# ---------------------------------------------------------------- recognized records


@dataclass(frozen=True)
class ReviewCount:
    """One row of a summary table (審査件数)."""

    criterion: str
    agency: str
    reviewed: int | None  # None: printed but unreadable (an unreadable_count finding says which)
    sensitive: int | None
    ordinance_sensitive: int | None
    page_no: int
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None


@dataclass(frozen=True)
class Case:
    """One listed case (一覧の1行)."""

    criterion: str
    case_no: int
    description: str | None
    recipient: str | None
    purpose: str | None
    legal_basis: str | None
    link_type: str | None
    department: str | None
    department_raw: str | None
    agency: str | None
    sensitive: bool | None
    ordinance_sensitive: bool | None
    page_no: int
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None
    raw: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # filled by the match stage
    department_id: str | None = None
    department_score: float | None = None
    department_method: str | None = None
    family_id: str | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """What the report says about itself (from its front page)."""

    title: str | None
    report_no: int | None
    published_on: date | None
    as_of: date | None
    publisher: str | None
    municipality: str | None = None  # as printed: 世田谷区
    fiscal_year: int | None = None  # 令和5年度 -> 2023 (the year the figures cover)


@dataclass(frozen=True)
class CheckResult:
    rule: str
    criterion: str | None
    agency: str | None
    expected: int | None
    actual: int | None
    ok: bool | None  # None: the rule could not be computed (``detail`` says why), not a failure
    detail: str = ""

    @property
    def status(self) -> str:
        """passed | failed | not_computed (the warehouse's ``checks.status``)."""
        return "not_computed" if self.ok is None else "passed" if self.ok else "failed"


@dataclass(frozen=True)
class Finding:
    """Something a reader should look at that is not a reconciliation rule."""

    kind: str
    page_no: int | None
    detail: str
    # The last page it covers when it spans pages (a table continued over a page break that no kind read):
    # a reader looking up page 7 must find the table of pages 6-7. None: ``page_no`` alone.
    last_page_no: int | None = None


@dataclass(frozen=True)
class DocumentResult:
    """One document after every pure stage: what the load step writes, nothing more to compute.

    Keyed by ``extraction.sha256``; serialisable, so it can be made on another
    machine and loaded here.
    """

    extraction: Extraction
    info: DocumentInfo
    report_type: str | None
    review_counts: tuple[ReviewCount, ...]
    cases: tuple[Case, ...]
    checks: tuple[CheckResult, ...]
    findings: tuple[Finding, ...]
    departments: tuple[Department, ...] = ()  # the department of every case's department_id
    incidents: tuple[IncidentReport, ...] = ()
    corrections: tuple[AppliedCorrection, ...] = ()  # what the correct stage changed (cases.correction_source)
    cells: tuple[TidyCell, ...] = ()  # every table's cells, typed (pipeline.recognize.cells)
    facts: tuple[Fact, ...] = ()  # values of tables a "facts" kind recognized (pipeline.recognize.facts)

    @property
    def doc_id(self) -> str:
        return self.extraction.sha256[:16]

    def counts(self) -> dict[str, int | str]:
        """What the CLI line of a landed file says (run.Outcome's fields): what it holds and what was
        not understood. One place, so the local run and a stored result (pipeline/store) say the same."""
        statuses = [c.status for c in self.checks]
        kinds = [f.kind for f in self.findings]
        return {
            "pages": self.extraction.page_count, "cases": len(self.cases), "incidents": len(self.incidents),
            "checks_ok": statuses.count("passed"), "checks_failed": statuses.count("failed"),
            "checks_not_computed": statuses.count("not_computed"),
            "findings": len(kinds), **{field: kinds.count(kind) for field, kind in COUNTED_KINDS.items()},
            "nothing_recognized": "nothing_recognized" in kinds, "facts": len(self.facts),
            "other_findings": sum(k not in LINE_KINDS for k in kinds), "other_kinds": other_kinds(kinds),
        }


# the finding kinds the CLI line names by what they mean, by the run.Outcome field that counts each; with
# nothing_recognized (a flag) they are LINE_KINDS, and every other kind is counted by kind (``other_kinds``)
COUNTED_KINDS = {"tables_not_recognized": "table_not_recognized", "blocks_not_read": "aligned_block_not_read",
                 "texts_not_placed": "rest_unplaced", "fields_ambiguous": "cell_over_fields",
                 "columns_unread": "header_cells_unread", "incidents_not_assembled": "incident_not_assembled"}
LINE_KINDS = frozenset({*COUNTED_KINDS.values(), "nothing_recognized"})
SHOWN_KINDS = 3  # how many other kinds the line names, the most frequent first


def other_kinds(kinds: Sequence[str]) -> str:
    """The finding kinds a CLI line does not name by meaning, most frequent first, with their counts
    (「unknown_criterion ×2, criterion_named_twice ×2, …」): whatever was not understood shows on the line."""
    tally: dict[str, int] = {}
    for kind in kinds:
        if kind not in LINE_KINDS:
            tally[kind] = tally.get(kind, 0) + 1
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    named = [f"{k} ×{n}" if n > 1 else k for k, n in ranked[:SHOWN_KINDS]]
    return ", ".join(named + (["…"] if len(ranked) > SHOWN_KINDS else []))


@dataclass(frozen=True)
class TidyCell:
    """One cell of any table as a fact: where it stands (row and column header paths) and what it says.

    ``row_path`` / ``col_path`` are the labels of the row headers left of it and
    the column headers above it, outermost first, a merged header repeated over
    every row or column it spans. ``value`` is the number as printed (None for
    text), ``scaled_value`` the same in ``scaled_unit`` (千円 -> 円).
    """

    table_no: int
    page_no: int
    row_no: int  # row of the table's grid, 0 = its first header row
    col_no: int  # column of the table's grid (the finest columns any row rules)
    role: str  # value | row_header | col_header | corner
    text: str  # as read
    norm_text: str  # normalize_text(text)
    value: float | int | None
    unit: str | None
    scaled_value: float | int | None
    scaled_unit: str | None
    row_path: tuple[str, ...]
    col_path: tuple[str, ...]
    row_total: str | None  # 計 / 小計 / 合計 / 総計 when its row is a total row
    col_total: str | None  # likewise for its column
    bbox: BBox
    source: Source = "text"
    confidence: float | None = None
