"""Worker processes for reading pages in parallel, safe in a process that has threads.

Why not ``fork``: a process that has started threads (Ray's client, gRPC,
an OCR engine's thread pool) cannot be forked safely; the child inherits
locks taken mid-operation and half-built extension state. On CI a forked
page reader segfaulted while garbage-collecting after the Ray tests had run
in the same process. Workers forked from a ``forkserver`` (a fresh
interpreter that has only imported the extraction modules) inherit none of
that, and still start in milliseconds because the imports are preloaded.

Why not ``multiprocessing.Pool``: when one of its workers dies, the pool
waits for it forever (that CI run hung until its time limit). An executor
raises :class:`BrokenProcessPool` instead, which callers turn into a
one-line error naming the file, so the other files still go in.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

PRELOAD = ["pipeline.extract", "pipeline.extract.ocr"]
# the workers are the parallelism: numpy's OpenBLAS gets one thread in each, as the OCR engines and OpenCV do
WORKER_ENV = {"OPENBLAS_NUM_THREADS": "1"}

__all__ = ["WORKER_DIED", "BrokenProcessPool", "process_pool"]

WORKER_DIED = "a page-reading worker process died (crashed or was killed) while reading this file"


def _context() -> mp.context.BaseContext:
    """forkserver where the platform has it (Linux, macOS), spawn elsewhere.

    The forkserver (or a spawned worker) starts from this process's environment and loads numpy then, so
    ``WORKER_ENV`` is set here first (where the user has not set it): OpenBLAS sized its pool by the cores,
    and with every core already reading a page its threads only waited on each other. On the camera x fpdf2
    scan a curled page's bow fit (``bow.straighten_rows``, one least-squares solve and a remap) took
    0.7-0.8 CPU s with the default pool and 0.2-0.3 s with one thread, the same field either way.
    """
    for name, value in WORKER_ENV.items():
        os.environ.setdefault(name, value)
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")


def _exit_with(client_pid: int) -> None:
    """In a worker: exit when the process that asked for it is gone.

    A worker's parent is the forkserver, and it holds both ends of its task
    queue, so when its client is killed (SIGKILL, OOM) nothing else would ever
    end it: without this watch it and the forkserver outlive the run.
    """
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(client_pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-client", daemon=True).start()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """An executor of ``workers`` processes that fails loudly when one dies."""
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=_context(),
                               initializer=_exit_with, initargs=(os.getpid(),))
