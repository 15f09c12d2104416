"""Case families: the same task, wherever and whenever it is listed.

A family groups the cases that describe one task: the same outsourcing listed by
the five branch offices, the same case in next year's report, small rewordings
(全角/半角, （１）/(1), 2歳6カ月時/2歳6か月児, 營/営). ``assign_families`` takes the
families already known and only ever adds to them, so loading the same corpus
again, or adding a new report, never renumbers a family.

Two descriptions are the same task when, within one block (same criterion and
same department bureau), after ``_text.fold``:

* ``fuzz.ratio`` of the whole texts is at least ``SAME_TASK_RATIO``;
* ``fuzz.ratio`` of their heads (the text before the first bracket, where the
  task's name usually is) is at least ``HEAD_RATIO``;
* they carry the same numbers (第1項 vs 第2項, その1 vs その2 are other tasks);
* their tails (from the first bracket on, where the place or contractor is) have
  ``fuzz.ratio`` at least ``TAIL_RATIO``: 高齢者の養護(八王子市 竹の里) and
  (八王子市 檜の里) are two contracts;
* they carry as many 【…】 labels, pairwise similar (【愛恵会】 vs 【日赤】 are
  other contracts).

New items are first matched against existing families (exact key, then
``process.cdist`` with ``workers=-1``); the rest are clustered among themselves
greedily in a fixed order (sorted by folded text, then key), each unassigned item
becoming the leader of a new family. The family id is a hash of criterion,
bureau and the leader's folded text, so it does not depend on input order.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.match._text import bracketed, fold, normalize_text, numbers
from pipeline.normalize.charmaps import CharMaps, active_charmaps

log = logging.getLogger(__name__)

SAME_TASK_RATIO = 90.0  # fuzz.ratio (0-100) of the folded descriptions
HEAD_RATIO = 85.0  # fuzz.ratio of the heads (text before the first bracket)
TAIL_RATIO = 92.0  # fuzz.ratio of the tails (from the first bracket on: place, contractor)
LABEL_RATIO = 90.0  # fuzz.ratio of each pair of 【…】 labels
MIN_HEAD = 4  # heads shorter than this are not compared on their own
HEAD_CHARS = 20  # the head is at most this long: where a contractor or task name sits
CHUNK = 2048  # rows per cdist call, to bound memory


class FamilyInput(NamedTuple):
    key: str  # the caller's id for the case, e.g. "<doc_id>/<criterion>/<case_no>"
    criterion: str
    bureau: str | None  # the matched department's bureau (registry, so stable across renamings)
    description: str  # 委託の内容; for external provision pass recipient + purpose


@dataclass(frozen=True)
class Family:
    family_id: str
    criterion: str
    canonical_description: str
    member_count: int = 0
    bureau: str | None = None


@dataclass(frozen=True)
class FamilyAssignment:
    assignments: dict[str, str] = field(hash=False)  # key -> family_id
    scores: dict[str, float] = field(hash=False)  # key -> similarity to the family's canonical text
    new_families: tuple[Family, ...] = ()
    updated_families: tuple[Family, ...] = ()  # existing families whose member_count grew
    unassigned: tuple[str, ...] = ()  # keys with an empty description

    @property
    def families(self) -> tuple[Family, ...]:
        return self.updated_families + self.new_families


_HEAD_END = re.compile(r"[(\[【「『]")


def head(folded: str) -> str:
    """The task's name: the folded text before its first bracket (at most HEAD_CHARS characters)."""
    m = _HEAD_END.search(folded)
    return (folded[: m.start()] if m else folded)[:HEAD_CHARS]


@dataclass(frozen=True)
class _Text:
    """A folded description and the features the guards compare."""

    key: str
    head: str
    tail: str
    numbers: tuple[str, ...]
    labels: tuple[str, ...]

    @classmethod
    def of(cls, description: str) -> _Text:
        return cls.folded(fold(description))

    @classmethod
    def folded(cls, k: str) -> _Text:
        m = _HEAD_END.search(k)
        tail = k[m.start() :] if m else ""
        return cls(k, head(k), tail, numbers(k), bracketed(k))


def same_task(a: _Text, b: _Text, ratio: float | None = None) -> bool:
    """The guards beyond the whole-text ratio (which the caller may have computed already)."""
    if a.numbers != b.numbers or len(a.labels) != len(b.labels):
        return False
    if ratio is None and fuzz.ratio(a.key, b.key) < SAME_TASK_RATIO:
        return False
    if any(fuzz.ratio(x, y) < LABEL_RATIO for x, y in zip(a.labels, b.labels)):
        return False
    if len(a.head) >= MIN_HEAD and len(b.head) >= MIN_HEAD and fuzz.ratio(a.head, b.head) < HEAD_RATIO:
        return False
    return not (a.tail and b.tail and fuzz.ratio(a.tail, b.tail) < TAIL_RATIO)


def similar(a: str, b: str) -> bool:
    """Whether two descriptions (same criterion and bureau) are the same task."""
    return same_task(_Text.of(a), _Text.of(b))


def _block(criterion: str, bureau: str | None) -> tuple[str, str]:
    return _block_under(criterion, bureau, active_charmaps())


@lru_cache(maxsize=4096)  # ``maps`` is in the key: a bureau's fold depends on the active character maps
def _block_under(criterion: str, bureau: str | None, maps: CharMaps) -> tuple[str, str]:
    return (criterion, fold(bureau, department=True) if bureau else "")


def family_id_for(criterion: str, bureau: str | None, description: str, namespace: str = "") -> str:
    """The id a new family led by this description gets (``namespace``: e.g. the municipality)."""
    parts: tuple[str, ...] = (*_block(criterion, bureau), fold(description))
    if namespace:
        parts = (namespace, *parts)
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return "fam-" + digest[:12]


def _length_ok(n: int, m: int) -> bool:
    # fuzz.ratio <= 200 * min / (n + m): skip pairs that cannot reach the threshold
    return 200.0 * min(n, m) / (n + m) >= SAME_TASK_RATIO


def _ratios(queries: Sequence[str], choices: Sequence[str]) -> np.ndarray:
    """fuzz.ratio of every query against every choice on all cores; 0 below SAME_TASK_RATIO."""
    return process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=SAME_TASK_RATIO,
                         dtype=np.float32, workers=-1)


def _best_matches(queries: Sequence[_Text], choices: Sequence[_Text]) -> list[tuple[int, float] | None]:
    """For each query the best choice (index, ratio) that passes every guard, or None."""
    out: list[tuple[int, float] | None] = [None] * len(queries)
    if not queries or not choices:
        return out
    choice_keys = [c.key for c in choices]
    choice_len = np.array([len(k) for k in choice_keys])
    order = sorted(range(len(queries)), key=lambda i: len(queries[i].key))
    for start in range(0, len(order), CHUNK):
        rows = order[start : start + CHUNK]
        lo, hi = len(queries[rows[0]].key), len(queries[rows[-1]].key)
        r = SAME_TASK_RATIO / (200.0 - SAME_TASK_RATIO)
        cols = np.nonzero((choice_len >= lo * r) & (choice_len <= hi / r + 1))[0]
        if len(cols) == 0:
            continue
        matrix = _ratios([queries[i].key for i in rows], [choice_keys[j] for j in cols])
        for ri, ci in zip(*np.nonzero(matrix)):
            q, j, score = rows[ri], int(cols[ci]), float(matrix[ri, ci])
            best = out[q]
            if best is not None and (score < best[1] or (score == best[1] and j > best[0])):
                continue
            if same_task(queries[q], choices[j], score):
                out[q] = (j, score)
    return out


def _neighbours(texts: Sequence[_Text]) -> dict[int, dict[int, float]]:
    """Pairs (i < j) of pending texts that are the same task, with their ratio."""
    nbrs: dict[int, dict[int, float]] = defaultdict(dict)
    n = len(texts)
    if n < 2:
        return nbrs
    keys = [t.key for t in texts]
    lengths = np.array([len(k) for k in keys])
    r = SAME_TASK_RATIO / (200.0 - SAME_TASK_RATIO)
    for start in range(0, n, CHUNK):
        rows = list(range(start, min(n, start + CHUNK)))
        lo = min(lengths[rows])
        hi = max(lengths[rows])
        cols = np.nonzero((lengths >= lo * r) & (lengths <= hi / r + 1))[0]
        matrix = _ratios([keys[i] for i in rows], [keys[j] for j in cols])
        for ri, ci in zip(*np.nonzero(matrix)):
            i, j = rows[ri], int(cols[ci])
            if i < j and same_task(texts[i], texts[j], float(matrix[ri, ci])):
                nbrs[i][j] = float(matrix[ri, ci])
    return nbrs


def assign_families(
    items: Iterable[FamilyInput | tuple[str, str, str | None, str]],
    existing: Sequence[Family] = (),
    *,
    namespace: str = "",
) -> FamilyAssignment:
    """Give every item a family: an existing one when it is the same task, else a new one.

    Pure and deterministic; the result does not depend on the order of ``items``.
    ``existing`` is never renumbered: matched families come back in
    ``updated_families`` with ``member_count`` increased by the items assigned now.
    Call once per municipality with that municipality's families as ``existing``
    and its name as ``namespace`` (hashed into new ids, so two municipalities
    never mint the same id).
    """
    inputs = [FamilyInput(*it) for it in items]
    keys = [it.key for it in inputs]
    if len(set(keys)) != len(keys):
        dup = sorted(k for k in set(keys) if keys.count(k) > 1)[:3]
        raise ValueError(f"item keys must be unique; repeated: {dup}")

    fams_by_block: dict[tuple[str, str], list[Family]] = defaultdict(list)
    for f in existing:
        fams_by_block[_block(f.criterion, f.bureau)].append(f)
    items_by_block: dict[tuple[str, str], list[FamilyInput]] = defaultdict(list)
    unassigned: list[str] = []
    for it in inputs:
        if not (it.description or "").strip():
            unassigned.append(it.key)
        else:
            items_by_block[_block(it.criterion, it.bureau)].append(it)

    assignments: dict[str, str] = {}
    scores: dict[str, float] = {}
    added: dict[str, int] = defaultdict(int)
    new_families: list[Family] = []
    taken_ids = {f.family_id for f in existing}

    for block in sorted(items_by_block):
        fams = sorted(fams_by_block.get(block, []), key=lambda f: f.family_id)
        fam_texts = [_Text.of(f.canonical_description) for f in fams]
        exact: dict[str, str] = {}
        for f, ft in zip(fams, fam_texts):
            exact.setdefault(ft.key, f.family_id)
        # one entry per distinct folded text, in a fixed order
        by_text: dict[str, list[FamilyInput]] = defaultdict(list)
        for it in items_by_block[block]:
            by_text[fold(it.description)].append(it)
        texts = sorted(by_text)
        pending: list[str] = []
        for t in texts:
            if t in exact:
                for it in by_text[t]:
                    assignments[it.key], scores[it.key] = exact[t], 100.0
                added[exact[t]] += len(by_text[t])
            else:
                pending.append(t)
        pending_texts = [_Text.folded(t) for t in pending]
        best = _best_matches(pending_texts, fam_texts)
        leftovers: list[int] = []
        for i, hit in enumerate(best):
            if hit is None:
                leftovers.append(i)
                continue
            fam_id = fams[hit[0]].family_id
            for it in by_text[pending[i]]:
                assignments[it.key], scores[it.key] = fam_id, round(hit[1], 1)
            added[fam_id] += len(by_text[pending[i]])
        # cluster what is left: greedy leaders in sorted order
        rest = [pending_texts[i] for i in leftovers]
        nbrs = _neighbours(rest)
        leader_of: dict[int, int] = {}
        for i in range(len(rest)):
            if i in leader_of:
                continue
            leader_of[i] = i
            for j in sorted(nbrs.get(i, {})):
                leader_of.setdefault(j, i)
        members: dict[int, list[int]] = defaultdict(list)
        for i, lead in leader_of.items():
            members[lead].append(i)
        for lead in sorted(members):
            lead_text = pending[leftovers[lead]]
            first = min(by_text[lead_text], key=lambda it: it.key)
            base_id = family_id_for(first.criterion, first.bureau, first.description, namespace)
            fam_id, n = base_id, 2
            while fam_id in taken_ids:
                fam_id = f"{base_id}-{n}"
                n += 1
            taken_ids.add(fam_id)
            count = 0
            for i in members[lead]:
                score = 100.0 if i == lead else round(nbrs[lead][i], 1)
                for it in by_text[pending[leftovers[i]]]:
                    assignments[it.key], scores[it.key] = fam_id, score
                    count += 1
            new_families.append(
                Family(fam_id, first.criterion, normalize_text(first.description), count, first.bureau)
            )

    updated = tuple(
        replace(f, member_count=f.member_count + added[f.family_id])
        for f in sorted(existing, key=lambda f: f.family_id)
        if added.get(f.family_id)
    )
    log.debug("families: %d items, %d new families, %d updated", len(inputs), len(new_families), len(updated))
    return FamilyAssignment(
        assignments=assignments,
        scores=scores,
        new_families=tuple(sorted(new_families, key=lambda f: f.family_id)),
        updated_families=updated,
        unassigned=tuple(sorted(unassigned)),
    )
