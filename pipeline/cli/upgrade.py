"""``kaiji upgrade``: bring a warehouse an earlier version made up to this version's schema."""

from __future__ import annotations

import argparse

from pipeline.cli.common import add_db, existing_warehouse

HELP = "add the tables and columns this version has to an older warehouse (one transaction)"
DESCRIPTION = """\
Add the tables and columns this version's schema has and the warehouse lacks,
recreate the views, and record it in schema_version, in one transaction. Any
ingest does the same; the read-only commands (show, query, export, report)
refuse an older warehouse and name this command.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.load.migrate import schema_fingerprint, upgrade_plan
    from pipeline.load.warehouse import connect

    path = existing_warehouse(args.db)
    con = duckdb.connect(str(path), read_only=True)
    try:
        plan = upgrade_plan(con)
    finally:
        con.close()
    if plan.current:
        print(f"{args.db}: already at this version's schema ({schema_fingerprint()})")
        return 0
    connect(path).close()  # upgrades in one transaction, or raises LoadError saying why not
    print(f"{args.db}: upgraded to schema {schema_fingerprint()}: added {', '.join(plan.changes)}")
    return 0
