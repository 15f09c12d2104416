#!/usr/bin/env python3
"""Ingest PDFs into the DuckDB warehouse. Run with --help for the options."""

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
