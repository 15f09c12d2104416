#!/usr/bin/env python3
"""Write a static HTML report of the warehouse (offline: no server, no CDN, no JavaScript).

    python scripts/report.py --db warehouse.duckdb --out report/ --pdfs corpus/pdf

index.html lists the documents; doc-<doc_id>.html shows for each what landed,
the reconciliation checks, charts, year-on-year changes, the review list and
every case, each linked to a PNG crop of its row on the PDF page. The PDFs are
found by sha256 under the --pdfs folders; without them the report has no crops.
Exit codes: 0 written, 2 the warehouse or folder could not be used.
"""

import argparse
import logging
import sys

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.outputs.charts import FontMissing
from pipeline.outputs.export import ExportError
from pipeline.outputs.report import build_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="report.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="warehouse.duckdb", help="DuckDB warehouse file (default: %(default)s)")
    parser.add_argument("--out", required=True, help="folder to write the report into (created if missing)")
    parser.add_argument("--pdfs", nargs="*", default=[], metavar="DIR",
                        help="folders (or files) holding the ingested PDFs, matched by sha256, for citation crops")
    parser.add_argument("--dpi", type=int, default=120, help="resolution of the crops (default: %(default)s)")
    parser.add_argument("--top-departments", type=int, default=25,
                        help="departments drawn in the chart (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="only the summary line")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        result = build_report(args.db, args.out, args.pdfs, dpi=args.dpi, top_departments=args.top_departments,
                              on_document=None if args.quiet else lambda name: print(f"wrote    {name}"))
    except (ExportError, FontMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if result.missing_pdfs:
        print(f"warning: no PDF among --pdfs for {', '.join(result.missing_pdfs)}; their cases have no crops",
              file=sys.stderr)
    print(f"report: {result.index} ({len(result.pages)} documents, {len(result.charts)} charts, "
          f"{result.crops} crops)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
