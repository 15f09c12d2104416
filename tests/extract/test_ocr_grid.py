"""Grid detection, deskew and line splitting on synthetic page images (no OCR)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.extract.engines import letter_xs, slot_of, stack_lines
from pipeline.extract.grid import (
    GridSettings,
    estimate_skew,
    find_grids,
    ink_mask,
    rotate,
    rule_masks,
    rule_pieces,
)
from pipeline.extract.ocr import grid_rules, is_speck
from pipeline.extract.text_lines import line_bands, line_extents, typical_line_height


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


def test_a_word_run_across_two_lines_splits_where_the_lines_are() -> None:
    # 「開示請求」 (150 px) and 「412」 (90 px) side by side with 50 px between; Tesseract read them as one
    # word whose box reaches 10 px into 「412」: spread evenly over that box, 「求」 fell in the gap and
    # went to 「412」 (count-scan200.pdf table 2); spread over the lines' parts of it, it stays
    slots = [(0, 0, 150, 40), (200, 0, 290, 40)]
    xs = letter_xs(slots, 20, 190, 20, 2)
    assert [slot_of(slots, x, 20) for x in xs] == [0, 0]
    xs = letter_xs(slots, 0, 290, 20, 7)  # 開示請求412 over both lines whole
    assert [slot_of(slots, x, 20) for x in xs] == [0, 0, 0, 0, 1, 1, 1]
    assert letter_xs(slots[:1], 0, 150, 20, 3) == [25.0, 75.0, 125.0]  # one line: evenly, as before


def test_a_last_glyphs_box_reaching_into_the_gap_stays_with_its_line() -> None:
    # 「選挙管理委員会」 (slot 0) and 「4」 (slot 1) side by side on the sheet, as read from the 200 dpi
    # fpdf2 summary table: Tesseract's box for 会 was 60 px wide from 1 px inside the label's line
    # to 2 px into the 4's; its centre lay 2 px nearer the 4 and the count read 「会 4」
    slots = [(1149, 118, 1424, 169), (1481, 118, 1519, 162)]
    xs = letter_xs(slots, 1423, 60, 145, 1)
    assert xs == [1453.0]  # slivers of a line under half a letter wide take no letter
    assert slot_of(slots, xs[0], 145) == 0  # in the gap: the line on its left
    assert slot_of(slots, 1500, 145) == 1 and slot_of(slots, 1470, 145) == 0
    assert slot_of(slots, 1478, 145) == 1  # over a line height past the left line: the nearest
    assert slot_of(slots, 1140, 145) == 0  # before the first line: the nearest, as before
    assert slot_of([(100, 0, 200, 40), (100, 100, 200, 140)], 150, 60) == 0  # between rows: the nearest


def test_a_label_merged_over_rows_is_neither_split_nor_cut_by_the_row_line() -> None:
    # a label set across the row line that runs through its merged cell (区長 over four request
    # kinds): the bars of its glyphs lie on that line and are straight runs as long as a broken
    # rule's pieces; they must not make the missing edge, nor be painted out as rule
    img = Image.fromarray(ruled_page(merge_first_column=True))
    d = ImageDraw.Draw(img)
    for x in range(260, 440, 32):  # 日-like glyphs, their middle bar on the row line at y=620
        d.rectangle([x, 605, x + 24, 635], outline=0, width=3)
        d.line([(x, 620), (x + 24, 620)], fill=0, width=3)
    settings = GridSettings()
    ink = ink_mask(np.asarray(img))
    horiz, vert = rule_masks(ink, settings)
    pieces = rule_pieces(ink, settings, horiz | vert)
    grids = find_grids(horiz, vert, settings, pieces)
    assert len(grids) == 1
    assert [(c.row, c.col, c.rowspan) for c in grids[0].cells if c.rowspan > 1] == [(1, 0, 2)]
    rules = grid_rules(grids, horiz | pieces[0], vert | pieces[1])
    assert not rules[600:640, 255:445].any()  # the glyphs keep their bars
    assert rules[618:623, 600:1300].any()  # the row line beside the merged cell is still rule


def test_rule_pieces_leave_out_a_glyphs_middle_bar_but_keep_a_broken_rules_t() -> None:
    settings = GridSettings()
    ink = np.zeros((200, 400), np.uint8)
    ink[40:44, 20:60] = 255  # a piece of a broken row rule ...
    ink[44:84, 38:42] = 255  # ... and the piece of a column rule hanging from it (a fax, issue 12)
    ink[120:150, 200:203] = ink[120:150, 224:227] = 255  # 日: two sides, three bars
    ink[120:123, 200:227] = ink[134:137, 200:227] = ink[147:150, 200:227] = 255
    ink[150:153, 300:340] = 255  # a rule piece with a digit right under it
    ink[153:180, 310:313] = 255
    h, v = rule_pieces(ink, settings, np.zeros_like(ink))
    assert h[41, 30] and v[60, 40]  # the T is rule
    assert not h[135, 210] and h[121, 210] and h[148, 210]  # the bar through 日's middle is not
    assert h[151, 320]  # touching text on one side only, a piece stays


# ---------------------------------------------------------------- scans from other machines (issue 12)


def broken_ruled_page(gap: int, every: int) -> np.ndarray:
    """ruled_page()'s table with every rule interrupted: ``gap`` px of paper every ``every`` px (fax, copier).

    The gaps stay 50 px clear of the crossings: a rule's end piece shorter than
    ``GridSettings.rule_piece`` is lost, and a gap right at a table's corner can
    cut it off (a known limit).
    """
    img = np.array(ruled_page(), copy=True)
    ys, xs = [300, 420, 620, 740, 860], [200, 500, 1400, 2100]

    def gaps(a: int, b: int) -> range:
        return range(a + 50, b - 50 - gap, every)

    for y in ys:
        for a, b in pairwise(xs):
            for x in gaps(a, b):
                img[y - 2:y + 3, x:x + gap] = 255
    for x in xs:
        for a, b in pairwise(ys):
            for y in gaps(a, b):
                img[y:y + gap, x - 2:x + 3] = 255
    return img


@pytest.mark.parametrize(("gap", "every"), [(20, 70), (60, 120)])
def test_a_broken_rule_is_still_one_grid_without_merged_cells(gap: int, every: int) -> None:
    settings = GridSettings()
    ink = ink_mask(broken_ruled_page(gap, every))
    grids = find_grids(*rule_masks(ink, settings), settings, rule_pieces(ink, settings))
    assert len(grids) == 1
    assert len(grids[0].xs) == 4 and len(grids[0].ys) == 5
    assert len(grids[0].cells) == 4 * 3  # every cell edge still counts as ruled


def faded_column_rule_page(text_across: bool) -> np.ndarray:
    """ruled_page()'s table with the column rule at x=500 faded out over most of the third row.

    A thin rule on a skewed fax drops out for a row or two where it crosses from
    one pixel column to the next: 28 px of the 120 px row is left, at its foot.
    """
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    d.rectangle([497, 622, 503, 710], fill=255)
    glyphs(d, 220, 660, 480)  # text on both sides of the line, stopping short of it ...
    glyphs(d, 520, 660, 900)
    if text_across:  # ... or one line of text running across where the rule would be
        glyphs(d, 440, 640, 600)
    return np.asarray(img)


@pytest.mark.parametrize("text_across", [False, True])
def test_a_faded_rule_parts_cells_unless_text_runs_across_it(text_across: bool) -> None:
    settings = GridSettings()
    ink = ink_mask(faded_column_rule_page(text_across))
    horiz, vert = rule_masks(ink, settings)
    pieces = rule_pieces(ink, settings, horiz | vert)
    merged = [(c.row, c.col, c.colspan) for c in find_grids(horiz, vert, settings, pieces, ink)[0].cells
              if c.colspan > 1]
    # with pieces left and a clean gutter the edge stands; text across it is one merged cell
    assert merged == ([(2, 0, 2)] if text_across else [])
    # without the ink (as before), a mostly unruled edge merges whatever runs across it
    assert [(c.row, c.col, c.colspan) for c in find_grids(horiz, vert, settings, pieces)[0].cells
            if c.colspan > 1] == [(2, 0, 2)]


def test_a_merged_cell_without_any_rule_piece_stays_merged_with_the_ink() -> None:
    settings = GridSettings()
    ink = ink_mask(ruled_page(merge_first_column=True))
    horiz, vert = rule_masks(ink, settings)
    grids = find_grids(horiz, vert, settings, rule_pieces(ink, settings, horiz | vert), ink)
    assert [(c.row, c.col) for c in grids[0].cells if c.rowspan == 2] == [(1, 0)]


def test_tightly_set_text_is_not_a_rule() -> None:
    # a long line of glyphs whose cross bars line up 5 px apart (tight fpdf2 cells, a soft 200 dpi
    # scan): bridging such gaps on the ink made a "rule" that cut the text line in two
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    for x in range(520, 1380, 29):
        d.rectangle([x, 560, x + 23, 586], outline=0, width=3)
        d.line([(x, 573), (x + 23, 573)], fill=0, width=3)
    settings = GridSettings()
    ink = ink_mask(np.asarray(img))
    grids = find_grids(*rule_masks(ink, settings), settings)
    assert len(grids) == 1 and len(grids[0].ys) == 5


def test_specks_do_not_set_the_line_height() -> None:
    page = ruled_page()
    rng = np.random.default_rng(0)
    specked = page.copy()
    for y, x in zip(rng.integers(430, 610, 30), rng.integers(510, 1390, 30)):  # ~ the fax pipeline's density
        specked[y:y + 3, x:x + 2] = 0
    box = [(505, 425, 1395, 615)]
    clean = typical_line_height(ink_mask(page), box)
    # unfiltered, the specks' own 3-6 px bands outnumber the two lines and set the height
    assert typical_line_height(ink_mask(specked), box) < clean / 3
    # specks touching a line may stretch its band a little, never to a speck's size
    assert typical_line_height(ink_mask(specked), box, min_ink=24) == pytest.approx(clean, rel=0.2)


def test_dust_and_rule_slivers_are_not_lines() -> None:
    lh = 30.0
    speck = np.zeros((30, 40), np.uint8)
    speck[3:5, 2:4] = 255
    speck[25:27, 30:32] = 255  # two specks far apart: a tall, wide box with almost no ink
    sliver = np.zeros((8, 600), np.uint8)
    sliver[3:6, :] = 255  # what is left of a rule
    dash = np.zeros((30, 30), np.uint8)
    dash[13:17, 2:28] = 255  # 「－」: flat but short, a real glyph
    glyph = np.zeros((30, 30), np.uint8)
    glyph[2:28, 2:5] = glyph[2:5, 2:28] = 255
    assert is_speck(speck, lh, GridSettings().dust)
    assert is_speck(sliver, lh, GridSettings().dust)
    assert not is_speck(dash, lh, GridSettings().dust)
    assert not is_speck(glyph, lh, GridSettings().dust)


def test_a_row_of_specks_does_not_stretch_a_lone_glyph_across_the_cell() -> None:
    # a 「0」 at the left of an empty count cell, then specks every 12 px across the cell (fax):
    # each speck is close to the next, none close to the glyph; the line box is the glyph's
    lh = 30.0
    band = np.zeros((30, 600), np.uint8)
    band[4:26, 10:13] = band[4:26, 24:27] = band[4:7, 10:27] = band[23:26, 10:27] = 255
    for x in range(60, 590, 12):
        band[14:16, x:x + 2] = 255
    assert line_extents(band, (0, 30), lh, GridSettings(), split=False) == [(10, 27)]
    # dust right beside the glyph is not told apart from it (a 、 or a dakuten could be there)
    band[14:16, 30:32] = 255
    assert line_extents(band, (0, 30), lh, GridSettings(), split=False) == [(10, 32)]
    # a band of small marks only (・・・) is left to is_speck
    dots = np.zeros((30, 200), np.uint8)
    for x in range(10, 190, 40):
        dots[12:18, x:x + 6] = 255
    assert line_extents(dots, (0, 30), lh, GridSettings(), split=False) == [(10, 176)]


def test_a_dark_speck_far_out_in_a_wide_cell_does_not_stretch_the_line() -> None:
    # a department's text at the left of a wide cell, then a scanner's dust 7 x 6 px far to its right:
    # more ink than ``dust`` allows a small mark, but as short as it is narrow, so not a glyph
    lh = 24.0
    band = np.zeros((30, 900), np.uint8)
    band[3:27, 10:210] = 255  # the text: a run of glyphs as tall as the line
    band[12:18, 800:807] = 255  # the speck: 42 px of ink, 6 px tall
    assert line_extents(band, (0, 30), lh, GridSettings(), split=False) == [(10, 210)]
    # a narrow glyph as tall as the line (a 「1」) that far out is kept: it may be the cell's value
    band[3:25, 800:807] = 255
    assert line_extents(band, (0, 30), lh, GridSettings(), split=False) == [(10, 807)]
    # a speck within a line height of the text is not told apart from it (a dakuten, a 、)
    band[3:25, 800:807] = 0
    band[12:18, 220:227] = 255
    assert line_extents(band, (0, 30), lh, GridSettings(), split=False) == [(10, 227)]



def test_light_falling_off_across_the_sheet_is_not_ink() -> None:
    """colour150: the paper darkens from ~235 to ~150 across the sheet. One Otsu threshold
    called the dark side's paper ink (one page-wide grid, the front page swallowed);
    with the paper brought to one level the table is found as it was printed."""
    from pipeline.extract.grid import even_paper

    page = ruled_page().astype(np.float32)
    lighting = np.linspace(235, 150, page.shape[1], dtype=np.float32)[None, :]
    lit = (page / 255.0 * (lighting - 40) + 40).astype(np.uint8)  # ink ~40, paper as lit
    settings = GridSettings()
    flat = even_paper(lit, settings.dpi)
    ink = ink_mask(flat)
    # the paper beyond the table's right edge (x 2100) holds no ink at all
    assert np.count_nonzero(ink[:, 2150:]) == 0
    grids = find_grids(*rule_masks(ink, settings), settings)
    assert len(grids) == 1 and len(grids[0].xs) == 4 and len(grids[0].ys) == 5
    # without it, the dark side of the sheet is ink
    assert np.count_nonzero(ink_mask(lit)[:, 2150:]) > 0.5 * lit[:, 2150:].size


def test_an_evenly_lit_page_is_left_exactly_as_it_was() -> None:
    from pipeline.extract.grid import even_paper

    page = ruled_page()
    grey = (page.astype(np.float32) * 0.8 + 30).astype(np.uint8)  # paper 234, ink 30, evenly
    assert even_paper(page, 300) is page and even_paper(grey, 300) is grey
