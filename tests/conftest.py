"""Shared fixtures: the bundled corpus and a warehouse ingested once per session."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REFERENCE_PDF = CORPUS / "pdf" / "setagaya-2023-report359.pdf"
GROUND_TRUTH = CORPUS / "ground_truth" / "setagaya-2023-report359"


def squeeze(text: str | None) -> str:
    """Text with all whitespace removed: how free-text fields are compared (producers wrap differently)."""
    return re.sub(r"\s+", "", text or "")


def canon(s: str) -> str:
    """NFKC without whitespace: how OCR readings are compared with the ground truth."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def cer(have: str, want: str) -> float:
    """Character error rate of ``have`` against ``want`` (edit distance / length, canonical forms)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(canon(have), canon(want)) / max(1, len(canon(want)))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def ground_truth() -> dict[str, object]:
    """Expected values written by scripts/build_ground_truth.py from the reference text."""
    cases = []
    for path in sorted(GROUND_TRUTH.glob("cases_*.csv")):
        cases.extend(read_csv(path))
    return {
        "document": json.loads((GROUND_TRUTH / "document.json").read_text(encoding="utf-8")),
        "cases": cases,
        "review_counts": read_csv(GROUND_TRUTH / "review_counts.csv"),
    }


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The born-digital reference PDF ingested through the real CLI into a fresh warehouse."""
    from pipeline.cli import main

    db = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF)]) == 0
    return db
