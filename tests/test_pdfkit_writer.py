"""The PDFKit producer (dev/producers/pdfkit_writer.py and pdfkit/report.js) describes each style from the model's
rule helpers, and PDFKit lays the report out with doc.text and doc.table() and writes it.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: tests/made_up.py's document (and a copy of it whose
flag columns carry the headings the grouped style groups) is described as
report.js reads it and (where node and the pinned pdfkit are installed: CI
installs neither) drawn by PDFKit and read back with pdfplumber's own text,
lines, rectangles and curves: every row with the header on every list page and
``- n -`` on every page, a grid's solid 0.5 pt cell boxes, no column rule under
hrules, dotted inner rules dashed inside a solid frame, the rounded frame's
Bézier corners, the grouped header's two rows on every page, the same bytes
every run.
"""

from __future__ import annotations

import random
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from dev.producers import pdfkit_writer
from dev.producers.model import FONT_FILES, MATRIX, SUB_HEADINGS, Document, Table, Variant, load_matrix
from dev.producers.pdfkit_writer import description, render
from tests import made_up
from tests.test_fop_writer import every_row_with_header_and_page_number, page_objects, upright

ROWS = 60  # enough for the list to run over two pages in either orientation
needs_pdfkit = pytest.mark.skipif(not pdfkit_writer.installed(), reason="node or the pinned pdfkit not installed")


def test_pdfkit_draws_every_style_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2047).choice per style in the order of [styles] as they stood when PDFKit was built,
    none skipped; held out (styles once and vertical were built the same stop, apart, and PDFKit was not given them;
    centred, stop 34 for the next stop, and notes and distributed, stop 35 for the next stop, are drawn by their own
    seeds in test_centred_style.py, test_notes_style.py and test_distributed_style.py; sidebyside, stop 36, in
    test_sidebyside_style.py; titled, stop 36, in test_titled_style.py; running, stop 37, in
    test_running_style.py; continued, stop 37, test_continued_style.py; rotated, stop 38,
    test_rotated_style.py; footed, stop 39, test_footed_style.py; footed, stop 39, test_footed_style.py;
    stacked, stop 39, test_stacked_style.py; reordered, stop 40, test_reordered_style.py;
    sectioned, stop 41, test_sectioned_style.py)."""
    matrix = tomllib.loads(MATRIX.read_text(encoding="utf-8"))
    assert "pdfkit" in matrix["held_out"]["producers"]
    rng = random.Random(2047)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "pdfkit" and v.style.name not in ("centred", "notes", "distributed", "sidebyside",
                                                                "titled", "running", "continued",
                                                                "rotated", "footed", "stacked", "reordered",
                                                                "sectioned")]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in matrix["styles"]
                     if s not in ("once", "vertical", "centred", "notes", "distributed", "sidebyside", "titled",
                                  "running", "continued", "rotated", "footed", "stacked", "reordered",
                                  "sectioned")]


def made_up_document(rows: int = ROWS) -> Document:
    return made_up.made_up_document(rows, "付録の段落。" * 40)


def grouped_document(rows: int = ROWS) -> Document:
    """The made-up document with two flag columns under the headings the grouped style groups."""
    doc = made_up_document(rows)
    summary = doc.front[1]
    assert isinstance(summary, Table)
    summary = replace(summary, rows=(("実施機関", "審査件数", *(f"うち、{s}を取り扱うもの" for s in SUB_HEADINGS)),
                                     *summary.rows[1:]))
    item = doc.lists[0]
    body = tuple((*row, "無") for row in item.table.rows[1:])
    table = replace(item.table, rows=(("番号", "業務の名称", "担当部課", *SUB_HEADINGS), *(r[:3] + r[4:] for r in body)))
    return replace(doc, front=(doc.front[0], summary), lists=(replace(item, table=table),))


def variant(style: str, orientation: str = "portrait") -> Variant:
    return made_up.variant("pdfkit", style, orientation)


def list_table(style: str, doc: Document | None = None) -> dict:  # type: ignore[type-arg]
    blocks = description(doc or made_up_document(), variant(style))["blocks"]
    return [b for b in blocks if b["type"] == "table"][-1]


def test_the_description_names_the_ipaex_files_and_a_fixed_date() -> None:
    desc = description(made_up_document(), variant("grid", "landscape"))
    assert desc["page"] == [841.89, 595.28]
    assert desc["fonts"] == {name: str(path) for name, path in FONT_FILES.items()}
    assert desc["info"]["created"] == pdfkit_writer.CREATED  # type: ignore[index]
    new_pages = [b["text"] for b in desc["blocks"] if b["type"] == "para" and b["new_page"]]
    assert new_pages == ["資料No.1", "付録の段落。" * 40]


def test_a_single_header_is_one_row_and_every_cell_spans_one_column() -> None:
    grid = list_table("grid")
    assert grid["head_rows"] == 1 and [c["text"] for c in grid["rows"][0]] == list(made_up.HEADER)
    assert {c["colspan"] for row in grid["rows"] for c in row} == {1}
    assert grid["groups"] == [[r, r + 1] for r in range(1, ROWS + 1)]
    assert list_table("double")["pad"] == [3.0, 3.0, 2.0, 2.0]  # report.js's double lines sit 1 pt either side
    assert list_table("grid")["pad"] == [3.0, 3.0, 2.0, 2.0]


def test_the_grouped_header_is_two_rows_with_spanning_headings() -> None:
    table = list_table("grouped", grouped_document())
    assert table["head_rows"] == 2
    first, second = table["rows"][:2]
    assert [(c["text"], c["span"], c["colspan"]) for c in first if c] == [
        ("番号", 2, 1), ("業務の名称", 2, 1), ("担当部課", 2, 1), ("個人情報の有無", 1, 2)]
    assert first[4] is None and second[:3] == [None] * 3
    assert [c["text"] for c in second[3:]] == list(SUB_HEADINGS)
    assert all(c["valign"] == "middle" and c["align"] == "center" for c in first + second if c)
    assert table["groups"][0] == [2, 3] and table["groups"][-1] == [ROWS + 1, ROWS + 2]
    assert len(table["rows"]) == ROWS + 2


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up document drawn by PDFKit in the styles read below (portrait; hrules landscape)."""
    if not pdfkit_writer.installed():
        pytest.skip("node or the pinned pdfkit not installed")
    folder = tmp_path_factory.mktemp("pdfkit")
    out = {}
    for style in ("hrules", "grid", "dotted", "rounded", "grouped"):
        out[style] = folder / f"{style}.pdf"
        doc = grouped_document() if style == "grouped" else made_up_document()
        render(doc, variant(style, "landscape" if style == "hrules" else "portrait"), out[style])
    return out


@needs_pdfkit
def test_every_row_is_printed_on_a4_by_pdfkit_with_the_header_and_page_number_on_each_page(
        renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["hrules"]) as pdf:
        meta = pdf.metadata
        assert meta["Producer"] == "PDFKit" and meta["CreationDate"] == "D:20230818090000Z"
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    lines = every_row_with_header_and_page_number(texts)
    assert "区長 1 2 3 4" in lines


@needs_pdfkit
def test_two_runs_write_the_same_bytes(renders: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == renders["hrules"].read_bytes()


@needs_pdfkit
def test_a_grid_cell_is_a_stroked_box_and_hrules_has_no_column_rule(renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["grid"])
    assert rects and not lines  # doc.table() strokes a cell ruled alike on four sides as one rectangle
    assert {round(r["linewidth"], 2) for r in rects} == {0.5} and not any(r["fill"] for r in rects)
    assert len({round(r["x0"], 1) for r in rects}) == len(made_up.HEADER)
    lines, rects = page_objects(renders["hrules"])
    assert not rects and lines and not upright(lines)


@needs_pdfkit
def test_dotted_inner_rules_are_dashed_inside_a_solid_frame(renders: dict[str, Path]) -> None:
    lines, _ = page_objects(renders["dotted"])
    dashed = [line for line in lines if line.get("dash") and line["dash"][0]]
    solid = [line for line in lines if not (line.get("dash") and line["dash"][0])]
    assert dashed and solid
    frame = {round(line["x0"], 1) for line in upright(solid)}
    inner = {round(line["x0"], 1) for line in upright(dashed)}
    assert len(frame) == 2 and len(inner) == len(made_up.HEADER) - 1  # the column rules between the frame's sides
    assert min(frame) < min(inner) and max(inner) < max(frame)


@needs_pdfkit
def test_the_rounded_frame_has_curved_corners(renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["rounded"]) as pdf:
        assert pdf.pages[1].curves
    with pdfplumber.open(renders["grid"]) as pdf:
        assert not pdf.pages[1].curves


@needs_pdfkit
def test_the_grouped_header_prints_both_rows_on_every_list_page(renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["grouped"]) as pdf:
        pages = [page for page in pdf.pages[1:] if "付録" not in (page.extract_text() or "")]
        assert len(pages) >= 2
        for page in pages:
            words = {w["text"]: w for w in page.extract_words()}
            group, number = words["個人情報の有無"], words["番号"]
            sub = next(w for w in page.extract_words() if w["text"].startswith("要配慮"))  # wrapped in its column
            assert group["bottom"] < sub["top"]  # the group heading above its sub-headings
            assert group["bottom"] < number["top"]  # a heading spanning both rows centred down them
        counts = Counter(w["text"] for page in pages for w in page.extract_words())
        assert counts["個人情報の有無"] == len(pages)
