"""``kaiji ingest`` (and scripts/ingest.py): thin, all logic lives in pipeline.run.

Exit codes: 0 every file landed (or was already there), 1 at least one file
failed, 2 the command itself was wrong or the warehouse could not be opened.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.cli.common import add_config
from pipeline.errors import ConfigError, PipelineError
from pipeline.execute import EXECUTORS, ExecuteSettings
from pipeline.extract import ExtractSettings
from pipeline.extract.engines import ENGINE_NAMES
from pipeline.run import Outcome, RunSettings, find_pdfs, ingest_files, load_config

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Ingest Japanese municipal disclosure PDFs (個人情報を取り扱う業務の審査状況 and
similar reports) into a DuckDB warehouse.

Each file is read (text layer), its tables recognized by the report types in
config/report_types/ (or --config FOLDER's), its summary counts checked
against its lists, and its rows written in one transaction. A file already in the warehouse (same bytes)
is skipped unless --force. A file that cannot be read is reported on one line
and the others still go in.
"""

EPILOG = """\
examples:
  kaiji ingest corpus/pdf                           # every PDF under a folder
  kaiji ingest --db city.duckdb report.pdf          # one file, another warehouse
  kaiji ingest --config my-config report.pdf        # report types, registries … from a copy of config/
  kaiji query "SELECT criterion, count(*) FROM cases GROUP BY 1"

exit codes: 0 all landed, 1 some file failed, 2 usage or warehouse error
"""


HELP = "read PDFs into the warehouse (one line per file)"


def build_parser(prog: str = "ingest.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``kaiji ingest``; the parser comes from the command tree or build_parser."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="PDF files, or folders to search for *.pdf")
    parser.add_argument("--db", default="warehouse.duckdb", help="DuckDB warehouse file (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="re-extract files already in the warehouse")
    ocr = parser.add_argument_group("scanned pages")
    ocr.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                     help="auto: OCR only pages without a usable text layer (default); always; never")
    ocr.add_argument("--engine", choices=ENGINE_NAMES, default="auto",
                     help="OCR engine; auto is what docs/ocr.md's benchmark chose (default: %(default)s)")
    ocr.add_argument("--jobs", type=int, default=ExtractSettings().jobs,
                     help="processes to spread OCR pages over (default: the number of cores, %(default)s)")
    limits = parser.add_argument_group("limits (a document over a limit is rejected, never half-loaded)")
    limits.add_argument("--max-pages", type=int, default=ExtractSettings.max_pages,
                        help="pages per document (default: %(default)s)")
    limits.add_argument("--max-seconds-per-document", type=float, default=ExtractSettings.max_seconds_per_document,
                        help="seconds to read one document (default: %(default)s)")
    limits.add_argument("--max-seconds-per-page", type=float, default=ExtractSettings.max_seconds_per_page,
                        help="seconds to read one page (default: %(default)s)")
    limits.add_argument("--max-page-pixels", type=int, default=ExtractSettings.max_page_pixels,
                        help="pixels of a page rendered for OCR (default: %(default)s)")
    parser.add_argument("--wait", type=float, default=RunSettings.wait_seconds, metavar="SECONDS",
                        help="how long to wait for a warehouse another process has open (default: %(default)s)")
    add_config(parser)
    parser.add_argument("--corrections", type=Path, default=None, metavar="DIR",
                        help="folder of correction files applied on ingest (default: the config folder's "
                             "corrections/)")
    parser.add_argument("--explain", action="store_true",
                        help="ingest nothing: print each table's header cells, column count and best matching "
                             "table kind, and write a draft report-type TOML for unmatched tables to --drafts")
    parser.add_argument("--drafts", default="drafts", metavar="DIR",
                        help="folder for --explain's draft TOML files (default: %(default)s)")
    scale = parser.add_argument_group("scale out (docs/scale.md)")
    scale.add_argument("--results", type=Path, default=None, metavar="DIR",
                       help="results store of extractions and rows (default: beside the warehouse, <db>.results/)")
    scale.add_argument("--executor", choices=EXECUTORS, default="local",
                       help="local: this process; ray: one Ray task per document (needs the cluster extra)")
    scale.add_argument("--ray-address", default=None, metavar="auto|HOST:PORT",
                       help="join a running Ray cluster (default: start a local one of --jobs CPUs)")
    scale.add_argument("--max-memory-per-document", type=int, default=None, metavar="MIB",
                       help="address space one document may add (RLIMIT_AS); over it the file fails (default: none)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")
    parser.add_argument("--debug", action="store_true", help="log details and show tracebacks")


def describe(outcome: Outcome) -> str:
    name = Path(outcome.path).name
    if outcome.status == "landed":
        checks = f"checks {outcome.checks_ok} passed"
        if outcome.checks_failed:
            checks += f", {outcome.checks_failed} FAILED"
        incidents = f", {outcome.incidents} incident(s)"
        if outcome.incidents_not_assembled:
            incidents += " (incident vocabulary but no incident assembled: see findings)"
        if outcome.facts:
            incidents += f", {outcome.facts} facts"
        if outcome.checks_not_computed:
            checks += f", {outcome.checks_not_computed} not computed"
        return (f"landed   {name}: {outcome.pages} pages, {outcome.cases} cases{incidents}{not_understood(outcome)}, "
                f"{checks} ({outcome.seconds:.1f}s, doc_id {outcome.doc_id})")
    if outcome.status == "skipped":
        return f"skipped  {outcome.message}"
    return f"failed   {outcome.message}"


def not_understood(outcome: Outcome) -> str:
    """What of a landed file was not understood, for its line (the findings table has the details)."""
    parts = []
    if outcome.nothing_recognized:
        parts.append("NOTHING RECOGNIZED")
    if outcome.tables_not_recognized:
        parts.append(f"{outcome.tables_not_recognized} table(s) not recognized")
    if outcome.blocks_not_read:
        parts.append(f"{outcome.blocks_not_read} table-like block(s) not read")
    if outcome.texts_not_placed:
        parts.append(f"{outcome.texts_not_placed} text(s) in no field")
    if outcome.fields_ambiguous:
        parts.append(f"{outcome.fields_ambiguous} cell(s) over two fields")
    if outcome.columns_unread:
        parts.append(f"{outcome.columns_unread} table(s) with header cells in no field")
    if outcome.other_findings:
        parts.append(f"{outcome.other_findings} other finding(s) ({outcome.other_kinds})")
    return "".join(f", {p}" for p in parts)


def not_understood_total(landed: list[Outcome]) -> str:
    """The summary's count of tables not recognized and documents with nothing recognized."""
    tables = sum(o.tables_not_recognized for o in landed)
    blocks = sum(o.blocks_not_read for o in landed)
    texts = sum(o.texts_not_placed for o in landed)
    over = sum(o.fields_ambiguous for o in landed)
    unread = sum(o.columns_unread for o in landed)
    empty = sum(o.nothing_recognized for o in landed)
    other = sum(o.other_findings for o in landed)
    return (f", {tables} table(s) not recognized" if tables else "") + (
        f", {blocks} table-like block(s) not read" if blocks else "") + (
        f", {texts} text(s) in no field" if texts else "") + (
        f", {over} cell(s) over two fields" if over else "") + (
        f", {unread} table(s) with header cells in no field" if unread else "") + (
        f", {empty} document(s) with nothing recognized" if empty else "") + (
        f", {other} other finding(s) (see the findings table)" if other else "")


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    paths = find_pdfs(args.paths)
    if not paths:
        print("error: no PDF files found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    if args.explain:
        from pipeline.cli.explain import main as explain_main

        return explain_main([*map(str, paths), "--out", args.drafts, "--ocr", args.ocr, "--config", str(args.config)])
    try:
        extract = ExtractSettings(
            max_pages=args.max_pages,
            max_seconds_per_document=args.max_seconds_per_document,
            max_seconds_per_page=args.max_seconds_per_page,
            max_page_pixels=args.max_page_pixels,
            ocr=args.ocr,
            ocr_engine=args.engine,
            jobs=args.jobs,
        )
        # once, before any PDF: a bad file is exit 2
        config = load_config(args.config, corrections_dir=args.corrections)
        settings = RunSettings(extract=extract, force=args.force, wait_seconds=args.wait, config=config)
        execute = ExecuteSettings(executor=args.executor, ray_address=args.ray_address, results=args.results,
                                  max_memory_mb=args.max_memory_per_document)
    except (ValueError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        # pages are the unit of work: a 48-page scan and a 2-page notice are not alike
        bar = tqdm(unit="page", desc=f"file 1/{len(paths)}", file=sys.stderr, dynamic_ncols=True)
    elif not args.quiet:
        print(f"ingesting {len(paths)} file(s) into {args.db}", file=sys.stderr)
    done = 0

    def count_page(n: int) -> None:
        if bar is not None:
            bar.update(n)

    def on_outcome(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        line = describe(outcome)
        if bar is not None:
            bar.write(line)
            bar.set_description(f"file {min(done + 1, len(paths))}/{len(paths)}")
        else:
            print(line, flush=True)

    try:
        outcomes = ingest_files(paths, args.db, settings, on_page=count_page, on_outcome=on_outcome,
                                execute=execute)
    except PipelineError as exc:
        if args.debug:
            raise
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if bar is not None:
            bar.close()
    landed = [o for o in outcomes if o.status == "landed"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    failed = [o for o in outcomes if o.status == "failed"]
    print(f"summary: {len(landed)} landed, {len(skipped)} skipped, {len(failed)} failed; "
          f"{sum(o.pages for o in landed)} pages, {sum(o.cases for o in landed)} cases, "
          f"{sum(o.incidents for o in landed)} incidents, "
          f"{sum(o.checks_failed for o in landed)} failed checks{not_understood_total(landed)} -> {args.db}")
    return EXIT_SOME_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
