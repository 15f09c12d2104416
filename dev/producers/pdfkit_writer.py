"""The report laid out and written to PDF by PDFKit (npm ``pdfkit``), the JavaScript PDF generator web apps print with.

Many web applications print their 帳票 from Node.js with PDFKit: its own text layout (line breaking by the
``linebreak`` package, UAX #14), its own font subsetting (fontkit) and its own PDF writer. This module writes a JSON
description of the report from the model (``description``: the Scribus writer's paragraphs and tables, each cell's
sides and fill from the iText writer's ``cell_sides`` and ``fill``, i.e. the model's rule helpers; the grouped style's
two header rows added here) and runs ``pdfkit/report.js`` beside it with node (``node report.js desc.json out.pdf``),
which lays it out on A4 pages in the variant's orientation: paragraphs by ``doc.text`` (PDFKit's own flow over pages),
each page's part of a table by PDFKit's own ``doc.table()`` (its cells' text, fills and solid borders, rowSpan /
colSpan), the header rows first on every page, a row and a run of merged rows kept whole; what ``doc.table()`` cannot
draw (dotted inner rules, the double frame, separate boxes, rounded corners) drawn around it with PDFKit's vector
calls, as a PDFKit user does. PDFKit is installed from the pinned ``pdfkit/package.json`` (``make producers``:
``npm ci`` into ``pdfkit/node_modules``, gitignored). The dates are given to PDFKit (``info.CreationDate``), from which
it derives the file /ID; its subset names come from its font ids: the same bytes every run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import scribus_writer
from .model import FONT_FILES, Document, Table, Variant

HERE = Path(__file__).resolve().parent / "pdfkit"
SCRIPT = HERE / "report.js"
MODULES = HERE / "node_modules"
TIMEOUT = 600  # seconds for one run
CREATED = "2023-08-18T09:00:00Z"  # the creation and modification date given to PDFKit (and so its file /ID)


def table_block(table: Table, variant: Variant, kind: str) -> dict[str, object]:
    """The Scribus writer's table block (weights, padding, leading, frame, rows of cells with their sides, groups of
    rows kept on one page), every cell given its column span, and the header as ``head_rows`` rows: one, or the
    grouped or titled style's two (``scribus_writer.headed``: model.header_cells' spanning cells), the body rows and
    their groups moved one row down under it."""
    block = scribus_writer.cells_block(table, variant, kind)
    if variant.style.double:  # report.js draws the double lines 1 pt either side of the frame, not both outside it:
        block["pad"] = [3.0, 3.0, 2.0, 2.0]  # the usual padding clears them (4.5 pt wrapped 「10」 in the No column)
    return scribus_writer.headed(block, table, variant, kind)


def description(doc: Document, variant: Variant) -> dict[str, object]:
    """The whole report as report.js reads it: the Scribus writer's page, margins, footer and blocks, the tables
    as ``table_block`` gives them, the fonts as the IPAex files PDFKit embeds, the fixed date."""
    out = scribus_writer.description(doc, variant)
    tables = iter([table_block(b, variant, "summary") for b in doc.front if isinstance(b, Table)]
                  + [table_block(item.table, variant, "list") for item in doc.lists])
    out["blocks"] = [next(tables) if b["type"] == "table" else  # sidebyside: a pair's two tables too
                     {**b, "halves": [[c, next(tables)] for c, _ in b["halves"]]} if b["type"] == "pair" else b
                     for b in out["blocks"]]  # type: ignore[attr-defined]
    out["fonts"] = {name: str(path) for name, path in FONT_FILES.items()}
    out["info"] = {**out["info"], "created": CREATED}  # type: ignore[dict-item]
    return out


def installed() -> bool:
    """Whether node and the pinned pdfkit are here (CI has neither: the drawing tests skip)."""
    return shutil.which("node") is not None and (MODULES / "pdfkit").is_dir()


def command(source: Path, pdf: Path) -> list[str]:
    """node running report.js on a description, with PDFKit installed beside it."""
    if shutil.which("node") is None:
        raise RuntimeError("node not installed (apt-get install nodejs npm)")
    if not (MODULES / "pdfkit").is_dir():
        raise RuntimeError(f"pdfkit not installed: npm ci --prefix {HERE} (make producers does it)")
    return ["node", str(SCRIPT), str(source), str(pdf)]


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report's description to a temporary folder and let PDFKit lay it out and write ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-pdfkit-") as tmp:
        source, pdf = Path(tmp) / "report.json", Path(tmp) / "report.pdf"
        source.write_text(json.dumps(description(doc, variant), ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(command(source, pdf), check=False, capture_output=True, timeout=TIMEOUT)
        if run.returncode or not pdf.exists():
            raise RuntimeError(f"PDFKit failed on {variant.name}: {run.stderr.decode(errors='replace')[-3000:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf.read_bytes())
