"""Task bodies that misbehave on purpose, for the executor tests.

Module-level functions, so Ray pickles them by reference and its workers
import them from this checkout (the local cluster's PYTHONPATH).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from pipeline.execute.task import TaskResult, document_task


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def killed_mid_document_once(path: str, store_root: str, settings: object, process, on_page=None) -> TaskResult:
    """The first try's worker is killed after its first page is read; later tries run normally."""
    marker = Path(path + ".tried")

    def after_page(n: int) -> None:
        if not marker.exists():
            marker.write_text("killed after a page\n")
            _die()

    return document_task(path, store_root, settings, process, on_page=after_page)


def crash_on_bad(path: str, store_root: str, settings: object, process, on_page=None) -> TaskResult:
    """A file whose name starts with 'bad' kills its worker every time (a segfaulting parser)."""
    if Path(path).name.startswith("bad"):
        with Path(path + ".tries").open("a") as tries:
            tries.write("x")
        _die()
    return document_task(path, store_root, settings, process, on_page)


def hog_on_bad(path: str, store_root: str, settings: object, process, on_page=None) -> TaskResult:
    """A file whose name starts with 'bad' asks for 2 GiB (a decompression bomb's page)."""
    if Path(path).name.startswith("bad"):
        block = bytearray(2 * 2**30)
        block[-1] = 1
    return document_task(path, store_root, settings, process, on_page)
