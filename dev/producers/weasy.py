"""The report as one HTML page, laid out and printed by WeasyPrint (pip ``weasyprint``).

The same HTML and CSS as Chromium's (``html.document_html``), through a
different engine: WeasyPrint paginates, repeats ``<thead>`` and breaks lines
by its own rules, shapes text with Pango/HarfBuzz, and writes the PDF itself
(pydyf: its own font subsets, ToUnicode maps and border paths). A second HTML
engine, so that what the extractor learns from Chromium's PDFs is not taken for
what any HTML print looks like. Needs WeasyPrint 70 (pango >= 1.44; Debian 12
has 1.50) and the IPAex fonts installed for fontconfig.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .html import document_html
from .model import Document, Variant


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Lay out the shared HTML with WeasyPrint and write the PDF to ``out``."""
    import weasyprint

    # Chromium-only properties (-webkit-print-color-adjust) are warned about once per rule; not an error.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    weasyprint.HTML(string=document_html(doc, variant)).write_pdf(out)
