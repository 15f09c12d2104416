"""The report as an OpenDocument text (odfpy) and as a spreadsheet (openpyxl), printed by LibreOffice.

Writer and Calc lay out and paginate themselves, each its own way: Writer
breaks a table over pages and repeats its header row (``table:table-header-rows``),
draws each cell side as its own line, wraps text by its own Japanese line
breaking; Calc prints each list sheet scaled to the page width, repeats the
title and header rows (print titles), sizes rows to their wrapped text and puts
the exhibit label in the page header. The whiterules style is each one's own
cell background and white cell borders (ODF ``fo:background-color`` and
``fo:border``; xlsx solid ``PatternFill`` and thin white ``Side``), the header's
text white (ODF ``fo:color``, xlsx font colour). The booktabs style is the header cells' own top and
bottom borders and the last row's bottom border (ODF widths 1.5 and 0.5 pt; xlsx medium and thin), which
Writer and Calc repeat with the header row. The partial style is each cell's own sides from
``model.cell_rules`` (ODF ``fo:border-left``/``-right`` 0.5pt or none; xlsx thin or no ``Side``): every
row's top and bottom, a column's side only at every other boundary. The tight style's cells have ODF
``fo:padding`` 0 and paragraphs with no space around them at ``fo:line-height`` 100% (the font's own 1 em); an
xlsx cell has no padding to set (Calc keeps its own fixed text margin, about 0.5 pt), so a tight sheet's rows
are only as tall as their lines (``TIGHT_LINE``, ``TIGHT_EXTRA``). The grouped style's two header rows are ODF's
``table:number-rows-spanned`` / ``number-columns-spanned`` over ``table:covered-table-cell`` inside
``table:table-header-rows`` (both repeated), and the sheet's merged ranges with the print titles one row longer.
The once style's header row is a plain first row (no ``table:table-header-rows``) and its sheets have no print
titles, so neither repeats it. Both are run as
``soffice --headless --convert-to pdf`` with a throw-away profile.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
from pathlib import Path

from .continued import odt_goes_on, xlsx_goes_on
from .footed import foot
from .model import (
    BOOK_HEAVY,
    FONT_NAMES,
    HAIR_RULE,
    HEAVY_RULE,
    WHITE_RULE,
    Document,
    Table,
    TablePlan,
    Variant,
    booktabs_widths,
    cell_rules,
    double_sides,
    heavy_sides,
    is_right_aligned,
    is_shaded,
    is_title,
    outer_sides,
    plan_table,
    stacked,
    text_colour,
    tint,
)
from .office_footed import odt_footer, xlsx_feet
from .office_head import odt_across, odt_grouped_header, odt_vertical_row, xlsx_grouped_header, xlsx_merge
from .office_notes import odt_noted, xlsx_caption, xlsx_notes
from .office_pairs import odt_pair, xlsx_pair, xlsx_widths
from .office_running import odt_running
from .running import head_text
from .sidebyside import Pair, front_blocks

RULE = "0.5pt solid #000000"
DOTTED = "0.5pt dotted #000000"  # the dotted style's inner rules (ODF fo:border; Calc's are xlsx "dotted")
DOUBLE = "1.8pt double #000000"  # the double style's frame and header rule (Calc's are xlsx "double")
# style:border-line-width of the double: inner line, white between (1.5 pt centre to centre), outer line;
# wider lines squeeze the lists' narrow No. column until Writer wraps its two-digit numbers
DOUBLE_WIDTHS = "0.3pt 1.2pt 0.3pt"
HEAVY = f"{HEAVY_RULE}pt solid #000000"  # the heavy style's frame and header rule (Calc's are xlsx "thick")
HAIR = f"{HAIR_RULE}pt solid #000000"  # the heavy style's inner rules (Calc's are xlsx "hair")
WHITE = f"{WHITE_RULE}pt solid #ffffff"  # the whiterules style's rules (Calc's are xlsx "thin" in white)
SHADE = "#d9d9d9"
# the tight style's sheet rows: as tall as their lines, Calc's 1 em each (IPAex's ascender to descender), and the
# TIGHT_EXTRA points Calc keeps above the first (about 0.5) and under the last, so that no descender is cut off
TIGHT_LINE, TIGHT_EXTRA = 1.0, 1.5
TIGHT_UNIT = 6.9  # points Calc prints an xlsx column-width unit at, before it scales a sheet to the page
A4 = ("21cm", "29.7cm")


# Chinese and Korean fonts that Debian's TeX Live packages bring onto a producers machine: with them installed,
# Gnumeric and Calc take 資 and 料 of a sheet's page header from AR PL Kaiti, not IPAex Gothic (Calc: more, GBZenKai)
NOT_JAPANESE = ("/usr/share/fonts/truetype/arphic*", "/usr/share/fonts/truetype/baekmuk/*",
                "/usr/share/fonts/truetype/unfonts-*", "/usr/share/fonts/truetype/droid/*")


def fontconfig_file(home: Path) -> Path:
    """A fonts.conf in ``home``: the system's, less NOT_JAPANESE, so that a render does not depend on what else the
    machine has installed."""
    globs = "".join(f"<glob>{g}</glob>" for g in NOT_JAPANESE)
    path = home / "fonts.conf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
                    '<include ignore_missing="no">/etc/fonts/fonts.conf</include>'
                    f"<selectfont><rejectfont>{globs}</rejectfont></selectfont></fontconfig>", encoding="utf-8")
    return path


def convert(source: Path, out: Path, japanese_fonts_only: bool = False) -> None:
    """Print ``source`` to ``out`` with headless LibreOffice (``japanese_fonts_only``: under ``fontconfig_file``)."""
    with tempfile.TemporaryDirectory(prefix="producers-soffice-") as tmp:
        env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(Path(tmp)))} if japanese_fonts_only else None
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=600, env=env,
        )
        produced = Path(tmp) / (source.stem + ".pdf")
        if not produced.exists():
            raise RuntimeError(f"LibreOffice wrote no PDF for {source}")
        out.parent.mkdir(parents=True, exist_ok=True)
        produced.replace(out)


# ---------------------------------------------------------------- Writer (odfpy)

class _OdtStyles:
    """Automatic styles made on demand, one per distinct look, so the document stays small."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self.doc = doc
        self.cache: dict[tuple, object] = {}  # type: ignore[type-arg]

    def paragraph(self, font: str, size: float, align: str = "start", page_break: bool = False,  # type: ignore[no-untyped-def]
                  colour: str | None = None, tight: bool = False, writing: str = ""):
        """A paragraph's style; ``tight`` (a tight table's cells): no space under it and lines at the font's own
        height (``fo:line-height`` 100%), none added."""
        from odf.style import ParagraphProperties, Style, TextProperties

        key = (("p", font, size, align, page_break) + ((colour,) if colour else ()) + (("tight",) if tight else ())
               + ((writing,) if writing else ()))
        if key not in self.cache:
            style = Style(name=f"P{len(self.cache)}", family="paragraph")
            props = {"textalign": align, "marginbottom": "0.05cm", **({"writingmode": writing} if writing else {})}
            if align == "distributed":  # the distributed style: Writer's 均等割り付け, every line justified, the last too
                props.update(textalign="justify", textalignlast="justify")
            if tight:
                props.update(margintop="0cm", marginbottom="0cm", lineheight="100%")
            if page_break:
                props["breakbefore"] = "page"
            style.addElement(ParagraphProperties(**props))
            name = FONT_NAMES[font]
            style.addElement(TextProperties(fontname=name, fontnameasian=name, fontsize=f"{size}pt",
                                            fontsizeasian=f"{size}pt", **({"color": colour} if colour else {})))
            self.doc.automaticstyles.addElement(style)
            self.cache[key] = style
        return self.cache[key]

    def cell(self, sides: tuple[bool, bool, bool, bool], fill: str | None,  # type: ignore[no-untyped-def]
             dotted: tuple[bool, bool, bool, bool] = (False,) * 4, double: tuple[bool, bool, bool, bool] = (False,) * 4,
             heavy: tuple[bool, bool, bool, bool] | None = None, rule: str = RULE,
             book: tuple[float, float] | None = None, padding: str = "0.06cm", valign: str = "top", writing: str = ""):
        """A cell's style: its background ``fill``, its ruled sides in ``rule``; ``heavy`` (the heavy style's heavy
        sides) makes every other ruled side a hairline; ``book`` (the booktabs style's top and bottom rule widths in
        points, 0 for none) rules those two sides alone, each in its own width."""
        from odf.style import Style, TableCellProperties

        key = (("c", sides, fill, dotted, double, heavy) + ((rule,) if rule != RULE else ()) + ((book,) if book else ())
               + ((padding,) if padding != "0.06cm" else ()) + ((valign,) if valign != "top" else ())
               + ((writing,) if writing else ()))
        if key not in self.cache:
            style = Style(name=f"C{len(self.cache)}", family="table-cell")
            props = {"padding": padding, "verticalalign": valign}
            if writing:  # the vertical style's heading cell: Writer's own text direction of a cell (縦書き)
                props["writingmode"] = writing
            weights = heavy or (False,) * 4
            thin = HAIR if heavy else rule
            for side, ruled, dots, twin, wide in zip(("top", "bottom", "left", "right"), sides, dotted, double, weights):
                props[f"border{side}"] = (DOUBLE if twin else DOTTED if dots else HEAVY if wide else thin) if ruled else "none"
                if ruled and twin:  # ODF's own double border: the widths of its two lines and the gap
                    props[f"borderlinewidth{side}"] = DOUBLE_WIDTHS
            if book:  # ODF's own border widths: the heavy top and bottom rules, the light mid rule
                for side, width in zip(("top", "bottom", "left", "right"), (*book, 0.0, 0.0)):
                    props[f"border{side}"] = f"{width:g}pt solid #000000" if width else "none"
            if fill:
                props["backgroundcolor"] = fill
            style.addElement(TableCellProperties(**props))
            self.doc.automaticstyles.addElement(style)
            self.cache[key] = style
        return self.cache[key]


def dotted_sides(dash: str, row: int, last: int, col: int, rows: int, cols: int) -> tuple[bool, bool, bool, bool]:
    """Which sides of a cell (spanning rows ``row``..``last``) are dotted: the inner ones of a dotted style."""
    if dash != "dotted":
        return (False,) * 4
    top = outer_sides(row, col, rows, cols)
    bottom = outer_sides(last, col, rows, cols)
    return (not top[0], not bottom[1], not top[2], not top[3])


def column_widths_cm(weights: tuple[float, ...], width: float, heavy: bool) -> list[float]:
    """Each column's width in cm; under a heavy frame the first column gets back what its heavier left rule takes.

    Writer draws a cell's border inside the cell, so a 2.25 pt frame leaves the
    lists' narrow No. column too little room and Writer wraps its two-digit
    numbers; an office user widens that column, taking the room from the widest.
    """
    widths = [width * w / sum(weights) for w in weights]
    if heavy:
        extra = (HEAVY_RULE - HAIR_RULE) * 2.54 / 72
        widest = widths.index(max(widths))
        widths[0] += extra
        widths[widest] -= extra
    return widths


def _odt_table(doc, styles: _OdtStyles, table: Table, variant: Variant, kind: str, width_cm: float):  # type: ignore[no-untyped-def]
    from odf.style import Style, TableColumnProperties, TableProperties
    from odf.table import CoveredTableCell, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.table import Table as OdfTable
    from odf.text import P

    style = variant.style
    rows = table.rows
    plan = plan_table(table, style, kind)
    weights = plan.weights
    width = width_cm * (1.0 if kind == "list" else 0.8)
    tstyle = Style(name=f"T{len(styles.cache)}", family="table")
    tstyle.addElement(TableProperties(width=f"{width:.2f}cm", align="left",  # notes: its last row kept with them
                                      **({"keepwithnext": "always"} if style.notes else {})))
    doc.automaticstyles.addElement(tstyle)
    styles.cache[("t", id(tstyle))] = tstyle
    out = OdfTable(name=f"{kind}{len(styles.cache)}", stylename=tstyle)
    for w in column_widths_cm(weights, width, style.weight == "heavy"):
        cstyle = Style(name=f"K{len(styles.cache)}", family="table-column")
        cstyle.addElement(TableColumnProperties(columnwidth=f"{w:.3f}cm"))
        doc.automaticstyles.addElement(cstyle)
        styles.cache[("k", id(cstyle))] = cstyle
        out.addElement(TableColumn(stylename=cstyle))
    size = 7.5 if kind == "list" else 9.0
    if plan.head_rows > 1:
        out.addElement(odt_grouped_header(styles, plan, style.header_font, size))
    for r, cells in enumerate(rows):
        if r == 0 and plan.head_rows > 1:
            continue
        row = TableRow(**({"stylename": odt_vertical_row(doc, plan, cells, size)} if r == 0 and any(plan.vertical)
                          else {}))
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if span == 0:
                row.addElement(CoveredTableCell())
                continue
            last = r + span - 1
            sides = cell_rules(style.rules, r, c, len(rows), len(cells))
            if last != r:  # a merged cell's bottom is the bottom of the last row it covers
                sides = (sides[0], cell_rules(style.rules, last, c, len(rows), len(cells))[1], *sides[2:])
            dotted = dotted_sides(style.dash, r, last, c, len(rows), len(cells))
            double = double_sides(style.double, r, last, c, len(rows), len(cells))
            heavy = heavy_sides(style.weight, r, last, c, len(rows), len(cells)) if style.weight == "heavy" else None
            fill = SHADE if is_shaded(style.shading, r) else tint(style.shading, r)
            rule = WHITE if style.rule_colour == "white" else RULE
            book = booktabs_widths(r, len(rows)) if style.rules == "booktabs" else None
            tight = style.padding == "none"  # the tight style: fo:padding 0, the text on the cell's borders
            vertical = "tb-rl" if r == 0 and plan.is_vertical(c) else ""  # vertical: the heading in 縦書き, centred
            cell = TableCell(valuetype="string", stylename=styles.cell(sides, fill, dotted, double, heavy, rule, book,
                                                                       "0cm" if tight else "0.06cm",
                                                                       *(("middle", vertical) if vertical else ())),
                             **({"numberrowsspanned": span} if span > 1 else {}), **odt_across(plan, r, c))
            align = "distributed" if plan.spreads(r, c) else {"left": "start", "right": "end",
                                                              "center": "center"}[plan.align(r, c)]
            font = style.header_font if r == 0 else style.body_font
            colour = text_colour(style.shading, r)
            cell.addElement(P(stylename=styles.paragraph(font, size, align, colour=colour, tight=tight, writing=vertical),
                              text=text))
            row.addElement(cell)
        if r == 0 and style.header_repeat == "every":  # once: the header a plain first row, not repeated
            header = TableHeaderRows()
            header.addElement(row)
            out.addElement(header)
        else:
            out.addElement(row)
    return out


def odt_document(doc_model: Document, variant: Variant, path: Path) -> None:
    """Write the report as an .odt: A4 in the variant's orientation, page numbers in the footer."""
    from odf.opendocument import OpenDocumentText
    from odf.style import FontFace, MasterPage, PageLayout, PageLayoutProperties
    from odf.text import P

    doc = OpenDocumentText()
    for name in FONT_NAMES.values():
        doc.fontfacedecls.addElement(FontFace(name=name, fontfamily=name, fontpitch="variable"))
    w, h = A4 if variant.orientation == "portrait" else A4[::-1]
    layout = PageLayout(name="Page")
    layout.addElement(PageLayoutProperties(pagewidth=w, pageheight=h, printorientation=variant.orientation,
                                           margintop="1.5cm", marginbottom="1.2cm", marginleft="1.5cm",
                                           marginright="1.5cm"))
    doc.automaticstyles.addElement(layout)
    styles = _OdtStyles(doc)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    width_cm = float(w.removesuffix("cm")) - 3.0
    odt_footer(doc, master, styles.paragraph(variant.style.body_font, 8, "center"), variant.style.body_font,
               foot(variant, doc_model.front) if variant.style.footed else None, width_cm)  # office_footed.py
    doc.masterstyles.addElement(master)
    body = variant.style.body_font
    if variant.style.running:  # the running style's header and first page's header (office_running.py)
        odt_running(doc, layout, master, FONT_NAMES[body], head_text(doc_model.front), width_cm)

    def para(text: str, page_break: bool = False, align: str | None = None, size: float = 10) -> None:
        align = align or ("end" if is_right_aligned(text) else "start")
        doc.text.addElement(P(stylename=styles.paragraph(body, 12 if is_title(text) else size, align, page_break),
                              text=text))

    for block in front_blocks(doc_model.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: an outer borderless table holding the two (office_pairs.py)
            doc.text.addElement(odt_pair(styles, block, variant, width_cm,
                                         lambda t, w: _odt_table(doc, styles, t, variant, "summary", w)))
        elif isinstance(block, Table):
            for element in odt_noted(styles, _odt_table(doc, styles, block, variant, "summary", width_cm), block,
                                     variant, "summary", width_cm):  # notes: the caption before, the notes after
                doc.text.addElement(element)
        else:
            para(block)
    for i, item in enumerate(doc_model.lists):  # continued: a run of a list's rows a page, 次頁へ続く under it
        para(item.exhibit, page_break=True, align="end", size=9)
        para(item.title)
        for element in odt_noted(styles, _odt_table(doc, styles, item.table, variant, "list", width_cm), item.table,
                                 variant, "list", width_cm) + odt_goes_on(styles, doc_model.lists, i, body):
            doc.text.addElement(element)
    for i, text in enumerate(doc_model.appendix):
        para(text, page_break=i == 0)
    doc.save(str(path))


# ---------------------------------------------------------------- Calc (openpyxl)

def _xlsx_sheet(wb, title: str, variant: Variant, exhibit: str = ""):  # type: ignore[no-untyped-def]
    ws = wb.create_sheet(title)
    ws.page_setup.orientation = variant.orientation
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "- &P -"
    if exhibit:
        ws.oddHeader.right.text = exhibit
    return ws


def _xlsx_table(ws, table: Table, variant: Variant, kind: str, top: int, chars: float,  # type: ignore[no-untyped-def]
                left: int = 0) -> int:
    """Write a table from row ``top``, ``left`` columns right of column A (sidebyside); return the next free row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    style = variant.style
    rows = table.rows
    plan = plan_table(table, style, kind)
    weights = plan.weights
    if kind == "list":  # the front sheet's columns are set once, for all four summary tables
        for c, w in enumerate(weights):
            ws.column_dimensions[get_column_letter(c + 1)].width = chars * w / sum(weights)
    size = 8 if kind == "list" else 9
    heavy_style = style.weight == "heavy"  # Excel's own thick and hair borders (太線, 極細)
    ink = xlsx_colour("#FFFFFF") if style.rule_colour == "white" else "000000"
    thin = Side(style="hair" if heavy_style else "thin", color=ink)  # Excel's table styles part cells by thin white
    dots = Side(style="dotted", color="000000")
    twin = Side(style="double", color="000000")
    thick = Side(style="thick", color="000000")
    # the booktabs style's rules as Excel's own border weights: medium (中線) heavy, thin light
    book = {BOOK_HEAVY: Side(style="medium", color="000000"), 0.0: None}
    widths = [chars * w / sum(weights) for w in weights]
    shift = plan.head_rows - 1  # the grouped style's second header row: every body row one row lower
    if shift:
        xlsx_grouped_header(ws, plan, style.header_font, size, top, widths, Border(*[thin] * 4))
    for r, cells in enumerate(rows):
        if r == 0 and shift:
            continue
        top_r = top + r + shift
        ws.row_dimensions[top_r].height = _xlsx_row_height(cells, widths, size, plan, r, style.padding == "none")
        for c, text in enumerate(cells):
            cell = ws.cell(row=top_r, column=left + c + 1)
            span = plan.span(r, c)
            sides = cell_rules(style.rules, r, c, len(rows), len(cells))
            dotted = dotted_sides(style.dash, r, r, c, len(rows), len(cells))
            double = double_sides(style.double, r, r, c, len(rows), len(cells))
            heavy = heavy_sides(style.weight, r, r, c, len(rows), len(cells))
            lines = [(twin if t else dots if d else thick if h else thin) if ruled else None
                     for ruled, d, t, h in zip(sides, dotted, double, heavy)]
            if style.rules == "booktabs":
                lines = [book.get(width, thin) for width in booktabs_widths(r, len(rows))] + [None, None]
            cell.border = Border(top=lines[0], bottom=lines[1], left=lines[2], right=lines[3])
            if is_shaded(style.shading, r):
                cell.fill = PatternFill("solid", fgColor=SHADE.lstrip("#"))
            if (fill := tint(style.shading, r)) is not None:
                cell.fill = PatternFill("solid", fgColor=xlsx_colour(fill))
            if span == 0:
                continue
            cell.value = text
            colour = text_colour(style.shading, r)
            cell.font = Font(name=FONT_NAMES[style.header_font if r == 0 else style.body_font], size=size,
                             **({"color": xlsx_colour(colour)} if colour else {}))
            cell.alignment = Alignment(horizontal="distributed" if plan.spreads(r, c) else plan.align(r, c),
                                       vertical="top", wrap_text=True)  # distributed: Excel's 均等割り付け
            if r == 0 and plan.is_vertical(c):  # vertical: Excel's 縦書き, the characters stacked (textRotation 255)
                cell.alignment = Alignment(horizontal="center", vertical="center", textRotation=255)
                if variant.producer == "gnumeric":  # prints its rotation -1 flat over the next columns: typed stacked
                    cell.value = "\n".join(stacked(text))
                    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            xlsx_merge(ws, plan, top_r, r, c, span)  # merge: a run down; stacked: a long text across
    return top + len(rows) + shift


def xlsx_colour(colour: str) -> str:
    """An opaque ARGB colour as Excel writes it (``#305496`` -> ``FF305496``): openpyxl makes six digits ``00…``,
    alpha 0, which Gnumeric reads as transparent."""
    return "FF" + colour.lstrip("#").upper()


def _xlsx_row_height(cells: tuple[str, ...], widths: list[float], size: float, plan: TablePlan, r: int,
                     tight: bool = False) -> float:
    """The height Calc's optimal row height gives a row of wrapped cells (it does not recompute it on import); a
    tight table's rows as tall as their lines alone (TIGHT_LINE font sizes each, TIGHT_EXTRA), the text on the
    cell's borders.

    A column-width unit is about 5.25 pt (one digit of the default font); a CJK
    character is one em, a Latin one about half. A tight row takes the width Calc
    prints a unit at, TIGHT_UNIT (measured on its PDFs), less 5% for its line
    breaking, so that it holds no empty line under its text.
    """
    lines = 1
    for c, text in enumerate(cells):
        if plan.span(r, c) != 1:
            continue  # a merged cell's text spreads over the rows it spans
        if r == 0 and plan.is_vertical(c):  # vertical: a stacked heading, a line per character
            lines = max(lines, len(stacked(text)))
            continue
        w = sum(widths[c:c + plan.colspan(r, c)])  # stacked: a long text's merged width
        room = max(1.0, (w * TIGHT_UNIT * 0.95 if tight else w * 5.25 - 4) / size)
        ems = sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in text)
        lines = max(lines, math.ceil(ems / room))
    return lines * size * TIGHT_LINE + TIGHT_EXTRA if tight else lines * size * 1.3 + 3


def xlsx_document(doc_model: Document, variant: Variant, path: Path) -> None:
    """Write the report as an .xlsx: a front sheet, then one sheet per list with print titles."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    ws = _xlsx_sheet(wb, "表紙", variant)
    chars = 96.0 if variant.orientation == "portrait" else 140.0  # a page's width in character units
    for c, w in enumerate((3, 2, 3, 3) * (not xlsx_widths(ws, variant, chars))):  # sidebyside: A-I (office_pairs)
        ws.column_dimensions["ABCD"[c]].width = chars * 0.8 * w / 11
    row = 1
    for block in front_blocks(doc_model.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: the second table in the columns right of the first, same rows
            row = xlsx_pair(ws, block, variant, row, lambda t, top, left: _xlsx_table(ws, t, variant, "summary", top,
                                                                                       chars, left)) + 1
            continue
        if isinstance(block, Table):
            row = _xlsx_table(ws, block, variant, "summary", xlsx_caption(ws, row, variant, "summary"), chars)
            row = xlsx_notes(ws, row, block, variant, "summary", chars * 0.8 * 5.25) + 1  # notes: the rows under it
            continue
        ws.cell(row=row, column=1, value=block)
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=9 if variant.style.summaries == "sidebyside" else 4)
        size = 12 if is_title(block) else 10
        ws.cell(row=row, column=1).font = Font(name=FONT_NAMES[variant.style.body_font], size=size)
        ws.cell(row=row, column=1).alignment = Alignment(
            horizontal="right" if is_right_aligned(block) else "left", vertical="top", wrap_text=True)
        lines = 1 + int(len(block) * size / (chars * 0.8 * 5.25))
        ws.row_dimensions[row].height = lines * size * 1.5
        row += 1
    for i, item in enumerate(doc_model.lists):  # continued: a run of a list's rows a sheet, 次頁へ続く under it
        ws = _xlsx_sheet(wb, item.table.criterion, variant, item.exhibit)
        ws.cell(row=1, column=1, value=item.title).font = Font(name=FONT_NAMES[variant.style.body_font], size=10)
        xlsx_goes_on(ws, xlsx_notes(ws, _xlsx_table(ws, item.table, variant, "list", 2, chars), item.table, variant, "list",
                                    chars * 5.25), doc_model.lists, i)
        if variant.style.header_repeat == "every":  # once: no print titles, the header on the first page only
            ws.print_title_rows = "1:3" if variant.style.heading != "single" or variant.style.stacked else "1:2"
    if doc_model.appendix:
        ws = _xlsx_sheet(wb, "報告第360号", variant)
        ws.column_dimensions["A"].width = chars
        for i, text in enumerate(doc_model.appendix, start=1):
            cell = ws.cell(row=i, column=1, value=text)
            cell.font = Font(name=FONT_NAMES[variant.style.body_font], size=10)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, sheet in enumerate(wb.worksheets):  # the running style's page headers, the footed style's feet
        xlsx_feet(sheet, i == 0, head_text(doc_model.front) if variant.style.running else "",
                  foot(variant, doc_model.front) if variant.style.footed else None)
    wb.save(str(path))


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the document for Writer (.odt) or Calc (.xlsx) and print it with LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="producers-office-") as tmp:
        if variant.producer == "writer":
            source = Path(tmp) / f"{out.stem}.odt"
            odt_document(doc, variant, source)
        else:
            source = Path(tmp) / f"{out.stem}.xlsx"
            xlsx_document(doc, variant, source)
        convert(source, out, japanese_fonts_only=variant.producer == "calc")
