"""Which pages to read from the text layer and which to OCR.

A page is ``text`` when its text layer is usable and ``ocr`` when it is missing
or unusable. The rules, in order (the first that fires gives the reason that
is stored with the page):

1. no characters at all (an image-only scan)                -> ocr "no characters"
2. mostly unreadable characters: ``(cid:N)`` (a CID font without ToUnicode),
   private-use code points or U+FFFD                       -> ocr "N of M characters unreadable ..."
3. pdfplumber finds far fewer characters than pdfium on the same page (a font
   pdfminer cannot decode; glyphs left out as clipped away   -> ocr "pdfplumber finds N characters, pdfium M"
   were decoded and count as found: pdfium counts them too)
4. only a handful of characters on a page covered by an image (a scan with a
   stamped page number)                                    -> ocr "image page with only N characters"
5. most characters drawn invisible (render mode 3 or 7) over images that
   together cover most of the page: a "searchable PDF", a scan with the scanning device's own
   OCR laid under it; its misreads, drops and lines read across a table's
   cells would become the warehouse's          -> ocr "text layer ignored: invisible OCR layer over a scan ..."
6. otherwise                                                -> text "text layer usable"
   (with "; N of M characters invisible, no scan under them" when they are:
   nothing is painted there to OCR, so the layer is all the page has)

In ``auto`` mode a born-digital page is never OCR'd: every rule needs the text
layer to be absent, broken or not what the page shows (a visible layer is
what the reader sees: rule 5 counts glyphs already tagged while the page is
parsed, so it costs a born-digital page nothing). ``always`` and ``never`` force the source and
say so in the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pipeline.types import Source

log = logging.getLogger(__name__)

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[str, ...] = ("auto", "always", "never")


@dataclass(frozen=True)
class TriageSettings:
    unreadable_share: float = 0.5  # above this share of unreadable characters the layer is unusable
    plumber_vs_pdfium: float = 0.5  # pdfplumber finding fewer than this share of pdfium's characters
    min_pdfium_chars: int = 20  # ... only judged when pdfium finds at least this many
    image_page_chars: int = 20  # fewer characters than this on a page mostly covered by an image
    image_cover: float = 0.5  # share of the page an image must cover for rules 4 and 5
    invisible_share: float = 0.5  # above this share of invisible characters over such an image: rule 5

    def __post_init__(self) -> None:
        for name in ("unreadable_share", "plumber_vs_pdfium", "image_cover", "invisible_share"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"TriageSettings.{name} must be in (0, 1]")


DEFAULT_SETTINGS = TriageSettings()
LAYER_IGNORED = "text layer ignored: invisible OCR layer over a scan"
_CID = re.compile(r"^\(cid:\d+\)$")


@lru_cache(maxsize=1 << 14)  # asked twice for every character of a page, which uses a few hundred distinct ones
def is_unreadable(text: str) -> bool:
    """A character pdfminer could not map (``(cid:N)``), a private-use code point or U+FFFD."""
    if _CID.match(text):
        return True
    return any(ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF or 0xF0000 <= ord(ch) for ch in text)


def _pdfium_chars(pdfium_page: Any) -> int:
    """Non-whitespace characters pdfium reads on the page."""
    textpage = pdfium_page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return sum(1 for ch in text if not ch.isspace() and ch != "\x00")


def _image_boxes(plumber_page: Any) -> list[tuple[float, float, float, float]]:
    """The page's images as (x0, top, x1, bottom) within the page; those wholly off it dropped."""
    width, height = float(plumber_page.width), float(plumber_page.height)
    boxes = [(max(0.0, im["x0"]), max(0.0, im["top"]), min(width, im["x1"]), min(height, im["bottom"]))
             for im in plumber_page.images]
    return [b for b in boxes if b[2] > b[0] and b[3] > b[1]]


def _page_area(plumber_page: Any) -> float:
    return float(plumber_page.width * plumber_page.height) or 1.0


def _image_cover(plumber_page: Any) -> float:
    """The share of the page its largest image covers (rule 4)."""
    return max(((x1 - x0) * (bottom - top) for x0, top, x1, bottom in _image_boxes(plumber_page)),
               default=0.0) / _page_area(plumber_page)


def images_cover(plumber_page: Any) -> float:
    """The share of the page its images cover together (the area of their union, within the page).

    A scan is not always one image: tools store a sheet in strips or tiles,
    and a compact (MRC) scan as a background under a text mask. Under an
    invisible layer any of these is the page's picture, so rule 5 measures
    them together; overlaps count once.
    """
    boxes = _image_boxes(plumber_page)
    xs = sorted({x for b in boxes for x in (b[0], b[2])})
    covered = 0.0
    for left, right in pairwise(xs):  # each vertical slab between two image edges: its covered height
        spans = sorted((b[1], b[3]) for b in boxes if b[0] <= left and b[2] >= right)
        reach = 0.0
        for top, bottom in spans:
            covered += (right - left) * max(0.0, bottom - max(top, reach))
            reach = max(reach, bottom)
    return covered / _page_area(plumber_page)


def triage_page(plumber_page: Any, pdfium_page: Any,
                settings: TriageSettings = DEFAULT_SETTINGS) -> tuple[Source, str]:
    """``("text", reason)`` when the page's text layer is usable, else ``("ocr", reason)``."""
    chars = [c["text"] for c in plumber_page.chars if not str(c["text"]).isspace()]
    n = len(chars)
    n_pdfium = _pdfium_chars(pdfium_page)
    if n == 0 and n_pdfium == 0:
        return "ocr", "no characters"
    bad = sum(1 for t in chars if is_unreadable(t))
    if n and bad / n > settings.unreadable_share:
        return "ocr", f"{bad} of {n} characters unreadable ((cid:…), private-use or U+FFFD)"
    decoded = n + getattr(plumber_page, "clipped_away", 0)  # pdfium counts glyphs a clip hides too
    if n_pdfium >= settings.min_pdfium_chars and decoded < settings.plumber_vs_pdfium * n_pdfium:
        return "ocr", f"pdfplumber finds {n} characters, pdfium {n_pdfium}"
    if n < settings.image_page_chars and _image_cover(plumber_page) >= settings.image_cover:
        return "ocr", f"image page with only {n} characters"
    return _invisible_layer(plumber_page, n, settings) or ("text", "text layer usable")


def _invisible_layer(plumber_page: Any, n: int, settings: TriageSettings) -> tuple[Source, str] | None:
    """Rule 5 and the note of rule 6: a page whose characters are mostly not painted.

    Over page-covering images such a layer is someone else's OCR of the
    image (a scanner's or a PDF tool's "searchable PDF"): the page is read
    from the image, as any scan is. Without such an image nothing is painted
    to read, so the layer stays the page's text and the reason says what it
    is. ``invisible`` is counted by ``lean.lean_page``; a page object without
    it (pdfplumber's own) counts none.
    """
    hidden = getattr(plumber_page, "invisible", 0)
    if not n or hidden <= settings.invisible_share * n:
        return None
    cover = images_cover(plumber_page)
    if cover >= settings.image_cover:
        return "ocr", (f"{LAYER_IGNORED}: {hidden} of {n} characters not painted (render mode 3 or 7), "
                       f"images cover {cover:.0%} of the page")
    return "text", f"text layer usable; {hidden} of {n} characters invisible, no scan under them"


def triage_document(pdf: str | Path | bytes, mode: OcrMode = "auto",
                    settings: TriageSettings = DEFAULT_SETTINGS) -> list[tuple[Source, str]]:
    """(source, reason) for every page, opening the file with both pdfplumber and pypdfium2."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.extract.lean import lean_page

    if mode not in OCR_MODES:
        raise ValueError(f"unknown --ocr mode {mode!r}: use one of {', '.join(OCR_MODES)}")
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    out: list[tuple[Source, str]] = []
    doc = pdfium.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for i, page in enumerate(plumber.pages):
                if mode == "always":
                    out.append(("ocr", "--ocr always"))
                    continue
                if mode == "never":
                    out.append(("text", "--ocr never"))
                    continue
                pdfium_page = doc[i]
                try:
                    verdict = triage_page(lean_page(page), pdfium_page, settings)
                finally:
                    pdfium_page.close()
                page.close()
                log.debug("page %d: %s (%s)", i + 1, *verdict)
                out.append(verdict)
    finally:
        doc.close()
    return out


def ocr_pages(verdicts: Sequence[tuple[Source, str]]) -> list[int]:
    """0-based indexes of the pages triage sent to OCR."""
    return [i for i, (source, _) in enumerate(verdicts) if source == "ocr"]


def _pdfium_boxes(pdfium_page: Any, page_height: float) -> list[tuple[str, float, float]]:
    """Each character pdfium reads on the page: text and centre, in pdfplumber's top-left coordinates."""
    _, bottom, _, _ = pdfium_page.get_mediabox()
    textpage = pdfium_page.get_textpage()
    try:
        out = []
        for i in range(textpage.count_chars()):
            text = textpage.get_text_range(i, 1)
            if not text.strip() or is_unreadable(text):
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i)
            out.append((text, (x0 + x1) / 2, page_height - ((y0 + y1) / 2 - bottom) + bottom))
        return out
    finally:
        textpage.close()


def repair_unreadable(chars: list[dict[str, Any]], pdfium_page: Any, page_height: float,
                      max_share: float = DEFAULT_SETTINGS.unreadable_share) -> int:
    """Replace each unreadable character by the one pdfium reads at the same place; how many were.

    A font without a ToUnicode entry for a glyph (山(cid:8443) for 山﨑) makes
    pdfminer give up on that glyph while pdfium maps it from the embedded
    font's own tables. A character is taken from pdfium only when pdfium's
    character lies within half a font size of it and is itself readable;
    the others stay as they are and triage judges the page as before.

    Only a page with a few such glyphs is repaired (at most ``max_share`` of
    its characters, the share above which triage calls the layer unusable):
    when a whole font lacks ToUnicode, pdfium has nothing to map either and
    hands back the glyph ids as code points (「\x16 Ҥ ଥ ֯」), which look
    readable; such a page must go to OCR, not land as that.
    """
    bad = [c for c in chars if is_unreadable(c["text"])]
    visible = sum(1 for c in chars if not str(c["text"]).isspace())
    if not bad or len(bad) > max_share * visible:
        return 0
    boxes = _pdfium_boxes(pdfium_page, page_height)
    repaired = 0
    for ch in bad:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        reach = 0.5 * max(ch.get("size", 1.0), 1.0)
        near = [(abs(x - cx) + abs(y - cy), t) for t, x, y in boxes if abs(x - cx) <= reach and abs(y - cy) <= reach]
        if near:
            ch["text"] = min(near)[1]
            repaired += 1
    return repaired
