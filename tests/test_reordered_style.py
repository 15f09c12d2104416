"""The reordered table style (dev/producers, issue 11, stop 40, held out): each list in another office's column order,
under its headings, with an extra 備考 column.

The style is held out, so nothing here runs the extractor: the seeded draws are
checked against their definition (reordered_columns.py), the reference report's
lists are permuted in the model alone (every fact kept, under its column), and
tests/made_up.py's report is drawn by producers that take a second or two
(reportlab, fpdf2, Typst) and each list page's header read back from the PDF's
rules and characters alone (pdfplumber): the headings in the file's order and
wording, the 備考 column where the file puts it, its cells only remarks. The same
reading of the grid render finds the grid's order, which the check refuses.
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from dev.producers import renderer, reordered_columns
from dev.producers.model import Style, load_document, load_matrix
from dev.producers.reordered_columns import (
    ORDERS,
    PLACES,
    REMARK_HEADING,
    REMARKS,
    ROLES,
    WORDINGS,
    Layout,
    layout,
    permutation,
    remarks,
    reorder,
)
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only

CHEAP = ("reportlab", "fpdf2", "typst")  # Python and Typst: a second or two each
ROWS = 90  # a list that runs over two pages or more in CHEAP's producers
# the made-up list's header (番号, 業務の名称, 担当部課, 実施機関, 有無) in two of the offices' sheets
SHEETS = (
    (Layout(("no", "agency", "dept", "text", "flags"), 0, "end"),
     ["番号", "実施機関名", "所管課", "業務の名称", "有無", "備考"]),
    (Layout(("no", "dept", "text", "flags", "agency"), 2, "before flags"),
     ["番号", "所管部課", "業務の名称", "備考", "有無", "実施機関名"]),
)


def reordered_variants() -> list:  # type: ignore[type-arg]
    return [v for v in load_matrix() if v.style.name == "reordered"]


def test_every_producer_draws_reordered_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2060).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("reordered", 2060)


def test_the_model_reorders_a_plain_grid_only() -> None:
    assert_plain_grid_only("reordered", ({"running": True}, {"continued": True}, {"rotated": True}, {"footed": True},
                                         {"stacked": True}))


def test_each_file_draws_its_sheet_by_its_name() -> None:
    """layout: random.Random(f"2060 {name}"): an order, a wording set, a place, in that order; the eighteen files
    between them print every order, every wording set and both places."""
    variants = reordered_variants()
    for v in variants:
        rng = random.Random(f"2060 {v.name}")
        assert layout(v) == Layout(rng.choice(ORDERS), rng.randrange(len(WORDINGS)), rng.choice(PLACES))
    sheets = [layout(v) for v in variants]
    assert {s.order for s in sheets} == set(ORDERS)
    assert {s.wording for s in sheets} == set(range(len(WORDINGS)))
    assert {s.place for s in sheets} == set(PLACES)


def test_the_orders_keep_no_first_and_none_is_the_grids() -> None:
    assert len(set(ORDERS)) == len(ORDERS)
    assert all(o[0] == "no" and sorted(o) == sorted(ROLES) and o != ROLES for o in ORDERS)


def test_the_wordings_rename_real_headings_apart() -> None:
    """Every heading a wording set names is one of the reference lists' headings; no set prints two columns of one
    list under one heading, nor the 備考 heading, nor a heading as grid's."""
    headers = [item.table.rows[0] for item in load_document().lists]
    known = {h for header in headers for h in header}
    for words in WORDINGS:
        assert set(words) <= known and all(words[h] != h for h in words)
        for header in headers:
            printed = [words.get(h, h) for h in header]
            assert len(set(printed)) == len(printed) and REMARK_HEADING not in printed


@pytest.mark.parametrize("variant", reordered_variants(), ids=lambda v: v.name)
def test_reorder_prints_every_fact_once_under_its_heading(variant) -> None:  # type: ignore[no-untyped-def]
    """Each list of the reference report: the same rows, each grid column whole under its new heading, in the
    file's order of roles, No. first; the 備考 column where the file puts it, its cells the seeded remarks."""
    doc = load_document()
    sheet = layout(variant)
    words = WORDINGS[sheet.wording]
    for item, new in zip(doc.lists, reorder(doc, variant).lists, strict=True):
        rows, out = item.table.rows, new.table.rows
        assert new.table.criterion == item.table.criterion and len(out) == len(rows)
        header = list(out[0])
        at = header.index(REMARK_HEADING)
        order = permutation(rows[0], rows[1:], sheet.order)
        assert sorted(order) == list(range(len(rows[0]))) and order[0] == 0
        assert header[:at] + header[at + 1:] == [words.get(rows[0][c], rows[0][c]) for c in order]
        flag = next(c for c, h in enumerate(rows[0]) if h.startswith("要配慮"))
        assert at == (len(order) if sheet.place == "end" else order.index(flag))
        for i, c in enumerate(order):
            j = i + (i >= at)
            assert [r[j] for r in out[1:]] == [r[c] for r in rows[1:]]
        notes = [r[at] for r in out[1:]]
        assert notes == remarks(variant, item.table.criterion, len(rows) - 1)
        assert set(notes) <= set(REMARKS) | {""}
        facts = Counter(t for r in rows[1:] for t in r)
        assert Counter(t for r in out[1:] for k, t in enumerate(r) if k != at) == facts
    assert reorder(doc, made_up.variant("reportlab", "grid", "portrait")) is doc  # every other style: as it is


def test_the_no_column_stays_wide_enough_for_three_digits() -> None:
    """plan_table: a reordered list's No. column at least NO_WEIGHT (the 備考 column takes its share of the page); the
    other columns' weights and every summary's as grid's."""
    from dev.producers.model import column_weights, plan_table
    from dev.producers.reordered_columns import NO_WEIGHT

    variant = reordered_variants()[0]
    doc = reorder(load_document(), variant)
    for item in doc.lists:
        weights = plan_table(item.table, variant.style, "list").weights
        grid = column_weights(item.table.rows, False)
        assert weights == (max(grid[0], NO_WEIGHT), *grid[1:]) and weights[0] == NO_WEIGHT
    summary = next(t for t in doc.front if not isinstance(t, str))
    assert plan_table(summary, variant.style, "summary").weights == plan_table(summary, Style("g", "grid"), "summary").weights


def test_about_a_quarter_of_the_rows_carry_a_remark() -> None:
    doc = load_document()
    counts = [sum(1 for t in remarks(v, item.table.criterion, len(item.table.rows) - 1) if t)
              for v in reordered_variants() for item in doc.lists]
    rows = sum(len(item.table.rows) - 1 for item in doc.lists) * len(reordered_variants())
    assert 0.2 < sum(counts) / rows < 0.3
    assert len({t for v in reordered_variants()
                for t in remarks(v, "outsourcing", len(doc.lists[0].table.rows) - 1)}) == len(REMARKS) + 1


def header_band(page) -> tuple[float, float, list[int]]:  # type: ignore[no-untyped-def]
    """A page's first table's header: the top rule's height, the next rule across the table under it, the x of
    every column rule crossing the header (IndexError or StopIteration where the page has no table)."""
    edges = [e for e in page.edges if e["height"] < page.height - 2 and e["width"] < page.width - 2]
    across = sorted({round(e["top"], 1) for e in edges if e["orientation"] == "h" and e["width"] > page.width / 3})
    top = across[0]
    bottom = next(y for y in across if y > top + 4)
    xs = sorted({round(e["x0"]) for e in edges if e["orientation"] == "v" and e["top"] < top + 4 < e["bottom"]})
    return top, bottom, [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 3]  # a rule drawn as a thin box


def header_texts(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts of a list page's header cells, left to right: the characters between each two neighbouring column
    rules, from the table's top rule down to the next rule across it (a heading wrapped in its cell joined)."""
    top, bottom, xs = header_band(page)
    cells = []
    for left, right in pairwise(xs):
        chars = [c for c in page.chars if left < (c["x0"] + c["x1"]) / 2 < right
                 and top < (c["top"] + c["bottom"]) / 2 < bottom]
        cells.append("".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))).strip())
    return [c.replace(" ", "") for c in cells]


def list_pages(path: Path) -> list[list[str]]:
    """Every page's header cells, of the pages whose first row begins 番号 (the list's, its header repeated)."""
    with pdfplumber.open(path) as pdf:
        found = []
        for page in pdf.pages:
            try:
                cells = header_texts(page)
            except (IndexError, StopIteration):  # no table on this page (the appendix)
                continue
            if cells and cells[0] == "番号":
                found.append(cells)
    return found


def column_texts(path: Path, heading: str) -> list[str]:
    """Every body cell's text under ``heading`` on the list's pages: the characters between that column's rules,
    under the header, one text per line."""
    out: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            try:
                cells = header_texts(page)
            except (IndexError, StopIteration):
                continue
            if not cells or cells[0] != "番号" or heading not in cells:
                continue
            _, bottom, xs = header_band(page)
            k = cells.index(heading)
            crop = page.crop((xs[k] + 0.5, bottom + 0.5, xs[k + 1] - 0.5, page.height))
            out += [w["text"] for w in crop.extract_words()]
    return out


@pytest.mark.parametrize("sheet", SHEETS, ids=("end", "before-flags"))
@pytest.mark.parametrize("producer", CHEAP)
def test_each_list_page_heads_its_columns_in_the_files_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            producer: str, sheet) -> None:  # type: ignore[no-untyped-def]
    """Every list page's header, read from the PDF: the file's headings in its order, the 備考 column where it
    stands; under 備考 only remarks, under the department's new heading every case's 第n課."""
    monkeypatch.setattr(reordered_columns, "layout", lambda variant: sheet[0])
    doc = made_up.made_up_document(ROWS)
    path = tmp_path / "r.pdf"
    renderer(producer)(doc, made_up.variant(producer, "reordered", "portrait"), path)
    pages = list_pages(path)
    assert len(pages) >= 2 and all(cells == sheet[1] for cells in pages), pages
    assert set(column_texts(path, "備考")) <= set(REMARKS) and column_texts(path, "備考")
    department = next(h for h in sheet[1] if h.endswith("課"))
    assert Counter(column_texts(path, department)) == Counter(f"第{n // 4}課" for n in range(1, ROWS + 1))


def test_the_check_fails_on_grid(tmp_path: Path) -> None:
    """The grid render heads its columns in the grid's order, under its own headings, without 備考."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "grid", "portrait"), path)
    pages = list_pages(path)
    assert pages and all(cells == list(made_up.HEADER) for cells in pages)
    assert not any(cells == expected for cells in pages for _, expected in SHEETS)
