#!/usr/bin/env python3
"""Alias of `kaiji ingest` (pipeline/cli/ingest.py); run with --help for the options."""

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
