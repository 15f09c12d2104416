"""A fax page read from its stored 200 x 100 dpi pixels (pipeline/extract/stored_scan.py).

The pages are drawn here: Japanese text in IPAex Gothic rendered at 200 dpi,
halved down the page (a fax's 100 dpi), thresholded to black and white, with
single-pixel specks put where no glyph is; the expected text and speck
positions are what was drawn.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.ocr import read_page_image, render_page
from pipeline.extract.stored_scan import despeckled, smoothing, upsampled

FONT = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
LINES = ("世田谷区保健福祉政策部", "個人情報の外部委託審査")
WIDTH_PT, HEIGHT_PT = 216.0, 108.0  # 3 x 1.5 inch


def drawn_fax(rng: np.random.Generator, specks: int = 60) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A 200 x 100 dpi bilevel page of LINES at 10 pt, and where its lone specks are (row, col)."""
    w, h = round(WIDTH_PT / 72 * 200), round(HEIGHT_PT / 72 * 200)
    page = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, round(10 / 72 * 200))  # 10 pt at 200 dpi
    for i, text in enumerate(LINES):
        draw.text((30, 40 + i * 70), text, font=font, fill=0)
    half = cv2.resize(np.asarray(page, np.float32), (w, h // 2), interpolation=cv2.INTER_AREA)  # 100 dpi down
    fax = np.where(half < 165, 0, 255).astype(np.uint8)  # a dark setting, as a fax machine's
    near_ink = cv2.dilate((fax == 0).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    spots: list[tuple[int, int]] = []
    while len(spots) < specks:
        y, x = int(rng.integers(1, fax.shape[0] - 1)), int(rng.integers(1, fax.shape[1] - 1))
        if not near_ink[y, x] and all(abs(y - a) > 2 or abs(x - b) > 2 for a, b in spots):
            spots.append((y, x))
    for y, x in spots:
        fax[y, x] = 0
    return fax, spots


def fax_pdf(path: Path, fax: np.ndarray) -> Path:
    """A one-page PDF holding ``fax`` stretched over the page, as dev/build_scans.py writes scans."""
    build = importlib.import_module("dev.build_scans")
    writer = build.PdfWriter()
    (data, keys), space = build.encode_scan(Image.fromarray(fax, mode="L"), "1", 0)
    writer.add_page(WIDTH_PT, HEIGHT_PT, (data, keys), (fax.shape[1], fax.shape[0]), colour_space=space)
    writer.write(path)
    return path


def test_despeckled_takes_off_lone_specks_and_keeps_the_glyphs() -> None:
    fax, spots = drawn_fax(np.random.default_rng(1))
    clean = fax.copy()
    for y, x in spots:
        clean[y, x] = 255
    out = despeckled(fax)
    assert all(out[y, x] == 255 for y, x in spots)
    glyphs = clean == 0
    # a glyph's pixels touch each other: at most a stray corner of a stroke goes with the specks
    assert np.count_nonzero(out[glyphs] == 0) >= 0.995 * np.count_nonzero(glyphs)
    assert np.array_equal(out == 0, despeckled(clean) == 0)


def test_upsampled_smooths_before_clipping() -> None:
    # a 1 px line of the 100 dpi axis and a 4 px bar, enlarged 3x down and smoothed by a third of a stored
    # pixel: the cubic filter's overshoot, smoothed with the rest, leaves the paper beside a stroke white
    # and the bar's core black; clipped first, the smoothing put a grey halo round every stroke
    a = np.full((20, 10), 255, np.uint8)
    a[5, :] = 0
    a[10:14, :] = 0
    out = upsampled(a, (30, 60), 1.0)[:, 15].astype(int)
    assert out[:13].min() == 255 and out[20:27].min() == 255  # paper (the line spans rows 13-19)
    assert out[31:41].max() <= 25 and out[33:39].max() == 0  # the bar's core
    assert 30 <= out[16] <= 60  # the thin line: three output rows of one stored row, softened


def test_a_fax_is_smoothed_more_across_than_down() -> None:
    # 200 x 100 dpi to 300 dpi: a third of a stored row down (1 px), more across, where the fax's
    # one-pixel drop-outs and ragged edges lie between strokes with room to spare; equal axes, as before
    sx, sy = smoothing((300, 300), (200, 100))
    assert sy == pytest.approx(1.0) and 1.0 < sx <= 1.5  # across: half as much again at most (FINE_SMOOTH)
    assert smoothing((300, 300), (100, 100)) == (1.0, 1.0)
    # a one-row stroke of the 100 dpi axis broken by a one-pixel drop-out, a stroke a stored row below it
    a = np.full((10, 20), 255, np.uint8)
    a[3, 2:18] = 0
    a[3, 10] = 255  # the drop-out
    a[5, 2:18] = 0
    iso, fax = upsampled(a, (30, 30), (sy, sy)), upsampled(a, (30, 30), (sx, sy))
    stroke, between = 10, 13  # output rows: the broken stroke's middle, the paper between the strokes
    assert fax[stroke, 12:20].max() < iso[stroke, 12:20].max() - 15  # the break is bridged further across
    assert fax[between, 4:26].min() >= 195 and iso[between, 4:26].min() >= 195  # the strokes stay apart


def test_a_fax_page_is_read_from_its_stored_pixels_without_its_specks(tmp_path: Path) -> None:
    fax, spots = drawn_fax(np.random.default_rng(2))
    pdf = fax_pdf(tmp_path / "fax.pdf", fax)
    page = read_page_image(pdf, 0, 300)
    assert page.from_stored and page.scan_dpi == 100.0 and page.smooth_from is None and page.coarse
    assert page.image.size == (900, 450)
    got, rendered = np.asarray(page.image), np.asarray(render_page(pdf, 0, 300))
    at = [(round((y + 0.5) * 3), round((x + 0.5) * 1.5)) for y, x in spots]  # a stored pixel's centre at 300 dpi
    assert all(got[y - 2:y + 3, x - 2:x + 3].min() >= 250 for y, x in at)
    assert np.mean([rendered[y - 2:y + 3, x - 2:x + 3].min() < 128 for y, x in at]) > 0.9  # pdfium keeps them
    ink = np.asarray(Image.fromarray(fax).resize((900, 450), Image.Resampling.NEAREST)) == 0
    assert np.mean(got[ink] < 128) > 0.8  # the text is where it was drawn


def test_stored_pixels_unlike_the_rendered_page_are_not_used(tmp_path: Path) -> None:
    # a stored image drawn flipped by its matrix, or pixels that are not what pdfium shows (a mask, a
    # negative): the page is rendered by pdfium as any other
    import zlib

    import pypdfium2 as pdfium

    from pipeline.extract.stored_scan import agrees_with_render, largest_image

    fax, _ = drawn_fax(np.random.default_rng(3))
    pdf = fax_pdf(tmp_path / "fax.pdf", fax)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        stored = largest_image(page)
        assert stored is not None
        assert agrees_with_render(fax, page) and not agrees_with_render(255 - fax, page)
    finally:
        doc.close()
    build = importlib.import_module("dev.build_scans")
    writer = build.PdfWriter()
    (data, keys), space = build.encode_scan(Image.fromarray(fax, mode="L"), "1", 0)
    writer.add_page(WIDTH_PT, HEIGHT_PT, (data, keys), (fax.shape[1], fax.shape[0]), colour_space=space)
    flipped = zlib.compress(f"q {WIDTH_PT} 0 0 {-HEIGHT_PT} 0 {HEIGHT_PT} cm /Im0 Do Q\n".encode())
    writer.objects[1] = f"<< /Filter /FlateDecode /Length {len(flipped)} >>\nstream\n".encode() + flipped + b"\nendstream"
    writer.write(tmp_path / "flipped.pdf")
    page_image = read_page_image(tmp_path / "flipped.pdf", 0, 300)
    assert page_image.scan_dpi == 100.0 and not page_image.from_stored and page_image.smooth_from == 100.0
    assert page_image.coarse  # rendered, but still a 100 dpi scan: its wide lines go to PP-OCRv5 alone
    assert np.array_equal(np.asarray(page_image.image), np.asarray(render_page(tmp_path / "flipped.pdf", 0, 300)))


def test_a_200_dpi_scan_is_rendered_as_before(tmp_path: Path) -> None:
    fax, _ = drawn_fax(np.random.default_rng(4))
    square = cv2.resize(fax, (fax.shape[1], fax.shape[0] * 2), interpolation=cv2.INTER_NEAREST)
    pdf = fax_pdf(tmp_path / "square.pdf", square)
    page = read_page_image(pdf, 0, 300)
    assert page.scan_dpi == 200.0 and not page.from_stored and not page.coarse
    assert np.array_equal(np.asarray(page.image), np.asarray(render_page(pdf, 0, 300)))


@pytest.mark.parametrize("seed", [5, 6])
def test_tesseract_reads_the_drawn_fax_text_from_the_prepared_page(tmp_path: Path, seed: int) -> None:
    from pipeline.extract.engines import TesseractEngine
    from pipeline.extract.ocr import ocr_page
    from tests.conftest import canon, cer

    fax, _ = drawn_fax(np.random.default_rng(seed))
    pdf = fax_pdf(tmp_path / "fax.pdf", fax)
    page = read_page_image(pdf, 0, 300)
    read = ocr_page(page.image, 1, page.width_pt, page.height_pt, TesseractEngine(), scan_dpi=page.smooth_from)
    text = canon("".join(line.text for line in read.lines))
    assert cer(text, canon("".join(LINES))) <= 0.1


def test_printed_lines_and_their_crops_for_the_reading_floor() -> None:
    # dev.ocr_cells --printed-lines cuts each cell's lines where the born-digital copy prints them
    # (docs/ocr.md, eighth round): two printed lines in a cell, a character outside it left out
    from types import SimpleNamespace

    ocr_cells = importlib.import_module("dev.ocr_cells")

    def char(text: str, x0: float, top: float) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + 7, "top": top, "bottom": top + 7}

    page = SimpleNamespace(chars=[char("世", 10, 10), char("田", 17, 10), char("谷", 10, 20), char(" ", 24, 20),
                                  char("区", 100, 10)])
    assert ocr_cells.printed_lines(page, (0, 0, 50, 40)) == [(10, 10, 24, 17), (10, 20, 17, 27)]
    gray = np.full((200, 200), 255, np.uint8)
    rules = np.zeros_like(gray)
    rules[:, 40] = 255  # a rule inside the crop is painted out, as line_crop paints it
    gray[:, 40] = 0
    crop = ocr_cells.cut_crop(gray, rules, (0, 0, 200, 200), (10, 10, 24, 17), 300 / 72)
    assert crop.size == (68 + 8, 38 + 8) and np.asarray(crop).min() == 255
