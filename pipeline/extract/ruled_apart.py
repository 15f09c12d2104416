"""Characters a drawn column rule stands just before: two cells' texts, however close they are set.

``cell_words`` keeps a run of characters set solid as one word, so
that a border read from the text's alignment does not cut a word that
hangs past it (「sterilizatio|n」): two cells' texts were never set solid,
since producers pad their cells. A table whose cells have no padding (Excel
and Word cells with margins of 0, many 帳票) sets one cell's text against
the next one's with only the rule between them, 0.5 pt: 「要配慮個|条例要配」
read as one word and went whole into the first cell. A drawn rule is no
alignment's guess: the character just after one (its left edge within
``BESIDE`` font sizes of the rule, the rule running through its middle)
is marked (``RULED``), and a word ends before it. Not a mark that cannot
start a line (「、」「）」「】」, 行頭禁則): matplotlib sets a cell's last line past
its rule, and the mark that ends it is still that cell's. An opening mark
(「「」) inks the right half of its box, which LuaTeX sets half across the
rule: the rule may stand anywhere up to its middle.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pipeline.extract.alignment import chars_to_rows
from pipeline.extract.overset import NO_LINE_START, set_over
from pipeline.extract.ruling import Segment
from pipeline.extract.unruled_terms import CELL_START
from pipeline.extract.wrapped import BLANK_BEFORE, SOLID, ink_left

Char = dict[str, Any]

RULED = "after_rule"  # key set True on a character that a drawn vertical rule stands just before
BESIDE = 0.15  # font sizes between a character's left edge and the rule before it, either side


def marked_after_rules(chars: Sequence[Char], vs: Sequence[Segment]) -> list[Char]:
    """The characters, a copy of each one that a drawn vertical rule stands just before marked RULED: its left edge
    within BESIDE font sizes of the rule, or the rule between its middle and the middle of the character before it
    on its line (``_crossed``)."""
    rules = sorted(vs, key=lambda v: v.pos)
    xs = [v.pos for v in rules]
    crossed = _crossed(chars, rules, xs)
    out: list[Char] = []
    for ch in chars:
        if ch["text"] in NO_LINE_START:
            out.append(ch)
            continue
        reach = BESIDE * max(ch["size"], 1.0)
        mid = (ch["top"] + ch["bottom"]) / 2
        lo, hi = bisect_left(xs, ch["x0"] - reach), bisect_right(xs, ink_left(ch) + reach)  # 「 inks its right half
        if id(ch) in crossed or any(rules[k].lo <= mid <= rules[k].hi for k in range(lo, hi)):
            out.append({**ch, RULED: True})
        else:
            out.append(ch)
    return out


def _crossed(chars: Sequence[Char], rules: Sequence[Segment], xs: Sequence[float]) -> set[int]:
    """Ids of the characters set solid after one on the other side of a drawn rule, by their middles.

    Scribus lets a line of ideographs run half a glyph past its cell's edge:
    「要配慮個」's 個 stands across the rule, 「条例要配」 of the next cell half
    a point after it, and the two cells' texts made one word far from the
    rule at either end (the narrow columns' headings of a list, swapped
    under each other's fields). The rule between two characters' middles
    is their border, as a character's middle places it in its cell. Not
    when the next character is drawn over this one (``overset.set_over``):
    the text after the rule starts there, and this one, its middle a hair
    past the rule (Scribus's tight style: 「…（発達障」 with 障 0.4 pt across,
    「障害福祉部…」 from the rule over its right half), ends the line before.
    """
    out: set[int] = set()
    for line in chars_to_rows(c for c in chars if not c["text"].isspace()):
        for before, ch, after in zip(line, line[1:], [*line[2:], None]):
            if after is not None and set_over(ch, after):
                continue
            mid = (ch["top"] + ch["bottom"]) / 2
            lo, hi = bisect_right(xs, (before["x0"] + before["x1"]) / 2), bisect_left(xs, _ink_middle(ch))
            if any(rules[k].lo <= mid <= rules[k].hi for k in range(lo, hi)):
                out.add(id(ch))
    return out


def _ink_middle(ch: Char) -> float:
    """The middle of a character's ink: an opening mark (「) inks the right half of its box."""
    return ch["x0"] + 0.75 * (ch["x1"] - ch["x0"]) if ch["text"] in BLANK_BEFORE else (ch["x0"] + ch["x1"]) / 2


def cell_words(chars: Sequence[Char]) -> list[list[Char]]:
    """The characters in words: runs of a line set solid (no gap wider than SOLID font sizes); a space alone.

    A border the text's alignment gives may cut a word that hangs past it
    by less than HANG font sizes (``alignment.virtual_verticals`` keeps such
    a border: 「sterilizatio|n」, 「thousand|s」, a hanging 「。」); the
    word is one cell's text, whichever side its centre-placed letters fall.
    Two cells' texts are set solid only with a drawn rule between them
    (cells without padding: ``marked_after_rules``); where the border is
    the text's alignment, producers pad a cell, and a gutter between two
    kanji is wider than SOLID (``alignment.gap_at``). A letter drawn over a
    closing mark hung into its cell starts a word (``overset.set_over``).
    """
    out: list[list[Char]] = []
    for line in chars_to_rows(chars):
        out.append([])
        for ch in line:
            size = max(ch["size"], 1.0)
            if (out[-1] and not ch["text"].isspace() and not out[-1][-1]["text"].isspace()
                    and not ch.get(RULED) and not ch.get(CELL_START)
                    and ch["x0"] - out[-1][-1]["x1"] <= SOLID * size and not set_over(out[-1][-1], ch)):
                out[-1].append(ch)
            else:
                out.append([ch])
    return [w for w in out if w]
