"""A notice typeset in a borderless table: the table the extract stage finds there is the notice's layout.

The expectations follow from the tables and sections built here: a table each
of whose cells is a section's number, heading or words is claimed by the notice
(full-width digits as the PDF prints them, the notice storing them folded); one
cell the notice never says keeps it not recognized; without a notice nothing is
claimed. The last test ingests the bundled Nerima notice (corpus/pdf), whose
numbered headings stand in a column of their own, and reads the warehouse.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path

import duckdb

from pipeline.recognize.incident.layout import tables_read_as_notices
from pipeline.recognize.incident.records import Incident, IncidentReport, IncidentSection
from pipeline.run import RunSettings, ingest_files
from pipeline.types import BBox, Cell, Table

ROOT = Path(__file__).resolve().parents[2]
BOX = BBox(20, 130, 580, 560)


def table(no: int, rows: list[tuple[str, ...]]) -> Table:
    cells = [tuple(Cell(1, r, c, t, BOX) for c, t in enumerate(row)) for r, row in enumerate(rows)]
    return Table(no, cells[0], tuple(cells[1:]))


def notice() -> IncidentReport:
    sections = (IncidentSection(21, "第1", "事故の概要", "5月13日、名簿を電子メールで誤って送信した。", 1),
                IncidentSection(21, "第2/4", "対象人数", "28人", 1))
    unread = {f.name: None for f in fields(Incident) if f.default is MISSING}  # the record's fields: not used here
    incident = Incident(**{**unread, "report_no": 21, "page_no": 1, "config": "test"})
    return IncidentReport(incident, (), sections)


LAYOUT = [("第１", "事故の概要　５月１３日、名簿を電子メールで"), ("", "誤って送信した。"), ("４", "対象人数"), ("", "２８人")]


def test_a_table_whose_every_cell_the_notice_says_is_its_layout() -> None:
    claimed, findings = tables_read_as_notices([table(1, LAYOUT)], [1], [notice()])
    assert claimed == {1}
    assert [(f.kind, f.page_no) for f in findings] == [("table_read_as_notice", 1)]


def test_a_bullet_before_a_cell_is_layout_too() -> None:
    """LaTeX's itemize sets 「- 」 before each item in a column of its own; the notice's outline drops it."""
    rows = [("-", "第１　事故の概要"), ("- ４", "対象人数")]
    assert tables_read_as_notices([table(1, rows)], [1], [notice()])[0] == {1}


def test_one_cell_the_notice_does_not_say_keeps_the_table_unrecognized() -> None:
    rows = LAYOUT + [("５", "保存期間　３年")]
    assert tables_read_as_notices([table(1, rows)], [1], [notice()]) == (set(), [])


def test_only_the_tables_no_kind_read_and_only_beside_a_notice() -> None:
    assert tables_read_as_notices([table(1, LAYOUT)], [], [notice()]) == (set(), [])
    assert tables_read_as_notices([table(1, LAYOUT)], [1], []) == (set(), [])
    assert tables_read_as_notices([table(1, [("第１",)])], [1], [notice()]) == (set(), [])


def test_the_bundled_notice_lands_without_a_table_not_recognized(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_files([ROOT / "corpus/pdf/nerima-2024-incident.pdf"], db, RunSettings())
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = [k for (k,) in con.sql("select kind from findings").fetchall()]
        assert con.execute("select count(*) from incidents").fetchall() == [(1,)]
    assert "table_not_recognized" not in kinds and kinds.count("table_read_as_notice") == 1
