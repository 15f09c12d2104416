"""Japanese line breaking (禁則) as data: config/typesetting.toml, read once per process.

The extractor reads a producer's wrapping back from the page, so it needs the
rules the producer wrapped by: which characters may not start a line (they go
down with the character before them, or hang past the line's end) and which
of them hang. One table for every module that asks (fits.py, overset.py,
alignment.py), from JIS X 4051's character classes; the file says which.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.config.files import CONFIG_DIR, read_toml
from pipeline.errors import ConfigError

TYPESETTING_TOML = CONFIG_DIR / "typesetting.toml"


@dataclass(frozen=True)
class LineBreaking:
    """``no_line_start``: characters that may not start a line (行頭禁則); ``hanging``: the full-width
    closing marks a line may hang past its end (ぶら下げ), whose ink is the left half of their box;
    ``blank_before``: the full-width opening brackets (行末禁則), whose ink is the right half of their box."""

    no_line_start: frozenset[str]
    hanging: frozenset[str]
    blank_before: frozenset[str] = frozenset()


def _classes(data: dict[str, object], use: str, path: Path, table: str = "no_line_start") -> list[str]:
    """The member strings of the ``[table]`` classes ``[use]`` names for ``use``; ConfigError naming the file
    otherwise."""
    classes, names = data.get(table), data.get("use", {})
    if not isinstance(classes, dict) or not isinstance(names, dict) or not isinstance(names.get(use), list):
        raise ConfigError(f"{path}: needs [{table}] classes and [use] {use} = [class names]")
    unknown = [n for n in names[use] if n not in classes]
    if unknown:
        raise ConfigError(f"{path}: [use] {use} names unknown classes {unknown}; known: {sorted(classes)}")
    return [str(classes[n]) for n in names[use]]


def _full_width(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "FW"


def read_line_breaking(path: Path) -> LineBreaking:
    """The table of ``path``: every character of the used classes (``hanging``, ``blank_before``: their
    full-width ones)."""
    data = read_toml(path)
    hanging = {ch for members in _classes(data, "hanging", path) for ch in members if _full_width(ch)}
    opening = {ch for members in _classes(data, "blank_before", path, "no_line_end") for ch in members
               if _full_width(ch)}
    return LineBreaking(no_line_start=frozenset("".join(_classes(data, "no_line_start", path))),
                        hanging=frozenset(hanging), blank_before=frozenset(opening))


@cache
def line_breaking() -> LineBreaking:
    """The checkout's config/typesetting.toml, read once per process (module constants of pipeline.extract)."""
    return read_line_breaking(TYPESETTING_TOML)
