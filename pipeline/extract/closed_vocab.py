"""Closed-vocabulary cells scored by the recognizer's own probabilities (issue 12, fax scans).

A flag cell holds 有 or 無, an agency cell one of the report type's 実施機関: the
value comes from a closed set. On a fax (200 x 100 dpi) PP-OCRv5's likeliest
reading of a lone 無 is often a look-alike (照, 黒, 然, 熊: the four dots
survive, the strokes above them merge), and mapping that free reading to the
nearest value afterwards guesses. The recognizer's per-slice probabilities say
more: the probability of the whole string 無 under CTC (summed over every way
its slices can spell it, the forward algorithm) against that of 有. That is
what ``closed_choices`` gives each allowed value, for the recognize stage to
choose from once it knows which column a cell is in (``Cell.choices``).

The extract stage does not know the columns yet, so it scores every short
OCR'd cell (``wants_choices``) against every closed value the configured
report types name (``closed_values``): the flag values and the agencies.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pipeline.config.settings import Config

LOG_FLOOR = -1e4  # log of a probability of zero (keeps the sums finite)


def _logsumexp(a: float, b: float) -> float:
    if a < b:
        a, b = b, a
    if b <= LOG_FLOOR:
        return a
    return a + math.log1p(math.exp(b - a))


def ctc_log_likelihood(probs: np.ndarray, labels: Sequence[Sequence[int]], blank: int = 0) -> float:
    """log P(labels | probs) under CTC: the probability of the label sequence summed over every alignment
    of it to the slices (repeats collapse, blanks between them), by the forward algorithm.

    ``probs`` is slices x classes, each row a distribution; ``labels`` gives each character of the text as
    the class indices that write it (their probabilities add: 査 and its simplified form 查 both write 査).
    Two equal neighbours need a blank between them, as in CTC. -inf when the text cannot fit the slices.
    """
    t_len = probs.shape[0]
    if not labels:
        return float(np.sum(np.log(np.maximum(probs[:, blank].astype(np.float64), 1e-300))))
    # the extended sequence: blank, l1, blank, l2, ..., blank
    ext: list[Sequence[int] | None] = [None]
    for lab in labels:
        ext += [tuple(lab), None]
    n = len(ext)
    p = probs.astype(np.float64, copy=False)

    def emit(t: int, s: int) -> float:
        cls = ext[s]
        q = float(p[t, blank]) if cls is None else float(sum(p[t, c] for c in cls))
        return math.log(q) if q > 0 else LOG_FLOOR

    alpha = [LOG_FLOOR] * n
    alpha[0] = emit(0, 0)
    if n > 1:
        alpha[1] = emit(0, 1)
    for t in range(1, t_len):
        new = [LOG_FLOOR] * n
        for s in range(n):
            a = alpha[s]
            if s >= 1:
                a = _logsumexp(a, alpha[s - 1])
            if s >= 2 and ext[s] is not None and ext[s] != ext[s - 2]:
                a = _logsumexp(a, alpha[s - 2])
            if a > LOG_FLOOR:
                new[s] = a + emit(t, s)
        alpha = new
    total = _logsumexp(alpha[n - 1], alpha[n - 2]) if n > 1 else alpha[0]
    return total if total > LOG_FLOOR / 2 else -math.inf


def character_classes(characters: Sequence[str | None]) -> dict[str, tuple[int, ...]]:
    """Each writable character -> the class indices that write it (``LexiconDecode.characters``)."""
    out: dict[str, list[int]] = {}
    for i, ch in enumerate(characters):
        if ch:
            out.setdefault(ch, []).append(i)
    return {ch: tuple(ix) for ch, ix in out.items()}


def closed_choices(probs: np.ndarray, classes: dict[str, tuple[int, ...]],
                   values: Iterable[str]) -> tuple[tuple[str, float], ...]:
    """Each value the recognizer can write, with its CTC log likelihood over one line's ``probs``,
    likeliest first (values with a character outside the recognizer's dictionary are left out, and the
    recognize stage then decodes the column from the text; a value too long for the line's slices
    scores ``LOG_FLOOR``: it cannot be what the line says)."""
    spelled = {value: [classes[ch] for ch in value] for value in values if value and all(ch in classes for ch in value)}
    # the few classes the values use, and the blank, as columns of a small matrix (one copy, not one per value)
    used = sorted({c for labels in spelled.values() for lab in labels for c in lab} | {0})
    column = {c: k for k, c in enumerate(used)}
    small = probs[:, used].astype(np.float64)
    scored = []
    for value, labels in spelled.items():
        score = ctc_log_likelihood(small, [[column[c] for c in lab] for lab in labels])
        scored.append((value, round(max(score, LOG_FLOOR), 3)))
    return tuple(sorted(scored, key=lambda vs: -vs[1]))


@functools.cache
def closed_values(config: Config | None = None) -> tuple[str, ...]:
    """Every value of a closed-vocabulary column the table report types of the run's ``config`` name (None:
    the checkout's config/): the flag values (有/無) and the agencies (実施機関, with the total row's 合計).

    The run's, not the checkout's: a config folder that lists another municipality's agencies must have
    its agency cells scored against those (``--config``)."""
    from pipeline.config.report_types import table_report_types
    from pipeline.normalize.values import FLAG_VALUES

    values = set(FLAG_VALUES)
    for report_type in config.report_types if config is not None else table_report_types():
        values.update(report_type.agencies)
        if report_type.agencies:
            values.add(report_type.total_agency)
    return tuple(sorted(values))


def wants_choices(text: str, values: Collection[str], longest: int) -> bool:
    """Whether an OCR'd cell's reading could be a closed value misread: a few characters (up to one more
    than the longest value, a speck beside it), or none, and not a number of two or more digits (a No. or
    count cell; a fax's 無 read 「m」 or 「1」, or 有 read 「に 1」, is scored).

    A reading that is a closed value already is not scored: on fax x fpdf2 pages 3-6 all 384 such cells
    had it as their likeliest value, and scoring them was three quarters of the extra reading (each cell
    one more PP-OCRv5 pass, ~30 ms)."""
    glyphs = "".join(text.split())
    number = len(glyphs) >= 2 and all(ch.isdigit() or ch in ",.-" for ch in glyphs)
    return len(glyphs) <= longest + 1 and not number and glyphs not in values
