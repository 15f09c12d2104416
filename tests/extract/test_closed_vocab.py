"""Closed values scored by their CTC likelihood over a recognizer's probabilities (extract/closed_vocab.py).

The probability matrices are written by hand and each expected likelihood is summed here by hand over the
alignments CTC allows (repeats collapse, a blank separates equal neighbours), not taken from the code.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from pipeline.extract.closed_vocab import (
    LOG_FLOOR,
    character_classes,
    closed_choices,
    closed_values,
    ctc_log_likelihood,
    wants_choices,
)

# classes: 0 blank, 1 a, 2 b
TWO = np.array([[0.5, 0.3, 0.2],
                [0.6, 0.1, 0.3]])


@pytest.mark.parametrize("labels, by_hand", [
    ([], 0.5 * 0.6),                                  # blank, blank
    ([[1]], 0.3 * 0.1 + 0.3 * 0.6 + 0.5 * 0.1),       # aa, a-, -a
    ([[2]], 0.2 * 0.3 + 0.2 * 0.6 + 0.5 * 0.3),       # bb, b-, -b
    ([[1], [2]], 0.3 * 0.3),                          # ab
    ([[2], [1]], 0.2 * 0.1),                          # ba
])
def test_the_likelihood_sums_every_alignment(labels, by_hand):
    assert math.exp(ctc_log_likelihood(TWO, labels)) == pytest.approx(by_hand)


def test_the_likelihoods_of_every_text_that_fits_sum_to_one():
    texts = [[], [[1]], [[2]], [[1], [2]], [[2], [1]]]  # aa and bb cannot fit two slices
    assert sum(math.exp(ctc_log_likelihood(TWO, t)) for t in texts) == pytest.approx(1.0)


def test_a_doubled_character_needs_a_blank_between():
    assert ctc_log_likelihood(TWO, [[1], [1]]) == -math.inf
    three = np.array([[0.1, 0.9, 0.0], [0.8, 0.2, 0.0], [0.3, 0.7, 0.0]])
    assert math.exp(ctc_log_likelihood(three, [[1], [1]])) == pytest.approx(0.9 * 0.8 * 0.7)


def test_classes_that_write_the_same_character_add_up():
    one = np.array([[0.2, 0.5, 0.3]])
    assert math.exp(ctc_log_likelihood(one, [[1, 2]])) == pytest.approx(0.8)
    assert character_classes([None, "査", "査", "課"]) == {"査": (1, 2), "課": (3,)}


def test_a_look_alike_read_first_still_leaves_the_flag_likelier():
    """A fax's 無 read as 照: 照 wins the slice, but 無 is three times likelier than 有 there."""
    classes = character_classes([None, "照", "無", "有"])
    probs = np.array([[0.9, 0.05, 0.03, 0.02],
                      [0.1, 0.5, 0.3, 0.1],
                      [0.9, 0.04, 0.04, 0.02]])
    got = closed_choices(probs, classes, ["有", "無", "区長"])
    assert [v for v, _ in got] == ["無", "有"]  # 区長's characters are not the recognizer's: left out
    assert closed_choices(probs, classes, ["有無有無"])[0][1] == LOG_FLOOR  # four characters in three slices
    # 無 over three slices: -N-, N--, --N, NN-, -NN, NNN (N-N would spell 無無)
    no = (0.9 * 0.3 * 0.9 + 0.03 * 0.1 * 0.9 + 0.9 * 0.1 * 0.04
          + 0.03 * 0.3 * 0.9 + 0.9 * 0.3 * 0.04 + 0.03 * 0.3 * 0.04)
    assert math.exp(ctc_log_likelihood(probs, [[2]])) == pytest.approx(no)
    assert got[0][1] == pytest.approx(math.log(no), abs=1e-3)  # rounded to 3 places


def test_short_readings_that_are_not_numbers_or_values_already_are_scored():
    values = ("有", "無", "区長", "教育委員会")
    for read in ("照", "", "区 費", "に 1", "1", "m", "無一"):
        assert wants_choices(read, values, 5), read
    for read in ("12", "1,234", "委託の内容の説明", "無", "区 長"):
        assert not wants_choices(read, values, 5), read


def test_the_closed_values_are_the_flags_and_the_configured_agencies():
    values = closed_values()
    assert {"有", "無", "区長", "教育委員会", "合計"} <= set(values)
