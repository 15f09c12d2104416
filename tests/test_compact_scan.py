"""The ``compact`` scan pipeline (dev/scan_compact.py): its drawing and its PDF objects only.

compact was built held out and unseen (stop 39), so nothing here runs OCR or
the extractor on what it makes; scored once, it was opened for tuning, and
tests/extract/test_ocr_scans.py reads its page 3. These tests look at the layers and at the PDF objects, with expected
values from the pipeline's definition: a colour background at the drawn low
dpi, then a 1-bit mask at the drawn high dpi (a stencil filled with a
near-black ink, or a small colour image through ``/Mask`` or ``/SMask``), the
mask's ink where the clean page has ink, the background's text lifted out, no
text layer, and the other pipelines' pages written as before.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pikepdf
import pytest
from PIL import Image

from dev.build_scans import SEED, PdfWriter, add_compact_page, build_pipeline, encode_scan
from dev.scan_compact import BACKGROUND_DPIS, MASK_DPIS, RENDER_DPI, STYLES, compact, compact_plan
from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
A4 = (4677, 3307)  # portrait, 400 dpi (RENDER_DPI)
A4_PT = (595.28, 841.89)
MM = round(RENDER_DPI / 25.4)  # whole pixels a millimetre, for drawing the synthetic page
PAGES = "1-3"  # the corpus PDF's first three pages: a stencil, a /SMask and a /Mask page (compact_plan below)


@cache
def synthetic_page() -> np.ndarray:
    """An A4 page at 400 dpi: a grey-shaded header band, a ruled table with text-like strokes, a long bar."""
    page = np.full(A4, 255, np.uint8)
    left, right, top = 20 * MM, 190 * MM, 40 * MM
    page[top: top + 12 * MM, left:right] = 200  # the shaded header band (22 % grey)
    for k in range(12):
        y = top + k * 12 * MM
        page[y: y + 3, left:right] = 0  # rules 3 px thick
        page[y + 4 * MM: y + 7 * MM, left + 5 * MM: left + 80 * MM: 7] = 0  # text-like strokes, 1 px
        page[y + 4 * MM: y + 7 * MM, left + 5 * MM + 1: left + 80 * MM: 7] = 0  # ... 2 px wide
    page[250 * MM: 254 * MM, 30 * MM: 180 * MM] = 0  # a long black bar, 4 mm thick
    return page


@cache
def scanned(seed: int):  # type: ignore[no-untyped-def]
    return compact(synthetic_page(), np.random.default_rng(seed))


def seed_of(style: str) -> int:
    return next(s for s in range(100) if compact_plan(np.random.default_rng(s)).style == style)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pipeline(SOURCE, "compact", tmp_path_factory.mktemp("compact"), PAGES)


def page_plan(index: int):  # type: ignore[no-untyped-def]
    """The settings page ``index`` of a build was drawn with: a fresh rng of build_pipeline's seed."""
    return compact_plan(np.random.default_rng((SEED, PIPELINES["compact"][0].seed_id, index)))


def dpi(image: Any, width_pt: float) -> int:
    return round(int(image.Width) / width_pt * 72)


def region(image: np.ndarray, scale: float, y0: float, y1: float, x0: float, x1: float) -> np.ndarray:
    """The part of ``image`` (the synthetic page scaled by ``scale``) between the synthetic page's millimetres."""
    return image[round(y0 * MM * scale): round(y1 * MM * scale), round(x0 * MM * scale): round(x1 * MM * scale)]


def ink_of(mask: Any, soft: bool) -> np.ndarray:
    """A 1-bit mask's pixels, True where the ink is (0 in an image mask, 1 in a soft mask)."""
    w, h = int(mask.Width), int(mask.Height)
    bits = np.unpackbits(np.frombuffer(zlib.decompress(mask.read_raw_bytes()), np.uint8))
    bits = bits.reshape(h, -1)[:, :w].astype(bool)
    return bits if soft else ~bits


def test_compact_is_registered_as_layers() -> None:
    spec, fn = PIPELINES["compact"]
    assert fn is compact
    assert not spec.held_out and "compact" in TUNING and "compact" not in HELD_OUT  # scored once, then opened
    assert spec.mode == "MRC" and spec.dpi == (RENDER_DPI, RENDER_DPI) and spec.needs_back
    assert spec.seed_id not in {p.seed_id for name, (p, _) in PIPELINES.items() if name != "compact"}


def test_same_seed_same_layers_other_seed_another() -> None:
    page = synthetic_page()
    first, again = (compact(page, np.random.default_rng(7)) for _ in range(2))
    assert first.plan == again.plan
    for a, b in ((first.background, again.background), (first.mask, again.mask), (first.colour, again.colour)):
        assert (a is None and b is None) or (a is not None and b is not None and a.tobytes() == b.tobytes())
    assert compact(page, np.random.default_rng(8)).mask.tobytes() != first.mask.tobytes()


def test_the_built_pdf_is_the_same_bytes_on_every_run(built: Path, tmp_path: Path) -> None:
    assert build_pipeline(SOURCE, "compact", tmp_path, PAGES).read_bytes() == built.read_bytes()


def test_settings_stay_in_their_ranges_and_every_style_is_drawn() -> None:
    plans = [compact_plan(np.random.default_rng(s)) for s in range(80)]
    assert {p.style for p in plans} == set(STYLES)
    assert {p.mask_dpi for p in plans} == set(MASK_DPIS) and {p.background_dpi for p in plans} == set(BACKGROUND_DPIS)
    for p in plans:
        assert 30 <= p.jpeg_quality <= 50 and 0.1 <= abs(p.angle) <= 1.0
        assert max(p.ink) <= 80 and sum(p.ink) <= 160  # near black: a dark grey or a very dark blue


def test_a_built_page_is_a_background_at_its_low_dpi_then_a_1_bit_mask_at_its_high_dpi(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        assert len(pdf.pages) == 3
        styles = set()
        for index, page in enumerate(pdf.pages):
            plan = page_plan(index)
            styles.add(plan.style)
            width_pt = float(page.MediaBox[2])
            images = page.Resources.XObject
            assert sorted(images.keys()) == ["/Im0", "/Im1"] and "/Font" not in page.Resources
            content = page.Contents.read_bytes().decode()
            assert "BT" not in content  # no text layer
            assert content.index("/Im0 Do") < content.index("/Im1 Do")  # the background first

            background, fore = images["/Im0"], images["/Im1"]
            assert background.ColorSpace == "/DeviceRGB" and background.Filter == "/DCTDecode"
            assert int(background.BitsPerComponent) == 8 and dpi(background, width_pt) == plan.background_dpi
            if plan.style == "stencil":
                mask = fore
                assert fore.get("/ImageMask") is True and "/ColorSpace" not in fore
                fill = re.search(r"q ([\d.]+) ([\d.]+) ([\d.]+) rg [\d. ]+cm /Im1 Do Q", content)
                assert fill and [round(float(v) * 255) for v in fill.groups()] == list(plan.ink)
            else:
                assert fore.ColorSpace == "/DeviceRGB" and fore.Filter == "/DCTDecode"
                assert abs(dpi(fore, width_pt) - plan.mask_dpi / plan.colour_step) <= 1  # the small colour image
                mask = fore.Mask if plan.style == "mask" else fore.SMask
                if plan.style == "mask":
                    assert mask.get("/ImageMask") is True
                else:
                    assert mask.ColorSpace == "/DeviceGray"
            assert int(mask.BitsPerComponent) == 1 and mask.Filter == "/FlateDecode"
            assert dpi(mask, width_pt) == plan.mask_dpi and round(int(mask.Height) / float(page.MediaBox[3]) * 72) == plan.mask_dpi
        assert styles == set(STYLES)  # pages 1-3 show each way of drawing the foreground


def test_the_mask_holds_the_clean_page_s_ink(built: Path) -> None:
    """Ink in the mask where the clean render, turned by the page's skew, has ink, and hardly anywhere else."""
    import pypdfium2 as pdfium

    from dev.build_scans import render_gray

    source = pdfium.PdfDocument(str(SOURCE))
    try:
        with pikepdf.open(built) as pdf:
            for index, page in enumerate(pdf.pages):
                plan = page_plan(index)
                fore = page.Resources.XObject["/Im1"]
                mask = fore if plan.style == "stencil" else fore.Mask if plan.style == "mask" else fore.SMask
                ink = ink_of(mask, plan.style == "smask")
                grey = np.asarray(render_gray(source, index, plan.mask_dpi)).astype(np.float32) / 255
                h, w = grey.shape
                assert ink.shape == (h, w)
                turn = cv2.getRotationMatrix2D((w / 2, h / 2), plan.angle, 1.0)
                clean = cv2.warpAffine(grey, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=1.0) < 0.5
                share = ink.mean() / clean.mean()
                assert 0.7 < share < 1.6, share
                near = cv2.dilate(clean.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
                assert ink[near].sum() > 0.97 * ink.sum()  # the mask's ink lies on the page's ink
                core = cv2.erode(clean.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
                assert ink[core].mean() > 0.9  # and the strokes' cores are in the mask
    finally:
        source.close()


def test_the_background_is_cream_paper_with_the_text_lifted_out_and_the_shading_kept() -> None:
    for style in STYLES:
        scan = scanned(seed_of(style))
        bg = np.asarray(scan.background).astype(np.float32)
        f = scan.plan.background_dpi / RENDER_DPI
        paper = region(bg, f, 185, 245, 30, 180)  # nothing printed
        assert paper.mean() > 200 and paper[..., 0].mean() >= paper[..., 2].mean() + 3  # cream or off-white
        strokes = region(bg, f, 57, 58, 30, 95)  # a row's text-like strokes, half ink: lifted out
        assert strokes.mean() > paper.mean() - 25
        band = region(bg, f, 43, 49, 112, 188)  # the 22 % grey shading: under the threshold, left in the background
        assert band.mean() < paper.mean() - 25
        bar = region(bg, f, 251, 253, 80, 130)  # solid ink (near the middle: the skew moves it < 0.5 mm): lifted out too
        assert bar.mean() > paper.mean() - 60  # a ghost of 5-25 % of it at most; kept, it would be ~190 darker


@pytest.mark.parametrize("style", STYLES)
def test_the_page_shows_the_ink_over_the_background_in_pdfium(style: str, tmp_path: Path) -> None:
    """Whichever way the foreground is stored, a viewer draws it near black where the page has ink."""
    import pypdfium2 as pdfium

    scan = scanned(seed_of(style))
    writer = PdfWriter()
    add_compact_page(writer, *A4_PT, scan)
    writer.write(tmp_path / "page.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "page.pdf"))
    try:
        shown = np.asarray(pdf[0].render(scale=100 / 72).to_pil().convert("RGB")).astype(np.float32)
    finally:
        pdf.close()
    mm = MM * 100 / RENDER_DPI  # the synthetic page's millimetre at 100 dpi
    bar = shown[round(251 * mm): round(253 * mm), round(80 * mm): round(130 * mm)]  # the skew moves it < 0.5 mm
    paper = shown[round(185 * mm): round(245 * mm), round(30 * mm): round(180 * mm)]
    assert np.abs(bar.mean(axis=(0, 1)) - np.array(scan.plan.ink)).max() < 12  # the ink's colour
    assert paper.mean() > 200


def test_the_other_pipelines_pages_are_written_as_before(tmp_path: Path) -> None:
    """PdfWriter.add_page and write: the same bytes as before compact was added (recorded at 1919759)."""
    a = np.full((8, 16), 255, np.uint8)
    a[2:6, 3:12] = 0
    img = Image.fromarray(a, mode="L").convert("1", dither=None)
    writer = PdfWriter()
    encoded, colour_space = encode_scan(img, "1", 0)
    writer.add_page(72.0, 36.0, encoded, img.size, colour_space=colour_space)
    writer.add_page(72.0, 36.0, encoded, img.size, b"BT ET\n")
    writer.write(tmp_path / "tiny.pdf")
    digest = hashlib.sha256((tmp_path / "tiny.pdf").read_bytes()).hexdigest()
    assert digest == "6e8e370abc5d862bbbd7fddb68232cb5a8054a53a29a79972627b1b828ab5256"
