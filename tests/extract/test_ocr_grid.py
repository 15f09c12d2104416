"""Grid detection, deskew and line splitting on synthetic page images (no OCR)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.extract.engines import slot_of, stack_lines
from pipeline.extract.grid import (
    GridSettings,
    estimate_skew,
    find_grids,
    ink_mask,
    line_bands,
    rotate,
    rule_masks,
)


def ruled_page(merge_first_column: bool = False) -> np.ndarray:
    """A 300 dpi-sized page with one 4x3 table, text-like blocks inside, optionally a row-merged cell."""
    img = Image.new("L", (2400, 1700), 255)
    d = ImageDraw.Draw(img)
    xs, ys = [200, 500, 1400, 2100], [300, 420, 620, 740, 860]
    for i, y in enumerate(ys):
        x_start = xs[1] if merge_first_column and i == 2 else xs[0]
        d.line([(x_start, y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    # two "text lines" in the tall second-row cell, one line elsewhere, a caption above the table
    for x0, top, x1 in ((520, 440, 1300), (520, 500, 1300), (1420, 320, 1800), (200, 150, 900)):
        glyphs(d, x0, top, x1)
    return np.asarray(img)


def glyphs(d: ImageDraw.ImageDraw, x0: int, top: int, x1: int) -> None:
    """A line of glyph-like marks: 24 px boxes outlined with 3 px strokes and a cross bar."""
    for x in range(x0, x1 - 24, 32):
        d.rectangle([x, top, x + 24, top + 28], outline=0, width=3)
        d.line([(x + 12, top), (x + 12, top + 28)], fill=0, width=3)


def test_deskew_finds_the_rotation_it_must_undo() -> None:
    page = ruled_page()
    for angle in (-1.4, -0.3, 0.45, 1.2):
        rotated = rotate(page, angle)
        # short synthetic rules pin the angle less sharply than a real page (exact to 0.01° there)
        assert estimate_skew(ink_mask(rotated)) == pytest.approx(-angle, abs=0.06)


def test_grid_rows_columns_and_merged_cell() -> None:
    settings = GridSettings()
    ink = ink_mask(ruled_page(merge_first_column=True))
    grids = find_grids(*rule_masks(ink, settings), settings)
    assert len(grids) == 1
    grid = grids[0]
    assert len(grid.xs) == 4 and len(grid.ys) == 5
    merged = [c for c in grid.cells if c.rowspan == 2]
    assert [(c.row, c.col) for c in merged] == [(1, 0)]
    assert len(grid.cells) == 4 * 3 - 1


def test_line_bands_split_a_cell_into_its_lines() -> None:
    ink = ink_mask(ruled_page())
    cell = ink[425:615, 505:1395]
    assert len(line_bands(cell, 30.0, GridSettings())) == 2


def test_stacked_lines_map_back_to_their_slots() -> None:
    lines = [Image.new("L", (2000, 30), 0), Image.new("L", (40, 30), 0), Image.new("L", (60, 40), 0)]
    _, slots = stack_lines(lines)
    assert len(slots) == 3
    # the long line has a row to itself; the two short ones share the next row
    assert slots[1][1] == slots[2][1] > slots[0][3]
    for i, (x0, y0, x1, y1) in enumerate(slots):
        assert slot_of(slots, (x0 + x1) / 2, (y0 + y1) / 2) == i
    assert slot_of(slots, 3000, 500) is None
