"""Ingest through the results store: hash and skip here, documents on an executor, one loader.

The driver (this process) decides what to skip, hands paths to the executor,
and loads each finished document from the store into the warehouse, in the
order the paths were given whatever order the workers finish in, so the
warehouse (family ids included) does not depend on the executor or the
number of workers. Each document is loaded in its own transaction: a run
killed half-way keeps the documents already landed.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pipeline.errors import LoadError
from pipeline.execute.task import TaskResult
from pipeline.extract import sha256_of
from pipeline.store.keys import (
    charmaps_of,
    config_key,
    corrections_of,
    extract_settings_of,
    extractor_key,
    results_key,
)
from pipeline.store.loader import load_stored, loaded_key
from pipeline.store.results import read_result

EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class ExecuteSettings:
    """Where documents are processed and where their results are kept."""

    executor: str = "local"  # local | ray
    ray_address: str | None = None  # auto | HOST:PORT of a running cluster; None: a local one of --jobs CPUs
    results: Path | None = None  # the results store; None: beside the warehouse (<db stem>.results/)
    max_memory_mb: int | None = None  # RLIMIT_AS cap per document (None: none)

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {self.executor!r}")
        if self.max_memory_mb is not None and self.max_memory_mb < 1:
            raise ValueError("max_memory_mb must be at least 1")
        if self.executor == "ray" and importlib.util.find_spec("ray") is None:
            raise ValueError("--executor ray needs Ray: pip install -e '.[cluster]'")


class Executor(Protocol):
    def run(self, paths: Sequence[str], store_root: str, settings: Any, process: Callable[..., Any],
            on_page: Callable[[int], None] | None = None) -> Iterator[tuple[int, TaskResult]]: ...


@dataclass(frozen=True)
class Driver:
    """What the run lends the executors (pipeline.run comes after this stage, so it hands them in)."""

    process: Callable[..., Any]  # pipeline.run.process_extraction: Extraction, RunSettings -> DocumentResult
    outcome: Callable[..., Any]  # pipeline.run.Outcome
    open_warehouse: Callable[..., Any]  # pipeline.run.warehouse: (db, wait_seconds) -> context manager


def results_dir_for(db: str | Path) -> Path:
    """The default store: beside the warehouse, warehouse.duckdb -> warehouse.results/."""
    return Path(db).with_suffix(".results")


def make_executor(execute: ExecuteSettings, jobs: int) -> Executor:
    if execute.executor == "ray":
        from pipeline.execute.cluster import RayExecutor

        return RayExecutor(address=execute.ray_address, num_cpus=jobs, memory_mb=execute.max_memory_mb)
    from pipeline.execute.local import LocalExecutor

    return LocalExecutor(memory_mb=execute.max_memory_mb)


def _precheck(con: Any, path: Path, settings: Any, outcome: Callable[..., Any]) -> Any:
    """An Outcome now (unreadable, or loaded under the current key), or None to process the file."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return outcome(str(path), "failed", f"{name}: read: {exc.strerror or exc}")
    if settings.force:
        return None
    doc_id = sha256_of(data)[:16]
    key = results_key(extractor_key(extract_settings_of(settings), charmaps_of(settings)), corrections_of(settings), name,
                      config_key=config_key(settings))
    if loaded_key(con, doc_id) in (key, ""):  # "": loaded before the store existed
        return outcome(str(path), "skipped", f"{name}: already in the warehouse (same bytes); --force re-extracts")
    return None


def ingest_through_store(paths: Sequence[Path], db: str | Path, settings: Any, execute: ExecuteSettings | None,
                         driver: Driver, on_page: Callable[[int], None] | None = None,
                         on_outcome: Callable[[Any], None] | None = None,
                         executor: Executor | None = None) -> list[Any]:
    """Every file's Outcome (pipeline.run), in the order given; raises LoadError only for a locked warehouse."""
    execute = execute or ExecuteSettings()
    store_root = str(execute.results or results_dir_for(db))
    outcomes: list[Any] = [None] * len(paths)

    def settle(index: int, outcome: Any) -> None:
        outcomes[index] = outcome
        if on_outcome:
            on_outcome(outcome)

    todo: list[int] = []
    with driver.open_warehouse(db, settings.wait_seconds) as con:
        for i, path in enumerate(paths):
            early = _precheck(con, path, settings, driver.outcome)
            if early is None:
                todo.append(i)
            else:
                settle(i, early)
    if not todo:
        return outcomes
    executor = executor or make_executor(execute, settings.extract.jobs)
    ready: dict[int, TaskResult] = {}
    next_up = 0
    results = executor.run([str(paths[i]) for i in todo], store_root, settings, driver.process, on_page)
    try:
        for k, result in results:
            ready[k] = result
            batch = []
            while next_up in ready:
                batch.append((todo[next_up], ready.pop(next_up)))
                next_up += 1
            for index, outcome in land(batch, db, settings.wait_seconds, driver):
                settle(index, outcome)
    finally:
        close = getattr(results, "close", None)
        if close:
            close()
    return outcomes


def land(batch: list[tuple[int, TaskResult]], db: str | Path, wait_seconds: float,
         driver: Driver) -> Iterator[tuple[int, Any]]:
    """Load finished documents in order, one transaction each; (index, Outcome) for each."""
    Outcome = driver.outcome
    if not batch:
        return
    with driver.open_warehouse(db, wait_seconds) as con:
        for index, result in batch:
            if not result.ok:
                yield index, Outcome(result.path, "failed", result.message, seconds=result.seconds)
                continue
            started = time.perf_counter()
            stored = read_result(Path(str(result.results_folder)))
            try:
                if stored is None:
                    raise LoadError(Path(result.path).name, f"stored result {result.results_folder} is missing")
                load_stored(con, [stored])
            except LoadError as exc:
                if exc.retry:
                    raise
                yield index, Outcome(result.path, "failed", exc.one_line(), seconds=result.seconds)
                continue
            yield index, Outcome(result.path, "landed", "", stored.doc_id,
                                 seconds=result.seconds + time.perf_counter() - started,
                                 **stored.summary["counts"])
