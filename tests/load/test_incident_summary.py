"""Incidents from any authority in the warehouse: the new columns, the incident_summary view, and a
warehouse made before them gaining the columns on open (facts from corpus/ground_truth/incidents)."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.cli import main
from pipeline.load.warehouse import connect
from tests.conftest import CORPUS

# The incident tables as the release before issue 13 created them.
OLD_INCIDENT_TABLES = """
CREATE TABLE incidents (doc_id VARCHAR NOT NULL, report_no INTEGER, title VARCHAR, reported_on DATE,
    departments VARCHAR[], incident_type VARCHAR, record_name VARCHAR, personal_items VARCHAR[],
    sensitive_items VARCHAR[], affected_count INTEGER, affected_count_approx BOOLEAN, fiscal_year_of_records INTEGER,
    retention_years INTEGER, discovered_on DATE, reported_to_ppc_on DATE, published_on DATE, secondary_damage VARCHAR,
    legal_basis VARCHAR, page_no INTEGER, config VARCHAR, source VARCHAR, confidence DOUBLE, notes VARCHAR);
CREATE TABLE incident_events (doc_id VARCHAR NOT NULL, report_no INTEGER, seq INTEGER, event_on DATE, text VARCHAR,
    page_no INTEGER, bbox DOUBLE[]);
CREATE TABLE incident_sections (doc_id VARCHAR NOT NULL, report_no INTEGER, path VARCHAR, heading VARCHAR,
    text VARCHAR, page_no INTEGER, bbox DOUBLE[]);
"""
NOTICES = ("n10-saitama-kyoiku", "n11-kanagawa", "neg05-chiba-kenshu")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db = tmp_path_factory.mktemp("incident_summary") / "w.duckdb"
    pdfs = [str(CORPUS / "incidents" / "pdf" / f"{n}.pdf") for n in NOTICES]
    assert main(["--quiet", "--db", str(db), *pdfs]) == 0
    return db


def _truth(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((CORPUS / "ground_truth" / "incidents" / f"{name}.json").read_text(encoding="utf-8"))


def test_one_row_per_incident_with_the_new_fields(warehouse) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    got = con.execute(
        "SELECT d.file_name, i.incident_no, i.incident_type, i.occurred_on, i.affected_count, i.department "
        "FROM incidents i JOIN documents d USING (doc_id) ORDER BY d.file_name, i.incident_no").fetchall()
    want = [(f"{n}.pdf", k, t["incident_type"], t["occurred_on"], t["affected_count"], t["department"])
            for n in sorted(NOTICES) for k, t in enumerate(_truth(n)["incidents"], start=1)]
    assert [(f, k, t, o.isoformat(), c, d) for f, k, t, o, c, d in got] == want


def test_incident_summary_by_municipality_type_and_fiscal_year(warehouse) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT municipality, incident_type, fiscal_year, incidents, people_affected "
                       "FROM incident_summary").fetchall()
    # 埼玉県: four incidents of fiscal 2024 (April-September 2024), one of each type
    assert ("埼玉県", "盗難", 2024, 1, 120) in rows
    assert ("神奈川県", "誤交付", 2024, 1, 1) in rows
    assert sum(r[3] for r in rows) == 6


def test_the_negative_document_leaves_a_finding_not_an_incident(warehouse) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    kinds = con.execute("SELECT f.kind FROM findings f JOIN documents d USING (doc_id) "
                        "WHERE d.file_name = 'neg05-chiba-kenshu.pdf'").fetchall()
    assert ("incident_not_assembled",) in kinds


def test_a_warehouse_made_before_gains_the_incident_columns(tmp_path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(OLD_INCIDENT_TABLES)
    con.execute("INSERT INTO incidents (doc_id, report_no, incident_type) VALUES ('d', 360, '滅失')")
    con.close()
    con = connect(db)
    columns = [r[0] for r in con.execute("DESCRIBE incidents").fetchall()]
    assert columns[-11:] == ["incident_no", "municipality", "department", "legal_category", "occurred_on",
                             "affected_text", "records", "cause", "countermeasures", "recognition_score",
                             "department_id"]
    # the old incident_type (a legal category) moved to legal_category
    assert con.execute("SELECT incident_type, legal_category FROM incidents").fetchall() == [(None, "滅失")]
    assert con.execute("SELECT incidents FROM incident_summary").fetchall() == [(1,)]


def test_an_incident_department_goes_through_the_registry_where_one_exists() -> None:
    from pipeline.match.apply import incidents_with_departments, registry_for_name
    from pipeline.match.departments import match_department
    from pipeline.recognize.incident import Incident, IncidentReport

    printed = "砧総合支所保健福祉センター健康づくり課"
    want = match_department(printed, registry_for_name("世田谷区")).department_id  # type: ignore[arg-type]
    blank = dict.fromkeys(("report_no", "title", "reported_on", "incident_type", "record_name", "affected_count",
                           "affected_count_approx", "fiscal_year_of_records", "retention_years", "discovered_on",
                           "reported_to_ppc_on", "published_on", "secondary_damage", "legal_basis"))
    misread = Incident(**blank, departments=(), personal_items=(), sensitive_items=(), page_no=1, config="generic",
                       department="感総合支所保健福祉センター健康づくり課")  # Tesseract's jpn has no 砧
    (got,) = incidents_with_departments([IncidentReport(misread, (), ())], "世田谷区")
    assert got.incident.department_id == want
    assert got.incident.department == misread.department  # as printed (read); the id says what it is
    assert any(n.startswith("department:") and "fuzzy" in n for n in got.incident.notes)
    (elsewhere,) = incidents_with_departments([IncidentReport(misread, (), ())], "横浜市")  # no registry
    assert elsewhere.incident.department_id is None
