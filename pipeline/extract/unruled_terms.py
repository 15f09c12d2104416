"""Terms the unruled-table modules share, in a leaf module so that none of them copies another's.

``narrow_gutters`` cuts a frame's chunks for ``alignment``, and ``typed_space`` reads lines through
``alignment``: importing these two constants from either would make a cycle, so they live here.
"""

from __future__ import annotations

SPACED = "after_space"  # key set True on a character that a drawn space stands just before
CELL_START = "starts_cell"  # key set True on a character that starts a cell's text set solid after another's
MIN_TABLE_LINES = 3  # an unruled table needs this many lines with two or more aligned chunks
