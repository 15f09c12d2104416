#!/usr/bin/env python3
"""Benchmark the OCR path on the scanned corpus against the ground truth.

For each scanned PDF and each engine, every page goes through
``pipeline.extract.ocr.ocr_page`` and the raw cell text of the list tables is
compared with the ground-truth CSVs (``pipeline.run`` does not exist yet, so
this compares PageTables directly; column order per list comes from the
layout the corpus was rendered from). Printed per PDF and engine:

* case rows found: when the page's grid has exactly one body row per expected case the
  rows are aligned in order, otherwise by the digits of the No. cell; case_no exact
  then says whether the No. cell itself reads right
* exact-match rate per column, raw (text as delivered) and, for the closed
  vocabularies, decoded by the recognize stage's own decoders
  (``pipeline.recognize.tables.decode_flag`` / ``decode_agency``, through
  dev/scoring.py; link_type is free text there, normalized only): a reading
  they cannot decode counts as wrong; department also through ``pipeline.match.departments.match_department``
* character error rate of the free-text columns (description, recipient,
  purpose): edit distance / length, NFKC, whitespace removed
* summary cells exact (the 審査件数 tables on pages 1-2)
* seconds per page, and in the same worker right after each page, on the same
  rendered image, plain full-page ``pytesseract.image_to_string(lang="jpn")``
  seconds per page (measured again for every engine: the load on a shared
  machine drifts, so only a ratio taken at the same time is fair): ``tess`` and
  ``ratio``, the issue's yardstick
* the same full-page read in process through tesserocr (no tesseract start, no
  PNG), as our Tesseract engine runs where tesserocr is installed: ``tessIP``
  and ``ratioIP``, so the gain from running in process is not mistaken for a
  gain of the method

Pages run in ``--jobs`` worker processes (each OCR process is single-threaded).
Writes everything to bench/ocr.json.

    python -m dev.bench_ocr                         # both scans, tesseract, all pages
    python -m dev.bench_ocr --engine tesseract --engine ppocr --pages 1-6,28,36
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from dev.scoring import canon, decode, levenshtein, parse_pages, read_csv, write_report
from pipeline.extract.engines import ENGINE_NAMES

ROOT = Path(__file__).resolve().parents[1]

DOC = "setagaya-2023-report359"
GT = ROOT / "corpus" / "ground_truth" / DOC
PDFS = {
    "scan300": ROOT / "corpus" / "pdf" / f"{DOC}-scan300.pdf",
    "scan200": ROOT / "corpus" / "pdf" / f"{DOC}-scan200.pdf",
    "cidfont": ROOT / "corpus" / "pdf" / f"{DOC}-cidfont.pdf",
}
# ground-truth field of each list column, by criterion (the order build_corpus.py prints them)
LIST_FIELDS = {
    "outsourcing": ["case_no", "description", "department", "agency", "sensitive", "ordinance_sensitive"],
    "external_provision": ["case_no", "recipient", "purpose", "legal_basis", "department", "agency",
                           "sensitive", "ordinance_sensitive"],
    "online_link": ["case_no", "link_type", "description", "department", "agency", "sensitive",
                    "ordinance_sensitive"],
}
FREE_TEXT = ("description", "recipient", "purpose")
EXACT = ("case_no", "legal_basis", "link_type", "department", "agency", "sensitive", "ordinance_sensitive")
VOCAB = ("sensitive", "ordinance_sensitive", "agency", "link_type")  # columns scored after decode()
TEXT_KEYS = ("tables", "lines")  # per-page texts, kept in the JSON only with --details
SUMMARY_ORDER = ["outsourcing", "purpose_external_use", "external_provision", "online_link"]


def gt_value(field: str, row: dict[str, str]) -> str:
    v = row[field]
    if field in ("sensitive", "ordinance_sensitive"):
        return "有" if v == "true" else "無"
    if field == "department":
        return row["department_raw"]
    return v


def load_truth() -> tuple[dict[int, str], dict[tuple[int, int], dict[str, str]], list[dict[str, str]]]:
    layout = json.loads((GT / "layout.json").read_text(encoding="utf-8"))
    kinds: dict[int, str] = {}
    for page in layout["pages"]:
        crit = next((b["criterion"] for b in page["blocks"] if b["type"] == "table"), "")
        kinds[page["page_no"]] = f"list:{crit}" if page["kind"] == "list" else "front"
    cases: dict[tuple[int, int], dict[str, str]] = {}
    for crit in LIST_FIELDS:
        for row in read_csv(GT / f"cases_{crit}.csv"):
            cases[(int(row["page_no"]), int(row["case_no"]))] = row
    counts = read_csv(GT / "review_counts.csv")
    return kinds, cases, counts


# ---------------------------------------------------------------- workers

_ENGINES: dict[str, Any] = {}


def _work(task: tuple[str, int, str, int, bool]) -> dict[str, Any]:
    from pipeline.extract.engines import get_engine
    from pipeline.extract.ocr import ocr_page, render_page

    pdf, index, engine_name, dpi, baseline = task
    if engine_name not in _ENGINES:
        _ENGINES[engine_name] = get_engine(engine_name)
    engine = _ENGINES[engine_name]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    width, height = doc[index].get_size()
    doc.close()
    image = render_page(pdf, index, dpi)
    reread_before = getattr(engine, "reread", 0)
    page = ocr_page(image, index + 1, width, height, engine)
    out: dict[str, Any] = {
        "page_no": index + 1,
        "seconds": page.seconds,
        "skew": page.skew,
        "confidence": page.confidence,
        "tables": [[[(c.text, c.confidence) for c in row] for row in t.cells] for t in page.tables],
        "lines": [ln.text for ln in page.lines],
        "cells_and_lines": sum(len(r) for t in page.tables for r in t.cells) + len(page.lines),
        "reread": getattr(engine, "reread", 0) - reread_before,  # cascade: lines PP-OCR read again
    }
    if baseline:
        import pytesseract

        start = time.perf_counter()
        pytesseract.image_to_string(image, lang="jpn")
        out["baseline_seconds"] = time.perf_counter() - start
        api = _full_page_api()
        if api is not None:  # the same full-page read, in process like our engine (no start-up, no PNG)
            start = time.perf_counter()
            api.SetImage(image)
            api.GetUTF8Text()
            out["inprocess_baseline_seconds"] = time.perf_counter() - start
    return out


_API: list[Any] = []


def _full_page_api() -> Any:
    """A tesserocr API for full pages (default layout analysis, like image_to_string), or None."""
    if not _API:
        try:
            import tesserocr

            from pipeline.extract.engines import tessdata_dir

            _API.append(tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="jpn"))
        except ImportError:
            _API.append(None)
    return _API[0]


# ---------------------------------------------------------------- scoring


def score(pages: list[dict[str, Any]], truth: tuple[Any, Any, Any]) -> dict[str, Any]:
    kinds, cases, counts = truth
    page_nos = {p["page_no"] for p in pages}
    expected = {k: v for k, v in cases.items() if k[0] in page_nos}
    found: dict[tuple[int, int], dict[str, str]] = {}
    for page in pages:
        kind = kinds.get(page["page_no"], "")
        if not kind.startswith("list:"):
            continue
        fields = LIST_FIELDS[kind[5:]]
        numbers = sorted(no for (p, no) in expected if p == page["page_no"])
        rows = [row for table in page["tables"] for row in table[1:] if len(row) == len(fields)]
        if len(rows) == len(numbers):
            # the grid found one row per case: align in order (the recognize stage reads the
            # No. column against the expected sequence, so an unreadable No. still lands)
            pairs = list(zip(numbers, rows))
        else:
            pairs = []
            for row in rows:
                no = re.sub(r"\D", "", canon(row[0][0]))
                if no and (page["page_no"], int(no)) in expected:
                    pairs.append((int(no), row))
        for no, row in pairs:
            found[(page["page_no"], no)] = {f: c[0] for f, c in zip(fields, row)}
    registry = None
    try:
        from pipeline.match.departments import match_department, registry_for

        registry = registry_for("setagaya")
    except (ImportError, OSError, ValueError, KeyError):  # the match stage may be mid-change
        registry = None
    exact: dict[str, list[int]] = {}
    decoded: dict[str, list[int]] = {}
    edits: dict[str, list[int]] = {f: [0, 0] for f in FREE_TEXT}
    for key, gt in expected.items():
        got = found.get(key)
        crit = gt["criterion"]
        for field in LIST_FIELDS[crit]:
            want = canon(gt_value(field, gt))
            have = canon(got[field]) if got else ""
            if field in FREE_TEXT:
                edits[field][0] += levenshtein(have, want) if got else len(want)
                edits[field][1] += len(want)
                continue
            exact.setdefault(field, []).append(int(have == want))
            if field == "case_no":
                decoded.setdefault(field, []).append(int(bool(got) and re.sub(r"\D", "", have) == want))
            if field in VOCAB:
                decoded.setdefault(field, []).append(int(bool(got) and decode(field, got[field]) == want))
            if field == "department" and registry is not None:
                ok = False
                if got:
                    m = match_department(got[field], registry)
                    ok = m.method != "parsed-new" and canon(m.department.name) == canon(gt["department"])
                decoded.setdefault(field, []).append(int(ok))
    total_edits = sum(e for e, _ in edits.values())
    total_len = sum(n for _, n in edits.values())
    summary_ok, summary_n = 0, 0
    front = [p for p in sorted(pages, key=lambda p: p["page_no"]) if kinds.get(p["page_no"]) == "front"]
    tables = [t for p in front for t in p["tables"]]
    if len(front) == 2 and 1 in page_nos and 2 in page_nos:
        for crit, table in zip(SUMMARY_ORDER, tables):
            rows = [r for r in counts if r["criterion"] == crit]
            for gt_row, row in zip(rows, table[1:]):
                wanted = [gt_row["agency"], gt_row["reviewed"], gt_row["sensitive"], gt_row["ordinance_sensitive"]]
                read = [canon(c[0]) for c in row]
                summary_n += 4
                summary_ok += sum(int(h == w) for h, w in zip(read, wanted))
        summary_n = max(summary_n, 4 * len([r for r in counts]))
    secs = [p["seconds"] for p in pages]
    base = [p["baseline_seconds"] for p in pages if "baseline_seconds" in p]
    inproc = [p["inprocess_baseline_seconds"] for p in pages if "inprocess_baseline_seconds" in p]
    return {
        "pages": len(pages),
        "rows_expected": len(expected),
        "rows_found": len(found),
        "rows_found_rate": round(len(found) / len(expected), 4) if expected else None,
        "exact": {f: round(sum(v) / len(v), 4) for f, v in exact.items()},
        "decoded": {f: round(sum(v) / len(v), 4) for f, v in decoded.items()},
        "cer": {f: round(e / n, 4) for f, (e, n) in edits.items() if n},
        "cer_free_text": round(total_edits / total_len, 4) if total_len else None,
        "summary_cells_exact": round(summary_ok / summary_n, 4) if summary_n else None,
        "seconds_per_page": round(sum(secs) / len(secs), 3) if secs else None,
        "baseline_seconds_per_page": round(sum(base) / len(base), 3) if base else None,
        "inprocess_baseline_seconds_per_page": round(sum(inproc) / len(inproc), 3) if inproc else None,
        "reread_lines": sum(p.get("reread", 0) for p in pages),
        "mean_confidence": round(sum(p["confidence"] for p in pages) / len(pages), 4) if pages else None,
    }


def fmt(v: Any) -> str:
    return "-" if v is None else (f"{v:.1%}" if isinstance(v, float) and v <= 1.0 else str(v))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf", action="append", choices=list(PDFS),
                        help="scanned corpus PDF to run (repeatable; default scan300 and scan200)")
    parser.add_argument("--engine", action="append", choices=list(ENGINE_NAMES),
                        help="OCR engine (repeatable; default tesseract; auto is what get_engine picks)")
    parser.add_argument("--pages", help="1-based pages, e.g. 1-6,28,36 (default all)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes, one page each at a time (default 2; keep <= cores)")
    parser.add_argument("--dpi", type=int, default=300, help="render resolution (default 300)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the full-page Tesseract timing")
    parser.add_argument("--details", action="store_true",
                        help="keep every cell's text and confidence in the JSON (large)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ocr.json", help="JSON output")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pypdfium2 as pdfium

    truth = load_truth()
    results: dict[str, Any] = {"command": " ".join(["python -m dev.bench_ocr", *(argv or sys.argv[1:])]),
                               "jobs": args.jobs, "dpi": args.dpi, "runs": {}}
    header = (f"{'pdf':8} {'engine':9} {'pages':>5} {'rows':>9} {'case_no~':>8} {'dept':>6} {'dept~':>6} "
              f"{'agency~':>7} {'flags~':>6} {'basis':>6} {'link~':>6} {'CER':>6} {'summary':>7} "
              f"{'s/page':>6} {'tess':>6} {'ratio':>5} {'tessIP':>6} {'ratioIP':>7}")
    lines = [header]
    for name in args.pdf or ["scan300", "scan200"]:
        pdf = str(PDFS[name])
        doc = pdfium.PdfDocument(pdf)
        indexes = parse_pages(args.pages, len(doc))
        doc.close()
        for engine in args.engine or ["tesseract"]:
            baseline = not args.no_baseline  # in every run: the load on a shared machine drifts
            tasks = [(pdf, i, engine, args.dpi, baseline) for i in indexes]
            start = time.perf_counter()
            with mp.get_context("fork").Pool(args.jobs) as pool:
                pages = pool.map(_work, tasks, chunksize=1)
            wall = time.perf_counter() - start
            s = score(pages, truth)
            s["wall_seconds"] = round(wall, 1)
            kept = pages if args.details else [{k: v for k, v in p.items() if k not in TEXT_KEYS} for p in pages]
            results["runs"][f"{name}/{engine}"] = {**s, "page_results": kept}
            ex, dec = s["exact"], s["decoded"]
            flags = (dec.get("sensitive", 0) + dec.get("ordinance_sensitive", 0)) / 2 if dec else None
            ratio = (s["seconds_per_page"] / s["baseline_seconds_per_page"]
                     if s.get("baseline_seconds_per_page") else None)
            ratio_ip = (s["seconds_per_page"] / s["inprocess_baseline_seconds_per_page"]
                        if s.get("inprocess_baseline_seconds_per_page") else None)
            lines.append(
                f"{name:8} {engine:9} {s['pages']:>5} {s['rows_found']:>4}/{s['rows_expected']:<4} "
                f"{fmt(dec.get('case_no')):>8} {fmt(ex.get('department')):>6} {fmt(dec.get('department')):>6} "
                f"{fmt(dec.get('agency')):>7} {fmt(flags):>6} {fmt(ex.get('legal_basis')):>6} "
                f"{fmt(dec.get('link_type')):>6} {fmt(s['cer_free_text']):>6} {fmt(s['summary_cells_exact']):>7} "
                f"{fmt(s['seconds_per_page']):>6} {fmt(s.get('baseline_seconds_per_page')):>6} "
                f"{(f'{ratio:.2f}' if ratio else '-'):>5} "
                f"{fmt(s.get('inprocess_baseline_seconds_per_page')):>6} "
                f"{(f'{ratio_ip:.2f}' if ratio_ip else '-'):>7}")
            print(lines[-1], flush=True)
    results["table"] = lines
    write_report(args.out, results, final_newline=False)
    print("\n".join(lines))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
