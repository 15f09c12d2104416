"""The rotated style's pages stored sideways under /Rotate (回転ページ), and the model's limits.

Many municipal PDFs are assembled from parts (a landscape Excel sheet appended to a portrait Word document, pages
turned in Acrobat), and such a page is stored sideways: its content stream drawn turned by a quarter turn on a
MediaBox whose width and height are swapped, the page carrying /Rotate 90 or 270 so that a viewer shows it upright.
The rotated style draws the grid style's report (full solid rules, everything else as grid) and then, once the
producer has written its PDF, stores every page from the first list page onward (the lists and the appendix after
them) that way, each showing exactly as drawn; the front pages stay as they are, so one file mixes stored-upright
and stored-sideways pages. Nothing about the data changes, so the ground truth is grid's.

``rotate_pages`` is that post-processing step (pikepdf), run by ``__init__.renderer`` after the producer for the
rotated style only. The first list page is the first page whose own text (pypdfium2's, NFKC-folded, white space
dropped) holds the first list's caption; each list starts a page of its own in every producer. A page is turned by
``turn(variant)`` degrees, 90 or 270, one per file, drawn by ``random.Random(f"{SEED} {variant.name}")``. Turned by
90: the content is prepended ``q 0 1 -1 0 h 0 cm`` (x' = h - y, y' = x, for a w × h page at the origin) and closed
by ``Q``, the MediaBox becomes h × w and /Rotate 90 turns it back clockwise on display; by 270: ``q 0 -1 1 0 0 w
cm``, /Rotate 270. Any other box (CropBox, …) is mapped alike, a /Rotate already there is added to, a pattern of the
page's resources gets its matrix turned too (pattern space is the page's default space, which the ``cm`` does not
reach); a page with annotations is refused (their appearances would need turning as well; no producer writes any).
``model.Style.rotated`` is allowed on a plain grid only (``check_rotated``). This module imports nothing of the model
at import time, which calls it.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Any

from .sidebyside import check_plain_grid_flag

SEED = 2057  # with the variant's name, which way a file's pages are turned
TURNS = (90, 270)  # /Rotate: clockwise quarter turns a viewer applies to show the page


def check_rotated(style) -> None:  # type: ignore[no-untyped-def]
    """rotated on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "rotated", "pages stored sideways under /Rotate")


def turn(variant: Any) -> int:
    """The /Rotate of every page the variant's file stores sideways: 90 or 270, one per file, seeded by its name."""
    return random.Random(f"{SEED} {variant.name}").choice(TURNS)


def squash(text: str) -> str:
    """Text compared as a page's text layer gives it: NFKC (a Kangxi radical ⼈ read as 人), no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def first_list_page(path: Path, caption: str) -> int:
    """The index of the first page of the PDF whose text holds the list caption ``caption``."""
    import pypdfium2 as pdfium

    wanted = squash(caption)
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            if wanted in squash(text):
                return i
    finally:
        pdf.close()
    raise ValueError(f"{path}: no page prints the first list's caption {caption!r}")


def matrix(box: tuple[float, float, float, float], degrees: int) -> tuple[float, ...]:
    """The ``cm`` that draws a page with MediaBox ``box`` turned onto a box with width and height swapped, its origin
    at 0 0, so that turning that by ``degrees`` (90 or 270) clockwise shows the page as it was."""
    x0, y0, x1, y1 = box
    if degrees == 90:  # x' = h - (y - y0), y' = x - x0
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    if degrees == 270:  # x' = y - y0, y' = w - (x - x0)
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    raise ValueError(f"a page is turned by 90 or 270 degrees, not {degrees}")


def apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def concat(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF's row-vector order: m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def number(v: float) -> str:
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def turn_page(pdf: Any, page: Any, degrees: int) -> None:
    """Store ``page`` sideways, turned by ``degrees``, showing as before."""
    import pikepdf

    if "/Annots" in page.obj and len(page.obj.Annots):
        raise ValueError("a page with annotations is not turned (their appearances would need turning too)")
    box = tuple(float(v) for v in page.mediabox)
    m = matrix(box, degrees)  # type: ignore[arg-type]
    for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if key == "/MediaBox" or key in page.obj:
            old = [float(v) for v in (page.mediabox if key == "/MediaBox" else page.obj[key])]
            corners = [apply(m, old[0], old[1]), apply(m, old[2], old[3])]
            xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
            page.obj[key] = pikepdf.Array([round(v, 6) for v in (xs[0], ys[0], xs[1], ys[1])])
    resources = page.obj.get("/Resources")
    if resources is not None and "/Pattern" in resources and len(resources.Pattern):
        resources = page.obj.Resources = pikepdf.Dictionary(resources)  # the page's own: others may share it
        patterns = resources.Pattern = pikepdf.Dictionary(resources.Pattern)
        for name, pattern in list(patterns.items()):
            own = (pikepdf.Stream(pdf, pattern.read_raw_bytes(), pikepdf.Dictionary(pattern.stream_dict))
                   if isinstance(pattern, pikepdf.Stream) else pikepdf.Dictionary(pattern))
            own.Matrix = pikepdf.Array(list(concat(tuple(float(v) for v in pattern.get("/Matrix", (1, 0, 0, 1, 0, 0))),
                                                   m)))
            patterns[name] = pdf.make_indirect(own)
    page.contents_add(pikepdf.Stream(pdf, f"q {' '.join(number(v) for v in m)} cm\n".encode()), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"\nQ\n"))
    page.obj.Rotate = (int(page.obj.get("/Rotate", 0)) + degrees) % 360


def rotate_pages(path: Path, variant: Any, doc: Any) -> list[int]:
    """Store every page of the PDF at ``path`` from the first list page onward sideways (``turn(variant)``), in
    place; the indices of the pages turned."""
    import pikepdf

    if not doc.lists:
        return []
    first = first_list_page(path, doc.lists[0].title)
    degrees = turn(variant)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        turned = list(range(first, len(pdf.pages)))
        for i in turned:
            turn_page(pdf, pdf.pages[i], degrees)
        pdf.save(path)
    return turned
