"""The static report: what each page shows, citations, charts in the Japanese font, the CLIs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from pipeline.outputs.charts import Bar, bars_chart, japanese_font
from pipeline.outputs.cite import CiteError, Renderer, find_pdfs_by_sha256, parse_bbox
from tests.conftest import REFERENCE_PDF
from tests.outputs.conftest import CASE, CORRECTED, ROOT


def doc_page(report, result) -> str:
    return report.pages[result.doc_id].read_text(encoding="utf-8")


def test_index_lists_every_document_and_links_its_page(report, reference_result):
    html = report.index.read_text(encoding="utf-8")
    assert f'href="doc-{reference_result.doc_id}.html"' in html
    assert "setagaya-2022-earlier.pdf" in html and len(report.pages) == 2
    # the made-up earlier version has no PDF: said on the index, not a crash
    assert report.missing_pdfs == ("setagaya-2022-earlier.pdf",)
    assert "No PDF found for setagaya-2022-earlier.pdf" in html
    # year on year across documents, linked to the later report's changes
    assert f'href="doc-{reference_result.doc_id}.html#changes"' in html
    # the corrected column counts the one applied correction
    row = html.split(f'href="doc-{reference_result.doc_id}.html">', 1)[1].split("</tr>", 1)[0]
    assert row.endswith("<td>1</td><td>1</td>")  # one item to review (the stale correction), one corrected


def test_the_page_is_static_and_offline(report, reference_result):
    html = doc_page(report, reference_result)
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_document_page_shows_landed_checks_changes_and_review(report, reference_result):
    html = doc_page(report, reference_result)
    assert f"<td>text</td><td>text layer usable</td><td>{reference_result.extraction.page_count}</td>" in html
    outsourcing = sum(1 for c in reference_result.cases if c.criterion == "outsourcing")
    assert f"<td>outsourcing</td><td>外部委託</td><td>{outsourcing}</td>" in html
    checks = len(reference_result.checks)
    assert f"{checks} passed" in html and html.count('<span class="pass">pass</span>') == checks
    assert "Year on year (case_changes)" in html and "appeared" in html and "setagaya-2022-earlier.pdf" in html
    assert re.search(r'id="review">Review list \(\d+\)', html)


def test_a_correction_appears_in_the_report(report, reference_result):
    html = doc_page(report, reference_result)
    assert CORRECTED in html
    corrections = html.split('id="corrections"', 1)[1].split("<h2", 1)[0]
    assert "config/corrections/test.toml#1" in corrections and CORRECTED in corrections
    assert f'src="crops/{reference_result.doc_id}/outsourcing-59.png"' in corrections  # the printed row beside it
    assert '<tr class="corrected">' in html


def test_a_stale_correction_is_in_the_review_list(report, reference_result):
    review = doc_page(report, reference_result).split('id="review"', 1)[1].split("<h2", 1)[0]
    assert "stale_correction" in review and "outsourcing No.60: description correction" in review
    assert f'src="crops/{reference_result.doc_id}/outsourcing-60.png"' in review


def test_every_case_links_to_a_crop_of_its_row(report, reference_result):
    html = doc_page(report, reference_result)
    out = report.index.parent
    for case in reference_result.cases:
        href = f"crops/{reference_result.doc_id}/{case.criterion}-{case.case_no}.png"
        assert f'<a href="{href}">p.{case.page_no}</a>' in html
    crop = Image.open(out / f"crops/{reference_result.doc_id}/{CASE[0]}-{CASE[1]}.png")
    case = next(c for c in reference_result.cases if (c.criterion, c.case_no) == CASE)
    # a row, not a page: as wide as the bbox, as tall as the row (+ margins) at 120 dpi
    assert crop.width == pytest.approx((case.bbox.x1 - case.bbox.x0 + 8) * 120 / 72, abs=3)
    assert crop.height == pytest.approx((case.bbox.bottom - case.bbox.top + 8) * 120 / 72, abs=3)
    assert crop.convert("L").getextrema()[0] < 100  # printed ink, not a blank crop


def test_charts_exist_and_use_the_japanese_font(report, reference_result, tmp_path):
    names = {p.name for p in report.charts}
    assert {f"{reference_result.doc_id}-criteria.svg", f"{reference_result.doc_id}-departments.svg"} <= names
    html = doc_page(report, reference_result)
    assert f'src="charts/{reference_result.doc_id}-departments.svg"' in html
    assert japanese_font() == "IPAexGothic"
    # a glyph missing from the font would be a tofu box; matplotlib warns, and here that fails the test
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bars_chart([Bar("世田谷総合支所保健福祉センター生活支援課", {"outsourcing": 3}, 2)], "担当部課別の件数",
                   tmp_path / "c.png", ["outsourcing"])
    assert Image.open(tmp_path / "c.png").width > 300


def test_find_pdfs_by_sha256_matches_bytes_not_names(tmp_path, reference_result):
    (tmp_path / "renamed.pdf").write_bytes(REFERENCE_PDF.read_bytes())
    (tmp_path / "setagaya-2023-report359.pdf").write_bytes(b"%PDF-1.4 not the same file")
    sha = reference_result.extraction.sha256
    found = find_pdfs_by_sha256([tmp_path], [sha])
    if found:  # corpus/pdf may have been rebuilt since the session copy; then nothing matches, rightly
        assert found == {sha: tmp_path / "renamed.pdf"}
    assert find_pdfs_by_sha256([tmp_path], ["0" * 64]) == {}


def test_cite_errors_say_what_is_wrong(tmp_path):
    with pytest.raises(ValueError, match="four numbers x0,top,x1,bottom"):
        parse_bbox("1,2,3")
    with pytest.raises(CiteError, match="no such file"):
        Renderer(tmp_path / "missing.pdf")
    with Renderer(REFERENCE_PDF) as renderer:
        with pytest.raises(CiteError, match=r"page 99 does not exist \(the PDF has \d+ pages\)"):
            renderer.crop(99)
        with pytest.raises(CiteError, match="outside page 1"):
            renderer.crop(1, (5000, 5000, 5100, 5100))


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], check=False, capture_output=True, text=True,
                          timeout=120)


def test_cite_cli_writes_a_crop(tmp_path):
    out = run("cite.py", str(REFERENCE_PDF), "3", "--bbox", "22,86.68,820,103.84", "--out", str(tmp_path / "c.png"))
    assert out.returncode == 0, out.stderr
    width, height = Image.open(tmp_path / "c.png").size  # (820 - 22 + 8) x (103.84 - 86.68 + 8) points at 120 dpi
    assert width == pytest.approx(806 * 120 / 72, abs=3) and height == pytest.approx(25.16 * 120 / 72, abs=3)
    bad = run("cite.py", str(REFERENCE_PDF), "3", "--bbox", "1,2", "--out", str(tmp_path / "d.png"))
    assert bad.returncode == 2 and "error: bbox must be four numbers" in bad.stderr


@pytest.mark.parametrize("script", ["export.py", "report.py", "cite.py"])
def test_help_runs(script):
    out = run(script, "--help")
    assert out.returncode == 0 and "usage:" in out.stdout


def test_report_cli_without_pdfs_warns_and_still_writes(tmp_path, warehouse):
    small = tmp_path / "small.duckdb"  # the documents without their cases: no charts to draw, a quick run
    shutil.copyfile(warehouse, small)
    con = duckdb.connect(str(small))
    con.execute("DELETE FROM cases")
    con.close()
    out = run("report.py", "--db", str(small), "--out", str(tmp_path / "r"), "--quiet")
    assert out.returncode == 0, out.stderr
    assert "warning: no PDF among --pdfs" in out.stderr and (tmp_path / "r" / "index.html").exists()
    assert not (tmp_path / "r" / "crops").exists()


def test_report_on_a_missing_warehouse_is_a_usage_error(tmp_path):
    out = run("report.py", "--db", str(tmp_path / "no.duckdb"), "--out", str(tmp_path / "r"))
    assert out.returncode == 2 and "no such warehouse" in out.stderr
    assert not Path(tmp_path / "no.duckdb").exists()
