"""Parallel page reading fails loudly, never hangs, when a worker process dies.

A CI run hung until its time limit because ``multiprocessing.Pool`` waits
forever for a worker that segfaulted. These tests kill a worker on purpose.
"""

from __future__ import annotations

import os
from typing import Self

import pytest

from pipeline import extract
from pipeline.errors import ExtractError
from pipeline.extract.workers import WORKER_DIED, BrokenProcessPool, process_pool


def test_a_dead_worker_breaks_the_pool_instead_of_hanging() -> None:
    with process_pool(2) as pool, pytest.raises(BrokenProcessPool):
        pool.submit(os._exit, 3).result(timeout=60)


def test_workers_do_not_inherit_the_parents_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers come from a clean server (forkserver), not a fork of this process.

    A fork would copy whatever this process holds (Ray's and gRPC's threads'
    locks, half-built extension state); a mark set here must not reach them.
    """
    from pipeline.extract import workers

    monkeypatch.setattr(workers, "parent_mark", True, raising=False)
    probe = "getattr(__import__('pipeline.extract.workers', fromlist=['_']), 'parent_mark', False)"
    with process_pool(1) as pool:
        assert pool.submit(eval, probe).result(timeout=60) is False


def test_workers_give_numpys_blas_one_thread() -> None:
    """Pages run side by side, one per worker: OpenBLAS's own threads in each only waited on the others
    (a curled page's bow fit took 0.7 CPU s with them, 0.25 s without)."""
    with process_pool(1) as pool:
        seen = pool.submit(os.getenv, "OPENBLAS_NUM_THREADS").result(timeout=60)
    assert seen is not None and seen == os.environ["OPENBLAS_NUM_THREADS"]  # "1" unless the user chose one


def test_a_dead_worker_becomes_a_one_line_error_naming_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    class DyingPool:
        def __enter__(self) -> Self:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(self, fn: object, tasks: object) -> object:
            raise BrokenProcessPool("worker died")

    monkeypatch.setattr(extract, "process_pool", lambda workers: DyingPool())
    settings = extract.ExtractSettings(jobs=2)
    deadline = extract.safety.Deadline("big.pdf", 60.0, settings.max_seconds_per_page)
    with pytest.raises(ExtractError) as caught:
        extract._read_pages_in_parallel(b"%PDF-1.4", "big.pdf", 12, settings, deadline, None)
    assert "big.pdf" in str(caught.value) and WORKER_DIED in str(caught.value)


CLIENT = """
from pipeline.extract.workers import process_pool
pool = process_pool(2)
list(pool.map(abs, [-1, -2, -3, -4]))
print(*pool._processes, flush=True)
import time; time.sleep(60)
"""


def test_workers_do_not_outlive_a_killed_client() -> None:
    """An ingest killed mid-run (SIGKILL, OOM killer) leaves no page readers behind."""
    import signal
    import subprocess
    import sys
    import time

    client = subprocess.Popen([sys.executable, "-c", CLIENT], stdout=subprocess.PIPE, text=True,
                              stderr=subprocess.DEVNULL)
    assert client.stdout is not None
    workers = [int(pid) for pid in client.stdout.readline().split()]
    assert workers, "the client started its workers"
    client.send_signal(signal.SIGKILL)
    client.wait(timeout=30)
    deadline = time.monotonic() + 20
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _running(pid)]
    assert not alive, f"workers {alive} outlived their client"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
