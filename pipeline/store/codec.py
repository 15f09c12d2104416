"""Dataclasses to JSON and back, driven by their type hints alone.

The Extraction dataclass grows fields as the extractors learn more; the store
must round-trip whatever it holds today without a line of code per field. So
encoding walks ``dataclasses.fields`` and decoding reads each field's type
hint (``tuple[Cell, ...]``, ``float | None``, ``Literal[...]``, ``date``,
nested dataclasses), and a field the stored JSON lacks (written before the
field existed) takes its default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """JSON-ready lists, dicts and scalars for a dataclass tree."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild ``cls`` from ``to_plain``'s output; unknown keys are an error, missing ones take defaults."""
    return _decode(cls, data)  # type: ignore[no-any-return]


def _decode_dataclass(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"{cls.__name__}: stored fields {unknown} are not in the dataclass")
    return cls(**{k: _decode(hints[k], v) for k, v in data.items()})


def _decode(hint: Any, data: Any) -> Any:
    origin = typing.get_origin(hint)
    if data is None:
        return None
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, data)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        return tuple(_decode(a, v) for a, v in zip(args, data))
    if origin is list:
        (arg,) = typing.get_args(hint)
        return [_decode(arg, v) for v in data]
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        return {k: _decode(value_hint, v) for k, v in data.items()}
    if hint is datetime:
        return datetime.fromisoformat(data)
    if hint is date:
        return date.fromisoformat(data)
    if hint is float and isinstance(data, int):
        return float(data)
    return data  # str, int, bool, Literal[...], object
