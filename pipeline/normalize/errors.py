"""The one error the normalize stage raises."""

from __future__ import annotations


class NormalizeError(ValueError):
    """A value could not be read as what its column says it is.

    A ValueError subclass so that callers that already treat bad values as
    ValueError keep working. ``value`` is the input exactly as received, so the
    caller can add file, page and cell to the message without re-quoting it.
    The message always quotes the input with repr(), so invisible characters
    (U+3000, NBSP) show up in the one-line error a user sees.
    """

    stage = "normalize"

    def __init__(self, message: str, value: str | None = None) -> None:
        super().__init__(message)
        self.value = value
