#!/usr/bin/env python3
"""Print what the warehouse holds: documents, rows per table, checks.

    python scripts/show_warehouse.py --db warehouse.duckdb
"""

import argparse

import _bootstrap  # noqa: F401

from pipeline.load.report import warehouse_summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="warehouse.duckdb", help="DuckDB warehouse file (default: %(default)s)")
    args = parser.parse_args(argv)
    print(warehouse_summary(args.db))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
