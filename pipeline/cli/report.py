"""``kaiji report``: a static HTML report of the warehouse (offline: no server, no CDN, no JavaScript)."""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline.cli.common import add_db

HELP = "a static, offline HTML report with charts and row crops"
DESCRIPTION = """\
Write a static HTML report of the warehouse (offline: no server, no CDN, no JavaScript).

index.html lists the documents; doc-<doc_id>.html shows for each what landed,
the reconciliation checks, charts, year-on-year changes, the review list and
every case, each linked to a PNG crop of its row on the PDF page. The PDFs are
found by sha256 under the --pdfs folders; without them the report has no crops.
Exit codes: 0 written, 2 the warehouse or folder could not be used.
"""
EPILOG = "example:\n  kaiji report --db warehouse.duckdb --out out/report --pdfs corpus/pdf\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    parser.add_argument("--out", required=True, help="folder to write the report into (created if missing)")
    parser.add_argument("--pdfs", nargs="*", default=[], metavar="DIR",
                        help="folders (or files) holding the ingested PDFs, matched by sha256, for citation crops")
    parser.add_argument("--dpi", type=int, default=120, help="resolution of the crops (default: %(default)s)")
    parser.add_argument("--top-departments", type=int, default=25,
                        help="departments drawn in the chart (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="only the summary line")


def run(args: argparse.Namespace) -> int:
    from pipeline.outputs.report import build_report

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    result = build_report(args.db, args.out, args.pdfs, dpi=args.dpi, top_departments=args.top_departments,
                          on_document=None if args.quiet else lambda name: print(f"wrote    {name}"))
    if result.missing_pdfs:
        print(f"warning: no PDF among --pdfs for {', '.join(result.missing_pdfs)}; their cases have no crops",
              file=sys.stderr)
    print(f"report: {result.index} ({len(result.pages)} documents, {len(result.charts)} charts, "
          f"{result.crops} crops)")
    return 0
