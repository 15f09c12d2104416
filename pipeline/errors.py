"""Errors that carry the file, the stage and a reason a user can act on.

The CLI turns any of these into one line: ``file: stage: reason``. Library
code raises them; it never prints.
"""

from __future__ import annotations

from typing import Any


class PipelineError(Exception):
    """A document could not go through a stage. ``retry`` says whether trying again may help."""

    stage = "pipeline"

    def __init__(self, file: str, reason: str, *, page_no: int | None = None, retry: bool = False):
        self.file = file
        self.reason = reason
        self.page_no = page_no
        self.retry = retry
        super().__init__(self.one_line())

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Rebuild from file and reason, so an error raised in a worker process reaches the parent."""
        return (self.__class__, (self.file, self.reason), {"page_no": self.page_no, "retry": self.retry})

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        self.__dict__.update(state or {})
        self.args = (self.one_line(),)

    def one_line(self) -> str:
        where = f" (page {self.page_no})" if self.page_no else ""
        return f"{self.file}: {self.stage}{where}: {self.reason}"


class ExtractError(PipelineError):
    stage = "extract"


class RecognizeError(PipelineError):
    stage = "recognize"


class LoadError(PipelineError):
    stage = "load"


class ConfigError(Exception):
    """A configuration file is malformed; the message names the file and the key."""
