#!/usr/bin/env python3
"""What the cascade's re-reads change: the figures behind its confidence thresholds.

For every line of the scanned corpus that Tesseract reads with confidence below
the cascade's ``REREAD_BELOW`` (0.8), or as nothing, PP-OCRv5 reads it too. The lines are grouped by what
Tesseract read (nothing, one full-width glyph, anything else) and by its
confidence in tenths; printed per group: how many lines, and how many a re-read
would change (PP-OCRv5 more confident and, after its engine fixes, different).
A group where re-reads change nothing is time the cascade need not spend
(docs/ocr.md, "Cascade"). Writes every line's two readings to bench/cascade.json.

    python -m dev.bench_cascade                 # both scans, all pages, 2 workers
    python -m dev.bench_cascade --pdf scan300 --pages 1-10
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
from collections import Counter
from pathlib import Path
from typing import Any

from dev.scoring import canon, parse_pages, write_report
from pipeline.extract.engines import REREAD_BELOW

ROOT = Path(__file__).resolve().parents[1]

DOC = "setagaya-2023-report359"
PDFS = {name: ROOT / "corpus" / "pdf" / f"{DOC}-{name}.pdf" for name in ("scan300", "scan200")}
_ENGINES: list[Any] = []


def _doubtful_lines(task: tuple[str, int]) -> list[dict[str, Any]]:
    from pipeline.extract.engines import PaddleEngine, TesseractEngine
    from pipeline.extract.ocr import line_crop, page_layout, render_page

    if not _ENGINES:
        _ENGINES.extend([TesseractEngine(), PaddleEngine()])
    tesseract, paddle = _ENGINES
    pdf, index = task
    layout = page_layout(render_page(pdf, index, 300), 300.0)
    crops = [line_crop(layout, line) for line in layout.line_boxes]
    first = tesseract.recognize_lines(crops)
    doubtful = [i for i, (text, conf) in enumerate(first) if not text.strip() or conf < REREAD_BELOW]
    second = paddle.recognize_lines([crops[i] for i in doubtful])
    return [{"pdf": Path(pdf).name, "page_no": index + 1, "line": i, "tesseract": first[i][0],
             "tesseract_conf": round(first[i][1], 4), "ppocr": text, "ppocr_conf": round(conf, 4)}
            for i, (text, conf) in zip(doubtful, second)]


def kind_of(text: str) -> str:
    from pipeline.extract.engines import is_lone_glyph

    if not text.strip():
        return "nothing"
    return "one glyph" if is_lone_glyph(text) else "other"


def changes(line: dict[str, Any]) -> bool:
    from pipeline.normalize.ocr import ENGINE_FIXES

    fixed = ENGINE_FIXES["ppocr"](line["ppocr"])
    return bool(fixed.strip()) and line["ppocr_conf"] > line["tesseract_conf"] and canon(fixed) != canon(
        line["tesseract"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf", action="append", choices=list(PDFS), help="scan to read (default both)")
    parser.add_argument("--pages", help="1-based pages, e.g. 1-6,28,36 (default all)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "cascade.json", help="JSON output")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pypdfium2 as pdfium

    tasks = []
    for name in args.pdf or list(PDFS):
        doc = pdfium.PdfDocument(str(PDFS[name]))
        tasks += [(str(PDFS[name]), i) for i in parse_pages(args.pages, len(doc))]
        doc.close()
    with mp.get_context("fork").Pool(args.jobs) as pool:
        lines = [line for page in pool.map(_doubtful_lines, tasks, chunksize=1) for line in page]
    seen: Counter[tuple[str, float]] = Counter()
    changed: Counter[tuple[str, float]] = Counter()
    for line in lines:
        key = (kind_of(line["tesseract"]), min(int(line["tesseract_conf"] * 10), 7) / 10)
        seen[key] += 1
        changed[key] += changes(line)
    print(f"{'Tesseract read':14} {'conf':>9} {'lines':>6} {'changed':>8}")
    for kind, low in sorted(seen):
        print(f"{kind:14} {low:.1f}-{low + 0.1:.1f}  {seen[kind, low]:>6} {changed[kind, low]:>8}")
    print(f"{'all':14} {'':9} {len(lines):>6} {sum(changed.values()):>8}")
    write_report(args.out, {"pages": len(tasks), "lines": lines}, final_newline=False)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
