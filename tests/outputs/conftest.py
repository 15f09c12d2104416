"""One extraction of the reference PDF per session, and warehouses and reports built from it.

The PDF's bytes are copied to a temporary folder first, so the sha256 the
warehouse stores and the file the report crops from are the same bytes even if
corpus/pdf is rebuilt while the tests run. A second, "earlier" report is made
from the same result by hand (other sha256, as_of a year before, two cases
dropped, one flag flipped) so case_changes has rows without a second extraction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipeline.correct import STALE, AppliedCorrection, Correction
from pipeline.load.warehouse import connect, load_document
from pipeline.run import RunSettings, default_config, process_bytes, process_extraction
from pipeline.types import DocumentResult
from tests.conftest import REFERENCE_PDF

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "out" / "test-artifacts"

# what the reference report prints for outsourcing No.59
CASE = ("outsourcing", 59)
PRINTED = "世田谷区立男女共同参画センター運営業務委託"
CORRECTED = "世田谷区立男女共同参画センター「らぷらす」運営業務委託"


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    shutil.copyfile(REFERENCE_PDF, folder / REFERENCE_PDF.name)
    return folder


@pytest.fixture(scope="session")
def reference_result(pdf_dir: Path) -> DocumentResult:
    path = pdf_dir / REFERENCE_PDF.name
    return process_bytes(path.read_bytes(), path.name)


def correction(sha256: str, **kw: object) -> Correction:
    base: dict[str, object] = {
        "sha256": sha256, "table": "cases", "criterion": CASE[0], "case_no": CASE[1], "field": "description",
        "value": CORRECTED, "original": PRINTED, "who": "test", "why": "the centre's name as on its own site",
        "source": "config/corrections/test.toml#1"}
    base.update(kw)
    return Correction(**base)  # type: ignore[arg-type]


def earlier_version(result: DocumentResult) -> DocumentResult:
    """The same report a year before: another file, two cases fewer, one 要配慮 flag different."""
    sha = hashlib.sha256(b"earlier " + result.extraction.sha256.encode()).hexdigest()
    cases = [c for c in result.cases if (c.criterion, c.case_no) not in {("outsourcing", 10), ("online_link", 3)}]
    cases = [dataclasses.replace(c, sensitive=not c.sensitive) if (c.criterion, c.case_no) == ("outsourcing", 20)
             else c for c in cases]
    return dataclasses.replace(
        result,
        extraction=dataclasses.replace(result.extraction, sha256=sha, file_name="setagaya-2022-earlier.pdf"),
        info=dataclasses.replace(result.info, as_of=date(2022, 4, 1), report_no=200),
        cases=tuple(cases), findings=())


def with_corrections(result: DocumentResult, entries: list[Correction]
                     ) -> tuple[DocumentResult, tuple[AppliedCorrection, ...], list]:
    """The stages after extract run again on ``result``'s extraction, as an ingest with these corrections would."""
    config = dataclasses.replace(default_config(), corrections=tuple(entries))  # the Config holds a run's corrections
    out = process_extraction(result.extraction, RunSettings(config=config))
    return out, out.corrections, [f for f in out.findings if f.kind == STALE]


@pytest.fixture(scope="session")
def corrected(reference_result: DocumentResult) -> tuple[DocumentResult, tuple[AppliedCorrection, ...], list]:
    """The reference with one live correction and one stale one (its original is not what is printed)."""
    sha = reference_result.extraction.sha256
    stale = correction(sha, case_no=60, original="誰も印刷していない文言", value="x",
                       source="config/corrections/test.toml#2")
    return with_corrections(reference_result, [correction(sha), stale])


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory, reference_result: DocumentResult, corrected) -> Path:
    """The earlier version, then the corrected reference, loaded as the pipeline would."""
    db = tmp_path_factory.mktemp("outputs-wh") / "warehouse.duckdb"
    result, _applied, _ = corrected
    con = connect(db)
    try:
        load_document(con, earlier_version(reference_result))
        load_document(con, result)  # writes cases.corrected / correction_source from result.corrections
    finally:
        con.close()
    return db


@pytest.fixture(scope="session")
def report(tmp_path_factory: pytest.TempPathFactory, warehouse: Path, pdf_dir: Path):  # type: ignore[no-untyped-def]
    from pipeline.outputs.report import build_report

    out = tmp_path_factory.mktemp("report")
    return build_report(warehouse, out, [pdf_dir])
