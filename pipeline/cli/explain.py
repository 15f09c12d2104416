"""``kaiji explain FILE …`` (also ``ingest.py --explain``): print what each table looked like and draft a config for the unknown ones.

Reads each PDF (extract + tidy cells, nothing written to a warehouse), prints
one block per table (pages, caption, header cells, column count, best matching
table kind and score) and writes ``<out>/<file stem>.toml``, a draft report
type for the tables no kind matched (pipeline/recognize/explain.py). The tables
are matched against the report types of the run's Config (--config FOLDER, as
for ingest), so a draft added to that folder is what explain then reports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.common import add_config
from pipeline.config import Config
from pipeline.errors import ConfigError, PipelineError
from pipeline.extract import ExtractSettings, extract_document
from pipeline.normalize.charmaps import using_charmaps
from pipeline.recognize.cells import tables_to_cells
from pipeline.recognize.document import front_page_info
from pipeline.recognize.explain import TableSketch, draft_report_type, sketch_table, slug
from pipeline.run import default_config, load_config

DEFAULT_OUT = Path("drafts")


HELP = "print each table's header cells and best matching table kind; draft a config for unmatched ones"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PDF", help="PDF files to explain")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder for the draft report-type TOML files (default: %(default)s)")
    parser.add_argument("--ocr", choices=("auto", "always", "never"), default="auto", help="as for ingest")
    add_config(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaiji explain", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    return parser


def describe(sketch: TableSketch) -> list[str]:
    match = (f"best match {sketch.best_kind} (score {sketch.score:.0f}): "
             + ", ".join(f"{label} -> {field}" for label, field in sketch.mapped)
             if sketch.best_kind else "no table kind matched")
    return [
        f"table {sketch.table_no} (page {', '.join(map(str, sketch.pages))}): {sketch.caption or '(no caption)'}",
        f"  header cells: {' | '.join(sketch.header)}",
        f"  {sketch.n_columns} columns; value columns: {' | '.join(' / '.join(p) for p in sketch.columns)}",
        f"  rows: {'; '.join(sketch.row_labels)}{' …' if sketch.row_labels else ''}",
        f"  {sketch.numbers} numbers; {match}",
    ]


def explain_file(path: Path, out: Path, settings: ExtractSettings,
                 config: Config | None = None) -> tuple[list[str], Path | None]:
    """Lines to print for one file, and the draft written (None when every table matched); ``config``: the
    run's (its report types, cells.toml, character maps and front-page patterns), else the checkout's."""
    config = config or default_config()
    with using_charmaps(config.charmaps):
        extraction = extract_document(path.read_bytes(), path.name, settings)
        cells, _ = tables_to_cells(extraction.tables, extraction.lines, config.cells)
        title = front_page_info(extraction.lines, config.front_page).title
    report_types = config.report_types
    sketches = [sketch_table(t.table_no, extraction, cells, report_types) for t in extraction.tables]
    lines = [f"{path.name}: {extraction.page_count} pages, {len(sketches)} tables"]
    for sketch in sketches:
        lines += describe(sketch)
    unknown = [s for s in sketches if s.best_kind is None and s.columns]
    if not unknown:
        return lines, None
    out.mkdir(parents=True, exist_ok=True)
    draft = out / f"{slug(path.stem)}.toml"
    draft.write_text(draft_report_type(slug(path.stem), path.name, unknown, title), encoding="utf-8")
    return lines + [f"  draft for {len(unknown)} unmatched table(s) -> {draft}"], draft


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    settings = ExtractSettings(ocr=args.ocr)
    try:
        config = load_config(args.config)  # once, before any PDF, as ingest does
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for path in args.paths:
        try:
            lines, _ = explain_file(path, args.out, settings, config)
        except (OSError, PipelineError) as exc:
            failed += 1
            reason = exc.one_line() if isinstance(exc, PipelineError) else f"{path.name}: {exc}"
            print(f"failed   {reason}", file=sys.stderr)
            continue
        print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
