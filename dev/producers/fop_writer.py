"""The report as XSL-FO, laid out and written to PDF by Apache FOP 2.8 (Debian ``fop``).

XSL-FO is how many Japanese business systems print their 帳票: a program writes
formatting objects (here straight from the document model, no XSLT) and FOP
lays them out with its own engine (Knuth-style line and page breaking, Japanese
lines broken by UAX #14 between ideographs, ``language="ja"``, no hyphenation),
sizes ``proportional-column-width`` columns, repeats a table's
``fo:table-header`` on every page it runs over (FOP's default), resolves
collapsed borders by the XSL rules (the wider border wins, then the style:
double over solid over dotted) and writes the PDF itself: CID subsets of the
IPAex TTFs, registered by file in a FOP configuration written next to the .fo
(``config_xml``), every cell side a stroked line of its own.

Each style is drawn as an FO author writes it: per-cell ``border-*`` properties
under ``border-collapse="collapse"`` (the table's own ``border`` for the frame of
frame, vrules, partial, dotted, double and heavy, which wins the collapse at the edge;
partial's cells rule their top and bottom and only the sides ``column_rule_after`` draws),
``background-color`` on cells for banded, whiterules and rounded's header,
``number-rows-spanned`` for merged runs (the rows under a merged cell kept with
the row above, ``keep-with-previous``, so that a run is never split over pages:
FOP would split it and print the text on the first page only),
``proportional-column-width`` for the narrow column, ``font-family`` for Mincho,
``border-collapse="separate"`` with ``border-separation`` for spaced cells, and
FOP's own extension ``fox:border-radius`` on a separated table (FOP rounds no
collapsed table's border) for rounded: its header corner cells rounded inside
it, with a hairline border of their own grey without which FOP does not clip a
cell's background to its corner; tight's cells ``padding="0pt"`` and their blocks
``line-height="1"`` (FOP's ``normal`` is 1.2); grouped's two header rows in ``fo:table-header``, its
headings spanning by ``number-rows-spanned`` and ``number-columns-spanned``; once's table
``table-omit-header-at-break="true"``, the header at the table's start only. Rows are kept whole on a page. A list starts on
a new page under its exhibit label and title; page numbers (``- n -``) are in the
page's foot. The creation date is given in the XMP metadata (``fo:declarations``),
and what FOP stamps of its run (the XMP's dc:date and MetadataDate, the file /ID)
is fixed afterwards in as many bytes (``fixed_stamps``): the same bytes every run.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .continued import fop_marked
from .footed import fo_footed, foot
from .model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    FONT_FILES,
    FONT_NAMES,
    HAIR_RULE,
    HEADER_GREY,
    HEAVY_RULE,
    ROUND_RADIUS,
    WHITE_RULE,
    Document,
    Table,
    TablePlan,
    Variant,
    column_rule_after,
    is_right_aligned,
    is_shaded,
    is_title,
    plan_table,
    stacked,
    text_colour,
    tint,
)
from .notes import table_notes, unit_caption
from .running import fo_running, head_text
from .sidebyside import GUTTER, Pair, front_blocks

RULE = "0.5pt solid #000000"
DOTTED = "0.5pt dotted #000000"  # the dotted style's inner rules; the solid frame wins the collapse at the edge
DOUBLE = "2.4pt double #000000"  # the double style's frame and header rule: two 0.8 pt lines, 0.8 pt apart
HEAVY = f"{HEAVY_RULE:g}pt solid #000000"  # the heavy style's frame and header rule
HAIR = f"{HAIR_RULE:g}pt solid #000000"  # the heavy style's inner rules
WHITE = f"{WHITE_RULE:g}pt solid #FFFFFF"  # the whiterules style's rules, over the cells' backgrounds
SPACING = "1.5pt"  # the separate style's border-separation (HTML's default cellspacing, 2 px)
BOOK_RULE, MID_RULE = f"{BOOK_HEAVY:g}pt solid #000000", f"{BOOK_LIGHT:g}pt solid #000000"
HEADER_FILL, BAND_FILL = "#C8C8C8", "#ECECEC"  # the HTML producers' greys
SIDES = ("top", "bottom", "left", "right")
FO = "http://www.w3.org/1999/XSL/Format"
FOX = "http://xmlgraphics.apache.org/fop/extensions"
# the rounded style's header corner cells: their radius inside the frame's, and a hairline border of the header's own
# grey on their outer sides, without which FOP does not clip a cell's background to its rounded corner
INNER_RADIUS = f"{ROUND_RADIUS - 0.5:g}pt"
GREY_HAIR = f"0.01pt solid {HEADER_GREY}"
TIMEOUT = 900  # seconds for one run: the JVM and the whole report's layout
CREATED = "2023-08-18T09:00:00Z"  # a fixed date (xmp:CreateDate, which FOP writes as /CreationDate too)
XMP_DATE = re.compile(rb"(?<=>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(?=<)")  # a date FOP stamps in the XMP
FILE_ID = re.compile(rb"/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]")


def attrs(**props: str | None) -> str:
    """FO properties as XML attributes; ``a_b`` is written ``a-b``, ``a__b`` ``a.b`` (``fox__b`` ``fox:b``); None is
    left out."""
    return "".join(f" {prop_name(key)}={quoteattr(value)}" for key, value in props.items() if value is not None)


def prop_name(key: str) -> str:
    if key.startswith("fox__"):
        return "fox:" + key[5:].replace("_", "-")
    return key.replace("__", ".").replace("_", "-")


def table_props(variant: Variant) -> dict[str, str | None]:
    """The fo:table's own border model and border: the frame of frame, vrules, dotted, double, heavy, separate."""
    style = variant.style
    props: dict[str, str | None] = {"border_collapse": "collapse"}
    if style.spacing:
        props.update(border_collapse="separate", border_separation=SPACING, border=RULE)
    elif style.corners == "rounded":  # FOP rounds a separated table's own border (not a collapsed one's)
        props.update(border_collapse="separate", border_separation="0pt", border=RULE,
                     fox__border_radius=f"{ROUND_RADIUS:g}pt")
    elif style.rules in ("frame", "vrules", "partial") or (style.rules == "grid" and style.dash == "dotted"):
        props["border"] = RULE
    elif style.rules == "grid" and style.double:
        props["border"] = DOUBLE
    elif style.rules == "grid" and style.weight == "heavy":
        props["border"] = HEAVY
    return props


def cell_borders(variant: Variant, row: int, last: int, col: int, rows: int, cols: int) -> dict[str, str]:
    """The border of each ruled side of the cell spanning rows ``row``..``last`` of column ``col`` (row 0 the header).

    Collapsed borders: where the cell's side and a neighbour's (or the table's)
    meet, FOP keeps the wider, then the stronger style, so the frame's solid,
    double or heavy border wins over the cells' dotted, single or hairline ones.
    """
    style = variant.style
    if style.rules == "grid" and style.corners == "rounded":  # inner rules only: each cell's right and bottom
        return ({"right": RULE} if col < cols - 1 else {}) | ({"bottom": RULE} if last < rows - 1 else {})
    if style.rules == "grid":
        inner = WHITE if style.rule_colour == "white" else DOTTED if style.dash == "dotted" else (
            HAIR if style.weight == "heavy" else RULE)
        sides = dict.fromkeys(SIDES, inner)
        strong = DOUBLE if style.double else HEAVY if style.weight == "heavy" else None
        if strong and row == 0:  # the header rule (the frame is the table's own border)
            sides["bottom"] = strong
        if strong and row == 1:
            sides["top"] = strong
        return sides
    if style.rules == "hrules":
        return {"top": RULE, "bottom": RULE}
    if style.rules == "frame":
        return {"bottom": RULE} if row == 0 else {}
    if style.rules == "vrules":
        return {"left": RULE, "right": RULE} | ({"bottom": RULE} if row == 0 else {})
    if style.rules == "partial":  # every row ruled; a column rule only where column_rule_after draws one
        return ({"top": RULE, "bottom": RULE} | ({"left": RULE} if col > 0 and column_rule_after(col - 1) else {})
                | ({"right": RULE} if col < cols - 1 and column_rule_after(col) else {}))
    if style.rules == "booktabs":
        if row == 0:
            return {"top": BOOK_RULE, "bottom": MID_RULE}
        return {"bottom": BOOK_RULE} if last == rows - 1 else {}
    return {}


def fill(variant: Variant, row: int) -> str | None:
    """A cell's background in row ``row``: banded greys, the whiterules tints, none elsewhere."""
    shading = variant.style.shading
    if shading == "tinted":
        return tint(shading, row)
    if shading == "banded" and is_shaded(shading, row):
        return HEADER_FILL if row == 0 else BAND_FILL
    return HEADER_GREY if is_shaded(shading, row) else None


def rounded_corner(variant: Variant, row: int, col: int, cols: int) -> dict[str, str]:
    """The rounded style's header corner cells: a rounded corner of their own, so that their grey stays inside."""
    if variant.style.corners != "rounded" or row != 0 or col not in (0, cols - 1):
        return {}
    props = {"border_top": GREY_HAIR}
    if col == 0:
        props.update(border_left=GREY_HAIR, fox__border_before_start_radius=INNER_RADIUS)
    if col == cols - 1:
        props.update(border_right=GREY_HAIR, fox__border_before_end_radius=INNER_RADIUS)
    return props


def cell_fo(variant: Variant, text: str, row: int, last: int, col: int, rows: int, cols: int, align: str,
            stack: bool = False) -> str:
    """One fo:table-cell; ``stack`` (the vertical style's flag headings): a block per character, one under another
    (FOP 2.8 lays out lr-tb and rl-tb only, no tb-rl)."""
    style = variant.style
    borders = {f"border_{side}": spec for side, spec in cell_borders(variant, row, last, col, rows, cols).items()}
    borders |= rounded_corner(variant, row, col, cols)
    tight = style.padding == "none"  # the tight style: no padding, lines one font size apart (FOP's normal is 1.2)
    props = attrs(number_rows_spanned=str(last - row + 1) if last > row else None,
                  padding="0pt" if tight else "2pt 3pt", background_color=fill(variant, row),
                  display_align="center" if row == 0 else "before", **borders)
    spread = align == "distributed"  # the distributed style's 均等割り付け: every line justified, the last too
    block = attrs(text_align="justify" if spread else align, text_align_last="justify" if spread else None,
                  color=text_colour(style.shading, row),
                  font_family=FONT_NAMES[style.header_font] if row == 0 else None, line_height="1" if tight else None)
    lines = stacked(text) if stack else [text]
    return f"<fo:table-cell{props}>{''.join(f'<fo:block{block}>{escape(line)}</fo:block>' for line in lines)}</fo:table-cell>"


def grouped_header_fo(variant: Variant, plan: TablePlan, rows: int) -> str:
    """The grouped style's two header rows in fo:table-header (FOP repeats both): a heading spanning both rows by
    ``number-rows-spanned="2"`` (centred down them, ``display-align``), the group heading by
    ``number-columns-spanned="2"``, each cell ruled as the grid's header cells."""
    cols, out = len(plan.weights), []
    for r in range(plan.head_rows):
        cells = []
        for h in (h for h in plan.head if h.row == r):
            spans = attrs(number_rows_spanned=str(h.rowspan) if h.rowspan > 1 else None,
                          number_columns_spanned=str(h.colspan) if h.colspan > 1 else None)
            cells.append(cell_fo(variant, h.text, 0, 0, h.col, rows, cols, "center").replace(
                "<fo:table-cell", f"<fo:table-cell{spans}", 1))
        out.append(f"<fo:table-row>{''.join(cells)}</fo:table-row>")
    return "".join(out)


def table_fo(table: Table, variant: Variant, kind: str) -> str:
    """One table: fixed layout, proportional columns, the header row as fo:table-header (repeated by FOP)."""
    rows = table.rows
    plan = plan_table(table, variant.style, kind)
    size, width = _size_and_width(kind)
    cols = len(rows[0])
    columns = "".join(f'<fo:table-column column-width="proportional-column-width({w:g})"/>' for w in plan.weights)
    header = "".join(cell_fo(variant, text, 0, 0, c, len(rows), cols, "distributed" if plan.spreads(0, c) else "center",
                             plan.is_vertical(c))
                     for c, text in enumerate(rows[0]))
    header = grouped_header_fo(variant, plan, len(rows)) if plan.head_rows > 1 else f"<fo:table-row>{header}</fo:table-row>"
    body = []
    for r, cells in enumerate(rows[1:], start=1):
        tds = []
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if span:
                align = "distributed" if plan.spreads(r, c) else plan.align(r, c)
                tds.append(cell_fo(variant, text, r, r + span - 1, c, len(rows), cols, align))
                if plan.colspan(r, c) > 1:  # stacked: the long text's cell across the columns
                    tds[-1] = tds[-1].replace("<fo:table-cell", f'<fo:table-cell number-columns-spanned='
                                              f'"{plan.colspan(r, c)}"', 1)
        # a row under a merged cell stays on its page with the row above: a merged run is never broken over pages
        covered = any(plan.span(r, c) == 0 for c in plan.spans)
        keep = attrs(keep_together__within_page="always",
                     keep_with_previous__within_page="always" if covered else None)
        body.append(f"<fo:table-row{keep}>{''.join(tds)}</fo:table-row>")
    once = "true" if variant.style.header_repeat == "first" else None  # once: FOP's own switch, header at the start
    after = "2pt" if variant.style.notes else "10pt"  # notes: the 注記 block a small gap under the last row
    props = attrs(table_layout="fixed", width=width, font_size=size, space_before="4pt", space_after=after,
                  table_omit_header_at_break=once, **table_props(variant))
    return (f"<fo:table{props}>{columns}<fo:table-header>{header}</fo:table-header>"
            f"<fo:table-body>{''.join(body)}</fo:table-body></fo:table>\n")


def noted_fo(source: str, table: Table, variant: Variant, kind: str) -> str:
    """The notes style: the unit caption an fo:block right-aligned (text-align end) in a block-container as wide as
    the summary, kept with the table; the 注記 an fo:block of one block a note after the fo:table, in its size, kept
    with its last row; the table alone otherwise."""
    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return source
    size, width = _size_and_width(kind)
    caption = unit_caption(variant.style.notes, kind)
    head = (f'<fo:block-container width="{width}" keep-with-next.within-page="always"><fo:block text-align="end" '
            f'font-size="{size}">{escape(caption)}</fo:block></fo:block-container>\n' if caption else "")
    lines = "".join(f"<fo:block>{escape(n)}</fo:block>" for n in notes)
    return (f'{head}{source}<fo:block font-size="{size}" space-after="10pt" keep-with-previous.within-page="always">'
            f"{lines}</fo:block>\n")


def paragraph_fo(text: str, break_before: bool = False) -> str:
    """A paragraph: the title at 12 pt, the report number, date and section at the right margin."""
    props = attrs(font_size="12pt" if is_title(text) else None, text_align="end" if is_right_aligned(text) else None,
                  space_after="4pt", break_before="page" if break_before else None)
    return f"<fo:block{props}>{escape(text)}</fo:block>\n"


def page_master(variant: Variant) -> str:
    """A4 in the variant's orientation, 14 mm by 12 mm margins, the page number's region at the foot."""
    width, height = ("210mm", "297mm") if variant.orientation == "portrait" else ("297mm", "210mm")
    return (f'<fo:simple-page-master master-name="A4" page-width="{width}" page-height="{height}" '
            'margin-top="14mm" margin-bottom="8mm" margin-left="12mm" margin-right="12mm">'
            '<fo:region-body margin-bottom="8mm"/><fo:region-after extent="6mm"/></fo:simple-page-master>')


def metadata() -> str:
    """fo:declarations with XMP metadata: a title and a fixed creation date, so that FOP stamps no run time."""
    return ('<fo:declarations><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
            "<dc:title>setagaya-2023-report359</dc:title><dc:creator>世田谷区</dc:creator>"
            f"<dc:date>{CREATED}</dc:date><xmp:CreateDate>{CREATED}</xmp:CreateDate>"
            f"<xmp:ModifyDate>{CREATED}</xmp:ModifyDate><xmp:MetadataDate>{CREATED}</xmp:MetadataDate>"
            "</rdf:Description></rdf:RDF></x:xmpmeta></fo:declarations>")


def pair_fo(pair: Pair, variant: Variant) -> str:
    """The sidebyside style: an outer fo:table without borders, fixed layout, as wide as the text, of three columns
    (a half, the GUTTER, a half) and two rows kept together: the captions in the first, each summary's fo:table in a
    cell of the second, its width the half's in mm (the text width less the 12 mm margins), so that both tables start
    at one height; an odd last one alone in the left cell."""
    half = ((210 if variant.orientation == "portrait" else 297) - 24) * (1 - GUTTER) / 2
    halves = [*pair.halves, ("", None)][:2]
    captions = [paragraph_fo(caption) if caption else "<fo:block/>" for caption, _ in halves]
    tables = [table_fo(t, variant, "summary").replace('width="80%"', f'width="{half:.1f}mm"', 1) if t is not None
              else "<fo:block/>" for _, t in halves]
    gutter = "<fo:table-cell><fo:block/></fo:table-cell>"
    rows = "".join("<fo:table-row>" + gutter.join(f"<fo:table-cell>{x}</fo:table-cell>" for x in row) + "</fo:table-row>"
                   for row in (captions, tables))
    columns = "".join(f'<fo:table-column column-width="proportional-column-width({w:g})"/>'
                      for w in ((1 - GUTTER) / 2, GUTTER, (1 - GUTTER) / 2))
    return (f'<fo:table table-layout="fixed" width="100%" space-after="6pt" keep-together.within-page="always">'
            f"{columns}<fo:table-body>{rows}</fo:table-body></fo:table>\n")


def document_fo(doc: Document, variant: Variant) -> str:
    """The whole report as one XSL-FO document: front page, each list from a new page, the appendix."""
    style = variant.style
    root = attrs(language="ja", hyphenate="false", font_family=FONT_NAMES[style.body_font], font_size="10pt")
    footer = ('<fo:static-content flow-name="xsl-region-after"><fo:block text-align="center" font-size="8pt">'
              "- <fo:page-number/> -</fo:block></fo:static-content>")
    if style.footed:  # the office, the number (the page sequence's last page for the count), the date (footed.py)
        footer = fo_footed(foot(variant, doc.front), escape)
    masters, heads = fo_running(page_master(variant), escape(head_text(doc.front))) if style.running else (
        page_master(variant), "")  # running: the first page's and the others' masters, their heads (running.py)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<fo:root xmlns:fo="{FO}" xmlns:fox="{FOX}"{root}>',
             f"<fo:layout-master-set>{masters}</fo:layout-master-set>", metadata(),
             '<fo:page-sequence master-reference="A4"' + (' id="report">' if style.footed else ">"),  # footed's count
             footer + heads, '<fo:flow flow-name="xsl-region-body">\n']

    def marked(table: Table, kind: str, caption: str) -> str:  # continued: FOP's table markers (fop_marked)
        out = table_fo(table, variant, kind)
        return fop_marked(out, escape(caption), len(table.rows[0])) if style.continued else out

    blocks = front_blocks(doc.front, style)
    for i, block in enumerate(blocks):
        if isinstance(block, Pair):  # sidebyside: an outer fo:table holding the two (pair_fo)
            parts.append(pair_fo(block, variant))
            continue
        if style.continued and isinstance(block, str) and i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
            continue  # continued: a summary's caption printed by its table's header (fop_marked)
        parts.append(noted_fo(marked(block, "summary", blocks[i - 1]), block, variant, "summary")  # type: ignore[arg-type]
                     if isinstance(block, Table) else paragraph_fo(block))
    for item in doc.lists:
        parts.append(f'<fo:block break-before="page" text-align="end" font-size="9pt" space-after="4pt">'
                     f"{escape(item.exhibit)}</fo:block>\n")
        parts += [] if style.continued else [paragraph_fo(item.title)]  # continued: the caption in the header
        parts.append(noted_fo(marked(item.table, "list", item.title), item.table, variant, "list"))
    parts += [paragraph_fo(text, break_before=i == 0) for i, text in enumerate(doc.appendix)]
    parts.append("</fo:flow></fo:page-sequence></fo:root>\n")
    return "".join(parts)


def config_xml() -> str:
    """FOP's configuration: the two IPAex TTFs registered by file and embedded (subset) under their family names."""
    fonts = "".join(
        f'<font kerning="yes" embed-url={quoteattr(FONT_FILES[face].as_uri())} embedding-mode="subset">'
        f'<font-triplet name="{FONT_NAMES[face]}" style="normal" weight="normal"/>'
        f'<font-triplet name="{FONT_NAMES[face]}" style="normal" weight="bold"/></font>'
        for face in ("gothic", "mincho"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<fop version="1.0"><strict-configuration>true'
            "</strict-configuration><renderers><renderer mime=\"application/pdf\"><fonts>"
            f"{fonts}</fonts></renderer></renderers></fop>\n")


def fixed_stamps(pdf: bytes) -> bytes:
    """The PDF with what FOP stamps of its run made the same every run, each in as many bytes (the xref stays right).

    Given xmp:CreateDate, FOP writes it as /CreationDate and /ModDate but adds the run's time to the XMP's dc:date
    and xmp:MetadataDate, and a file /ID of its own: the XMP's dates become CREATED, the /ID the MD5 of the rest.
    """
    if len(FILE_ID.findall(pdf)) != 1:
        raise RuntimeError("expected one /ID from FOP")
    pdf = XMP_DATE.sub(CREATED.encode(), pdf)
    digest = hashlib.md5(FILE_ID.sub(b"", pdf)).hexdigest().upper().encode()
    return FILE_ID.sub(b"/ID [<" + digest + b"> <" + digest + b">]", pdf)


def command(config: Path, source: Path, pdf: Path) -> list[str]:
    """FOP's command line: this configuration, this .fo, a PDF."""
    return ["fop", "-q", "-c", str(config), "-fo", str(source), "-pdf", str(pdf)]


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report as XSL-FO and FOP's configuration to a temporary folder, and run FOP to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-fop-") as tmp:
        source, config, pdf = Path(tmp) / "report.fo", Path(tmp) / "fop.xconf", Path(tmp) / "report.pdf"
        source.write_text(document_fo(doc, variant), encoding="utf-8")
        config.write_text(config_xml(), encoding="utf-8")
        env = dict(os.environ, TZ="UTC")  # FOP's XMP dates in UTC (``...Z``), the form fixed_stamps replaces
        run = subprocess.run(command(config, source, pdf), check=False, capture_output=True, timeout=TIMEOUT, env=env)
        if run.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"fop failed on {variant.name}: {run.stderr.decode(errors='replace')[-3000:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_stamps(pdf.read_bytes()))


def _size_and_width(kind: str) -> tuple[str, str]:
    """A table's font size and width, as its drawing and its notes' both set them: a list full width in 7.5 pt, a
    summary table 80 % wide in 9 pt."""
    return ("7.5pt", "100%") if kind == "list" else ("9pt", "80%")
