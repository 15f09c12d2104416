"""The local executor: documents one after another in this process, pages over ``--jobs`` processes.

What ``ingest`` always did, now through the results store; the per-page
progress callback works because the work runs here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.execute.limits import run_capped
from pipeline.execute.task import TaskResult, document_task


@dataclass(frozen=True)
class LocalExecutor:
    memory_mb: int | None = None  # RLIMIT_AS cap on what one document may add (None: no cap)
    work: Callable[..., TaskResult] = document_task

    def run(self, paths: Sequence[str], store_root: str, settings: object, process: Callable[..., object],
            on_page: Callable[[int], None] | None = None) -> Iterator[tuple[int, TaskResult]]:
        """(index in ``paths``, result) for each document, in order."""
        for index, path in enumerate(paths):
            yield index, run_capped(self.work, self.memory_mb, path, store_root, settings, process, on_page)
