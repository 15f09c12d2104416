"""The report as an Excel workbook printed by Gnumeric (``ssconvert``, Debian package ``gnumeric``).

A spreadsheet engine other than LibreOffice Calc prints the same .xlsx that
``office.xlsx_document`` writes for Calc (openpyxl): Gnumeric imports it with its
own xlsx reader, lays the sheets out with its own fonts and metrics (Pango),
scales each sheet to the page width, breaks the pages, and draws through cairo's
PDF surface: every styled cell's background painted as a filled rectangle (white
where the workbook sets none), then every border as a stroked line of
Gnumeric's own pattern: thin 1 pt, dotted dashed 2-on-2, double as two 1 pt
lines 2 pt apart, thick 3 pt, hair 1 pt in 1-on-1 dashes (Gnumeric has no line
finer than thin, so the heavy style's hairlines print as fine dots under its
solid thick frame); merged cells drawn as one box with the text at its top. What comes out is what a Gnumeric user prints from an
Excel file; only four things are set on the way, as its user would set them
where Gnumeric 1.12 does not take them from the xlsx or prints them badly:

* print titles: Gnumeric keeps the workbook's ``_xlnm.Print_Titles`` as a
  sheet name but does not repeat the rows on printing; they are copied into
  its own ``repeat_top`` so each list page starts under the title and header;
* the rules' colour: openpyxl writes black as ARGB ``00000000`` (alpha 0),
  which Excel and LibreOffice read as black and Gnumeric as transparent (no
  rule at all); made opaque, as Excel's own files have it (``FF000000``);
* no column narrower than MIN_WIDTH: Gnumeric's text needs more room than
  Calc's, and in the three-character columns Calc's workbook gives the lists'
  No. and flag columns on a portrait page it breaks a case number 「10」 as
  「1-」 over 「0」 (Pango's hyphen); widened as a user widens a column that
  prints so;
* row heights: every row at least as tall as the lines of its wrapped text
  (one line per column width of ems, as office.py estimates Calc's, at 1.5
  font sizes a line). The workbook leaves the appendix's rows to the
  application, which Calc fits to their text on loading and ``ssconvert``
  prints one line high, the text cut off; and the heights office.py gives the
  other rows for Calc's metrics leave the last line of some Gnumeric cells
  half cut off. Fitted as a user fits the rows that print so; a tight table's
  rows (style tight) to their lines alone, Pango's 1.1 em each (``TIGHT_LINE``).
  Gnumeric's own space between a cell's text and its side rules (1.75 pt at a
  list's print scale) is not the file's to set: its columns' ``MarginA`` and
  ``MarginB`` print the same at 0.

So the workbook goes xlsx -> Gnumeric's own file (its xlsx import, by
``ssconvert``) -> those four settings -> PDF (``ssconvert``). Gnumeric prints
every sheet: front page, the three lists, the appendix. cairo 1.16 stamps the
current time as /CreationDate (it ignores SOURCE_DATE_EPOCH); that one date is
overwritten with a fixed one of the same length, so the same bytes come out
every run.
"""

from __future__ import annotations

import gzip
import math
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .model import Document, Variant
from .office import fontconfig_file, xlsx_document
from .stamps import fixed_creation_date

GNM = "http://www.gnumeric.org/v10.dtd"
LINE = 1.5  # a wrapped line's height in font sizes, with room to spare (office.py allows Calc's lines 1.3)
# the tight style's table rows: Pango's line pitch of IPAex in font sizes, and the points added once (Gnumeric sets
# the first line about 0.2 pt under the rule; without it a row's last descenders reach into the rule below)
TIGHT_LINE, TIGHT_EXTRA = 1.1, 0.8
TEXT_SIZE = 10.0  # the sheets' paragraphs (office.py): a tight table's cells are smaller (8 and 9 pt)
MIN_WIDTH = 20.0  # points: the narrowest column Gnumeric prints a two-digit number whole in (15 pt is not)
TITLE_ROWS = re.compile(r"\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)$")  # Gnumeric's form of 1:2, e.g. Sheet!$A$1:$XFD$2


def ssconvert(source: Path, target: Path, home: Path) -> None:
    """Convert ``source`` to ``target`` (type by suffix) with Gnumeric, in UTC, a throw-away home and Japanese
    fonts only (``fontconfig_file``)."""
    env = {**os.environ, "HOME": str(home), "TZ": "UTC", "GSETTINGS_BACKEND": "memory", "LC_ALL": "C.UTF-8",
           "FONTCONFIG_FILE": str(fontconfig_file(home))}
    subprocess.run(["ssconvert", str(source), str(target)], check=True, capture_output=True, timeout=600, env=env)
    if not target.exists():
        raise RuntimeError(f"ssconvert wrote nothing for {source}")


def repeat_top(names: dict[str, str]) -> str | None:
    """The rows a sheet's Print_Titles name repeats, as Gnumeric's page setup writes them (``$1:$2``)."""
    value = names.get("Print_Titles")
    match = TITLE_ROWS.search(value) if value else None
    return f"${match.group(1)}:${match.group(2)}" if match else None


def opaque(colour: str) -> str:
    """A Gnumeric colour ``R:G:B:A`` whose alpha is 0 as ``R:G:B`` (opaque); any other colour unchanged."""
    parts = colour.split(":")
    return ":".join(parts[:3]) if len(parts) == 4 and int(parts[3], 16) == 0 else colour


def ems(text: str) -> float:
    """The width of ``text`` in font sizes: a CJK character one em, a Latin one about half."""
    return sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in text)


def sizes(parent: ET.Element, tag: str, default: float) -> dict[int, float]:
    """Column or row (``ColInfo``/``RowInfo``) number -> size in points, for those listed."""
    out = {}
    for info in parent.iter(f"{{{GNM}}}{tag}"):
        first = int(info.get("No", "0"))
        for n in range(first, first + int(info.get("Count", "1"))):
            out[n] = float(info.get("Unit", default))
    return out


def cell_index(ref: str) -> tuple[int, int]:
    """(row, col) from 0 of an A1 reference such as ``AB12``."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if not match:
        raise ValueError(f"not an A1 reference: {ref!r}")
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)) - 1, col - 1


def merges(sheet: ET.Element) -> dict[tuple[int, int], tuple[int, int]]:
    """The top-left cell (row, col) of each merged region -> (rows, columns) it spans."""
    out = {}
    for merge in sheet.iter(f"{{{GNM}}}Merge"):
        (r0, c0), (r1, c1) = (cell_index(ref) for ref in (merge.text or "").split(":"))
        out[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    return out


def wrapped_font_sizes(sheet: ET.Element) -> list[tuple[int, int, int, int, float]]:
    """(first row, last row, first col, last col, font size) of each style region whose text wraps."""
    out = []
    for region in sheet.iter(f"{{{GNM}}}StyleRegion"):
        style = region.find(f"{{{GNM}}}Style")
        font = style.find(f"{{{GNM}}}Font") if style is not None else None
        if style is not None and font is not None and style.get("WrapText") == "1":
            r0, r1, c0, c1 = (int(region.get(key, "0")) for key in ("startRow", "endRow", "startCol", "endCol"))
            out.append((r0, r1, c0, c1, float(font.get("Unit", "10"))))
    return out


def fit_rows(sheet: ET.Element, tight: bool = False) -> None:
    """Make each row at least as tall as the lines of its wrapped text (see the module doc); a tight table's rows
    (``tight``) exactly as tall as their lines, TIGHT_LINE font sizes each and nothing added."""
    q = f"{{{GNM}}}"
    cols, rows = sheet.find(f"{q}Cols"), sheet.find(f"{q}Rows")
    if cols is None or rows is None:
        return
    default_width = float(cols.get("DefaultSizePts", "48"))
    widths = sizes(cols, "ColInfo", default_width)
    heights = sizes(rows, "RowInfo", float(rows.get("DefaultSizePts", "12.75")))
    spans, wraps = merges(sheet), wrapped_font_sizes(sheet)
    fitted: dict[int, float] = {}
    for cell in sheet.iter(f"{q}Cell"):
        row, col = int(cell.get("Row", "0")), int(cell.get("Col", "0"))
        span_rows, span_cols = spans.get((row, col), (1, 1))
        size = next((s for r0, r1, c0, c1, s in wraps if r0 <= row <= r1 and c0 <= col <= c1), None)
        if not cell.text or size is None or span_rows > 1:
            continue  # text that does not wrap runs on in one line; a merged block's text spreads over its rows
        width = sum(widths.get(c, default_width) for c in range(col, col + span_cols))
        in_table = tight and size < TEXT_SIZE  # a tight table's cell, not a paragraph's
        lines = math.ceil(ems(cell.text) / max(1.0, (width - (1 if in_table else 6)) / size))
        if in_table:  # the row's own lines alone, whatever height the workbook gave it
            fitted[row] = max(fitted.get(row, 0.0), lines * size * TIGHT_LINE + TIGHT_EXTRA)
        else:
            heights[row] = max(heights.get(row, 0.0), lines * size * LINE + 3)
    heights |= fitted
    rows[:] = [ET.Element(f"{q}RowInfo", No=str(row), Unit=f"{height:g}", HardSize="1")
               for row, height in sorted(heights.items())]


def print_ready(workbook: ET.Element, tight: bool = False) -> None:
    """Set, in Gnumeric's own workbook, the print titles and rule colour its xlsx import leaves out, widen the
    columns too narrow for its text and fit the rows to their text (the module doc says why), a tight table's
    (``tight``) to its lines alone."""
    q = f"{{{GNM}}}"
    for sheet in workbook.iter(f"{q}Sheet"):
        names = {n.findtext(f"{q}name", ""): n.findtext(f"{q}value", "") for n in sheet.iter(f"{q}Name")
                 if n.find(f"{q}value") is not None}
        rows = repeat_top(names)
        info = sheet.find(f"{q}PrintInformation")
        if rows and info is not None and info.find(f"{q}repeat_top") is None:
            after = [child.tag for child in info].index(f"{q}print_range") + 1
            info.insert(after, ET.Element(f"{q}repeat_top", value=rows))
        for column in sheet.iter(f"{q}ColInfo"):
            if float(column.get("Unit", MIN_WIDTH)) < MIN_WIDTH:
                column.set("Unit", f"{MIN_WIDTH:g}")
        fit_rows(sheet, tight)  # in the columns as printed
        for border in sheet.iter(f"{q}StyleBorder"):
            for side in border:
                if "Color" in side.attrib:
                    side.set("Color", opaque(side.get("Color", "")))


def fixed_date(pdf: bytes) -> bytes:
    """The PDF with cairo's one /CreationDate fixed (``stamps.fixed_creation_date``)."""
    return fixed_creation_date(pdf, "cairo")


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report as Calc's .xlsx, let Gnumeric import it, set its page setup, print it to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-gnumeric-") as tmp:
        work = Path(tmp)
        xlsx, imported, ready, pdf = (work / f"{out.stem}{ext}"
                                      for ext in (".xlsx", ".gnumeric", ".ready.gnumeric", ".pdf"))
        xlsx_document(doc, variant, xlsx)
        ssconvert(xlsx, imported, work)
        ET.register_namespace("gnm", GNM)
        with gzip.open(imported) as raw:
            tree = ET.parse(raw)
        print_ready(tree.getroot(), variant.style.padding == "none")
        tree.write(ready, encoding="UTF-8", xml_declaration=True)
        ssconvert(ready, pdf, work)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_date(pdf.read_bytes()))
