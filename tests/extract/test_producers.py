"""The reference report drawn by independent producers in the table styles offices use (issue 11).

``tests/extract/cases/producers/*.pdf`` are written by
``dev/build_producers.py --fixtures`` (reportlab platypus, fpdf2, LibreOffice
Writer and Calc, headless Chromium, WeasyPrint, Typst, matplotlib; committed, as CI installs
no LibreOffice; none of PyMuPDF's Story, the held-out producer):
each holds the front pages with the four summary tables and a seeded window of
ten consecutive rows from each of the three lists; ``manifest.json`` says which
cases each one lists (from the builder's input, not from any extraction).

Every expectation is read from ``corpus/ground_truth`` (the CSVs written from
the reference text). Free-text fields are compared with all whitespace removed:
a producer that wraps at a space drops it (see test_other_producer.py).

Variants the extractor of today reads wrongly are marked xfail(strict=True):
the table model of issue 11 (branch ``tables``) must flip them, and the marks go
when it is merged. Held out (style banded; matrix.toml): scored once, at the
end, never tuned on; their marks record that one run. Chromium was held out
until the lead opened it for tuning on 2026-12-02; its marks stay as they were.
Producer weasyprint took its place in the held-out set until 2026-12-03. Held out
since then: producer typst and style dotted, scored once and then spent (opened for
tuning on 2026-12-03; their fixtures joined the row-level tests). Producer matplotlib and
style vrules, held out next, were scored once at stop 24 and opened the same day; their two
fixtures (matplotlib-narrow-portrait, writer-vrules-portrait) joined the row-level tests.
Held out since 2026-12-03 (after stop 24), new and unseen: style double (every
producer draws it), joined at stop 25 by producer pymupdf (PyMuPDF's Story draws every
style). The 8 MiB cap leaves no room for a double fixture, and no fixture of either is
committed: nothing here runs the pipeline on a held-out render. Held out since 2026-12-03
(stop 26), new and unseen: style heavy (every producer: a heavy frame and header rule,
hairlines inside) and producer gnumeric, no fixture either; tests/test_heavy_style.py and
test_gnumeric_writer.py check their drawing only. All four were scored once (double and pymupdf at
stop 25, heavy and gnumeric at stop 26) and opened; they keep no fixture (the cap), so the names
below still say "unseen" for the blocks the bench keeps apart. Held out since 2026-12-03 (stop 27),
new and unseen: style separate (every cell its own box, 1.5-3 pt apart, inside the table's box;
drawn by every producer but Writer, Calc and Gnumeric, which have no cell spacing), no fixture;
tests/test_separate_style.py checks its drawing only;
and producer wkhtmltopdf (QtWebKit, every style), no fixture; test_wkhtml_writer.py checks its drawing only.
Held out since 2026-12-03 (stop 28), new and unseen: style whiterules (every cell filled, a dark header with
white text and two light tints, parted by white rules only, as Excel's table styles print; drawn by every
producer), no fixture; tests/test_whiterules_style.py checks its drawing only.
Held out since 2026-12-03 (stop 28), new and unseen: producer abiword (AbiWord printing Writer's .odt; every style
but dotted, double and separate, which its ODF import draws as grid, as single lines, and cannot space), no fixture;
test_abiword_writer.py checks its drawing only.
Held out since 2026-12-03 (stop 29), new and unseen: style booktabs (三線表: a heavy rule above the header and under
the last row, a light one under the header, no other rule; drawn by all twelve producers), no fixture;
tests/test_booktabs_style.py checks its drawing only.
Held out since 2026-12-03 (stop 29), new and unseen: producer latex (LuaLaTeX typesetting the report, longtable lists;
every style but separate, as a LaTeX tabular has no cell spacing), no fixture; test_latex_writer.py checks its drawing
only.
Held out at stop 30 (2026-12-04), scored once at its end and opened: style rounded (a full grid whose outer frame has rounded corners
drawn as curves, its header row grey; drawn by the nine producers with a corner radius, not by Writer, Calc,
Gnumeric, AbiWord), no fixture; tests/test_rounded_style.py checks its drawing only.
Held out at stop 30 (2026-12-04), scored once at its end and opened: producer calligra (Calligra Words printing Writer's .odt; every
style but separate, as the .odt has no cell spacing), no fixture; test_calligra_writer.py checks its drawing only.
Held out since 2026-12-04 (stop 31), new and unseen: style partial (the frame, a rule under every row, column rules only
after the 2nd, 4th, … column; drawn by all fourteen producers), no fixture; tests/test_partial_style.py checks its
drawing only.
Held out since 2026-12-04 (stop 32), new and unseen: style tight (a full grid whose cells have no padding, the text
on the rules, lines 1 em apart; drawn by all fifteen producers), no fixture; tests/test_tight_style.py checks its
drawing only.
Held out since 2026-12-04 (stop 33), new and unseen: style grouped (a full grid under a two-row header, the two flag
columns under one group heading, the other headings spanning both rows; drawn by all sixteen producers), no fixture;
tests/test_grouped_style.py checks its drawing only.
Held out since 2026-12-04 (stop 34), new and unseen: style once (a full grid whose header row is printed once, at
the table's start, the pages a list continues to beginning with body rows; drawn by all seventeen producers), no
fixture; tests/test_once_style.py checks its drawing only.
Held out since 2026-12-04 (stop 34), new and unseen: style vertical (a full grid whose lists' two flag columns are
narrow and headed in vertical writing, 縦書き, one character under another; drawn by all seventeen producers), no
fixture; tests/test_vertical_style.py checks its drawing only.
Held out since 2026-12-04 (stop 34, built for the next stop), new and unseen: style centred (no rules, every cell's
text centred in its cell, header and body; drawn by all eighteen producers), no fixture;
tests/test_centred_style.py checks its drawing only.
Held out since 2026-12-05 (stop 35, built for the next stop), new and unseen: style notes (no rules, as norules, and
printed text around every table that is not data: a unit caption over each summary, ※ notes under every table's last
row; drawn by all eighteen producers), no fixture; tests/test_notes_style.py checks its drawing only.
Held out since 2026-12-05 (stop 35, built for the next stop), new and unseen: style distributed (a full grid, every
header cell's and the agency column's text spread across its cell, 均等割り付け; drawn by all eighteen producers), no
fixture; tests/test_distributed_style.py checks its drawing only.
Held out since 2026-12-05 (stop 36, built for the next stop), new and unseen: style sidebyside (a full grid, the
summary tables printed two abreast, each under its caption, both of a pair starting at one height; drawn by all
eighteen producers), no fixture; tests/test_sidebyside_style.py checks its drawing only.
Held out since 2026-12-05 (stop 36, built for the next stop), new and unseen: style titled (a full grid, every table
headed by a title row, one cell across the table naming it, over the column headings, both rows repeated on every
page a list continues to; drawn by all eighteen producers), no fixture; tests/test_titled_style.py checks its
drawing only.
Held out since 2026-12-05 (stop 37, built for the next stop), new and unseen: style continued (a full grid, a list's
caption again with （続き） over every page it continues to, 次頁へ続く under its last row on every page it breaks;
drawn by all eighteen producers), no fixture; tests/test_continued_style.py checks its drawing only.
Held out since 2026-12-05 (stop 38, built for the next stop), new and unseen: style rotated (a full grid, every page
from the first list page onward stored sideways, its content turned a quarter turn on a MediaBox with width and height
swapped under /Rotate 90 or 270, showing as grid's; drawn by all eighteen producers), no fixture;
tests/test_rotated_style.py checks its drawing only.
Held out since 2026-12-05 (stop 39, built by a helper for the lead to score once), new and unseen: style footed (a
full grid, and on every page a running foot in the bottom margin: the office's name, the page number in one office
form per file, on some files a print date; drawn by all eighteen producers), no fixture;
tests/test_footed_style.py checks its drawing only.
Held out since 2026-12-05 (stop 39, built by a helper for the lead to score once), new and unseen: style stacked (a
full grid whose lists print each case as two table rows, the short fields in the first, the long text in one cell
merged across the second, No. merged down over both in one form of the two; drawn by all eighteen producers), no
fixture; tests/test_stacked_style.py checks its drawing only.
Held out since 2026-12-05 (stop 40, built by a helper for the lead to score once), new and unseen: style reordered
(a full grid whose lists print their columns in another office's order, some headings in its wording and an extra
備考 column with seeded remarks; drawn by all eighteen producers), no fixture; tests/test_reordered_style.py checks
its drawing only.
Held out since 2026-12-05 (stop 41, built by a helper for the lead to score once), new and unseen: style sectioned
(a full grid whose lists drop the 担当部課 column and print a section row across the table, naming the department,
before each run of its cases; drawn by all eighteen producers), no fixture; tests/test_sectioned_style.py checks
its drawing only.
Held out since 2026-12-05 (stop 37), built and scored once the same stop, then opened: style running (a full grid under a
running head on every page, the report's number and title over a rule across the text width, a boxed 資料１ on page
1; drawn by all eighteen producers), no fixture; tests/test_running_style.py checks its drawing only.
Held out since 2026-12-04 (stop 31), new and unseen: producer fop (Apache FOP 2.8 laying out XSL-FO written from the
model; every style), no fixture; test_fop_writer.py checks its drawing only.
Held out since 2026-12-04 (stop 32), new and unseen: producer itext (iText 5 laying out the report described from the
model by a small Java program; every style), no fixture; test_itext_writer.py checks its drawing only.
Held out since 2026-12-04 (stop 33), new and unseen: producer scribus (Scribus 1.5.8, desktop publishing, laying the
report out in text frames, lines and rectangles by a script run inside it; every style), no fixture;
test_scribus_writer.py checks its drawing only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dev.producers.model import load_matrix
from tests.conftest import GROUND_TRUTH, read_csv, squeeze
from tests.extract.fixture_runs import pipeline_result

CASES = Path(__file__).resolve().parent / "cases" / "producers"
MANIFEST = json.loads((CASES / "manifest.json").read_text(encoding="utf-8"))
FIELDS = ("description", "recipient", "purpose", "legal_basis", "link_type", "department_raw")
EXACT = ("department", "agency")
PRODUCER_MARKS = {  # what each producer writes into the PDF's Producer / Creator
    "reportlab": "ReportLab", "fpdf2": "fpdf2", "writer": "LibreOffice", "calc": "LibreOffice",
    "chromium": "Skia/PDF", "weasyprint": "WeasyPrint", "typst": "Typst", "matplotlib": "Matplotlib",
    "pymupdf": "PyMuPDF", "gnumeric": "cairo", "wkhtmltopdf": "wkhtmltopdf", "abiword": "cairo", "latex": "LuaTeX",
    "calligra": "Calligra Words", "fop": "Apache FOP", "itext": "iText",
    "scribus": "Scribus", "pdfkit": "PDFKit",
}
UNSEEN = ("pymupdf", "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext",
          "scribus", "pdfkit")  # held-out producers (pymupdf, gnumeric, wkhtmltopdf, abiword, latex, calligra, fop,
# itext and scribus spent; pdfkit unseen since stop 34): no fixture, no test reads a render of them
UNSEEN_STYLES = {"double", "heavy", "separate", "whiterules", "booktabs", "rounded", "partial", "tight",
                 "grouped", "once", "vertical", "centred", "notes", "distributed", "sidebyside",
                 "titled", "running", "continued", "rotated", "footed", "stacked", "reordered",
                 "sectioned"}  # held-out styles (double, heavy, separate, whiterules, booktabs,
# rounded, partial, tight and grouped spent): no test reads a render of them
# no cell spacing in LibreOffice's tables, in a sheet nor in AbiWord's import of the .odt; AbiWord's ODF import draws
# dotted borders solid and a double border as one line; AbiWord and whiterules were built the same stop, apart, and
# AbiWord was not given the style; a LaTeX tabular has no cell spacing (its cells share their rules); Calligra Words
# prints the same .odt, which has none
CANNOT_DRAW = {"separate": {"writer", "calc", "gnumeric", "abiword", "latex", "calligra"}, "dotted": {"abiword"},
               "double": {"abiword"}, "whiterules": {"abiword"},
               # stop 30: no corner radius in LibreOffice's, Gnumeric's, AbiWord's or Calligra's (the .odt's) borders
               "rounded": {"writer", "calc", "gnumeric", "abiword", "calligra"},
               # stop 33: Scribus and grouped were built the same stop, apart; Scribus was not given the style
               "grouped": {"scribus"},
               # stop 34: PDFKit and once were built the same stop, apart; PDFKit was not given the style
               "once": {"pdfkit"},
               # stop 34: PDFKit and vertical were built the same stop, apart; PDFKit was not given the style
               "vertical": {"pdfkit"}}


def is_unseen(producer: str, style: str) -> bool:
    """Held out: drawn by an unseen producer or in an unseen style."""
    return producer in UNSEEN or style in UNSEEN_STYLES


SCORED = sorted(name for name, entry in MANIFEST.items() if not is_unseen(entry["producer"], entry["style"]))
NEEDS_TABLE_MODEL = "needs the table model of issue 11"
# Variants whose tables the extractor of today does not find (tuning block, found while developing):
# without vertical rules (hrules, norules, mincho = hrules in two fonts) no table at all; with only an
# outer frame and a header rule (frame) each table is one cell (「区長 766 305 115教育委員会 29 4 0…」).
NO_TABLE_TODAY = {
    "calc-hrules-landscape", "calc-norules-landscape", "fpdf2-hrules-portrait", "fpdf2-norules-landscape",
    "reportlab-frame-portrait", "reportlab-hrules-landscape", "writer-frame-landscape", "writer-mincho-portrait",
}
# Held out, scored once at the end: the same for Chromium's rule-less styles; banded rows (every
# producer) come out as one table per shaded band, the fills taken as cell borders.
HELD_OUT_NO_TABLE = {
    "chromium-hrules-portrait", "chromium-norules-portrait", "chromium-mincho-landscape",
    "chromium-banded-portrait", "calc-banded-landscape", "fpdf2-banded-portrait", "reportlab-banded-landscape",
    "writer-banded-portrait",
}
# After the table model of issue 11 was merged: the frame style's summary tables and the h-rules
# landscape list read exactly; the rest still fail (the closing note of issue 11 says how).
XFAIL_SUMMARY: set[str] = (NO_TABLE_TODAY | HELD_OUT_NO_TABLE) - {"reportlab-frame-portrait"}
XFAIL_CASES: set[str] = (NO_TABLE_TODAY | HELD_OUT_NO_TABLE) - {"reportlab-hrules-landscape"}
# Issue 11 follow-up (branch tables2), tuning block: two tables drawn with h-rules one under the other cut at
# the caption between them, unruled blocks cut at their lines of running text, a framed body's rows found by
# their line pitch, a caption widowed at the foot of a page kept for its table, hanging 。 kept in its cell.
XFAIL_SUMMARY -= {"calc-hrules-landscape", "reportlab-hrules-landscape", "writer-mincho-portrait",
                  "writer-frame-landscape"}
XFAIL_CASES -= {"writer-frame-landscape", "reportlab-frame-portrait"}
# Held out, scored once at the end of that work (never opened while developing): this one now reads exactly.
XFAIL_SUMMARY -= {"writer-banded-portrait"}
# Issue 11 follow-up (branch producers3), tuning block: rules between the body rows only, the header above the
# first rule and the 合計 row below the last one taken into the table (extract/rulestack.py).
XFAIL_SUMMARY -= {"fpdf2-hrules-portrait"}
# Held out: not scored on purpose, but the suite ran it after that change and it now reads exactly (seen, not tuned on).
XFAIL_SUMMARY -= {"chromium-hrules-portrait"}
# Held out, full grid: every table right, but Chromium's text layer maps a glyph IPAex shares between code
# points to the other one (⼦ U+2F26 for 子 in 「子ども・若者部」, 戶 for 戸, 〜 for ～): not the table model.
# Same branch: an unruled table's header wrapped at its own narrower pitch is one row, a line continuing a cell
# that filled its column joins its row, full-width characters part at a narrower gap (extract/wrapped.py).
XFAIL_SUMMARY -= {"fpdf2-norules-landscape"}
XFAIL_CASES -= {"fpdf2-norules-landscape", "calc-hrules-landscape"}
# Held out: the suite ran these after that change (not tuned on, not opened): now exact, marks removed.
XFAIL_SUMMARY -= {"chromium-banded-portrait", "chromium-norules-portrait", "fpdf2-banded-portrait"}
XFAIL_CASES -= {"fpdf2-banded-portrait", "writer-banded-portrait"}
# Issue 11 follow-up (branch frame3), tuning block: a stack of rules whose first band alone would split is its
# header, one row (the mincho fixture's header wraps in four of seven columns).
XFAIL_CASES -= {"writer-mincho-portrait"}
# Issue 11 follow-up (branch unruled3), tuning block: a caption opening an unruled block is no row, blocks that
# share their columns are one table across the gaps Calc leaves under rows padded to a neighbour's height, and a
# header is the last lines above the body whose chunks stand over its columns (extract/alignment.py).
# A short block repeating the columns of the table above (header and first row at the foot of a page) is a table.
XFAIL_CASES -= {"calc-norules-landscape"}
XFAIL_SUMMARY -= {"calc-norules-landscape"}
# Held out: the suite ran it after those changes (not tuned on, not opened): it now reads exactly.
XFAIL_CASES -= {"calc-banded-landscape", "reportlab-banded-landscape"}
XFAIL_SUMMARY -= {"calc-banded-landscape"}
# Branch chromium (chromium opened for tuning): one character under two code points is one spelling (戶 -> 戸,
# 〜 -> ~, config/variants.tsv), a header centred beside a taller heading is one row, a short caption between two
# ruled tables is no header: the mincho summary reads exactly, and every normalized field of the Chromium lists
# does. Their department_raw keeps what the text layer says, as printed by design: Chromium's ToUnicode names
# the Kangxi radical for many ideographs IPAex draws with one glyph (⼦ ⾏ ⺠ ⽥ for 子 行 民 田), which only
# normalize_department folds; the ground truth's department_raw is the source's text.
XFAIL_SUMMARY -= {"chromium-mincho-landscape"}
XFAIL_CASES -= {"chromium-hrules-portrait", "chromium-norules-portrait", "chromium-mincho-landscape"}
# Branch banded (banded opened for tuning): shaded bands set the rows as horizontal rules do, the unshaded row
# under the last band ruled off (extract/shading.band_rules): the stacked summary tables no longer run together.
XFAIL_SUMMARY -= {"reportlab-banded-landscape"}
# WeasyPrint (no longer held out since 2026-12-03) joined the row-level tests with the typst block; its banded
# and frame fixtures, wrong then, read exactly after the same branch.
# The typst/dotted block, spent and opened for tuning on 2026-12-03 (matrix.toml): what its fixtures read wrongly
# the day they joined the row-level tests (tuning targets from now on); the other dotted and typst fixtures read
# exactly, and chromium-dotted's department_raw keeps Chromium's radicals as the other Chromium fixtures do.
# typst-hrules and typst-mincho read exactly after branch typsthrules (headings centred down a header ruled
# between every row keep their columns, rulestack.py); typst-frame after typstframe (alignment.py).
XFAIL_CASES |= {"typst-norules-portrait"}
# Branch joints27: an unruled table's columns come from the chunk count whose lines hold the most chunks, not the
# most lines (Gnumeric's wrapped second lines outvoted its rows); the typst-norules fixture's cases now read exactly.
XFAIL_CASES -= {"typst-norules-portrait"}
SHARED_GLYPHS = {"chromium-grid-portrait", "chromium-grid-landscape", "chromium-hrules-portrait",
                 "chromium-norules-portrait", "chromium-mincho-landscape", "chromium-dotted-portrait"}
SHARED_GLYPHS_REASON = "department_raw keeps Chromium's Kangxi radical code points (⼦ ⾏ ⺠ for 子 行 民): raw as read"


def variants(xfail: set[str], other: dict[str, str] | None = None) -> list:  # type: ignore[type-arg]
    """Every fixture; those in ``xfail`` marked as needing the table model, those in ``other`` for their reason."""
    reasons = {**dict.fromkeys(xfail, NEEDS_TABLE_MODEL), **(other or {})}
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=reasons[name])]
                         if name in reasons else []) for name in SCORED]


def result_of(name: str):  # type: ignore[no-untyped-def]
    """The whole pure pipeline over one fixture, once per test session."""
    return pipeline_result(CASES / MANIFEST[name]["file"])


def test_the_matrix_covers_every_style_and_producer():
    """Every style drawn by two producers at least, every producer draws three styles, both orientations;
    the held-out block is the unseen style by every producer and the unseen producers in every style."""
    matrix = load_matrix()
    by_style: dict[str, set[str]] = {}
    by_producer: dict[str, set[str]] = {}
    for v in matrix:
        by_style.setdefault(v.style.name, set()).add(v.producer)
        by_producer.setdefault(v.producer, set()).add(v.style.name)
    assert set(by_producer) == set(PRODUCER_MARKS)
    assert set(by_style) == {"grid", "hrules", "frame", "norules", "banded", "merged", "narrow", "mincho",
                             "dotted", "vrules", "double", "heavy", "separate", "whiterules", "booktabs",
                             "rounded", "partial", "tight", "grouped", "once", "vertical", "centred", "notes",
                             "distributed", "sidebyside", "titled", "running", "continued", "rotated", "footed", "stacked", "reordered",
                             "sectioned"}
    assert all(len(p) >= 2 for p in by_style.values()), by_style
    assert all(len(s) >= 3 for s in by_producer.values()), by_producer
    assert {v.orientation for v in matrix} == {"portrait", "landscape"}
    assert {v.name for v in matrix if v.held_out} == {v.name for v in matrix if is_unseen(v.producer, v.style.name)}
    assert all(by_style[style] == set(PRODUCER_MARKS) - CANNOT_DRAW.get(style, set()) for style in UNSEEN_STYLES)
    assert all(by_producer[p] == {s for s in by_style if p not in CANNOT_DRAW.get(s, set())} for p in UNSEEN)
    assert any(not v.held_out for v in matrix if v.producer == "matplotlib" or v.style.name == "vrules")


def test_the_fixtures_are_variants_of_the_matrix_under_the_cap():
    """Every fixture is a variant of matrix.toml with its held-out flag; every producer and every style but the
    held-out ones has one; the held-out producer and style have none (nothing committed, so no test can read it)."""
    matrix = {v.name: v for v in load_matrix()}
    assert set(MANIFEST) <= set(matrix)
    assert all(e["held_out"] == matrix[n].held_out for n, e in MANIFEST.items())
    held = {n for n, e in MANIFEST.items() if e["held_out"]}
    assert held == {n for n, e in MANIFEST.items() if is_unseen(e["producer"], e["style"])}
    assert {e["producer"] for e in MANIFEST.values()} == set(PRODUCER_MARKS) - set(UNSEEN)
    assert {e["style"] for e in MANIFEST.values()} == {v.style.name for v in matrix.values()} - UNSEEN_STYLES
    assert sum(p.stat().st_size for p in CASES.glob("*.pdf")) < 8 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_the_fixture_comes_from_its_producer(name):
    import pdfplumber

    entry = MANIFEST[name]
    with pdfplumber.open(CASES / entry["file"]) as pdf:
        meta = f"{pdf.metadata.get('Producer', '')} {pdf.metadata.get('Creator', '')}"
        page = pdf.pages[0]
        assert PRODUCER_MARKS[entry["producer"]] in meta, meta
        assert (page.width > page.height) == (entry["orientation"] == "landscape")
        assert 3 <= len(pdf.pages) <= 8


@pytest.mark.parametrize("name", sorted(n for n, e in MANIFEST.items() if is_unseen(e["producer"], e["style"])))
def test_the_unseen_producer_goes_through_without_an_error(name):  # no such fixture while double is held out
    """Held out and new: the whole pipeline reads every page without raising; what it reads is not looked at."""
    import pdfplumber

    with pdfplumber.open(CASES / MANIFEST[name]["file"]) as pdf:
        pages = len(pdf.pages)
    assert result_of(name).extraction.page_count == pages


@pytest.mark.parametrize("name", variants(XFAIL_SUMMARY))
def test_all_24_summary_cells_exact(name):
    got = {(r.criterion, r.agency): r for r in result_of(name).review_counts}
    want = read_csv(GROUND_TRUTH / "review_counts.csv")
    assert len(want) == 24
    wrong = [(exp["criterion"], exp["agency"], field, getattr(got.get((exp["criterion"], exp["agency"])), field, None))
             for exp in want for field in ("reviewed", "sensitive", "ordinance_sensitive")
             if getattr(got.get((exp["criterion"], exp["agency"])), field, None) != int(exp[field])]
    assert wrong == [] and len(got) == 24


@pytest.mark.parametrize("name", variants(XFAIL_CASES, dict.fromkeys(SHARED_GLYPHS, SHARED_GLYPHS_REASON)))
def test_listed_cases_exact(name, ground_truth):
    """Exactly the cases the fixture lists, none twice, every field as the ground truth has it."""
    cases = result_of(name).cases
    expected = {(c["criterion"], int(c["case_no"])): c for c in ground_truth["cases"]}
    listed = [tuple(key) for key in MANIFEST[name]["cases"]]
    assert len(listed) == 30
    assert sorted((c.criterion, c.case_no) for c in cases) == sorted(listed)
    wrong = []
    for case in cases:
        exp = expected[(case.criterion, case.case_no)]
        wrong += [(case.case_no, f, getattr(case, f)) for f in EXACT if (getattr(case, f) or "") != exp[f]]
        wrong += [(case.case_no, f, getattr(case, f)) for f in FIELDS if squeeze(getattr(case, f)) != squeeze(exp[f])]
        wrong += [(case.case_no, f, getattr(case, f)) for f in ("sensitive", "ordinance_sensitive")
                  if getattr(case, f) is not (exp[f] == "true")]
    assert wrong == []
