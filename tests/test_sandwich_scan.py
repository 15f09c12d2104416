"""The ``sandwich`` scan pipeline (dev/scan_sandwich.py): its drawing and its PDF objects only.

sandwich (a "searchable PDF": a scan with the device OCR's invisible text layer)
was built at stop 40 by a helper, held out and unseen until scored once at stop
41, then opened; nothing here runs OCR or the extractor on what it makes
(tests/extract/test_sandwich_reads.py and test_ocr_scans.py do). These tests
look at the images, at the text layer as pdfplumber and the content stream
give it back and at the built PDF, with expected values from the pipeline's
definition: 300 dpi, grey JPEG quality 60-80 or 1 bit by the sheet's fate; in
every eight pages one without a layer and one shifted 3-8 mm; the layer in
render mode 3, one text object a line, readable (ToUnicode), placed over the
image's text (measured on the pixels), damaged at the planned rates.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING
from dev.scan_sandwich import (
    BLOCK,
    DROP,
    MM_PT,
    QUALITY,
    SEED,
    SEED_ID,
    SHIFT_MM,
    SIMILAR,
    SKEW,
    SUBSTITUTE,
    LayerFont,
    damage,
    mix_widths,
    place,
    plan_layer,
    reading_lines,
    sandwich,
    sheet_fate,
    skew_angle,
    skew_matrix,
    split_numbers,
)
from dev.scoring import levenshtein
from tests.jpeg_quality import quality_of

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
FPDF2 = ROOT / "tests" / "extract" / "cases" / "setagaya-2023-report359-fpdf2.pdf"
PAGES = [p for p in range(1, BLOCK + 1) if sheet_fate(p)[1] != "full"] + [3]  # the no-layer, shifted pages, and page 3


def test_sandwich_is_registered_for_tuning_at_300_dpi_with_a_text_layer() -> None:
    spec, fn = PIPELINES["sandwich"]
    assert fn is sandwich
    assert not spec.held_out and "sandwich" in TUNING and "sandwich" not in HELD_OUT  # scored once at stop 41, opened
    assert spec.dpi == (300, 300) and spec.needs_page and spec.text_layer and spec.seed_id == SEED_ID
    assert spec.seed_id not in {p.seed_id for name, (p, _) in PIPELINES.items() if name != "sandwich"}
    assert [name for name, (p, _) in PIPELINES.items() if p.text_layer] == ["sandwich"]
    from dev.build_scans import SEED as BUILD_SEED

    assert SEED == BUILD_SEED


def test_every_block_of_eight_pages_has_four_grey_four_bilevel_one_page_without_a_layer_one_shifted() -> None:
    for block in range(4):
        fates = [sheet_fate(block * BLOCK + slot + 1) for slot in range(BLOCK)]
        assert sorted(mode for mode, _ in fates) == ["1"] * 4 + ["L"] * 4
        assert sorted(layer for _, layer in fates) == ["full"] * 6 + ["none", "shifted"]
    assert len({tuple(sheet_fate(b * BLOCK + s + 1) for s in range(BLOCK)) for b in range(4)}) > 1  # blocks differ


@cache
def text_page() -> np.ndarray:
    page = np.full((900, 1200), 255, np.uint8)
    for k in range(12):
        page[60 + 60 * k: 62 + 60 * k, 60:1140] = 0
        page[75 + 60 * k: 100 + 60 * k, 80:1100:9] = 0
    return page


@pytest.mark.parametrize("mode", ["L", "1"])
def test_same_seed_same_image_in_the_sheets_mode_skewed_within_range(mode: str) -> None:
    page = next(p for p in range(1, BLOCK + 1) if sheet_fate(p)[0] == mode)
    first = sandwich(text_page(), np.random.default_rng(7), page=page)
    again = sandwich(text_page(), np.random.default_rng(7), page=page)
    other = sandwich(text_page(), np.random.default_rng(8), page=page)
    assert first.tobytes() == again.tobytes() and first.info == again.info and first.tobytes() != other.tobytes()
    assert first.mode == mode and first.info["scan_mode"] == mode and first.size == (1200, 900)
    if mode == "L":
        assert QUALITY[0] <= first.info["jpeg_quality"] <= QUALITY[1]
    else:
        assert "jpeg_quality" not in first.info
    angle = abs(np.degrees(skew_angle(first.info["skew"])))
    assert SKEW[0] <= angle <= SKEW[1]
    assert first.info["skew"] == tuple(skew_matrix(np.random.default_rng(7), 1200, 900).ravel())  # the first draws


def test_look_alikes_are_real_errors_and_in_the_layer_font() -> None:
    font = LayerFont()
    for ch, others in SIMILAR.items():
        assert ord(ch) in font.gid and others and ch not in others
        assert all(unicodedata.normalize("NFKC", o) != unicodedata.normalize("NFKC", ch) for o in others)


def test_numbers_split_by_spaces_and_widths_mixed() -> None:
    rng = np.random.default_rng(1)
    split = split_numbers("No.129と3、2023年", 1.0, rng)
    assert split.replace(" ", "") == "No.129と3、2023年" and " " in split and "3、" in split
    assert split_numbers("No.129", 0.0, rng) == "No.129"
    mixed = mix_widths("No.129（有/無）", 1.0, np.random.default_rng(2))
    assert mixed != "No.129（有/無）"
    assert unicodedata.normalize("NFKC", mixed) == unicodedata.normalize("NFKC", "No.129（有/無）")


def test_a_table_row_is_read_across_its_cells_and_wrapped_cells_interleave() -> None:
    import pdfplumber

    with pdfplumber.open(SOURCE) as pdf:
        lines = [[w.text for w in line] for line in reading_lines(pdf.pages[2].chars)]
    row = next(line for line in lines if "避難行動要支援者の支援" in line)
    assert row == ["1", "避難行動要支援者の支援", "世田谷総合支所地域振興課", "区長", "有", "無"]
    with pdfplumber.open(FPDF2) as pdf:
        lines = [[w.text for w in line] for line in reading_lines(pdf.pages[2].chars)]
    header = next(i for i, line in enumerate(lines) if line[:2] == ["No", "委託の内容"])
    assert lines[header][-2:] == ["要配慮", "条例要"] and lines[header + 1] == ["個人情", "配慮個"]


def test_damage_takes_the_planned_share_of_characters() -> None:
    import pdfplumber

    with pdfplumber.open(FPDF2) as pdf:
        lines = reading_lines(pdf.pages[4].chars)
    for seed in range(5):
        rng = np.random.default_rng(seed)
        plan = plan_layer(rng, 3)
        read, report = damage(lines, plan, rng)
        assert report.substituted == round(plan.substitute * report.chars)
        assert report.dropped == round(plan.drop * report.chars)
        before = "".join(w.text for line in lines for w in line)
        after = unicodedata.normalize("NFKC", "".join(w.text for line in read for w in line)).replace(" ", "")
        assert levenshtein(unicodedata.normalize("NFKC", before), after) <= report.substituted + report.dropped


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dev.build_scans import build_pipeline

    return build_pipeline(SOURCE, "sandwich", tmp_path_factory.mktemp("sandwich"), ",".join(map(str, sorted(PAGES))))


def test_the_built_pdf_is_the_same_bytes_on_every_run(built: Path, tmp_path: Path) -> None:
    from dev.build_scans import build_pipeline

    assert build_pipeline(SOURCE, "sandwich", tmp_path, ",".join(map(str, sorted(PAGES)))).read_bytes() \
        == built.read_bytes()


def test_each_page_is_one_image_at_300_dpi_in_its_sheets_mode_with_its_layer_or_none(built: Path) -> None:
    import pikepdf

    with pikepdf.open(built) as pdf:
        assert len(pdf.pages) == len(PAGES)
        for number, page in zip(sorted(PAGES), pdf.pages):
            mode, layer = sheet_fate(number)
            image = page.Resources.XObject["/Im0"]
            assert list(page.Resources.XObject.keys()) == ["/Im0"] and image.ColorSpace == "/DeviceGray"
            width_pt, height_pt = float(page.MediaBox[2]), float(page.MediaBox[3])
            assert round(int(image.Width) / width_pt * 72) == 300 and round(int(image.Height) / height_pt * 72) == 300
            if mode == "L":
                assert image.Filter == "/DCTDecode" and int(image.BitsPerComponent) == 8
                assert QUALITY[0] <= quality_of(image.read_raw_bytes()) <= QUALITY[1]
            else:
                assert image.Filter == "/FlateDecode" and int(image.BitsPerComponent) == 1
            assert ("/Font" in page.Resources) == (layer != "none")


def _text_objects(page) -> list[list[tuple[str, list]]]:  # type: ignore[no-untyped-def]
    """Each BT .. ET of the page's content: its (operator, operands)."""
    import pikepdf

    objects: list[list[tuple[str, list]]] = []
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name == "BT":
            objects.append([])
        elif objects and name != "ET":
            objects[-1].append((name, list(operands)))
    return objects


def test_the_layer_is_invisible_one_text_object_a_line_and_read_back_with_the_planned_damage(built: Path) -> None:
    import pdfplumber
    import pikepdf

    with pikepdf.open(built) as pdf, pdfplumber.open(built) as plumber, pdfplumber.open(SOURCE) as source:
        for number, page, read in zip(sorted(PAGES), pdf.pages, plumber.pages):
            objects = _text_objects(page)
            words = read.extract_words(use_text_flow=True)
            if sheet_fate(number)[1] == "none":
                assert objects == [] and read.chars == []  # the device's OCR timed out
                continue
            lines = reading_lines(source.pages[number - 1].chars)
            assert len(lines) - 2 <= len(objects) <= len(lines)  # a line emptied by the damage disappears
            for ops in objects:
                assert ops[0] == ("Tr", [3]) and {op for op, _ in ops} == {"Tr", "Tf", "Tz", "Tm", "Tj"}
            got = "".join(w["text"] for w in words)
            assert "(cid:" not in got and "\ufffd" not in got  # the ToUnicode map reads
            want = unicodedata.normalize("NFKC", "".join(w.text for line in lines for w in line))
            got = unicodedata.normalize("NFKC", got).replace(" ", "")
            rate = levenshtein(want, got) / len(want)
            assert SUBSTITUTE[0] + DROP[0] - 0.005 <= rate <= SUBSTITUTE[1] + DROP[1] + 0.002, rate


def _offsets(built: Path, number: int, index: int) -> tuple[np.ndarray, np.ndarray]:
    """Each layer word's origin (its Tm) and the nearest place the skew sends a source word's origin to."""
    import pdfplumber
    import pikepdf

    with pikepdf.open(built) as pdf, pdfplumber.open(SOURCE) as source:
        page = pdf.pages[index]
        height = float(page.MediaBox[3])
        image = page.Resources.XObject["/Im0"]
        skew = tuple(skew_matrix(np.random.default_rng((SEED, SEED_ID, number - 1)), int(image.Width),
                                 int(image.Height)).ravel())
        expected = np.array([place(w.origin, skew, 300, height, (0.0, 0.0))
                             for line in reading_lines(source.pages[number - 1].chars) for w in line])
        tms = np.array([[float(v) for v in operands[4:]] for ops in _text_objects(page)
                        for op, operands in ops if op == "Tm"])
    return tms, expected


def test_words_lie_on_their_skewed_place_and_the_shifted_page_is_moved_3_to_8_mm(built: Path) -> None:
    for index, number in enumerate(sorted(PAGES)):
        if sheet_fate(number)[1] == "none":
            continue
        tms, expected = _offsets(built, number, index)
        if sheet_fate(number)[1] == "full":
            nearest = np.min(np.linalg.norm(tms[:, None] - expected[None], axis=2), axis=1)
            assert nearest.max() < 0.02
            continue
        candidates = tms[0] - expected  # the shift is one of these: the first word's origin less a source origin
        candidates = candidates[(np.hypot(*candidates.T) >= SHIFT_MM[0] * MM_PT - 0.02)
                                & (np.hypot(*candidates.T) <= SHIFT_MM[1] * MM_PT + 0.02)]
        fits = [int((np.min(np.linalg.norm((tms - c)[:, None] - expected[None], axis=2), axis=1) < 0.02).sum())
                for c in candidates]
        assert max(fits) == len(tms)  # one shift in range moves every word from its place


def test_the_layer_lies_over_the_images_text_measured_on_the_pixels(built: Path) -> None:
    """Phase correlation of the image against the layer drawn alone: in place (both thirds), or shifted 3-8 mm."""
    import pikepdf
    import pypdfium2 as pdfium

    dpi = 100
    with pikepdf.open(built) as pdf:
        images = [pikepdf.PdfImage(p.Resources.XObject["/Im0"]).as_pil_image().convert("L") for p in pdf.pages]
        for page in pdf.pages:
            page.Contents.write(page.Contents.read_bytes().replace(b"/Im0 Do", b"").replace(b"3 Tr", b"0 Tr"))
        buf = io.BytesIO()
        pdf.save(buf)
    layer = pdfium.PdfDocument(buf.getvalue())
    try:
        for index, number in enumerate(sorted(PAGES)):
            fate = sheet_fate(number)[1]
            if fate == "none":
                continue
            img = images[index]
            a = np.asarray(img.resize((img.width * dpi // 300, img.height * dpi // 300), Image.Resampling.BILINEAR),
                           np.float32)
            b = np.asarray(layer[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), np.float32)
            b = cv2.resize(b, (a.shape[1], a.shape[0]))
            third = a.shape[1] // 3
            for part in (np.s_[:, :third], np.s_[:, -third:]):
                (dx, dy), _ = cv2.phaseCorrelate(255 - a[part], 255 - b[part])
                moved = np.hypot(dx, dy) * 72 / dpi
                if fate == "full":
                    assert moved < 0.6
                else:
                    assert SHIFT_MM[0] * MM_PT - 1 <= moved <= SHIFT_MM[1] * MM_PT + 1
    finally:
        layer.close()
