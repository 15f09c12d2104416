"""What the subcommands share: the usage error, the ``--db`` and ``--config`` options, the check before a
read-only open."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.config import CONFIG_DIR

DEFAULT_DB = "warehouse.duckdb"


class UsageError(Exception):
    """A command that cannot run as given (missing warehouse, bad argument); exit code 2."""


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help="DuckDB warehouse file (default: %(default)s)")


def add_config(parser: argparse.ArgumentParser) -> None:
    """``--config FOLDER``: the run's whole configuration from another folder laid out as config/, so a
    person can try a report type or a registry without editing the checkout (read once, before any PDF)."""
    parser.add_argument("--config", type=Path, default=CONFIG_DIR, metavar="FOLDER",
                        help="configuration folder laid out as the checkout's config/ (report_types/, "
                             "departments/, cells.toml, …), read once before any PDF (default: %(default)s)")


def existing_warehouse(db: str) -> Path:
    """The warehouse path; a missing file is a usage error (reading must never create an empty one)."""
    path = Path(db)
    if not path.is_file():
        raise UsageError(f"{db}: no such warehouse; ingest first (kaiji ingest --db {db} PDFS)")
    return path
