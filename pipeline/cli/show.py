"""``kaiji show``: what the warehouse holds (documents, rows per table, checks, incidents)."""

from __future__ import annotations

import argparse

from pipeline.cli.common import add_db, existing_warehouse

HELP = "what the warehouse holds: documents, rows per table, checks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)


def run(args: argparse.Namespace) -> int:
    from pipeline.load.report import warehouse_summary

    print(warehouse_summary(existing_warehouse(args.db)))
    return 0
