"""The footed style's running foot: the office's name and a page number at the foot of every page, over a plain grid.

As many municipal reports print: on every page, in the bottom margin under the body, one line set small
(FOOT_SIZE): the issuing office's name (the front page's 「総務部区政情報課」) at the left margin, the page number
centred in one of the office forms (FORMS: 「－ 3 －」, 「3 / 12」 with the file's page count, 「3頁」), and on some
files a print-date line (PRINTED, 「令和６年１２月　印刷」) at the right margin. The form and whether the date is
printed are drawn once per file by ``foot`` (``random.Random(f"2058 {variant.name}")``); the number is the page's
own in the PDF. The foot replaces the producer's own 「- n -」; everything else is the grid style's (full solid
rules), and the ground truth is grid's: the foot is not data.

Each producer draws it by its own page-footer means (reportlab's onPage canvas, fpdf2's footer(), an .odt's
style:footer with its page-number and page-count fields, an .xlsx's page footer &L/&C/&R with &P and &N, CSS @page
margin boxes with counter(page) and counter(pages), Typst's page footer, fancyhdr with lastpage, FOP's
region-after with fo:page-number-citation-last, iText's page event with a PdfTemplate for the count, …).
``model.Style.footed`` is allowed on a plain grid only (``check_footed``). This module imports nothing of the model
(the model's checks call it); ``office_text`` reads the front matter's paragraphs as the model gives them.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass
from typing import Any

from .sidebyside import check_plain_grid_flag

SEED = 2058
FOOT_SIZE = 8.0  # the foot's size in points: the producers' own page numbers' size
FORMS = ("dash", "slash", "page")  # 「－ 3 －」 | 「3 / 12」 | 「3頁」
PRINTED = "令和６年１２月　印刷"  # the print-date line some files carry at the right of the foot
WKHTML_SCALE = 0.7685  # wkhtmltopdf prints a CSS length at this share of its size (measured; wkhtml_feet_html)
OFFICE_ENDS = ("課", "室", "部", "局", "係", "センター", "事務所")


def check_footed(style) -> None:  # type: ignore[no-untyped-def]
    """False everywhere; True on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "footed", "an office name and a page number at every page's foot under")


def office_text(front: tuple[Any, ...]) -> str:
    """The issuing office as the front page prints it at the right margin (「総務部区政情報課」): the front matter's
    first short paragraph that ends as an office's name does."""
    for block in front:
        if isinstance(block, str) and len(block) < 25 and block.endswith(OFFICE_ENDS) \
                and not block.startswith(("報告第", "令和")):
            return block
    raise ValueError("no office's name in the front matter to print at the foot")


@dataclass(frozen=True)
class Foot:
    """One file's foot: the office at the left, the number centred in ``form``, ``printed`` ("" for none) right."""

    office: str
    form: str
    printed: str

    def number(self, page: object, total: object = "") -> str:
        """The page number in the file's form, ``page`` and ``total`` as given (numbers, or a tool's own fields)."""
        return {"dash": f"－ {page} －", "slash": f"{page} / {total}", "page": f"{page}頁"}[self.form]

    @property
    def counts(self) -> bool:
        """Whether the number needs the file's page count (「3 / 12」)."""
        return self.form == "slash"

    def pieces(self, page: int, total: int) -> tuple[str, str, str]:
        """(left, centre, right) of page ``page`` of ``total``."""
        return self.office, self.number(page, total), self.printed

    def spec(self) -> dict[str, str]:
        """What the Scribus and PDFKit scripts read: the three parts, the number with {n} and {N} to fill."""
        return {"left": self.office, "number": self.number("{n}", "{N}"), "right": self.printed}


def foot(variant, front: tuple[Any, ...]) -> Foot:  # type: ignore[no-untyped-def]
    """The foot of ``variant``'s file: its form and whether the date is printed drawn by its name."""
    rng = random.Random(f"{SEED} {variant.name}")
    form = rng.choice(FORMS)
    return Foot(office_text(front), form, PRINTED if rng.random() < 0.5 else "")


def matplotlib_footed(pages: list[Any], foot_: Foot, size: tuple[float, float], margin: float, y: float,
                      line) -> list[Any]:  # type: ignore[no-untyped-def]
    """matplotlib_writer's pages with each page's foot added to its lines (``line``: its Line), baseline ``y``
    above the page's foot, drawn by the same Figure code as the tables' text."""
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        a, b, c = foot_.pieces(number, total)
        page.lines += [line(margin, size[1] - y, a, "gothic", FOOT_SIZE, "left"),
                       line(size[0] / 2, size[1] - y, b, "gothic", FOOT_SIZE, "center")]
        page.lines += [line(size[0] - margin, size[1] - y, c, "gothic", FOOT_SIZE, "right")] if c else []
    return pages


def reportlab_canvas(foot_: Foot, font: str, width: float, margin: float, y: float):  # type: ignore[no-untyped-def]
    """reportlab's Canvas keeping each page's state until save(), then drawing each foot with the page count known
    (the NumberedCanvas recipe of reportlab's users); baseline ``y`` above the page's foot."""
    from reportlab.pdfgen.canvas import Canvas

    class Footed(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                page = self.getPageNumber()
                self.setFont(font, FOOT_SIZE)
                a, b, c = foot_.pieces(page, total)
                self.drawString(margin, y, a)
                self.drawCentredString(width / 2, y, b)
                if c:
                    self.drawRightString(width - margin, y, c)
                super().showPage()
            super().save()

    return Footed


def fpdf2_footed_class(cls, foot_: Foot | None, font: str):  # type: ignore[no-untyped-def]
    """fpdf2: ``cls`` with a footer() that draws the foot (three ``cell``s on one line; the count by fpdf2's own
    alias {nb}) where the class's footer drew 「- n -」; ``cls`` itself when ``foot_`` is None."""
    if foot_ is None:
        return cls

    class Footed(cls):  # type: ignore[misc,valid-type]
        def footer(self) -> None:
            self.rounded_frame()
            size = self.font_size_pt
            self.set_font(font, size=FOOT_SIZE)
            y = self.h - self.b_margin + 12
            for text, align in ((foot_.office, "L"), (foot_.number(self.page_no(), "{nb}"), "C"),
                                (foot_.printed, "R")):
                self.set_xy(self.l_margin, y)
                self.cell(self.epw, 10, text, align=align)
            self.set_font(font, size=size)

    return Footed


def typst_footed(foot_: Foot) -> str:
    """Typst: the page's own footer (``set page(footer: context …)``), a grid of three columns: the office, the
    number (counter(page).get() and .final()), the date."""
    number = foot_.number('" + str(counter(page).get().first()) + "', '" + str(counter(page).final().first()) + "')
    return (f'#set page(numbering: none, footer: context text(size: {FOOT_SIZE}pt, grid(columns: (1fr, auto, 1fr), '
            f'align: (left, center, right), {json.dumps(foot_.office, ensure_ascii=False)}, '
            f'"{number}", {json.dumps(foot_.printed, ensure_ascii=False)})))\n')


def css_footed(foot_: Foot, font: str) -> str:
    """Chromium and WeasyPrint: CSS page margin boxes (both honour @page's @bottom-left, -center and -right): the
    office, the number (counter(page), counter(pages)), the date, on every page."""
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    number = " ".join(p for p in foot_.number('" counter(page) "', '" counter(pages) "').split(" ") if p)
    number = '"' + number + '"'
    box = f"font-family: '{font}'; font-size: {FOOT_SIZE}pt; vertical-align: middle;"
    out = (f"@page {{ @bottom-left {{ content: {quoted(foot_.office)}; {box} }} "
           f"@bottom-center {{ content: {number}; {box} }}")
    out += f" @bottom-right {{ content: {quoted(foot_.printed)}; {box} }} }}\n" if foot_.printed else " }\n"
    return out.replace('"" ', "").replace(' ""', "")


def wkhtml_feet_html(foot_: Foot, total: int, width_mm: float, height_mm: float, font: str) -> str:
    """wkhtmltopdf (Debian's unpatched Qt: no --footer-* options, no margin boxes, a position: fixed element printed
    once): a second document of ``total`` pages of the body's size, each the foot alone near the page's bottom (its
    foot 8 mm up, the office at the 12 mm margin), which wkhtmltopdf prints and ``stamp`` lays under the
    body's pages. Lengths are divided by WKHTML_SCALE, the share of its size at which this wkhtmltopdf prints a CSS
    length (measured: 100 mm of CSS print as 217.8 pt; a shrinking that the unpatched Qt cannot turn off)."""
    def mm(value: float) -> str:
        return f"{value / WKHTML_SCALE:.2f}mm"

    pages = []
    for page in range(1, total + 1):
        a, b, c = (html.escape(t) for t in foot_.pieces(page, total))
        pages.append(f'<div class="sheet"><div class="foot"><span class="l">{a}</span><span class="c">{b}</span>'
                     f'<span class="r">{c}</span></div></div>')
    return ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><style>'
            f"body {{ margin: 0; }} div.sheet {{ position: relative; height: {mm(height_mm - 3)}; "
            f"page-break-after: always; page-break-inside: avoid; }} "
            f"div.foot {{ position: absolute; left: {mm(12)}; right: {mm(12)}; bottom: {mm(5)}; "
            f"font-family: '{font}'; font-size: {FOOT_SIZE / WKHTML_SCALE:.2f}pt; line-height: 1.2; }} "
            "span.l { position: absolute; left: 0; bottom: 0; } span.r { position: absolute; right: 0; bottom: 0; } "
            "span.c { position: absolute; left: 0; right: 0; bottom: 0; text-align: center; }"
            "</style></head><body>" + "".join(pages) + "</body></html>")


def stamp(body_pdf, feet_pdf) -> None:  # type: ignore[no-untyped-def]
    """Lay each page of ``feet_pdf`` (wkhtmltopdf's print of the feet) under the same page of ``body_pdf``."""
    import pikepdf

    with pikepdf.open(body_pdf, allow_overwriting_input=True) as pdf, pikepdf.open(feet_pdf) as feet:
        if len(feet.pages) < len(pdf.pages):
            raise RuntimeError(f"{len(feet.pages)} feet for {len(pdf.pages)} pages")
        for page, foot_page in zip(pdf.pages, feet.pages, strict=False):
            page.add_underlay(foot_page)
        pdf.save(body_pdf)


def latex_footed(foot_: Foot, escape) -> str:  # type: ignore[no-untyped-def]
    r"""LaTeX: fancyhdr's page foot, as a LaTeX user sets one: the office in \fancyfoot[L], the number in
    \fancyfoot[C] (\thepage made plain arabic, \pageref{LastPage} of the lastpage package for the count), the date in \fancyfoot[R]; no head
    rule; the plain page style (the first page's) made the same."""
    size = f"\\fontsize{{{FOOT_SIZE:g}}}{{{FOOT_SIZE * 1.2:g}}}\\selectfont "
    number = foot_.number("{\\thepage}", "{\\pageref{LastPage}}")  # braced: 頁 is a letter to LuaTeX-ja
    feet = (f"\\fancyhf{{}}\\fancyfoot[L]{{{size}{escape(foot_.office)}}}\\fancyfoot[C]{{{size}{number}}}"
            f"\\fancyfoot[R]{{{size}{escape(foot_.printed)}}}\\renewcommand\\headrulewidth{{0pt}}")
    return ("\\usepackage{fancyhdr,lastpage}\\renewcommand\\thepage{\\arabic{page}}\n"
            f"\\pagestyle{{fancy}}{feet}\n\\fancypagestyle{{plain}}{{{feet}}}\n")


def fo_footed(foot_: Foot, escape) -> str:  # type: ignore[no-untyped-def]
    """XSL-FO (Apache FOP): the region-after's static content, a three-column table without borders: the office,
    the number (fo:page-number, and fo:page-number-citation-last of the page sequence for the count), the date."""
    number = escape(foot_.number("\x00", "\x01")).replace("\x00", "<fo:page-number/>").replace(
        "\x01", '<fo:page-number-citation-last ref-id="report"/>')
    cells = "".join(f'<fo:table-cell><fo:block text-align="{a}">{t}</fo:block></fo:table-cell>'
                    for t, a in ((escape(foot_.office), "start"), (number, "center"), (escape(foot_.printed), "end")))
    return ('<fo:static-content flow-name="xsl-region-after">'
            f'<fo:table table-layout="fixed" width="100%" font-size="{FOOT_SIZE:g}pt">'
            '<fo:table-column column-width="proportional-column-width(1)" number-columns-repeated="3"/>'
            f"<fo:table-body><fo:table-row>{cells}</fo:table-row></fo:table-body></fo:table></fo:static-content>")


def itext_fields(foot_: Foot, font: str, y: float, left: float, right: float) -> tuple[object, ...]:
    """Report.java's footed record: FONT SIZE Y LEFT RIGHT OFFICE BEFORE AFTER COUNT PRINTED — the number is BEFORE,
    the page, AFTER, and (COUNT 1) the page count, written into a PdfTemplate when the document closes."""
    before, after = foot_.number("\x00", "\x01").split("\x00")
    after = after.split("\x01")[0]
    return (font, FOOT_SIZE, y, left, right, foot_.office, before, after, int(foot_.counts), foot_.printed)


def pymupdf_footed(pdf, foot_: Foot, margin: float, y: float, fontfile: str) -> None:  # type: ignore[no-untyped-def]
    """PyMuPDF: after the stories are laid out, each page's foot by ``insert_text`` (placed by the font's advance),
    ``y`` the baseline above the page's foot."""
    import pymupdf

    font = pymupdf.Font(fontfile=fontfile)
    total = pdf.page_count
    for number, page in enumerate(pdf, start=1):
        width, base = page.rect.width, page.rect.height - y
        a, b, c = foot_.pieces(number, total)
        for x, text, align in ((margin, a, 0.0), (width / 2, b, 0.5), (width - margin, c, 1.0)):
            x -= font.text_length(text, fontsize=FOOT_SIZE) * align  # left, centred, right at x
            if text:
                page.insert_text((x, base), text, fontsize=FOOT_SIZE, fontname="footed", fontfile=fontfile)
