"""The synthetic nationwide corpus: read back by the real engine, loaded from the store in bulk,
checks failing exactly where errors were planted, a new year adding families without renumbering,
and the documented research queries answering what the generator knows."""

from __future__ import annotations

import unicodedata
from collections import Counter

import duckdb
import pytest

from pipeline.cli import main
from pipeline.load import families as families_module
from pipeline.load.warehouse import connect
from pipeline.outputs.research import research_queries
from pipeline.store import ResultsStore
from pipeline.store.loader import load_in_batches
from tests.scale.conftest import generator, table_rows

SEED = 4242


gen = generator()


def nfkc(text: str | None) -> str | None:
    return unicodedata.normalize("NFKC", text) if text is not None else None


def test_a_rendered_report_reads_back_as_generated(tmp_path):
    (report,) = gen.plan(1, 1, SEED, size=0.06)
    (pdf,) = gen.render([report], tmp_path / "pdf")
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(pdf)]) == 0
    got = table_rows(db, "SELECT criterion, case_no, description, recipient, agency, sensitive, ordinance_sensitive "
                         "FROM cases ORDER BY criterion, case_no")
    expected = []
    for criterion in sorted(gen.LISTED):
        for row in gen.list_rows(report, criterion):
            text = row[1] if criterion == "outsourcing" else row[2]
            description = None if criterion == "external_provision" else nfkc(text)
            recipient = nfkc(row[1]) if criterion == "external_provision" else None
            expected.append((criterion, int(row[0]), description, recipient, row[-3], row[-2] == "有", row[-1] == "有"))
    assert [tuple(nfkc(v) if isinstance(v, str) else v for v in g) for g in got] == expected
    info = table_rows(db, "SELECT municipality, report_no, as_of FROM documents")
    assert [(m, n, d.year) for m, n, d in info] == [(report.municipality, report.report_no, report.year)]
    assert table_rows(db, "SELECT count(*) FROM checks WHERE NOT ok") == [(0,)]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """3 municipalities x 3 years (small lists) from the store, then year 4 of two of them added."""
    root = tmp_path_factory.mktemp("nationwide")
    first = gen.plan(3, 3, SEED, size=0.12, error_rate=0.5)
    later = [r for r in gen.plan(3, 4, SEED, size=0.12, error_rate=0.5) if r.year == 2018][:2]
    store = ResultsStore(root / "store")
    gen.write_store(first + later, store.root, workers=1)
    db = root / "w.duckdb"
    folders = {s.summary["file_name"]: s for s in store.results()}
    con = connect(db)
    load_in_batches(con, [folders[r.file_name] for r in first], batch=4)
    con.close()
    return db, first, later, [folders[r.file_name] for r in later]


def test_checks_fail_exactly_where_errors_were_planted(warehouse):
    db, first, _, _ = warehouse
    planted = {(gen.sha256_of_report(r)[:16], c, a) for r in first for c, a in r.planted}
    assert planted, "the plan planted some errors"
    failed = set(table_rows(db, "SELECT doc_id, criterion, agency FROM checks WHERE NOT ok"))
    assert failed == planted
    assert table_rows(db, "SELECT DISTINCT rule FROM checks WHERE NOT ok") == [("sensitive_count",)]


def test_a_new_year_adds_families_without_renumbering_or_rescoring(warehouse, tmp_path, monkeypatch):
    db, first, later, stored = warehouse
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(db.read_bytes())
    before = set(table_rows(copy, "SELECT doc_id, criterion, case_no, family_id FROM cases"))
    families_before = set(table_rows(copy, "SELECT family_id FROM case_families"))
    scored: list[int] = []
    real = families_module.assign_families

    def counting(items, existing=(), **kw):
        items = list(items)
        scored.append(len(items))
        return real(items, existing, **kw)

    monkeypatch.setattr(families_module, "assign_families", counting)
    con = connect(copy)
    load_in_batches(con, stored)
    con.close()
    new_cases = sum(len(r.tasks) for r in later)
    assert sum(scored) == new_cases, "only the new year's cases were scored"
    after = set(table_rows(copy, "SELECT doc_id, criterion, case_no, family_id FROM cases"))
    assert before <= after and len(after - before) == new_cases, "old cases keep their family ids"
    assert families_before <= set(table_rows(copy, "SELECT family_id FROM case_families"))
    # a task listed in year 3 and again in year 4 is in the same family both years
    by_task = {}
    for r in [*first, *later]:
        if r.year in (2017, 2018) and r.slug in {x.slug for x in later}:
            doc_id = gen.sha256_of_report(r)[:16]
            fam = {(c, n): f for c, n, f in table_rows(
                copy, f"SELECT criterion, case_no, family_id FROM cases WHERE doc_id = '{doc_id}'")}
            for criterion in gen.LISTED:
                for no, t in enumerate([t for t in r.tasks if t.criterion == criterion], 1):
                    by_task.setdefault(t.task_id, set()).add(fam[(criterion, no)])
    persisted = [ids for ids in by_task.values()]
    assert persisted and all(len(ids) == 1 for ids in persisted)


def test_research_queries_answer_what_the_generator_knows(warehouse):
    db, first, _, _ = warehouse
    first_name = min(r.municipality for r in first)
    queries = research_queries(municipality=first_name)
    assert len(queries) == 6
    con = duckdb.connect(str(db), read_only=True)
    try:
        results = {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()
    per_year = {(m, y, c): n for m, y, c, n, _ in results["cases per municipality and year, by criterion"]}
    truth = Counter((r.municipality, r.year, t.criterion) for r in first for t in r.tasks)
    assert per_year == dict(truth)
    word = [r for r in results["a word in the descriptions (保育, childcare)"]]
    expected = sum(1 for r in first for t in r.tasks if "保育" in t.fields.get("description", ""))
    assert len(word) == min(expected, 200) and expected > 0
    changes = results["case_changes of one municipality"]
    assert changes and {c for _, c, *_ in changes} <= {"appeared", "disappeared", "flags_changed"}
    assert all(isinstance(n, int) for _, n, _ in results["top recipients of external provision"])
