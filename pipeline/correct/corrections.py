"""Human corrections of misread values, kept in config/corrections/*.toml.

A correction is keyed by what survives re-extraction: the document's sha256,
the criterion, the case number and the field, never a row id. Each entry also
records the value the person saw (``original``); when the extractor now reads
something else, the correction is not applied blindly but reported as a
``stale_correction`` finding, so a person looks again.

This is the ``correct`` stage, between recognize and match: ``load_corrections``
reads and validates the files once at start (errors name the file and the
entry); ``apply_corrections`` is pure (recognized cases in, corrected cases plus
what was applied and what was stale out), so matching and the checks run once,
on the corrected values. The values as printed stay in ``Case.raw``; the
applied list is the provenance the loader writes to ``cases.corrected`` /
``cases.correction_source``.
"""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config.files import CONFIG_DIR
from pipeline.errors import ConfigError
from pipeline.types import Case, Finding

log = logging.getLogger(__name__)

CORRECTIONS_DIR = CONFIG_DIR / "corrections"
TABLES = ("cases",)
CRITERIA = ("outsourcing", "purpose_external_use", "external_provision", "online_link")
# field -> Python type of its value; the key (criterion, case_no) and positions are not correctable
TEXT_FIELDS = ("description", "recipient", "purpose", "legal_basis", "link_type", "department", "agency")
BOOL_FIELDS = ("sensitive", "ordinance_sensitive")
FIELDS = TEXT_FIELDS + BOOL_FIELDS
ENTRY_KEYS = {"sha256", "table", "criterion", "case_no", "field", "value", "original", "who", "why"}
STALE = "stale_correction"


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file: set ``field`` of one case of one document to ``value``."""

    sha256: str
    table: str
    criterion: str
    case_no: int
    field: str
    value: str | bool
    original: str | bool | None  # what the person saw; None = not recorded (applied unconditionally)
    who: str
    why: str
    source: str  # "config/corrections/<file>.toml#<n>", n counted from 1 within the file

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        return (self.sha256, self.table, self.criterion, self.case_no, self.field)


@dataclass(frozen=True)
class AppliedCorrection:
    """A correction that changed a value: the provenance of the corrected row."""

    criterion: str
    case_no: int
    field: str
    old: str | bool | None
    new: str | bool
    source: str
    who: str
    why: str


# ------------------------------------------------------------------ loading


def _display(path: Path) -> str:
    """config/corrections/x.toml when under the checkout, else the path as given."""
    try:
        return path.resolve().relative_to(CORRECTIONS_DIR.parents[1]).as_posix()
    except ValueError:
        return path.as_posix()


def _value(v: Any, field: str, where: str, what: str) -> str | bool:
    if field in BOOL_FIELDS:
        if not isinstance(v, bool):
            raise ConfigError(f"{where}: {what} of {field!r} must be true or false (有 = true, 無 = false), "
                              f"not {v!r}")
        return v
    if not isinstance(v, str) or not v.strip():
        raise ConfigError(f"{where}: {what} of {field!r} must be a non-empty string, not {v!r}")
    return v.strip()


def parse_entry(entry: Any, where: str, defaults: dict[str, Any]) -> Correction:
    """One ``[[correction]]`` table; ``where`` is its source ("config/corrections/x.toml#2")."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: each [[correction]] must be a table")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; expected some of {sorted(ENTRY_KEYS)}")
    e = {**defaults, **entry}
    missing = [k for k in ("sha256", "criterion", "case_no", "field", "value", "who", "why") if k not in e]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    sha = e["sha256"]
    if not (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha.lower())):
        raise ConfigError(f"{where}: sha256 must be the document's 64 hex digits (documents.sha256), not {sha!r}")
    table = e.get("table", "cases")
    if table not in TABLES:
        raise ConfigError(f"{where}: table {table!r} cannot be corrected; only {', '.join(TABLES)}")
    if e["criterion"] not in CRITERIA:
        raise ConfigError(f"{where}: criterion {e['criterion']!r} is not one of {', '.join(CRITERIA)}")
    case_no = e["case_no"]
    if not isinstance(case_no, int) or isinstance(case_no, bool) or case_no < 1:
        raise ConfigError(f"{where}: case_no must be a positive integer (the No printed in the list), "
                          f"not {case_no!r}")
    field = e["field"]
    if field not in FIELDS:
        raise ConfigError(f"{where}: field {field!r} cannot be corrected; use one of {', '.join(FIELDS)}")
    for k in ("who", "why"):
        if not isinstance(e[k], str) or not e[k].strip():
            raise ConfigError(f"{where}: {k} must say {'who made' if k == 'who' else 'why'} the correction")
    original = e.get("original")
    return Correction(
        sha256=sha.lower(), table=table, criterion=e["criterion"], case_no=case_no, field=field,
        value=_value(e["value"], field, where, "value"),
        original=None if original is None else _value(original, field, where, "original"),
        who=e["who"].strip(), why=e["why"].strip(), source=where,
    )


def parse_corrections(data: dict[str, Any], name: str) -> list[Correction]:
    """The entries of one parsed TOML document; top-level sha256/table are defaults for its entries."""
    unknown = set(data) - {"sha256", "table", "correction"}
    if unknown:
        raise ConfigError(f"{name}: unknown top-level key(s) {sorted(unknown)}; "
                          "write each correction as a [[correction]] table")
    entries = data.get("correction", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{name}: 'correction' must be an array of tables ([[correction]])")
    defaults: dict[str, Any] = {k: data[k] for k in ("sha256", "table") if k in data}
    return [parse_entry(entry, f"{name}#{n}", defaults) for n, entry in enumerate(entries, 1)]


def load_corrections(directory: str | Path = CORRECTIONS_DIR) -> list[Correction]:
    """Every correction in ``directory``/*.toml, validated; a missing folder means none.

    Raises ConfigError naming the file and entry (``x.toml#2``) for a malformed
    entry, and both entries when two correct the same field of the same case.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return []
    out: list[Correction] = []
    seen: dict[tuple[str, str, str, int, str], str] = {}
    for path in sorted(directory.glob("*.toml")):
        name = _display(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{name}: not valid TOML ({exc})") from None
        for c in parse_corrections(data, name):
            if c.key in seen:
                raise ConfigError(f"{c.source}: corrects the same {c.criterion} No.{c.case_no} {c.field} "
                                  f"as {seen[c.key]}; keep one")
            seen[c.key] = c.source
            out.append(c)
    return out


# ------------------------------------------------------------------ applying


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b and type(a) is type(b)


def _stale(case: Case | None, c: Correction, reason: str) -> Finding:
    where = f"{c.criterion} No.{c.case_no}"
    return Finding(STALE, case.page_no if case else None,
                   f"{where}: {c.field} correction {c.source} not applied: {reason}; "
                   f"check the case and update or remove the entry")


@dataclass(frozen=True)
class CorrectedCases:
    """The cases with this document's corrections applied, what changed, and what could not be applied."""

    cases: tuple[Case, ...]
    applied: tuple[AppliedCorrection, ...]
    stale: tuple[Finding, ...]  # ``stale_correction`` findings


def apply_corrections(cases: Sequence[Case], sha256: str, corrections: Iterable[Correction]) -> CorrectedCases:
    """Apply the corrections for the document ``sha256`` to its recognized cases; pure.

    Runs before matching and the checks, so a corrected 担当部課 is matched and a
    corrected flag is counted exactly as if it had been printed that way. A
    correction whose ``original`` is not what the extractor read, whose case is
    not in the document (or is numbered twice), or whose value the extractor
    already reads is not applied but returned as a ``stale_correction`` finding.
    """
    mine = [c for c in corrections if c.sha256 == sha256.lower() and c.table == "cases"]
    out = list(cases)
    if not mine:
        return CorrectedCases(tuple(out), (), ())
    index: dict[tuple[str, int], list[int]] = {}
    for i, case in enumerate(out):
        index.setdefault((case.criterion, case.case_no), []).append(i)
    applied: list[AppliedCorrection] = []
    stale: list[Finding] = []
    for c in mine:
        found = index.get((c.criterion, c.case_no), [])
        if len(found) != 1:
            reason = (f"the list has {len(found)} cases numbered {c.case_no}, which one is meant is unclear"
                      if found else "the document has no such case")
            stale.append(_stale(out[found[0]] if found else None, c, reason))
            continue
        case = out[found[0]]
        current = getattr(case, c.field)
        if c.original is not None and not _same(current, c.original):
            stale.append(_stale(case, c, f"expected original {c.original!r} but the extraction now reads "
                                         f"{current!r}"))
            continue
        if _same(current, c.value):
            stale.append(_stale(case, c, f"the extraction already reads {current!r}"))
            continue
        changes: dict[str, Any] = {c.field: c.value}
        out[found[0]] = dataclasses.replace(case, **changes)
        applied.append(AppliedCorrection(c.criterion, c.case_no, c.field, current, c.value, c.source, c.who, c.why))
        log.info("%s: %s No.%d %s %r -> %r (%s)", sha256[:16], c.criterion, c.case_no, c.field, current,
                 c.value, c.source)
    return CorrectedCases(tuple(out), tuple(applied), tuple(stale))


def case_provenance(applied: Sequence[AppliedCorrection]) -> dict[tuple[str, int], str]:
    """(criterion, case_no) -> ``correction_source`` for the cases row ("; "-joined when several fields)."""
    out: dict[tuple[str, int], list[str]] = {}
    for a in applied:
        out.setdefault((a.criterion, a.case_no), []).append(a.source)
    return {k: "; ".join(v) for k, v in out.items()}
