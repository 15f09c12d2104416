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
import time
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.errors import ExtractError
from pipeline.extract.tables import page_tables_to_tables
from pipeline.extract.textlayer import page_to_tables_and_lines
from pipeline.types import Extraction, PageInfo, PageTable, TextLine

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class ExtractSettings:
    """How to read a document; part of what an extraction is a function of."""

    max_pages: int = 2000

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError("max_pages must be at least 1")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_pdf_bytes(data: bytes, file_name: str) -> None:
    """Reject what is plainly not a PDF before any parser sees it."""
    if not data:
        raise ExtractError(file_name, "empty file (0 bytes)")
    if PDF_MAGIC not in data[:1024]:
        head = data[:8].decode("latin-1").encode("unicode_escape").decode()
        raise ExtractError(file_name, f"not a PDF (no %PDF- header; starts with '{head}')")


def _open(data: bytes, file_name: str):  # type: ignore[no-untyped-def]
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _caused_by(exc, PDFPasswordIncorrect):
            raise ExtractError(file_name, "encrypted: a password is needed to open it") from None
        raise ExtractError(file_name, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc


def _caused_by(exc: BaseException, kind: type) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the chain and the arguments."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def extract_document(
    data: bytes,
    file_name: str,
    settings: ExtractSettings | None = None,
    on_page: Callable[[int], None] | None = None,
) -> Extraction:
    """Read every page's tables and running text, in reading order, with positions."""
    settings = settings or ExtractSettings()
    check_pdf_bytes(data, file_name)
    pdf = _open(data, file_name)
    try:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise ExtractError(file_name, "the PDF has no pages")
        if n_pages > settings.max_pages:
            raise ExtractError(file_name, f"{n_pages} pages is over the limit of {settings.max_pages}")
        pages: list[PageInfo] = []
        page_tables: list[PageTable] = []
        lines: list[TextLine] = []
        for index, page in enumerate(pdf.pages):
            started = time.perf_counter()
            page_no = index + 1
            try:
                tables, page_lines = page_to_tables_and_lines(page, page_no)
            except Exception as exc:
                raise ExtractError(file_name, f"{type(exc).__name__}: {exc}", page_no=page_no) from exc
            page_tables.extend(tables)
            lines.extend(page_lines)
            pages.append(
                PageInfo(
                    page_no,
                    float(page.width),
                    float(page.height),
                    "text",
                    "text layer usable",
                    seconds=time.perf_counter() - started,
                )
            )
            page.close()
            if on_page:
                on_page(1)
    finally:
        pdf.close()
    tables = page_tables_to_tables(page_tables, lines)
    return Extraction(
        sha256=sha256_of(data),
        file_name=file_name,
        page_count=n_pages,
        pages=tuple(pages),
        tables=tuple(tables),
        lines=tuple(lines),
    )
