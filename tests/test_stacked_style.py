"""The stacked table style (dev/producers, issue 11, stop 39, held out): each case of a list printed as two table rows.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary, a list that runs over pages) is
turned into the stacked list (``stack``) and drawn by producers that take a
second or two (reportlab, Typst, matplotlib) in both forms, and each page is read
from the PDF's words and rules alone (pdfplumber). What is expected is the style's
definition, written here by hand: every case's short fields on one line and its
long text on the next; the long text's line crossed by no column rule but the
table's two sides (form across) and the No. column's right rule (form beside),
while the first row is crossed by a rule between every two columns; every case
once. The same check fails on the grid render (one row a case).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from dev.producers import renderer, stacked_rows
from dev.producers.model import HeadCell, load_matrix, plan_table
from dev.producers.stacked_rows import FORMS, StackedTable, form, long_column, stack
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only

CHEAP = ("reportlab", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 60  # a list that runs over two pages or more in CHEAP's producers


def test_every_producer_draws_stacked_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2059).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("stacked", 2059)


def test_the_model_stacks_a_plain_grid_only() -> None:
    assert_plain_grid_only("stacked", ({"running": True}, {"continued": True}, {"rotated": True}, {"footed": True}))


def test_each_file_draws_its_form_by_its_name() -> None:
    """form: random.Random(f"2059 {name}").choice(FORMS); both forms among the eighteen."""
    variants = [v for v in load_matrix() if v.style.name == "stacked"]
    assert [form(v) for v in variants] == [random.Random(f"2059 {v.name}").choice(FORMS) for v in variants]
    assert {form(v) for v in variants} == set(FORMS)


def test_the_long_column_is_the_lists_free_text() -> None:
    assert long_column((("No", "委託の内容", "担当部課", "実施機関", "有", "無"), ("1", "a", "b", "c", "有", "無"))) == 1
    assert long_column((("No", "提供先", "提供先での利用目的", "該当条項"), ("1", "警察", "捜査", "第1項"))) == 2
    assert long_column(made_up.made_up_document(4).lists[0].table.rows) == 1  # made up: the longest on average


@pytest.mark.parametrize("shape", FORMS)
def test_stack_prints_every_fact_once_in_two_rows_a_case(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    monkeypatch.setattr(stacked_rows, "form", lambda variant: shape)
    doc = made_up.made_up_document(7)
    table = stack(doc, made_up.variant("reportlab", "stacked", "portrait")).lists[0].table
    original = doc.lists[0].table.rows
    assert isinstance(table, StackedTable) and table.form == shape and table.long_heading == "業務の名称"
    assert table.rows[0] == ("番号", "担当部課", "実施機関", "有無") and len(table.rows) == 1 + 2 * 7
    first = 0 if shape == "across" else 1
    for i, row in enumerate(original[1:]):
        a, b = table.rows[1 + 2 * i], table.rows[2 + 2 * i]
        assert a == (row[0], *row[2:])
        assert b[first] == row[1] and all(t == "" for c, t in enumerate(b) if c != first)
    facts = Counter(t for r in original for t in r)
    assert Counter(t for r in table.rows for t in r if t) + Counter([table.long_heading]) == facts
    assert stack(doc, made_up.variant("reportlab", "grid", "portrait")) is doc  # every other style: as it is


@pytest.mark.parametrize("shape", FORMS)
def test_the_plan_spans_the_long_text_and_the_header(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    monkeypatch.setattr(stacked_rows, "form", lambda variant: shape)
    variant = made_up.variant("reportlab", "stacked", "portrait")
    table = stack(made_up.made_up_document(3), variant).lists[0].table
    plan = plan_table(table, variant.style, "list")  # type: ignore[arg-type]
    assert plan.head_rows == 2
    if shape == "across":
        assert plan.head[-1] == HeadCell(1, 0, 1, 4, "業務の名称")
        assert plan.colspans == {(2, 0): 4, (4, 0): 4, (6, 0): 4}
        assert [plan.span(r, c) for r in (1, 2) for c in range(4)] == [1, 1, 1, 1, 1, 0, 0, 0]
    else:
        assert plan.head[0] == HeadCell(0, 0, 2, 1, "番号") and plan.head[-1] == HeadCell(1, 1, 1, 3, "業務の名称")
        assert plan.colspans == {(2, 1): 3, (4, 1): 3, (6, 1): 3}
        assert [plan.span(r, c) for r in (1, 2) for c in range(4)] == [2, 1, 1, 1, 0, 1, 0, 0]
    assert plan.align(2, 1 - (shape == "across")) == "left"  # the long text left-aligned, under the No. column too
    assert plan.width([10.0, 20.0, 30.0, 40.0], 2, 0 if shape == "across" else 1) == (100.0 if shape == "across" else 90.0)


def lines_of(page) -> list[tuple[float, float, str]]:  # type: ignore[no-untyped-def]
    """A page's lines of words, top to bottom: (top, bottom, text), words within 2 pt of a line's top joined."""
    out: list[list] = []  # type: ignore[type-arg]
    for w in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        if out and abs(out[-1][0] - w["top"]) < 2:
            out[-1][1] = max(out[-1][1], w["bottom"])
            out[-1][2] += w["text"]
        else:
            out.append([w["top"], w["bottom"], w["text"]])
    return [(a, b, t) for a, b, t in out]


def crossing(page, y: float) -> list[int]:  # type: ignore[no-untyped-def]
    """The x (rounded) of every vertical rule that crosses height ``y``, but the page-sized background's sides."""
    return sorted({round(e["x0"]) for e in page.edges if e["orientation"] == "v" and e["top"] < y - 0.5
                   and e["bottom"] > y + 0.5 and e["height"] < page.height - 2})


def problems(path: Path, shape: str) -> tuple[int, list[str]]:
    """(cases seen, how ``path``'s list pages differ from the stacked style in ``shape``): every line with a
    case's department (第n課) followed by its long text's line (架空の業務…), which no column rule crosses but the
    table's sides (and, form beside, the No. column's right rule, the first row's second), the first row crossed by
    one between every two of its four columns."""
    found, cases = [], 0
    with pdfplumber.open(path) as pdf:
        pages = [lines_of(page) for page in pdf.pages]
        for number, page in enumerate(pdf.pages[1:-1], start=2):  # the front page, the appendix apart
            lines = pages[number - 1]
            for i, (top, bottom, text) in enumerate(lines):
                if "課" not in text or "区長" not in text:
                    continue
                cases += 1
                if i + 1 == len(lines) or not lines[i + 1][2].startswith("架空"):
                    if split(lines[i + 1:], pages[number]):
                        continue
                    found.append(f"page {number}: {text!r} not followed by its long text")
                    continue
                first = crossing(page, (top + bottom) / 2)
                low, high = lines[i + 1][0], lines[i + 1][1]
                second = crossing(page, (low + high) / 2)
                expected = [first[0], first[-1]] if shape == "across" else [first[0], first[1], first[-1]]
                if len(first) != 5 or second != expected:
                    found.append(f"page {number}: {text!r}: rules at {first}, under it at {second}")
    return cases, found


def split(rest: list[tuple[float, float, str]], after: list[tuple[float, float, str]]) -> bool:
    """Whether a case's first row ends its page's part of the table (``rest``, the page's lines under it: its
    foot's at most) and its long text begins the next page's rows (``after``, the page's lines; the header
    repeated over it): a page break between a case's two rows, as a producer without a keep (Typst, fpdf2) prints
    them in form across."""
    if any("課" in t or t.startswith("架空") for _, _, t in rest):
        return False
    body = [t for _, _, t in after if ("課" in t and "区長" in t) or t.startswith("架空")]
    return bool(body) and body[0].startswith("架空")


@pytest.mark.parametrize("shape", FORMS)
@pytest.mark.parametrize("producer", CHEAP)
def test_each_case_is_two_rows_its_text_across(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, producer: str,
                                               shape: str) -> None:
    monkeypatch.setattr(stacked_rows, "form", lambda variant: shape)
    doc = made_up.made_up_document(ROWS)
    for orientation in ("portrait", "landscape"):
        path = tmp_path / f"{orientation}.pdf"
        renderer(producer)(doc, made_up.variant(producer, "stacked", orientation), path)
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) >= 4  # a front page, a list of two pages or more, the appendix
        assert problems(path, shape) == (ROWS, [])


def test_the_check_fails_on_grid(tmp_path: Path) -> None:
    """The grid render prints a case on one row: its text is on the line of its department."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "grid", "portrait"), path)
    cases, found = problems(path, "across")
    assert cases == ROWS and len(found) == ROWS


def test_the_odt_and_xlsx_span_the_long_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writer, AbiWord, Calligra: the long text's cell table:number-columns-spanned; Calc, Gnumeric: a merged range
    across the list's columns (as written, without LibreOffice)."""
    import zipfile

    from openpyxl import load_workbook

    from dev.producers.office import odt_document, xlsx_document

    monkeypatch.setattr(stacked_rows, "form", lambda variant: "across")
    doc = made_up.made_up_document(5)
    odt_document(stack(doc, made_up.variant("writer", "stacked", "portrait")),
                 made_up.variant("writer", "stacked", "portrait"), tmp_path / "s.odt")
    content = zipfile.ZipFile(tmp_path / "s.odt").read("content.xml").decode()
    assert content.count('table:number-columns-spanned="4"') == 5 + 1  # every case's text, the header's
    monkeypatch.setattr(stacked_rows, "form", lambda variant: "beside")
    variant = made_up.variant("calc", "stacked", "landscape")
    xlsx_document(stack(doc, variant), variant, tmp_path / "s.xlsx")
    ranges = [str(r) for ws in load_workbook(tmp_path / "s.xlsx").worksheets for r in ws.merged_cells.ranges]
    assert sum(r.startswith("B") and r.split(":")[1].startswith("D") for r in ranges) == 5 + 1  # text, header
    assert sum(r.startswith("A") and r.split(":")[1].startswith("A") for r in ranges) == 5 + 1  # No. down two rows
