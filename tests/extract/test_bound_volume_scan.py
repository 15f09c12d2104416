"""A report bound in a volume and scanned open on a flatbed: the gutter's shadow and the lid are not the document.

The pages are drawn here with numpy (the ruled page of test_sheet_frame at 100 dpi, a table of rules with strokes
of 'text'; a page at 300 dpi for the scan marks): along one side the binding's shadow, darkest at the image's edge
and lightening over 15 mm towards the page, past the table's outer rule; along the other the lid's grey band. What
each step keeps or clears follows from those drawings, not from running the grid finder.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline.extract import sheet_frame
from pipeline.extract.grid import GridSettings
from pipeline.extract.scan_marks import without_long_strokes, without_scan_marks
from pipeline.extract.sheet_frame import find_sheet
from pipeline.extract.text_lines import banded
from tests.extract.test_sheet_frame import DPI, ruled_page


def gutter(page: np.ndarray, dpi: float, width_mm: float = 15.0, darkest: float = 0.3) -> np.ndarray:
    """``page`` with a binding's shadow along its right edge: multiplied by ``darkest`` at the edge, by 1 at
    ``width_mm`` from it, smoothly (a quarter sine) in between."""
    w = page.shape[1]
    reach = width_mm * dpi / 25.4
    d = np.clip((w - 1 - np.arange(w)) / reach, 0, 1)
    light = darkest + (1 - darkest) * np.sin(d * np.pi / 2)
    return np.clip(page.astype(np.float32) * light[None, :], 0, 255).astype(np.uint8)


def with_lid(page: np.ndarray, dpi: float, mm: float = 4.0, share: float = 0.72) -> np.ndarray:
    """``page`` with the lid's grey band, ``share`` of the paper, ``mm`` wide along its left edge."""
    out = page.copy()
    out[:, :round(mm * dpi / 25.4)] = round(235 * share)
    return out


def test_a_gutter_and_a_lid_at_opposite_edges_are_no_desk(monkeypatch: pytest.MonkeyPatch) -> None:
    page = with_lid(gutter(ruled_page(), DPI), DPI)
    assert find_sheet(page, DPI) is None
    # the drawing is what the rule is for: without it the two strips read as a desk's sides, the sheet's top
    # and bottom taken as run off the frame, and the page was warped
    monkeypatch.setattr(sheet_frame, "FRAME_STRIP", 0.0)
    found = find_sheet(page, DPI)
    assert found is not None and found.corners and set(found.cut) == {"top", "bottom"}


def test_a_photographed_sheet_with_desk_on_all_sides_is_still_flattened() -> None:
    from tests.extract.test_sheet_frame import photograph

    corners = np.array([[70, 45], [1110, 20], [1140, 790], [35, 760]], np.float32)
    sheet = find_sheet(photograph(ruled_page(), corners), DPI)
    assert sheet is not None and sheet.corners


MM = 300 / 25.4


def bound_page() -> tuple[np.ndarray, int]:
    """A 300 dpi page (A4 portrait) whose table's right rule stands 6 mm from the right edge, in the gutter's
    shadow (15 mm wide), with a word in the last column just inside it; returns the page and the rule's x."""
    h, w = round(297 * MM), round(210 * MM)
    page = np.full((h, w), 238, np.uint8)
    x0, x1, y0, y1 = round(30 * MM), w - round(6 * MM), round(60 * MM), round(200 * MM)
    for y in np.linspace(y0, y1, 8).round().astype(int):
        page[y:y + 3, x0:x1 + 3] = 30
    for x in (x0, round(120 * MM), x1):
        page[y0:y1 + 3, x:x + 3] = 30
    page[round(70 * MM):round(73 * MM), x1 - round(20 * MM):x1 - round(3 * MM)] = 30  # a word by the rule
    return gutter(page, 300), x1


def test_the_gutters_shadow_is_cleared_up_to_the_tables_rule_and_no_further() -> None:
    page, rule = bound_page()
    cleared, note = without_scan_marks(page, 300)
    assert note == "cleared 1 black band(s) at the image's edges"
    rows = slice(round(62 * MM), round(198 * MM))
    assert (cleared[rows, rule:rule + 3] < 100).mean() > 0.95  # the rule stays
    word = cleared[round(70 * MM):round(73 * MM), rule - round(20 * MM):rule - round(3 * MM)]
    assert (word < 100).all()  # and the word beside it
    assert (cleared[rows, rule + 12:] == 255).mean() > 0.9  # the shade beyond the rule is gone
    # at the edge of a flattened photo a band is the desk's last strip, no shade with print in it: cleared whole
    # to the paper, as before the volume's shade was known (here through the rule)
    photo, _ = without_scan_marks(page, 300, shade=False)
    assert (photo[rows, rule:rule + 3] < 100).mean() < 0.05


def test_a_line_down_the_margin_is_no_text_but_the_text_beside_it_stays() -> None:
    ink = np.zeros((1000, 800), np.uint8)
    ink[100:900, 40:43] = 255  # a sheet's edge down the margin
    for top in (120, 200, 280):  # three lines of 'text': strokes a character tall
        for x in range(60, 600, 30):
            ink[top:top + 30, x:x + 3] = 255
            ink[top + 14:top + 17, x:x + 20] = 255
    kept = without_long_strokes(ink, 300)
    assert not kept[100:900, 38:45].any()
    assert (kept[120:310, 60:600] == ink[120:310, 60:600]).all()


def test_a_piece_of_a_tall_band_is_banded_again_within_its_own_columns() -> None:
    ink = np.zeros((400, 800), np.uint8)
    ink[0:400, 5:8] = 255  # ink down the margin makes the whole height one band
    ink[20:50, 100:300] = 255  # a caption
    ink[200:230, 100:250] = 255  # a line further down
    got = banded(ink, (0, 400), (90, 310), 30.0, GridSettings(dpi=300))
    assert [(a, b) for a, b in got] == [(20, 50), (200, 230)]
    assert banded(ink, (20, 50), (90, 310), 30.0, GridSettings(dpi=300)) == [(20, 50)]  # a line's band as it is


def test_a_grainy_dark_strip_at_the_edge_is_cleared_whole() -> None:
    """A desk's grain left along the edge of a flattened photo dips and rises by more than a rule's contrast, but
    at no one place row after row: the strip is a band and goes whole, up to the paper."""
    page, _ = bound_page()
    page = np.full_like(page, 238)
    rng = np.random.default_rng(5)
    grain = cv2.resize(rng.normal(80, 30, (page.shape[0] // 40, 12)).clip(20, 140).astype(np.float32),
                       (round(5 * MM), page.shape[0]), interpolation=cv2.INTER_NEAREST)
    page[:, :grain.shape[1]] = grain.astype(np.uint8)
    cleared, note = without_scan_marks(page, 300)
    assert note == "cleared 1 black band(s) at the image's edges"
    assert (cleared[:, :grain.shape[1]] == 255).mean() > 0.97
