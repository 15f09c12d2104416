"""The one scoring module of the dev tools and the tests: how a reading is compared with the truth.

Every benchmark (bench_ocr, bench_scans, bench_producers, bench_cascade, bench_incidents,
score_warehouse) and the tests' shared helpers (tests/conftest.py) take canonical text, the
character error rate, page ranges and the ground-truth readers from here, so two figures
never disagree because two copies of a comparison drifted apart. Closed vocabularies are
decoded by the recognize stage's own decoders (``pipeline.recognize.tables``), never by a
reimplementation: a benchmark must score what the pipeline would store.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def squeeze(text: str | None) -> str:
    """Text with all whitespace removed: how free-text fields are compared (producers wrap differently)."""
    return re.sub(r"\s+", "", text or "")


def canon(text: object) -> str:
    """NFKC without whitespace: what two readings must share to count as equal (OCR against the truth)."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def levenshtein(have: str, want: str) -> int:
    """Edit distance, as given (callers choose canon or squeeze first)."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(have, want))


def cer(have: str, want: str, fold: Callable[[str], str] = canon) -> float:
    """Character error rate of ``have`` against ``want``: edit distance / length, both folded first
    (canonical forms by default; ``squeeze`` where the text is already normalized and NFKC must not help)."""
    return levenshtein(fold(have), fold(want)) / max(1, len(fold(want)))


def parse_pages(spec: str | None, count: int) -> list[int]:
    """'1-3,7' -> [0, 1, 2, 6] (0-based, pages past ``count`` dropped); None or '' -> every page."""
    if not spec:
        return list(range(count))
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a) - 1, int(b or a)))
    return [i for i in out if 0 <= i < count]


def decode(field: str, text: str) -> str:
    """A closed-vocabulary cell as the recognize stage stores it (its own decoders, not a nearest
    match: an empty or unreadable reading stays unread, 「舞」 is not 有), canonicalized; '' when
    the recognize stage would store NULL."""
    from pipeline.config import table_report_types
    from pipeline.normalize import NormalizeError, normalize_text
    from pipeline.recognize.tables import decode_agency, decode_flag
    from pipeline.types import BBox, Cell

    if field in ("sensitive", "ordinance_sensitive"):
        try:
            value, _ = decode_flag(Cell(0, 0, 0, text, BBox(0, 0, 0, 0), source="ocr"))
        except NormalizeError:
            return ""
        return "有" if value else "無"
    if field == "agency":
        report_type = next(rt for rt in table_report_types() if rt.name == "review_status")
        return canon(decode_agency(text, report_type)[0])
    return canon(normalize_text(text))  # link_type is free text to the recognize stage: normalized only


# ---------------------------------------------------------------- ground truth


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a ground-truth CSV as dicts of strings."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_truth(folder: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The expected cases (every cases_*.csv) and summary counts (review_counts.csv) of a ground-truth folder."""
    truth: list[dict[str, str]] = []
    for path in sorted(folder.glob("cases_*.csv")):
        truth.extend(read_csv(path))
    return truth, read_csv(folder / "review_counts.csv")


# ---------------------------------------------------------------- a warehouse against the truth

EXACT = ("criterion", "case_no", "agency", "sensitive", "ordinance_sensitive", "department", "link_type",
         "legal_basis")
FREE_TEXT = ("description", "recipient", "purpose")


def read_document(con, file_name: str) -> tuple[dict, dict, tuple[int, int], list[tuple[str, int]]] | None:  # type: ignore[no-untyped-def,type-arg]
    """One document's cases by (criterion, case_no), summary counts by (criterion, agency), checks (ok, all),
    and the (criterion, case_no) keys held by more than one case.

    A misread number can give two cases one key: the lookup by key keeps only
    the last, so the other is scored against nothing and the kept one perhaps
    against the wrong truth row. The duplicated keys are returned so that the
    score says so instead of hiding it. None when the warehouse has no document
    of that file name.
    """
    doc = con.execute("SELECT doc_id FROM documents WHERE file_name = ?", [file_name]).fetchone()
    if doc is None:
        return None
    cur = con.execute("SELECT * FROM cases WHERE doc_id = ?", [doc[0]])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row)) for row in cur.fetchall()]
    got = {(r["criterion"], r["case_no"]): r for r in rows}
    counts = {(c, a): (n, s, o) for c, a, n, s, o in con.execute(
        "SELECT criterion, agency, reviewed, sensitive, ordinance_sensitive FROM review_counts "
        "WHERE doc_id = ?", [doc[0]]).fetchall()}
    checks = con.execute("SELECT count(*) FILTER (WHERE ok), count(*) FROM checks WHERE doc_id = ?",
                         [doc[0]]).fetchone()
    return got, counts, (int(checks[0]), int(checks[1])), duplicated_keys(rows)


def duplicated_keys(rows: Iterable[dict]) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    """Each (criterion, case_no) that more than one row holds, once per extra row, in key order."""
    seen: dict[tuple[str, int], int] = {}
    for r in rows:
        key = (r["criterion"], r["case_no"])
        seen[key] = seen.get(key, 0) + 1
    return [key for key in sorted(seen, key=lambda k: (str(k[0]), k[1])) for _ in range(seen[key] - 1)]


def field_exact(field: str, have: object, want: str) -> bool:
    """A warehouse value against its ground-truth text, whitespace removed (booleans as true/false)."""
    if field in ("sensitive", "ordinance_sensitive"):
        have = "" if have is None else str(have).lower()
    return squeeze(str(have) if have is not None else "") == squeeze(want)


def score(truth: list[dict[str, str]], truth_counts: list[dict[str, str]], got: dict, counts: dict,  # type: ignore[type-arg]
          checks: tuple[int, int], duplicates: Iterable[tuple[str, int]] = ()) -> dict[str, Any]:
    """Rows found, rows with every field exact, exact share per field, free-text CER, summary cells and rows
    (a summary row is exact when its three counts are), checks, and the warehouse's rows whose
    (criterion, case_no) another row already holds (``duplicates``: those rows are not scored, and
    the row that is may be compared with the wrong truth row, so the figure must be seen)."""
    duplicates = list(duplicates)
    found = rows_exact = 0
    right = dict.fromkeys(EXACT, 0)
    edits = length = 0
    missing: list[tuple[str, int]] = []
    inexact: list[tuple[str, int]] = []
    for exp in truth:
        row = got.get((exp["criterion"], int(exp["case_no"])))
        if row is None:
            missing.append((exp["criterion"], int(exp["case_no"])))
            continue
        found += 1
        exact = [field_exact(field, row[field], exp[field]) for field in EXACT + FREE_TEXT]
        rows_exact += all(exact)
        if not all(exact):
            inexact.append((exp["criterion"], int(exp["case_no"])))
        for field, ok in zip(EXACT, exact):
            right[field] += ok
        for field in FREE_TEXT:
            want = squeeze(exp[field])
            edits += levenshtein(squeeze(row[field]), want)
            length += len(want)
    summary = [[counts.get((r["criterion"], r["agency"]), (None,) * 3)[i] == int(r[f])
                for i, f in enumerate(("reviewed", "sensitive", "ordinance_sensitive"))] for r in truth_counts]
    return {
        "rows_found": f"{found}/{len(truth)}",
        "rows_exact": f"{rows_exact}/{len(truth)}",
        "exact_share": {f: round(right[f] / max(found, 1), 4) for f in EXACT},
        "free_text_cer": round(edits / max(length, 1), 4),
        "summary_cells_exact": f"{sum(map(sum, summary))}/{3 * len(truth_counts)}",
        "summary_rows_exact": f"{sum(map(all, summary))}/{len(truth_counts)}",
        "checks_ok": f"{checks[0]}/{checks[1]}",
        "duplicates": len(duplicates),
        "duplicated": [list(key) for key in duplicates],  # (criterion, case_no) once per extra row
        "missing": missing,  # (criterion, case_no) of the expected rows not found
        "inexact": inexact,  # (criterion, case_no) of the rows found with a field not exact
    }


def score_document(con, file_name: str, truth: list[dict[str, str]],  # type: ignore[no-untyped-def]
                   truth_counts: list[dict[str, str]]) -> dict[str, Any] | None:
    """``score`` of one document of an open warehouse, with its file name and doc_id; None if absent."""
    document = read_document(con, file_name)
    if document is None:
        return None
    doc_id = con.execute("SELECT doc_id FROM documents WHERE file_name = ?", [file_name]).fetchone()[0]
    return {"file": file_name, "doc_id": doc_id, **score(truth, truth_counts, *document)}


# ---------------------------------------------------------------- rows lost without a finding

# Findings that say rows of a page may not have landed. Any other finding on the page (a decoded
# agency, a relaxed header) says something was read after all, so it does not excuse a lost row.
LOSS_FINDINGS = ("table_not_recognized", "numbering_gap", "numbering_out_of_order", "row_without_number",
                 "unreadable_case_no", "aligned_block_not_read",
                 "incident_not_assembled")


def silent_losses(con, doc_id: str, missing: list[tuple[str, int]],  # type: ignore[no-untyped-def]
                  pages_of: Callable[[tuple[str, int]], Iterable[int | None]]) -> int:
    """Missing rows none of whose possible pages (``pages_of``) has a finding that rows were lost.

    A row with no known page counts as silent; a document-wide
    ``nothing_recognized`` covers every page, and a finding on a table continued
    over pages (``last_page_no``) covers each of them. The caller says where a row
    would be: one page from a born-digital copy of the same layout
    (bench_scans), or the pages between its found neighbours (``pages_between``).
    """
    found = con.execute("SELECT kind, page_no, last_page_no FROM findings WHERE doc_id = ?", [doc_id]).fetchall()
    if any(kind == "nothing_recognized" for kind, _, _ in found):
        return 0
    flagged = {p for kind, first, last in found if kind in LOSS_FINDINGS and first is not None
               for p in range(first, (last or first) + 1)}
    return sum(1 for key in missing if not flagged.intersection(p for p in pages_of(key) if p is not None))


def unflagged_errors(con, doc_id: str, inexact: list[tuple[str, int]], got: dict) -> int:  # type: ignore[no-untyped-def,type-arg]
    """Rows found with a field wrong and no finding of any kind on their page: wrong values nothing points at.

    Any finding counts (a decoded flag, a row joined, a cell over two
    fields): whoever reviews the page is led to the row. A wrong value on a
    page with no finding at all is what a user cannot know to check.
    """
    pages = {page for (page,) in con.execute("SELECT page_no FROM findings WHERE doc_id = ?", [doc_id]).fetchall()}
    return sum(1 for key in inexact if got.get(key, {}).get("page_no") not in pages)


def pages_between(got: dict, page_count: int) -> Callable[[tuple[str, int]], range]:  # type: ignore[type-arg]
    """Where a missing row would stand: from the page of the last row found before it (same criterion)
    to that of the first found after it, the first or last page of the document where there is none.

    For a producer whose pages are not the ground truth's: the row cannot be
    placed more closely without reading it. ``got`` is ``read_document``'s
    cases by (criterion, case_no), each with its ``page_no``.
    """
    pages = {key: row["page_no"] for key, row in got.items() if row.get("page_no") is not None}
    first, last = 1, max(page_count, 1)

    def around(key: tuple[str, int]) -> range:
        before = [k for k in pages if k[0] == key[0] and k[1] < key[1]]
        after = [k for k in pages if k[0] == key[0] and k[1] > key[1]]
        lo = pages[max(before)] if before else first
        hi = pages[min(after)] if after else last
        return range(lo, max(lo, hi) + 1)

    return around


def write_report(path: Path, payload: Any, *, indent: int = 1, ascii_only: bool = False,
                 final_newline: bool = True) -> Path:
    """Write a bench's JSON report (its folder made if missing): the one writer every dev bench ends with.

    UTF-8, non-ASCII kept as it is, indent 1 and a final newline unless told
    otherwise: the options exist so that each bench's file comes out byte for
    byte as it did when each wrote its own (bench.py escaped non-ASCII, it and
    bench_match indent 2, seven had no final newline), and the committed
    bench/*.json do not change for a refactor.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, ensure_ascii=ascii_only, indent=indent) + ("\n" if final_newline else "")
    path.write_text(text, encoding="utf-8")
    return path
