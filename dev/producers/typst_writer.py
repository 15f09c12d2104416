"""The report as Typst markup, laid out and written to PDF by Typst (pip ``typst``, the Python binding).

A third layout engine besides the HTML printers and the office suites: Typst
breaks paragraphs by its own Japanese rules (``lang: "ja"``, with its own
spacing between CJK and Latin), sizes ``fr`` columns itself, repeats a table's
``table.header`` on every page it runs over (as Chromium and WeasyPrint repeat
``<thead>``), keeps a row on one page (``breakable: false``, like the HTML's
``tr { break-inside: avoid }``) and writes the PDF itself (its own font
subsets, ToUnicode maps, tagged structure, strokes per cell side; the booktabs
style's rules are ``table.hline``: two inside ``table.header``, which repeat
with it, and one after the last row, which Typst draws at the foot of every
page the table runs over as well; the partial style's stroke is a function of the cell that
strokes every row's ``y`` sides and a column's right side only at odd ``x`` (and the frame's);
the rounded style's frame is a ``block`` with ``radius``
and ``clip`` around a table that strokes its inner sides only, a rounded frame on
every page's part of it, curves and all; the tight style's table ``inset: 0pt`` with each line as tall as the
font's ascender to its descender and no leading, the text on the strokes; the grouped style's two header rows
inside ``table.header``, its headings spanning by ``table.cell(rowspan:, colspan:)``, centred by ``horizon``; the once style's ``table.header(repeat: false)``, printed at the table's start only). A list
starts on a new page under its exhibit label and title, as in ``html.py``;
page numbers are in the footer. Only the two IPAex fonts are offered to Typst
(``ignore_system_fonts``; its bundled fonts are not used for any glyph, and
the build fails on any font warning), so nothing is fetched at run time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from .continued import typst_marked
from .footed import foot, typst_footed
from .model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    FONT_FILES,
    FONT_NAMES,
    HAIR_RULE,
    HEAVY_RULE,
    ROUND_RADIUS,
    WHITE_RULE,
    Document,
    Table,
    TablePlan,
    Variant,
    is_right_aligned,
    is_title,
    plan_table,
    stacked,
    text_colour,
    tint,
)
from .notes import table_notes, unit_caption
from .running import head_text, typst_running
from .sidebyside import GUTTER, Pair, front_blocks

RULE = "0.5pt + black"
DOTTED = '(paint: black, thickness: 0.5pt, dash: "dotted")'
HEAVY, HAIR = f"{HEAVY_RULE}pt + black", f"{HAIR_RULE}pt + black"  # the heavy style's frame, its inner rules
DOUBLE_GAP = "1.5pt"  # the double style's white between its two lines (Typst has no double stroke)
CELL_GUTTER = "2pt"  # the separate style's gutter: Typst then strokes every cell's own sides, apart from its neighbours'
HEADER_FILL, BAND_FILL = 'rgb("#c8c8c8")', 'rgb("#ececec")'  # the HTML producers' greys
WHITE = f"{WHITE_RULE:g}pt + white"  # the whiterules style's rules: Typst strokes them after every cell's fill
BOOK_RULE, MID_RULE = f"{BOOK_HEAVY:g}pt + black", f"{BOOK_LIGHT:g}pt + black"  # booktabs' top/bottom, mid rule
CREATED = datetime(2023, 8, 18, 9, 0, 0, tzinfo=UTC)  # a fixed date: the same bytes every run


def literal(text: str) -> str:
    """A Typst string literal: its text is set as is (no markup, no smart quotes, ``~`` stays a tilde)."""
    return json.dumps(text, ensure_ascii=False)


def stroke(variant: Variant, rows: int, cols: int) -> str:
    """The table's ``stroke``: a value for grid and h-rules, a function of the cell for frame, v-rules, partial, dotted,
    heavy.

    The frame's header rule is the header row's own bottom, so that it comes
    back under the header Typst repeats on a continuation page.
    """
    style = variant.style
    last_row, last_col = rows - 1, cols - 1
    if style.rules in ("none", "booktabs"):  # booktabs: no cell strokes, its three rules are table.hline
        return "none"
    if style.rules == "hrules":
        return f"(x: none, y: {RULE})"
    if style.rules == "frame":
        return (f"(x, y) => (left: if x == 0 {{ {RULE} }}, right: if x == {last_col} {{ {RULE} }}, "
                f"top: if y == 0 {{ {RULE} }}, bottom: if y == 0 or y == {last_row} {{ {RULE} }})")
    if style.rules == "vrules":
        return (f"(x, y) => (x: {RULE}, top: if y == 0 {{ {RULE} }}, "
                f"bottom: if y == 0 or y == {last_row} {{ {RULE} }})")
    if style.rules == "partial":  # every row's rules; column rules after the 2nd, 4th, … column (odd x) and the frame
        return (f"(x, y) => (y: {RULE}, left: if x == 0 or calc.odd(x - 1) {{ {RULE} }}, "
                f"right: if x == {last_col} or calc.odd(x) {{ {RULE} }})")
    if style.weight == "heavy":  # the frame and the header's bottom (and the first body row's top) heavy
        return (f"(x, y) => (left: if x == 0 {{ {HEAVY} }} else {{ {HAIR} }}, "
                f"right: if x == {last_col} {{ {HEAVY} }} else {{ {HAIR} }}, "
                f"top: if y <= 1 {{ {HEAVY} }} else {{ {HAIR} }}, "
                f"bottom: if y == 0 or y == {last_row} {{ {HEAVY} }} else {{ {HAIR} }})")
    if style.rule_colour == "white":
        return WHITE
    if style.corners == "rounded":  # the inner sides only: the block around the table draws the rounded frame
        return f"(x, y) => (left: if x > 0 {{ {RULE} }}, top: if y > 0 {{ {RULE} }})"
    if style.dash == "dotted":
        return (f"(x, y) => (left: if x == 0 {{ {RULE} }} else {{ {DOTTED} }}, "
                f"right: if x == {last_col} {{ {RULE} }} else {{ {DOTTED} }}, "
                f"top: if y == 0 {{ {RULE} }} else {{ {DOTTED} }}, "
                f"bottom: if y == {last_row} {{ {RULE} }} else {{ {DOTTED} }})")
    return RULE


def fill(variant: Variant) -> str:
    """The table's ``fill``: banded greys, the whiterules style's tints (every cell, the body rows alternating)."""
    shading = variant.style.shading
    if shading == "tinted":
        return (f'(x, y) => if y == 0 {{ rgb("{tint(shading, 0)}") }} else if calc.odd(y) {{ rgb("{tint(shading, 1)}") }} '
                f'else {{ rgb("{tint(shading, 2)}") }}')
    if shading == "header":
        return f"(x, y) => if y == 0 {{ {HEADER_FILL} }}"
    if shading != "banded":
        return "none"
    return f"(x, y) => if y == 0 {{ {HEADER_FILL} }} else if calc.even(y) {{ {BAND_FILL} }}"


# The distributed style's 均等割り付け as a Typst user writes it: each word's characters joined by h(1fr), which
# fills every line of the cell; the words (the layout's line-break hints) apart by a space.
SPREAD = '#let spread(s) = s.split(" ").map(w => w.clusters().join(h(1fr))).join(" ")\n'


def spread(plan: TablePlan, row: int, col: int, text: str) -> str:
    """A cell's content: ``spread("…")`` where the distributed style spreads it, its literal otherwise."""
    return f"spread({literal(text)})" if plan.spreads(row, col) else literal(text)


def table_typst(table: Table, variant: Variant, kind: str) -> str:
    rows = table.rows
    plan = plan_table(table, variant.style, kind)
    cols = len(rows[0])
    aligns = ", ".join(plan.align(1, c) for c in range(cols))
    cells = []
    for r, row in enumerate(rows[1:], start=1):
        for c, text in enumerate(row):
            span = plan.span(r, c)
            if span == 0:
                continue
            if plan.colspan(r, c) > 1:  # stacked: the long text's cell across the columns, left-aligned
                cells.append(f"table.cell(colspan: {plan.colspan(r, c)}, align: left, {literal(text)})")
                continue
            cells.append(f"table.cell(rowspan: {span}, {literal(text)})" if span > 1 else spread(plan, r, c, text))
    header = ", ".join("[" + " \\ ".join(f"#{literal(line)}" for line in stacked(text)) + "]"
                       if plan.is_vertical(c) else spread(plan, 0, c, text) for c, text in enumerate(rows[0]))  # 縦書き
    head_rows = "y == 0"
    if plan.head_rows > 1:  # grouped: Typst's own table.cell spans, the header's two rows repeated together
        header = ", ".join(f"table.cell(rowspan: {h.rowspan}, colspan: {h.colspan}, {literal(h.text)})"
                           if h.rowspan > 1 or h.colspan > 1 else literal(h.text) for h in plan.head)
        head_rows = f"y < {plan.head_rows}"
    bottom = ""
    if variant.style.rules == "booktabs":  # rules inside table.header repeat with it on every page; the last after
        header = f"table.hline(stroke: {BOOK_RULE}), {header}, table.hline(stroke: {MID_RULE})"
        bottom = f", table.hline(stroke: {BOOK_RULE})"
    size, width = _size_and_width(kind)
    frame, gutter = "", ""
    if variant.style.spacing:  # the table's own box: a stroked block a gutter outside the cells' boxes
        frame, gutter = f"stroke: {RULE}, inset: {CELL_GUTTER}, ", f"  gutter: {CELL_GUTTER},\n"
    if variant.style.corners == "rounded":  # a rounded stroked block, clipping the header's fill to its curves
        frame = f"stroke: {RULE}, radius: {ROUND_RADIUS:g}pt, clip: true, "
    if variant.style.double:  # two lines: the table's frame inside a stroked block's, and an empty ruled header row
        header += f", table.cell(colspan: {cols}, inset: 0pt, block(height: {DOUBLE_GAP}))"
        frame = f"stroke: {RULE}, inset: {DOUBLE_GAP}, "
    inset, lines = "(x: 3pt, y: 2.5pt)", ""
    repeat = "repeat: false, " if variant.style.header_repeat == "first" else ""  # once: Typst's own switch
    if variant.style.notes:  # notes: the 注記 follow the table a small gap under its last row
        frame += "below: 3pt, "
    if variant.style.padding == "none":  # no inset; a line the font's ascender to its descender, no leading between
        inset, lines = "0pt", 'set text(top-edge: "ascender", bottom-edge: "descender"); set par(leading: 0pt); '
    return (
        f"#block(width: {width}, {frame}{{ set text(size: {size}); {lines}table(\n"
        f"  columns: ({', '.join(f'{w:g}fr' for w in plan.weights)}),\n"
        f"  inset: {inset},\n{gutter}"
        f"  stroke: {stroke(variant, len(rows), cols)},\n"
        f"  fill: {fill(variant)},\n"
        f"  align: (x, y) => if {head_rows} {{ center + horizon }} else {{ ({aligns},).at(x) + top }},\n"
        f"  table.header({repeat}{header}),\n"
        f"  {', '.join(cells)}{bottom},\n"
        ")})\n"
    )


def noted_typst(source: str, table: Table, variant: Variant, kind: str) -> str:
    """The notes style: the unit caption a sticky block (kept with the table) as wide as a summary, its text
    right-aligned; the 注記 a block of pars under the table, in the table's size; the table alone otherwise."""
    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return source
    size, width = _size_and_width(kind)
    caption = unit_caption(variant.style.notes, kind)
    head = (f"#block(width: {width}, below: 3pt, sticky: true, align(right, text(size: {size}, {literal(caption)})))\n"
            if caption else "")
    pars = "; ".join(f"par({literal(n)})" for n in notes)
    return (f"{head}{source}#block(width: 100%, above: 3pt, below: 10pt, {{ set text(size: {size}); "
            f"set par(spacing: 2pt); {pars} }})\n")


def paragraph_typst(text: str, size: float = 10) -> str:
    size = 12 if is_title(text) else size
    where = "right" if is_right_aligned(text) else "left"
    return f"#block(width: 100%, below: 6pt, align({where}, text(size: {size:g}pt, {literal(text)})))\n"


def pair_typst(pair: Pair, variant: Variant) -> str:
    """The sidebyside style: an unbreakable block holding Typst's own grid(columns: 2) with a GUTTER column-gutter,
    the captions in its first row and the two summary tables, each the width of its column, in its second, so that
    both tables start at one height; an odd last one alone in the left column."""
    halves = [*pair.halves, ("", None)][:2]
    cells = [f"[{paragraph_typst(c) if c else ''}]" for c, _ in halves]
    cells += ["[" + table_typst(t, variant, "summary").replace("#block(width: 80%,", "#block(width: 100%,", 1) + "]"
              if t is not None else "[]" for _, t in halves]
    return (f"#block(breakable: false, width: 100%, below: 12pt, grid(columns: (1fr, 1fr), row-gutter: 3pt, "
            f"column-gutter: {100 * GUTTER:g}%, align: top, {', '.join(cells)}))\n")


def document_typst(doc: Document, variant: Variant) -> str:
    """The whole report as one Typst source: front page, one list per page run, the appendix."""
    style = variant.style
    parts = [
        '#set document(title: "setagaya-2023-report359", author: "世田谷区")\n',
        (f'#set page(paper: "a4", flipped: {str(variant.orientation == "landscape").lower()}, '
         'margin: (x: 12mm, y: 14mm), numbering: "- 1 -")\n'),
        f'#set text(font: "{FONT_NAMES[style.body_font]}", size: 10pt, lang: "ja")\n',
        "#set table.cell(breakable: false)\n",
        f'#show table.cell.where(y: 0): set text(font: "{FONT_NAMES[style.header_font]}")\n',
    ]
    parts += [SPREAD] if style.align == "distributed" else []
    parts += [typst_running(head_text(doc.front))] if style.running else []  # the page's header (running.py)
    parts += [typst_footed(foot(variant, doc.front))] if style.footed else []  # the page's footer (footed.py)
    if colour := text_colour(style.shading, 0):  # white on the whiterules style's dark header
        parts.append(f'#show table.cell.where(y: 0): set text(fill: rgb("{colour}"))\n')
    def marked(table: Table, kind: str, caption: str, key: str) -> str:  # continued: its header and footer
        out = table_typst(table, variant, kind)
        return typst_marked(out, literal(caption), len(table.rows[0]), key) if style.continued else out

    blocks = front_blocks(doc.front, style)
    for i, block in enumerate(blocks):
        if isinstance(block, Pair):  # sidebyside: two summaries abreast in a grid of two columns
            parts.append(pair_typst(block, variant))
            continue
        if style.continued and isinstance(block, str) and i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
            continue  # continued: a summary's caption printed by its table's header (typst_marked)
        parts.append(noted_typst(marked(block, "summary", blocks[i - 1], f"s{i}"), block, variant, "summary")  # type: ignore[arg-type]
                     if isinstance(block, Table) else paragraph_typst(block))
    for i, item in enumerate(doc.lists):
        parts += ["#pagebreak()\n", f"#align(right, text(size: 9pt, {literal(item.exhibit)}))\n"]
        parts += [] if style.continued else [paragraph_typst(item.title)]  # continued: the caption in the header
        parts.append(noted_typst(marked(item.table, "list", item.title, f"l{i}"), item.table, variant, "list"))
    if doc.appendix:
        parts.append("#pagebreak()\n")
        parts += [paragraph_typst(text) for text in doc.appendix]
    return "".join(parts)


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Compile the Typst source with only the IPAex fonts to ``out``; a font warning is an error."""
    import typst

    pdf, warnings = typst.compile_with_warnings(
        document_typst(doc, variant).encode("utf-8"),
        font_paths=sorted({str(path.parent) for path in FONT_FILES.values()}),
        ignore_system_fonts=True,
        timestamp=int(CREATED.timestamp()),
    )
    font_warnings = [str(w) for w in warnings if "font" in str(w).lower()]
    if font_warnings:
        raise RuntimeError(f"{variant.name}: Typst would fall back to another font: {font_warnings}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)


def _size_and_width(kind: str) -> tuple[str, str]:
    """A table's font size and width, as its drawing and its notes' both set them: a list full width in 7.5 pt, a
    summary table 80 % wide in 9 pt."""
    return ("7.5pt", "100%") if kind == "list" else ("9pt", "80%")
