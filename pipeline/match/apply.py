"""Apply the matchers to a document's cases.

``cases_with_departments`` is pure (registry from config) and runs with the
other pure stages. ``family_inputs`` / ``cases_with_families`` run at load
time, because a family id depends on which families the warehouse already
holds: ids are never renumbered, a new document only adds families.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.config import Config, municipality_slugs
from pipeline.match.departments import (
    Department,
    DepartmentMatch,
    DepartmentRegistry,
    match_department,
    registry_for,
)
from pipeline.match.families import FamilyAssignment, FamilyInput
from pipeline.recognize.incident import IncidentReport
from pipeline.types import Case, Finding


def registry_for_name(municipality: str | None, config: Config | None = None) -> DepartmentRegistry | None:
    """The registry of a municipality named as printed (世田谷区), if config (the run's, else config/) has one."""
    if not municipality:
        return None
    if config is not None:
        return config.registry_for_name(municipality)
    slug = municipality_slugs().get(municipality)
    return registry_for(slug) if slug else None


def empty_registry(municipality: str | None, config: Config | None = None) -> DepartmentRegistry:
    """A registry of no departments for a municipality config has none for: every name is new (its id
    scoped by the municipality as printed), parsed with the config's structure words
    (departments/_structure.toml of its folder)."""
    name = municipality or "unknown"
    if config is None:
        return DepartmentRegistry(municipality=name, departments=(), display_name=name)
    return DepartmentRegistry(municipality=name, departments=(), display_name=name,
                              structure=config.department_structure)


INFER_SHARE = 0.5  # a registry is inferred when at least this share of the cases' names match it


def _all_registries(config: Config | None) -> list[DepartmentRegistry]:
    if config is not None:
        return list(config.registries.values())
    return [registry_for(slug) for slug in sorted(set(municipality_slugs().values()))]


def inferred_registry(cases: Sequence[Case], config: Config | None = None) -> tuple[DepartmentRegistry | None, str]:
    """The one registry most of the cases' department names match (exact, alias or fuzzy), and why.

    For a document whose municipality was not read (a scan's front page lost
    to show-through): without a registry every department would be new,
    though the names themselves say whose they are. Only a registry that at
    least ``INFER_SHARE`` of the names match, and no other registry matches as
    many, is taken; the caller leaves a finding either way.
    """
    names = [c.department for c in cases if c.department]
    if not names:
        return None, "no department names"
    counts: list[tuple[int, DepartmentRegistry]] = []
    for registry in _all_registries(config):
        known = {n for n in set(names) if match_department(n, registry).method != "parsed-new"}
        hits = sum(n in known for n in names)
        counts.append((hits, registry))
    counts.sort(key=lambda hc: -hc[0])
    if not counts or counts[0][0] < INFER_SHARE * len(names) or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        best = f"; best {counts[0][1].scope} with {counts[0][0]}" if counts else ""
        return None, f"no registry matches at least {INFER_SHARE:.0%} of {len(names)} department names{best}"
    hits, registry = counts[0]
    return registry, f"{hits} of {len(names)} department names match the {registry.scope} registry"


@dataclasses.dataclass(frozen=True)
class DocumentRegistry:
    """The registry a document's department names are matched against, and the municipality it stands
    for: as read from the document, else the printed name (display_name) of the registry inferred from
    the names themselves, so documents.municipality is not left empty when the names say whose they are."""

    registry: DepartmentRegistry
    municipality: str | None
    findings: tuple[Finding, ...] = ()


def document_registry(cases: Sequence[Case], municipality: str | None,
                      config: Config | None = None) -> DocumentRegistry:
    """The municipality's registry; without a municipality read, the one inferred from the department
    names (``inferred_registry``), with a finding either way; else a registry of no departments."""
    registry = registry_for_name(municipality, config)
    if registry is not None or municipality or not cases:
        return DocumentRegistry(registry or empty_registry(municipality, config), municipality)
    registry, why = inferred_registry(cases, config)
    if registry is None:
        finding = Finding("municipality_unknown", cases[0].page_no, f"no municipality read from the document: {why}")
        return DocumentRegistry(empty_registry(None, config), None, (finding,))
    inferred = registry.display_name or None
    said = f"; municipality taken as {inferred}" if inferred else ""
    finding = Finding("municipality_inferred", cases[0].page_no, f"no municipality read from the document: {why}{said}")
    return DocumentRegistry(registry, inferred, (finding,))


def cases_with_departments(
    cases: Sequence[Case], municipality: str | None, config: Config | None = None,
    chosen: DocumentRegistry | None = None,
) -> tuple[list[Case], list[Department], list[Finding]]:
    """Every case gets a department_id: a registry match, or a new flagged department.

    Without a municipality (none read from the front page) the registry is
    inferred from the names themselves (``document_registry``), with a finding;
    a caller that has already chosen it (run.py, to set the document's
    municipality) passes it as ``chosen``.
    """
    chosen = chosen or document_registry(cases, municipality, config)
    findings: list[Finding] = list(chosen.findings)
    registry = chosen.registry
    out: list[Case] = []
    departments: dict[str, Department] = {}
    cache: dict[tuple[str, bool], DepartmentMatch] = {}
    for case in cases:
        name = case.department or ""
        ocr = case.source == "ocr"
        m = cache.get((name, ocr))
        if m is None:
            m = cache[(name, ocr)] = match_department(name, registry, ocr=ocr)
        departments[m.department_id] = m.department
        if m.needs_review:
            detail = f"{case.criterion} No.{case.case_no}: {name!r} -> new department {m.department_id} ({m.reason})"
            findings.append(Finding("department_new", case.page_no, detail))
        elif m.method == "garbled":  # a guess from a badly read name: a person should see it
            detail = (f"{case.criterion} No.{case.case_no}: {name!r} read as {m.department.name} "
                      f"({m.department_id}, {m.reason})")
            findings.append(Finding("department_garbled", case.page_no, detail))
        # an OCR'd name repaired by the registry (砧 that Tesseract cannot read) takes the
        # registry's spelling; department_raw keeps what was read, method and score say how
        department = m.department.name if ocr and m.method in ("fuzzy", "garbled") else case.department
        out.append(
            dataclasses.replace(
                case, department=department, department_id=m.department_id, department_score=m.score,
                department_method=m.method,
            )
        )
    return out, list(departments.values()), findings


def family_text(case: Case) -> str:
    """What makes two cases the same task: the description, or for a provision whom and why."""
    if case.criterion == "external_provision":
        return " ".join(p for p in (case.recipient, case.purpose) if p)
    return case.description or case.purpose or ""


def incidents_with_departments(reports: Sequence[IncidentReport], municipality: str | None,
                               config: Config | None = None) -> list[IncidentReport]:
    """Each incident's department through its municipality's registry, where config has one (the
    department stays as printed; department_id and a note say what the registry made of it)."""
    out = []
    for report in reports:
        i = report.incident
        registry = registry_for_name(i.municipality or municipality, config)
        name = i.department or (i.departments[0] if i.departments else None)
        if registry is None or not name:
            out.append(report)
            continue
        m = match_department(name, registry)
        notes = i.notes if m.method == "exact" else (
            *i.notes, f"department: {name!r} -> registry {m.department_id} ({m.method}{', ' + m.reason if m.reason else ''})")
        out.append(dataclasses.replace(report, incident=dataclasses.replace(i, department_id=m.department_id,
                                                                             notes=tuple(notes))))
    return out


def case_key(doc_id: str, index: int, case: Case) -> str:
    """Unique even when a misprinted or misread list repeats a number (the numbering check reports it)."""
    return f"{doc_id}/{case.criterion}/{case.case_no}#{index}"


def family_inputs(doc_id: str, cases: Sequence[Case], departments: dict[str, Department]) -> list[FamilyInput]:
    out = []
    for index, case in enumerate(cases):
        dep = departments.get(case.department_id or "")
        scope = dep.family_scope if dep is not None else case.department
        out.append(FamilyInput(case_key(doc_id, index, case), case.criterion, scope, family_text(case)))
    return out


def cases_with_families(doc_id: str, cases: Sequence[Case], assignment: FamilyAssignment) -> list[Case]:
    return [dataclasses.replace(c, family_id=assignment.assignments.get(case_key(doc_id, i, c)))
            for i, c in enumerate(cases)]
