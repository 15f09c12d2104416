"""What a landed file holds that was not understood is in its CLI line and the findings table.

The PDF is written here (a ruled 3 × 3 table in Helvetica: Date / Item / Amount): a table
no report type describes, in a document with nothing else in it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dev.make_bad_pdfs import one_page_pdf
from pipeline.cli import main

XS, YS = [60, 200, 340, 480], [700, 680, 660, 640]
TEXTS = [["Date", "Item", "Amount"], ["2023-05-01", "Meeting", "1000"], ["2023-05-02", "Travel", "2500"]]


def ledger_pdf() -> bytes:
    ops = [b"0.8 w"]
    ops += [b"%d %d m %d %d l S" % (x, YS[0], x, YS[-1]) for x in XS]
    ops += [b"%d %d m %d %d l S" % (XS[0], y, XS[-1], y) for y in YS]
    for r, row in enumerate(TEXTS):
        for c, text in enumerate(row):
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (XS[c] + 5, YS[r] - 14, text.encode()))
    return one_page_pdf(content=b"\n".join(ops), resources=b"<< /Font << /F1 5 0 R >> >>",
                        extra=[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def test_an_unrecognized_table_is_a_finding_and_on_the_cli_line(tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "ledger.pdf"
    pdf.write_bytes(ledger_pdf())
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(pdf)]) == 0
    out = capsys.readouterr().out.splitlines()
    line = next(ln for ln in out if ln.startswith("landed"))
    assert "ledger.pdf: 1 pages, 0 cases, 0 incident(s), NOTHING RECOGNIZED, 1 table(s) not recognized" in line
    summary = next(ln for ln in out if ln.startswith("summary"))
    assert "1 table(s) not recognized, 1 document(s) with nothing recognized" in summary
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT kind, page_no, detail FROM findings ORDER BY kind DESC").fetchall()
        raw = con.execute("SELECT count(*) FROM raw_cells").fetchone()[0]
    assert [(k, p) for k, p, _ in rows] == [("table_not_recognized", 1), ("nothing_recognized", None)]
    detail = rows[0][2]
    assert "['Date', 'Item', 'Amount']" in detail and "2 body row(s)" in detail and "closest kind" in detail
    assert raw == 9, "the table's cells are kept as raw cells"


def test_the_reference_report_has_nothing_not_understood(reference_warehouse: Path) -> None:
    with duckdb.connect(str(reference_warehouse), read_only=True) as con:
        kinds = con.execute("SELECT DISTINCT kind FROM findings").fetchall()
        statuses = con.execute("SELECT DISTINCT status FROM checks").fetchall()
    assert not {k for (k,) in kinds} & {"table_not_recognized", "nothing_recognized", "numbering_gap",
                                        "aligned_block_not_read",
                                        "table_by_shape", "header_relaxed", "unparsed_front_date"}
    assert statuses == [("passed",)]


def aligned_text_pdf() -> bytes:
    """Four lines of text in two columns, no rules: the first line runs across the first column (a long
    phrase, then a figure far right), the other three put both their words inside that first column."""
    lines = [(700, [(60, b"Long first line of text"), (400, b"9")])]
    lines += [(700 - 14 * i, [(60, b"ab"), (120, b"cd")]) for i in (1, 2, 3)]
    ops = [b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, text) for y, words in lines for x, text in words]
    return one_page_pdf(content=b"\n".join(ops), resources=b"<< /Font << /F1 5 0 R >> >>",
                        extra=[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def test_an_aligned_block_not_read_as_a_table_is_a_finding_and_on_the_cli_line(tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "aligned.pdf"
    pdf.write_bytes(aligned_text_pdf())
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(pdf)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "1 table-like block(s) not read" in next(ln for ln in out if ln.startswith("landed"))
    assert "1 table-like block(s) not read" in next(ln for ln in out if ln.startswith("summary"))
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT page_no, detail FROM findings WHERE kind = 'aligned_block_not_read'").fetchall()
    (page, detail), = rows
    assert page == 1 and "4 lines" in detail and "2 columns" in detail and "running text" in detail


def test_a_ruled_table_leaves_no_aligned_block_finding(tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "ledger.pdf"
    pdf.write_bytes(ledger_pdf())
    assert main(["--quiet", "--db", str(tmp_path / "w.duckdb"), str(pdf)]) == 0
    assert "table-like" not in capsys.readouterr().out
