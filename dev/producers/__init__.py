"""Builders of the producers corpus (issue 11): one module per way of making a PDF.

``model`` reads the report and the style matrix (``checks`` the styles' field checks, ``notes`` holds the notes style's caption and 注記 texts,
``distributed`` the distributed style's limits, spread cells and per-character offsets, ``sidebyside`` the
sidebyside style's pairs of summary tables, its limits and fpdf2's and matplotlib's placing of a pair, ``titled``
the titled style's title rows and its limits, ``running`` the running style's head and label, its limits and the
canvas producers' places and drawing of it, ``continued`` the continued style's 「（続き）」 and 「次頁へ続く」: each
producer's own means where it has one, the runs of a list's rows a page for the others, ``paged`` here; ``rotated``
the rotated style's list pages stored sideways under /Rotate once the producer has written them, here too;
``footed`` the footed style's running foot, the office and the page number in each producer's own page footer;
``stacked_rows`` the stacked style's lists, two table rows a case, here too; ``reordered_columns`` the reordered
style's lists, in an office's column order and headings with a 備考 column, here too; ``sectioned_rows`` the
sectioned style's lists, grouped by department under section rows across the table, here too);
``pdflibs`` draws with reportlab
platypus and fpdf2; ``office`` writes .odt/.xlsx for LibreOffice Writer/Calc
(``office_head`` writes the grouped style's two header rows in both, and the vertical style's .odt header row height;
``office_notes`` the notes style's caption and notes around a table in both, ``office_pairs`` the sidebyside
style's pairs in both, ``office_running`` the running style's page headers in both, ``office_footed`` every style's page feet in both);
``html`` prints HTML with headless Chromium and ``weasy`` the same HTML
with WeasyPrint; ``typst_writer`` writes Typst markup that Typst compiles;
``matplotlib_writer`` lays the report out itself and draws it with matplotlib
(``matplotlib_head`` lays out the grouped style's two header rows and the runs of rows kept on a page);
``pymupdf_story`` lays the shared HTML's tables out with PyMuPDF's Story (MuPDF);
``gnumeric_writer`` prints Calc's .xlsx with Gnumeric (``ssconvert``);
``wkhtml`` prints the shared HTML with wkhtmltopdf (QtWebKit);
``abiword_writer`` prints Writer's .odt with AbiWord;
``calligra_writer`` prints Writer's .odt with Calligra Words;
``fop_writer`` writes XSL-FO that Apache FOP lays out and prints;
``itext_writer`` describes the report to a small Java program that iText 5 lays out and writes;
``scribus_writer`` describes the report to a script that Scribus (desktop publishing) lays out and exports;
``pdfkit_writer`` describes the report to a Node.js script that PDFKit (npm ``pdfkit``) lays out and writes;
``latex_writer`` writes LuaLaTeX (tables by ``latex_tables``) that LuaTeX typesets.
``dev/build_producers.py`` runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .continued import paged
from .model import Document, Variant
from .reordered_columns import reorder
from .rotated import rotate_pages
from .sectioned_rows import section
from .stacked_rows import stack


def renderer(producer: str) -> Callable[[Document, Variant, Path], None]:
    """The function that draws a document for one producer."""
    from . import abiword_writer as abiword
    from . import calligra_writer as calligra
    from . import fop_writer as fop
    from . import gnumeric_writer as gnumeric
    from . import html, matplotlib_writer, office, pdflibs, pymupdf_story, typst_writer, weasy, wkhtml
    from . import itext_writer as itext
    from . import latex_writer as latex
    from . import pdfkit_writer as pdfkit
    from . import scribus_writer as scribus

    table: dict[str, Callable[[Document, Variant, Path], None]] = {
        "reportlab": pdflibs.render_platypus,
        "fpdf2": pdflibs.render_fpdf2,
        "writer": office.render,
        "calc": office.render,
        "chromium": html.render,
        "weasyprint": weasy.render,
        "typst": typst_writer.render,
        "matplotlib": matplotlib_writer.render,
        "pymupdf": pymupdf_story.render,
        "gnumeric": gnumeric.render,
        "wkhtmltopdf": wkhtml.render,
        "abiword": abiword.render,
        "latex": latex.render,
        "calligra": calligra.render,
        "fop": fop.render,
        "itext": itext.render,
        "scribus": scribus.render,
        "pdfkit": pdfkit.render,
    }
    if producer not in table:
        raise ValueError(f"unknown producer {producer!r} (known: {', '.join(table)})")
    draw = table[producer]

    def render(doc: Document, variant: Variant, out: Path) -> None:
        # the continued style: each list split into the runs of rows a page of this producer holds (continued.paged),
        # unless the producer marks its own page breaks; the document as it is under every other style
        # the stacked style: each list two rows a case (stacked_rows.stack); the reordered style: each list in an
        # office's column order and headings, with a 備考 column (reordered_columns.reorder); the sectioned style:
        # each list grouped by department under section rows across, without 担当部課 (sectioned_rows.section)
        draw(stack(reorder(section(paged(doc, variant), variant), variant), variant), variant, out)
        if variant.style.rotated:  # the rotated style: the written PDF's list pages stored sideways (rotated.py)
            rotate_pages(out, variant, doc)

    return render
