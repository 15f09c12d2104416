#!/usr/bin/env python3
"""Export every warehouse table and view to CSV (UTF-8 with a BOM, opens in Excel) and Parquet.

    python scripts/export.py --db warehouse.duckdb --out export/

Writes <name>.csv and <name>.parquet per table and view, and README.md listing
the files and their columns (meanings from docs/schema.md). The warehouse is
opened read-only. Exit codes: 0 written, 2 the warehouse or folder could not be used.
"""

import argparse
import logging
import sys

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.outputs.export import FORMATS, ExportError, export_warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="export.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="warehouse.duckdb", help="DuckDB warehouse file (default: %(default)s)")
    parser.add_argument("--out", required=True, help="folder to write the files into (created if missing)")
    parser.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="only this format (repeatable; default: csv and parquet)")
    parser.add_argument("--quiet", action="store_true", help="only the summary line")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def show(rel):  # type: ignore[no-untyped-def]
        if not args.quiet:
            print(f"{rel.kind:5}  {rel.name}: {rel.rows} rows -> " + ", ".join(p.name for p in rel.files))

    try:
        exported = export_warehouse(args.db, args.out, args.formats or FORMATS, on_relation=show)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"exported {len(exported)} tables and views to {args.out} (see {args.out}/README.md)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
