"""The words that end each organisational level of a 担当部課 name, and the parser that uses them.

``parse_department`` splits a name into branch office / bureau / centre / section / rest by
those words (``DepartmentStructure``). Which words a municipality uses is data: its
registry's ``[structure]`` table, else the ``_structure.toml`` of its departments folder
(``Config.department_structure`` for a run), else the checkout's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config.files import CONFIG_DIR as CONFIG_ROOT
from pipeline.match._text import normalize_department


@dataclass(frozen=True)
class DepartmentParts:
    """A department name split into the ward's organisational levels.

    ``branch`` is the branch office's name without 総合支所 (「砧」); it is ""
    when the string says 総合支所 but the name before it is missing.
    ``rest`` is whatever follows the section (a post such as 副所長, a unit 係).
    """

    branch: str | None = None
    bureau: str | None = None
    centre: str | None = None
    section: str | None = None
    rest: str | None = None

    def as_tuple(self) -> tuple[str | None, ...]:
        return (self.branch, self.bureau, self.centre, self.section, self.rest)


STRUCTURE_NAME = "_structure.toml"  # in a departments folder: the words of registries without their own
STRUCTURE_FILE = CONFIG_ROOT / "departments" / STRUCTURE_NAME


@dataclass(frozen=True)
class DepartmentStructure:
    """The words that end each organisational level of a name, from config, not code.

    Which words a municipality uses (総合支所 or 支所 for a branch office, which
    bureaus end in 保健所) is a fact about that municipality, so it lives in
    its registry's ``[structure]`` table; registries without one, and municipalities
    without a registry, use the ``_structure.toml`` of the same departments folder
    (``Config.department_structure`` for a run).
    """

    branch: tuple[str, ...]
    bureau: tuple[str, ...]
    centre: tuple[str, ...]
    section: tuple[str, ...]
    branch_name_max: int = 4  # characters of a branch office's own name before its word

    def __post_init__(self) -> None:
        for level in ("branch", "bureau", "centre", "section"):
            if not getattr(self, level):
                raise ValueError(f"department structure: no words for level {level!r}")

    @property
    def patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """Branch, bureau, centre (shortest match) and section (longest: 「…課長」 keeps 長 as the rest)."""
        return _structure_patterns(self)


@lru_cache(maxsize=16)
def _structure_patterns(
        structure: DepartmentStructure) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def words(ws: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    return (re.compile(f"(?P<branch>.{{0,{structure.branch_name_max}}}?)(?P<word>{words(structure.branch)})"),
            re.compile(f"(?P<bureau>.+?(?:{words(structure.bureau)}))"),
            re.compile(f"(?P<centre>.+?(?:{words(structure.centre)}))"),
            re.compile(f"(?P<section>.+(?:{words(structure.section)}))"))


def structure_from(data: Mapping[str, object], source: str) -> DepartmentStructure:
    """A ``[structure]`` table (branch, bureau, centre, section: lists of words) as a DepartmentStructure."""
    try:
        return DepartmentStructure(**{k: tuple(v) if isinstance(v, list) else v  # type: ignore[arg-type]
                                      for k, v in data.items()})
    except TypeError as e:
        raise ValueError(f"{source}: [structure] {e}") from None


def read_structure(path: str | Path) -> DepartmentStructure:
    """A departments folder's ``_structure.toml``: the words for registries without a [structure] of their own."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path}: not valid TOML ({e})") from None
    return structure_from(data.get("structure", {}), str(path))


@lru_cache(maxsize=1)
def default_structure() -> DepartmentStructure:
    """The checkout's config/departments/_structure.toml: what a call without a Config's structure uses."""
    return read_structure(STRUCTURE_FILE)


def registry_files(folder: str | Path) -> list[Path]:
    """The registries of a departments folder: its TOML files but the shared ones named ``_…`` (_structure.toml)."""
    return [p for p in sorted(Path(folder).glob("*.toml")) if not p.name.startswith("_")]


def parse_department(name: str, structure: DepartmentStructure | None = None) -> DepartmentParts:
    """Split 「世田谷総合支所保健福祉センター生活支援課」 into its parts.

    Works on names never seen before: the parts are found by the words that end
    them (``structure``, e.g. 総合支所; 部/局/保健所; センター; 課/室), in that
    order, each optional.
    """
    s = normalize_department(name)
    parts: dict[str, str | None] = {}
    *levels, section = (structure or default_structure()).patterns
    for key, pattern in zip(("branch", "bureau", "centre"), levels):
        m = pattern.match(s)
        if m:
            parts[key] = m.group(key)
            s = s[m.end() :]
        else:
            parts[key] = None
    m = section.match(s)
    if m:
        parts["section"] = m.group("section")
        s = s[m.end() :]
    else:
        parts["section"] = None
    parts["rest"] = s or None
    return DepartmentParts(**parts)


