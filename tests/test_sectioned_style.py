"""The sectioned table style (dev/producers, issue 11, stop 41, held out): each list grouped by department, a
section row across the table before each run of one department's cases, the 担当部課 column dropped.

The style is held out, so nothing here runs the extractor: the seeded draws are
checked against their definition (sectioned_rows.py), the reference report's
lists are sectioned in the model alone (every fact kept: each case's department
is the section row's above it), and tests/made_up.py's report is drawn by
producers that take a second or two (reportlab, fpdf2) and read back from the
PDF's characters and rules alone (pdfplumber): every case number in order, each
section row's text before its department's first case, no column rule crossing a
section row (one cell across the table), no 担当部課 heading. The same reading of
the grid render finds no section row, which the check refuses.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from dev.producers import renderer, sectioned_rows
from dev.producers.model import (
    Document,
    ListTable,
    Table,
    column_weights,
    load_document,
    load_matrix,
    plan_table,
)
from dev.producers.sectioned_rows import (
    DEPARTMENT,
    FORMS,
    SectionedTable,
    section,
    sectioning,
)
from dev.producers.sectioned_rows import (
    sectioned_rows as sectioned_list,
)
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only

CHEAP = ("reportlab", "fpdf2")  # Python: a second or two each
ROWS = 90  # a list that runs over two pages or more in CHEAP's producers
RUNS = {"outsourcing": (319, 56), "external_provision": (58, 18), "online_link": (57, 25)}  # cases, departments


def sectioned_variants() -> list:  # type: ignore[type-arg]
    return [v for v in load_matrix() if v.style.name == "sectioned"]


def test_every_producer_draws_sectioned_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2061).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("sectioned", 2061)


def test_the_model_sections_a_plain_grid_only() -> None:
    assert_plain_grid_only("sectioned", ({"running": True}, {"continued": True}, {"rotated": True},
                                         {"footed": True}, {"stacked": True}, {"reordered": True}))


def test_each_file_draws_its_forms_by_its_name() -> None:
    """sectioning: random.Random(f"2061 {name}"): how many forms (one or two), then which; the eighteen files
    between them print every form, some one and some two."""
    variants = sectioned_variants()
    for v in variants:
        rng = random.Random(f"2061 {v.name}")
        assert sectioning(v) == tuple(rng.sample(FORMS, rng.choice((1, 2))))
    drawn = [sectioning(v) for v in variants]
    assert {f for forms in drawn for f in forms} == set(FORMS)
    assert {len(forms) for forms in drawn} == {1, 2}
    assert all(len(set(forms)) == len(forms) for forms in drawn)


def departments(rows: tuple[tuple[str, ...], ...], sections: tuple[int, ...], form: str) -> list[tuple[str, str]]:
    """(No., department) of every case of a sectioned list, its department read from the section row above it."""
    head, tail = form.split("{}")
    out, current = [], None
    for r, row in enumerate(rows[1:], start=1):
        if r in sections:
            assert row[0].startswith(head) and row[0].endswith(tail) and not any(row[1:])
            current = row[0][len(head):len(row[0]) - len(tail)]
        else:
            assert current is not None  # no case before the first section row
            out.append((row[0], current))
    return out


@pytest.mark.parametrize("variant", sectioned_variants(), ids=lambda v: v.name)
def test_section_prints_every_fact_once(variant) -> None:  # type: ignore[no-untyped-def]
    """Each list of the reference report: the header without 担当部課, the cases in their order by No. with every
    cell but the department as grid's, a section row (the file's form for the list around the department) before
    each run, so that each case's department is its section row's; one section row per department (the reference's
    departments are contiguous: 56, 18 and 25 runs)."""
    doc = load_document()
    forms = sectioning(variant)
    for i, (item, new) in enumerate(zip(doc.lists, section(doc, variant).lists, strict=True)):
        rows, table = item.table.rows, new.table
        assert isinstance(table, SectionedTable) and table.criterion == item.table.criterion
        dept = rows[0].index(DEPARTMENT)
        keep = [c for c in range(len(rows[0])) if c != dept]
        assert table.rows[0] == tuple(rows[0][c] for c in keep)
        cases = [r for k, r in enumerate(table.rows[1:], start=1) if k not in table.sections]
        assert cases == [tuple(r[c] for c in keep) for r in rows[1:]]
        assert [int(r[0]) for r in cases] == list(range(1, len(rows)))
        form = forms[i % len(forms)]
        assert departments(table.rows, table.sections, form) == [(r[0], r[dept]) for r in rows[1:]]
        assert (len(cases), len(table.sections)) == RUNS[table.criterion]
        assert len({table.rows[k][0] for k in table.sections}) == len(table.sections)  # no department twice
    assert section(doc, made_up.variant("reportlab", "grid", "portrait")) is doc  # every other style: as it is


def test_a_department_resumed_after_another_is_sectioned_again() -> None:
    """Cases kept in their order by No.: a department's section row again each time it comes back."""
    rows = (("No", "内容", DEPARTMENT, "有無"), ("1", "a", "甲課", "有"), ("2", "b", "甲課", "無"),
            ("3", "c", "乙課", "有"), ("4", "d", "甲課", "有"), ("5", "e", "甲課", "無"))
    out, sections = sectioned_list(rows, "【{}】")
    assert out == (("No", "内容", "有無"), ("【甲課】", "", ""), ("1", "a", "有"), ("2", "b", "無"),
                   ("【乙課】", "", ""), ("3", "c", "有"), ("【甲課】", "", ""), ("4", "d", "有"), ("5", "e", "無"))
    assert sections == (1, 4, 6)


def test_the_plan_spans_each_section_row_across_the_table() -> None:
    """plan_table: each section row one cell at column 0 across every column, left-aligned, the cells it covers 0
    in spans, every other cell 1; the weights and numeric columns the cases' (as grid's without 担当部課); the
    summaries as grid's."""
    variant = sectioned_variants()[0]
    doc = section(load_document(), variant)
    for item in doc.lists:
        table = item.table
        plan = plan_table(table, variant.style, "list")
        k = len(table.rows[0])
        assert plan.colspans == {(r, 0): k for r in table.sections} and plan.head_rows == 1
        for r in range(1, len(table.rows)):
            assert [plan.span(r, c) for c in range(k)] == ([1] + [0] * (k - 1) if r in table.sections else [1] * k)
        assert all(plan.align(r, 0) == "left" for r in table.sections)
        cases = tuple(row for r, row in enumerate(table.rows) if r not in table.sections)
        assert plan.weights == tuple(column_weights(cases, False))
        assert plan.numeric[0] and plan.align(1 + table.sections[0], 0) == "center"  # No. centred as grid's
    summary = next(t for t in doc.front if not isinstance(t, str))
    grid = next(v.style for v in load_matrix() if v.style.name == "grid")
    assert plan_table(summary, variant.style, "summary") == plan_table(summary, grid, "summary")


def made_up_document() -> Document:
    """tests/made_up.py's report (its departments 第n課 in runs of four), the department resumed after another once
    (cases 29 and 30 moved to another department, 28 and 31 left in 第7課), so that 第7課 has two section rows."""
    doc = made_up.made_up_document(ROWS)
    item = doc.lists[0]
    body = tuple(r[:2] + ("第99課",) + r[3:] if r[0] in ("29", "30") else r for r in item.table.rows[1:])
    lists = (ListTable(item.title, item.exhibit, Table(item.table.criterion, (item.table.rows[0],) + body)),)
    return Document(doc.front, lists, doc.appendix)


def expected_lines(form: str) -> list[str]:
    """The lines a sectioned render of ``made_up_document`` prints in its list's body, in order: each section
    row's text (``form`` around the department), then each case's number."""
    out, last = [], None
    for row in made_up_document().lists[0].table.rows[1:]:
        if row[2] != last:
            out.append(form.format(row[2]))
            last = row[2]
        out.append(row[0])
    return out


def list_lines(path: Path) -> tuple[list[str], list[str], list[int]]:
    """The list pages' body lines read from the PDF, in order: a line's first word where it is a case number, its
    words joined by single spaces where it is not (a section row); the headers' lines; and for each section row
    the number of column rules crossing it."""
    lines, headers, crossings = [], [], []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:  # the front page first, then the list
            words = sorted(page.extract_words(keep_blank_chars=False), key=lambda w: (round(w["top"]), w["x0"]))
            rows: list[list[dict]] = []  # type: ignore[type-arg]
            for w in words:
                if rows and abs(rows[-1][0]["top"] - w["top"]) < 2:
                    rows[-1].append(w)
                else:
                    rows.append([w])
            verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] < page.height - 2]
            seen_header = False
            for row in rows:
                texts = [w["text"] for w in sorted(row, key=lambda w: w["x0"])]
                if texts[0] == "番号":
                    headers.append(" ".join(texts))
                    seen_header = True
                    continue
                if not seen_header or texts[0].startswith("資料") or texts[0] in ("一覧", "付録。") or "-" in texts[0]:
                    continue
                if texts[0].isdigit():
                    lines.append(texts[0])
                    continue
                lines.append(" ".join(texts))
                y = (row[0]["top"] + row[0]["bottom"]) / 2
                crossings.append(len({round(e["x0"]) for e in verticals if e["top"] < y < e["bottom"]}))
    return lines, headers, crossings


@pytest.mark.parametrize("form", ("【{}】", "■ {}", "{}"), ids=("brackets", "square", "plain"))
@pytest.mark.parametrize("producer", CHEAP)
def test_each_section_row_is_drawn_across_before_its_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           producer: str, form: str) -> None:
    """The list read back from the PDF: every case number in order, each section row's text just before its
    department's first case (again where the department resumes), no column rule crossing a section row (the
    table's frame alone, left and right), the header without 担当部課 on every list page."""
    monkeypatch.setattr(sectioned_rows, "sectioning", lambda variant: (form,))
    path = tmp_path / "s.pdf"
    renderer(producer)(made_up_document(), made_up.variant(producer, "sectioned", "portrait"), path)
    lines, headers, crossings = list_lines(path)
    assert lines == expected_lines(form)
    assert Counter(lines)[form.format("第7課")] == 2  # 第7課 resumed after 第99課
    assert len(headers) >= 2 and all(h == "番号 業務の名称 実施機関 有無" for h in headers), headers
    assert crossings and all(n == 2 for n in crossings), crossings


def test_the_check_fails_on_grid(tmp_path: Path) -> None:
    """The grid render prints the department in its column on every case's line, no section row, 担当部課 heading."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up_document(), made_up.variant("reportlab", "grid", "portrait"), path)
    lines, headers, _ = list_lines(path)
    assert lines == [row[0] for row in made_up_document().lists[0].table.rows[1:]]
    assert headers and all("担当部課" in h for h in headers)


def test_scribus_and_pdfkit_place_each_section_row_across() -> None:
    """Scribus's and PDFKit's table blocks (scribus_writer.table_block, pdfkit_writer.table_block; no Scribus or
    node run): each section row's cell given the table's every column, the cells it covers None; in Scribus's the
    first body row (a section row) in the first group of rows kept on a page."""
    from dev.producers import pdfkit_writer, scribus_writer

    variant = sectioned_variants()[0]
    table = section(load_document(), variant).lists[0].table
    k = len(table.rows[0])
    for block in (scribus_writer.table_block(table, variant, "list"), pdfkit_writer.table_block(table, variant, "list")):
        rows = block["rows"]
        for r in table.sections:
            assert rows[r][0]["colspan"] == k and rows[r][1:] == [None] * (k - 1)
        assert all(cell["colspan"] == 1 for r, row in enumerate(rows) if r not in table.sections for cell in row)
        assert block["groups"][0][0] == 1
