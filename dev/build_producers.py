#!/usr/bin/env python3
"""Render the reference report with independent producers in the table styles offices use (issue 11).

Every variant of ``dev/producers/matrix.toml`` (producer × style ×
orientation) is drawn from ``corpus/ground_truth/<doc>/layout.json`` by
reportlab platypus, fpdf2, LibreOffice Writer (.odt by odfpy), LibreOffice
Calc (.xlsx by openpyxl), headless Chromium or WeasyPrint (the same HTML),
Typst (Typst markup, compiled by the ``typst`` Python binding), matplotlib
(laid out by ``dev/producers/matplotlib_writer.py``, written by its PDF backend),
PyMuPDF's Story (MuPDF's HTML engine, ``dev/producers/pymupdf_story.py``),
Gnumeric (``ssconvert`` printing Calc's .xlsx, ``dev/producers/gnumeric_writer.py``),
wkhtmltopdf (QtWebKit printing the shared HTML, ``dev/producers/wkhtml.py``),
AbiWord (``abiword --to=pdf`` printing Writer's .odt, ``dev/producers/abiword_writer.py``),
Calligra Words (``calligrawords --export-pdf`` printing Writer's .odt, ``dev/producers/calligra_writer.py``),
LuaLaTeX (``dev/producers/latex_writer.py`` writes the source, ``lualatex`` typesets it),
Apache FOP (``dev/producers/fop_writer.py`` writes XSL-FO, ``fop`` lays it out and prints it), or
iText 5 (``dev/producers/itext_writer.py`` describes the report to ``dev/producers/itext/Report.java``,
compiled by ``javac`` at build time, which lays it out with iText's ``PdfPTable`` and writes it), or
Scribus 1.5 (``dev/producers/scribus_writer.py`` describes the report as JSON to ``dev/producers/scribus/report.py``,
run inside Scribus headless under ``xvfb-run``, which lays it out in text frames and exports it with Scribus's own
PDF exporter), or PDFKit (``dev/producers/pdfkit_writer.py`` describes the report as JSON to
``dev/producers/pdfkit/report.js``, run by ``node`` with the npm ``pdfkit`` pinned beside it, which lays it out with
its own text layout and ``doc.table()`` and writes it with its own PDF writer).

Two outputs:

* ``--full`` (``make producers``): the whole report per variant, under
  ``build/producers/`` (gitignored), what ``dev/bench_producers.py`` scores;
* ``--fixtures``: the front pages and a seeded window of rows per list per
  variant, committed in ``tests/extract/cases/producers/`` with
  ``manifest.json`` (which cases each fixture lists) for the CI tests, which
  must not need LibreOffice.

Needs the ``corpus`` extra (reportlab, fpdf2, odfpy, openpyxl), ``weasyprint``,
``typst`` and ``pymupdf`` (the ``dev`` extra), matplotlib (a dependency), the IPAex fonts, ``chromium``, ``soffice`` (Debian
libreoffice-writer-nogui, libreoffice-calc-nogui), ``ssconvert`` (Debian gnumeric),
``wkhtmltopdf`` (Debian wkhtmltopdf), ``abiword`` (Debian abiword), ``lualatex`` with LuaTeX-ja
(Debian texlive-luatex, texlive-lang-japanese, texlive-latex-recommended, texlive-latex-extra) and
``calligrawords`` with ``dbus-run-session`` (Debian calligrawords, dbus), ``fop`` (Debian fop, FOP 2.8) and
``javac`` with iText 5 (Debian default-jdk-headless, libitext5-java: /usr/share/java/itext5.jar), ``scribus`` and
``xvfb-run`` (Debian scribus, xvfb, xauth).

``--only`` builds one producer's (or one variant's) files and leaves the
others in the folder as they are; the manifest keeps their entries, and every
entry's ``held_out`` follows matrix.toml even when its PDF is not rebuilt (the
held-out set can change without redrawing anything). ``--style`` builds one
style's files (every producer of it) the same way.

    python -m dev.build_producers --full
    python -m dev.build_producers --fixtures --only writer
    python -m dev.build_producers --full --only weasyprint --out /work/main/build/producers
    python -m dev.build_producers --full --only pymupdf --out build/producers-pymupdf
    python -m dev.build_producers --full --style heavy --out build/producers-heavy
    python -m dev.build_producers --full --style separate --out build/producers-sep
    python -m dev.build_producers --full --style whiterules --out /work/unseen28/whiterules
    python -m dev.build_producers --full --only gnumeric --out /tmp/gn
    python -m dev.build_producers --full --only wkhtmltopdf --out build/producers-wk
    python -m dev.build_producers --full --only abiword --out /work/unseen28/abiword
    python -m dev.build_producers --full --style booktabs --out /work/unseen29/book
    python -m dev.build_producers --full --only latex --out /work/unseen29/tex
    python -m dev.build_producers --full --style rounded --out /work/unseen31/round
    python -m dev.build_producers --full --style partial --out /work/unseen32/partial
    python -m dev.build_producers --full --style tight --out /work/unseen33/tight
    python -m dev.build_producers --full --style grouped --out /work/unseen34/grouped
    python -m dev.build_producers --full --style once --out /work/unseen35/once
    python -m dev.build_producers --full --style vertical --out /work/unseen35/vertical
    python -m dev.build_producers --full --style centred --out /work/unseen36/centred
    python -m dev.build_producers --full --style notes --out /work/unseen37/notes
    python -m dev.build_producers --full --style distributed --out /work/unseen38/distributed
    python -m dev.build_producers --full --style sidebyside --out /work/unseen39/sidebyside
    python -m dev.build_producers --full --style titled --out /work/unseen40/titled
    python -m dev.build_producers --full --style running --out /work/unseen41/running
    python -m dev.build_producers --full --style continued --out /work/unseen42/continued
    python -m dev.build_producers --full --style rotated --out /work/unseen43/rotated
    python -m dev.build_producers --full --style footed --out /work/unseen45/footed
    python -m dev.build_producers --full --style stacked --out /work/unseen48/stacked
    python -m dev.build_producers --full --style reordered --out /work/unseen50/reordered
    python -m dev.build_producers --full --style sectioned --out /work/unseen53/sectioned
    python -m dev.build_producers --full --only calligra --out /work/unseen31/prod
    python -m dev.build_producers --full --only fop --out /work/unseen32/fop
    python -m dev.build_producers --full --only itext --out /work/unseen33/itext
    python -m dev.build_producers --full --only scribus --out /work/unseen34/scribus
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dev.producers import renderer
from dev.producers.model import ROOT, listed_cases, load_document, load_matrix, sample

FULL_DIR = ROOT / "build" / "producers"
FIXTURE_DIR = ROOT / "tests" / "extract" / "cases" / "producers"
FIXTURE_ROWS = 10  # rows per list in a fixture: one list page in every producer
SEED = 11  # where each list's window of rows starts (random.Random(SEED))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--full", action="store_true", help=f"whole documents into {FULL_DIR.relative_to(ROOT)}")
    what.add_argument("--fixtures", action="store_true",
                      help=f"small CI fixtures and manifest.json into {FIXTURE_DIR.relative_to(ROOT)}")
    parser.add_argument("--only", action="append", default=[],
                        help="only this producer or variant name (repeatable)")
    parser.add_argument("--style", action="append", default=[],
                        help="only the variants of this table style (repeatable; with --only, both must hold)")
    parser.add_argument("--out", type=Path, help="output folder instead of the default")
    args = parser.parse_args(argv)

    doc = load_document()
    if args.fixtures:
        doc = sample(doc, FIXTURE_ROWS, SEED)
    out_dir = args.out or (FIXTURE_DIR if args.fixtures else FULL_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    matrix = load_matrix()
    for variant in matrix:
        if variant.name in manifest:
            manifest[variant.name]["held_out"] = variant.held_out
    for variant in matrix:
        if args.only and variant.producer not in args.only and variant.name not in args.only:
            continue
        if args.style and variant.style.name not in args.style:
            continue
        out = out_dir / f"{variant.name}.pdf"
        started = time.perf_counter()
        renderer(variant.producer)(doc, variant, out)
        manifest[variant.name] = {
            "file": out.name, "producer": variant.producer, "style": variant.style.name,
            "orientation": variant.orientation, "held_out": variant.held_out, "note": variant.style.note,
            "cases": [list(key) for key in listed_cases(doc)],
        }
        print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: "
              f"{out.stat().st_size // 1024} KiB, {time.perf_counter() - started:.1f} s")
    manifest_path.write_text(json.dumps(dict(sorted(manifest.items())), ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
