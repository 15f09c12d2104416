"""Tie every 担当部課 string to one department of a municipality's registry.

``parse_department`` splits a name into branch office / bureau / centre / section;
``match_department`` finds the registry entry a (possibly OCR-damaged) name
means, or returns a new, flagged department when no entry is a safe match.
A wrong match is worse than no match: anything doubtful goes to review.

How a name is matched (docs/matching.md has the reasons and the figures):

1. ``exact``: the normalized name is a registry name.
2. ``alias``: the normalized name is a known alias or an old name (renaming).
3. ``fuzzy``: the folded name (see ``_text.fold``) is within a small edit budget
   of exactly one department's name or alias, and every other department is at
   least ``MARGIN`` edits further away. Characters Tesseract's jpn model cannot
   read (砧 …) may be replaced by any 0-2 characters that are not part of another
   branch office's name ("OCR repair").
4. ``garbled`` (an OCR reading only, ``match_department(..., ocr=True)``): a
   low-resolution scan garbles kanji far beyond the fuzzy budget
   (陳書福祉部降賽施策推進課). The nearest department is taken when fewer than
   half the characters of each of its parts were changed and every other
   department is at least ``GARBLED_MARGIN`` edits further: still a guess a
   person should see, so the caller leaves a finding.
5. otherwise ``parsed-new``: a new Department, ``flagged_new=True``, id
   ``new:<hash of the municipality and the normalized name>`` (two wards' 「総務課」
   are two departments), parts from ``parse_department``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from pipeline.config.files import CONFIG_DIR as CONFIG_ROOT
from pipeline.match._text import fold, normalize_department, ocr_unreadable
from pipeline.match.structure import (  # noqa: F401  (re-exported: the parser is part of this module's API)
    STRUCTURE_FILE,
    STRUCTURE_NAME,
    DepartmentParts,
    DepartmentStructure,
    default_structure,
    parse_department,
    read_structure,
    registry_files,
    structure_from,
)

log = logging.getLogger(__name__)

Method = Literal["exact", "alias", "fuzzy", "garbled", "parsed-new"]

CONFIG_DIR = CONFIG_ROOT / "departments"  # under pipeline.config's one CONFIG_DIR

MAX_EDITS = 3  # total edits (after folding) between a name and a registry name
MARGIN = 1.0  # the runner-up department must be at least this many edits further
REPAIR_COST = 0.5  # cost of one OCR-unreadable character replaced by garbage
MIN_SCORE = 80.0  # never accept below this score, whatever the edit budgets say
# An OCR reading beyond the fuzzy budget: the runner-up department must be this many edits further.
# Chosen on the fax x fpdf2 tuning scan (garbled names 3-7 edits clear of the runner-up) against the
# labelled new names of corpus/labels (a new section beside a registry one, 高齢福祉部介護予防課 next
# to 介護保険課, is 2 edits clearer at most among those that pass the part rule).
GARBLED_MARGIN = 3


def part_budget(length: int) -> int:
    """Edits allowed inside one part (branch, bureau, centre, section) of this length."""
    return max(1, length // 5)


# ------------------------------------------------------------------ registry


@dataclass(frozen=True)
class Department:
    department_id: str
    name: str
    branch: str | None
    bureau: str | None
    centre: str | None
    section: str | None
    municipality: str
    aliases: tuple[str, ...] = ()
    flagged_new: bool = False
    rest: str | None = None
    agency: str | None = None
    source: str = ""

    @property
    def family_scope(self) -> str:
        """What to pass as ``bureau`` to ``assign_families``: the bureau, or for a branch
        office's department the part after the branch (「保健福祉センター生活支援課」), so
        the same task listed by the five branch offices falls into one block."""
        if self.bureau:
            return self.bureau
        return "".join(p for p in (self.centre, self.section, self.rest) if p) or self.name


@dataclass(frozen=True)
class Renaming:
    """An old name that now means ``department_id`` (a reorganization)."""

    old_name: str
    department_id: str
    effective: str  # ISO date or year; may be a range "2021-02-08/2022-11-14"
    source: str
    note: str = ""


@dataclass(frozen=True)
class DepartmentMatch:
    department_id: str
    score: float  # 0..100
    method: Method
    department: Department
    reason: str = ""  # why it went to review, or which alias/repair matched

    @property
    def needs_review(self) -> bool:
        return self.method == "parsed-new"


@dataclass(frozen=True)
class _Key:
    key: str  # folded
    text: str  # the normalized name or alias it was folded from
    department_id: str
    spans: tuple[tuple[int, int], ...]  # folded part spans, for per-part budgets
    pattern: re.Pattern[str] | None  # OCR-repair pattern when the key has unreadable chars


@dataclass(frozen=True)
class DepartmentRegistry:
    municipality: str
    departments: tuple[Department, ...]
    renamings: tuple[Renaming, ...] = ()
    branches: tuple[str, ...] = ()
    display_name: str = ""  # the municipality as documents print it (世田谷区): what new departments are scoped by
    # what Tesseract's jpn model cannot output (config/ocr/tesseract_jpn_missing.tsv, derived from its
    # unicharset by dev/build_ocr_charset.py; OCR drops or garbles them), from the maps active at load
    unreadable: str = field(default_factory=ocr_unreadable)
    structure: DepartmentStructure = field(default_factory=lambda: default_structure())
    _by_id: dict[str, Department] = field(init=False, repr=False, compare=False, hash=False)
    _by_name: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _by_alias: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _keys: tuple[_Key, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Department] = {}
        for d in self.departments:
            if d.department_id in by_id:
                raise ValueError(f"department id {d.department_id!r} appears twice in the registry")
            by_id[d.department_id] = d
        by_name = {normalize_department(d.name): d.department_id for d in self.departments}
        by_alias: dict[str, str] = {}
        for d in self.departments:
            for a in d.aliases:
                by_alias[normalize_department(a)] = d.department_id
        for r in self.renamings:
            if r.department_id not in by_id:
                raise ValueError(
                    f"renaming {r.old_name!r} points at unknown department id {r.department_id!r}; "
                    "add the department first or fix the id"
                )
            by_alias[normalize_department(r.old_name)] = r.department_id
        keys: dict[str, _Key] = {}
        for text, dep_id in [*by_name.items(), *by_alias.items()]:
            k = fold(text, department=True)
            if k in keys and keys[k].department_id != dep_id:
                raise ValueError(f"{text!r} folds to the same key as another department's name")
            keys[k] = _Key(k, text, dep_id, _spans(text, k, self.structure), self._repair_pattern(k))
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_keys", tuple(keys.values()))

    def _repair_pattern(self, key: str) -> re.Pattern[str] | None:
        if not any(ch in self.unreadable for ch in key):
            return None
        protected = "".join(sorted(set("".join(self.branches)) - set(self.unreadable)))
        garbage = f"[^{re.escape(protected)}]{{0,2}}" if protected else ".{0,2}"
        body = "".join(garbage if ch in self.unreadable else re.escape(ch) for ch in key)
        return re.compile(body)

    @property
    def scope(self) -> str:
        """What a new department's id is scoped by: the municipality as printed, else the registry's name."""
        return self.display_name or self.municipality

    def get(self, department_id: str) -> Department:
        try:
            return self._by_id[department_id]
        except KeyError:
            raise KeyError(f"no department {department_id!r} in the {self.municipality} registry") from None

    def __len__(self) -> int:
        return len(self.departments)


def _spans(text: str, key: str, structure: DepartmentStructure) -> tuple[tuple[int, int], ...]:
    """Spans of the folded parts inside the folded key, or () when they do not line up.

    The branch word itself (総合支所) is no part: it is skipped, not budgeted.
    """
    parts = parse_department(text, structure)
    pieces: list[tuple[str, bool]] = []
    if parts.branch is not None:
        m = structure.patterns[0].match(normalize_department(text))
        pieces += [(parts.branch, True), (m.group("word") if m else "", False)]
    pieces += [(p, True) for p in (parts.bureau, parts.centre, parts.section, parts.rest) if p]
    spans, pos = [], 0
    for piece, is_part in pieces:
        f = fold(piece, department=True)
        if is_part:
            spans.append((pos, pos + len(f)))
        pos += len(f)
    return tuple(spans) if pos == len(key) else ()


# ------------------------------------------------------------------ loading


def load_registry(path: str | Path, structure: DepartmentStructure | None = None) -> DepartmentRegistry:
    """Read a registry TOML (see config/departments/setagaya.toml for the format).

    Without a [structure] of its own it takes ``structure`` (the run's Config's), else the
    ``_structure.toml`` beside it, else the checkout's: the words belong to the folder it came from.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no department registry; create it (see docs/matching.md)") from None
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path}: not valid TOML ({e})") from None
    municipality = data.get("municipality") or path.stem
    if "structure" in data:
        structure = structure_from(data["structure"], str(path))
    elif structure is None:
        beside = path.with_name(STRUCTURE_NAME)
        structure = read_structure(beside) if beside.is_file() else default_structure()
    departments = []
    for i, entry in enumerate(data.get("department", [])):
        try:
            name = entry["name"]
            dep_id = entry["id"]
        except KeyError as e:
            raise ValueError(f"{path}: [[department]] #{i + 1} lacks {e.args[0]!r}") from None
        parsed = parse_department(name, structure)
        departments.append(
            Department(
                department_id=dep_id,
                name=normalize_department(name),
                branch=entry.get("branch", parsed.branch),
                bureau=entry.get("bureau", parsed.bureau),
                centre=entry.get("centre", parsed.centre),
                section=entry.get("section", parsed.section),
                municipality=municipality,
                aliases=tuple(entry.get("aliases", ())),
                rest=entry.get("rest", parsed.rest),
                agency=entry.get("agency"),
                source=entry.get("source", ""),
            )
        )
    renamings = tuple(
        Renaming(
            old_name=r["old_name"],
            department_id=r["id"],
            effective=str(r.get("effective", "")),
            source=r.get("source", ""),
            note=r.get("note", ""),
        )
        for r in data.get("renaming", [])
        if r.get("confirmed", True)
    )
    return DepartmentRegistry(
        municipality=municipality,
        departments=tuple(departments),
        renamings=renamings,
        branches=tuple(data.get("branches", ())),
        display_name=str(data.get("display_name", "")),
        unreadable=data.get("ocr_unreadable") or ocr_unreadable(),
        structure=structure,
    )


@lru_cache(maxsize=16)
def registry_for(municipality: str) -> DepartmentRegistry:
    """The registry in config/departments/<municipality>.toml (cached)."""
    if not re.fullmatch(r"[a-z0-9_-]+", municipality):
        raise ValueError(f"municipality {municipality!r} must be a lower-case slug such as 'setagaya'")
    return load_registry(CONFIG_DIR / f"{municipality}.toml")


# ------------------------------------------------------------------ matching


def new_department_id(name: str, municipality: str) -> str:
    """The id of a department no registry knows: the same name in the same municipality is always the
    same department, the same name in two municipalities (each ward has a 総務課) two of them.

    ``municipality`` is as documents print it (``DepartmentRegistry.scope``: 世田谷区, or "unknown"),
    so the warehouse can recompute it from ``documents.municipality`` (load/sql/data_upgrades.sql).
    """
    key = f"{municipality}\n{normalize_department(name)}"
    return "new:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _new(name: str, registry: DepartmentRegistry, reason: str) -> DepartmentMatch:
    norm = normalize_department(name)
    p = parse_department(norm, registry.structure)
    dep = Department(
        department_id=new_department_id(norm, registry.scope),
        name=norm,
        branch=p.branch,
        bureau=p.bureau,
        centre=p.centre,
        section=p.section,
        municipality=registry.municipality,
        flagged_new=True,
        rest=p.rest,
    )
    return DepartmentMatch(dep.department_id, 0.0, "parsed-new", dep, reason)


def _within_part_budgets(query: str, cand: _Key) -> bool:
    if not cand.spans:
        return True
    counts = [0] * len(cand.spans)
    for op in Levenshtein.editops(query, cand.key):
        pos = op.dest_pos
        for i, (a, b) in enumerate(cand.spans):
            # an insertion just after a part belongs to that part
            if a <= pos < b or (op.tag == "delete" and pos == b):
                counts[i] += 1
                break
    return all(n <= part_budget(b - a) for n, (a, b) in zip(counts, cand.spans))


def _costs(query: str, registry: DepartmentRegistry) -> dict[str, tuple[float, _Key, bool]]:
    """Best (cost, key, repaired) per department id over its names and aliases."""
    keys = registry._keys
    found = process.extract(
        query,
        [k.key for k in keys],
        scorer=Levenshtein.distance,
        score_cutoff=MAX_EDITS + int(MARGIN),
        limit=None,
    )
    best: dict[str, tuple[float, _Key, bool]] = {}
    for _, dist, idx in found:
        k = keys[idx]
        if k.department_id not in best or dist < best[k.department_id][0]:
            best[k.department_id] = (float(dist), k, False)
    for k in keys:
        if k.pattern is not None and k.pattern.fullmatch(query):
            cost = REPAIR_COST * sum(ch in registry.unreadable for ch in k.key)
            if k.department_id not in best or cost < best[k.department_id][0]:
                best[k.department_id] = (cost, k, True)
    return best


def _garbled_parts(query: str, cand: _Key) -> bool:
    """Whether fewer than half the characters of every part of ``cand`` were changed in ``query``.

    OCR damage is spread over a name (障害福祉部 -> 陳書福祉部: two of five),
    a different department changes one part wholesale (区民課 for 地域振興課,
    人事課 for 総務課, a 副所長 added): that must stay new, however clear
    of the other registry names it is.
    """
    if not cand.spans:
        return False
    counts = [0] * len(cand.spans)
    for op in Levenshtein.editops(query, cand.key):
        pos = op.dest_pos
        for i, (a, b) in enumerate(cand.spans):
            if a <= pos < b or (op.tag == "delete" and pos == b):  # as in _within_part_budgets
                counts[i] += 1
                break
    return all(2 * n < b - a for n, (a, b) in zip(counts, cand.spans))


def _garbled(query: str, registry: DepartmentRegistry) -> tuple[Department, float, int, int] | None:
    """The department a garbled OCR reading means, its score, edits and the runner-up's, or None."""
    best: dict[str, tuple[int, _Key]] = {}
    for k in registry._keys:
        d = int(Levenshtein.distance(query, k.key))
        if k.department_id not in best or d < best[k.department_id][0]:
            best[k.department_id] = (d, k)
    ranked = sorted(best.values(), key=lambda v: (v[0], v[1].department_id))
    if not ranked:
        return None
    cost, key = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else len(query) + len(key.key)
    if runner_up - cost < GARBLED_MARGIN or not _garbled_parts(query, key):
        return None
    score = round(100.0 * (1.0 - cost / max(len(key.key), len(query), 1)), 1)
    return registry.get(key.department_id), score, cost, runner_up


def match_department(name: str, registry: DepartmentRegistry, ocr: bool = False) -> DepartmentMatch:
    """The registry department ``name`` means, or a new flagged one (method ``parsed-new``).

    ``ocr``: the name was read by OCR, so a garbled reading may still be matched (method ``garbled``).
    """
    m = _strict_match(name, registry)
    if not ocr or m.method != "parsed-new" or not m.department.name:
        return m
    found = _garbled(fold(m.department.name, department=True), registry)
    if found is None:
        return m
    dep, score, cost, runner_up = found
    return DepartmentMatch(dep.department_id, score, "garbled", dep,
                           f"garbled OCR reading: {cost} edits, next department {runner_up}")


def _strict_match(name: str, registry: DepartmentRegistry) -> DepartmentMatch:
    """exact, alias or fuzzy, else parsed-new with the reason."""
    norm = normalize_department(name or "")
    if not norm:
        return _new("", registry, "empty department string")
    if norm in registry._by_name:
        dep = registry.get(registry._by_name[norm])
        return DepartmentMatch(dep.department_id, 100.0, "exact", dep)
    if norm in registry._by_alias:
        dep = registry.get(registry._by_alias[norm])
        return DepartmentMatch(dep.department_id, 100.0, "alias", dep, f"alias {norm}")
    query = fold(norm, department=True)
    costs = _costs(query, registry)
    if not costs:
        return _new(norm, registry, f"no registry name within {MAX_EDITS} edits")
    ranked = sorted(costs.items(), key=lambda kv: (kv[1][0], kv[0]))
    best_id, (best_cost, best_key, repaired) = ranked[0]
    if best_cost > 0:
        score = round(100.0 * (1.0 - best_cost / max(len(best_key.key), len(query), 1)), 1)
    else:  # only folded-away differences (dakuten, ー, ・): high, but below an exact match
        score = min(99.0, round(100.0 * Levenshtein.normalized_similarity(norm, best_key.text), 1))
    if best_cost > MAX_EDITS:
        return _new(norm, registry, f"nearest registry name is {best_cost:g} edits away")
    if len(ranked) > 1 and ranked[1][1][0] < best_cost + MARGIN:
        others = ", ".join(registry.get(i).name for i, _ in ranked[:3])
        return _new(norm, registry, f"ambiguous between {others}")
    if not repaired and not _within_part_budgets(query, best_key):
        return _new(norm, registry, f"edits concentrated in one part of {registry.get(best_id).name}")
    if score < MIN_SCORE:
        return _new(norm, registry, f"score {score} below {MIN_SCORE}")
    dep = registry.get(best_id)
    reason = "OCR repair of unreadable characters" if repaired else f"{best_cost:g} edits"
    return DepartmentMatch(dep.department_id, score, "fuzzy", dep, reason)


def review_list(matches: Mapping[str, DepartmentMatch]) -> list[tuple[str, str]]:
    """(raw name, reason) for every match a person should look at, sorted by name."""
    return sorted((raw, m.reason) for raw, m in matches.items() if m.needs_review)
