"""The running style's running head (柱) and document label (資料番号): page decoration over a plain grid.

As many municipal reports print: on every page, in the top margin above the body, a running head — the document's
own title (its report number and title, as the front page prints them) set small (HEAD_SIZE) at the left, with a thin
rule (HEAD_RULE) under it across the text width, as a Word or 一太郎 header with a bottom border prints; and on the
first page only a boxed document label 「資料１」 (a small stroked rectangle with the text inside) at the top right,
above the rule, beside the head. The page number each producer prints stays; everything else is the grid style's
(full solid rules), and the ground truth is grid's: the running head and the label are not data.

Each producer draws it by its own header or page-decoration means (reportlab's onPage canvas, fpdf2's header(),
CSS @page margin boxes, Typst's page header, fancyhdr, an .odt's style:header, an .xlsx's page header, FOP's
region-before, iText's page event, …); the canvas producers place it by ``band``. ``model.Style.running`` is allowed
on a plain grid only (``check_running``). This module imports nothing of the model at import time (the model calls
it); ``head_text`` reads the front matter's paragraphs as the model gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .sidebyside import check_plain_grid_flag

HEAD_SIZE = 8.5  # the running head's size in points, under the body's 10 pt and the lists' 7-7.5 pt headings
HEAD_RULE = 0.5  # the rule under the running head, across the text width
LABEL = "資料１"  # the document label, boxed, on the first page only
LABEL_SIZE = 10.5
LABEL_RULE = 0.75  # the label's box
LABEL_PAD = 3.0  # the white between the label's text and its box, each side
GAP = 6.0  # from the rule down to the top of the body
RAISE = 3.0  # from the head's baseline down to the rule
NUMBER, TITLE = "報告第", "個人情報を取り扱う業務の審査"  # how the front page's report number and title start


def head_text(front: tuple[Any, ...]) -> str:
    """The running head: the report number and the title as the front page prints them, an ideographic space
    between (「報告第359号　個人情報を取り扱う業務の審査の状況について（令和5年4月1日時点）」); the one of them the
    front matter has when it lacks the other."""
    texts = [b for b in front if isinstance(b, str)]
    parts = [next((t for t in texts if t.startswith(NUMBER) and len(t) < 12), ""),
             next((t for t in texts if t.startswith(TITLE)), "")]
    if not any(parts):
        raise ValueError("no report number nor title in the front matter to run as the head")
    return "\u3000".join(p for p in parts if p)


def check_running(style) -> None:  # type: ignore[no-untyped-def]
    """False everywhere; True on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "running", "a running head and a label over")


@dataclass(frozen=True)
class Band:
    """Where a canvas producer draws the running head, all in points from the page's top left: the text width
    (``left`` to ``right``), the head's baseline, the rule's height, the label's box (x0, y0, x1, y1) and its
    text's baseline (the text centred in the box)."""

    left: float
    right: float
    baseline: float
    rule: float
    box: tuple[float, float, float, float]
    label_baseline: float

    @property
    def label_centre(self) -> float:
        return (self.box[0] + self.box[2]) / 2


def band(page_width: float, left: float, right: float, top: float) -> Band:
    """The running head over a body that starts ``top`` below the page's top, between margins ``left`` and
    ``right``: the rule GAP above the body, the head's baseline RAISE above the rule, the label's box at the right
    margin with its foot 2 pt above the rule (its text LABEL_PAD inside it on every side, IPAex's descent 0.12 em)."""
    rule = top - GAP
    x1 = page_width - right
    width, height = 3 * LABEL_SIZE + 2 * LABEL_PAD, LABEL_SIZE + 2 * LABEL_PAD
    box = (x1 - width, rule - 2 - height, x1, rule - 2)
    return Band(left, x1, rule - RAISE, rule, box, box[3] - LABEL_PAD - 0.12 * LABEL_SIZE)


def reportlab_running(canvas, page_height: float, where: Band, text: str, font: str) -> None:  # type: ignore[no-untyped-def]
    """reportlab's onPage: the head and its rule on every page, the label's box on the first (canvas y upward)."""
    canvas.saveState()
    canvas.setFont(font, HEAD_SIZE)
    canvas.drawString(where.left, page_height - where.baseline, text)
    canvas.setLineWidth(HEAD_RULE)
    canvas.line(where.left, page_height - where.rule, where.right, page_height - where.rule)
    if canvas.getPageNumber() == 1:
        x0, y0, x1, y1 = where.box
        canvas.setLineWidth(LABEL_RULE)
        canvas.rect(x0, page_height - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
        canvas.setFont(font, LABEL_SIZE)
        canvas.drawCentredString(where.label_centre, page_height - where.label_baseline, LABEL)
    canvas.restoreState()


def fpdf2_running_class(cls, text: str, font: str):  # type: ignore[no-untyped-def]
    """fpdf2: ``cls`` with a header() that draws the head (``cell``), its rule (``line``) and on the first page
    the label (``rect`` and a centred ``cell``) before the class's own header; ``cls`` itself when ``text`` is
    empty (every other style)."""
    if not text:
        return cls

    class Running(cls):  # type: ignore[misc,valid-type]
        def header(self) -> None:
            where = band(self.w, self.l_margin, self.r_margin, self.t_margin - 14)
            size, width = self.font_size_pt, self.line_width
            self.set_font(font, size=HEAD_SIZE)
            self.set_xy(where.left, where.baseline - HEAD_SIZE * 0.88)  # a cell's text sits its ascent under y
            self.cell(where.right - where.left, HEAD_SIZE, text, align="L")
            self.set_line_width(HEAD_RULE)
            self.line(where.left, where.rule, where.right, where.rule)
            if self.page_no() == 1:
                x0, y0, x1, y1 = where.box
                self.set_line_width(LABEL_RULE)
                self.rect(x0, y0, x1 - x0, y1 - y0)
                self.set_font(font, size=LABEL_SIZE)
                self.set_xy(x0, y0 + LABEL_PAD)
                self.cell(x1 - x0, LABEL_SIZE, LABEL, align="C")
            self.set_line_width(width)
            self.set_font(font, size=size)
            self.set_xy(self.l_margin, self.t_margin)
            super().header()

    return Running


def matplotlib_running(pages: list[Any], text: str, width: float, margin_x: float, top: float, line) -> list[Any]:  # type: ignore[no-untyped-def]
    """matplotlib_writer's pages with the head (a ``line``: its Line), its rule (a solid rule) on every page and
    the label (a frame, its text centred) on the first; drawn by the same Figure code as the tables."""
    where = band(width, margin_x, margin_x, top)
    for number, page in enumerate(pages, start=1):
        page.lines.append(line(where.left, where.baseline, text, "gothic", HEAD_SIZE))
        page.rules.append((where.left, where.rule, where.right - where.left, HEAD_RULE))
        if number == 1:
            x0, y0, x1, y1 = where.box
            page.frames.append((x0, y0, x1 - x0, y1 - y0, LABEL_RULE))
            page.lines.append(line(where.label_centre, where.label_baseline, LABEL, "gothic", LABEL_SIZE, "center"))
    return pages


def pymupdf_running(pdf, text: str, left: float, top: float, fontfile: str) -> None:  # type: ignore[no-untyped-def]
    """PyMuPDF: after the stories are laid out, on every page the head (``insert_text``) and its rule
    (``draw_line``), on the first the label (``draw_rect`` and ``insert_text``, centred by the font's advance)."""
    import pymupdf

    font = pymupdf.Font(fontfile=fontfile)
    for number, page in enumerate(pdf, start=1):
        where = band(page.rect.width, left, left, top)
        page.insert_text((where.left, where.baseline), text, fontsize=HEAD_SIZE, fontname="running",
                         fontfile=fontfile)
        page.draw_line((where.left, where.rule), (where.right, where.rule), color=(0, 0, 0), width=HEAD_RULE)
        if number == 1:
            page.draw_rect(pymupdf.Rect(where.box), color=(0, 0, 0), width=LABEL_RULE)
            x = where.label_centre - font.text_length(LABEL, fontsize=LABEL_SIZE) / 2
            page.insert_text((x, where.label_baseline), LABEL, fontsize=LABEL_SIZE, fontname="running",
                             fontfile=fontfile)


def typst_running(text: str) -> str:
    """Typst: the page's own header (``set page(header:)``), in context so that page 1 adds the label: a stack of
    a grid of the head (left, at the foot) and the label's box (``box(stroke:, inset:)``) and, 2 pt under them, a
    ``line`` across the text width; the top margin 18 mm (14 mm under grid) to hold it."""
    import json

    label = (f"box(stroke: {LABEL_RULE}pt, inset: {LABEL_PAD}pt, text(size: {LABEL_SIZE}pt, {json.dumps(LABEL, ensure_ascii=False)}))")
    return ("#set page(margin: (x: 12mm, top: 18mm, bottom: 14mm), header: context stack(spacing: 2pt,\n"
            f"  grid(columns: (1fr, auto), align: (left + bottom, right + bottom), text(size: {HEAD_SIZE}pt, "
            f"{json.dumps(text, ensure_ascii=False)}), if counter(page).get().first() == 1 {{ {label} }}),\n"
            f"  line(length: 100%, stroke: {HEAD_RULE}pt)))\n")


def css_running(text: str, font: str) -> str:
    """Chromium and WeasyPrint: CSS page margin boxes (both honour @page's @top-left and @top-right): the head in
    @top-left on every page, set on the margin's foot; the rule the page area's own top border (@page border-top),
    so it runs across the whole text width; page 1's label in @top-right of @page :first, a box of its own size
    (its margins take up the rest of the 20 mm top margin, 14 mm under grid)."""
    top = 20 * 72 / 25.4
    height = LABEL_SIZE * 1.2 + 2 * LABEL_PAD + 2 * LABEL_RULE
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (f"@page {{ margin-top: 20mm; border-top: {HEAD_RULE}pt solid black; padding-top: {GAP - 2}pt; "
            f"@top-left {{ content: \"{quoted}\"; font-family: '{font}'; font-size: {HEAD_SIZE}pt; "
            f"vertical-align: bottom; padding-bottom: {RAISE}pt; }} }}\n"
            f"@page :first {{ @top-right {{ content: \"{LABEL}\"; font-family: '{font}'; font-size: {LABEL_SIZE}pt; "
            f"line-height: 1.2; border: {LABEL_RULE}pt solid black; padding: {LABEL_PAD}pt; text-align: center; "
            f"vertical-align: middle; width: {3 * LABEL_SIZE + 2 * LABEL_PAD:g}pt; height: {height:g}pt; "
            f"margin: {top - height - 2:.1f}pt 0 2pt 0; }} }}\n"
            f"div.label {{ float: right; width: {3 * LABEL_SIZE:g}pt; font-size: {LABEL_SIZE}pt; "
            f"border: {LABEL_RULE}pt solid black; padding: {LABEL_PAD}pt; text-align: center; margin-top: -4pt; }}\n"
            f"div.head {{ font-size: {HEAD_SIZE}pt; border-bottom: {HEAD_RULE}pt solid black; "
            f"padding-bottom: {RAISE}pt; margin-bottom: {GAP}pt; }}\n")


def wkhtml_heads(text: str) -> tuple[str, str]:
    """wkhtmltopdf (QtWebKit against Debian's unpatched Qt): no margin boxes, no --header-* options (they need
    the patched Qt), and a position: fixed element prints once: so the head is a block with a bottom border at the
    top of every part that starts a page (the front page, each list, the appendix), page 1's label floated right
    beside it; a list's continuation pages have none. (head, page 1's lead) as HTML."""
    import html

    head = f'<div class="head">{html.escape(text)}</div>'
    return head, f'<div class="label">{LABEL}</div>{head}'




def latex_running(text: str) -> str:
    r"""LaTeX: fancyhdr, as a LaTeX user sets a running head: the head in \fancyhead[L] with fancyhdr's own
    \headrule (\headrulewidth HEAD_RULE) under it across the text width; a page style ``first`` (\thispagestyle on
    page 1) adding the label in \fancyhead[R] as an \fbox; the page number in \fancyfoot as plain's; geometry's
    top margin 20 mm (14 mm under grid) to hold the head. ``text`` is LaTeX already (escaped)."""
    head = f"\\fancyhead[L]{{\\fontsize{{{HEAD_SIZE}}}{{{HEAD_SIZE * 1.2:g}}}\\selectfont {text}}}"
    label = (f"\\fancyhead[R]{{\\setlength\\fboxrule{{{LABEL_RULE}pt}}\\setlength\\fboxsep{{{LABEL_PAD}pt}}"
             f"\\fontsize{{{LABEL_SIZE}}}{{{LABEL_SIZE * 1.2:g}}}\\selectfont\\fbox{{{LABEL}}}}}")
    common = f"\\fancyhf{{}}{head}\\fancyfoot[C]{{\\thepage}}\\renewcommand\\headrulewidth{{{HEAD_RULE}pt}}"
    return ("\\usepackage{fancyhdr}\n"
            "\\geometry{top=20mm,headheight=22pt,headsep=6pt}\n"
            f"\\pagestyle{{fancy}}{common}\n"
            f"\\fancypagestyle{{first}}{{{common}{label}}}\n")


def fo_running(master: str, text: str) -> tuple[str, str]:
    """XSL-FO (Apache FOP): the layout masters and the static contents of the running style, from the grid's
    simple-page-master ``master`` (named A4, its top margin 14 mm). Two masters, the first page's and the others',
    chosen by a page-sequence-master named A4 (page-position first and rest); both 8 mm top margin, a region-before
    11 mm high with its content at its foot, and the body 12 mm down (20 mm in all). Every page's region-before
    holds the head, a block with a border-after (the rule, across the region's width, the text width); the first
    page's (region-name first-before) the label over it, an inline bordered on its four sides at the right.
    ``text`` is XML already (escaped). (masters, static contents)."""
    before = '<fo:region-before extent="11mm" display-align="after"{}/>'
    def one(name: str, region: str) -> str:
        return (master.replace('master-name="A4"', f'master-name="{name}"').replace('margin-top="14mm"',
                                                                                'margin-top="8mm"')
                .replace('<fo:region-body margin-bottom="8mm"/>',
                         '<fo:region-body margin-top="12mm" margin-bottom="8mm"/>' + before.format(region)))
    masters = (one("A4-first", ' region-name="first-before"') + one("A4-rest", "")
               + '<fo:page-sequence-master master-name="A4"><fo:repeatable-page-master-alternatives>'
               '<fo:conditional-page-master-reference master-reference="A4-first" page-position="first"/>'
               '<fo:conditional-page-master-reference master-reference="A4-rest" page-position="rest"/>'
               "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>")
    head = (f'<fo:block font-size="{HEAD_SIZE}pt" border-after-style="solid" border-after-width="{HEAD_RULE}pt" '
            f'border-after-color="black" padding-after="{RAISE}pt">{text}</fo:block>')
    label = (f'<fo:block text-align="end" space-after="2pt"><fo:inline font-size="{LABEL_SIZE}pt" '
             f'border="{LABEL_RULE}pt solid black" padding="{LABEL_PAD}pt">{LABEL}</fo:inline></fo:block>')
    statics = (f'<fo:static-content flow-name="first-before">{label}{head}</fo:static-content>'
               f'<fo:static-content flow-name="xsl-region-before">{head}</fo:static-content>')
    return masters, statics


def itext_record(font: str, page: tuple[float, float], left: float, right: float, top: float, text: str) -> list[Any]:
    """iText: the fields of Report.java's ``running`` record, in points from the page's foot (PDF's y upward):
    font, the head's and the label's sizes, the rule's and the box's widths, the text width's two ends, the head's
    baseline, the rule's height, the box (x0 y0 x1 y1), the label's baseline, the head, the label. Report.java's
    page event (Running, onEndPage) draws them on every page, the box and label on page 1 only."""
    where = band(page[0], left, right, top)
    x0, y0, x1, y1 = where.box
    return [font, HEAD_SIZE, LABEL_SIZE, HEAD_RULE, LABEL_RULE, where.left, where.right, page[1] - where.baseline,
            page[1] - where.rule, x0, page[1] - y1, x1, page[1] - y0, page[1] - where.label_baseline, text, LABEL]


def canvas_spec(font: str, page_width: float, left: float, right: float, top: float, text: str) -> dict[str, Any]:
    """Scribus and PDFKit: what their scripts (scribus/report.py, pdfkit/report.js) draw on each page, in points
    from the page's top left as both place things: the head's text, font, size and baseline from ``left``, the
    rule's ends, height and width, page 1's box (x0 y0 x1 y1), its width and the label centred on its baseline."""
    where = band(page_width, left, right, top)
    return {"font": font, "text": text, "size": HEAD_SIZE, "left": where.left, "right": where.right,
            "baseline": where.baseline, "rule": where.rule, "rule_width": HEAD_RULE, "box": list(where.box),
            "box_width": LABEL_RULE, "label": LABEL, "label_size": LABEL_SIZE, "label_baseline": where.label_baseline}
