"""The footed table style (dev/producers, issue 11, stop 39, held out): a running foot on every page.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary on the front page, a list that
runs over pages), given an office line on its front page, is drawn by the
producers that take a second or two (reportlab, fpdf2, Typst, matplotlib), in
each of the three page-number forms, and each page's foot is read from the PDF's
characters alone (pdfplumber): the page's lowest line of text, under the lowest
rule on the page. What is expected is the style's definition, written
here by hand: on every page, the office at the left margin, the page number
centred in the file's form (true for that PDF: 「－ n －」, 「n / N」, 「n頁」),
the print date at the right margin where the file prints one. The same check
fails on the grid render (its 「- n -」 alone). The office files' feet (.odt and
.xlsx) are checked as written, without LibreOffice.
"""

from __future__ import annotations

import random
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from dev.producers import footed, renderer
from dev.producers.footed import FORMS, PRINTED, Foot, foot, office_text
from dev.producers.model import Document, load_matrix
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only

CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 100  # a list that runs over two pages or more in CHEAP's producers
OFFICE = "架空部架空課"


def document() -> Document:
    doc = made_up.made_up_document(ROWS)
    return replace(doc, front=(doc.front[0], OFFICE, *doc.front[1:]))


def test_every_producer_draws_footed_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2058).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("footed", 2058)


def test_the_model_foots_a_plain_grid_only() -> None:
    assert_plain_grid_only("footed", ({"running": True}, {"continued": True}, {"rotated": True}))


def test_each_file_draws_its_form_and_date_by_its_name() -> None:
    """foot: random.Random(f"2058 {name}"): the form first, then the date on one draw in two; all three forms and
    both kinds of file among the eighteen."""
    variants = [v for v in load_matrix() if v.style.name == "footed"]
    front = document().front
    for v in variants:
        rng = random.Random(f"2058 {v.name}")
        assert foot(v, front) == Foot(OFFICE, rng.choice(FORMS), PRINTED if rng.random() < 0.5 else "")
    assert {foot(v, front).form for v in variants} == set(FORMS)
    assert {bool(foot(v, front).printed) for v in variants} == {True, False}


def test_the_office_is_the_front_pages_section_line() -> None:
    assert office_text(("報告第359号", "令和5年8月18日", "総務部区政情報課", "本文。")) == "総務部区政情報課"
    with pytest.raises(ValueError):
        office_text(("報告第1号", "本文。"))


def test_the_number_forms() -> None:
    forms = {form: Foot(OFFICE, form, "").number(3, 12) for form in FORMS}
    assert forms == {"dash": "－ 3 －", "slash": "3 / 12", "page": "3頁"}


def squeezed(text: str) -> str:
    """Text as compared: NFKC (a Kangxi radical a font's ToUnicode gives, ⾴ for 頁, read as the character), no
    white space (producers space the number with U+0020, U+00A0 or a kern)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def feet(path: Path) -> list[tuple[str, list[dict], float]]:  # type: ignore[type-arg]
    """Each page's foot as its characters (those of the page's lowest line of text, their tops within 3 pt of the
    lowest, left to right) and the page's lowest rule (but a background the size of the page: matplotlib's Figure
    patch)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lowest = max((e["bottom"] for e in page.edges if e["bottom"] < page.height - 1), default=0.0)
            last = max((c["top"] for c in page.chars), default=0.0)
            chars = sorted((c for c in page.chars if c["top"] > last - 3), key=lambda c: c["x0"])
            out.append(("".join(c["text"] for c in chars), chars, lowest))
    return out


def problems(path: Path, expected: Foot, below: bool = True) -> list[str]:
    """How ``path``'s feet differ from ``expected``'s on every page: the page's lowest line the foot and nothing
    else, under every rule (``below``), the office starting at the left margin (in the page's first fifth), the
    number centred (its middle within 12 pt of the page's), the date (if any) ending in the page's last fifth."""
    found = []
    with pdfplumber.open(path) as pdf:
        widths = [float(p.width) for p in pdf.pages]
    pages = feet(path)
    for number, ((text, chars, lowest), width) in enumerate(zip(pages, widths, strict=True), start=1):
        office, middle, date = expected.pieces(number, len(pages))
        if squeezed(text) != squeezed(office + middle + date):
            found.append(f"page {number}: foot {text!r}, not {office + middle + date!r}")
            continue
        if below and chars[0]["top"] < lowest - 1:
            found.append(f"page {number}: the foot at {chars[0]['top']:.0f}, above a rule at {lowest:.0f}")
        chars = [c for c in chars if squeezed(c["text"])]  # one a character of the three parts, in their order
        if chars[0]["x0"] > width / 5:
            found.append(f"page {number}: the office starts at {chars[0]['x0']:.0f}")
        digits = chars[len(squeezed(office)):len(chars) - len(squeezed(date))]
        centre = (min(c["x0"] for c in digits) + max(c["x1"] for c in digits)) / 2
        if abs(centre - width / 2) > 12:
            found.append(f"page {number}: the number's middle at {centre:.0f}, the page's {width / 2:.0f}")
        if date and chars[-1]["x1"] < width * 4 / 5:
            found.append(f"page {number}: the date ends at {chars[-1]['x1']:.0f}")
    return found


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("producer", CHEAP)
def test_every_page_has_its_foot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, producer: str, form: str) -> None:
    monkeypatch.setattr(footed, "FORMS", (form,))  # every file of this run in ``form``
    doc = document()
    for orientation in ("portrait", "landscape"):
        variant = made_up.variant(producer, "footed", orientation)
        path = tmp_path / f"{orientation}.pdf"
        renderer(producer)(doc, variant, path)
        expected = foot(variant, doc.front)
        assert expected.form == form
        assert len(feet(path)) >= 3  # a front page and a list of two pages or more
        assert problems(path, expected) == []


def test_the_check_fails_on_grid(tmp_path: Path) -> None:
    """The grid render prints 「- n -」 alone: the check sees no office; a foot of another form is seen too."""
    doc = document()
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(doc, made_up.variant("reportlab", "grid", "portrait"), path)
    assert all("page" in p for p in problems(path, Foot(OFFICE, "dash", "")))
    footed_path = tmp_path / "footed.pdf"
    variant = made_up.variant("reportlab", "footed", "portrait")
    renderer("reportlab")(doc, variant, footed_path)
    other = next(f for f in FORMS if f != foot(variant, doc.front).form)
    assert problems(footed_path, replace(foot(variant, doc.front), form=other))


def test_the_odt_footer_has_the_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writer, AbiWord, Calligra: the master page's footer holds the office, a tab, the page-number field (and the
    page-count field for 「n / N」), a tab and the date; grid's the centred 「- n -」 alone."""
    from dev.producers.office import odt_document

    monkeypatch.setattr(footed, "FORMS", ("slash",))
    monkeypatch.setattr(footed, "PRINTED", "印刷日")
    doc = document()
    path = tmp_path / "footed.odt"
    variant = made_up.variant("writer", "footed", "portrait")
    odt_document(doc, variant, path)
    styles = zipfile.ZipFile(path).read("styles.xml").decode()
    footer = styles[styles.index("<style:footer>"):styles.index("</style:footer>")]
    printed = foot(variant, doc.front).printed
    assert footer.count("<text:tab/>") == 1 + bool(printed)
    for part in (OFFICE, "<text:page-number", " / <text:page-count", printed):
        assert part in footer
    assert "RunningFoot" in footer and 'style:type="center"' in styles and 'style:type="right"' in styles
    odt_document(doc, made_up.variant("writer", "grid", "portrait"), tmp_path / "grid.odt")
    grid = zipfile.ZipFile(tmp_path / "grid.odt").read("styles.xml").decode()
    assert OFFICE not in grid and "<text:page-count" not in grid and "- <text:page-number" in grid


def test_the_sheets_footers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Calc, Gnumeric: every sheet's page footer &L the office, &C the number (&P, &N), &R the date if any."""
    from openpyxl import load_workbook

    from dev.producers.office import xlsx_document

    monkeypatch.setattr(footed, "FORMS", ("slash",))
    doc = document()
    path = tmp_path / "footed.xlsx"
    variant = made_up.variant("calc", "footed", "landscape")
    xlsx_document(doc, variant, path)
    printed = foot(variant, doc.front).printed
    sheets = load_workbook(path).worksheets
    assert len(sheets) >= 2
    for ws in sheets:
        assert (ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text) == (
            OFFICE, "&P / &N", printed or None)
