"""Pages of every scan pipeline (dev/scan_pipelines.py), made on the fly and read by real Tesseract.

Issue 12: OCR must survive scanners other than the one the corpus was made
with. Each pipeline scans one list page of the reportlab copy (page 3, 外部委託)
and one of the fpdf2 copy (page 3, A4 portrait, 27 rows, another producer's
table drawing); the expected values are the ground-truth CSVs, never the
OCR's own output. Thresholds catch a broken grid, a lost row or a cut line;
the benchmark (dev/bench_scans.py) holds the real targets. colour150 runs here
although it was held out when these were written (a test is not tuning, and CI
must see it fail if it breaks). phone200, held out since 2026-12-02, does not:
it is new, and nobody sees what OCR makes of it before the lead scores it once;
tests/test_dev_tools.py checks that it is seeded and keeps its resolution.
copier (an office copier's 1-bit scan of a photocopy; stop 38) and compact (an
office device's "compact PDF": a colour background at 75-150 dpi under a 1-bit
text mask at 200-400 dpi; stop 39) were each held out and unseen until scored
once, then opened: they run here like the others.
ledger (a bound report scanned open on a flatbed: gutter shadow and curve,
staples, the lid's band; grey 300 dpi JPEG), built at stop 39 by a helper,
was held out and unseen until scored once at stop 40, then opened: it runs
here too.
sandwich (a "searchable PDF": a 300 dpi scan, grey JPEG or 1 bit, under the
device OCR's invisible text layer with its errors), built at stop 40 by a
helper, held out and unseen until scored once at stop 41, then opened: it runs
here too (the page image is OCR'd; tests/extract/test_sandwich_reads.py checks
that triage sets the device's layer aside).
microfilm (an archived report printed from microfilm by a reader-printer and the
print scanned: grey 240 dpi, low uneven contrast, one negative print in four,
the film's edge, scratches, dust, grain), built at stop 41 by a helper, is held
out and unseen: it does not run here (its PIPELINES entry is left out on
purpose); tests/test_microfilm_scan.py looks at its drawing only.
camera (a tuning machine for photographed sheets: perspective, the desk around
the sheet, curl) runs here like the scanners: its pages are flattened by
pipeline/extract/sheet_frame.py before they are read.
"""

from __future__ import annotations

import importlib
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from pipeline.extract.engines import TesseractEngine, get_engine
from pipeline.extract.ocr import OcrPage, ocr_page, read_page_image, source_dpi
from tests.conftest import canon, cer, read_csv

ROOT = Path(__file__).resolve().parents[2]
GT = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"
PRODUCERS = {
    "reportlab": ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf",
    "fpdf2": ROOT / "tests" / "extract" / "cases" / "setagaya-2023-report359-fpdf2.pdf",
}
PIPELINES = ("bitonal300", "grey200", "colour150", "fax", "camera", "copier", "compact", "ledger", "sandwich")
# 外部委託 cases printed on page 3 of each copy: 1-10 (reportlab, as the ground truth says),
# 1-27 (fpdf2: its list starts on its page 3; counted on the clean PDF's page, see the test below)
CASES_ON_PAGE_3 = {"reportlab": range(1, 11), "fpdf2": range(1, 28)}


def _scripts_module(name: str):  # type: ignore[no-untyped-def]
    """A dev tool as a module (dev/ is a package: no sys.path change)."""
    return importlib.import_module(f"dev.{name}")


@cache
def outsourcing(numbers: tuple[int, ...]) -> list[dict[str, str]]:
    rows = {int(r["case_no"]): r for r in read_csv(GT / "cases_outsourcing.csv")}
    return [rows[n] for n in numbers]


@cache
def scanned(pipeline: str, producer: str, tmp: str) -> tuple[OcrPage, tuple[int, ...]]:
    build = _scripts_module("build_scans")
    pdf = build.build_pipeline(PRODUCERS[producer], pipeline, Path(tmp), "3")
    engine = get_engine("tesseract")
    assert isinstance(engine, TesseractEngine)
    image = read_page_image(pdf, 0, 300)  # as the ingest reads it (a fax from its stored pixels)
    page = ocr_page(image.image, 3, image.width_pt, image.height_pt, engine, scan_dpi=image.smooth_from)
    return page, tuple(CASES_ON_PAGE_3[producer])


@pytest.fixture(scope="module")
def tmp_scans(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("scans"))


def test_fpdf2_page_3_holds_the_cases_the_test_expects() -> None:
    # the fpdf2 copy has a text layer: its page 3 must start the 外部委託 list at No. 1 and end at 27
    import pdfplumber

    with pdfplumber.open(PRODUCERS["fpdf2"]) as pdf:
        table = max(pdf.pages[2].extract_tables(), key=len)
    numbers = [int(re.sub(r"\D", "", row[0])) for row in table if row[0] and re.sub(r"\D", "", row[0])]
    assert numbers == list(CASES_ON_PAGE_3["fpdf2"])


def the_list(page: OcrPage) -> list:  # type: ignore[type-arg]
    tables = [t for t in page.tables if len(t.cells) > 2]
    assert len(tables) == 1, [len(t.cells) for t in page.tables]
    return list(tables[0].cells)


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("pipeline", PIPELINES)
def test_every_row_and_column_survives_the_scan(pipeline: str, producer: str, tmp_scans: str) -> None:
    page, numbers = scanned(pipeline, producer, tmp_scans)
    expected = outsourcing(numbers)
    rows = the_list(page)
    # the header row, then one row per case, six columns each (no cell merged by a broken rule)
    assert len(rows) == len(expected) + 1, [row[0].text for row in rows]
    assert all(len(row) == 6 for row in rows)  # No., 委託の内容, 担当部課, 実施機関, 有/無 x 2
    read = [re.sub(r"\D", "", canon(row[0].text)) for row in rows[1:]]
    # raw case numbers: 9 in 10 read; on the fax (100 dpi down) 8 in 10, since which lone digit
    # Tesseract misreads there flips with how the page's short lines are packed on its sheet
    # (engines.stack_lines); the recognize stage fits an OCR'd No. to the list's run, and
    # bench_scans scores case_no through the whole pipeline (100% on fax, both producers)
    # compact (pdfium's composite of a colour background and a fine text mask in dark blue or grey): Tesseract
    # alone reads 20 of fpdf2's 27 lone numbers on its page 3 (0.00-0.4 confidence on 2, 4, 5, 9); the cascade's
    # PP-OCRv5 re-reads such lines, and bench_scans finds 242/242 rows through the whole pipeline
    share = {"fax": 0.8, "compact": 0.7}.get(pipeline, 0.9)
    assert sum(r == e["case_no"] for r, e in zip(read, expected)) >= share * len(expected), read


# Free text and flags read close to the truth. Below target on the fax pipeline (200 x 100 dpi:
# Tesseract's CER on descriptions stays in the tens of percent); dev/bench_scans.py has the
# figures. strict: a fix makes these fail until the mark goes (colour150's — held out when this was
# written, open for tuning since 2026-12-02 — went when its paper, lit unevenly, was brought to one
# level before the ink threshold: grid.even_paper).
BELOW_TARGET = {("fax", "fpdf2"): "fax: 100 dpi down, text CER far above target (bench_scans)",
                ("fax", "reportlab"): "fax: 100 dpi down, text CER far above target (bench_scans)",
                ("copier", "fpdf2"): "copier: Tesseract alone reads fpdf2's dense page 3 at 6.5% CER (1.7% through "
                                     "the cascade, bench_scans)"}


@pytest.mark.parametrize(("pipeline", "producer"), [
    pytest.param(p, q, marks=pytest.mark.xfail(reason=BELOW_TARGET[p, q], strict=True)) if (p, q) in BELOW_TARGET
    else (p, q) for p in PIPELINES for q in sorted(PRODUCERS)])
def test_text_and_flags_read_close_to_the_truth(pipeline: str, producer: str, tmp_scans: str) -> None:
    page, numbers = scanned(pipeline, producer, tmp_scans)
    expected = outsourcing(numbers)
    body = the_list(page)[1:]
    assert len(body) == len(expected)
    have = "".join(row[1].text for row in body)
    want = "".join(e["description"] for e in expected)
    assert cer(have, want) < 0.06, have
    flags = [(canon(row[4].text), canon(row[5].text)) for row in body]
    truth = [("有" if e["sensitive"] == "true" else "無", "有" if e["ordinance_sensitive"] == "true" else "無")
             for e in expected]
    agree = sum(f == t for pair, tpair in zip(flags, truth) for f, t in zip(pair, tpair))
    assert agree >= 0.8 * 2 * len(expected), flags


def test_pipelines_are_seeded_and_the_held_out_ones_are_fixed(tmp_path: Path) -> None:
    build = _scripts_module("build_scans")
    a = build.build_pipeline(PRODUCERS["reportlab"], "fax", tmp_path, "1").read_bytes()
    b = build.build_pipeline(PRODUCERS["reportlab"], "fax", tmp_path, "1").read_bytes()
    assert a == b
    pipelines = _scripts_module("scan_pipelines")
    # fixed by the lead before any tuning (issue 12); on 2026-12-02 colour150 opened for tuning and the new
    # phone200 (never run here: its scores are the lead's to take once) became the held-out machine
    # copier (2026-12-05, stop 38; built for the next stop, unseen until it scores it once) joined it
    # compact (stop 39; a compact/MRC PDF, built by a helper for the next stop, unseen until it scores it once) too;
    # each was opened for tuning once scored (copier at stop 38, compact at stop 39)
    # ledger (stop 39; a bound report scanned open on a flatbed, built by a helper, unseen until scored once) joined it
    # sandwich (stop 40; a searchable PDF, the device OCR's text layer over the scan, built by a helper, unseen) too;
    # ledger was scored once and opened at stop 40, sandwich at stop 41
    # microfilm (stop 41; a reader-printer's print from microfilm, one negative page in four, built by a helper,
    # unseen until the lead scores it once at the next stop) joined phone200
    assert pipelines.HELD_OUT == ("phone200", "microfilm")
    # camera (2026-12-02) is a tuning machine for photographed sheets, written apart from phone200
    assert set(pipelines.TUNING) == {"bitonal300", "grey200", "colour150", "fax", "camera", "copier", "compact",
                                     "ledger", "sandwich"}


def test_fax_is_stored_at_half_the_vertical_resolution(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    build = _scripts_module("build_scans")
    pdf = pdfium.PdfDocument(str(build.build_pipeline(PRODUCERS["reportlab"], "fax", tmp_path, "1")))
    try:
        width_pt, height_pt = pdf[0].get_size()
        image = next(obj for obj in pdf[0].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
        px_w, px_h = image.get_px_size()
    finally:
        pdf.close()
    assert round(px_w / width_pt * 72) == 200 and round(px_h / height_pt * 72) == 100


def test_a_fax_page_reports_its_low_resolution(tmp_path: Path) -> None:
    build = _scripts_module("build_scans")
    assert source_dpi(build.build_pipeline(PRODUCERS["reportlab"], "fax", tmp_path, "1"), 0) == 100.0
    assert source_dpi(build.build_pipeline(PRODUCERS["reportlab"], "grey200", tmp_path, "1"), 0) == 200.0
    assert source_dpi(PRODUCERS["reportlab"], 0) is None  # born-digital: no image at all


@pytest.mark.parametrize("script", ["bench_scans.py", "build_scans.py", "build_ocr_charset.py"])
def test_scan_scripts_help_runs(script: str) -> None:
    import subprocess

    out = subprocess.run([sys.executable, "-m", f"dev.{script.removesuffix('.py')}", "--help"],
                         capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout


def test_debug_page_draws_a_fax_page_as_the_ingest_reads_it(tmp_path: Path) -> None:
    # kaiji debug-page rendered a fax page without its smoothing (page_layout was not told
    # the scan's 100 dpi), so it showed blocky glyphs and other line boxes than the ingest read
    import argparse

    import numpy as np
    from PIL import Image

    from pipeline.cli import debug_page
    from pipeline.extract.ocr import page_layout, read_page_image

    build = _scripts_module("build_scans")
    pdf = build.build_pipeline(PRODUCERS["reportlab"], "fax", tmp_path, "3")
    out = tmp_path / "p1.png"
    parser = argparse.ArgumentParser()
    debug_page.add_arguments(parser)
    assert debug_page.run(parser.parse_args([str(pdf), "1", "--no-ocr", "--out", str(out)])) == 0
    page = read_page_image(pdf, 0)
    assert page.scan_dpi == 100.0
    read = page_layout(page.image, page.image.width * 72.0 / page.width_pt, scan_dpi=page.smooth_from)
    drawn = np.asarray(Image.open(out).convert("RGB")).astype(int)
    grey = (drawn[..., 0] == drawn[..., 1]) & (drawn[..., 1] == drawn[..., 2])  # not a drawn box
    assert drawn.shape[:2] == read.gray.shape
    assert np.mean(drawn[..., 0][grey] == read.gray[grey]) > 0.99


def test_a_page_stored_in_layers_is_read_as_pdfium_composites_it(tmp_path: Path) -> None:
    """A "compact" scan stores each page as a colour background (the text lifted out) under a fine 1-bit text
    mask, drawn as a stencil (page 1 of the seeded pipeline) or through /SMask (page 2): no one layer is the
    page. Read from the background's stored pixels, two of its pages once read no text at all."""
    import numpy as np

    from pipeline.extract.ocr import DEFAULT_DPI, render_page

    pdf = _scripts_module("build_scans").build_pipeline(PRODUCERS["reportlab"], "compact", tmp_path, "1-2")
    for index in (0, 1):
        page = read_page_image(pdf, index)
        assert (page.scan_dpi, page.from_stored, page.coarse, page.bilevel) == (None, False, False, False)
        assert source_dpi(pdf, index) is None
        ink = float((np.asarray(page.image.convert("L")) < 128).mean())
        clean = float((np.asarray(render_page(PRODUCERS["reportlab"], index, DEFAULT_DPI).convert("L")) < 128).mean())
        assert ink > 0.6 * clean  # the text is there, not only the background's rules
