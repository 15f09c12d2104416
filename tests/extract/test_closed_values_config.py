"""The closed values OCR'd short cells are scored against come from the run's config (--config), not the
checkout's: a config folder naming another agency has its agency cells scored against that agency."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from pipeline.config import CONFIG_DIR
from pipeline.extract.closed_vocab import closed_values
from pipeline.extract.grid import Grid, GridCell
from pipeline.extract.ocr import LineBox, PageLayout, closed_cell_choices, ocr_page
from pipeline.run import RunSettings, load_config
from pipeline.store.keys import extract_settings_of, extractor_key

OTHER_AGENCY = "港湾管理者"  # named by no report type of the checkout's config/


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory):
    """The checkout's config/ with one more agency in the review-status report type."""
    folder = tmp_path_factory.mktemp("custom") / "config"
    shutil.copytree(CONFIG_DIR, folder)
    toml = folder / "report_types" / "review_status.toml"
    text = toml.read_text(encoding="utf-8")
    line = 'names = ["区長", '
    assert line in text
    toml.write_text(text.replace(line, f'names = ["{OTHER_AGENCY}", "区長", ', 1), encoding="utf-8")
    return load_config(folder)


def test_a_custom_configs_agency_is_a_closed_value(custom):
    assert OTHER_AGENCY in closed_values(custom)
    assert OTHER_AGENCY not in closed_values()
    assert {"有", "無", "区長", "合計"} <= set(closed_values(custom))


def test_the_run_hands_its_configs_closed_values_to_the_extractor(custom):
    run = RunSettings(config=custom)
    assert extract_settings_of(run).closed_values == closed_values(custom)
    assert extract_settings_of(RunSettings()).closed_values == ()  # no config: the checkout's, as before
    # an extraction scored against other values is another extraction
    assert extractor_key(extract_settings_of(run)) != extractor_key(extract_settings_of(RunSettings()))


class Scorer:
    """An engine that reads every line as 「x」 and records what it is asked to score against."""

    name = "fake"

    def __init__(self) -> None:
        self.started: list[tuple[str, ...]] = []
        self.scored: list[tuple[str, ...]] = []

    def start_page(self, values):
        self.started.append(tuple(values))

    def recognize_line(self, img):
        return ("x", 0.9)

    def recognize_lines(self, imgs):
        return [("x", 0.9) for _ in imgs]

    def line_choices(self, imgs, values):
        self.scored.append(tuple(values))
        return [((values[0], -1.0),) for _ in imgs]


def test_short_cells_are_scored_against_the_values_given(custom):
    gray = np.full((60, 120), 255, np.uint8)
    gray[20:40, 20:40] = 0
    grid = Grid((0, 0, 120, 60), (0, 120), (0, 60), (GridCell(0, 0, 1, 1, (0, 0, 120, 60)),))
    layout = PageLayout(gray, np.zeros_like(gray), 0.0, 300.0, (grid,), (LineBox((20, 20, 40, 40), 0, 0),))
    engine = Scorer()
    values = closed_values(custom)
    closed_cell_choices(layout, [("x", 0.9)], engine, values)
    assert engine.scored == [values]


def test_a_page_is_read_with_the_values_given(custom):
    engine = Scorer()
    values = closed_values(custom)
    ocr_page(_blank(), 1, 48.0, 72.0, engine, closed=values)
    assert engine.started == [values]
    ocr_page(_blank(), 1, 48.0, 72.0, engine)
    assert engine.started[-1] == closed_values()  # none given: the checkout's


def _blank():
    from PIL import Image

    return Image.new("L", (200, 300), 255)

