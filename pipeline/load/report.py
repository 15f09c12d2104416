"""A plain-text account of what the warehouse holds (for `make demo` and users)."""

from __future__ import annotations

from pathlib import Path

from pipeline.load.warehouse import DOC_TABLES, connect


def warehouse_summary(db: str | Path) -> str:
    con = connect(db, read_only=True)
    try:
        lines = [f"warehouse {db}"]
        for table in DOC_TABLES:
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
            lines.append(f"  {table:<18} {n:>6} rows")
        docs = con.execute(
            "SELECT d.file_name, d.report_no, d.as_of, d.page_count, "
            "(SELECT count(*) FROM cases c WHERE c.doc_id = d.doc_id), "
            "(SELECT count(*) FILTER (WHERE ok) || '/' || count(*) FROM checks k WHERE k.doc_id = d.doc_id) "
            "FROM documents d ORDER BY d.as_of, d.file_name"
        ).fetchall()
        lines.append("documents:")
        for name, report_no, as_of, pages, cases, checks in docs:
            number = f"報告第{report_no}号" if report_no is not None else "no report number"
            as_of_text = f"as of {as_of}, " if as_of else ""
            lines.append(f"  {name}: {number}, {as_of_text}{pages} pages, {cases} cases, checks ok {checks}")
        per = con.execute(
            "SELECT criterion, count(*), count(*) FILTER (WHERE sensitive), count(*) FILTER (WHERE ordinance_sensitive) "
            "FROM cases GROUP BY 1 ORDER BY 1"
        ).fetchall()
        lines.append("cases by criterion (all / 要配慮 / 条例要配慮):")
        for criterion, n, s, o in per:
            lines.append(f"  {criterion:<22} {n:>5} {s:>5} {o:>5}")
        incidents = con.execute(
            "SELECT d.file_name, i.report_no, i.incident_type, i.affected_count, i.reported_on "
            "FROM incidents i JOIN documents d USING (doc_id) ORDER BY i.reported_on").fetchall()
        lines.append("incident reports:")
        for name, report_no, kind, count, reported_on in incidents:
            lines.append(f"  {name}: 報告第{report_no}号 {kind}, {count} records, reported {reported_on}")
        return "\n".join(lines)
    finally:
        con.close()
