"""The Ray executor: one Ray Core task per document, on a local cluster or one joined by address.

Why Ray Core tasks (issue 15): a task runs on its worker's main thread, so the
per-page SIGALRM time limit works; a worker that dies is retried
(``max_retries``) while the other tasks go on; ``retry_exceptions`` stays False
and the task returns its failures anyway, so a bad PDF is never retried;
``max_calls`` recycles workers whose memory grows (pdfplumber and OCR engines
do). Tasks get paths and return small ``TaskResult``s; rows go to the store.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.execute.limits import run_capped
from pipeline.execute.task import TaskResult, document_task

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
MAX_RETRIES = 3  # Ray's default for a crashed worker
MAX_CALLS = 25  # documents a worker reads before Ray replaces it


@dataclass(frozen=True)
class RayExecutor:
    address: str | None = None  # "auto" or HOST:PORT joins a cluster; None starts a local one
    num_cpus: int = 2  # CPUs of a local cluster (--jobs)
    memory_mb: int | None = None  # RLIMIT_AS cap on what one document may add in its worker
    max_retries: int = MAX_RETRIES
    max_calls: int = MAX_CALLS
    work: Callable[..., TaskResult] = document_task

    def run(self, paths: Sequence[str], store_root: str, settings: Any, process: Callable[..., Any],
            on_page: Callable[[int], None] | None = None) -> Iterator[tuple[int, TaskResult]]:
        """(index in ``paths``, result) as tasks complete; the cluster this started is shut down after."""
        import ray

        started_here = start_ray(self.address, self.num_cpus) if not ray.is_initialized() else False
        try:
            task = ray.remote(num_cpus=1, max_retries=self.max_retries, retry_exceptions=False,
                              max_calls=self.max_calls)(run_capped)
            one_core = replace(settings, extract=replace(settings.extract, jobs=1))  # one task, one core
            refs = {task.remote(self.work, self.memory_mb, path, store_root, one_core, process): (i, path)
                    for i, path in enumerate(paths)}
            pending = list(refs)
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                for ref in done:
                    index, path = refs.pop(ref)
                    result = self._result(ref, path)
                    if on_page is not None:
                        on_page(result.pages)
                    yield index, result
        finally:
            if started_here:
                ray.shutdown()

    def _result(self, ref: Any, path: str) -> TaskResult:
        import ray

        try:
            result = ray.get(ref)
            assert isinstance(result, TaskResult)
            return result
        except ray.exceptions.RayError as exc:  # the worker died on every try, or the task was cancelled
            return TaskResult(path, False, crash_message(Path(path).name, exc, self.max_retries))


def crash_message(name: str, exc: BaseException, retries: int) -> str:
    kind = type(exc).__name__
    if kind == "OutOfMemoryError":
        why = "Ray's memory monitor killed its worker (the node ran out of memory)"
    elif kind == "WorkerCrashedError":
        why = f"its worker died on each of {retries + 1} tries (killed, or a crash in a native library)"
    else:
        why = f"{kind}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return f"{name}: execute: {why}"


def start_ray(address: str | None, num_cpus: int) -> bool:
    """Join ``address`` or start a local cluster of ``num_cpus`` CPUs without a dashboard; True if started."""
    import ray

    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        return True
    # workers import this checkout's pipeline package (a local cluster shares the filesystem); the Config
    # they use comes with the settings of each task
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), old) if p)
    try:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING)
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return True


def _import_pipeline() -> int:
    """What a worker's first document would import anyway; returns the worker's pid."""
    import pipeline.execute.task
    import pipeline.recognize  # noqa: F401

    return os.getpid()


def warm_up(num_cpus: int) -> int:
    """Have the workers import the pipeline before the first document (part of start-up); how many answered."""
    import ray

    task = ray.remote(num_cpus=1)(_import_pipeline)
    return len(set(ray.get([task.remote() for _ in range(2 * num_cpus)])))
