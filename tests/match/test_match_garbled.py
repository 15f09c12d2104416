"""OCR readings garbled beyond the fuzzy budget (a fax's 100 dpi rows), and documents whose
municipality was not read: hand-made registries, so each rule is seen alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.match import load_registry, match_department
from pipeline.match.evaluate import LABELS, department_labels, score_departments
from pipeline.types import BBox, Case

TOML = """
municipality = "testcity"
display_name = "試験市"

[[department]]
id = "t-001"
name = "障害福祉部障害施策推進課"

[[department]]
id = "t-002"
name = "障害福祉部障害者地域生活課"

[[department]]
id = "t-003"
name = "高齢福祉部介護保険課"

[[department]]
id = "t-004"
name = "高齢福祉部介護予防・地域支援課"

[[department]]
id = "t-005"
name = "総務部総務課"
"""


@pytest.fixture()
def registry(tmp_path: Path):
    path = tmp_path / "testcity.toml"
    path.write_text(TOML, encoding="utf-8")
    return load_registry(path)


def test_a_garbled_ocr_reading_takes_the_one_department_it_can_mean(registry) -> None:
    # four look-alike kanji in twelve, spread over both parts: far past the fuzzy budget
    raw = "陳書福祉部障賽施策推進課"
    assert match_department(raw, registry).method == "parsed-new"  # a text layer never guesses
    m = match_department(raw, registry, ocr=True)
    assert (m.department_id, m.method) == ("t-001", "garbled")
    assert "edits" in m.reason and 0 < m.score < 80


def test_a_different_section_stays_new_even_from_ocr(registry) -> None:
    # the bureau is intact, the section another one: a department the registry lacks
    assert match_department("総務部人事課", registry, ocr=True).method == "parsed-new"
    assert match_department("障害福祉部障害者支援課", registry, ocr=True).method == "parsed-new"


def test_a_reading_near_two_departments_goes_to_review(registry) -> None:
    # 介護予防課: two edits from 介護保険課, four from 介護予防・地域支援課: not clear enough
    m = match_department("高齢福祉部介護予防課", registry, ocr=True)
    assert m.method == "parsed-new"


def test_ocr_matching_never_matches_a_labelled_string_wrongly() -> None:
    from pipeline.match.departments import registry_for

    setagaya = registry_for("setagaya")
    for name in ("departments.tsv", "departments_tesseract.tsv"):
        score = score_departments(department_labels(LABELS / name), setagaya, ocr=True)
        assert score.wrong == 0, score.errors
        assert score.accuracy >= 0.99, score.errors


def _case(department: str, no: int, source: str = "ocr") -> Case:
    return Case("outsourcing", no, "業務", None, None, None, None, department, department, None, None, None, 3,
                BBox(0, 0, 1, 1), source=source)  # type: ignore[arg-type]


def test_a_garbled_match_leaves_a_finding_and_takes_the_registry_spelling(registry, monkeypatch) -> None:
    from pipeline.match import apply

    monkeypatch.setattr(apply, "registry_for_name", lambda m, c=None: registry if m == "試験市" else None)
    [case], _, findings = apply.cases_with_departments([_case("陳書福祉部障賽施策推進課", 1)], "試験市")
    assert (case.department_id, case.department_method) == ("t-001", "garbled")
    assert case.department == "障害福祉部障害施策推進課" and case.department_raw == "陳書福祉部障賽施策推進課"
    assert [f.kind for f in findings] == ["department_garbled"]


def test_the_registry_is_inferred_when_no_municipality_was_read(registry, monkeypatch) -> None:
    from pipeline.match import apply

    monkeypatch.setattr(apply, "_all_registries", lambda config: [registry])
    cases = [_case("障害福祉部障害施策推進課", 1), _case("高齢福祉部介護保険課", 2), _case("区民部区民課", 3)]
    out, _, findings = apply.cases_with_departments(cases, None)
    assert [c.department_id for c in out[:2]] == ["t-001", "t-003"]
    assert out[2].department_method == "parsed-new"
    assert findings[0].kind == "municipality_inferred" and "2 of 3" in findings[0].detail
    # too few names match: nothing is inferred, and the finding says so
    out, _, findings = apply.cases_with_departments([_case("区民部区民課", 1), _case("総務部総務課", 2),
                                                     _case("区民部戸籍課", 3)], None)
    assert all(c.department_method == "parsed-new" for c in out)
    assert findings[0].kind == "municipality_unknown"
