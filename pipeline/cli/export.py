"""``kaiji export``: every table and view as CSV (UTF-8 with a BOM, opens in Excel) and Parquet."""

from __future__ import annotations

import argparse
import logging

from pipeline.cli.common import add_db

HELP = "every table and view as CSV (UTF-8 BOM, for Excel) and Parquet, with a README"
DESCRIPTION = """\
Export every warehouse table and view to CSV (UTF-8 with a BOM, opens in Excel) and Parquet.

Writes <name>.csv and <name>.parquet per table and view, and README.md listing
the files and their columns (meanings from docs/schema.md). The warehouse is
opened read-only. Exit codes: 0 written, 2 the warehouse or folder could not be used.
"""
EPILOG = "example:\n  kaiji export --db warehouse.duckdb --out out/export\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.outputs.export import FORMATS

    add_db(parser)
    parser.add_argument("--out", required=True, help="folder to write the files into (created if missing)")
    parser.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="only this format (repeatable; default: csv and parquet)")
    parser.add_argument("--quiet", action="store_true", help="only the summary line")


def run(args: argparse.Namespace) -> int:
    from pipeline.outputs.export import FORMATS, ExportedRelation, export_warehouse

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def show(rel: ExportedRelation) -> None:
        if not args.quiet:
            print(f"{rel.kind:5}  {rel.name}: {rel.rows} rows -> " + ", ".join(p.name for p in rel.files))

    exported = export_warehouse(args.db, args.out, args.formats or FORMATS, on_relation=show)
    print(f"exported {len(exported)} tables and views to {args.out} (see {args.out}/README.md)")
    return 0
