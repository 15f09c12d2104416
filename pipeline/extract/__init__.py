"""Extract stage: a PDF's bytes in, an :class:`~pipeline.types.Extraction` out.

``extract_document`` is a pure function of the file's bytes and the settings:
no warehouse, no global state. Its result is keyed by the bytes' sha256, so
extraction can later run on other machines and the cheap load step apply the
results wherever they were made.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import ExtractError, PipelineError
from pipeline.extract import safety
from pipeline.extract.engines import ENGINE_NAMES
from pipeline.extract.furniture import headings_as_lines
from pipeline.extract.grid import GridSettings
from pipeline.extract.lean import lean_page
from pipeline.extract.tables import page_tables_to_tables
from pipeline.extract.textlayer import page_to_reading
from pipeline.extract.triage import OCR_MODES, TriageSettings, is_unreadable, repair_unreadable, triage_page
from pipeline.extract.workers import WORKER_DIED, BrokenProcessPool, process_pool
from pipeline.types import Extraction, PageInfo, PageTable, TextLine, UnreadBlock

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class ExtractSettings:
    """How to read a document; part of what an extraction is a function of.

    The limits protect a run from one hostile or broken file: a document that
    hits one is rejected with a message naming the setting (docs/reliability.md).
    """

    max_pages: int = 2000
    max_seconds_per_document: float = 600.0
    max_seconds_per_page: float = 60.0
    render_dpi: float = 300.0  # the resolution a page is rendered at for OCR
    ocr: str = "auto"  # auto: OCR only pages whose text layer is missing or unusable; always; never
    ocr_engine: str = "auto"  # one of extract.engines.ENGINE_NAMES (docs/ocr.md says what auto picks and why)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # processes OCR pages are spread over
    max_page_pixels: int = 150_000_000  # an A0 sheet at 300 dpi is 140 M
    max_image_pixels: int = 178_956_970  # Pillow's decompression-bomb error threshold (2 x 89,478,485)
    # what a rule, a table and a text line are on an OCR'd page (its dpi is the page image's, set per page)
    grid: GridSettings = field(default_factory=GridSettings)
    triage: TriageSettings = field(default_factory=TriageSettings)  # when a text layer is unusable
    # the closed values OCR'd short cells are scored against (extract/closed_vocab.closed_values of the
    # run's Config, set by store.keys.extract_settings_of); (): the checkout's config/
    closed_values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")
        if self.ocr_engine not in ENGINE_NAMES:
            raise ValueError(f"ocr_engine must be one of {', '.join(ENGINE_NAMES)}, not {self.ocr_engine!r}")
        if self.jobs < 1:
            raise ValueError("jobs must be at least 1")
        for name in ("max_seconds_per_document", "max_seconds_per_page", "render_dpi",
                     "max_page_pixels", "max_image_pixels"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_pdf_bytes(data: bytes, file_name: str) -> None:
    """Reject what is plainly not a PDF before any parser sees it."""
    if not data:
        raise ExtractError(file_name, "empty file (0 bytes)")
    if PDF_MAGIC not in data[:1024]:
        head = data[:8].decode("latin-1").encode("unicode_escape").decode()
        raise ExtractError(file_name, f"not a PDF (no %PDF- header; starts with '{head}')")
    if len(data) < 64:
        raise ExtractError(file_name, f"not a PDF: only {len(data)} bytes")


def _open(data: bytes, file_name: str):  # type: ignore[no-untyped-def]
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _caused_by(exc, PDFPasswordIncorrect):
            raise ExtractError(file_name, "encrypted: a password is needed to open it") from None
        raise ExtractError(file_name, f"unreadable PDF ({_short(exc)})") from exc
    try:
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except RecursionError:
        pdf.close()
        raise ExtractError(file_name, "unreadable PDF (its page tree or objects nest too deep)") from None
    except Exception as exc:
        pdf.close()
        raise ExtractError(file_name, f"unreadable PDF ({_short(exc)})") from exc


def _short(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text[:200] + '...' if len(text) > 200 else text}"


def _caused_by(exc: BaseException, kind: type) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the chain and the arguments."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _bytes_read(pdf: Any, data: bytes) -> bytes:
    stream = getattr(pdf, "stream", None)
    return stream.getvalue() if isinstance(stream, io.BytesIO) else data


def open_pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:  # triage then judges by pdfplumber's characters alone
        return None


PDFIUM_NOTE = "characters the text layer could not map ((cid:…)) read by pdfium"


def repair_from_pdfium(page: Any, pdfium_doc: Any, index: int,
                       max_share: float = TriageSettings().unreadable_share) -> int:
    """Unmapped characters of the page taken from pdfium where it maps them (triage.repair_unreadable)."""
    if pdfium_doc is None or not any(is_unreadable(c["text"]) for c in page.chars):
        return 0
    pdfium_page = pdfium_doc[index]
    try:
        return repair_unreadable(page.chars, pdfium_page, float(page.height), max_share)
    finally:
        pdfium_page.close()


def _triage(page: Any, pdfium_doc: Any, index: int, mode: str,
            triage: TriageSettings | None = None) -> tuple[str, str]:
    """Text layer or OCR for one page (pipeline.extract.triage has the rules)."""
    if mode == "always":
        return "ocr", "--ocr always"
    if mode == "never" or pdfium_doc is None:
        return "text", "--ocr never" if mode == "never" else "text layer (pdfium could not cross-check)"
    pdfium_page = pdfium_doc[index]
    try:
        return triage_page(page, pdfium_page, triage or TriageSettings())
    finally:
        pdfium_page.close()


def _ocr_pages(
    data: bytes, file_name: str, todo: list[tuple[int, float, float, str]], settings: ExtractSettings,
    deadline: Any,
) -> tuple[list[PageTable], list[TextLine], list[PageInfo], list[str]]:
    """OCR the pages triage sent to OCR, spread over settings.jobs processes.

    A page whose rendering would exceed the image-pixel limit (Pillow's bomb
    guard) is not rendered: it lands marked, with the reason, and a note on
    the document says so.
    """
    from pipeline.extract.engines import OcrEngineError
    from pipeline.extract.ocr import ocr_document, page_info

    dpi = settings.render_dpi
    limit = min(settings.max_page_pixels, settings.max_image_pixels)
    readable, infos, notes = [], [], []
    for item in todo:
        index, width, height, reason = item
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > limit:
            why = (f"not read: {reason}, but rendering at {dpi:g} dpi would make {pixels / 1e6:,.0f} M "
                   f"pixels, over the limit of {limit / 1e6:,.0f} M (max_image_pixels / max_page_pixels)")
            infos.append(PageInfo(index + 1, width, height, "ocr", why))
            notes.append(f"page {index + 1} {why}")
        else:
            readable.append(item)
    try:
        done = ocr_document(data, [i for i, *_ in readable], engine=settings.ocr_engine, dpi=int(dpi),
                            jobs=settings.jobs, grid=settings.grid, closed=settings.closed_values)
    except OcrEngineError as exc:
        raise ExtractError(file_name, f"OCR engine unavailable: {exc}") from None
    except BrokenProcessPool:
        raise ExtractError(file_name, WORKER_DIED) from None
    deadline.check_document()
    tables: list[PageTable] = []
    lines: list[TextLine] = []
    for ocr_page, (_, width, height, reason) in zip(done, readable):
        tables.extend(ocr_page.tables)
        lines.extend(ocr_page.lines)
        infos.append(page_info(ocr_page, width, height, reason))
    return tables, lines, infos, notes


PARALLEL_MIN_PAGES = 8  # below this, starting processes costs more than it saves


@dataclass(frozen=True)
class PageRead:
    """What reading one page gave: its tables and lines, or a note that it needs OCR."""

    info: PageInfo | None
    tables: tuple[PageTable, ...] = ()
    lines: tuple[TextLine, ...] = ()
    ocr_todo: tuple[int, float, float, str] | None = None  # (index, width, height, why)
    unread: tuple[UnreadBlock, ...] = ()  # table-like blocks no table was made of (textlayer.page_to_reading)


def read_page(page: Any, pdfium_doc: Any, index: int, file_name: str, settings: ExtractSettings,
              deadline: safety.Deadline) -> PageRead:
    """One page's text layer, after the safety checks and triage, within the page's time limit."""
    started = time.perf_counter()
    page_no = index + 1
    with deadline.page(page_no):
        try:
            width, height = float(page.width), float(page.height)
            safety.check_content_streams(file_name, page_no, page.page_obj)
            page = lean_page(page)  # parses the page: after the checks that guard the parser
            safety.check_page_images(file_name, page_no, page.images, settings.max_image_pixels)
            repaired = (repair_from_pdfium(page, pdfium_doc, index, settings.triage.unreadable_share)
                        if settings.ocr != "always" else 0)
            source, reason = _triage(page, pdfium_doc, index, settings.ocr, settings.triage)
            if source == "ocr":  # only a page that must be rendered is limited by its size
                safety.check_page_size(file_name, page_no, width, height, settings.render_dpi,
                                       settings.max_page_pixels)
                return PageRead(None, ocr_todo=(index, width, height, reason))
            if repaired:
                reason = f"{reason}; {repaired} {PDFIUM_NOTE}"
            tables, page_lines, unread = page_to_reading(page, page_no)
        except PipelineError:
            raise
        except RecursionError:
            raise ExtractError(file_name, "objects on the page nest too deep", page_no=page_no) from None
        except Exception as exc:
            raise ExtractError(file_name, _short(exc), page_no=page_no) from exc
        finally:
            page.close()
    info = PageInfo(page_no, width, height, "text", reason, seconds=time.perf_counter() - started)
    return PageRead(info, tuple(tables), tuple(page_lines), unread=tuple(unread))


def _read_chunk(task: tuple[bytes, str, list[int], ExtractSettings, float]) -> list[PageRead]:
    """A worker process's share of the pages: it opens its own copy of the document."""
    data, file_name, indexes, settings, seconds_left = task
    deadline = safety.Deadline(file_name, seconds_left, settings.max_seconds_per_page)
    pdf = _open(data, file_name)
    pdfium_doc = open_pdfium(data) if settings.ocr != "always" else None
    try:
        return [read_page(pdf.pages[i], pdfium_doc, i, file_name, settings, deadline) for i in indexes]
    finally:
        pdf.close()
        if pdfium_doc is not None:
            pdfium_doc.close()


def _read_pages_in_parallel(data: bytes, file_name: str, n_pages: int, settings: ExtractSettings,
                            deadline: safety.Deadline, on_page: Callable[[int], None] | None) -> list[PageRead]:
    """Pages spread over settings.jobs processes in contiguous chunks, results in page order."""
    size = max(1, -(-n_pages // (settings.jobs * 3)))
    chunks = [list(range(i, min(i + size, n_pages))) for i in range(0, n_pages, size)]
    tasks = [(data, file_name, chunk, settings, deadline.left()) for chunk in chunks]
    reads: list[PageRead] = []
    try:
        with process_pool(min(settings.jobs, len(chunks))) as pool:
            for chunk_reads in pool.map(_read_chunk, tasks):
                reads.extend(chunk_reads)
                if on_page:
                    on_page(sum(1 for r in chunk_reads if r.info is not None))
    except BrokenProcessPool:
        raise ExtractError(file_name, WORKER_DIED) from None
    deadline.check_document()
    return reads


def extract_document(
    data: bytes,
    file_name: str,
    settings: ExtractSettings | None = None,
    on_page: Callable[[int], None] | None = None,
) -> Extraction:
    """Read every page's tables and running text, in reading order, with positions.

    The page count is cross-checked with pdfium and a broken file repaired in
    memory (``safety.open_consistent``); ``sha256`` is always the hash of the
    bytes given, not of a repaired copy. Any limit in ``settings`` that is hit
    rejects the whole document with an :class:`ExtractError`.
    """
    settings = settings or ExtractSettings()
    check_pdf_bytes(data, file_name)
    sha256 = sha256_of(data)
    safety.guard_pillow(settings.max_image_pixels)
    deadline = safety.Deadline(file_name, settings.max_seconds_per_document, settings.max_seconds_per_page)
    try:
        pdf, notes = safety.open_consistent(data, file_name, _open)
    except RecursionError:
        raise ExtractError(file_name, "unreadable PDF (its objects nest too deep)") from None
    try:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise ExtractError(file_name, "the PDF has no pages")
        if n_pages > settings.max_pages:
            raise ExtractError(file_name, f"{n_pages} pages is over the limit of {settings.max_pages} (max_pages)")
        pages: list[PageInfo] = []
        page_tables: list[PageTable] = []
        lines: list[TextLine] = []
        unread_blocks: list[UnreadBlock] = []
        to_ocr: list[tuple[int, float, float, str]] = []
        read_bytes = _bytes_read(pdf, data)  # a repaired copy when the original needed one
        if settings.jobs > 1 and n_pages >= PARALLEL_MIN_PAGES:
            reads = _read_pages_in_parallel(read_bytes, file_name, n_pages, settings, deadline, on_page)
        else:
            pdfium_doc = open_pdfium(read_bytes) if settings.ocr != "always" else None
            try:
                reads = []
                for index, page in enumerate(pdf.pages):
                    reads.append(read_page(page, pdfium_doc, index, file_name, settings, deadline))
                    if on_page and reads[-1].info is not None:
                        on_page(1)
            finally:
                if pdfium_doc is not None:
                    pdfium_doc.close()
        for read in reads:
            unread_blocks.extend(read.unread)
            page_tables.extend(read.tables)
            lines.extend(read.lines)
            if read.info is not None:
                pages.append(read.info)
                if PDFIUM_NOTE in read.info.reason:  # said per page in the document's notes too
                    notes = (*notes, f"page {read.info.page_no}: {read.info.reason.rsplit('; ', 1)[-1]}")
            if read.ocr_todo is not None:
                to_ocr.append(read.ocr_todo)
        if to_ocr:
            ocr_tables, ocr_lines, ocr_infos, ocr_notes = _ocr_pages(read_bytes, file_name, to_ocr, settings,
                                                                     deadline)
            notes = (*notes, *ocr_notes)
            page_tables.extend(ocr_tables)
            lines = sorted([*lines, *ocr_lines], key=lambda line: line.page_no)  # stable: page order kept
            pages = sorted([*pages, *ocr_infos], key=lambda p: p.page_no)
            if on_page:
                on_page(len(to_ocr))
    finally:
        pdf.close()
    try:
        page_tables, lines, running = headings_as_lines(page_tables, lines)
        joined = page_tables_to_tables(page_tables, lines, running)
    except Exception as exc:  # a broken file must fail as a document, never crash the run
        raise ExtractError(file_name, f"joining tables failed ({_short(exc)})") from exc
    return Extraction(
        sha256=sha256,
        file_name=file_name,
        page_count=n_pages,
        pages=tuple(pages),
        tables=tuple(joined),
        lines=tuple(lines),
        notes=notes,
        unread_blocks=tuple(unread_blocks),
    )
