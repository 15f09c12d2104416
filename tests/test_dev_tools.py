"""The developer tools stay out of the way (issue 16): dev/ holds them, scripts/ only the user aliases.

Checked on the source, so a new tool that imports tests/, grows its own copy of the scoring
helpers or lands in scripts/ fails here rather than in a reviewer's head.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "dev"
# what dev/scoring.py alone defines: the comparisons every benchmark and test must share
SCORING = ("canon", "squeeze", "levenshtein", "cer", "parse_pages", "decode", "read_truth", "read_csv",
           "read_document", "field_exact", "score_document", "silent_losses", "pages_between", "unflagged_errors")


def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement of ``path`` names (top level or inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def touches_sys_path(path: Path) -> bool:
    """Whether the code (not a docstring) of ``path`` reads or changes ``sys.path``."""
    return any(isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name)
               and node.value.id == "sys" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def dev_tools() -> list[str]:
    """Modules of dev/ meant to be run (``python -m dev.NAME``): those with a ``__main__`` block."""
    return sorted(p.stem for p in DEV.glob("*.py") if 'if __name__ == "__main__":' in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", ["dev", "pipeline", "scripts"])
def test_nothing_outside_tests_imports_tests(folder: str) -> None:
    offenders = {str(p.relative_to(ROOT)): sorted(m for m in imported_modules(p) if m.split(".")[0] == "tests")
                 for p in python_files(ROOT / folder)}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_pipeline_never_imports_the_dev_tools() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in python_files(ROOT / "pipeline")
                 if any(m.split(".")[0] == "dev" for m in imported_modules(p))]
    assert offenders == []


def test_pipeline_never_imports_pymupdf() -> None:
    """PyMuPDF (AGPL-3.0) is a dev extra that draws held-out test inputs (dev/producers/pymupdf_story.py) only."""
    offenders = [str(p.relative_to(ROOT)) for p in python_files(ROOT / "pipeline")
                 if {m.split(".")[0] for m in imported_modules(p)} & {"pymupdf", "fitz"}]
    assert offenders == []


def test_the_dev_tools_do_not_touch_sys_path() -> None:
    """One way to run them, ``python -m dev.NAME`` from the checkout: no bootstrap, no path surgery."""
    offenders = [str(p.relative_to(ROOT)) for p in python_files(DEV)
                 if touches_sys_path(p) or "_bootstrap" in imported_modules(p)]
    assert offenders == []


def test_the_scoring_helpers_are_written_once() -> None:
    """canon, cer, page ranges, closed-vocabulary decoding … are defined in dev/scoring.py and nowhere
    else in dev/ or tests/ (a second copy is how two benchmarks come to disagree)."""
    where: dict[str, list[str]] = {}
    for path in python_files(DEV, ROOT / "tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in SCORING:
                where.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    assert where == {name: ["dev/scoring.py"] for name in SCORING}


def test_a_lost_row_is_silent_unless_a_page_it_may_stand_on_says_rows_were_lost() -> None:
    """bench_producers places a missing row between the pages of its found neighbours; a loss finding on
    any of them excuses it, another kind of finding (or one on another page) does not."""
    import duckdb

    from dev.scoring import pages_between, silent_losses

    con = duckdb.connect()
    con.execute("CREATE TABLE findings (doc_id VARCHAR, kind VARCHAR, page_no INTEGER, last_page_no INTEGER)")
    con.execute("INSERT INTO findings VALUES ('d', 'row_without_number', 4, NULL), ('d', 'agency_decoded', 6, NULL)")
    got = {("outsourcing", 1): {"page_no": 3}, ("outsourcing", 4): {"page_no": 5},
           ("outsourcing", 9): {"page_no": 6}, ("online_link", 2): {"page_no": 8}}
    where = pages_between(got, page_count=9)
    assert list(where(("outsourcing", 2))) == [3, 4, 5]
    assert list(where(("online_link", 1))) == [1, 2, 3, 4, 5, 6, 7, 8]  # nothing found before it: from page 1
    missing = [("outsourcing", 2), ("outsourcing", 3), ("outsourcing", 7), ("online_link", 3)]
    # 2 and 3: page 4 says rows were lost; 7 (pages 5-6) and online_link 3 (pages 8-9) are silent
    assert silent_losses(con, "d", missing, where) == 2
    con.execute("INSERT INTO findings VALUES ('d', 'nothing_recognized', NULL, NULL)")
    assert silent_losses(con, "d", missing, where) == 0


def test_a_finding_on_a_table_over_pages_covers_each_of_its_pages() -> None:
    """A table continued from page 6 to 7 that no kind read has its finding on page 6 with last page 7:
    a row lost on page 7 is reported, one on page 8 is not."""
    import duckdb

    from dev.scoring import silent_losses

    con = duckdb.connect()
    con.execute("CREATE TABLE findings (doc_id VARCHAR, kind VARCHAR, page_no INTEGER, last_page_no INTEGER)")
    con.execute("INSERT INTO findings VALUES ('d', 'table_not_recognized', 6, 7)")
    pages = {("outsourcing", 1): 7, ("outsourcing", 2): 8}
    assert silent_losses(con, "d", list(pages), lambda key: [pages[key]]) == 1


def test_a_wrong_row_is_quiet_unless_some_finding_stands_on_its_page() -> None:
    """bench_producers' ``quiet``: a row found with a wrong field counts unless any finding is on its page."""
    import duckdb

    from dev.scoring import unflagged_errors

    con = duckdb.connect()
    con.execute("CREATE TABLE findings (doc_id VARCHAR, kind VARCHAR, page_no INTEGER, last_page_no INTEGER)")
    con.execute("INSERT INTO findings VALUES ('d', 'cell_over_fields', 4, NULL), ('e', 'agency_decoded', 5, NULL)")
    got = {("outsourcing", 1): {"page_no": 4}, ("outsourcing", 2): {"page_no": 5}, ("outsourcing", 3): {"page_no": 6}}
    assert unflagged_errors(con, "d", [("outsourcing", 1), ("outsourcing", 2)], got) == 1  # page 5's is another doc's
    assert unflagged_errors(con, "d", [], got) == 0


def test_scripts_holds_only_thin_aliases_of_the_console_script() -> None:
    """scripts/ is what users were told about: each file hands over to pipeline.cli and holds no logic."""
    for path in python_files(ROOT / "scripts"):
        if path.name == "_bootstrap.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert {m for m in imported_modules(path) if m != "_bootstrap"} <= {"pipeline.cli", "pipeline.cli.tree"}, path
        assert len(text.splitlines()) <= 12 and "def " not in text, path


def test_every_dev_tool_is_listed_in_dev_readme() -> None:
    readme = (DEV / "README.md").read_text(encoding="utf-8")
    assert [t for t in dev_tools() if f"`{t}`" not in readme] == []


@pytest.mark.parametrize("tool", dev_tools())
def test_every_dev_tool_help_runs(tool: str) -> None:
    out = subprocess.run([sys.executable, "-m", f"dev.{tool}", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout


def test_a_case_number_held_twice_is_counted_not_silently_overwritten() -> None:
    """A misread No. (81 read as 8) gives two cases one key; the score must say how many rows were
    hidden by the lookup by key, and which keys, instead of scoring one of them against the wrong row."""
    import duckdb

    from dev.scoring import EXACT, FREE_TEXT, read_document, score

    fields = [f for f in EXACT + FREE_TEXT if f not in ("criterion", "case_no")]
    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, file_name VARCHAR)")
    con.execute("CREATE TABLE cases (doc_id VARCHAR, criterion VARCHAR, case_no INTEGER, "
                + ", ".join(f"{f} VARCHAR" for f in fields) + ")")
    con.execute("CREATE TABLE review_counts (doc_id VARCHAR, criterion VARCHAR, agency VARCHAR, "
                "reviewed INTEGER, sensitive INTEGER, ordinance_sensitive INTEGER)")
    con.execute("CREATE TABLE checks (doc_id VARCHAR, ok BOOLEAN)")
    con.execute("INSERT INTO documents VALUES ('d', 'a.pdf'), ('e', 'b.pdf')")
    blank = ", ".join("NULL" for _ in fields)
    for doc, criterion, no in [("d", "x", 7), ("d", "x", 8), ("d", "x", 8), ("d", "x", 8), ("d", "y", 8),
                               ("e", "x", 9), ("e", "x", 9)]:  # another document's rows are not this one's
        con.execute(f"INSERT INTO cases VALUES ('{doc}', '{criterion}', {no}, {blank})")
    document = read_document(con, "a.pdf")
    assert document is not None
    truth = [{"criterion": c, "case_no": str(n), **dict.fromkeys(fields, "")} for c, n in
             [("x", 7), ("x", 8), ("x", 81), ("x", 82), ("y", 8)]]
    scored = score(truth, [], *document)
    assert scored["duplicates"] == 2  # three rows hold ("x", 8): two of them are not scored
    assert scored["duplicated"] == [["x", 8], ["x", 8]]
    assert scored["rows_found"] == "3/5"
    single = read_document(con, "b.pdf")
    assert single is not None and score(truth, [], *single)["duplicates"] == 1
    assert score(truth, [], *document[:3])["duplicates"] == 0  # callers without the keys still score


def test_the_held_out_scan_pipeline_is_seeded_and_keeps_its_resolution(tmp_path: Path) -> None:
    """The same seed gives the same bytes, another seed another page, stored at the pipeline's stated dpi.

    Only the scan itself is looked at (no OCR, no score): the held-out machine is
    the lead's to score once. Page 1 of the reportlab corpus PDF, built twice.
    """
    import numpy as np
    import pypdfium2 as pdfium

    from dev.build_scans import build_pipeline
    from dev.scan_pipelines import HELD_OUT, PIPELINES, scan_page

    source = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
    assert HELD_OUT
    for name in HELD_OUT:
        spec, _ = PIPELINES[name]
        folders = [tmp_path / name / "a", tmp_path / name / "b"]
        for folder in folders:
            folder.mkdir(parents=True)
        first, second = (build_pipeline(source, name, folder, "1") for folder in folders)
        assert first.read_bytes() == second.read_bytes()
        if spec.mode == "MRC":  # compact: layers, each at its own seeded dpi (tests/test_compact_scan.py)
            continue
        pdf = pdfium.PdfDocument(str(first))
        try:
            width_pt, height_pt = pdf[0].get_size()
            image = next(obj for obj in pdf[0].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
            px_w, px_h = image.get_px_size()
        finally:
            pdf.close()
        assert (round(px_w / width_pt * 72), round(px_h / height_pt * 72)) == spec.dpi
        clean = np.full((400, 300), 255, np.uint8)
        clean[100:110, 20:280] = 0  # a rule, so that the seeds' warps differ in what they move
        a = np.asarray(scan_page(name, clean, np.random.default_rng(1)))
        b = np.asarray(scan_page(name, clean, np.random.default_rng(1)))
        c = np.asarray(scan_page(name, clean, np.random.default_rng(2)))
        assert a.shape[:2] == clean.shape and (a == b).all() and not (a == c).all()


def writes_json_itself(path: Path) -> bool:
    """Whether ``path`` calls ``….write_text(json.dumps(…)…)``: a report writer of its own."""
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "write_text"
               and any(isinstance(inner, ast.Attribute) and inner.attr == "dumps"
                       for arg in node.args for inner in ast.walk(arg))
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_the_benches_write_their_reports_through_one_writer() -> None:
    """Every bench ends with dev/scoring.write_report, so folder, encoding and layout are decided once."""
    benches = sorted([*DEV.glob("bench*.py"), DEV / "score_warehouse.py"])
    assert len(benches) >= 12
    assert [str(p.relative_to(ROOT)) for p in benches if writes_json_itself(p)] == []
    assert all("write_report" in imported_names(p, "dev.scoring") for p in benches)


def imported_names(path: Path, module: str) -> set[str]:
    return {alias.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module == module for alias in node.names}


def test_check_producer_text_names_a_missing_case_and_summary_row() -> None:
    """The held-out renders' own-text check (no extractor) misses neither a dropped row nor a dropped count."""
    from dev.check_producer_text import expected_summary_rows, missing

    summary = list(expected_summary_rows().elements())
    cases = [["outsourcing", 12], ["online_link", 12], ["outsourcing", 13]]
    lines = [" ".join(summary[0]), *summary[1:], "12 委託の内容", "13 委託の内容", "本文 12"]
    assert missing(lines, cases) == {"cases": ["12 x1"], "summary": []}
    assert missing(lines[1:] + ["12 x"], cases) == {"cases": [], "summary": [f"{summary[0]} x1"]}


def test_bench_producers_checks_only_the_chosen_files(tmp_path: Path) -> None:
    """A folder built with ``--style`` or ``--only`` is scored with the same filter: the bench names the chosen
    file that is missing and no other (it used to demand the whole matrix before filtering)."""
    from dev import bench_producers
    from dev.producers.model import load_matrix

    variant = load_matrix()[-1].name  # a matrix variant, not one of the committed corpus PDFs
    with pytest.raises(SystemExit) as refused:
        bench_producers.main(["--dir", str(tmp_path), "--only", variant])
    missing = str(refused.value).split(": ", 1)[1].split(", ")
    assert missing == [str(tmp_path / f"{variant}.pdf")]
