"""A row label that wraps onto a second line, in a table without rules.

Read as Camelot's stream reads it, every text line of an unruled table is a
row; a long row label that wraps ("American Indian/Alaska" / "Native") then
becomes two rows, the second with nothing but the label's end. Typesetters
mark such a continuation with a hanging indent: the wrapped line starts
further right than the label it continues, holds text in the label column
only, and follows a line that has values in the other columns. A group
heading ("Female" after the last row of the "Male" group) is set at the
same indent as the labels or further left, so it stays a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Char = dict[str, Any]

HANGING_INDENT = 0.2  # a continuation starts at least this many font sizes right of the label it continues


def continues_label(above: Sequence[Char], line: Sequence[Char], below: Sequence[Char] = (), *,
                    first_border: float) -> bool:
    """Is ``line`` the wrapped end of the row label of ``above`` (module docstring)?

    Not when ``line`` is itself continued by a hanging-indented line with
    values (``below``): then it starts a row of its own, an indented sub-item
    whose label wraps (「Murder and nonnegligent」 / 「manslaughter … 10.0」).
    """
    if below and _continued(line, below, first_border):
        return False
    inked = [c for c in line if not c["text"].isspace()]
    before = [c for c in above if not c["text"].isspace()]
    if not inked or not before:
        return False
    in_label_column = all((c["x0"] + c["x1"]) / 2 < first_border for c in inked)
    has_values = any((c["x0"] + c["x1"]) / 2 > first_border for c in before)
    label_start = min(c["x0"] for c in before)
    indent = min(c["x0"] for c in inked) - label_start
    return in_label_column and has_values and indent >= HANGING_INDENT * max(inked[0]["size"], 1.0)


def _continued(line: Sequence[Char], below: Sequence[Char], first_border: float) -> bool:
    """Does ``below`` start right of ``line`` by a hanging indent and carry values past the label column?"""
    inked = [c for c in line if not c["text"].isspace()]
    after = [c for c in below if not c["text"].isspace()]
    if not inked or not after:
        return False
    indent = min(c["x0"] for c in after) - min(c["x0"] for c in inked)
    return indent >= HANGING_INDENT * max(after[0]["size"], 1.0) and any(
        (c["x0"] + c["x1"]) / 2 > first_border for c in after)
