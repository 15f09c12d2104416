"""Shared fixtures: the bundled corpus and a warehouse ingested once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# the one scoring module of the tests and the dev tools (canonical text, CER, ground-truth CSVs)
from dev.scoring import canon, cer, read_csv, read_truth, squeeze  # noqa: F401  (re-exported to the tests)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REFERENCE_PDF = CORPUS / "pdf" / "setagaya-2023-report359.pdf"
GROUND_TRUTH = CORPUS / "ground_truth" / "setagaya-2023-report359"


@pytest.fixture(scope="session")
def ground_truth() -> dict[str, object]:
    """Expected values written by dev/build_ground_truth.py from the reference text."""
    cases, review_counts = read_truth(GROUND_TRUTH)
    return {
        "document": json.loads((GROUND_TRUTH / "document.json").read_text(encoding="utf-8")),
        "cases": cases,
        "review_counts": review_counts,
    }


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The born-digital reference PDF ingested through the real CLI into a fresh warehouse."""
    from pipeline.cli import main

    db = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    assert main(["--quiet", "--db", str(db), str(REFERENCE_PDF)]) == 0
    return db
