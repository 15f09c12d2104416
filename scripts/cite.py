#!/usr/bin/env python3
"""Alias of `kaiji cite` (pipeline/cli/); run with --help for the options."""

import _bootstrap  # noqa: F401  (puts the checkout on sys.path)

from pipeline.cli.tree import alias

if __name__ == "__main__":
    raise SystemExit(alias("cite", prog="cite.py"))
