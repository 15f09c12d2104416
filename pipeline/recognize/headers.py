"""Header words → fields of a configured table kind.

``map_header`` ties each header cell to a field by fuzzy similarity (rapidfuzz)
on normalized text, so a reworded header (委託内容 for 委託の内容) or a different
column order still maps. Split out of tables.py (which re-exports these names)
when the header's own grammar came in: a yes/no column is headed the field's
name with a question ending (「要配慮個人情報の有無」「…を含む」「… 有・無」) that
says nothing about which field it is, so both sides are compared without it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from pipeline.config import ReportType, TableKind
from pipeline.normalize import normalize_text
from pipeline.types import Table

RELAXED_HEADER_SCORE = 50.0  # a header cell this close to a field's wording may name it when
# every other cell names a field at the report type's threshold (「の内容」 → 委託の内容, score 75);
# chosen by dev/bench_recognition.py on synthetic header damage to the tuning list: 60 and 70
# lost a first page whose one damaged cell scored between 50 and 60 (a small sample; the lower
# score only ever names one cell, and only when every other cell agrees at the threshold)


_PUNCT = re.compile(r"[\s、,・()（）/／:：]")


def header_key(text: str) -> str:
    """Header text reduced to what tells headers apart (no spaces or punctuation)."""
    return _PUNCT.sub("", normalize_text(text))


def question_stem(key: str, endings: Sequence[str]) -> str:
    """A header key without the question ending a yes/no column's heading adds to the field's name
    (「要配慮個人情報の有無」, 「要配慮個人情報を含む」 → 要配慮個人情報); the longest ending first, and never
    down to fewer than two characters (「有無」 alone stays)."""
    for ending in sorted(endings, key=len, reverse=True):
        stem = key.removesuffix(header_key(ending))
        if stem != key and len(stem) >= 2:
            return stem
    return key


def kind_key(text: str, kind: TableKind) -> str:
    """A header cell's or a wording's key as a table kind compares it: ``header_key`` without the question
    ending its report type lists."""
    return question_stem(header_key(text), kind.question_endings)


def header_similarity(a: str, b: str, **_: object) -> float:
    """0–100: whole-string similarity, or a contained wording for longer headers."""
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b)
    if min(len(a), len(b)) >= 4:
        score = max(score, 0.9 * fuzz.partial_ratio(a, b))
    return float(score)


@dataclass(frozen=True)
class HeaderMap:
    kind: TableKind
    columns: dict[int, str]  # header column index -> field
    scores: dict[str, float]  # field -> similarity of its header

    @property
    def score(self) -> float:
        return sum(self.scores.values()) / max(len(self.scores), 1)


def map_header(header: Sequence[str], kind: TableKind, threshold: float, required: bool = True) -> HeaderMap | None:
    """Assign header columns to fields, best pairs first; None when a required field is missing (unless
    ``required`` is False: then whatever the header names)."""
    keys = [kind_key(h, kind) for h in header]
    pairs: list[tuple[float, int, str]] = []
    for field, wordings in kind.fields.items():
        variants = [kind_key(w, kind) for w in wordings]
        for col, key in enumerate(keys):
            if not key:
                continue
            best = process.extractOne(key, variants, scorer=header_similarity)
            if best is not None and best[1] >= threshold:
                pairs.append((float(best[1]), col, field))
    columns, scores = one_field_per_cell(pairs)
    if required and any(f not in scores for f in kind.required):
        return None
    return HeaderMap(kind, columns, scores)


def one_field_per_cell(pairs: Sequence[tuple[float, int, str]]) -> tuple[dict[int, str], dict[str, float]]:
    """(score, header column, field) pairs taken best first, each column and each field once: which field each
    column names, and each field's score."""
    columns: dict[int, str] = {}
    scores: dict[str, float] = {}
    for score, col, field in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if col in columns or field in scores:
            continue
        columns[col] = field
        scores[field] = score
    return columns, scores


def best_header_map(table: Table, report_types: Sequence[ReportType]) -> tuple[ReportType, HeaderMap] | None:
    """The best-fitting kind by its header at the report type's threshold; then header cells left
    over are decoded against the kind's fields left over (``decode_leftover_header``)."""
    header = [c.text for c in table.header]
    best: tuple[ReportType, HeaderMap] | None = None
    for rt in report_types:
        for kind in rt.tables:
            if kind.kind == "facts":  # read from the tidy cells' header paths: pipeline.recognize.facts
                continue
            hm = map_header(header, kind, rt.header_threshold)
            if hm is None:
                continue
            rank = (len(hm.columns), hm.score)
            if best is None or rank > (len(best[1].columns), best[1].score):
                best = (rt, hm)
    if best is None:
        return None
    return best[0], decode_leftover_header(header, best[1])


HEADER_MARGIN = 15.0  # a leftover header cell names a field only this much more clearly than any other field


def decode_leftover_header(header: Sequence[str], hm: HeaderMap) -> HeaderMap:
    """``hm`` with header cells that named no field decoded against the fields not yet named.

    Once the kind is settled by the cells that agree, its header is a closed
    vocabulary: an OCR-misread cell (「実施機圆」, 「の内容」) that comes within
    ``RELAXED_HEADER_SCORE`` of one remaining field's wording, and clearly closer
    to it than to any other remaining field, names that field. Its score stays
    below the threshold, so the caller can report it (``header_relaxed``).
    """
    left_fields = [f for f in hm.kind.fields if f not in hm.scores]
    columns, scores = dict(hm.columns), dict(hm.scores)
    for col, text in enumerate(header):
        key = kind_key(text, hm.kind)
        if col in columns or not key or not left_fields:
            continue
        ranked = sorted(((max(header_similarity(key, kind_key(w, hm.kind)) for w in hm.kind.fields[f]), f)
                         for f in left_fields), reverse=True)
        score, field = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if score >= RELAXED_HEADER_SCORE and score - runner_up >= HEADER_MARGIN:
            columns[col], scores[field] = field, score
            left_fields.remove(field)
    return HeaderMap(hm.kind, columns, scores)


