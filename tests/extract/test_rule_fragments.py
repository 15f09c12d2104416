"""What a fax leaves of a broken rule: fragments shorter than a rule piece, in line with the table's rules
(issue 12, fax x fpdf2 pages 1-2: counts read 「-0」 and 「ー0」, and 「309」 and 「115」 read as one cell).

Hand-made pages: test_ocr_grid's ruled table (columns at x = 200, 500, 1400, 2100; rows at
y = 300, 420, 620, 740, 860; 3 px rules) with the damage drawn in; the truth is what was drawn.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from pipeline.extract.grid import GridSettings, find_grids, ink_mask, rule_masks, rule_pieces
from pipeline.extract.ocr import grid_rules
from tests.extract.test_ocr_grid import glyphs, ruled_page


def zero(d: ImageDraw.ImageDraw, x: int, top: int) -> None:
    """A count's 「0」: a 20 x 30 px ring."""
    d.ellipse([x, top, x + 20, top + 30], outline=0, width=3)


def layout(page: np.ndarray) -> tuple[list, np.ndarray]:
    """The grids and the ink the OCR reads once their rules are painted out (as ``ocr.page_layout``)."""
    settings = GridSettings()
    ink = ink_mask(page)
    horiz, vert = rule_masks(ink, settings)
    pieces = rule_pieces(ink, settings, horiz | vert)
    grids = find_grids(horiz, vert, settings, pieces, ink)
    rules = cv2.dilate(grid_rules(grids, horiz | pieces[0], vert | pieces[1]), np.ones((5, 5), np.uint8))
    return grids, cv2.bitwise_and(ink, cv2.bitwise_not(rules))


def merged(grids: list) -> list[tuple[int, int, int, int]]:
    return [(c.row, c.col, c.rowspan, c.colspan) for c in grids[0].cells if c.rowspan > 1 or c.colspan > 1]


def crumbled_row_rule_page() -> Image.Image:
    """The rule at y=740 over the third column crumbled into bits under a rule piece long, some a
    little off its line, with a 「0」 set flush right in the cell under it (the fax's 「-0」)."""
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    d.rectangle([1402, 737, 2098, 743], fill=255)
    for x in range(1410, 2080, 20):  # 12 px bits, 8 px apart, on the line, 1-3 px above or below it
        dy = (x // 20) % 3 - 1
        d.rectangle([x, 739 + dy, x + 11, 741 + dy], fill=0)
    d.rectangle([1540, 742, 1553, 746], fill=0)  # a blob of the rule hanging into the cell below
    zero(d, 2060, 770)
    return img


def test_bits_of_a_crumbled_rule_are_painted_out_and_the_count_is_left_alone() -> None:
    grids, text = layout(np.asarray(crumbled_row_rule_page()))
    assert len(grids) == 1 and merged(grids) == []
    cell = text[742:858, 1402:2098]  # the count's cell, inside its rules
    cols = np.flatnonzero(cell.any(axis=0)) + 1402
    assert cols.min() >= 2058 and cols.max() <= 2082  # the 「0」 alone: no dash before it
    assert text[770:801, 2060:2081].sum() == ink_mask(np.asarray(crumbled_row_rule_page()))[770:801, 2060:2081].sum()


XS, YS = (150, 913, 1276, 1639, 2002), (157, 308, 359, 410, 461, 511, 562, 613)  # a fax's summary table


def summary_page(stubs: bool, text_across: bool = False) -> np.ndarray:
    """A summary table as the fax x fpdf2 copy sets it (a 150 px header, 51 px rows, counts flush
    right), the column rule at x=1639 dropped over its last row but for a stub under the row rule
    above and a foot with a sliver of the row rule below, each shorter than a rule piece and
    reaching into the middle of the edge (「309」 | 「115」 read as one cell, page 1)."""
    img = Image.new("L", (2300, 760), 255)
    d = ImageDraw.Draw(img)
    for y in YS:
        d.rectangle([XS[0], y - 1, XS[-1], y + 2], fill=0)
    for x in XS:
        d.rectangle([x - 1, YS[0], x + 2, YS[-1]], fill=0)
    d.rectangle([1637, 565, 1642, 610], fill=255)
    if stubs:
        d.rectangle([1638, 565, 1640, 567], fill=0)
        d.rectangle([1638, 602, 1640, 610], fill=0)
        d.rectangle([1630, 609, 1680, 610], fill=0)  # the foot's T: a sliver of the row rule beside it
    for top in YS[1:-1]:
        for x in XS[2:]:
            zero(d, x - 34, top + 11)
    glyphs(d, 1560, 572, 1630)
    glyphs(d, 1940, 572, 2000)
    if text_across:
        glyphs(d, 1600, 572, 1700)
    return np.asarray(img)


def test_a_dropped_column_rule_with_stubs_left_still_parts_its_cells() -> None:
    grids, text = layout(summary_page(stubs=True))
    assert len(grids) == 1 and len(grids[0].ys) == len(YS)
    assert merged(grids) == []
    assert not text[563:613, 1634:1646].any()  # the stubs are painted out with the rule
    assert merged(layout(summary_page(stubs=False))[0]) == []


def test_a_line_of_text_across_the_stubs_is_still_one_merged_cell() -> None:
    assert merged(layout(summary_page(stubs=True, text_across=True))[0]) == [(6, 2, 1, 2)]


def dashed_column_rule_page() -> np.ndarray:
    """The column rule at x=1400 in the second and third rows (420-740) broken into 10 px dashes with
    4 px gaps: no dash is a rule piece, and the gap in the long rule is longer than ``rule_gap``."""
    img = np.array(ruled_page(), copy=True)
    img[422:739, 1397:1404] = 255
    for y in range(424, 736, 14):
        img[y:y + 10, 1399:1402] = 0
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    glyphs(d, 1250, 660, 1370)
    glyphs(d, 1430, 660, 1600)
    glyphs(d, 1250, 450, 1370)
    return np.asarray(pil)


def test_a_column_rule_in_dashes_is_bridged_along_its_x() -> None:
    grids, text = layout(dashed_column_rule_page())
    assert merged(grids) == []
    assert not text[422:739, 1396:1405].any()


def test_glyphs_and_dots_by_a_rule_are_no_fragments() -> None:
    """Marks as thick as they are long (a 、, a dakuten) and glyphs reaching out of the rule's band
    stay text, even set right against a rule; a dash in the middle of a cell is far from every rule."""
    img = Image.fromarray(ruled_page())
    d = ImageDraw.Draw(img)
    d.rectangle([1600, 744, 1605, 749], fill=0)  # a dot 3 px under the row rule
    glyphs(d, 1700, 743, 1800)  # glyphs touching the row rule from below
    d.rectangle([1900, 795, 1930, 798], fill=0)  # 「ー」 mid-cell
    page = np.asarray(img)
    grids, text = layout(page)
    ink = ink_mask(page)
    assert merged(grids) == []
    assert text[744:750, 1600:1606].sum() == ink[744:750, 1600:1606].sum()
    assert text[750:772, 1700:1800].sum() == ink[750:772, 1700:1800].sum()
    assert text[795:799, 1900:1931].sum() == ink[795:799, 1900:1931].sum()


def test_a_clean_table_gains_no_fragments() -> None:
    settings = GridSettings()
    ink = ink_mask(ruled_page())
    horiz, vert = rule_masks(ink, settings)
    with_rules = rule_pieces(ink, settings, horiz | vert)
    # a clean page's marks in line with its rules are the rules' own pieces, already there without them
    plain = rule_pieces(ink, settings)
    for a, b in zip(with_rules, plain):
        assert not (a & ~b & ~(horiz | vert)).any()


def dashed_row_rule_page() -> np.ndarray:
    """A narrow flag column (x 400-515) whose row rule at y=410 crumbled into 7 px dashes 10 px apart
    (under half the edge inked), 28 px glyphs in 38 px rows set tight above and below it (the fax x
    fpdf2 case table's 有/無 columns)."""
    img = Image.new("L", (1000, 700), 255)
    d = ImageDraw.Draw(img)
    xs, ys = (150, 400, 515, 800), (296, 334, 372, 410, 448, 486)
    for y in ys:
        d.rectangle([xs[0], y - 1, xs[-1], y + 2], fill=0)
    for x in xs:
        d.rectangle([x - 1, ys[0], x + 2, ys[-1]], fill=0)
    d.rectangle([403, 408, 512, 413], fill=255)
    for x in range(404, 510, 17):
        d.rectangle([x, 409, x + 6, 411], fill=0)
    for top in ys[:-1]:
        glyphs(d, 444, top + 5, 480)  # 5 px of paper above, 5 below
        glyphs(d, 600, top + 5, 700)
    return np.asarray(img)


def test_a_row_rule_crumbled_into_dashes_parts_two_rows_with_text_set_tight() -> None:
    page = dashed_row_rule_page()
    assert merged(layout(page)[0]) == []
    settings = GridSettings(fragment_gap=0)  # without bridging the dashes' gaps the rows merge
    ink = ink_mask(page)
    horiz, vert = rule_masks(ink, settings)
    grids = find_grids(horiz, vert, settings, rule_pieces(ink, settings, horiz | vert), ink)
    assert merged(grids) == [(2, 1, 2, 1)]
