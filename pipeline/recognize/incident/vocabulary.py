"""The words of incident notices (``config/incident_vocabulary.toml``): types, heading roles, cues.

The config-free recognizer knows no authority's layout; everything it knows about Japanese
incident notices is in this vocabulary, so a new way of saying 誤送付 is a line of TOML.
Lookups here are on text normalized by ``normalize_text`` with all whitespace removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config.files import CONFIG_DIR
from pipeline.recognize.incident.config import IncidentConfigError, read_toml
from pipeline.recognize.incident.config import _strs as _config_strs
from pipeline.recognize.incident.words import _squash

VOCABULARY_PATH = CONFIG_DIR / "incident_vocabulary.toml"
TYPES = ("紛失", "盗難", "誤送付", "誤送信", "誤交付", "誤廃棄", "誤公開", "不正アクセス")
OTHER = "その他"
LEGAL = ("漏えい", "滅失", "毀損")
ROLES = ("overview", "occurred", "discovered", "timeline", "records", "count", "cause", "countermeasures",
         "response", "department", "kind")


@dataclass(frozen=True)
class IncidentVocabulary:
    types: tuple[tuple[str, tuple[str, ...]], ...]  # (closed-vocabulary type, words), priority order
    legal_words: tuple[tuple[str, tuple[str, ...]], ...]
    legal_by_type: tuple[tuple[str, str], ...]
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    event_words: tuple[str, ...]
    incident_words: tuple[str, ...]
    occurred_cues: tuple[str, ...]
    discovered_cues: tuple[str, ...]
    same_day: tuple[str, ...]
    next_day: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]  # counter classes, best first
    approx_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    total_before: tuple[str, ...]
    part_before: tuple[str, ...]
    department_suffixes: tuple[str, ...]
    path: str = ""
    published_cues: tuple[str, ...] = ()  # a date these follow is when a notice was published, no event
    # (type, word sets): a type told as an event rather than named, every word of a set in one sentence
    # (「別の世帯の…封筒に入れて発送」 is 誤送付 though no 誤送付 is printed)
    described: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    notice_words: tuple[str, ...] = ()  # an apology (お詫び …): a title or text that reads as a notice
    personal_words: tuple[str, ...] = ()  # 個人情報, 氏名 …: what an apology must be about to be an incident's

    def __post_init__(self) -> None:
        bad = [t for t, _ in self.types + self.described if t not in TYPES]
        if bad:
            raise ValueError(f"types: {bad} not in the closed vocabulary {TYPES}")
        bad = [r for r, _ in self.roles if r not in ROLES]
        if bad:
            raise ValueError(f"roles: {bad} unknown; known: {ROLES}")
        bad = [c for _, c in self.legal_by_type if c not in LEGAL] + [c for c, _ in self.legal_words if c not in LEGAL]
        if bad:
            raise ValueError(f"legal: {bad} not in {LEGAL}")
        short = [ws for _, sets in self.described for ws in sets if len(ws) < 2]
        if short:
            raise ValueError(f"types.described: {short}: a set needs two words or more (one is a type word)")
        if not self.units:
            raise ValueError("counts.units is empty")

    def role_words(self, role: str) -> tuple[str, ...]:
        return next((w for r, w in self.roles if r == role), ())

    def roles_of(self, heading: str) -> frozenset[str]:
        """The roles a heading's words name (「原因と再発防止策」 -> cause, countermeasures)."""
        flat = _squash(heading)
        return frozenset(r for r, words in self.roles if any(w in flat for w in words))

    def type_hits(self, text: str) -> list[tuple[int, str, str]]:
        """(position, type, word) of every type word in the text, and of every sentence telling a type
        (all words of a ``described`` set; its word is the set joined by 「+」), in text order."""
        flat = _squash(text)
        hits = []
        for name, words in self.types:
            for w in words:
                start = flat.find(w)
                while start >= 0:
                    hits.append((start, name, w))
                    start = flat.find(w, start + 1)
        return sorted(hits + self._described_hits(flat))

    def _described_hits(self, flat: str) -> list[tuple[int, str, str]]:
        """A type told as an event: every word of one of its sets in the same sentence (up to 「。」),
        at the position of the set's first word."""
        hits = []
        at = 0
        for sentence in flat.split("。"):
            for name, sets in self.described:
                hits += [(at + sentence.find(ws[0]), name, "+".join(ws)) for ws in sets
                         if all(w in sentence for w in ws)]
            at += len(sentence) + 1
        return hits

    def type_by_priority(self, text: str) -> str | None:
        """The first type, in vocabulary order, with a word in the text (for titles); a type only told
        as an event (``described``) when no type word is printed."""
        flat = _squash(text)
        named = next((name for name, words in self.types if any(w in flat for w in words)), None)
        if named is not None:
            return named
        told = {name for _, name, _ in self._described_hits(flat)}
        return next((name for name, _ in self.types if name in told), None)

    def legal_of(self, text: str) -> str | None:
        flat = _squash(text)
        return next((c for c, words in self.legal_words if any(w in flat for w in words)), None)

    def default_legal(self, incident_type: str | None) -> str | None:
        return dict(self.legal_by_type).get(incident_type or "")

    def names_incident(self, title: str) -> bool:
        """A title that reports something: a type (named or told), 漏えい / 事故 …, or an apology
        (「…の取扱いについて（お詫び）」 names no type but reports one)."""
        return self.type_by_priority(title) is not None or self.has_any(title, self.incident_words + self.notice_words)

    def reads_as_notice(self, text: str) -> bool:
        """A document that must leave a finding when no incident comes out of it: incident vocabulary
        (a type word or description, 漏えい, 事案 …), or an apology with an event word (判明, 発生しました
        …) -- a notice that names its incident in words the vocabulary lacks is still a notice."""
        return bool(self.type_hits(text)) or self.has_any(text, self.incident_words) or (
            self.has_any(text, self.notice_words) and self.has_any(text, self.event_words))

    def has_any(self, text: str, words: tuple[str, ...]) -> bool:
        flat = _squash(text)
        return any(w in flat for w in words)


def _strs(value: Any, key: str) -> tuple[str, ...]:
    """A list of words, whitespace removed (they are matched on text without whitespace)."""
    return tuple(_squash(v) for v in _config_strs(value, key))


def vocabulary_from_dict(data: dict[str, Any], path: str = "") -> IncidentVocabulary:
    legal = data.get("legal", {})
    roles = data.get("roles", {})
    ev = data.get("evidence", {})
    dates = data.get("dates", {})
    counts = data.get("counts", {})
    return IncidentVocabulary(
        types=tuple((str(t["name"]), _strs(t.get("words"), f"types {t['name']}.words")) for t in data.get("types", [])),
        legal_words=tuple((str(k), _strs(v, f"legal.words.{k}")) for k, v in legal.get("words", {}).items()),
        legal_by_type=tuple((str(k), str(v)) for k, v in legal.get("by_type", {}).items()),
        roles=tuple((str(k), _strs(v, f"roles.{k}")) for k, v in roles.items()),
        event_words=_strs(ev.get("event_words"), "evidence.event_words"),
        incident_words=_strs(ev.get("incident_words"), "evidence.incident_words"),
        occurred_cues=_strs(dates.get("occurred"), "dates.occurred"),
        discovered_cues=_strs(dates.get("discovered"), "dates.discovered"),
        same_day=_strs(dates.get("same_day"), "dates.same_day"),
        next_day=_strs(dates.get("next_day"), "dates.next_day"),
        units=tuple(_strs(u, "counts.units") for u in counts.get("units", [])),
        approx_before=_strs(counts.get("approx_before"), "counts.approx_before"),
        approx_after=_strs(counts.get("approx_after"), "counts.approx_after"),
        total_before=_strs(counts.get("total_before"), "counts.total_before"),
        part_before=_strs(counts.get("part_before"), "counts.part_before"),
        department_suffixes=_strs(data.get("departments", {}).get("suffixes"), "departments.suffixes"),
        path=path,
        published_cues=_strs(dates.get("published", []), "dates.published"),
        described=tuple((str(t["name"]), tuple(_strs(ws, f"types {t['name']}.described") for ws in t["described"]))
                        for t in data.get("types", []) if t.get("described")),
        notice_words=_strs(ev.get("notice_words", []), "evidence.notice_words"),
        personal_words=_strs(ev.get("personal_words", []), "evidence.personal_words"),
    )


def load_vocabulary(path: str | Path = VOCABULARY_PATH) -> IncidentVocabulary:
    """Read the vocabulary; raise IncidentConfigError naming the file and the key."""
    path = Path(path)
    data = read_toml(path, "incident vocabulary")
    try:
        return vocabulary_from_dict(data, str(path))
    except (ValueError, KeyError, TypeError) as exc:
        raise IncidentConfigError(f"{path}: {exc}") from exc


@lru_cache(maxsize=4)
def default_vocabulary(path: str = str(VOCABULARY_PATH)) -> IncidentVocabulary:
    """The vocabulary, read once per process (every document uses the same file)."""
    return load_vocabulary(path)
