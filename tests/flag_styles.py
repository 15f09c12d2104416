"""What every style drawn by a true-or-false field on a plain grid shares (running, continued, rotated).

Each is held out, one variant per producer, its orientation drawn by its own seed
for the eighteen producers in ``PRODUCERS``' order; its field is set by no other
style; the model (``sidebyside.check_plain_grid_flag``) takes it on a plain grid
only and refuses a value that is not true or false. The expectations are the
styles' definitions in matrix.toml, written here once.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from dev.producers.model import Style, load_matrix

PRODUCERS = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
             "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus", "pdfkit")
NOT_A_PLAIN_GRID = ({"rules": "none"}, {"rules": "hrules"}, {"shading": "banded"}, {"merge": True}, {"narrow": True},
                    {"dash": "dotted"}, {"double": True}, {"padding": "none"}, {"header_repeat": "first"},
                    {"heading": "titled"}, {"align": "centre"}, {"summaries": "sidebyside"},
                    {"body_font": "mincho"}, {"notes": True})


def assert_drawn_as_seeded(flag: str, seed: int) -> None:
    """Style ``flag`` (named as its field): every producer once, held out, in the orientation
    ``random.Random(seed).choice`` drew for it in ``PRODUCERS``' order; a plain grid but for its field,
    which no other style sets."""
    rng = random.Random(seed)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == flag]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in PRODUCERS]
    style = next(v.style for v in load_matrix() if v.style.name == flag)
    assert replace(style, **{flag: False, "note": ""}) == Style(flag, rules="grid")
    assert all(not getattr(v.style, flag) for v in load_matrix() if v.style.name != flag)


def assert_plain_grid_only(flag: str, also: tuple[dict[str, object], ...] = ()) -> None:
    """The model takes ``flag`` true on a plain grid, refuses it with any of ``NOT_A_PLAIN_GRID`` or ``also``
    (ValueError), and refuses a value that is not true or false (TypeError)."""
    Style("x", rules="grid", **{flag: True})  # type: ignore[arg-type]
    for bad in (*NOT_A_PLAIN_GRID, *also):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", flag: True, **bad})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Style("x", rules="grid", **{flag: "yes"})  # type: ignore[arg-type]
