"""The checks every table style passes as it is made (``model.Style.__post_init__``): a field's value is one it
knows, and a field that only some tables can take is refused on the others. The checks of the styles' own fields
(titled, distributed, notes, sidebyside, running, continued, rotated, footed, stacked, reordered, sectioned) live in their
modules; this one calls them all. Split from model.py (stop 39) so that the model stays under 500 lines.
"""

from __future__ import annotations

from pathlib import Path

from .continued import check_continued
from .distributed import check_align
from .footed import check_footed
from .notes import check_notes
from .reordered_columns import check_reordered
from .rotated import check_rotated
from .running import check_running
from .sectioned_rows import check_sectioned
from .sidebyside import check_summaries
from .stacked_rows import check_stacked
from .titled import check_heading


def check_style(style, fonts: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    """Raise ValueError (TypeError for a flag that is not true or false) when ``style``'s fields do not go together;
    ``fonts`` the font names the model knows (model.FONT_FILES)."""
    if style.rules not in ("grid", "hrules", "frame", "vrules", "booktabs", "partial", "none"):
        raise ValueError(f"style {style.name}: unknown rules {style.rules!r}")
    if style.rules == "booktabs" and (style.shading != "none" or style.merge):
        raise ValueError(f"style {style.name}: a booktabs table is three black rules, unshaded, unmerged")
    if style.rules == "partial" and (style.shading != "none" or style.merge):
        raise ValueError(f"style {style.name}: a partial table is black rules on white, unmerged (a merged cell "
                         "would hide which column rules are missing)")
    if style.shading not in ("none", "banded", "tinted", "header"):
        raise ValueError(f"style {style.name}: unknown shading {style.shading!r}")
    if style.rule_colour not in ("black", "white"):
        raise ValueError(f"style {style.name}: unknown rule colour {style.rule_colour!r}")
    if (style.shading == "tinted") != (style.rule_colour == "white"):
        raise ValueError(f"style {style.name}: white rules show on tinted fills only, and tinted fills are parted "
                         "by white rules")
    if style.shading == "tinted" and (style.rules != "grid" or style.dash != "solid" or style.double
                                     or style.weight != "normal" or style.spacing or style.merge):
        raise ValueError(f"style {style.name}: tinted cells are a plain solid grid's, unmerged")
    if style.dash not in ("solid", "dotted"):
        raise ValueError(f"style {style.name}: unknown dash {style.dash!r}")
    if style.dash == "dotted" and style.rules != "grid":
        raise ValueError(f"style {style.name}: only a grid has inner rules to dot, not {style.rules!r}")
    if style.double and (style.rules != "grid" or style.dash != "solid"):
        raise ValueError(f"style {style.name}: a double frame goes around a solid grid only")
    if style.weight not in ("normal", "heavy"):
        raise ValueError(f"style {style.name}: unknown weight {style.weight!r}")
    if style.weight == "heavy" and (style.rules != "grid" or style.dash != "solid" or style.double):
        raise ValueError(f"style {style.name}: a heavy frame goes around a solid single-ruled grid only")
    if style.spacing and (style.rules != "grid" or style.dash != "solid" or style.double or style.weight != "normal"
                         or style.merge or style.shading != "none"):
        raise ValueError(f"style {style.name}: spaced cells are boxes of a plain solid grid, unmerged, unshaded")
    if style.corners not in ("square", "rounded"):
        raise ValueError(f"style {style.name}: unknown corners {style.corners!r}")
    if style.corners == "rounded" and (style.rules != "grid" or style.dash != "solid" or style.double or style.spacing
                                      or style.weight != "normal" or style.merge
                                      or style.shading not in ("none", "header")):
        raise ValueError(f"style {style.name}: rounded corners go on a plain solid grid's frame, unmerged, "
                         "unshaded but for its header")
    if style.padding not in ("normal", "none"):
        raise ValueError(f"style {style.name}: unknown padding {style.padding!r}")
    if style.padding == "none" and (style.rules != "grid" or style.dash != "solid" or style.double or style.spacing
                                   or style.weight != "normal" or style.corners != "square" or style.merge
                                   or style.shading != "none" or style.narrow):
        raise ValueError(f"style {style.name}: cells without padding are a plain solid grid's, unmerged, unshaded")
    if style.heading == "grouped" and (style.rules != "grid" or style.dash != "solid" or style.double or style.spacing
                                      or style.weight != "normal" or style.corners != "square" or style.merge
                                      or style.shading != "none" or style.narrow or style.padding != "normal"):
        raise ValueError(f"style {style.name}: a grouped header heads a plain solid grid, unmerged, unshaded")
    if style.header_repeat not in ("every", "first"):
        raise ValueError(f"style {style.name}: unknown header_repeat {style.header_repeat!r}")
    if style.header_repeat == "first" and (style.rules != "grid" or style.dash != "solid" or style.double
                                          or style.spacing or style.weight != "normal" or style.corners != "square"
                                          or style.merge or style.shading != "none" or style.narrow
                                          or style.padding != "normal" or style.heading != "single"):
        raise ValueError(f"style {style.name}: a header printed once heads a plain solid grid, unmerged, unshaded")
    if style.heading_direction not in ("horizontal", "vertical"):
        raise ValueError(f"style {style.name}: unknown heading_direction {style.heading_direction!r}")
    if style.heading_direction == "vertical" and (
            style.rules != "grid" or style.dash != "solid" or style.double or style.spacing or style.weight != "normal"
            or style.corners != "square" or style.merge or style.shading != "none" or style.narrow
            or style.padding != "normal" or style.heading != "single" or style.header_repeat != "every"):
        raise ValueError(f"style {style.name}: vertical headings head a plain solid grid, unmerged, unshaded, "
                         "one header row repeated")
    for check in (check_heading, check_align, check_notes, check_summaries, check_running, check_continued,
                  check_rotated, check_footed, check_stacked, check_reordered, check_sectioned):
        check(style)
    if font := next((f for f in (style.body_font, style.header_font) if f not in fonts), None):
        raise ValueError(f"style {style.name}: unknown font {font!r}")
