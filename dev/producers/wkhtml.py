"""The report as one HTML page, printed to PDF by wkhtmltopdf 0.12.6 (Debian ``wkhtmltopdf``: QtWebKit, unpatched Qt).

A third browser engine, after Chromium's Blink and WeasyPrint (and MuPDF's
HTML engine in ``pymupdf_story``): wkhtmltopdf loads the same page
(``html.document_html``) into QtWebKit and prints it through Qt's own PDF
writer (``QPrinter``), with the page size, orientation and margins given on its
command line (A4, 14 mm top and bottom, 12 mm left and right, as the CSS
``@page`` the other HTML producers honour). What comes out is what a user of
Debian's package gets from this HTML; three things differ from Chromium's print
of it, none fixable by CSS with this build (Debian links it against Qt without
wkhtmltopdf's patches, so its options for those are missing):

* WebKit's print shrink: the page is laid out 1.30 times as wide as the paper
  and scaled down to it, so one CSS pixel prints at 0.576 pt instead of 0.75
  (0.768 of its size): the lists' 7.5 pt text at 5.76 pt, and every border,
  rounded to whole CSS pixels first, at 0.576 pt a pixel (the 0.6 pt rules one
  pixel, 0.576 pt; the heavy style's 2.25 pt frame three, 1.728 pt, and its
  0.25 pt hairlines one, 0.576 pt like every other rule; the double style's
  2.4 pt three: two one-pixel rules one pixel apart); ``--zoom`` changes nothing
  when printing;
* the list's ``<thead>`` is printed once, at the top of the list, not on the
  following pages (repeating it needs the patched Qt);
  ``thead { display: table-header-group }`` does not change that;
* a row is broken where the page ends: its lines up to there on one page, the
  rest at the top of the next, the cell's side rules running to the page's foot
  and on from its head, no rule closing it on either page (``break-inside`` and
  ``page-break-inside: avoid`` on rows or cells are ignored); a merged cell
  broken so prints its text on the first page and runs on empty. Qt paints each
  page as a window on one long page, clipped to the page's text area, so a line
  of text that straddles the foot is drawn on both pages: a sliver of it under
  the clip at the foot of one, the line at the head of the next. Its text is in
  the text layer twice (a few lines per file), once as the clipped sliver.

Solid and double borders and backgrounds are filled rectangles Qt writes itself;
the dotted style's dotted borders stroked one-pixel lines dashed 1-on-1, a filled
one-pixel square at each end of each (WebKit's corner dots); text is the
IPAex fonts (fontconfig, local files only) embedded as CID TrueType, whose
ToUnicode maps Qt derives from the font's cmap (glyphs IPAex shares with a
Kangxi radical, such as 人 and 長, read back as the radical ⼈, ⻑: a text-layer
mapping, not a drawing fault). Nothing outside the page is loaded: the HTML
holds its CSS inline and names no URL; JavaScript and local file access are
off. Qt stamps the current time as ``/CreationDate``; that one date is
overwritten with a fixed one of the same length, so the same bytes come out
every run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .footed import foot, stamp, wkhtml_feet_html
from .html import document_html
from .model import Document, Variant
from .stamps import fixed_creation_date

MARGINS = {"--margin-top": "14mm", "--margin-bottom": "14mm", "--margin-left": "12mm", "--margin-right": "12mm"}


def command(page: Path, pdf: Path, orientation: str) -> list[str]:
    """wkhtmltopdf's command line: A4 in ``orientation``, the other producers' margins, nothing loaded but ``page``."""
    margins = [part for option, value in MARGINS.items() for part in (option, value)]
    return ["wkhtmltopdf", "--quiet", "--page-size", "A4", "--orientation", orientation.capitalize(), *margins,
            "--disable-javascript", "--disable-local-file-access", "--no-images",
            "--load-error-handling", "abort", "--load-media-error-handling", "abort", str(page), str(pdf)]


def fixed_date(pdf: bytes) -> bytes:
    """The PDF with Qt's one /CreationDate fixed (``stamps.fixed_creation_date``)."""
    return fixed_creation_date(pdf, "Qt")


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the shared HTML to a temporary folder and print it with wkhtmltopdf to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-wkhtmltopdf-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(document_html(doc, variant), encoding="utf-8")
        # offscreen: no X server; a throw-away home and runtime folder; UTC, so the date is of the form replaced
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": tmp, "XDG_RUNTIME_DIR": tmp, "TZ": "UTC"}
        subprocess.run(command(page, pdf, variant.orientation), check=True, capture_output=True, timeout=300,
                       env=env)
        if variant.style.footed:  # no page footer in this wkhtmltopdf: the feet printed apart, laid under (footed.py)
            print_feet(doc, variant, pdf, Path(tmp), env)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_date(pdf.read_bytes()))


def print_feet(doc: Document, variant: Variant, pdf: Path, tmp: Path, env: dict[str, str]) -> None:
    """The footed style: a document of the feet alone, one page for each of ``pdf``'s, printed by wkhtmltopdf on
    A4 in the variant's orientation without margins, each page laid under ``pdf``'s page of its number."""
    import pikepdf

    with pikepdf.open(pdf) as body:
        total = len(body.pages)
    size = (210, 297) if variant.orientation == "portrait" else (297, 210)
    page, feet = tmp / "feet.html", tmp / "feet.pdf"
    page.write_text(wkhtml_feet_html(foot(variant, doc.front), total, *size, "IPAexGothic"), encoding="utf-8")
    margins = [part for option in MARGINS for part in (option, "0mm")]
    subprocess.run(["wkhtmltopdf", "--quiet", "--page-size", "A4", "--orientation", variant.orientation.capitalize(),
                    *margins, "--disable-javascript", "--disable-local-file-access",
                    str(page), str(feet)], check=True, capture_output=True, timeout=300, env=env)
    stamp(pdf, feet)
