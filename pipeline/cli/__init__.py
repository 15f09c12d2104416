"""The command line: ``kaiji`` and its subcommands (pipeline/cli/tree.py), one module per subcommand.

``pipeline.cli.main`` stays the ingest command (``scripts/ingest.py`` and the
tests call it with ingest's arguments); the whole tree is
``pipeline.cli.tree.main``.
"""

from pipeline.cli.ingest import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, build_parser, describe, main

__all__ = ["EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "build_parser", "describe", "main"]
