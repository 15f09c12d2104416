#!/usr/bin/env python3
"""Does a producers render print what it should? A check of the PDF's own text, not of the extractor.

Whoever builds a held-out render must see that it holds the whole report
without looking at what the pipeline makes of it. This reads only
pdfplumber's ``page.extract_text()`` and checks, against the ground truth:

* every case the manifest says the render lists: its number starts a line, as
  many times as the lists list that number (a wrapped line that happens to
  start with a number can only add to the count, never hide a missing row);
* every row of ``review_counts.csv`` (24: four criteria, five agencies and
  合計): a line that, with all whitespace removed, is the agency followed by
  its three counts (「区長 1 2 9 4 9 5 0」 is 区長, 129, 49, 50). Chromium's
  text layer names 長 by the radical ⻑ (a glyph IPAex shares), so its 区長 rows
  show as missing: a text-layer mapping, not a drawing fault. With ``--halves``
  (the sidebyside style, whose summaries stand two abreast, so that a line of
  the page's text holds a row of each) a summary row may also be a line of the
  text of the left or the right half of a page (pdfplumber's crop), each half's
  rows counted once; the cases are read from the whole lines only.

    python -m dev.check_producer_text                      # held-out renders in build/producers
    python -m dev.check_producer_text --halves --dir /work/unseen39/sidebyside
    python -m dev.check_producer_text --all --dir tests/extract/cases/producers
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from dev.producers.model import ROOT
from dev.scoring import read_csv, squeeze

GROUND_TRUTH = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"
FULL_DIR = ROOT / "build" / "producers"


def text_lines(path: Path) -> list[str]:
    """Every line of pdfplumber's text of every page, as printed (whitespace kept)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def half_lines(path: Path) -> list[str]:
    """Every line of the text of the left half and of the right half of every page (``--halves``)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages
                for box in ((0, 0, page.width / 2, page.height), (page.width / 2, 0, page.width, page.height))
                for line in (page.crop(box).extract_text() or "").splitlines()]


def expected_summary_rows() -> Counter[str]:
    """Each summary row as its printed text without whitespace: agency, reviewed, sensitive, ordinance."""
    return Counter(f"{r['agency']}{r['reviewed']}{r['sensitive']}{r['ordinance_sensitive']}"
                   for r in read_csv(GROUND_TRUTH / "review_counts.csv"))


def missing(lines: list[str], cases: list[list[object]], halves: list[str] | None = None) -> dict[str, list[str]]:
    """What the text lacks: case numbers (with how many are missing) and summary rows (found on whole lines, or as
    often on the lines of the pages' halves, ``halves``, if more)."""
    starts = Counter(m.group(1) for line in lines if (m := re.match(r"\s*(\d+)(?:\s|$)", line)))
    want_cases = Counter(str(no) for _, no in cases)
    rows = Counter(squeeze(line) for line in lines) | Counter(squeeze(line) for line in halves or [])
    return {
        "cases": [f"{no} x{n - starts[no]}" for no, n in sorted(want_cases.items(), key=lambda kv: int(kv[0]))
                  if starts[no] < n],
        "summary": [f"{row} x{n - rows[row]}" for row, n in expected_summary_rows().items() if rows[row] < n],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=FULL_DIR, help="a folder with manifest.json and the renders")
    parser.add_argument("--all", action="store_true", help="every render of the manifest, not only the held-out")
    parser.add_argument("--only", action="append", default=[], help="only this producer or variant (repeatable)")
    parser.add_argument("--halves", action="store_true",
                        help="summary rows also on the lines of each page's left or right half (sidebyside)")
    args = parser.parse_args(argv)
    manifest = json.loads((args.dir / "manifest.json").read_text(encoding="utf-8"))
    bad = 0
    for name, entry in sorted(manifest.items()):
        if not (args.all or entry["held_out"]) or (args.only and not {name, entry["producer"]} & set(args.only)):
            continue
        path = args.dir / entry["file"]
        gaps = missing(text_lines(path), entry["cases"], half_lines(path) if args.halves else None)
        bad += any(gaps.values())
        print(f"{name}: {len(entry['cases'])} cases, "
              + ("all printed" if not any(gaps.values()) else f"MISSING {gaps}"))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
