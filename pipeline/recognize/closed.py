"""A closed-vocabulary cell's value from the recognizer's likelihoods (issue 12, fax scans).

An OCR'd short cell carries each closed value's log likelihood under the
recognizer (``Cell.choices``, extract/closed_vocab.py). Once the column is
known (a flag column allows 有/無, an agency column the report type's
agencies), the likeliest allowed value is the reading, when it beats the
runner-up by ``CHOICE_MARGIN``; closer than that, the pixels do not decide and
the cell is ambiguous (a finding, never a guess). Cells without choices (text
layer, or an engine that gives none) are decoded from their text as before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# log likelihood the likeliest allowed value must beat the runner-up by (e^2: over 7 times likelier). On fax x fpdf2
# page 3 the flag and agency cells' margins were 6-30 (a lone 無 read 照/黒/然/級 among them), the cells
# right by their free reading 10-30; a margin under 2 is a glyph the recognizer cannot place.
CHOICE_MARGIN = 2.0


@dataclass(frozen=True)
class Choice:
    value: str
    margin: float  # over the runner-up among the allowed values (inf when only one could be scored)

    @property
    def sure(self) -> bool:
        return self.margin >= CHOICE_MARGIN


def closed_choice(choices: Iterable[tuple[str, float]], allowed: Iterable[str]) -> Choice | None:
    """The likeliest of ``allowed`` by a cell's recognizer ``choices`` (``Cell.choices``), or None unless
    they score every allowed value: a value left unscored (a character the recognizer cannot write, or an
    extraction made under a configuration without it) could be the printed one."""
    wanted = set(allowed)
    scored = [(value, score) for value, score in choices if value in wanted]
    if not wanted or len(scored) < len(wanted):
        return None
    scored.sort(key=lambda vs: -vs[1])
    margin = scored[0][1] - scored[1][1] if len(scored) > 1 else math.inf
    return Choice(scored[0][0], margin)
