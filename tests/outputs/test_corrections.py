"""Corrections: validated loading, pure application, stale ones reported, provenance kept."""

from __future__ import annotations

import dataclasses
import re
import tomllib

import duckdb
import pytest

from pipeline.correct import (
    CORRECTIONS_DIR,
    apply_corrections,
    case_provenance,
    load_corrections,
    parse_corrections,
)
from pipeline.errors import ConfigError
from tests.outputs.conftest import CASE, CORRECTED, PRINTED, correction, with_corrections

SHA = "a" * 64


def case_of(result, criterion, case_no):
    return next(c for c in result.cases if (c.criterion, c.case_no) == (criterion, case_no))


def write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = f"""
sha256 = "{SHA}"
[[correction]]
criterion = "outsourcing"
case_no = 59
field = "sensitive"
original = true
value = false
who = "me"
why = "printed 無"
"""


def test_load_reads_entries_with_file_defaults_and_a_source(tmp_path):
    [c] = load_corrections(write(tmp_path, "a.toml", GOOD))
    assert (c.sha256, c.criterion, c.case_no, c.field, c.value, c.original) == (SHA, "outsourcing", 59, "sensitive",
                                                                                 False, True)
    assert c.source.endswith("a.toml#1") and c.table == "cases"


@pytest.mark.parametrize(("replace", "message"), [
    (("field = \"sensitive\"", "field = \"case_no\""), r"a\.toml#1: field 'case_no' cannot be corrected"),
    (("value = false", "value = \"無\""), r"a\.toml#1: value of 'sensitive' must be true or false"),
    (("criterion = \"outsourcing\"", "criterion = \"外部委託\""), r"a\.toml#1: criterion '外部委託' is not one of"),
    (("case_no = 59", "case_no = \"59\""), r"a\.toml#1: case_no must be a positive integer"),
    (("who = \"me\"\n", ""), r"a\.toml#1: missing who"),
    ((f'sha256 = "{SHA}"', 'sha256 = "de4a94"'), r"a\.toml#1: sha256 must be the document's 64 hex digits"),
    (("why = \"printed 無\"", "why = \"x\"\nrow_id = 3"), r"a\.toml#1: unknown key\(s\) \['row_id'\]"),
    (("[[correction]]", "[[corrections]]"), r"a\.toml: unknown top-level key\(s\) \['corrections'\]"),
    (("why = \"printed 無\"", "why = \"printed 無\"\n[[correction]]\nvalue = 1"), r"a\.toml#2: missing criterion"),
])
def test_malformed_entries_name_the_file_and_entry(tmp_path, replace, message):
    with pytest.raises(ConfigError, match=message):
        load_corrections(write(tmp_path, "a.toml", GOOD.replace(*replace)))


def test_bad_toml_and_duplicates_are_errors(tmp_path):
    with pytest.raises(ConfigError, match=r"a\.toml: not valid TOML"):
        load_corrections(write(tmp_path, "a.toml", "[[correction]\n"))
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD)
    with pytest.raises(ConfigError, match=r"b\.toml#1: corrects the same outsourcing No\.59 sensitive as .*a\.toml#1"):
        load_corrections(tmp_path)


def test_no_folder_means_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "missing") == []


def test_the_repository_ships_no_live_correction():
    assert load_corrections(CORRECTIONS_DIR) == []


def test_a_correction_changes_the_value_and_records_provenance(reference_result):
    sha = reference_result.extraction.sha256
    assert case_of(reference_result, *CASE).description == PRINTED
    result, applied, stale = with_corrections(reference_result, [correction(sha)])
    assert stale == []
    assert case_of(result, *CASE).description == CORRECTED
    assert case_of(result, *CASE).raw == case_of(reference_result, *CASE).raw  # the printed text stays
    [a] = applied
    assert (a.criterion, a.case_no, a.field, a.old, a.new) == (*CASE, "description", PRINTED, CORRECTED)
    assert (a.source, a.who) == ("config/corrections/test.toml#1", "test")
    assert case_provenance(applied) == {CASE: "config/corrections/test.toml#1"}
    # the input is untouched, every other case is as it was
    assert case_of(reference_result, *CASE).description == PRINTED
    assert sum(x != y for x, y in zip(result.cases, reference_result.cases, strict=True)) == 1


def test_a_stale_correction_is_reported_not_applied(reference_result):
    sha = reference_result.extraction.sha256
    entries = [
        correction(sha, original="前回の抽出で見た別の文言"),  # the extractor now reads something else
        correction(sha, case_no=9999, source="config/corrections/test.toml#2"),  # no such case
        correction(sha, original=None, value=PRINTED, source="config/corrections/test.toml#3"),  # already so
    ]
    result, applied, stale = with_corrections(reference_result, entries)
    assert applied == ()
    assert case_of(result, *CASE).description == PRINTED
    assert [f.kind for f in stale] == ["stale_correction"] * 3
    assert re.match(r"outsourcing No\.59: description correction config/corrections/test\.toml#1 not applied: "
                    r"expected original '前回の抽出で見た別の文言' but the extraction now reads '" + PRINTED, stale[0].detail)
    assert "no such case" in stale[1].detail and "already reads" in stale[2].detail
    assert stale[0].page_no == case_of(reference_result, *CASE).page_no
    assert set(stale) <= set(result.findings)


def test_corrections_for_other_documents_are_ignored(reference_result):
    result, applied, stale = with_corrections(reference_result, [correction("b" * 64)])
    assert result == reference_result and applied == () and stale == []


def test_the_readme_example_applies_and_the_checks_count_the_corrected_flag(reference_result):
    readme = (CORRECTIONS_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, flags=re.DOTALL).group(1)  # type: ignore[union-attr]
    data = tomllib.loads(block)
    data["sha256"] = reference_result.extraction.sha256  # the corpus bytes change when it is rebuilt
    entries = parse_corrections(data, "config/corrections/README.md")
    assert all(c.original is not None for c in entries)
    result, applied, stale = with_corrections(reference_result, entries)
    assert stale == [] and len(applied) == 2
    assert case_of(result, "external_provision", 12).sensitive is False
    assert all(k.ok for k in reference_result.checks)
    failed = [k for k in result.checks if not k.ok]
    assert [(k.rule, k.criterion) for k in failed] == [("sensitive_count", "external_provision")]
    assert failed[0].expected == failed[0].actual + 1


def test_a_corrected_department_is_matched(reference_result):
    sha = reference_result.extraction.sha256
    before = case_of(reference_result, *CASE)
    c = correction(sha, field="department", original=before.department, value="総務部区政情報課")
    result, _applied, _ = with_corrections(reference_result, [c])
    after = case_of(result, *CASE)
    assert after.department == "総務部区政情報課" and after.department_id != before.department_id
    assert after.department_method == "exact"
    assert after.department_id in {d.department_id for d in result.departments}
    assert not any(f.kind == "department_new" and f.detail.startswith("outsourcing No.59:") for f in result.findings)


def test_a_correction_lands_in_the_warehouse_with_its_source(warehouse, reference_result):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute("SELECT description, corrected, correction_source, raw ->> 'description' FROM cases "
                          "WHERE doc_id = ? AND criterion = ? AND case_no = ?",
                          [reference_result.doc_id, *CASE]).fetchone()
        stale = con.execute("SELECT detail FROM findings WHERE doc_id = ? AND kind = 'stale_correction'",
                            [reference_result.doc_id]).fetchall()
    finally:
        con.close()
    # raw keeps the text exactly as printed (with the old form 營), the column holds the correction
    assert row == (CORRECTED, True, "config/corrections/test.toml#1", case_of(reference_result, *CASE).raw["description"])
    assert len(stale) == 1 and stale[0][0].startswith("outsourcing No.60: description correction")


def test_correction_is_a_frozen_value():
    c = correction(SHA)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.value = "x"  # type: ignore[misc]


def test_a_case_number_printed_twice_is_not_guessed(reference_result):
    sha = reference_result.extraction.sha256
    twin = dataclasses.replace(case_of(reference_result, *CASE), description="同じ番号のもう一行")
    doubled = (*reference_result.cases, twin)
    out = apply_corrections(doubled, sha, [correction(sha)])
    assert out.applied == () and out.cases == doubled
    assert "the list has 2 cases numbered 59" in out.stale[0].detail


def test_apply_is_pure_and_changes_only_the_corrected_case(reference_result):
    sha = reference_result.extraction.sha256
    cases = reference_result.cases
    out = apply_corrections(cases, sha.upper(), [correction(sha)])
    assert [a.new for a in out.applied] == [CORRECTED] and out.stale == ()
    assert cases == reference_result.cases  # the input is untouched
    assert [x is y for x, y in zip(out.cases, cases, strict=True)].count(False) == 1
