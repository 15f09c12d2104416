"""The continued style's marks on a list that runs over pages (「（続き）」 and 「次頁へ続く」), and the model's limits.

As many municipal reports print a list that runs over pages: on every page the list continues to, above its repeated
header row, a continuation caption (the list's own caption followed by 「（続き）」); at the foot of every page where the
list breaks (goes on to the next page), a right-aligned 「次頁へ続く」 just under the table's last row on that page, in
a smaller size. Everything else is the grid style's (full solid rules, the header repeated on every page); captions
and marks are not data, so the ground truth is grid's.

Producers that know where their own page breaks fall draw the marks by their own means (reportlab: a flowable that
splits its table and puts the mark under the part that fits and the caption over the rest; fpdf2: its page header
and its page-break hook; LaTeX: longtable's \\endfirsthead / \\endhead / \\endfoot / \\endlastfoot; FOP: table
markers retrieved into its fo:table-header and fo:table-footer; iText: PdfPTable's header and footer rows, the first
header and the last footer skipped; Typst: context in its repeated table.header and table.footer; matplotlib: its
own flow's page breaks). For the others (HTML, the .odt, the .xlsx, Scribus, PDFKit) ``paged`` splits each list in
Python into the runs of rows that fit one page of that producer (``rows_per_page``, a cautious estimate from the
rows' text, scaled by ``FILL``), each run a ``ListTable`` of its own that starts on a new page as every list does,
the continuation runs captioned with ``SUFFIX``; the producer prints ``mark(lists, i)`` under run ``i``'s table.
``model.Style.continued`` is allowed on a plain grid only (``check_continued``). This module imports nothing of the
model at import time, which calls it.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

from dev.producers.sidebyside import check_plain_grid_flag

SUFFIX = "（続き）"  # after the list's caption on every page it continues to
MARK = "次頁へ続く"  # right-aligned under the table's last row on every page it breaks
MARK_SIZE = 8.5  # points: smaller than the captions (10 pt) and the exhibit label (9 pt)
CAPTION_ROOM = 96.0  # points under a summary's caption that its headings, first row and mark need (iText)
NATIVE = ("reportlab", "fpdf2", "latex", "fop", "itext", "typst", "matplotlib")  # draw both marks where their own page breaks fall
# What a list's page holds in each producer paged in Python, in points, cautiously (the larger of each producer's
# sizes): the list font's size and line height, a cell's padding above and below, the table's width, the room for
# its rows on a page (the page less its margins, the exhibit label, the caption, the mark and a slack).
LIST_FONT, LEADING, PADDING = 8.0, 1.4, 7.0
WIDTH = {"portrait": 480.0, "landscape": 720.0}
ROOM = {"portrait": 842.0 - 100 - 90, "landscape": 595.0 - 100 - 90}
# The share of ROOM each producer's rows may fill: the estimate is cautious for all; from the page images of a first
# build at 1.0 (the lowest a page's content reached, the fullest page), with a tenth kept as a margin of safety.
FILL = {"writer": 1.5, "calc": 1.65, "chromium": 1.5, "weasyprint": 1.5, "pymupdf": 1.35, "gnumeric": 1.0,
        "wkhtmltopdf": 2.1, "abiword": 1.6, "calligra": 1.3, "scribus": 1.4, "pdfkit": 1.4}


def check_continued(style) -> None:  # type: ignore[no-untyped-def]
    """continued on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "continued", "the continuation caption and 次頁へ続く")


def continued_caption(caption: str) -> str:
    return caption + SUFFIX


def text_lines(text: str, width: float, size: float) -> int:
    """Lines ``text`` takes in a cell ``width`` points wide at ``size`` points: a full-width character one em, any
    other half an em (cautiously more than most Latin glyphs), at least one line."""
    ems = sum(0.6 if ord(ch) < 0x2E80 else 1.0 for ch in text)
    return max(1, math.ceil(ems * size / max(width, size)))


def row_heights(rows: tuple[tuple[str, ...], ...], weights: tuple[float, ...] | list[float],
                orientation: str) -> list[float]:
    """Each row's height (the header row first) as the cautious estimate lays it out."""
    widths = [WIDTH[orientation] * w / sum(weights) - PADDING for w in weights]
    return [max(text_lines(t, w, LIST_FONT) for t, w in zip(row, widths, strict=True)) * LIST_FONT * LEADING
            + PADDING for row in rows]


def rows_per_page(rows: tuple[tuple[str, ...], ...], weights: tuple[float, ...] | list[float], orientation: str,
                  producer: str) -> list[int]:
    """How many body rows each page of the list holds: as many as fit the room under the repeated header."""
    heights = row_heights(rows, weights, orientation)
    room = ROOM[orientation] * FILL.get(producer, 1.0) - heights[0]
    runs, used = [0], 0.0
    for h in heights[1:]:
        if runs[-1] and used + h > room:
            runs.append(0)
            used = 0.0
        runs[-1] += 1
        used += h
    return runs


def paged(doc: Any, variant: Any) -> Any:
    """The document as a producer paged in Python draws it under the continued style: each list split into its
    pages' runs of rows, each run a ListTable (the header row over each), the continuation runs captioned with
    SUFFIX. The document as it is under any other style, and for a producer in NATIVE."""
    from dev.producers.model import column_weights

    if not variant.style.continued or variant.producer in NATIVE:
        return doc
    lists = []
    for item in doc.lists:
        header, body = item.table.rows[0], item.table.rows[1:]
        start = 0
        for n, count in enumerate(rows_per_page(item.table.rows, column_weights(item.table.rows, False),
                                                variant.orientation, variant.producer)):
            rows = (header,) + body[start:start + count]
            lists.append(replace(item, title=continued_caption(item.title) if n else item.title,
                                 table=replace(item.table, rows=rows)))
            start += count
    return replace(doc, lists=tuple(lists))


def mark(lists: Any, i: int) -> str:
    """MARK under run ``i``'s table when the next run continues its list (``paged``); '' under a list's last run."""
    if i + 1 < len(lists) and lists[i + 1].table.criterion == lists[i].table.criterion and \
            lists[i + 1].title == continued_caption(lists[i].title.removesuffix(SUFFIX)):
        return MARK
    return ""


def fpdf2_classes(base, layout: dict, look):  # type: ignore[no-untyped-def,type-arg]
    """fpdf2 (dev/build_alt_producer.py): ``base`` as the distributed style subclasses it (fpdf2_spread_class), and
    under the continued style (``look.continued``) a subclass that marks its own page breaks: a table's page break
    (fpdf2's ``_perform_page_break``, called when the next row does not fit) first writes MARK right-aligned just
    under the last row drawn, then the page header the next page starts with prints the list's caption (the page
    header fpdf2 prints on every list page) followed by SUFFIX; a summary's caption (the paragraph written before it)
    followed by SUFFIX likewise at the top of the page a summary runs over to."""
    from dev.producers.distributed import fpdf2_spread_class

    cls = fpdf2_spread_class(base, layout if look.distributed else None)
    if not look.continued:
        return cls

    class ContinuedPDF(cls):  # type: ignore[misc,valid-type]
        in_table = False  # while a table is drawn (fpdf2 renders it when its ``with`` block ends)
        continuing = False  # while the page a table runs over to is started

        def table(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return _drawn(self, super().table(*args, **kwargs))

        def _perform_page_break(self) -> None:
            if not self.in_table:
                return super()._perform_page_break()
            family, style, size, y = self.font_family, self.font_style, self.font_size_pt, self.y
            auto, margin = self.auto_page_break, self.b_margin
            self.set_auto_page_break(False)  # the mark goes into the page's foot margin, under the last row
            self.set_font(family, size=MARK_SIZE)
            self.set_xy(self.l_margin, y + 1)
            self.cell(self.epw, MARK_SIZE * 1.2, MARK, align="R")
            self.set_font(family, style, size)
            self.set_auto_page_break(auto, margin)
            self.y, self.continuing = y, True
            try:
                return super()._perform_page_break()
            finally:
                self.continuing = False

        caption = ""  # the last paragraph written outside a table: a summary's caption

        def multi_cell(self, w, h=None, text="", *args, **kwargs):  # type: ignore[no-untyped-def]
            if not self.in_table and not kwargs.get("dry_run"):
                self.caption = text
            return super().multi_cell(w, h, text, *args, **kwargs)

        def header(self) -> None:
            title = self.list_title
            self.list_title = continued_caption(title) if title and self.continuing else title
            try:
                super().header()
            finally:
                self.list_title = title
            if self.continuing and not title and self.caption:  # a summary broken: its caption again on top
                family, style, size = self.font_family, self.font_style, self.font_size_pt
                self.set_font(family, size=10)
                self.set_xy(self.l_margin, self.t_margin)
                self.cell(self.epw, 14, continued_caption(self.caption), align="L")
                self.set_font(family, style, size)
                self.set_xy(self.l_margin, self.t_margin + 18)

    return ContinuedPDF


class _drawn:
    """fpdf2's ``table()`` context, the PDF's ``in_table`` set while the table is rendered (on leaving it)."""

    def __init__(self, pdf, context) -> None:  # type: ignore[no-untyped-def]
        self.pdf, self.context = pdf, context

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.context.__enter__()

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        self.pdf.in_table = True
        try:
            return self.context.__exit__(*exc)
        finally:
            self.pdf.in_table = False


def platypus_continued(table, caption, text):  # type: ignore[no-untyped-def]
    """reportlab (pdflibs.render_platypus): the platypus ``table`` in a flowable that splits as the Table does
    (its header rows repeated over the rest, repeatRows), leaving room for MARK: the part that fits, MARK under it
    right-aligned, a page break, ``caption`` + SUFFIX (``text``, the document's paragraph) over the rest, which
    splits again where it breaks. ``caption`` is the paragraph printed over the table; the table alone when it fits."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, PageBreak, Paragraph

    style = ParagraphStyle("goes-on", fontName=text(caption).style.fontName, fontSize=MARK_SIZE,
                           leading=MARK_SIZE * 1.3, alignment=TA_RIGHT, spaceBefore=1)

    class Continued(Flowable):
        def __init__(self, part) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.part, self.hAlign = part, "LEFT"

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.height = self.part.wrap(avail_width, avail_height)
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list:  # type: ignore[type-arg]
            width = self.part.wrap(avail_width, avail_height)[0]  # the mark's right at the table's right edge
            goes_on = Paragraph(MARK, ParagraphStyle("goes-on-here", style, rightIndent=avail_width - width))
            parts = self.part.split(avail_width, avail_height - goes_on.wrap(avail_width, avail_height)[1] - 1)
            if len(parts) < 2:
                return []
            return [parts[0], goes_on, PageBreak(), text(continued_caption(caption)), Continued(parts[1])]

        def draw(self) -> None:
            self.part.drawOn(self.canv, 0, 0)

    return Continued(table)


def latex_heads(head: str, foot: str, cols: int, caption: str) -> tuple[str, str]:
    """LaTeX (latex_tables.table_latex): a list's longtable heads and foot under the continued style. ``head`` (the
    rules and header row) is \\endfirsthead as it is; \\endhead prints a row across every column (no rule) holding
    ``caption`` + SUFFIX in the text size, then ``head`` again; \\endfoot (``foot``, what closes the frame where a
    page breaks the list) gets a row across holding MARK right-aligned in MARK_SIZE; \\endlastfoot stays empty."""
    again = (f"\\multicolumn{{{cols}}}{{@{{}}l@{{}}}}{{\\fontsize{{10}}{{14}}\\selectfont "
             f"{continued_caption(caption)}}}\\\\[2pt]\n")
    goes_on = (f"\\multicolumn{{{cols}}}{{@{{}}r@{{}}}}{{\\fontsize{{{MARK_SIZE:g}}}{{11}}\\selectfont "
               f"{MARK}}}\\\\\n")
    return f"{head}\\endfirsthead\n{again}{head}\\endhead\n", f"{foot}\n{goes_on}"


def fop_marked(table_fo: str, caption: str, cols: int) -> str:
    """FOP (fop_writer.table_fo): a list's fo:table as FOP marks its own page breaks. Every body row carries two
    table markers in its first cell's first block (fo:marker): ``again``, ``caption`` + SUFFIX (empty in the first row)
    and ``goes-on``, MARK (empty in the last row). The fo:table-header gets a row over the column headings, one
    unruled cell across, that retrieves ``again`` from the first row starting on the page (fo:retrieve-table-marker,
    first-starting, table-fragment): the caption on the table's first page (``caption`` ``again`` in the first row:
    the writer prints no paragraph of its own over the table, as FOP lays the header row out once, as tall as its
    first page's), the caption with SUFFIX on every page after;
    an fo:table-footer, one unruled cell across, right-aligned in MARK_SIZE, retrieves ``goes-on`` from the last row
    ending on the page (last-ending): MARK where the list breaks, nothing under its last row. ``table_fo`` is
    table_fo's output for one list (one header row, one fo:block a cell)."""
    def retrieve(name: str, position: str) -> str:
        return (f'<fo:retrieve-table-marker retrieve-class-name="{name}" retrieve-position-within-table="{position}" '
                'retrieve-boundary-within-table="table-fragment"/>')

    head, rest = table_fo.split("<fo:table-header>", 1)
    header, body = rest.split("</fo:table-header>", 1)
    rows = body.split("<fo:table-row")
    out = [rows[0]]
    for i, row in enumerate(rows[1:]):
        again = continued_caption(caption) if i else caption
        goes_on = MARK if i < len(rows) - 2 else ""
        markers = (f'<fo:marker marker-class-name="again">{again}</fo:marker>'
                   f'<fo:marker marker-class-name="goes-on">{goes_on}</fo:marker>')
        block = row.index("<fo:block")
        start = row.index(">", block) + 1
        out.append(row[:start] + markers + row[start:])
    # FOP gives a row of retrieved markers no height of its own: each row as tall as its text's line, fixed
    above = (f'<fo:table-row height="15pt"><fo:table-cell number-columns-spanned="{cols}" padding-bottom="2pt">'
             f'<fo:block font-size="10pt" text-align="start">{retrieve("again", "first-starting")}</fo:block>'
             "</fo:table-cell></fo:table-row>")
    under = (f'<fo:table-footer><fo:table-row height="{MARK_SIZE + 3:g}pt"><fo:table-cell number-columns-spanned="{cols}" padding-top="1pt">'
             f'<fo:block font-size="{MARK_SIZE}pt" text-align="end">{retrieve("goes-on", "last-ending")}</fo:block>'
             "</fo:table-cell></fo:table-row></fo:table-footer>")
    return f"{head}<fo:table-header>{above}{header}</fo:table-header>{under}" + "<fo:table-row".join(out)


def itext_marked(records: str, caption: str, cols: int, font: str) -> str:
    """iText (itext_writer.table_records): one table's records as iText marks its own page breaks. PdfPTable's own
    header and footer rows: the header three rows (setHeaderRows counts the footer's too) — an unruled cell across
    holding ``caption`` + SUFFIX in the text size, then the column headings — and the footer one (setFooterRows(1)), an
    unruled cell across holding MARK right-aligned in MARK_SIZE; setSkipFirstHeader (the table's first page has the
    paragraph over it instead, and the headings as its first body row, given again) and setSkipLastFooter (nothing
    under its last row). ``records`` is table_records' output for a table of one header row."""
    from dev.producers.itext_writer import record

    lines = records.splitlines(keepends=True)
    table = lines[0].rstrip("\n").split("\t")[:9] + ["3", "1", "skip"]  # header rows, footer rows, skip first/last
    headings = lines[1:1 + cols]
    across = ("-", "-", "-", "-", "-", "-")  # no fill, black text, no side ruled
    again = record("cell", f"1/{cols}", font, 10.0, "left", "top", *across, continued_caption(caption))
    goes_on = record("cell", f"1/{cols}", font, MARK_SIZE, "right", "top", *across, MARK)
    return "".join(["\t".join(table) + "\n", again, *headings, goes_on, *headings, *lines[1 + cols:]])


def typst_marked(source: str, caption: str, cols: int, key: str) -> str:
    """Typst (typst_writer.table_typst): one table as Typst marks its own page breaks, in its repeated header and
    footer (table.header and table.footer repeat on every page the table runs over). The header gets a row over the
    column headings, one unruled cell across whose content is ``context``: the caption (``caption``, a Typst literal)
    on the page the table's rows start on (a metadata label ``key``-s in its first cell), the caption with SUFFIX on
    every page after (the writer prints no paragraph of its own over the table); the footer one unruled cell across,
    right-aligned, whose context content is MARK in MARK_SIZE on every page before the one its rows end on (a label
    ``key``-e in its last cell), nothing under its last row. ``source`` is table_typst's output (one header row, the
    body's cells on one line)."""
    again = f"{caption} + {json.dumps(SUFFIX, ensure_ascii=False)}"
    above = (f"table.cell(colspan: {cols}, stroke: (x: none, top: none), inset: (x: 0pt, top: 0pt, bottom: 4pt), "
             f"align: left + bottom, context {{ set text(size: 10pt); if here().page() > locate(<{key}-s>).page() "
             f"{{ {again} }} else {{ {caption} }} }}), ")
    under = (f"  table.footer(table.cell(colspan: {cols}, stroke: (x: none, bottom: none), inset: (x: 0pt, y: 2pt), "
             f"align: right, context {{ if here().page() < locate(<{key}-e>).page() "
             f"{{ text(size: {MARK_SIZE:g}pt, {json.dumps(MARK, ensure_ascii=False)}) }} }})),\n")
    head = source.index("table.header(") + len("table.header(")
    end = source.rindex(")})")
    rows = source.index("\n", source.index("table.header(")) + 1  # the body's cells, on one line: ``  "1", …, "有",``
    first, rest = source[rows:end].removeprefix("  ").split(", ", 1)
    rest, last = rest.rstrip().removesuffix(",").rsplit(", ", 1)
    cells = f"  [#metadata(none) <{key}-s>#{first}], {rest}, [#{last}#metadata(none) <{key}-e>],\n"
    marked = source[:head] + above + source[head:rows] + cells + under + source[end:]
    return marked.replace("if y == 0 {", "if y < 2 {")


def matplotlib_break(flow, caption: str) -> None:  # type: ignore[no-untyped-def]
    """matplotlib (matplotlib_writer.flow_table): where its own flow breaks a table (the next row group does not fit),
    a new page; under the continued style (``caption`` the list's, '' otherwise) first MARK right-aligned at the text
    width's right edge (a list's right edge) just under the last row placed, in the page's foot margin, and after the
    new page's start the caption with SUFFIX, as a paragraph, over the header the table repeats."""
    from dev.producers.matplotlib_writer import ASCENT, MARGIN_X, SIZES, Line

    if caption:
        flow.page.lines.append(Line(MARGIN_X + flow.text_width, flow.y + 1 + MARK_SIZE * ASCENT, MARK, flow.body_font,
                                    MARK_SIZE, "right"))
    flow.new_page()
    if caption:
        flow.paragraph(continued_caption(caption), SIZES["text"])


def odt_goes_on(styles, lists: Any, i: int, font: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Writer's .odt (office.odt_document): under run ``i``'s table, MARK as a right-aligned (end) paragraph in
    MARK_SIZE when the run goes on (``mark``); nothing otherwise. ``styles`` is the document's paragraph styles."""
    from odf.text import P

    return [P(stylename=styles.paragraph(font, MARK_SIZE, "end"), text=MARK)] if mark(lists, i) else []


def xlsx_goes_on(ws, row: int, lists: Any, i: int) -> None:  # type: ignore[no-untyped-def]
    """Calc's .xlsx (office.xlsx_document): MARK in row ``row`` (the first free row under run ``i``'s table) of its
    last column, right-aligned (spilling left over the empty cells) in MARK_SIZE, when the run goes on."""
    from openpyxl.styles import Alignment, Font

    from dev.producers.model import FONT_NAMES

    if mark(lists, i):
        cell = ws.cell(row=row, column=len(lists[i].table.rows[0]), value=MARK)
        cell.font, cell.alignment = Font(name=FONT_NAMES["gothic"], size=MARK_SIZE), Alignment(horizontal="right")
