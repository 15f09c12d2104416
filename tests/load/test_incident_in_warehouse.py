"""Incident reports land from their PDFs with the hand-written expected values.

報告第360号 (Setagaya, in the same PDF as 報告第359号) and a second ward's report
in another style (corpus/ground_truth/nerima-2024-incident, read through its
own config file only).
"""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from pipeline.cli import main
from tests.conftest import CORPUS

DATE_FIELDS = ("reported_on", "discovered_on", "reported_to_ppc_on", "published_on")
PLAIN_FIELDS = ("report_no", "title", "incident_type", "legal_category", "record_name", "affected_count", "affected_count_approx",
                "fiscal_year_of_records", "retention_years", "secondary_damage", "legal_basis")
DOCUMENTS = {
    "setagaya-2023-report359": "setagaya-2023-report359.pdf",
    "nerima-2024-incident": "nerima-2024-incident.pdf",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, reference_warehouse):
    db = tmp_path_factory.mktemp("incidents") / "w.duckdb"
    assert main(["--quiet", "--db", str(db), *(str(CORPUS / "pdf" / f) for f in DOCUMENTS.values())]) == 0
    return db


@pytest.mark.parametrize("folder", sorted(DOCUMENTS))
def test_incident_fields_and_timeline_from_the_pdf(warehouse, folder):
    expected = json.loads((CORPUS / "ground_truth" / folder / "expected_incident.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cur = con.execute("SELECT i.* FROM incidents i JOIN documents d USING (doc_id) WHERE d.file_name = ?",
                          [DOCUMENTS[folder]])
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        events = con.execute("SELECT seq, event_on FROM incident_events e JOIN documents d USING (doc_id) "
                             "WHERE d.file_name = ? ORDER BY seq", [DOCUMENTS[folder]]).fetchall()
    finally:
        con.close()
    assert len(rows) == 1
    got, exp = rows[0], expected["incidents"][0]
    for field in PLAIN_FIELDS:
        assert got[field] == exp[field], field
    for field in DATE_FIELDS:
        assert got[field] == (date.fromisoformat(exp[field]) if exp[field] else None), field
    assert got["departments"] == exp["departments"]
    assert got["personal_items"] == exp["personal_items"]
    # 報告第360号 marks its 要配慮 items by underline, read from the drawn lines
    assert got["sensitive_items"] == exp.get("sensitive_items_by_law", exp["sensitive_items"])
    want = [(e["seq"], date.fromisoformat(e["event_on"])) for e in expected["incident_events"]]
    assert events == want
