"""The report as one HTML page, printed to PDF by headless Chromium (Debian's ``chromium``).

Chromium lays out and paginates itself: it repeats a table's ``<thead>`` on
every page, breaks rows where they fall, wraps text by its own line-breaking
rules, and draws borders and backgrounds as its own paths. A list starts on a
new page under its exhibit label and title. The partial style's column rules
are each even-numbered cell's right border (``:nth-child(2n)``) under the
table's own frame, every cell's top and bottom ruled. The tight style's cells have
no padding and a line height of 1 (``padding_css``). The grouped style's header is two rows
of ``<th>``, the cells spanning them by ``rowspan`` and ``colspan`` (``head_html``). The once style's header row is
the first row of ``<tbody>``, not a ``<thead>``, so that no engine repeats it. ``document_html`` is shared with
``weasy.py``, which lays the same page out with WeasyPrint.
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from .continued import MARK, MARK_SIZE, mark
from .footed import css_footed, foot
from .model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    FONT_NAMES,
    HAIR_RULE,
    HEADER_GREY,
    HEAVY_RULE,
    ROUND_RADIUS,
    WHITE_RULE,
    Document,
    HeadCell,
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
from .running import css_running, head_text, wkhtml_heads
from .sidebyside import GUTTER, Pair, front_blocks

RULE = "0.6pt solid #000"
DOTTED = "0.6pt dotted #000"  # the dotted style's inner rules
DOUBLE = "2.4pt double #000"  # the double style's frame and header rule: two 0.8pt lines 1.6pt apart (centres)
HEAVY = f"{HEAVY_RULE}pt solid #000"  # the heavy style's frame and header rule
HAIR = f"{HAIR_RULE}pt solid #000"  # the heavy style's inner rules
# the separate style's border-spacing: HTML's own default cellspacing (2 px), written in points because MuPDF
# takes a CSS px for a point
SPACING = "1.5pt"
WHITE = f"{WHITE_RULE:g}pt solid #fff"  # the whiterules style's rules, over its cells' backgrounds
BOOK_RULE, MID_RULE = f"{BOOK_HEAVY:g}pt solid #000", f"{BOOK_LIGHT:g}pt solid #000"  # booktabs' top/bottom, mid rule


def border_css(variant: Variant) -> list[str]:
    """The CSS rules of a variant's table style (every HTML producer draws the same borders)."""
    style, css = variant.style, []
    if style.rules == "grid" and style.dash == "dotted":  # the collapsed borders' solid frame wins at the edge
        css.append(f"td, th {{ border: {DOTTED}; }} table {{ border: {RULE}; }}")
    elif style.rules == "grid" and style.double:  # the collapsed borders' wider double wins at edge and header
        css.append(f"td, th {{ border: {RULE}; }} table {{ border: {DOUBLE}; }} th {{ border-bottom: {DOUBLE}; }}")
    elif style.rules == "grid" and style.weight == "heavy":  # the collapsed borders' wider frame wins at the edge
        css.append(f"td, th {{ border: {HAIR}; }} table {{ border: {HEAVY}; }} th {{ border-bottom: {HEAVY}; }}")
    elif style.rules == "grid" and style.spacing:  # separated borders: a box per cell, the table's own around them
        css.append(f"table {{ border-collapse: separate; border-spacing: {SPACING}; border: {RULE}; }} "
                   f"td, th {{ border: {RULE}; }}")
    elif style.rules == "grid" and style.corners == "rounded":
        css.append(rounded_css())
    elif style.rules == "grid" and style.rule_colour == "white":  # collapsed borders, painted over the backgrounds
        css.append(f"td, th {{ border: {WHITE}; }}")
    elif style.rules == "grid":
        css.append(f"td, th {{ border: {RULE}; }}")
    elif style.rules == "hrules":
        css.append(f"td, th {{ border-top: {RULE}; border-bottom: {RULE}; }}")
    elif style.rules == "frame":
        css.append(f"table {{ border: {RULE}; }} th {{ border-bottom: {RULE}; }}")
    elif style.rules == "booktabs":  # the header's own top and bottom, the last row's bottom: they go where those go
        css.append(f"th {{ border-top: {BOOK_RULE}; border-bottom: {MID_RULE}; }} "
                   f"tbody tr:last-child td {{ border-bottom: {BOOK_RULE}; }}")
    elif style.rules == "vrules":
        css.append(f"table {{ border: {RULE}; }} th {{ border-bottom: {RULE}; }} "
                   f"td, th {{ border-left: {RULE}; border-right: {RULE}; }}")
    elif style.rules == "partial":  # every row's rules; a column rule right of the 2nd, 4th, … cell of each row
        css.append(partial_css())
    return css


def padding_css(variant: Variant) -> list[str]:
    """The tight style: no cell padding and lines 1 em apart (the font's own ascent and descent), so that a cell's
    text sits on its borders; every other style keeps the padding of ``style_css``."""
    return ["td, th { padding: 0; line-height: 1; }"] if variant.style.padding == "none" else []


def partial_css() -> str:
    """The partial style: the table's frame, every cell's top and bottom, and a right border on every even-numbered
    cell of a row (``:nth-child(2n)``, the 2nd, 4th, …: model.column_rule_after), none between a pair's two cells."""
    return (f"table {{ border: {RULE}; }} td, th {{ border-top: {RULE}; border-bottom: {RULE}; }} "
            f"td:nth-child(2n), th:nth-child(2n) {{ border-right: {RULE}; }}")


def rounded_css() -> str:
    """The rounded style: the table's own border, rounded (CSS border-radius, which a collapsed table ignores, so
    separated borders with no spacing), and the inner rules as each cell's right and bottom border, none on the
    outer edge; the header's corner cells rounded inside it so that their grey stays within the curve; each page's
    part of a table cloned a whole rounded frame (box-decoration-break), where a browser honours it."""
    inner = ROUND_RADIUS - 0.6
    return (f"table {{ border-collapse: separate; border-spacing: 0; border: {RULE}; border-radius: {ROUND_RADIUS:g}pt; "
            "box-decoration-break: clone; -webkit-box-decoration-break: clone; } "
            f"td, th {{ border-right: {RULE}; border-bottom: {RULE}; }} "
            "td:last-child, th:last-child { border-right: none; } tbody tr:last-child td { border-bottom: none; } "
            f"th {{ background: {HEADER_GREY}; }} th:first-child {{ border-top-left-radius: {inner:g}pt; }} "
            f"th:last-child {{ border-top-right-radius: {inner:g}pt; }}")


def header_text_css(variant: Variant) -> list[str]:
    """The header's text colour when it is not black (white on the whiterules style's dark header)."""
    colour = text_colour(variant.style.shading, 0)
    return [f"th {{ color: {colour}; }}"] if colour else []


def tint_css(variant: Variant) -> list[str]:
    """The whiterules style's backgrounds: the header dark, the body rows' two tints alternating (the first lighter)."""
    if variant.style.shading != "tinted":
        return []
    shading = variant.style.shading
    return [f"th {{ background: {tint(shading, 0)}; }}",
            f"tbody tr:nth-child(odd) td {{ background: {tint(shading, 1)}; }}",
            f"tbody tr:nth-child(even) td {{ background: {tint(shading, 2)}; }}"]


def style_css(variant: Variant) -> str:
    """The CSS of one variant: page size, fonts, rules and shading."""
    style = variant.style
    body, head = FONT_NAMES[style.body_font], FONT_NAMES[style.header_font]
    css = [
        f"@page {{ size: A4 {variant.orientation}; margin: 14mm 12mm; }}",
        f"body {{ font-family: '{body}'; font-size: 10pt; }}",
        "* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
        "p { margin: 0 0 4pt 0; } p.right { text-align: right; } p.title { font-size: 12pt; }",
        "table { border-collapse: collapse; margin: 4pt 0 10pt 0; }",
        "table.list { width: 100%; font-size: 7.5pt; } table.summary { width: 80%; font-size: 9pt; }",
        "td, th { padding: 2pt 3pt; vertical-align: top; }",
        f"th {{ font-family: '{head}'; font-weight: normal; text-align: center; vertical-align: middle; }}",
        "td.num { text-align: right; } td.flag { text-align: center; }",
        ".list-page { break-before: page; } .exhibit { text-align: right; font-size: 9pt; }",
        "tr { break-inside: avoid; }",
    ]
    if style.stacked:  # a case's two rows (table_html's <tbody class="case">) on one page
        css.append("tbody.case { break-inside: avoid; }")
    if style.continued:  # 次頁へ続く under a run's table (continued.paged), into the table's bottom margin
        css.append(f"p.goes-on {{ text-align: right; font-size: {MARK_SIZE}pt; margin: -8pt 0 0 0; }}")
    css.extend(border_css(variant) + padding_css(variant))
    if style.shading == "banded":
        css.append("th { background: #c8c8c8; } tbody tr:nth-child(even) td { background: #ececec; }")
    css += tint_css(variant) + header_text_css(variant) + notes_css(variant) + spread_css(variant) + pair_css(variant)
    if style.heading_direction == "vertical" and variant.producer == "chromium":  # 縦書き: CSS writing modes
        css.append("th.vertical { writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap; }")
    return "\n".join(css)


def spread_css(variant: Variant) -> list[str]:
    """The distributed style's 均等割り付け: every header cell and the agency column's cells (class spread) justified,
    the last line too, between characters where the engine can; what each engine does with it is what it prints."""
    if variant.style.align != "distributed":
        return []
    return ["th, td.spread { text-align: justify; text-align-last: justify; text-justify: inter-character; }"]


def pair_css(variant: Variant) -> list[str]:
    """The sidebyside style: the outer table holding a pair of summaries borderless and unpadded, its two halves
    and the gutter between them in shares of the width, each summary as wide as its half."""
    if variant.style.summaries != "sidebyside":
        return []
    half = 100 * (1 - GUTTER) / 2
    return [f"table.pair {{ width: 100%; margin: 0; }} td.half {{ width: {half:g}%; border: none; padding: 0; }}",
            f"td.gutter {{ width: {100 * GUTTER:g}%; border: none; padding: 0; }} td.half table.summary {{ width: 100%; }}"]


def pair_html(pair: Pair, table: Callable[[Table], str], attrs: tuple[str, str] = ("", "")) -> str:
    """The sidebyside style's pair of summaries: an outer table (class pair, no rules) of two rows, the captions in
    the first and the two summary tables in the second, a gutter cell between the halves, so that both tables start
    at one height even when a caption wraps; an odd last one alone in the left half. ``table``: a summary's HTML;
    ``attrs``: more attributes of a half's and the gutter's cells (PyMuPDF's Story gives their widths in points)."""
    halves = [*pair.halves, ("", None)][:2]
    gutter = f'<td class="gutter"{attrs[1]}></td>'
    captions = [f'<td class="half"{attrs[0]}>{paragraph_html(caption) if caption else ""}</td>' for caption, _ in halves]
    tables = [f'<td class="half"{attrs[0]}>{table(t) if t is not None else ""}</td>' for _, t in halves]
    return (f'<table class="pair"><tbody><tr>{gutter.join(captions)}</tr><tr>{gutter.join(tables)}</tr></tbody>'
            "</table>")


def notes_css(variant: Variant) -> list[str]:
    """The notes style: a noted table keeps a line's gap under it for its notes; the unit caption right-aligned at a
    summary's right edge (80% of the width, as the table), kept with the table; the notes in the table's size."""
    if not variant.style.notes:
        return []
    return [("table.noted { margin-bottom: 2pt; } p.unit { width: 80%; text-align: right; font-size: 9pt; "
            "margin: 4pt 0 0 0; break-after: avoid; page-break-after: avoid; }"),
            ("p.note { margin: 0; } p.note.list { font-size: 7.5pt; } p.note.summary { font-size: 9pt; } "
            "p.note.last { margin-bottom: 10pt; }")]


def noted(table_html: str, table: Table, variant: Variant, kind: str) -> str:
    """A table's HTML in the notes style: the unit caption a <p> before the <table>, the 注記 <p>s after it; the
    table as it is in any other style."""
    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return table_html
    caption = unit_caption(variant.style.notes, kind)
    head = f'<p class="unit">{html.escape(caption)}</p>' if caption else ""
    tail = "".join(f'<p class="note {kind}{" last" if i == len(notes) - 1 else ""}">{html.escape(n)}</p>'
                   for i, n in enumerate(notes))
    return head + table_html.replace(f'class="{kind}"', f'class="{kind} noted"', 1) + tail


def table_html(table: Table, variant: Variant, kind: str) -> str:
    rows = table.rows
    plan = plan_table(table, variant.style, kind)
    total = sum(plan.weights)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in plan.weights)
    head = head_html(plan.head, vertical=vertical_heads(plan, variant))
    classes = [{"right": "num", "center": "flag", "left": ""}[plan.align(1, c)] for c in range(len(rows[0]))]
    classes = [f"{k} spread".strip() if plan.spreads(1, c) else k for c, k in enumerate(classes)]  # distributed
    body = []
    for r, cells in enumerate(rows[1:], start=1):
        tds = []
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if span == 0:
                continue
            attrs = f' rowspan="{span}"' if span > 1 else ""
            across = plan.colspan(r, c)  # the stacked style's long text, left-aligned across the columns
            attrs += f' colspan="{across}"' if across > 1 else ""
            if classes[c] and across == 1:
                attrs += f' class="{classes[c]}"'
            tds.append(f"<td{attrs}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(tds)}</tr>")
    two_rows = variant.style.stacked and bool(plan.colspans)  # (the sectioned style's section rows span, alone)
    if two_rows:  # stacked: a case's two rows a <tbody> each, kept on one page
        body = [f'<tbody class="case">{a}{b}</tbody>' for a, b in zip(body[::2], body[1::2], strict=True)]
    if variant.style.header_repeat == "first":  # once: the header a plain first row of the body, no <thead>
        return f'<table class="{kind}"><colgroup>{cols}</colgroup><tbody>{head}{"".join(body)}</tbody></table>'
    inner = "".join(body) if two_rows else f"<tbody>{''.join(body)}</tbody>"
    return f'<table class="{kind}"><colgroup>{cols}</colgroup><thead>{head}</thead>{inner}</table>'


def vertical_heads(plan: TablePlan, variant: Variant) -> dict[int, str]:
    """The vertical style's flag columns and how their headings are set: ``css`` (Chromium's writing-mode:
    vertical-rl, text-orientation: upright) or ``stacked`` (WeasyPrint, wkhtmltopdf's QtWebKit and MuPDF ignore
    writing-mode: a ``<br>`` after every character, as their user would type it)."""
    mode = "css" if variant.producer == "chromium" else "stacked"
    return {c: mode for c in range(len(plan.weights)) if plan.is_vertical(c)}


def head_html(cells: tuple[HeadCell, ...], extra: Callable[[HeadCell], str] = lambda cell: "",
              vertical: dict[int, str] | None = None) -> str:
    """The header's rows of ``<th>``: one row, or the grouped style's two, a cell spanning rows or columns by HTML's
    own ``rowspan`` / ``colspan`` (the browser centres it vertically: ``th``'s vertical-align); ``extra``: more
    attributes of a cell (PyMuPDF's Story gives each its width in points); ``vertical``: columns whose heading is
    set vertically (``vertical_heads``), by class ``vertical`` or one character a line."""
    vertical = vertical or {}
    rows = []
    for r in range(max(c.row + c.rowspan for c in cells)):
        ths = []
        for cell in (c for c in cells if c.row == r):
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + extra(cell)
            text = html.escape(cell.text)
            if vertical.get(cell.col) == "css":
                attrs += ' class="vertical"'
            elif vertical.get(cell.col) == "stacked":
                text = "<br>".join(html.escape(line) for line in stacked(cell.text))
            ths.append(f"<th{attrs}>{text}</th>")
        rows.append(f"<tr>{''.join(ths)}</tr>")
    return "".join(rows)


def paragraph_html(text: str) -> str:
    cls = "right" if is_right_aligned(text) else ("title" if is_title(text) else "")
    return f'<p class="{cls}">{html.escape(text)}</p>' if cls else f"<p>{html.escape(text)}</p>"


def document_html(doc: Document, variant: Variant) -> str:
    running = ("\n" + css_running(head_text(doc.front), FONT_NAMES[variant.style.body_font])
               if variant.style.running else "")  # the running style's margin boxes (running.py)
    running += ("\n" + css_footed(foot(variant, doc.front), FONT_NAMES[variant.style.body_font])
                if variant.style.footed and variant.producer != "wkhtmltopdf" else "")  # footed's (footed.py)
    parts = [(f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><style>{style_css(variant)}{running}'
              "</style></head><body>")]
    head, lead = wkhtml_heads(head_text(doc.front)) if running and variant.producer == "wkhtmltopdf" else ("", "")
    parts.append(lead)  # wkhtmltopdf prints no margin box: the head over every part's first page (running.py)
    for block in front_blocks(doc.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: two summaries abreast in an outer table
            parts.append(pair_html(block, lambda t: table_html(t, variant, "summary")))
            continue
        parts.append(noted(table_html(block, variant, "summary"), block, variant, "summary") if isinstance(block, Table)
                     else paragraph_html(block))
    for i, item in enumerate(doc.lists):  # continued: a run of a list's rows a page (continued.paged), marked
        parts.append(f'<section class="list-page">{head}<div class="exhibit">{html.escape(item.exhibit)}</div>'
                     f"<p>{html.escape(item.title)}</p>{noted(table_html(item.table, variant, 'list'), item.table, variant, 'list')}"
                     + (f'<p class="goes-on">{MARK}</p>' if mark(doc.lists, i) else "") + "</section>")
    if doc.appendix:
        parts.append(f'<section class="list-page">{head}' + "".join(paragraph_html(t) for t in doc.appendix)
                     + "</section>")
    parts.append("</body></html>")
    return "".join(parts)


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the HTML to a temporary folder and print it with headless Chromium to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-chromium-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(document_html(doc, variant), encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()],
            check=True, capture_output=True, timeout=300,
        )
