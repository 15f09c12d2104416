"""The grouped table style (dev/producers, issue 11, stop 33): a full grid under a two-row header.

The style is held out, so nothing here touches the reference report or the
extractor: a made-up document shaped like tests/made_up.py's (a four-column
summary, a six-column list that runs over pages, its last two columns the two
flags a group heading heads) is drawn by each producer whose tool is installed
(CI installs none of the external ones: those tests skip) and read back with
pdfplumber's own characters and rules. What is expected is the style's
definition, written here by hand: the group heading above its two sub-headings
and centred over them, a heading that spans both rows centred down them (below
the group heading's middle, above the sub-headings'), a rule under the group
heading across its two columns but none across a column whose heading spans
both rows, and the two rows again on every page the list runs over (but in the
three producers that print a list's header once, as under every style).
"""

from __future__ import annotations

import random
import unicodedata
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.html import document_html
from dev.producers.itext_writer import description
from dev.producers.latex_tables import table_latex
from dev.producers.model import (
    GROUP_HEADINGS,
    SUB_HEADINGS,
    Document,
    HeadCell,
    ListTable,
    Style,
    Table,
    header_cells,
    header_grid,
    load_matrix,
)
from dev.producers.pdflibs import table_commands
from dev.producers.typst_writer import table_typst
from tests import made_up
from tests.test_whiterules_style import drawn_rules

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext")  # random.Random(2045)'s order
DRAWN = (*ORDER, "pdfkit")  # and pdfkit (stop 34), given grouped with its own seed
ONCE = ("pymupdf", "wkhtmltopdf", "abiword")  # print a list's header on its first page only, under every style
SUMMARY_HEADER = ("実施機関", "審査件数", "うち、要配慮個人情報 を取り扱うもの", "うち、条例要配慮個人情報 を取り扱うもの")
LIST_HEADER = ("番号", "業務の名称", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
ROWS = 80  # a list that runs over two pages or more in every producer


def grouped_document(rows: int) -> Document:
    """tests/made_up.py's report with the reference report's summary header and a list whose last two columns are
    its two flags, each flag cell written out long enough that a sub-heading fits its column on one line."""
    doc = made_up.made_up_document(rows)
    summary = Table("outsourcing", (SUMMARY_HEADER, ("区長", "1 2", "3", "4"), ("合計", "1 2", "3", "4")))
    body = tuple(row[:4] + (f"{row[4]}（別紙のとおり記載する）", "無（該当する項目なし）") for row in doc.lists[0].table.rows[1:])
    return Document(("報告第1号", summary),
                    (ListTable("一覧", "資料No.1", Table("outsourcing", (LIST_HEADER,) + body)),), ("付録。",))


def test_every_producer_draws_grouped_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2045).choice for the sixteen producers in ORDER, held out; a plain full grid."""
    rng = random.Random(2045)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "grouped" and v.producer in ORDER]  # pdfkit (stop 34): its own seed, 2047
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "grouped")
    assert (style.rules, style.heading, style.shading, style.merge, style.padding) == ("grid", "grouped", "none",
                                                                                       False, "normal")
    assert all(v.style.heading == "single" for v in load_matrix() if v.style.name not in ("grouped", "titled"))


def test_the_model_groups_a_plain_grid_only() -> None:
    Style("x", rules="grid", heading="grouped")
    for bad in ({"heading": "double"}, {"heading": "grouped", "rules": "hrules"}, {"heading": "grouped", "merge": True},
                {"heading": "grouped", "shading": "banded"}, {"heading": "grouped", "padding": "none"},
                {"heading": "grouped", "double": True}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", **bad})  # type: ignore[arg-type]


def test_the_header_cells_span_as_the_style_says() -> None:
    assert header_cells(LIST_HEADER, "list", "grouped") == (
        HeadCell(0, 0, 2, 1, "番号"), HeadCell(0, 1, 2, 1, "業務の名称"), HeadCell(0, 2, 2, 1, "担当部課"),
        HeadCell(0, 3, 2, 1, "実施機関"), HeadCell(0, 4, 1, 2, GROUP_HEADINGS["list"]),
        HeadCell(1, 4, 1, 1, SUB_HEADINGS[0]), HeadCell(1, 5, 1, 1, SUB_HEADINGS[1]))
    assert header_grid(header_cells(SUMMARY_HEADER, "summary", "grouped"), 4) == [
        ["実施機関", "審査件数", "うち、取り扱うもの", ""], ["", "", "要配慮個人情報", "条例要配慮個人情報"]]
    assert header_cells(LIST_HEADER, "list", "single") == tuple(HeadCell(0, c, 1, 1, t) for c, t in enumerate(LIST_HEADER))
    with pytest.raises(ValueError):
        header_cells(made_up.HEADER, "list", "grouped")  # its last two columns are not the two flags


def test_the_sources_span_the_headings() -> None:
    """Each producer's own spans, in what it is given to lay out."""
    doc = grouped_document(4)
    grouped, grid = (made_up.variant("chromium", s, "portrait") for s in ("grouped", "grid"))
    page = document_html(doc, grouped)
    assert '<th rowspan="2">業務の名称</th>' in page and '<th colspan="2">個人情報の有無</th>' in page
    assert "rowspan" not in document_html(doc, grid)
    table = doc.lists[0].table
    assert ("SPAN", (4, 0), (5, 0)) in table_commands(table, grouped, "list")
    assert ("SPAN", (0, 0), (0, 1)) in table_commands(table, grouped, "list")
    assert "\\multicolumn{2}" in table_latex(table, grouped, "list") and "\\multirow" in table_latex(table, grouped,
                                                                                                       "list")
    assert 'table.cell(rowspan: 2, colspan: 1, "番号")' in table_typst(table, grouped, "list")
    assert "\t1/2\t" in description(doc, grouped) and "\t1/2\t" not in description(doc, grid)


def test_the_odt_and_xlsx_span_the_headings(tmp_path: Path) -> None:
    from dev.producers.office import odt_document, xlsx_document

    doc = grouped_document(4)
    odt_document(doc, made_up.variant("writer", "grouped", "portrait"), tmp_path / "a.odt")
    content = zipfile.ZipFile(tmp_path / "a.odt").read("content.xml").decode()
    assert 'table:number-columns-spanned="2"' in content and 'table:number-rows-spanned="2"' in content
    assert content.count("<table:table-header-rows>") == 2  # the summary's and the list's, each two rows
    import openpyxl

    xlsx_document(doc, made_up.variant("calc", "grouped", "portrait"), tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["outsourcing"]
    assert {"E2:F2", "A2:A3", "D2:D3"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.print_title_rows == "$1:$3"  # the title and both header rows


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up report in grouped by every producer whose tool is installed, portrait."""
    folder = tmp_path_factory.mktemp("grouped")
    doc = grouped_document(ROWS)
    out = {}
    for producer in DRAWN:
        if not made_up.installed(producer):
            continue
        path = folder / f"{producer}.pdf"
        renderer(producer)(doc, made_up.variant(producer, "grouped", "portrait"), path)
        out[producer] = path
    return out


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def find(page, text: str) -> Box | None:  # type: ignore[no-untyped-def]
    """Where ``text`` is printed on one line of the page (its characters NFKC-folded: ⼈ read as 人), or None."""
    chars = sorted(page.chars, key=lambda c: (round(c["bottom"]), c["x0"]))
    lines: list[list[dict]] = []  # type: ignore[type-arg]
    for char in chars:
        if lines and abs(lines[-1][0]["bottom"] - char["bottom"]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line = [c for c in sorted(line, key=lambda c: c["x0"]) if c["text"].strip()]
        folded = [unicodedata.normalize("NFKC", c["text"]) for c in line]
        for i in range(len(line)):
            j, seen = i, ""
            while j < len(line) and len(seen) < len(text):
                seen += folded[j]
                j += 1
            if seen == text:
                hit = line[i:j]
                return (min(c["x0"] for c in hit), min(c["top"] for c in hit), max(c["x1"] for c in hit),
                        max(c["bottom"] for c in hit))
    return None


def check_header(page, producer: str, group: str, spanning: str) -> None:  # type: ignore[no-untyped-def]
    """The two rows on one page: the group heading over its sub-headings, ``spanning`` centred down both rows, the
    rule under the group heading across its two columns only."""
    g, s1, s2, h = (find(page, t) for t in (group, *SUB_HEADINGS, spanning))
    assert g and s1 and s2 and h, (producer, page.page_number, group, g, s1, s2, h)
    assert g[3] <= min(s1[1], s2[1]) + 0.5, (producer, "the group heading is above its sub-headings", g, s1, s2)
    assert s1[2] < s2[0] and s1[0] - 1 < (g[0] + g[2]) / 2 < s2[2] + 1, (producer, "centred over them", g, s1, s2)
    mid = (h[1] + h[3]) / 2
    assert (g[1] + g[3]) / 2 < mid < (max(s1[1], s2[1]) + max(s1[3], s2[3])) / 2, (producer, "centred down", g, h, s1)
    between = (g[3], min(s1[1], s2[1]))
    rules = [r for r in drawn_rules(page, producer) if r[0] == "h" and between[0] - 0.5 <= r[1] <= between[1] + 0.5
             and (r[5] is None or min(r[5]) < 0.5)]
    assert any(r[2] <= s1[0] and r[3] >= s2[2] for r in rules) or (
        any(r[2] <= s1[0] <= r[3] for r in rules) and any(r[2] <= s2[2] <= r[3] for r in rules)), (producer, rules)
    centre = (h[0] + h[2]) / 2
    assert not any(r[2] < centre < r[3] for r in rules), (producer, "a rule across the spanning heading", rules)


@pytest.mark.parametrize("producer", DRAWN)
def test_the_header_takes_two_rows_on_every_page(producer: str, renders: dict[str, Path]) -> None:
    if producer not in renders:
        pytest.skip(f"{producer}'s tool is not installed")
    import pdfplumber

    with pdfplumber.open(renders[producer]) as pdf:
        check_header(pdf.pages[0], producer, GROUP_HEADINGS["summary"], "審査件数")
        pages = [p for p in pdf.pages[1:] if find(p, "架空の業務")]
        assert len(pages) >= 2, (producer, "the list runs over pages", len(pages))
        for page in pages[:1] if producer in ONCE else pages:
            check_header(page, producer, GROUP_HEADINGS["list"], "業務の名称")
        if producer in ONCE:
            assert not any(find(p, GROUP_HEADINGS["list"]) for p in pages[1:]), producer


def test_the_grid_render_has_one_header_row(tmp_path: Path) -> None:
    """The same check fails on the grid style: one header row, no group heading."""
    import pdfplumber

    path = tmp_path / "grid.pdf"
    renderer("reportlab")(grouped_document(ROWS), made_up.variant("reportlab", "grid", "portrait"), path)
    with pdfplumber.open(path) as pdf:
        assert find(pdf.pages[0], GROUP_HEADINGS["summary"]) is None
        with pytest.raises(AssertionError):
            check_header(pdf.pages[1], "reportlab", GROUP_HEADINGS["list"], "業務の名称")
