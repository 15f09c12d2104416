"""``kaiji``: one argparse tree over every user command, one error-to-exit-code policy.

Exit codes, for every subcommand: 0 done, 1 some file failed (ingest), 2 the
command, a config file or the warehouse could not be used (the message names
which and why). A subcommand is one line in ``COMMANDS``: a module with
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; it raises one of
``USAGE_ERRORS`` for a code-2 failure and never prints a traceback for one.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

import duckdb

from pipeline.cli.common import UsageError
from pipeline.cli.ingest import EXIT_USAGE
from pipeline.errors import ConfigError, PipelineError

PROG = "kaiji"
# name -> module: a new subcommand is one more line here
COMMANDS: dict[str, str] = {
    "ingest": "pipeline.cli.ingest",
    "show": "pipeline.cli.show",
    "query": "pipeline.cli.query",
    "export": "pipeline.cli.export",
    "report": "pipeline.cli.report",
    "cite": "pipeline.cli.cite",
    "debug-page": "pipeline.cli.debug_page",
    "upgrade": "pipeline.cli.upgrade",
    "explain": "pipeline.cli.explain",
}

DESCRIPTION = """\
Japanese municipal disclosure PDFs into a DuckDB warehouse you query with SQL.

  kaiji ingest corpus/pdf                 read PDFs into warehouse.duckdb
  kaiji show                              what the warehouse holds
  kaiji query "SELECT count(*) FROM cases"
"""
EPILOG = "exit codes: 0 done, 1 some file failed, 2 usage, config or warehouse error. " \
         "`kaiji COMMAND --help` for each."


def usage_errors() -> tuple[type[BaseException], ...]:
    """Every failure that is the caller's to fix, mapped to exit code 2 with its one-line message."""
    from pipeline.outputs.charts import FontMissing
    from pipeline.outputs.cite import CiteError
    from pipeline.outputs.export import ExportError

    return (UsageError, ConfigError, PipelineError, ExportError, CiteError, FontMissing, duckdb.Error, ValueError,
            OSError)


def command(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = command(name)
        p = sub.add_parser(name, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP),
                           epilog=getattr(module, "EPILOG", None),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
    return parser


def message_of(exc: BaseException) -> str:
    one_line = getattr(exc, "one_line", None)
    return one_line() if callable(one_line) else str(exc)


def run_command(name: str, args: argparse.Namespace) -> int:
    """The policy: a usage, config or warehouse error is one line on stderr and exit code 2."""
    try:
        return int(command(name).run(args))
    except usage_errors() as exc:
        if getattr(args, "debug", False):
            raise
        print(f"error: {message_of(exc)}", file=sys.stderr)
        return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args.command, args)


def alias(name: str, argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """One subcommand as a command of its own (scripts/export.py is ``kaiji export``)."""
    module = command(name)
    parser = argparse.ArgumentParser(prog=prog or f"{PROG} {name}",
                                     description=getattr(module, "DESCRIPTION", module.HELP),
                                     epilog=getattr(module, "EPILOG", None),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    module.add_arguments(parser)
    return run_command(name, parser.parse_args(argv))
