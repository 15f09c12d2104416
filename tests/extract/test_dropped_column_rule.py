"""A column rule a fax dropped out for one row, while every other row of the table has it
(fax x reportlab No. 21, fax x fpdf2 No. 100: 担当部課 and 実施機関 became one cell, the department
read 「…課区長」). Hand-made pages: test_ocr_grid's ruled table with the rule at x=1400 erased
over its third row, all of it or all but its foot with a speck beside it on each side."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.extract.grid import GridSettings, find_grids, ink_mask, rule_masks, rule_pieces
from tests.extract.test_ocr_grid import glyphs, ruled_page


def dropped_rule_page(remains: bool, specks: bool = False, text_across: bool = False,
                      second_row: bool = False) -> np.ndarray:
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    d.rectangle([1396, 622, 1404, 705 if remains else 738], fill=255)  # the third row (620-740)
    if second_row:  # the second row (420-620) has lost it too: a cell merged over two rows
        d.rectangle([1396, 422, 1404, 618], fill=255)
    glyphs(d, 520, 660, 1360)  # the row's text on both sides, stopping short of the line ...
    glyphs(d, 1420, 660, 1800)
    if specks:  # ... dust just outside the strip, one speck each side, at heights 40 px apart
        d.rectangle([1392, 650, 1393, 651], fill=0)
        d.rectangle([1407, 690, 1408, 691], fill=0)
    if text_across:  # ... or a line of text running across where the rule was
        glyphs(d, 1340, 640, 1470)
    return np.asarray(img)


def merged(page: np.ndarray) -> list[tuple[int, int, int, int]]:
    settings = GridSettings()
    ink = ink_mask(page)
    horiz, vert = rule_masks(ink, settings)
    [grid] = find_grids(horiz, vert, settings, rule_pieces(ink, settings, horiz | vert), ink)
    return [(c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.rowspan > 1 or c.colspan > 1]


@pytest.mark.parametrize(("remains", "specks"), [(False, False), (True, True)])
def test_a_column_rule_dropped_in_one_row_still_parts_its_cells(remains: bool, specks: bool) -> None:
    assert merged(dropped_rule_page(remains, specks)) == []


@pytest.mark.parametrize("remains", [False, True])
def test_text_across_the_dropped_rule_is_one_merged_cell(remains: bool) -> None:
    assert merged(dropped_rule_page(remains, text_across=True)) == [(2, 1, 1, 2)]


def test_a_column_edge_missing_in_two_rows_is_not_known_from_the_others() -> None:
    assert merged(dropped_rule_page(False, second_row=True)) == [(1, 1, 1, 2), (2, 1, 1, 2)]


def test_a_heading_merged_over_the_columns_stays_one_cell() -> None:
    """count-scan200's heading over six columns: each of its edges is missing in that row alone,
    but a row lacking several column edges is a heading, not a drop-out."""
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    for x in (500, 1400):
        d.rectangle([x - 4, 302, x + 4, 418], fill=255)  # the first row (300-420) spans all three columns
    glyphs(d, 220, 340, 460)  # its text set at the left, nowhere near either line
    assert merged(np.asarray(img)) == [(0, 0, 1, 3)]
