"""The sidebyside style's pairs of summary tables (二つ並べた集計表): which tables go abreast, and the model's limits.

As many municipal reports print their small per-criterion count tables (実施機関 × 審査件数): two abreast on one band
of the page, a gutter between them, each under its own caption (「（1）外部委託の審査基準」), both starting at the same
height; then the third and fourth; an odd last one alone on the left. Everything else is the grid style's (full solid
rules, the lists full width, one under another); only the summaries' placement changes, so the ground truth is grid's.

``front_blocks`` groups the front matter's summary tables, each with the paragraph just before it (its caption), into
``Pair``s; every producer places a pair by its own means. ``model.Style.summaries`` ``sidebyside`` is allowed on a
plain grid only (``check_summaries``). This module imports nothing of the model, which calls it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from typing import Any

GUTTER = 0.06  # the gap between a pair's two tables, a share of the text width (about 11 mm on a portrait A4 page)


@dataclass(frozen=True)
class Pair:
    """Two summary tables abreast: each (caption, table), the caption the paragraph printed over it ('' for none);
    ``right`` None for an odd last table, alone on the left."""

    left: tuple[str, Any]
    right: tuple[str, Any] | None = None

    @property
    def halves(self) -> tuple[tuple[str, Any], ...]:
        return (self.left,) if self.right is None else (self.left, self.right)


def other_fields_set(style, own: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The style's fields other than its name, note, rules and ``own`` that are not at their default: what a
    style allowed on a plain grid only must not set."""
    return [f.name for f in fields(style) if f.name not in ("name", "note", "rules", own)
            and getattr(style, f.name) != f.default]


def check_plain_grid_flag(style, own: str, what: str) -> None:  # type: ignore[no-untyped-def]
    """A style's true-or-false field ``own`` (running, continued): false everywhere; true on a plain grid only, every
    other field of the style at its default; ``what`` says what it draws, for the error."""
    value = getattr(style, own)
    if not isinstance(value, bool):
        raise TypeError(f"style {style.name}: {own} is true or false, not {value!r}")
    odd = other_fields_set(style, own)
    if value and (style.rules != "grid" or odd):
        raise ValueError(f"style {style.name}: {own}: {what} on a plain grid only "
                         f"(not with {', '.join(odd) or 'rules ' + style.rules})")


def check_summaries(style) -> None:  # type: ignore[no-untyped-def]
    """stacked everywhere; sidebyside on a plain grid only (every other field of the style at its default)."""
    if style.summaries not in ("stacked", "sidebyside"):
        raise ValueError(f"style {style.name}: unknown summaries {style.summaries!r}")
    odd = other_fields_set(style, "summaries")
    if style.summaries == "sidebyside" and (style.rules != "grid" or odd):
        raise ValueError(f"style {style.name}: summaries 'sidebyside': two summary tables abreast on a plain grid "
                         f"only (not with {', '.join(odd) or 'rules ' + style.rules})")


def front_blocks(front: tuple, style) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The front matter as a producer draws it: its paragraphs and tables as they are, or in the sidebyside style
    in ``pairs``."""
    return pairs(front) if style.summaries == "sidebyside" else list(front)


def pairs(front: tuple) -> list:  # type: ignore[type-arg]
    """Front matter (paragraphs as str, tables as anything else) with every run of tables, each with the paragraph
    just before it (its caption), in ``Pair``s, two by two; the other paragraphs as they are."""
    blocks: list = []  # type: ignore[type-arg]
    run: list[tuple[str, Any]] = []

    def flush() -> None:
        blocks.extend(Pair(run[i], run[i + 1] if i + 1 < len(run) else None) for i in range(0, len(run), 2))
        run.clear()

    for i, block in enumerate(front):
        if not isinstance(block, str):
            caption = front[i - 1] if i > 0 and isinstance(front[i - 1], str) else ""
            if caption:
                blocks.pop()
            run.append((caption, block))
        elif i + 1 < len(front) and not isinstance(front[i + 1], str):
            blocks.append(block)  # a caption: taken with its table next
        else:
            flush()
            blocks.append(block)
    flush()
    return blocks


def fpdf2_front(pdf, blocks: list, sidebyside: bool, table, paragraph) -> None:  # type: ignore[no-untyped-def,type-arg]
    """fpdf2 (dev/build_alt_producer.py): the front page's layout.json blocks, ``table(block)`` drawing a summary and
    ``paragraph(text)`` a paragraph, in order; in the sidebyside style each ``Pair`` by ``fpdf2_pair``."""
    front = tuple(b["text"] if b["type"] == "text" else b for b in blocks)
    for block in pairs(front) if sidebyside else front:
        if isinstance(block, Pair):
            fpdf2_pair(pdf, block, table, paragraph)
        else:
            paragraph(block) if isinstance(block, str) else table(block)


def fpdf2_pair(pdf, pair: Pair, table, paragraph) -> None:  # type: ignore[no-untyped-def]
    """Two summaries abreast as an fpdf2 user places them: a new page first if the pair's rough height does not fit,
    then for each half the margins set to the half (its x offset: the left margin, then half the text width and a
    GUTTER further) and ``set_y`` to the band's top: both captions, then both tables from the lower caption's foot,
    so that the two tables start at one height; the margins put back and y under the taller table."""
    left, right, full = pdf.l_margin, pdf.r_margin, pdf.epw
    half = full * (1 - GUTTER) / 2
    if pdf.y + 22 * max(len(t["rows"]) for _, t in pair.halves) + 100 > pdf.page_break_trigger:
        pdf.add_page()
    xs = [left + i * (half + full * GUTTER) for i in range(len(pair.halves))]
    top = pdf.y
    for step in (0, 1):  # 0: the captions, 1: the tables
        ends = []
        for x, (caption, block) in zip(xs, pair.halves, strict=True):
            pdf.set_left_margin(x)
            pdf.set_right_margin(pdf.w - x - half)
            pdf.set_y(top)
            if step:
                table(block)
            elif caption:
                paragraph(caption)
            ends.append(pdf.y)
        top = max(ends)
    pdf.set_left_margin(left)
    pdf.set_right_margin(right)
    pdf.set_y(top)


def matplotlib_pair(flow, pair: Pair, table, paragraph, margin: float) -> None:  # type: ignore[no-untyped-def]
    """matplotlib (dev/producers/matplotlib_writer.py lays the report out itself): a pair placed in two columns of
    its ``Flow`` (``flow.column``: the half's left edge and width, the first at ``margin``, the second half the text
    width and a GUTTER further): both captions from the band's top, then both tables from the lower caption's foot,
    so that they start at one height; the flow's y under the taller. Laid out first on a copy of the flow: if the
    pair would run onto another page, it starts on a new one. ``table(flow, table)``, ``paragraph(flow, text)``."""
    trial = copy.deepcopy(flow)
    place_pair(trial, pair, table, paragraph, margin)
    if len(trial.pages) > len(flow.pages) and not flow.fresh():
        flow.new_page()
    place_pair(flow, pair, table, paragraph, margin)


def place_pair(flow, pair: Pair, table, paragraph, margin: float) -> None:  # type: ignore[no-untyped-def]
    """``matplotlib_pair``'s placing, on ``flow`` as it is."""
    full = flow.text_width
    half = full * (1 - GUTTER) / 2
    top = flow.y
    for step in (0, 1):  # 0: the captions, 1: the tables
        ends = []
        for i, (caption, block) in enumerate(pair.halves):
            flow.column, flow.y = (margin + i * (half + full * GUTTER), half), top
            if step:
                table(flow, block)
            elif caption:
                paragraph(flow, caption)
            ends.append(flow.y)
        top = max(ends)
    flow.column, flow.y = None, top
