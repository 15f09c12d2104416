"""A memory cap per task: RLIMIT_AS around one document, since Ray has none per task.

The cap is on address space *added* by the task: a Ray worker maps gigabytes
before it runs anything (its object store client, gRPC threads), so the limit
is set to what the process has mapped now plus the cap, and restored after.
An allocation over it raises MemoryError in Python code (pdfminer, Pillow,
numpy); the task fails with the limit's name. A native library that aborts
instead kills the worker, which the engine retries and then reports as a crash.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.execute.task import TaskResult, failed


def mapped_bytes() -> int:
    """The process's current virtual memory size (VmSize), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def run_capped(work: Callable[..., TaskResult], memory_mb: int | None, path: str, *args: Any) -> TaskResult:
    """``work(path, *args)`` with at most ``memory_mb`` MiB of new address space; over it, a failed result."""
    if not memory_mb:
        return work(path, *args)
    started = time.perf_counter()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped_bytes() + memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        return work(path, *args)
    except MemoryError:
        return failed(path, f"{Path(path).name}: over the memory limit of {memory_mb} MiB per document "
                      "(--max-memory-per-document)", started)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
