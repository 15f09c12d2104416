"""The report laid out and written by PyMuPDF's ``Story`` (MuPDF's own HTML/CSS engine; pip ``pymupdf``).

A fourth kind of layout engine besides the HTML printers, the office suites and
Typst: MuPDF's HTML layout breaks lines by its own rules, sizes auto table
columns itself, paginates by ``Story.place`` filling one page rectangle after
another, and writes the PDF through its ``DocumentWriter`` (its own font
embedding and content streams; borders come out as filled rectangles, dotted
borders as dashed strokes, CSS ``double`` as two filled rectangles). Dev only:
PyMuPDF is AGPL and is never imported by ``pipeline/``.

What MuPDF draws natively and what this module draws itself:

* every rule (solid, dotted, double; partial's ``:nth-child(2n)`` right borders)
  is MuPDF's own CSS border. MuPDF shares a
  border between two neighbouring cells but not between a cell and the table's
  own border, so a cell on the outer edge leaves that side to the table (the
  CSS of the collapsed model, where the table's frame wins at the edge);
* shading is drawn here, after layout, under the text: MuPDF (1.28) paints a
  table cell's background again on every later page a story fills, offset onto
  other rows, so the banded style's fills come from ``Story.element_positions``
  (each row's rectangle on its page) and ``Page.draw_rect(overlay=False)``; the
  whiterules style's tints likewise (every row), under MuPDF's own white CSS
  borders, its header text white by CSS ``color``;
* the rounded style's frame is drawn here too, after layout: MuPDF draws no CSS
  ``border-radius``, so the cells keep only their inner rules (as under the
  frame style) and each page's part of a table gets a rounded rectangle from
  ``rounded.outline`` (Bézier corners) around its rows' rectangles, its header's
  grey the same outline with the top corners rounded, under the text; where a
  page breaks a list, its last row's bottom rule (MuPDF's own) runs to the
  part's square corners, so white slivers are painted over the corners outside
  the curves before the frame is drawn.

MuPDF does not repeat ``<thead>`` on a continuation page (the once style's header row is a plain first row of
``<tbody>`` all the same, as in ``html.py``) nor honour CSS page
breaks reliably (a ``page-break-before`` can make ``place`` cycle), so each
list is a story of its own that starts on a new page, under its exhibit label
and title, as in ``html.py``. Fonts: only the two IPAex files, offered through
``@font-face`` from their folders and embedded as subsets. Metadata dates fixed
and no new /ID on save: the same bytes every run.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .continued import MARK, MARK_SIZE, mark
from .footed import foot, pymupdf_footed
from .html import (
    RULE,
    border_css,
    head_html,
    header_text_css,
    noted,
    notes_css,
    padding_css,
    pair_css,
    pair_html,
    paragraph_html,
    spread_css,
)
from .model import (
    FONT_FILES,
    FONT_NAMES,
    ROUND_RADIUS,
    Document,
    HeadCell,
    Table,
    Variant,
    is_shaded,
    plan_table,
    stacked,
    tint,
)
from .rounded import Outline, corner_masks, outline
from .running import head_text, pymupdf_running
from .sidebyside import GUTTER, Pair, front_blocks

MARGIN_X, MARGIN_Y = 34.0, 39.7  # 12 mm and 14 mm, html.py's @page margins
HEADER_FILL, BAND_FILL = (0xC8 / 255,) * 3, (0xEC / 255,) * 3  # the HTML producers' greys
WIDTHS = {"list": 1.0, "summary": 0.8}  # a table's width as a share of the text width (html.py's CSS)
CELL_EXTRA = 7.0  # a cell's padding (2 x 3 pt) and a rule: what its CSS width (its content's) leaves out
TIGHT_LESS = 6.0  # the tight style's cells have no padding: CELL_EXTRA less its 2 x 3 pt
SPACED_EXTRA = 3.0  # what separated borders add per cell: a border-spacing (1.5 pt), a second rule, the table's box
EDGES = ("td.l0, th.l0 { border-left: none; } td.r0, th.r0 { border-right: none; } "
         "td.t0, th.t0 { border-top: none; } td.b0, th.b0 { border-bottom: none; }")
CREATED = "D:20230818090000+00'00'"  # a fixed date: the same bytes every run


def style_css(variant: Variant) -> str:
    """The CSS of one variant: fonts, paragraph and table layout, rules (never shading: drawn after layout)."""
    style = variant.style
    body, head = FONT_NAMES[style.body_font], FONT_NAMES[style.header_font]
    faces = "".join(f"@font-face {{ font-family: '{FONT_NAMES[key]}'; src: url({path.name}); }}"
                    for key, path in FONT_FILES.items())
    css = [
        faces,
        f"body {{ font-family: '{body}'; font-size: 10pt; margin: 0; }}",
        "p { margin: 0 0 4pt 0; } p.right { text-align: right; } p.title { font-size: 12pt; }",
        "table { border-collapse: collapse; border-spacing: 0; margin: 4pt 0 10pt 0; }",
        "table.list { width: 100%; font-size: 7.5pt; } table.summary { width: 80%; font-size: 9pt; }",
        "td, th { padding: 2pt 3pt; vertical-align: top; }",
        f"th {{ font-family: '{head}'; font-weight: normal; text-align: center; vertical-align: middle; }}",
        "td.num { text-align: right; } td.flag { text-align: center; }",
        ".exhibit { text-align: right; font-size: 9pt; margin: 0 0 4pt 0; }",
    ]
    if style.continued:  # 次頁へ続く under a run's table (continued.paged)
        css.append(f"p.goes-on {{ text-align: right; font-size: {MARK_SIZE}pt; margin: 0; }}")
    rounded = style.corners == "rounded"  # the inner rules only: the rounded frame is drawn after layout
    css.extend(([f"td, th {{ border: {RULE}; }}"] if rounded else border_css(variant)) + header_text_css(variant)
               + padding_css(variant))
    css += notes_css(variant) + spread_css(variant) + pair_css(variant)  # the notes style's caption and 注記, distributed's 均等割り付け
    css.append(EDGES)  # last, so that it wins over the rules above whatever MuPDF makes of specificity
    return "\n".join(css)


def edge_classes(variant: Variant, row: int, last: int, col: int, rows: int, cols: int) -> list[str]:
    """The sides of a cell (rows ``row``..``last``) the table's own border draws instead, as CSS classes.

    Only where the table has a border of its own (frame, vrules, partial, dotted,
    double, heavy): there a cell leaves the outer sides to the table, and under a double
    or heavy header rule the first body row leaves its top to the header's bottom.
    """
    style = variant.style
    apart = style.double or style.weight == "heavy"  # a header rule drawn apart from the inner rules
    if not (style.rules in ("frame", "vrules", "partial") or style.dash == "dotted" or apart
            or style.corners == "rounded"):
        return []
    sides = [("t0", row == 0), ("b0", last == rows - 1), ("l0", col == 0), ("r0", col == cols - 1)]
    if apart and row == 1:
        sides.append(("t0", True))
    return sorted({name for name, on in sides if on})


def table_html(table: Table, variant: Variant, kind: str, key: str, share: float | None = None) -> str:
    """A table whose rows carry ids (``key``-row) so that their rectangles can be found after layout.

    Column widths go in points on the header cells: MuPDF sizes a column by a
    cell's width in points but ignores one in percent (and ``<col>``). ``share``: the table's width as a share of
    the text width, if not its kind's (a sidebyside pair's half).
    """
    rows = table.rows
    plan = plan_table(table, variant.style, kind)
    text_width = page_size(variant).width - 2 * MARGIN_X
    unpadded = TIGHT_LESS if variant.style.padding == "none" else 0.0
    extra = CELL_EXTRA + (SPACED_EXTRA if variant.style.spacing else 0.0) - unpadded
    widths = [(share or WIDTHS[kind]) * text_width * w / sum(plan.weights) - extra for w in plan.weights]
    n, cols = len(rows), len(rows[0])

    def cell(tag: str, r: int, c: int, text: str, span: int) -> str:
        classes = edge_classes(variant, r, r + span - 1, c, n, cols)
        if r > 0:
            across = plan.colspan(r, c)  # stacked: the long text's cell across the columns, left-aligned
            classes += [{"right": "num", "center": "flag", "left": ""}[plan.align(1 if across == 1 else r, c)]]
            classes += ["spread"] if plan.spreads(r, c) else []  # distributed: the agency column's 均等割り付け
        attrs = f' rowspan="{span}"' if span > 1 else ""
        attrs += f' colspan="{plan.colspan(r, c)}"' if plan.colspan(r, c) > 1 else ""
        if r == 0:
            attrs += f' style="width: {widths[c]:.1f}pt"'
        if any(classes):
            attrs += f' class="{" ".join(x for x in classes if x)}"'
        if r == 0 and plan.is_vertical(c):  # vertical: MuPDF has no writing-mode; a <br> after every character
            return f"<{tag}{attrs}>{'<br>'.join(html.escape(line) for line in stacked(text))}</{tag}>"
        return f"<{tag}{attrs}>{html.escape(text)}</{tag}>"

    if plan.head_rows > 1:  # grouped: two header rows by rowspan/colspan, a spanning cell as wide as its columns
        def width(h: HeadCell) -> str:
            return f' style="width: {sum(widths[h.col:h.col + h.colspan]) + (h.colspan - 1) * extra:.1f}pt"'

        head = head_html(plan.head, width)
    else:
        head = f'<tr id="{key}-0">' + "".join(cell("th", 0, c, text, 1) for c, text in enumerate(rows[0])) + "</tr>"
    body = []
    for r, cells in enumerate(rows[1:], start=1):
        tds = "".join(cell("td", r, c, text, plan.span(r, c)) for c, text in enumerate(cells) if plan.span(r, c))
        body.append(f'<tr id="{key}-{r}">{tds}</tr>')
    if variant.style.header_repeat == "first":  # once: the header row a plain first row of the body, no <thead>
        return f'<table id="{key}" class="{kind}"><tbody>{head}{"".join(body)}</tbody></table>'
    return (f'<table id="{key}" class="{kind}"><thead>{head}</thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def rgb(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` as PyMuPDF's colour, three floats 0-1."""
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


@dataclass(frozen=True)
class Section:
    """One story: what starts on a new page (the front matter, each list, the appendix)."""

    html: str
    shaded: dict[str, tuple[str, tuple[float, ...]]]  # row id -> (its table's id, fill)


def sections(doc: Document, variant: Variant) -> list[Section]:
    """The report as stories, each with the rows the banded style shades."""
    out: list[Section] = []

    def shaded(table: Table, kind: str, key: str) -> dict[str, tuple[str, tuple[float, ...]]]:
        shading = variant.style.shading
        if shading == "tinted":  # every row, in its tint
            return {f"{key}-{r}": (key, rgb(tint(shading, r) or "#FFFFFF")) for r in range(len(table.rows))}
        return {f"{key}-{r}": (key, HEADER_FILL if r == 0 else BAND_FILL)
                for r in range(len(table.rows)) if is_shaded(shading, r)}

    parts: list[str] = []
    shade: dict[str, tuple[str, tuple[float, ...]]] = {}
    for i, block in enumerate(front_blocks(doc.front, variant.style)):
        if isinstance(block, Pair):  # sidebyside: the outer table's halves and gutter in points, MuPDF's widths
            width = page_size(variant).width - 2 * MARGIN_X
            attrs = (f' style="width: {width * (1 - GUTTER) / 2:.1f}pt"', f' style="width: {width * GUTTER:.1f}pt"')
            keys = iter(f"s{i}-{j}" for j in range(2))
            parts.append(pair_html(block, lambda t, k=keys: table_html(t, variant, "summary", next(k), (1 - GUTTER) / 2),
                                   attrs))
        elif isinstance(block, Table):
            parts.append(noted(table_html(block, variant, "summary", f"s{i}"), block, variant, "summary"))
            shade |= shaded(block, "summary", f"s{i}")
        else:
            parts.append(paragraph_html(block))
    out.append(Section("".join(parts), shade))
    for i, item in enumerate(doc.lists):
        out.append(Section(f'<p class="exhibit">{html.escape(item.exhibit)}</p><p>{html.escape(item.title)}</p>'
                           + noted(table_html(item.table, variant, "list", f"l{i}"), item.table, variant, "list")
                           + (f'<p class="goes-on">{MARK}</p>' if mark(doc.lists, i) else ""),
                           shaded(item.table, "list", f"l{i}")))
    if doc.appendix:
        out.append(Section("".join(paragraph_html(t) for t in doc.appendix), {}))
    return out


def page_size(variant: Variant):  # type: ignore[no-untyped-def]
    import pymupdf

    a4 = pymupdf.paper_rect("a4")
    return pymupdf.Rect(0, 0, a4.height, a4.width) if variant.orientation == "landscape" else a4


Fill = tuple[tuple[float, float, float, float], tuple[float, ...]]  # a rectangle to shade, its grey
Rect = tuple[float, float, float, float]


def page_parts(found: dict[str, Rect], seen: dict[str, Rect]) -> list[Rect]:
    """The rectangle of each table's part on a page: its own width, from its first row there to its last."""
    parts = []
    for table, rect in seen.items():
        rows = [r for key, r in found.items() if key.rpartition("-")[0] == table]
        if rows:
            parts.append((rect[0], min(r[1] for r in rows), rect[2], max(r[3] for r in rows)))
    return parts


def shade_rect(row: tuple[float, ...], table: tuple[float, ...]) -> tuple[float, float, float, float]:
    """A row's band: MuPDF reports a row as wide as the text, its table (on that page) as wide as it is."""
    return (table[0], row[1], table[2], row[3])


def placed(story) -> dict[str, tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """The rectangle of every element with an id that the story's last ``place`` put on the page."""
    found: dict[str, tuple[float, float, float, float]] = {}
    story.element_positions(lambda pos: found.setdefault(pos.id, pos.rect) if pos.id else None)
    return found


def write_sections(parts: list[Section], variant: Variant) -> tuple[bytes, list[list[Fill]], list[list[Rect]]]:
    """Lay every section out page after page; the PDF and, per page, the rectangles of the rows to shade and of
    the tables' parts (what the rounded style frames)."""
    import io

    import pymupdf

    archive = pymupdf.Archive()
    for path in FONT_FILES.values():
        archive.add(pymupdf.Archive(str(path.parent)))
    css = style_css(variant)
    mediabox = page_size(variant)
    where = mediabox + (MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    fills: list[list[Fill]] = []
    frames: list[list[Rect]] = []
    for section in parts:
        story = pymupdf.Story(section.html, user_css=css, archive=archive)
        seen: dict[str, tuple[float, float, float, float]] = {}  # a table is reported on the page it opens
        more = True
        while more:
            device = writer.begin_page(mediabox)
            more, _ = story.place(where)
            found = placed(story)
            story.draw(device)
            writer.end_page()
            seen |= found
            fills.append([(shade_rect(found[row], seen[table]), grey)
                          for row, (table, grey) in section.shaded.items() if row in found])
            frames.append(page_parts(found, {k: v for k, v in seen.items() if "-" not in k}))
            if len(fills) > 500:
                raise RuntimeError(f"{variant.name}: Story.place keeps asking for pages")
            below = sorted(key for key, rect in found.items() if "-" in key and rect[3] > where.y1 + 1)  # rows
            if below:  # MuPDF 1.28 can run a page's rows on past its foot, where nothing prints them
                raise RuntimeError(f"{variant.name}: Story.place put {below[:3]}... below page {len(fills)}")
    writer.close()
    return buffer.getvalue(), fills, frames


def draw_outline(page, path: Outline, **finish) -> None:  # type: ignore[no-untyped-def]
    """A ``rounded.Outline`` drawn on ``page`` with PyMuPDF's Shape (lines and Bézier curves)."""
    shape = page.new_shape()
    here = path.start
    for segment in path.segments:
        if len(segment) == 1:
            shape.draw_line(here, segment[0])
        else:
            shape.draw_bezier(here, *segment)
        here = segment[-1]
    overlay = finish.pop("overlay")
    shape.finish(closePath=True, **finish)
    shape.commit(overlay=overlay)


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Lay the report out with Story, shade what the style shades under the text, subset fonts, write ``out``."""
    import pymupdf

    data, fills, frames = write_sections(sections(doc, variant), variant)
    rounded = variant.style.corners == "rounded"
    pdf = pymupdf.open("pdf", data)
    if pdf.page_count != len(fills):
        raise RuntimeError(f"{variant.name}: {pdf.page_count} pages written, {len(fills)} placed")
    for number, rects in enumerate(fills):
        for rect, grey in rects:
            if rounded:  # the header's grey inside the frame's top curves
                draw_outline(pdf[number], outline(*rect, ROUND_RADIUS, bottom=False), color=None, fill=grey, width=0,
                             overlay=False)
            else:
                pdf[number].draw_rect(pymupdf.Rect(rect), color=None, fill=grey, overlay=False, width=0)
        for x0, y0, x1, y1 in frames[number] if rounded else []:  # white over the rules' square ends, then the frame
            for sliver in corner_masks(x0, y0, x1, ROUND_RADIUS) + corner_masks(x0, y1, x1, -ROUND_RADIUS):
                draw_outline(pdf[number], sliver, color=None, fill=(1, 1, 1), width=0, overlay=True)
            draw_outline(pdf[number], outline(x0, y0, x1, y1, ROUND_RADIUS), color=(0, 0, 0), fill=None, width=0.6,
                         overlay=True)
    if variant.style.running:  # the running head and the label drawn on the pages Story filled (running.py)
        pymupdf_running(pdf, head_text(doc.front), MARGIN_X, MARGIN_Y, str(FONT_FILES["gothic"]))
    if variant.style.footed:  # the office, the page number and the date at each page's foot (footed.py)
        pymupdf_footed(pdf, foot(variant, doc.front), MARGIN_X, 22.0, str(FONT_FILES["gothic"]))
    pdf.subset_fonts()
    version = f"PyMuPDF {pymupdf.VersionBind} Story, MuPDF {pymupdf.VersionFitz}"
    pdf.set_metadata({"title": "setagaya-2023-report359", "author": "世田谷区", "producer": version,
                      "creator": version, "creationDate": CREATED, "modDate": CREATED})
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(out, garbage=4, deflate=True, no_new_id=True)
