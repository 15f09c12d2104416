#!/usr/bin/env python3
"""This project's table extractor vs bare pdfplumber on Camelot's public test suite.

    python -m dev.bench_peers /work/ext/camelot            # the tuning cases of a checkout of camelot-dev/camelot
    python -m dev.bench_peers CHECKOUT --part all          # both parts: the final figures only
    python -m dev.bench_peers --suite icdar2013 /work/ext/tabula-java   # a second suite, see below

The script commits none of Camelot's files: it reads, from the checkout,
``tests/data.py`` (the expected tables, as Python literals, read with ``ast``,
never executed) and ``tests/test_lattice.py`` / ``tests/test_stream.py`` (which
file, which pages, which flavour, which table index each expectation belongs
to), and the PDFs under ``tests/files``.

Which cases: every comparison of a ``data_*`` expectation with ``tables[i].df``
in those two files whose ``camelot.read_pdf`` call passes, besides the file,
``pages`` and ``flavor``, at most options that only tune how sensitively
Camelot finds what is on the page (line_scale, process_background for rules
drawn as filled boxes, edge_tol, row_tol, layout_kwargs): the expectation is
still the whole table as printed. A call that gives geometry (table areas or
regions, column positions, header/footer text) or asks for a different text
(copy_text, shift_text, split_text, strip_text, flag_size) is left out.
Lattice cases are "ruled", stream cases "unruled".

Held-out split (fixed before any result was looked at): a case is held out
when int(sha1(case name), 16) % 3 == 0, the case name being
``<test file>::<test function>::<data name>``. Constants are chosen on the
tuning part only; both parts are reported.

Scoring, the same for every extractor: each extractor's tables on the case's
page are scored against the expectation and the best one counts (so a table
found in a different order is not punished, and none is given a second
chance the others lack). Cells exact: positions (row, column) of the expected
table whose text, whitespace collapsed, equals the extracted one at the same
position (the best of the extracted rows shifted by up to three rows, see
``score``). Shape right: the same number of rows and of columns. Printed per
extractor, per part (tuning / held-out) and per flavour, and written to
bench/peers.json with every case's figures.

A second suite, nobody tuned on (``--suite icdar2013 PATH``, written to
bench/peers-icdar2013.json): the ICDAR 2013 table competition dataset as
tabula-java ships it (PATH: a checkout of tabulapdf/tabula-java, or the
dataset folder itself). Every region of every table in its ``*-str.xml``
is a case: the expected table is the region's cell grid, each cell's
content at its start row and column (counted from the first occupied
one), covered and missing positions empty;
scored exactly as above, against every table each extractor finds on the
region's page (a structure file whose PDF is not shipped is left out).
The suite does not mark tables ruled or unruled, so the kind
is read from the drawing, not from any extractor: "ruled" when at least
three distinct x positions inside the region's box carry vertical rules
(lines, rectangle edges, curves) covering half its height or more (frame and
at least one column rule), "unruled" otherwise. Held-out: int(sha1(case
name), 16) % 3 == 0 with the case name ``<dataset/file>#<table>.<region>``,
fixed before any result was looked at.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dev.scoring import write_report

ROOT = Path(__file__).resolve().parents[1]
TEST_FILES = {"test_lattice.py": "ruled", "test_stream.py": "unruled"}
PLAIN_OPTIONS = {"pages", "flavor", "line_scale", "process_background", "edge_tol", "row_tol", "layout_kwargs"}
Rows = list[list[str]]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # ruled | unruled
    pdf: str  # relative to tests/files
    page: int
    table_index: int
    data_name: str
    expected: tuple[tuple[str, ...], ...] = ()  # a suite whose expectations are not in data.py

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha1(self.name.encode()).hexdigest(), 16) % 3 == 0


def literal_values(data_py: Path) -> dict[str, Any]:
    """Module-level ``name = <literal>`` of data.py, plus ``other[a:b]`` of an earlier one (never executed)."""
    values: dict[str, Any] = {}
    for node in ast.parse(data_py.read_text(encoding="utf-8")).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        try:
            values[node.targets[0].id] = _evaluate(node.value, values)
        except ValueError:
            continue
    return values


def _evaluate(node: ast.AST, known: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        base = _evaluate(node.value, known)
        lo = ast.literal_eval(node.slice.lower) if node.slice.lower else None
        hi = ast.literal_eval(node.slice.upper) if node.slice.upper else None
        return base[lo:hi]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _evaluate(node.left, known) + _evaluate(node.right, known)
    return ast.literal_eval(node)


def _string_args(call: ast.Call) -> list[str]:
    return [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def cases_of(test_py: Path, kind: str) -> list[Case]:
    """The whole-table cases of one test module, statement by statement through each test function."""
    cases: list[Case] = []
    for fn in ast.parse(test_py.read_text(encoding="utf-8")).body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        frames: dict[str, str] = {}
        filename: str | None = None
        read: dict[str, Any] | None = None
        for stmt in _statements(fn):
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                target = stmt.targets[0]
                call = stmt.value
                name = ast.unparse(call.func)
                if name == "pd.DataFrame" and isinstance(target, ast.Name) and call.args \
                        and isinstance(call.args[0], ast.Name):
                    frames[target.id] = call.args[0].id
                elif name == "os.path.join" and isinstance(target, ast.Name) and target.id == "filename":
                    filename = "/".join(_string_args(call))
                elif name == "camelot.read_pdf" and filename:
                    options = {k.arg: k.value for k in call.keywords if k.arg}
                    plain = set(options) <= PLAIN_OPTIONS
                    flavor = ast.literal_eval(options["flavor"]) if "flavor" in options else "lattice"
                    pages = ast.literal_eval(options["pages"]) if "pages" in options else "1"
                    read = {"plain": plain, "flavor": flavor, "pages": pages, "file": filename}
            for frame, index in _comparisons(stmt):
                if read is None or frame not in frames or not read["plain"] or not str(read["pages"]).isdigit():
                    continue
                if (read["flavor"] == "lattice") != (kind == "ruled"):
                    continue
                name = f"{test_py.name}::{fn.name}::{frames[frame]}::{read['file']}"
                cases.append(Case(name, kind, read["file"], int(read["pages"]), index, frames[frame]))
    return cases


def _statements(fn: ast.FunctionDef) -> list[ast.stmt]:
    """Every statement of the function, nested ones included, in source order."""
    return sorted((s for s in ast.walk(fn) if isinstance(s, ast.stmt) and s is not fn), key=lambda s: s.lineno)


def _comparisons(stmt: ast.stmt) -> list[tuple[str, int]]:
    """(frame variable, table index) of ``assert_frame_equal(df, tables[i].df)`` or ``df.equals(tables[i].df)``."""
    if isinstance(stmt, ast.Assert):
        call = stmt.test
    elif isinstance(stmt, ast.Expr):
        call = stmt.value
    else:
        return []
    if not isinstance(call, ast.Call):
        return []
    name = ast.unparse(call.func)
    if name == "assert_frame_equal" and len(call.args) == 2:
        frame, other = call.args
    elif name.endswith(".equals") and isinstance(call.func, ast.Attribute) and len(call.args) == 1:
        frame, other = call.func.value, call.args[0]
    else:
        return []
    text = ast.unparse(other)
    if not (isinstance(frame, ast.Name) and text.startswith("tables[") and text.endswith("].df")):
        return []
    try:
        return [(frame.id, int(text[len("tables["):-len("].df")]))]
    except ValueError:
        return []


def squash(text: Any) -> str:
    return " ".join(str(text or "").split())


ROW_SHIFT = 3  # rows a table may start above or below the expected one (a title line read or not)


def score(expected: Rows, got: Rows) -> tuple[int, bool]:
    """Cells of ``expected`` matched at the same position, and whether the shape is the same.

    The positions are compared with the extracted rows shifted by up to
    ROW_SHIFT rows either way, the best shift counting: Camelot's unruled
    expectations include the page's title lines above a table as rows, and
    one title line more or less must not make every cell below it wrong.
    The shape is judged unshifted.
    """
    def matched(shift: int) -> int:
        exact = 0
        for r, row in enumerate(expected):
            g = r + shift
            for c, want in enumerate(row):
                if 0 <= g < len(got) and c < len(got[g]) and squash(got[g][c]) == squash(want):
                    exact += 1
        return exact

    width = max((len(r) for r in expected), default=0)
    shape = len(got) == len(expected) and all(len(r) == width for r in got)
    return max(matched(s) for s in range(-ROW_SHIFT, ROW_SHIFT + 1)), shape


def best(expected: Rows, tables: list[Rows]) -> tuple[int, bool, int]:
    """The best-scoring table's (exact cells, shape right, how many tables were found)."""
    scored = [score(expected, t) for t in tables] or [(0, False)]
    exact, shape = max(scored, key=lambda s: (s[0], s[1]))
    return exact, shape, len(tables)


ICDAR_DIR = "src/test/resources/technology/tabula/icdar2013-dataset"
RULE_COVER = 0.5  # share of the region's height a column rule covers (see the module docstring)
RULED_XS = 3  # distinct x positions with such rules: the frame's two sides and a column rule


def icdar_root(path: Path) -> Path:
    """The dataset folder, given it or a tabula-java checkout holding it."""
    return path / ICDAR_DIR if (path / ICDAR_DIR).is_dir() else path


def icdar_cases(root: Path) -> list[Case]:
    """One case per table region of every ``*-str.xml``, its grid from the cells' start positions."""
    cases: list[Case] = []
    for structure in sorted(root.glob("*/*-str.xml")):
        pdf = structure.with_name(structure.name[: -len("-str.xml")] + ".pdf")
        if not pdf.is_file():  # a second annotation ("-b") whose PDF the dataset does not ship
            continue
        regions = _region_boxes(structure.with_name(structure.name.replace("-str.xml", "-reg.xml")))
        for table in ET.parse(structure).getroot().iter("table"):
            for region in table.iter("region"):
                key = (table.get("id"), region.get("id"))
                name = f"{pdf.relative_to(root)}#{key[0]}.{key[1]}"
                grid = _region_grid(region)
                kind = _drawn_kind(pdf, int(region.get("page", "1")), regions.get(key))
                cases.append(Case(name, kind, str(pdf.relative_to(root)), int(region.get("page", "1")), 0,
                                  name, tuple(tuple(r) for r in grid)))
    return cases


def _region_grid(region: ET.Element) -> Rows:
    """The region's cells on a grid counted from its first occupied row and column.

    Some of the dataset's files count rows and columns from 0, others from 1;
    a row or column no cell starts in before the first occupied one is that
    count, not an empty row of the table.
    """
    cells = [(int(c.get("start-row", 0)), int(c.get("start-col", 0)), squash(c.findtext("content")))
             for c in region.iter("cell")]
    r0, c0 = min((r for r, _, _ in cells), default=0), min((c for _, c, _ in cells), default=0)
    cells = [(r - r0, c - c0, text) for r, c, text in cells]
    rows = max((r for r, _, _ in cells), default=-1) + 1
    cols = max((c for _, c, _ in cells), default=-1) + 1
    grid = [[""] * cols for _ in range(rows)]
    for r, c, text in cells:
        grid[r][c] = text
    return grid


def _region_boxes(reg_xml: Path) -> dict[tuple[str | None, str | None], tuple[float, float, float, float]]:
    """(table id, region id) -> (x0, y0, x1, y1) in PDF user space (y up), from the region file."""
    boxes = {}
    if not reg_xml.is_file():
        return boxes
    for table in ET.parse(reg_xml).getroot().iter("table"):
        for region in table.iter("region"):
            box = region.find("bounding-box")
            if box is not None:
                boxes[(table.get("id"), region.get("id"))] = tuple(float(box.get(k, 0)) for k in ("x1", "y1", "x2", "y2"))
    return boxes


def _drawn_kind(pdf: Path, page: int, box: tuple[float, float, float, float] | None) -> str:
    """"ruled" when the region's box holds column rules at RULED_XS x positions or more (docstring)."""
    if box is None:
        return "unruled"
    import pdfplumber

    x0, y0, x1, y1 = box
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        top, bottom = p.height - y1, p.height - y0
        covered: dict[int, float] = {}
        for e in p.edges:
            if e["orientation"] != "v" or not (x0 - 2 <= e["x0"] <= x1 + 2):
                continue
            overlap = min(e["bottom"], bottom + 2) - max(e["top"], top - 2)
            if overlap > 0:
                covered[round(e["x0"])] = covered.get(round(e["x0"]), 0.0) + overlap
    merged: list[tuple[int, float]] = []
    for x, length in sorted(covered.items()):
        if merged and x - merged[-1][0] <= 2:
            merged[-1] = (merged[-1][0], merged[-1][1] + length)
        else:
            merged.append((x, length))
    ruled = sum(1 for _, length in merged if length >= RULE_COVER * (bottom - top))
    return "ruled" if ruled >= RULED_XS else "unruled"


def ours(pdf: Path, page: int) -> list[Rows]:
    from pipeline.extract.rows import pdf_table_rows

    return pdf_table_rows(pdf.read_bytes(), [page]).get(page, [])


def plumber(strategy: str):  # type: ignore[no-untyped-def]
    def run(pdf: Path, page: int) -> list[Rows]:
        import pdfplumber

        settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
        with pdfplumber.open(pdf) as doc:
            tables = doc.pages[page - 1].extract_tables(settings)
        return [[[squash(c) for c in row] for row in t] for t in tables]
    return run


EXTRACTORS = {"this project": ours, "pdfplumber lines": plumber("lines"), "pdfplumber text": plumber("text")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="a checkout of camelot-dev/camelot (or of the --suite)")
    parser.add_argument("--suite", choices=("camelot", "icdar2013"), default="camelot",
                        help="camelot (default) or icdar2013 (a checkout of tabulapdf/tabula-java)")
    parser.add_argument("--part", choices=("all", "tuning", "held-out"), default="tuning",
                        help="which cases to run (default tuning, what to run while developing; all or "
                             "held-out only for the final figures)")
    parser.add_argument("--out", type=Path, default=None,
                        help="default bench/peers.json (camelot), bench/peers-icdar2013.json")
    parser.add_argument("--show", action="store_true", help="print every case's figures")
    parser.add_argument("--list", action="store_true", help="list the cases and their part, run nothing")
    parser.add_argument("-k", dest="only", default="", help="only the cases whose name contains this")
    args = parser.parse_args(argv)
    loaded = suite_cases(args.suite, args.checkout)
    if isinstance(loaded, str):
        print(f"error: {args.checkout}: {loaded}", file=sys.stderr)
        return 2
    cases, files, expectations = loaded
    cases = [c for c in cases if args.only in c.name]
    if args.part != "all":
        cases = [c for c in cases if c.held_out == (args.part == "held-out")]
    if args.list:
        for case in cases:
            print(f"{'held-out' if case.held_out else 'tuning  '} {case.kind:8} page {case.page} "
                  f"table {case.table_index} {case.name}")
        return 0
    results = []
    for case in cases:
        expected = [[squash(v) for v in row] for row in (case.expected or expectations[case.data_name])]
        n_cells = sum(len(r) for r in expected)
        row: dict[str, Any] = {**asdict(case), "held_out": case.held_out, "cells": n_cells}
        del row["expected"]
        for label, extract in EXTRACTORS.items():
            started = time.perf_counter()
            try:
                exact, shape, found = best(expected, extract(files / case.pdf, case.page))
                error = None
            except Exception as exc:  # noqa: BLE001  one broken case must not stop the benchmark
                exact, shape, found, error = 0, False, 0, f"{type(exc).__name__}: {exc}"
            row[label] = {"exact": exact, "shape": shape, "tables": found, "error": error,
                          "seconds": round(time.perf_counter() - started, 3)}
        results.append(row)
        if args.show:
            figures = "  ".join(f"{k}: {row[k]['exact']}/{n_cells}{' shape' if row[k]['shape'] else ''}"
                                for k in EXTRACTORS)
            print(f"{'held-out' if case.held_out else 'tuning  '} {case.kind:8} {case.name}: {figures}")
    summary = summarise(results)
    print_summary(summary)
    out = args.out or ROOT / "bench" / ("peers.json" if args.suite == "camelot" else f"peers-{args.suite}.json")
    write_report(out, {"suite": args.suite, "summary": summary, "cases": results}, final_newline=False)
    print(f"written to {out}")
    return 0


def suite_cases(suite: str, checkout: Path) -> tuple[list[Case], Path, dict[str, Any]] | str:
    """(cases, the folder their PDFs are relative to, data.py's expectations) or what is wrong with the path."""
    if suite == "icdar2013":
        root = icdar_root(checkout)
        if not any(root.glob("*/*-str.xml")):
            return f"no {ICDAR_DIR}/*/*-str.xml (is it a checkout of tabulapdf/tabula-java?)"
        return icdar_cases(root), root, {}
    tests = checkout / "tests"
    if not (tests / "data.py").is_file():
        return "no tests/data.py (is it a checkout of camelot-dev/camelot?)"
    expectations = literal_values(tests / "data.py")
    cases = [c for f, kind in TEST_FILES.items() for c in cases_of(tests / f, kind) if c.data_name in expectations]
    return list({c.name: c for c in cases}.values()), tests / "files", expectations


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in ("tuning", "held-out", "all"):
        for kind in ("ruled", "unruled"):
            rows = [r for r in results if r["kind"] == kind and (part == "all" or r["held_out"] == (part == "held-out"))]
            if not rows:
                continue
            cells = sum(r["cells"] for r in rows)
            out[f"{part}/{kind}"] = {
                "cases": len(rows),
                "cells": cells,
                **{k: {"cells_exact": round(sum(r[k]["exact"] for r in rows) / cells, 4),
                       "shape_right": sum(1 for r in rows if r[k]["shape"]),
                       "table_found": sum(1 for r in rows if r[k]["tables"])} for k in EXTRACTORS},
            }
    return out


def print_summary(summary: dict[str, Any]) -> None:
    print(f"{'part/kind':18} {'cases':>5} {'cells':>6}  " + "  ".join(f"{k:>26}" for k in EXTRACTORS))
    for key, s in summary.items():
        figures = "  ".join(f"{s[k]['cells_exact']:>8.1%} exact {s[k]['shape_right']:>3}/{s['cases']} shape"
                            for k in EXTRACTORS)
        print(f"{key:18} {s['cases']:>5} {s['cells']:>6}  {figures}")


if __name__ == "__main__":
    sys.exit(main())
