"""A list's cell merged over rows is the value of every row it covers, on its page and past a page break.

Offices merge a run of one 担当部課 / 実施機関 into one cell (the producers corpus of
issue 11, style ``merged``). Extraction keeps the text once, with an empty
``spanned`` placeholder in each row below; recognition reads the text for each
row it covers. LibreOffice Writer and Calc print a merged cell that a page break
cuts as two cells, the text in the first only: the rows at the top of the next
page have an empty cell there (merged again over the rows it still covers, or a
single cell when one row is left). Those rows take the department too, each cut
with a ``span_continued`` finding; an empty cell in a column that merges nothing,
or a new department at the top of the page, is not a copy of the one above.
The expected departments are the ground truth's.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table
from tests.conftest import GROUND_TRUTH, read_csv

HEADER = ("No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
XS = (30, 60, 300, 420, 470, 520, 570)  # column edges
MERGED = (2, 3)  # the columns the merged style merges: 担当部課, 実施機関


def truth(no: int) -> dict[str, str]:
    return next(r for r in read_csv(GROUND_TRUTH / "cases_outsourcing.csv") if int(r["case_no"]) == no)


def row(page: int, r: int, texts: tuple[str, ...]) -> tuple[Cell, ...]:
    top = 100 + 20 * r
    return tuple(Cell(page, r, c, t, BBox(XS[c], top, XS[c + 1], top + 18)) for c, t in enumerate(texts))


def case_row(page: int, r: int, no: int, *, merged: str = "own", span: int = 1,
             description: str | None = None) -> tuple[Cell, ...]:
    """No. ``no`` with its truth; ``merged``: 'own' (the text, merged over ``span`` rows), 'under' (a spanned
    placeholder) or 'empty' (an empty cell, merged over ``span`` rows: the rest of a cut cell)."""
    t = truth(no)
    flags = ["有" if t[f] == "true" else "無" for f in ("sensitive", "ordinance_sensitive")]
    cells = list(row(page, r, (str(no), t["description"] if description is None else description,
                               t["department_raw"], t["agency"], *flags)))
    for c in MERGED:
        if merged == "under":
            cells[c] = dataclasses.replace(cells[c], text="", spanned=True)
        else:
            cells[c] = dataclasses.replace(cells[c], text=cells[c].text if merged == "own" else "", row_span=span)
    return tuple(cells)


def header(page: int) -> tuple[Cell, ...]:
    return row(page, 0, HEADER)


def records(*rows: tuple[Cell, ...]):  # type: ignore[no-untyped-def]
    return tables_to_records([Table(1, header(2), rows)], table_report_types())


def departments(got) -> dict[int, tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return {c.case_no: (c.department, c.agency) for c in got.cases}


def want(*nos: int, like: int | None = None) -> dict[int, tuple[str, str]]:
    """Each number's truth, or (``like``) the department and agency of another case of the same run."""
    return {n: (truth(like or n)["department"], truth(like or n)["agency"]) for n in nos}


def test_the_rows_under_a_merged_cell_on_its_page_read_its_text():
    got = records(case_row(2, 1, 22, span=3), case_row(2, 2, 23, merged="under"),
                  case_row(2, 3, 24, merged="under"))
    assert departments(got) == want(22, 23, 24, like=22) == want(22, 23, 24)
    assert not [f for f in got.findings if f.kind == "span_continued"]


def test_a_merged_cell_cut_by_the_page_break_reaches_its_rows_on_the_next_page():
    """Writer's writer-merged-portrait pages 2-3: No. 25 merged over 25-27 at the foot, 28-29 an empty cell."""
    got = records(case_row(2, 1, 25, span=3), case_row(2, 2, 26, merged="under"), case_row(2, 3, 27, merged="under"),
                  case_row(3, 1, 28, merged="empty", span=2), case_row(3, 2, 29, merged="under"))
    assert departments(got) == want(25, 26, 27, 28, 29, like=25) == want(25, 26, 27, 28, 29)
    cut = [f for f in got.findings if f.kind == "span_continued"]
    assert [f.page_no for f in cut] == [3, 3], "one finding per merged column cut"
    assert truth(25)["department_raw"] in cut[0].detail


def test_a_cut_cell_whose_rest_starts_in_an_empty_band_reaches_the_page_first_rows():
    """wkhtmltopdf's merged list, pages 5-6: No. 164 starts a run merged into an empty band at page 5's foot; page 6
    opens with an empty band (no record, left out of the table's rows) whose empty cell is merged over 165-167, so
    165's cell is already a placeholder of that empty rest."""
    got = records(case_row(5, 1, 164, span=2), case_row(6, 2, 165, merged="under"),
                  case_row(6, 3, 166, merged="under"), case_row(6, 4, 167, merged="under"))
    assert departments(got) == want(164, 165, 166, 167, like=164) == want(164, 165, 166, 167)
    cut = [f for f in got.findings if f.kind == "span_continued"]
    assert [f.page_no for f in cut] == [6, 6], "one finding per merged column cut"


def test_one_row_left_past_the_break_is_a_single_empty_cell_and_reads_the_department():
    got = records(case_row(2, 1, 22, span=2), case_row(2, 2, 23, merged="under"),
                  case_row(3, 1, 24, merged="empty"))
    assert departments(got) == want(22, 23, 24)


def test_calc_cuts_the_cell_at_the_foot_unmerged_and_repeats_the_header_with_its_clipped_text():
    """Calc: the last row before the break is a single cell; the repeated header carries the cut cell's
    text drawn outside its clip (「担当部課 玉川総合支所…」), which must not hide the page's first row."""
    leaked = row(3, 0, tuple(h + (f" {truth(22)['department_raw']}" if c == 2 else "") for c, h in enumerate(HEADER)))
    got = records(case_row(2, 1, 22), leaked, case_row(3, 1, 23, merged="empty", span=2),
                  case_row(3, 2, 24, merged="under"), case_row(3, 3, 25, span=1))
    assert departments(got) == want(22, 23, 24, 25)
    assert [f.kind for f in got.findings if f.kind in ("header_repeated", "span_continued")].count(
        "span_continued") == 2


def test_a_row_broken_over_the_page_keeps_one_copy_of_its_department_and_passes_it_on():
    """A tall row breaks across pages under a merged cell: its rest is joined (the department not appended
    twice) and the placeholder below it reads the department."""
    text = truth(26)["description"]
    rest = row(3, 1, ("", text[20:], "", "", "", ""))
    rest = tuple(dataclasses.replace(c, row_span=2) if c.col in MERGED else c for c in rest)
    got = records(case_row(2, 1, 25, span=2), case_row(2, 2, 26, merged="under", description=text[:20]),
                  rest, case_row(3, 2, 27, merged="under"))
    assert departments(got) == want(25, 26, 27)
    assert got.cases[1].description == text


def test_a_new_department_at_the_top_of_the_page_is_its_own():
    got = records(case_row(2, 1, 25, span=2), case_row(2, 2, 26, merged="under"), case_row(3, 1, 30, span=1))
    assert departments(got) == want(25, 26, 30)
    assert truth(30)["department"] != truth(26)["department"]
    assert not [f for f in got.findings if f.kind == "span_continued"]


def test_an_empty_cell_at_the_top_of_a_page_in_a_list_without_merged_cells_stays_empty():
    got = records(case_row(2, 1, 22), case_row(2, 2, 23), case_row(3, 1, 24, merged="empty"))
    assert departments(got)[24] == (None, "")
    assert not [f for f in got.findings if f.kind == "span_continued"]


def test_an_empty_cell_below_the_top_of_a_page_is_no_continuation():
    got = records(case_row(2, 1, 22, span=2), case_row(2, 2, 23, merged="under"),
                  case_row(3, 1, 24, span=1), case_row(3, 2, 25, merged="empty"))
    assert departments(got)[25] == (None, "")


# ---------------------------------------------------------------- the producers' own pages

CASES = Path(__file__).resolve().parent / "cases" / "merged"
# Two pages each, cut by ``qpdf --empty --pages build/producers/NAME.pdf PAGES -- OUT`` from the renders of
# ``make producers``: Writer's pages 2-3 (No. 25's cell merged over 25-29 cut after 27) and Calc's pages 3-4
# (No. 22's cell merged over 22-24 cut after 22; the repeated header carries its text drawn outside its clip).
CUT = {"writer-merged-p2-3.pdf": (28, 29), "calc-merged-p3-4.pdf": (23, 24)}


def test_every_case_on_the_cut_pages_has_its_department_and_agency():
    from pipeline.run import process_bytes

    expected = {int(r["case_no"]): r for r in read_csv(GROUND_TRUTH / "cases_outsourcing.csv")}
    for name, rest in CUT.items():
        got = process_bytes((CASES / name).read_bytes(), name)
        numbers = [c.case_no for c in got.cases]
        assert numbers == list(range(1, len(numbers) + 1)) and set(rest) <= set(numbers), name
        wrong = [(c.case_no, c.department, c.agency) for c in got.cases
                 if (c.department, c.agency) != (expected[c.case_no]["department"], expected[c.case_no]["agency"])]
        assert wrong == [], name
        assert [f.page_no for f in got.findings if f.kind == "span_continued"] == [2, 2], name
        printed = {row[0].text: row for t in got.extraction.tables for row in t.rows}
        assert all(c.text == "" for c in printed[str(rest[0])][2:4]), "the page shows an empty cell: no copy there"
