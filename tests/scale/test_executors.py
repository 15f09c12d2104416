"""The Ray executor on a local 2-CPU cluster: crashes retried, failures isolated, same warehouse as local."""

from __future__ import annotations

from pathlib import Path

import pytest
import ray  # the cluster extra; make test installs it

from pipeline.execute import ExecuteSettings, ingest_through_store
from pipeline.execute.cluster import RayExecutor
from pipeline.execute.local import LocalExecutor
from pipeline.run import RunSettings, executor_driver, ingest_files
from tests.scale import workers
from tests.scale.conftest import copy_with_other_bytes, generator, table_rows

COMPARED = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings", "incidents",
            "incident_events", "incident_sections", "departments", "case_families")

TIMES = {"documents": "ingested_at", "pages": "seconds"}  # when and how fast: not what was read


@pytest.fixture(scope="module")
def cluster():
    """One local cluster for the module (2 CPUs, no dashboard), always shut down."""
    from pipeline.execute.cluster import start_ray

    start_ray(None, 2)
    try:
        yield
    finally:
        ray.shutdown()


def run(paths: list[Path], db: Path, executor) -> dict[str, tuple[str, str]]:
    outcomes = ingest_through_store(paths, db, RunSettings(), ExecuteSettings(results=db.with_suffix(".results")),
                                    executor_driver(), executor=executor)
    return {Path(o.path).name: (o.status, o.message) for o in outcomes}


def test_the_cli_runs_ray_and_joins_no_leftover_cluster(tmp_path, small_pdfs):
    """ingest_files with executor=ray starts a local cluster and shuts it down (first: before the fixture's)."""
    assert not ray.is_initialized()
    db = tmp_path / "w.duckdb"
    outcomes = ingest_files(small_pdfs[:1], db, RunSettings(), execute=ExecuteSettings(executor="ray"))
    assert [o.status for o in outcomes] == ["landed"]
    assert not ray.is_initialized()


def test_a_worker_killed_mid_document_is_retried_and_the_document_lands_once(cluster, tmp_path, small_pdfs):
    db = tmp_path / "w.duckdb"
    got = run(small_pdfs, db, RayExecutor(work=workers.killed_mid_document_once))
    assert {s for s, _ in got.values()} == {"landed"}, got
    assert all(Path(str(p) + ".tried").exists() for p in small_pdfs), "every first try was killed"
    assert table_rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(3, 3)]
    assert table_rows(db, "SELECT count(*) FROM incidents") == [(3,)]


def test_a_document_that_kills_its_worker_every_time_fails_with_a_reason(cluster, tmp_path, small_pdfs):
    bad = copy_with_other_bytes(small_pdfs[0], small_pdfs[0].with_name("bad.pdf"), 99)
    db = tmp_path / "w.duckdb"
    got = run([bad, *small_pdfs], db, RayExecutor(work=workers.crash_on_bad, max_retries=1))
    status, message = got["bad.pdf"]
    assert status == "failed"
    assert message.startswith("bad.pdf: execute: its worker died on each of 2 tries"), message
    assert Path(str(bad) + ".tries").read_text() == "xx", "retried once, then given up"
    assert [got[p.name][0] for p in small_pdfs] == ["landed"] * 3
    assert table_rows(db, "SELECT count(*) FROM documents") == [(3,)]


def test_a_document_over_its_memory_cap_fails_with_a_reason(cluster, tmp_path, small_pdfs):
    bad = copy_with_other_bytes(small_pdfs[0], small_pdfs[0].with_name("bad.pdf"), 98)
    db = tmp_path / "w.duckdb"
    got = run([bad, *small_pdfs], db, RayExecutor(work=workers.hog_on_bad, memory_mb=512))
    reason = "bad.pdf: over the memory limit of 512 MiB per document (--max-memory-per-document)"
    assert got["bad.pdf"] == ("failed", reason)
    assert [got[p.name][0] for p in small_pdfs] == ["landed"] * 3


def test_local_and_ray_build_the_same_warehouse(cluster, tmp_path, small_pdfs):
    gen = generator()
    two_years = gen.render(gen.plan(1, 2, 7, size=0.08), tmp_path / "synthetic")  # families across documents
    paths = [*two_years, *small_pdfs]
    local_db, ray_db = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    assert {s for s, _ in run(paths, local_db, LocalExecutor()).values()} == {"landed"}
    assert {s for s, _ in run(paths, ray_db, RayExecutor()).values()} == {"landed"}
    import duckdb

    con = duckdb.connect(str(local_db), read_only=True)
    con.execute(f"ATTACH '{ray_db}' AS other (READ_ONLY)")
    for table in COMPARED:
        cols = f"* EXCLUDE ({TIMES[table]})" if table in TIMES else "*"
        for a, b in ((table, f"other.{table}"), (f"other.{table}", table)):
            n = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {a} EXCEPT ALL SELECT {cols} FROM {b})")
            assert n.fetchone()[0] == 0, (table, a)
    assert con.execute("SELECT count(*) FROM cases").fetchone()[0] > 40
    assert con.execute("SELECT count(*) FROM case_families").fetchone()[0] > 20
    con.close()
