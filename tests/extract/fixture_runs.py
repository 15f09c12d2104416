"""The whole pure pipeline over a committed fixture PDF, once per test session (shared by the fixture suites)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def pipeline_result(path: Path):  # type: ignore[no-untyped-def]
    """``process_bytes`` over the fixture at ``path``, computed once per session however many tests read it."""
    from pipeline.run import process_bytes

    return process_bytes(path.read_bytes(), path.name)
