"""Header words map to fields through config, tolerant of rewording and column order."""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize.headers import map_header


def kind(name: str):
    (rt,) = [r for r in table_report_types() if r.name == "review_status"]
    return next(k for k in rt.tables if k.name == name), rt.header_threshold


def test_reference_header_maps_every_column():
    k, threshold = kind("outsourcing")
    hm = map_header(["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)",
                     "条例要配慮個人情報 (有/無)"], k, threshold)
    assert hm is not None
    assert hm.columns == {0: "case_no", 1: "description", 2: "department", 3: "agency",
                          4: "sensitive", 5: "ordinance_sensitive"}


def test_reordered_and_reworded_header_still_maps():
    k, threshold = kind("outsourcing")
    header = ["条例要配慮個人情報（有・無）", "Ｎｏ", "担 当 部 課", "委託内容", "要配慮個人情報の有無", "実施機関"]
    hm = map_header(header, k, threshold)
    assert hm is not None
    assert hm.columns == {0: "ordinance_sensitive", 1: "case_no", 2: "department", 3: "description",
                          4: "sensitive", 5: "agency"}


def test_similar_headers_of_one_list_are_not_swapped():
    k, threshold = kind("online_link")
    hm = map_header(["No", "オンライン結合・システム導入の内容", "オンライン結合・システム導入の別", "担当部課",
                     "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"], k, threshold)
    assert hm is not None
    assert hm.columns[1] == "description" and hm.columns[2] == "link_type"


def test_a_header_of_another_kind_does_not_map():
    k, threshold = kind("outsourcing")
    assert map_header(["日付", "件名", "金額", "備考"], k, threshold) is None
    provision, _ = kind("external_provision")
    assert map_header(["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)",
                       "条例要配慮個人情報 (有/無)"], provision, threshold) is None
