"""normalize_text and normalize_department: the examples the stage must get right."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize_department, normalize_text, normalize_title

# Spaces from Excel's distributed alignment (均等割り付け), as the text layer of
# the 2023 Setagaya report (報告第359号) reads them.
SPREAD = [
    ("D X 推進担当部", "DX 推進担当部"),
    ("D V等相談記録", "DV等相談記録"),
    ("L G W A N回線結合", "LGWAN回線結合"),
    ("「I P K N O W L E D G E」を運用", "「IPKNOWLEDGE」を運用"),
    ("関するこ と及び", "関すること及び"),
    ("支援等に関するこ と 児童相談所職員", "支援等に関すること 児童相談所職員"),
    ("P C 及び", "PC 及び"),
]

# Real separators that must survive.
KEPT = [
    ("高齢者の養護（あきる野市 松楓園）", "高齢者の養護(あきる野市 松楓園)"),
    ("40, 45, 50", "40, 45, 50"),
    ("(2) クラウド型", "(2) クラウド型"),
    ("1. ジェネリック医薬品 2. 削減効果", "1. ジェネリック医薬品 2. 削減効果"),
    ("Windows 10 Pro", "Windows 10 Pro"),
    ("1 2 3", "1 2 3"),  # digits are collapsed only by parse_count: in free text this may be a list
    ("I am here", "I am here"),
    ("A4 B5", "A4 B5"),
    ("クラウド サービス", "クラウド サービス"),  # katakana words may be separated
    ("うち、要配慮個人情報 を取り扱うもの", "うち、要配慮個人情報 を取り扱うもの"),  # kanji|kana: not certain
]

VARIANTS = [
    ("營業", "営業"),
    ("勸奨", "勧奨"),
    ("會議", "会議"),
    ("廣報", "広報"),
    ("髙橋", "高橋"),
    ("宮﨑", "宮崎"),
    ("𠮷田", "吉田"),
    ("⻑寿", "長寿"),  # U+2ED1 CJK RADICAL LONG ONE: NFKC leaves it, the table fixes it
    ("⾧寿", "長寿"),  # U+2FA7 KANGXI RADICAL LONG: NFKC fixes it
    ("⻝品", "食品"),  # U+2EDD CJK RADICAL EAT ONE
    ("神社", "神社"),  # U+FA19 CJK compatibility ideograph: NFKC
]

# One character under two code points, as Chromium's ToUnicode names the glyph IPAex fonts share
# (the source wrote 子 戸 ～; the text layer says ⼦ ⼾ 〜).
SHARED_GLYPHS = [
    ("⼦育て", "子育て"),  # U+2F26 KANGXI RADICAL CHILD: NFKC alone
    ("⼾籍住民課", "戸籍住民課"),  # U+2F3E KANGXI RADICAL DOOR: NFKC gives 戶 U+6236, the table 戸
    ("戶籍", "戸籍"),  # 戶 U+6236 written as such
    ("4月〜6月", "4月~6月"),  # U+301C WAVE DASH: as NFKC folds ～ U+FF5E, its cp932 twin
    ("4月～6月", "4月~6月"),
    ("A−B", "A-B"),  # U+2212 MINUS SIGN: as NFKC folds － U+FF0D, its cp932 twin
    ("J\u2012LIS", "J-LIS"),  # U+2012 FIGURE DASH: MuPDF's name for IPAex's hyphen glyph (source: J-LIS)
    ("6\u223c7か月児", "6~7か月児"),  # U+223C TILDE OPERATOR: MuPDF's name for IPAex's ~ glyph
]

UNCHANGED = [
    "補填",  # not 補塡: the MJ縮退マップ would change it; we do not use it
    "補塡",  # the 常用漢字表 form stays too: nothing to fix
    "龍",  # a current spelling, excluded from the table on purpose
    "世田谷総合支所保健福祉センター生活支援課",
    "個人情報を取り扱う業務の審査の状況について",
    "Personal information, 2023-04-01",
    "",
    "第69条第1項",
]


@pytest.mark.parametrize(("raw", "expected"), SPREAD)
def test_spread_letters_are_joined(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), KEPT)
def test_real_separators_are_kept(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), VARIANTS)
def test_variants_and_radicals_are_mapped(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), SHARED_GLYPHS)
def test_one_character_under_two_code_points_is_one_spelling(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_text_with_nothing_to_fix_is_unchanged(text: str) -> None:
    assert normalize_text(text) == text


def test_full_width_forms_are_folded_by_nfkc() -> None:
    assert normalize_text("（１）：～") == "(1):~"


def test_circled_and_half_width_forms_are_folded() -> None:
    assert normalize_text("ｼｽﾃﾑ①") == "システム1"


def test_whitespace_runs_fold_to_one_space_and_ends_are_stripped() -> None:
    assert normalize_text("\u3000外部委託\t\n の  審査 \u3000") == "外部委託 の 審査"


def test_line_break_between_hiragana_is_layout() -> None:
    assert normalize_text("関するこ\nと") == "関すること"


def test_department_loses_every_space() -> None:
    assert normalize_department("D X 推進担当部 D X 推進担当課") == "DX推進担当部DX推進担当課"


def test_department_spread_kanji_is_joined() -> None:
    assert normalize_department("総 務 部\u3000区政情報課") == "総務部区政情報課"


def test_department_variants_are_mapped() -> None:
    assert normalize_department("廣報廣聴課") == "広報広聴課"


def test_department_spacing_accent_composes_after_its_space_is_removed() -> None:
    # Hypothesis found it: NFKC('A´') is 'A \u0301'; dropping the space must not leave it uncomposed.
    assert normalize_department("A´") == "Á"
    assert normalize_department("か゛") == "が"


# What OCR (Tesseract, before NFKC) and distributed alignment leave in a title, and the canonical title.
TITLES = [
    ("個人情報を取り扱う業務の審査の状況について ( 令和 ５ 年 ４ 月 １ 日時点 )",
     "個人情報を取り扱う業務の審査の状況について(令和5年4月1日時点)"),
    ("報告 第 359 号", "報告第359号"),
    ("「 D X 」推進 について", "「DX」推進について"),
    ("Windows 10 移行について", "Windows 10移行について"),  # between two Latin words the space stays
]


@pytest.mark.parametrize(("raw", "expected"), TITLES)
def test_title_loses_the_spaces_beside_japanese_and_brackets(raw: str, expected: str) -> None:
    assert normalize_title(raw) == expected
    assert normalize_title(expected) == expected
