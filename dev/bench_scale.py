#!/usr/bin/env python3
"""Scale figures: local vs Ray on one corpus, a 1,000-report warehouse, its queries, a new year.

1. **Executors.** The same rendered synthetic reports (dev/build_nationwide.py) through
   ``--executor local`` and ``--executor ray`` into two fresh warehouses and stores: seconds
   of each, their ratio (target: Ray <= 1.15 x local on one machine, cluster start-up aside),
   the cluster's start-up seconds, and whether the two warehouses are identical (every table
   compared with EXCEPT ALL both ways, times of ingest and of reading a page aside).
2. **Load.** ``--municipalities`` x ``--years`` synthetic reports (1,000 by default, ~430k
   cases) written into a results store, then loaded into a fresh warehouse by the bulk
   loader: seconds and rows.
3. **Queries.** Each research query of docs/schema.md, median seconds of ``--rounds`` runs
   (target < 1 s each on 2 cores).
4. **A new year.** The next year of 50 municipalities written to the store and loaded:
   seconds, how many reports were processed, how many cases were scored for families
   (only the new ones), and how many old cases changed family id (target 0).

Tuning vs held-out: nothing here was tuned on the data except the loader's batch size; the
warehouse part runs on ``--seed`` (the seed looked at while developing) and, with
``--held-out-seed``, again on municipalities nobody looked at; both are reported.

    python -m dev.bench_scale --out bench/scale.json
    python -m dev.bench_scale --municipalities 10 --years 3 --executor-reports 2   # a quick look
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from dev import build_nationwide as gen
from dev.scoring import write_report
from pipeline.execute import ExecuteSettings
from pipeline.execute.cluster import RayExecutor, start_ray, warm_up
from pipeline.execute.ingest import ingest_through_store
from pipeline.execute.local import LocalExecutor
from pipeline.extract import ExtractSettings
from pipeline.load import families as families_module
from pipeline.load.warehouse import connect
from pipeline.outputs.research import research_queries
from pipeline.run import RunSettings, executor_driver
from pipeline.store import ResultsStore
from pipeline.store.loader import load_in_batches

COMPARED = ("documents", "pages", "review_counts", "cases", "raw_cells", "checks", "findings", "incidents",
            "incident_events", "incident_sections", "departments", "case_families")
TIMES = {"documents": "ingested_at", "pages": "seconds"}  # when and how fast, not what was read
NEW_YEAR_MUNICIPALITIES = 50
LOAD_BATCH = 100


def differing_rows(a: Path, b: Path) -> dict[str, int]:
    """Rows of each table in one warehouse and not the other (both ways, with multiplicity)."""
    con = duckdb.connect(str(a), read_only=True)
    con.execute(f"ATTACH '{b}' AS other (READ_ONLY)")
    out = {}
    for table in COMPARED:
        cols = f"* EXCLUDE ({TIMES[table]})" if table in TIMES else "*"
        n = 0
        for x, y in ((table, f"other.{table}"), (f"other.{table}", table)):
            n += con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {x} EXCEPT ALL SELECT {cols} FROM {y})"
                             ).fetchone()[0]  # type: ignore[index]
        out[table] = n
    con.close()
    return out


def bench_executors(work: Path, n_reports: int, size: float, seed: int, jobs: int) -> dict[str, Any]:
    import ray

    reports = gen.plan(n_reports, 1, seed, size=size)
    pdfs = gen.render(reports, work / "pdf")
    settings = RunSettings(extract=ExtractSettings(jobs=jobs))
    out: dict[str, Any] = {"reports": len(pdfs), "pages": 0, "jobs": jobs}
    started = time.perf_counter()
    local = ingest_through_store(pdfs, work / "local.duckdb", settings,
                                 ExecuteSettings(results=work / "local.results"), executor_driver(),
                                 executor=LocalExecutor())
    out["local_seconds"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    start_ray(None, jobs)
    out["ray_init_seconds"] = round(time.perf_counter() - started, 2)
    out["ray_workers_warmed"] = warm_up(jobs)  # workers import the pipeline: start-up, not per document
    out["ray_startup_seconds"] = round(time.perf_counter() - started, 2)
    try:
        started = time.perf_counter()
        remote = ingest_through_store(pdfs, work / "ray.duckdb", settings,
                                      ExecuteSettings(results=work / "ray.results"), executor_driver(),
                                      executor=RayExecutor(num_cpus=jobs))
        out["ray_seconds"] = round(time.perf_counter() - started, 2)
    finally:
        ray.shutdown()
    out["pages"] = sum(o.pages for o in local)
    out["landed"] = {"local": sum(o.status == "landed" for o in local),
                     "ray": sum(o.status == "landed" for o in remote)}
    out["ray_over_local"] = round(out["ray_seconds"] / out["local_seconds"], 3)
    out["ray_with_startup_over_local"] = round((out["ray_seconds"] + out["ray_startup_seconds"])
                                               / out["local_seconds"], 3)
    out["differing_rows"] = differing_rows(work / "local.duckdb", work / "ray.duckdb")
    out["identical"] = not any(out["differing_rows"].values())
    return out


def bench_warehouse(work: Path, municipalities: int, years: int, seed: int, rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {"seed": seed, "municipalities": municipalities, "years": years}
    reports = gen.plan(municipalities, years, seed)
    store = ResultsStore(work / f"store-{seed}")
    started = time.perf_counter()
    folders = gen.write_store(reports, store.root)
    out["store_write_seconds"] = round(time.perf_counter() - started, 1)
    stored = [s for s in (gen_read(f) for f in folders) if s is not None]
    db = work / f"nationwide-{seed}.duckdb"
    con = connect(db)
    started = time.perf_counter()
    load_in_batches(con, stored, LOAD_BATCH)
    out["load"] = {"reports": len(stored), "seconds": round(time.perf_counter() - started, 1),
                   "rows": {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                            for t in ("documents", "cases", "review_counts", "checks", "findings",
                                      "case_families", "departments")}}
    out["queries"] = time_queries(con, rounds)
    out["new_year"] = bench_new_year(con, store, municipalities, years, seed)
    con.close()
    out["warehouse_mb"] = round(db.stat().st_size / 2**20, 1)
    return out


def gen_read(folder: Path):  # type: ignore[no-untyped-def]
    from pipeline.store.results import read_result

    return read_result(folder)


def time_queries(con: duckdb.DuckDBPyConnection, rounds: int) -> dict[str, Any]:
    out = {}
    first = con.execute("SELECT min(municipality) FROM documents").fetchone()[0]  # type: ignore[index]
    for name, sql in research_queries(municipality=first).items():  # the doc's example is 世田谷区
        times, rows = [], 0
        for _ in range(rounds):
            started = time.perf_counter()
            rows = len(con.execute(sql).fetchall())
            times.append(time.perf_counter() - started)
        out[name] = {"median_seconds": round(statistics.median(times), 4), "rows": rows}
    return out


def bench_new_year(con: duckdb.DuckDBPyConnection, store: ResultsStore, municipalities: int, years: int,
                   seed: int) -> dict[str, Any]:
    """Year years+1 of the first 50 municipalities: written, loaded; old family ids must not move."""
    last = 2015 + years
    new = [r for r in gen.plan(municipalities, years + 1, seed) if r.year == last][:NEW_YEAR_MUNICIPALITIES]
    before = {(d, c, n): f for d, c, n, f in
                  con.execute("SELECT doc_id, criterion, case_no, family_id FROM cases").fetchall()}
    families_before = con.execute("SELECT count(*) FROM case_families").fetchone()[0]  # type: ignore[index]
    scored: list[int] = []
    real = families_module.assign_families

    def counting(items, existing=(), **kw):  # type: ignore[no-untyped-def]
        items = list(items)
        scored.append(len(items))
        return real(items, existing, **kw)

    families_module.assign_families = counting  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        folders = gen.write_store(new, store.root)
        written = time.perf_counter() - started
        started = time.perf_counter()
        load_in_batches(con, [s for s in (gen_read(f) for f in folders) if s is not None], LOAD_BATCH)
        loaded = time.perf_counter() - started
    finally:
        families_module.assign_families = real  # type: ignore[assignment]
    after = {(d, c, n): f for d, c, n, f in
                 con.execute("SELECT doc_id, criterion, case_no, family_id FROM cases").fetchall()}
    return {
        "reports_processed": len(new), "store_write_seconds": round(written, 2), "load_seconds": round(loaded, 2),
        "cases_scored_for_families": sum(scored), "new_cases": sum(len(r.tasks) for r in new),
        "old_cases": len(before), "old_cases_with_other_family": sum(after.get(k) != f for k, f in before.items()),
        "families_added": con.execute("SELECT count(*) FROM case_families").fetchone()[0] - families_before,  # type: ignore[index]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=15, help="the tuning seed (default %(default)s)")
    parser.add_argument("--held-out-seed", type=int, default=None, help="run the warehouse part on this seed too")
    parser.add_argument("--executor-reports", type=int, default=6, help="rendered reports for local vs Ray")
    parser.add_argument("--executor-size", type=float, default=0.35, help="their list size vs the reference")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="runs of each query (median)")
    parser.add_argument("--skip-executors", action="store_true")
    parser.add_argument("--work", type=Path, default=None, help="keep the work files here (default: a temp dir)")
    parser.add_argument("--out", type=Path, default=Path("bench/scale.json"))
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_scale-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.machine(),
        "cpus": __import__("os").cpu_count(), "python": platform.python_version(),
        "command": " ".join(sys.argv),
    }
    try:
        if not args.skip_executors:
            result["executors"] = bench_executors(work / "exec", args.executor_reports, args.executor_size,
                                                  args.seed, args.jobs)
            print(json.dumps({"executors": result["executors"]}, ensure_ascii=False, indent=1), flush=True)
        seeds = [("tuning", args.seed)] + ([("held_out", args.held_out_seed)] if args.held_out_seed else [])
        for label, seed in seeds:
            result[f"warehouse_{label}"] = bench_warehouse(work, args.municipalities, args.years, seed, args.rounds)
            print(json.dumps({label: result[f"warehouse_{label}"]}, ensure_ascii=False, indent=1), flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    write_report(args.out, result, final_newline=False)
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
