"""The report as the OpenDocument text written for Writer, printed to PDF by AbiWord 3.0 (Debian ``abiword``).

A word processor other than LibreOffice Writer prints the same .odt that
``office.odt_document`` writes (odfpy): AbiWord reads it with its own
OpenDocument importer, lays the pages out with its own engine (its own line
breaking of Japanese text, column widths from the table's column styles, page
breaks), and draws through cairo's PDF surface, as ``abiword --to=pdf`` does
for a user converting a file. Nothing is set on the way: the page size,
orientation and margins, fonts and borders are what the .odt says, and AbiWord
takes them from it. What comes out differs from Writer's print of the same file:

* the list's header row (``table:table-header-rows``) is printed once, at the
  top of the list, not on the following pages: AbiWord's OpenDocument import
  has no repeated heading rows;
* a row is broken where the page ends, its lines up to there on one page and
  the rest at the top of the next;
* the text is IPAex Gothic and Mincho (fontconfig) embedded as CID TrueType
  subsets, whose ToUnicode maps cairo derives from the font's cmap: glyphs IPAex
  shares with a Kangxi radical, such as 人 and 長, read back as the radical
  ⼈, ⻑ (a text-layer mapping, not a drawing fault, as in Chromium's files);
* the cells' ``fo:padding`` is dropped by the import (its .abw has no cell
  margins) and AbiWord keeps its own, 1 to 2 pt across and 0.4 pt down from a
  rule: the tight style (padding 0) prints as grid does.

The .docx the same document becomes through LibreOffice (this repository
writes no .docx of its own) prints the same tables but its page-number field
as one fixed number on every page, so the .odt is what AbiWord is given.
AbiWord runs with a throw-away home (its profile) and no display. cairo 1.16
stamps the current time as ``/CreationDate`` (it ignores SOURCE_DATE_EPOCH);
that one date is overwritten with a fixed one of the same length, so the same
bytes come out every run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .model import Document, Variant
from .office import odt_document
from .stamps import fixed_creation_date


def command(source: Path, pdf: Path) -> list[str]:
    """AbiWord's command line: print ``source`` to ``pdf`` by its PDF exporter (cairo), nothing else."""
    return ["abiword", "--to=pdf", f"--to-name={pdf}", str(source)]


def fixed_date(pdf: bytes) -> bytes:
    """The PDF with cairo's one /CreationDate fixed (``stamps.fixed_creation_date``)."""
    return fixed_creation_date(pdf, "cairo")


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report as Writer's .odt and print it with AbiWord to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-abiword-") as tmp:
        source, pdf = Path(tmp) / f"{out.stem}.odt", Path(tmp) / f"{out.stem}.pdf"
        odt_document(doc, variant, source)
        # a throw-away home (AbiWord's profile), no display, UTC so that cairo's date is of the form replaced
        env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update({"HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_CACHE_HOME": tmp, "XDG_RUNTIME_DIR": tmp, "TZ": "UTC",
                    "GSETTINGS_BACKEND": "memory"})
        subprocess.run(command(source, pdf), check=True, capture_output=True, timeout=600, env=env)
        if not pdf.exists():
            raise RuntimeError(f"AbiWord wrote no PDF for {source}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_date(pdf.read_bytes()))
