"""The report in a real headless Chromium: no console errors, charts and a citation crop decode.

Chromium is required, not optional: without it this test fails (Debian: apt-get
install chromium). The screenshot is kept under pytest's tmp and copied to
out/test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import shutil

from tests.outputs.browser import Browser, chromium_path
from tests.outputs.conftest import ARTIFACTS, CASE


def test_report_pages_load_cleanly_in_chromium(report, reference_result, tmp_path):
    executable = chromium_path()
    assert executable, "chromium is not installed (apt-get install chromium); the browser test needs it"
    doc_id = reference_result.doc_id
    with Browser(executable) as browser:
        index = browser.check(report.index.resolve().as_uri())
        page = browser.check(report.pages[doc_id].resolve().as_uri())
    assert index.console_errors == [] and page.console_errors == []
    assert f"doc-{doc_id}.html" in index.links
    assert page.images, "no images on the document page"
    broken = [i["src"] for i in page.images if not (i["complete"] and i["width"] > 0 and i["height"] > 0)]
    assert broken == []
    srcs = {i["src"] for i in page.images}
    assert {f"charts/{doc_id}-criteria.svg", f"charts/{doc_id}-departments.svg"} <= srcs
    assert f"crops/{doc_id}/{CASE[0]}-{CASE[1]}.png" in srcs  # the corrected row's citation, inline
    chart = next(i for i in page.images if i["src"] == f"charts/{doc_id}-departments.svg")
    assert chart["width"] > 400
    # every citation link points at a crop that exists
    out = report.index.parent
    crops = [h for h in page.links if h and h.startswith("crops/")]
    assert len(crops) >= len(reference_result.cases)
    assert all((out / h).is_file() for h in crops)
    shot = tmp_path / "report.png"
    shot.write_bytes(page.screenshot)
    assert shot.stat().st_size > 10_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "report-document-page.png")
    (ARTIFACTS / "report-index.png").write_bytes(index.screenshot)
