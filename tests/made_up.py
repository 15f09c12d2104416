"""A made-up document for the producers' drawing tests (tests/test_*_style.py, test_*_writer.py, test_pymupdf_story.py).

Those tests check what a producer draws (rules, fonts, pages) with pdfplumber alone, never by running the
extractor, so they need a document shaped like a report (a summary table, one list long enough to run over
pages, an appendix) but written by nobody: no case of a real report is drawn.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dev.producers.model import Document, ListTable, Table, Variant, load_matrix

HEADER = ("番号", "業務の名称", "担当部課", "実施機関", "有無")
# the program each producer drawn by a program of its own needs; the others are Python packages (always installed)
TOOLS = {"writer": "soffice", "calc": "soffice", "chromium": "chromium", "gnumeric": "ssconvert",
         "wkhtmltopdf": "wkhtmltopdf", "abiword": "abiword", "latex": "lualatex", "calligra": "calligrawords",
         "fop": "fop", "itext": "javac", "scribus": "xvfb-run"}
ITEXT_JAR = Path("/usr/share/java/itext5.jar")  # Debian's libitext5-java


def installed(producer: str) -> bool:
    """Whether this machine can draw with ``producer`` (CI has none of the programs: their tests skip)."""
    if producer == "itext" and not ITEXT_JAR.exists():
        return False
    if producer == "scribus" and shutil.which("scribus") is None:
        return False
    if producer == "pdfkit":  # node and the pinned npm pdfkit (dev/producers/pdfkit/node_modules)
        from dev.producers.pdfkit_writer import installed as pdfkit_installed

        return pdfkit_installed()
    return producer not in TOOLS or shutil.which(TOOLS[producer]) is not None


def made_up_document(rows: int, appendix: str = "付録。") -> Document:
    """A summary table, a list of ``rows`` made-up cases (every other description wraps) and an appendix."""
    summary = Table("outsourcing", (("実施機関", "審査件数", "うち要配慮", "うち条例"),
                                    ("区長", "1 2", "3", "4"), ("合計", "1 2", "3", "4")))
    body = tuple((str(n), "架空の業務の説明、長ければ折り返される" * (1 + n % 2), f"第{n // 4}課", "区長",
                  "有" if n % 2 else "無") for n in range(1, rows + 1))
    return Document(("報告第1号", summary), (ListTable("一覧", "資料No.1", Table("outsourcing", (HEADER,) + body)),),
                    (appendix,))


def variant(producer: str, style: str, orientation: str) -> Variant:
    """``producer`` drawing matrix.toml's ``style`` in ``orientation`` (not held out: a test's own render)."""
    styles = {v.style.name: v.style for v in load_matrix()}
    return Variant(producer, styles[style], orientation, held_out=False)


def odt_cell_sides(variant_: Variant, document: Document, path) -> list[list[list[tuple[str | None, ...]]]]:  # type: ignore[no-untyped-def]
    """Writer's .odt of ``document`` as ``variant_`` writes it: per table, per row, per cell, its fo:border-top,
    -bottom, -left and -right (what Writer, AbiWord and Calligra print)."""
    import xml.etree.ElementTree as ET
    import zipfile

    from dev.producers.office import odt_document

    odt_document(document, variant_, path)
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
          "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    props = {s.get(f"{{{ns['style']}}}name"): s.find("style:table-cell-properties", ns)
             for s in root.iter(f"{{{ns['style']}}}style")}
    return [[[tuple(props[cell.get(f"{{{ns['table']}}}style-name")].get(f"{{{ns['fo']}}}border-{side}")
                    for side in ("top", "bottom", "left", "right"))
              for cell in row.findall("table:table-cell", ns)]
             for row in table.findall(".//table:table-row", ns)]
            for table in root.findall(".//table:table", ns)]
