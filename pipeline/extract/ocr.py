"""Scanned pages into the same per-page structures the text-layer extractor produces.

    render_page -> page_layout (deskew, ruled grids, text line boxes)
                -> recognize_layout (one engine call per page, line by line)
                -> layout_to_page (PageTables of Cells and TextLines, in PDF points)

``ocr_page`` chains them for one page image. Cells keep ``source="ocr"`` and a
confidence in 0..1; their text is the engine's output passed through
``pipeline.normalize.normalize_ocr_text`` and nothing else: decoding against
a column's vocabulary (有/無, 実施機関, numbers) belongs to the recognize stage.

Coordinates: a photographed sheet (the desk showing around it) is first warped
flat onto the whole image (``sheet_frame``: the sheet is the page, so the
flattened image is the page at the same dpi); the page is then deskewed about
its centre before anything is found, and bounding boxes are reported in that
deskewed frame (which is the page as it was printed), scaled by 72/dpi to PDF
points with a top-left origin.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from pipeline.extract.closed_vocab import closed_values, wants_choices
from pipeline.extract.engines import CascadeEngine, OcrEngine
from pipeline.extract.grid import (
    Box,
    Grid,
    GridSettings,
    cell_interior,
    estimate_skew,
    even_paper,
    find_grids,
    ink_mask,
    rotate,
    rule_masks,
    rule_pieces,
)
from pipeline.extract.page_doubts import count_rules, page_doubts
from pipeline.extract.scan_marks import without_long_strokes, without_scan_marks
from pipeline.extract.sheet_frame import flatten_sheet
from pipeline.extract.stored_scan import despeckled, is_page_scan, scan_image, stored_bits, stored_scan
from pipeline.extract.text_lines import banded, ink_characters, line_bands, line_extents, typical_line_height
from pipeline.normalize import normalize_ocr_text
from pipeline.types import BBox, Cell, PageInfo, PageTable, TextLine

log = logging.getLogger(__name__)

DEFAULT_DPI = 300  # Tesseract reads 7-8 pt Japanese best at ~300 dpi; PP-OCR rescales lines itself
LINE_PAD = 4  # pixels of paper kept around a line's ink
SPECK = 0.4  # below this share of the cells' line height in both directions, a mark is dust
# on a coarse scan (stored at <= low_source_dpi on an axis: a fax), a line this many times wider than high
# (four glyphs or more) is read by the cascade's second engine alone: on fax x fpdf2 pages 3 and 5, 186 of
# the 207 such lines were doubtful to Tesseract and PP-OCRv5 replaced every one of those readings, so
# Tesseract's reading of them (most of its time on the page) was thrown away (docs/ocr.md, eighth round).
# Re-checked once PP-OCRv5 read with the word list (stop 27, cells of 8+ characters, 4 / 2 / 0): fax x fpdf2
# pages 3-8 6.71 / 6.73% (pages 3, 5 with 0: 5.11 against 4.93%), reportlab pages 3-8 2.15 / 2.11%: no gain
WIDE_LINE = 4.0


@dataclass(frozen=True)
class OcrPage:
    page_no: int
    tables: tuple[PageTable, ...]
    lines: tuple[TextLine, ...]
    confidence: float  # mean over the recognized lines (0..1); 0 when nothing was read
    seconds: float
    engine: str = ""
    skew: float = 0.0  # degrees the scan was rotated back by
    dpi: float = DEFAULT_DPI
    sheet: str = ""  # what was done about a photographed sheet (sheet_frame), "" for a scan filling its frame
    doubts: tuple[str, ...] = ()  # why it may have lost what it prints (``page_doubts``): PageInfo.doubts


@dataclass(frozen=True)
class LineBox:
    """One text line to recognize: where it is, and which cell (or none) it belongs to."""

    box: Box  # pixels in the deskewed image
    grid: int | None  # index into PageLayout.grids, None for running text
    cell: int | None  # index into that grid's cells


@dataclass(frozen=True)
class PageLayout:
    gray: np.ndarray  # deskewed page
    rules: np.ndarray  # mask of table rules (255), dilated
    skew: float
    dpi: float
    grids: tuple[Grid, ...]
    line_boxes: tuple[LineBox, ...]
    sheet: str = ""  # SheetFrame.note (a photographed sheet flattened, or why not) and scan marks cleared
    coarse: bool = False  # from a scan stored at <= low_source_dpi on an axis (``recognize_layout``)
    ink_chars: float = 0.0  # characters the page's text ink would make (``ink_characters``)
    loose_rules: tuple[int, int] = (0, 0)  # horizontal and vertical rules on a page where no grid was made


def render_page(pdf: str | Path | bytes, page_index: int, dpi: int = DEFAULT_DPI) -> Image.Image:
    """Page ``page_index`` (0-based) as a greyscale PIL image at ``dpi``, via pypdfium2."""
    with _open(pdf) as doc:
        return _render(doc[page_index], dpi)


def _render(page: Any, dpi: float) -> Image.Image:
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


@contextmanager
def _open(pdf: str | Path | bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
    try:
        yield doc
    finally:
        doc.close()


def source_dpi(pdf: str | Path | bytes, page_index: int) -> float | None:
    """The lower resolution (pixels per inch, across or down) of the largest image on the page, or None
    (no image, or a page stored in layers: ``stored_scan.layered``).

    A scan stored at a low resolution (a fax: 200 x 100 dpi) is rendered up to
    the OCR resolution in blocks; ``page_layout`` smooths those pages.
    """
    with _open(pdf) as doc:
        image = stored_scan(doc[page_index])
        return round(image.dpi, 1) if image else None


@dataclass(frozen=True)
class PageImage:
    """A page rendered for OCR, with what reading it needs besides the pixels."""

    image: Image.Image
    width_pt: float
    height_pt: float
    scan_dpi: float | None  # the resolution its scan is stored at (``source_dpi``), when known
    from_stored: bool = False  # made from the stored pixels by ``stored_scan.scan_image``, smoothed there
    coarse: bool = False  # its scan is stored at <= low_source_dpi on an axis: pass to ``page_layout``
    bilevel: bool = False  # its scan is stored 1 bit a pixel (a copier's or a fax's text mode): ``page_layout``

    @property
    def smooth_from(self) -> float | None:
        """The ``scan_dpi`` to hand ``page_layout``: None when the image was smoothed from its stored pixels
        already (smoothing it twice blurs 7-8 pt glyphs away)."""
        return None if self.from_stored else self.scan_dpi

    @property
    def dpi(self) -> float:
        """The image's own resolution: rendering rounds to whole pixels, so not exactly the one asked for."""
        return self.image.width * 72.0 / self.width_pt


def read_page_image(pdf: str | Path | bytes, page_index: int, dpi: int = DEFAULT_DPI,
                    low_source_dpi: float = GridSettings.low_source_dpi) -> PageImage:
    """The page rendered for OCR, its size in points and the resolution its scan is stored at.

    One function for every caller that reads a page (the ingest's workers,
    ``kaiji debug-page``), so that what debug-page draws is what the ingest
    read: a low-resolution scan is smoothed by ``page_layout`` only when it
    is told ``scan_dpi`` (pass ``smooth_from``), and debug-page once drew the
    unsmoothed page.
    A page that is one scan stored at ``low_source_dpi`` or less (a fax) is
    made from the stored pixels (``stored_scan.scan_image``: specks off,
    each axis enlarged on its own) rather than pdfium's render. The PDF is
    opened once (it was opened three times a page: size, render, resolution).
    """
    with _open(pdf) as doc:
        page = doc[page_index]
        width, height = page.get_size()
        stored = stored_scan(page)  # None for a page in layers: pdfium's composite is the page
        scan_dpi = round(stored.dpi, 1) if stored else None
        if stored and scan_dpi is not None and scan_dpi <= low_source_dpi and is_page_scan(stored, width, height):
            pixels = scan_image(page, stored, (round(width * dpi / 72), round(height * dpi / 72)))
            if pixels is not None:
                return PageImage(Image.fromarray(pixels, mode="L"), width, height, scan_dpi, from_stored=True,
                                 coarse=True)
        coarse = scan_dpi is not None and scan_dpi <= low_source_dpi
        bilevel = stored is not None and is_page_scan(stored, width, height) and stored_bits(stored) == 1
        return PageImage(_render(page, dpi), width, height, scan_dpi, coarse=coarse, bilevel=bilevel)


def page_layout(image: Image.Image, dpi: float, settings: GridSettings | None = None,
                scan_dpi: float | None = None, coarse: bool = False, bilevel: bool = False) -> PageLayout:
    """Flatten a photographed sheet, deskew the page, find its ruled grids and the boxes of every text line (no OCR yet).

    ``scan_dpi`` is the resolution the page's image is stored at (``source_dpi``), when known; ``coarse``
    (``PageImage.coarse``) that it is stored at ``low_source_dpi`` or less, which ``recognize_layout`` uses;
    ``bilevel`` (``PageImage.bilevel``) that it is a 1-bit scan, which no camera made.
    """
    settings = settings or GridSettings(dpi=round(dpi))
    gray = np.asarray(image.convert("L"))
    if scan_dpi and scan_dpi <= settings.low_source_dpi:
        import cv2

        gray = cv2.GaussianBlur(gray, (0, 0), dpi / scan_dpi / 3)
    # a photo of the sheet on a desk: the sheet onto the whole image first, or the desk takes the
    # paper's place in the lighting and ink thresholds and the rules converge (deskew only turns)
    # a copier's black edges and punch holes are neither rules nor text; on a 1-bit scan (no photo) they are
    # cleared before the sheet is looked for, or its bands read as the desk around a photographed sheet, and
    # its lone dots go too (a copier dithers a grey cast into dots, which sit in glyphs' counters: 0 read as 9)
    if bilevel:
        gray, cleared = without_scan_marks(gray, dpi)
        gray, sheet = flatten_sheet(despeckled(gray), dpi)
    else:
        gray, sheet = flatten_sheet(gray, dpi)
        gray, cleared = without_scan_marks(gray, dpi, shade=not (sheet and sheet.corners))
    gray = even_paper(gray, dpi)  # lighting that falls off across the sheet: one threshold must hold
    skew = estimate_skew(ink_mask(gray), settings.max_skew)
    gray = rotate(gray, skew)
    ink = ink_mask(gray)
    horiz, vert = rule_masks(ink, settings)
    # a broken rule's short pieces are rule too, where they lie on a grid line
    short_h, short_v = rule_pieces(ink, settings, horiz | vert)
    grids = tuple(find_grids(horiz, vert, settings, (short_h, short_v), ink))
    loose = (0, 0) if grids else (count_rules(horiz), count_rules(vert))
    import cv2

    rules = cv2.dilate(grid_rules(grids, horiz | short_h, vert | short_v), np.ones((5, 5), np.uint8))
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(rules))
    inset = 2
    cell_boxes = [cell_interior(c, inset) for g in grids for c in g.cells]
    lh = typical_line_height(text_ink, cell_boxes or [(0, 0, gray.shape[1], gray.shape[0])],
                             2 * settings.min_line_ink)
    boxes: list[LineBox] = []
    for gi, grid in enumerate(grids):
        for ci, cell in enumerate(grid.cells):
            x0, y0, x1, y1 = cell_interior(cell, inset)
            sub = text_ink[y0:y1, x0:x1]
            if sub.size == 0:
                continue
            for band in line_bands(sub, lh, settings):
                for a, b in line_extents(sub, band, lh, settings, split=False):
                    if not is_speck(sub[band[0]:band[1], a:b], lh, settings.dust):
                        boxes.append(LineBox((x0 + a, y0 + band[0], x0 + b, y0 + band[1]), gi, ci))
    outside = without_long_strokes(text_ink, dpi)  # a binder's sheet edges beside the text are no line of it
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        outside[max(0, y0 - 4):y1 + 4, max(0, x0 - 4):x1 + 4] = 0
    # headings and prose have their own size: let the bands outside the grids set their own height
    for band in line_bands(outside, None, settings, floor=SPECK * lh):
        for a, b in line_extents(outside, band, lh, settings, split=True):
            for top, bottom in banded(outside, band, (a, b), lh, settings):
                if not is_speck(outside[top:bottom, a:b], lh, settings.dust):
                    boxes.append(LineBox((a, top, b, bottom), None, None))
    notes = "; ".join(n for n in (sheet.note if sheet else "", cleared) if n)
    return PageLayout(gray, rules, skew, dpi, grids, tuple(boxes), notes, coarse, ink_characters(text_ink, dpi),
                      loose)


def is_speck(ink: np.ndarray, line_height: float, dust: float) -> bool:
    """Whether the ink of a would-be line (its box cut from the mask) is dust or a rule's sliver, not text.

    Dust: less ink than a 、, or smaller than one in both directions (the
    ink's own extent: a band is as tall as the tallest mark anywhere across
    the region, so specks beside a line would otherwise pass). A sliver, under
    a third of a line high and over three lines long, is what is left of a
    broken rule.
    """
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not rows.size or int(np.count_nonzero(ink)) < dust * line_height * line_height:
        return True
    w, h = int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)
    return (w < SPECK * line_height and h < SPECK * line_height) or (h < line_height / 3 and w > 3 * line_height)


def grid_rules(grids: Sequence[Grid], horiz: np.ndarray, vert: np.ndarray, band: int = 5) -> np.ndarray:
    """The rule pixels that belong to a found grid line, along the edges of its cells.

    The morphological masks also catch runs of text whose horizontal strokes
    touch (blurred or JPEG'd scans), and a broken rule's short pieces
    (``rule_pieces``) match any straight stroke; painting those out would cut
    glyphs, so only mask pixels within ``band`` pixels of a cell's edge count.
    Edges, not whole grid lines: a label merged over several rows (区長 over
    its request kinds) straddles a row line that has no rule inside its cell,
    and painting along that line took the strokes out of the label.
    """
    rules = np.zeros_like(horiz)
    for g in grids:
        boxes = [c.box for c in g.cells] or [(a, b, c, d) for a, c in zip(g.xs, g.xs[1:])
                                             for b, d in zip(g.ys, g.ys[1:])]
        for x0, y0, x1, y1 in boxes:
            for y in (y0, y1):
                rules[max(0, y - band):y + band + 1, x0:x1] |= horiz[max(0, y - band):y + band + 1, x0:x1]
            for x in (x0, x1):
                rules[y0:y1, max(0, x - band):x + band + 1] |= vert[y0:y1, max(0, x - band):x + band + 1]
    return rules


def line_crop(layout: PageLayout, line: LineBox) -> Image.Image:
    """The line's pixels with a little paper around them, table rules painted out."""
    x0, y0, x1, y1 = line.box
    h, w = layout.gray.shape
    if line.grid is not None and line.cell is not None:
        limit = layout.grids[line.grid].cells[line.cell].box
    else:
        limit = (0, 0, w, h)
    cx0, cy0 = max(limit[0], x0 - LINE_PAD), max(limit[1], y0 - LINE_PAD)
    cx1, cy1 = min(limit[2], x1 + LINE_PAD), min(limit[3], y1 + LINE_PAD)
    crop = layout.gray[cy0:cy1, cx0:cx1].copy()
    crop[layout.rules[cy0:cy1, cx0:cx1] > 0] = 255
    # the same paper margin all round, whatever the cell left
    return Image.fromarray(np.pad(crop, LINE_PAD, constant_values=255), mode="L")


def recognize_layout(layout: PageLayout, engine: OcrEngine) -> list[tuple[str, float]]:
    """Every line of the page through the engine, in one batch where the engine supports it.

    On a coarse scan the cascade's second engine reads the wide lines alone (``WIDE_LINE``): at
    100 dpi Tesseract doubts nearly every long line and PP-OCRv5's re-reading replaces it, so
    reading them with Tesseract first cost a third of the page's time for nothing kept.
    """
    crops = [line_crop(layout, line) for line in layout.line_boxes]
    if not crops:
        return []
    if layout.coarse and isinstance(engine, CascadeEngine):
        return engine.recognize_lines(crops, alone=[c.width >= WIDE_LINE * c.height for c in crops])
    batch = getattr(engine, "recognize_lines", None)
    if batch is not None:
        return list(batch(crops))
    return [engine.recognize_line(c) for c in crops]


def closed_cell_choices(layout: PageLayout, results: Sequence[tuple[str, float]], engine: OcrEngine,
                        values: Sequence[str] = ()) -> dict[int, tuple[tuple[str, float], ...]]:
    """Line index -> the closed values' likelihoods (``closed_vocab``), one line per cell whose reading is
    short, no number and no closed value already (``wants_choices``): what a flag or agency cell may be,
    scored by the recognizer. Of a cell's lines (a glyph and a rule's fragment under it, 「無一」) the one
    scoring its likeliest value highest speaks. ``values``: the run's closed values (() the checkout's)."""
    scorer = getattr(engine, "line_choices", None)
    if scorer is None:
        return {}
    values = values or closed_values()
    longest = max(map(len, values))
    cells: dict[tuple[int, int], list[int]] = {}
    for i, line in enumerate(layout.line_boxes):
        if line.grid is not None and line.cell is not None:
            cells.setdefault((line.grid, line.cell), []).append(i)
    picked = [i for lines in cells.values() if wants_choices("".join(results[i][0] for i in lines), values, longest)
              for i in lines]
    if not picked:
        return {}
    scored = dict(zip(picked, scorer([line_crop(layout, layout.line_boxes[i]) for i in picked], values)))
    out = {}
    for lines in cells.values():
        best = max((i for i in lines if scored.get(i)), key=lambda i: scored[i][0][1], default=None)
        if best is not None:
            out[best] = scored[best]
    return out


def _bbox(box: Box, scale: float, width_pt: float, height_pt: float) -> BBox:
    x0, y0, x1, y1 = box
    return BBox(
        round(max(0.0, x0 * scale), 2),
        round(max(0.0, y0 * scale), 2),
        round(min(width_pt, x1 * scale), 2),
        round(min(height_pt, y1 * scale), 2),
    )


def _join(texts: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """A cell's lines in reading order: Excel wraps by character, so lines join without a space."""
    text = "".join(t for t, _ in texts)
    chars = sum(len(t) for t, _ in texts)
    if not texts:
        return "", 1.0  # no ink at all: surely empty
    if not chars:
        return "", 0.0  # ink the engine could not read
    return text, sum(len(t) * c for t, c in texts) / chars


def layout_to_page(layout: PageLayout, results: Sequence[tuple[str, float]], page_no: int,
                   page_width_pt: float, page_height_pt: float, engine_name: str,
                   seconds: float, choices: dict[int, tuple[tuple[str, float], ...]] | None = None) -> OcrPage:
    scale = 72.0 / layout.dpi
    per_cell: dict[tuple[int, int], list[tuple[str, float]]] = {}
    cell_choices: dict[tuple[int, int], tuple[tuple[str, float], ...]] = {}
    lines: list[TextLine] = []
    read: list[float] = []
    for i, (line, (raw, conf)) in enumerate(zip(layout.line_boxes, results)):
        if choices and i in choices and line.grid is not None and line.cell is not None:
            cell_choices[(line.grid, line.cell)] = choices[i]
        text = normalize_ocr_text(raw, engine_name) if raw else ""
        if raw:
            read.append(conf)
        if line.grid is None or line.cell is None:
            if text:
                lines.append(TextLine(page_no, text, _bbox(line.box, scale, page_width_pt, page_height_pt),
                                      source="ocr", confidence=round(conf, 4)))
        else:
            per_cell.setdefault((line.grid, line.cell), []).append((text, conf))
    tables = []
    for gi, grid in enumerate(layout.grids):
        rows: dict[int, list[Cell]] = {}
        for ci, gc in enumerate(grid.cells):
            text, conf = _join(per_cell.get((gi, ci), []))
            rows.setdefault(gc.row, []).append(Cell(
                page_no, gc.row, gc.col, text, _bbox(gc.box, scale, page_width_pt, page_height_pt),
                source="ocr", confidence=round(conf, 4), choices=cell_choices.get((gi, ci), ())))
        tables.append(PageTable(
            page_no, _bbox(grid.box, scale, page_width_pt, page_height_pt),
            tuple(tuple(sorted(r, key=lambda c: c.col)) for _, r in sorted(rows.items()))))
    confidence = float(np.mean(read)) if read else 0.0
    read_chars = sum(len("".join(raw.split())) for raw, _ in results)
    return OcrPage(page_no, tuple(tables), tuple(lines), round(confidence, 4), round(seconds, 3),
                   engine_name, layout.skew, layout.dpi, layout.sheet,
                   page_doubts(layout.loose_rules, round(layout.ink_chars), read_chars))


def ocr_page(image: Image.Image, page_no: int, page_width_pt: float, page_height_pt: float,
             engine: OcrEngine, settings: GridSettings | None = None, scan_dpi: float | None = None,
             coarse: bool = False, closed: Sequence[str] = (), bilevel: bool = False) -> OcrPage:
    """OCR one page image: its ruled tables cell by cell and its running text line by line.

    ``closed``: the closed values short cells are scored against (``closed_vocab.closed_values`` of the
    run's config; () the checkout's). An engine that keeps its reads (PP-OCRv5) is told them first."""
    start = time.perf_counter()
    dpi = image.width * 72.0 / page_width_pt
    layout = page_layout(image, dpi, settings, scan_dpi, coarse, bilevel)
    values = tuple(closed) or closed_values()
    start_page = getattr(engine, "start_page", None)
    if start_page is not None:
        start_page(values)
    results = recognize_layout(layout, engine)
    choices = closed_cell_choices(layout, results, engine, values)
    seconds = time.perf_counter() - start
    engine_name = getattr(engine, "normalize_as", engine.name)
    log.debug("page %d: skew %.2f°, %d grids, %d lines, %.2f s", page_no, layout.skew,
              len(layout.grids), len(layout.line_boxes), seconds)
    page = layout_to_page(layout, results, page_no, page_width_pt, page_height_pt, engine_name, seconds, choices)
    return replace(page, engine=engine.name)


# ---------------------------------------------------------------- whole documents

_WORKER_ENGINES: dict[str, OcrEngine] = {}


def _ocr_one(task: tuple[str | bytes, int, str, int, GridSettings, tuple[str, ...]]) -> OcrPage:
    from pipeline.extract.engines import get_engine

    pdf, index, engine_name, dpi, grid, closed = task
    if engine_name not in _WORKER_ENGINES:
        one_opencv_thread()
        _WORKER_ENGINES[engine_name] = get_engine(engine_name)
    page = read_page_image(pdf, index, dpi)
    grid = replace(grid, dpi=round(page.dpi))  # as page_layout's default: the image's dpi
    return ocr_page(page.image, index + 1, page.width_pt, page.height_pt, _WORKER_ENGINES[engine_name], grid,
                    scan_dpi=page.smooth_from, coarse=page.coarse, closed=closed, bilevel=page.bilevel)


def one_opencv_thread() -> None:
    """OpenCV single threaded in a page reader, as its OCR engine is (``jobs`` processes read pages side by side).

    OpenCV's own threads only fought the other readers for the cores: on the tuning scans a page's
    layout took 0.95-1.1 CPU s with two of them and 0.63-0.84 s with one, the same masks either way.
    """
    import cv2

    cv2.setNumThreads(1)


def ocr_document(pdf: str | Path | bytes, page_indexes: Sequence[int], engine: str = "auto",
                 dpi: int = DEFAULT_DPI, jobs: int = 1, grid: GridSettings | None = None,
                 closed: Sequence[str] = ()) -> list[OcrPage]:
    """OCR the given 0-based pages (those triage sent to OCR), spread over ``jobs`` processes.

    Each process loads its engine once and reads one page at a time, single
    threaded, so ``jobs`` should not exceed the cores that are free. ``closed``: the run's closed values
    (``ocr_page``).
    """
    source: str | bytes = str(pdf) if isinstance(pdf, Path) else pdf
    tasks = [(source, i, engine, dpi, grid or GridSettings(), tuple(closed)) for i in page_indexes]
    if jobs <= 1 or len(tasks) <= 1:
        return [_ocr_one(t) for t in tasks]
    from pipeline.extract.workers import process_pool

    with process_pool(min(jobs, len(tasks))) as pool:  # a dead worker raises BrokenProcessPool
        return list(pool.map(_ocr_one, tasks))


def page_info(page: OcrPage, width: float, height: float, reason: str) -> PageInfo:
    """The pages row for an OCR'd page: source, why (and what was done about a photographed sheet), engine,
    mean confidence, seconds."""
    why = f"{reason}; {page.sheet}" if page.sheet else reason
    return PageInfo(page.page_no, width, height, "ocr", why, page.engine, page.confidence, page.seconds,
                    doubts=page.doubts)
