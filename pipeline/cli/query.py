"""``kaiji query``: SQL against the warehouse, printed as a table, CSV or JSON (no DuckDB CLI needed)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from pipeline.cli.common import add_db, existing_warehouse

HELP = "run SQL against the warehouse; print a table, CSV or JSON"
DESCRIPTION = """\
Run one SQL statement against the warehouse (opened read-only) and print the
result: an aligned table (default), CSV with a header, or JSON (a list of
objects). Tables and columns: docs/schema.md.
"""
EPILOG = """\
examples:
  kaiji query "SELECT criterion, count(*) cases FROM cases GROUP BY 1"
  kaiji query --format csv "SELECT * FROM review_items" > review.csv
"""
FORMATS = ("table", "csv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sql", metavar="SQL", help="one SQL statement (quote it)")
    add_db(parser)
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=200, metavar="N",
                        help="rows shown in table format; the rest are counted (0: all; default: %(default)s)")


def width(text: str) -> int:
    """Columns a string takes in a terminal: full-width (Japanese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(value: Any) -> str:
    if value is None:
        return "NULL"
    return str(value).replace("\n", "\\n")


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """An aligned text table: header, rule, rows (numbers right-aligned)."""
    texts = [[cell(v) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in texts]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row[i], int | float) and not isinstance(row[i], bool) for row in rows if row[i] is not None)
               for i in range(len(columns))]

    def line(values: Sequence[str], right: Sequence[bool]) -> str:
        parts = [(" " * (w - width(v)) + v) if r else (v + " " * (w - width(v)))
                 for v, w, r in zip(values, widths, right, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(columns, [False] * len(columns)), "  ".join("-" * w for w in widths)]
    out += [line(r, numeric) for r in texts]
    return out


def run(args: argparse.Namespace) -> int:
    from pipeline.load.warehouse import connect

    con = connect(existing_warehouse(args.db), read_only=True)
    try:
        result = con.execute(args.sql)
        columns = [d[0] for d in result.description or []]
        rows = result.fetchall()
    finally:
        con.close()
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str,
                         indent=1))
    else:
        shown = rows if args.limit <= 0 else rows[:args.limit]
        print("\n".join(table_lines(columns, shown)))
        more = len(rows) - len(shown)
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
              + (f"; {more} not shown, use --limit 0 or --format csv)" if more else ")"))
    return 0
