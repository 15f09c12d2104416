"""報告第360号 lands from the born-digital PDF with the hand-written expected values."""

from __future__ import annotations

import json
from datetime import date

import duckdb

from tests.conftest import GROUND_TRUTH

DATE_FIELDS = ("reported_on", "discovered_on", "reported_to_ppc_on", "published_on")
PLAIN_FIELDS = ("report_no", "title", "incident_type", "record_name", "affected_count", "affected_count_approx",
                "fiscal_year_of_records", "retention_years", "secondary_damage", "legal_basis")


def test_incident_fields_and_timeline_from_the_pdf(reference_warehouse):
    expected = json.loads((GROUND_TRUTH / "expected_incident.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(reference_warehouse), read_only=True)
    try:
        cur = con.execute("SELECT * FROM incidents")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        events = con.execute("SELECT seq, event_on FROM incident_events ORDER BY seq").fetchall()
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
    # the PDF underlines the 要配慮 items (下線は要配慮個人情報); read from the drawn lines
    assert got["sensitive_items"] == exp["sensitive_items_by_law"]
    want = [(e["seq"], date.fromisoformat(e["event_on"])) for e in expected["incident_events"]]
    assert events == want and len(events) == 7
