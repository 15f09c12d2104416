"""Reading untrusted PDFs safely: cross-checked page counts, in-memory repair, limits.

Silent loss is the worst failure. pdfminer (under pdfplumber) opens a file
whose cross-reference table is broken and may report 0 pages, or fewer than
there are, where pdfium and qpdf rebuild the table and read them all. So
``open_consistent`` counts pages with pdfium too; when the two disagree it
repairs the file in memory (qpdf through pikepdf, else pdfium, rewriting the
xref) and reads the repaired bytes, returning a note that says what was done.
If they still disagree the document is rejected: a partial document never
lands.

Limits (seconds per document and per page, pixels per page and per image,
pages) live in :class:`pipeline.extract.ExtractSettings`; the helpers here
check them and raise :class:`~pipeline.errors.ExtractError` with a message
naming the setting to change. See docs/reliability.md.
"""

from __future__ import annotations

import io
import logging
import re
import signal
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.errors import ExtractError

log = logging.getLogger(__name__)

OpenPdf = Callable[[bytes, str], Any]  # bytes, file name -> an open pdfplumber PDF (or ExtractError)


TRUNCATED_NOTE = "no %%EOF near the end: the file may be truncated, though every page was read"


class PageTimeout(BaseException):
    """Raised inside the extractor by the interval timer when a page runs over its time.

    A BaseException, so pdfminer's and our own ``except Exception`` cannot swallow it.
    """


# ------------------------------------------------------------------ page counts and repair


def pdfium_page_count(data: bytes, file_name: str) -> int | None:
    """Pages as pdfium sees them (it rebuilds a broken xref); None when pdfium cannot read the file."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractError(file_name, "encrypted: a password is needed to open it") from None
        return None
    try:
        return len(doc)
    finally:
        doc.close()


def repaired_copies(data: bytes) -> Iterator[tuple[bytes, str, int]]:
    """In-memory rewrites of the file with a fresh xref: (bytes, tool, the tool's page count).

    qpdf (pikepdf) first, pdfium second; a tool that cannot read the file is skipped.
    Streams are copied as they are (never decoded), so a compression bomb stays packed.
    """
    try:
        import pikepdf
    except ImportError:  # pikepdf is optional at run time (a dev extra); pdfium still repairs
        pass
    else:
        try:
            with pikepdf.open(io.BytesIO(data)) as pdf:
                out = io.BytesIO()
                warnings = [re.sub(r"^stream <[^>]*>:? *", "", w) for w in pdf.get_warnings()]
                pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
                said = f"; qpdf said: {'; '.join(warnings[:3])}" if warnings else ""
                more = f" (+{len(warnings) - 3} more)" if len(warnings) > 3 else ""
                yield out.getvalue(), f"qpdf (pikepdf){said}{more}", len(pdf.pages)
        except Exception as exc:  # noqa: BLE001  qpdf raises several types for broken files
            log.debug("qpdf could not repair: %s", exc)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
        try:
            out = io.BytesIO()
            doc.save(out)
            yield out.getvalue(), "pdfium", len(doc)
        finally:
            doc.close()
    except Exception as exc:  # noqa: BLE001
        log.debug("pdfium could not repair: %s", exc)


def _looks_truncated(data: bytes) -> bool:
    """PDF objects in it, but no end-of-file marker at its end."""
    return b"endobj" in data and b"%%EOF" not in data[-2048:]


def open_consistent(data: bytes, file_name: str, open_pdf: OpenPdf) -> tuple[Any, tuple[str, ...]]:
    """Open with pdfplumber, cross-check the page count with pdfium, repair on disagreement.

    Returns the open PDF (the caller closes it) and notes saying what was done.
    """
    expected = pdfium_page_count(data, file_name)
    truncated = _looks_truncated(data)
    first_error: ExtractError | None = None
    found: int | None = None
    try:
        pdf = open_pdf(data, file_name)
    except ExtractError as exc:
        if exc.reason.startswith("encrypted"):
            raise
        first_error = exc
    else:
        found = len(pdf.pages)
        notes = (TRUNCATED_NOTE,) if truncated else ()
        if expected is None:
            return pdf, (*notes, "page count not cross-checked: pdfium could not read the file")
        if found == expected:
            return pdf, notes
        pdf.close()
    problem = first_error.reason if first_error else f"page counts disagree: pdfplumber reads {found}, pdfium {expected}"
    if truncated:  # a repair rebuilds the xref from what is there; the missing tail stays missing
        raise ExtractError(file_name, f"{problem}; the file looks truncated (no %%EOF near its end), "
                           "so it is rejected rather than read in part")
    before = "could not open it" if found is None else f"read {found} pages"
    for repaired, tool, tool_pages in repaired_copies(data):
        try:
            pdf = open_pdf(repaired, file_name)
        except ExtractError:
            continue
        pages = len(pdf.pages)
        want = expected if expected is not None else tool_pages
        if pages > 0 and pages == want:
            name, _, said = tool.partition("; ")
            witness = f"pdfium counts {expected}" if expected is not None else \
                f"pdfium cannot read the original; {name} counts {tool_pages}"
            note = (f"cross-reference table repaired in memory with {name}: pdfplumber {before} "
                    f"of the original, {pages} after the repair ({witness})")
            note += f"; {said}" if said else ""
            log.info("%s: %s", file_name, note)
            return pdf, (note,)
        pdf.close()
    if first_error is not None:
        raise ExtractError(file_name, f"{problem}; repair with qpdf and pdfium did not help")
    raise ExtractError(
        file_name,
        f"{problem}; repairing the cross-reference table did not help, so the document is rejected "
        "rather than read in part",
    )


def check_content_streams(file_name: str, page_no: int, page_obj: Any) -> None:
    """Inflate the page's Flate content streams ourselves; reject one pdfminer would misread.

    pdfminer reads a Flate stream that fails to decompress as *empty*, one cut
    short as what it got, and one failing its Adler-32 checksum as whatever
    came out, all without a word: the page's text silently goes or changes.
    A stream with no checksum at all is read in full by pdfminer and passes.
    Output is discarded in 1 MB steps, so a bomb costs time, not memory.
    (Form XObjects and other filters are not checked.)
    """
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    flate = {LIT("FlateDecode"), LIT("Fl")}
    for ref in page_obj.contents:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue  # already decoded, or not a stream
        filters = stream.get_filters()
        if not filters or filters[0][0] not in flate:
            continue
        data = stream.rawdata
        if stream.decipher and stream.objid is not None and stream.genno is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        problem = inflate_problem(data)
        if problem:
            raise ExtractError(
                file_name, f"content stream {stream.objid} 0 R {problem}; pdfminer would read it in part, "
                "as empty or wrong, without a warning", page_no=page_no,
            )


def inflate_problem(data: bytes) -> str | None:
    """What is wrong with a zlib stream, or None: its deflate data must end and match its checksum."""
    if len(data) < 2 or (data[0] * 256 + data[1]) % 31 or data[0] & 0x0F != 8:
        return "is corrupt (no zlib header)"
    inflater = zlib.decompressobj(-15)  # raw deflate: the trailer is checked by hand below
    adler = 1
    try:
        chunk = inflater.decompress(data[2:], 1 << 20)
        adler = zlib.adler32(chunk, adler)
        while inflater.unconsumed_tail and not inflater.eof:
            chunk = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            adler = zlib.adler32(chunk, adler)
    except zlib.error as exc:
        return f"is corrupt ({str(exc).removeprefix('Error -3 while decompressing data: ')})"
    if not inflater.eof:
        return "ends before its compressed data does"
    trailer = inflater.unused_data[:4]
    if len(trailer) == 4 and int.from_bytes(trailer, "big") != adler:
        return "fails its checksum (its text may be wrong)"
    return None


# ------------------------------------------------------------------ limits


def render_pixels(width_pt: float, height_pt: float, dpi: float) -> int:
    """Pixels of a page rendered at ``dpi`` (1 pt = 1/72 inch)."""
    return int(round(width_pt * dpi / 72) * round(height_pt * dpi / 72))


def check_page_size(file_name: str, page_no: int, width: float, height: float, dpi: float, limit: int) -> None:
    pixels = render_pixels(width, height, dpi)
    if pixels > limit:
        raise ExtractError(
            file_name,
            f"page is {width:.0f} x {height:.0f} pt: {pixels / 1e6:,.0f} M pixels at {dpi:g} dpi, over the "
            f"limit of {limit / 1e6:,.0f} M (max_page_pixels)",
            page_no=page_no,
        )


def check_page_images(file_name: str, page_no: int, images: list[dict[str, Any]], limit: int) -> None:
    """Reject a page whose images declare more pixels than ``limit`` (they are never decoded here)."""
    for image in images:
        width, height = (int(v) for v in image.get("srcsize", (0, 0)))
        if width * height > limit:
            raise ExtractError(
                file_name,
                f"an image declares {width} x {height} = {width * height / 1e6:,.0f} M pixels, over the "
                f"limit of {limit / 1e6:,.0f} M (max_image_pixels); it is not decoded",
                page_no=page_no,
            )


def guard_pillow(max_image_pixels: int) -> None:
    """Keep Pillow's decompression-bomb guard on, at most at our limit.

    Pillow warns above ``MAX_IMAGE_PIXELS`` and raises DecompressionBombError
    above twice that; None switches the guard off, which we never allow.
    """
    from PIL import Image

    if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > max_image_pixels // 2:
        Image.MAX_IMAGE_PIXELS = max_image_pixels // 2


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


REARM_SECONDS = 0.25  # after the limit, the alarm repeats this often until the block is left


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` inside the block after ``seconds`` (wall clock).

    Uses the real-time interval timer, so it only works in the main thread on
    Unix; elsewhere the block runs unbounded and the caller's elapsed-time check
    after the page is the only limit. pdfminer is pure Python, so the signal
    interrupts it even inside a pathological page. An outer timer (another
    user of SIGALRM) is saved and restored.

    The alarm repeats every ``REARM_SECONDS`` until the block is left: an
    exception raised while Python runs a garbage-collector callback or a
    ``__del__`` is printed and dropped, not propagated (seen in CI, under
    hypothesis's gc callback), and one dropped timeout must not let a page run
    unbounded. Once the block is being left the handler does nothing.
    """
    if not _can_interrupt() or seconds <= 0:
        yield
        return
    inside = True

    def on_alarm(signum: int, frame: Any) -> None:
        if inside:
            raise PageTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, REARM_SECONDS)
    started = time.monotonic()
    try:
        yield
    finally:
        try:
            inside = False  # an alarm before this line raises here; the cleanup below still runs
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer_delay:
                left = max(outer_delay - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


class Deadline:
    """Seconds per document and per page; ``page()`` is the timer for one page."""

    def __init__(self, file_name: str, per_document: float, per_page: float):
        self.file_name = file_name
        self.per_document = per_document
        self.per_page = per_page
        self.started = time.perf_counter()

    def left(self) -> float:
        return self.per_document - (time.perf_counter() - self.started)

    def check_document(self, page_no: int | None = None) -> None:
        elapsed = time.perf_counter() - self.started
        if elapsed > self.per_document:
            raise ExtractError(
                self.file_name,
                f"reading took over {self.per_document:g} s, the limit per document "
                f"(max_seconds_per_document); stopped after {elapsed:.1f} s",
                page_no=page_no,
            )

    @contextmanager
    def page(self, page_no: int) -> Iterator[None]:
        self.check_document(page_no)
        budget = min(self.per_page, self.left())
        started = time.perf_counter()
        try:
            with time_limit(budget):
                yield
        except PageTimeout:
            self._over(page_no, time.perf_counter() - started)
        took = time.perf_counter() - started
        if took > self.per_page or self.left() < 0:
            self._over(page_no, took)

    def _over(self, page_no: int, took: float) -> None:
        self.check_document(page_no)
        raise ExtractError(
            self.file_name,
            f"page took over {self.per_page:g} s, the limit per page (max_seconds_per_page); "
            f"stopped after {took:.1f} s",
            page_no=page_no,
        )
