"""normalize_ocr_text: each engine's quirks, fixed before normalize_text."""

from __future__ import annotations

import pytest

from pipeline.normalize import NormalizeError, normalize_ocr_text
from pipeline.normalize.charmaps import ocr_confusion_map

# ---------------------------------------------------------------- tesseract


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("個 人 情 報 の 取 扱 い", "個人情報の取扱い"),
        ("外 部 委 託 （ 区 長 ）", "外部委託(区長)"),
        ("シ ス テ ム 導 入 、 運 用", "システム導入、運用"),
        ("個\u3000人", "個人"),
        ("Windows 10 Pro", "Windows 10 Pro"),  # Latin words keep their spaces
        ("40, 45, 50", "40, 45, 50"),  # numbers keep theirs
        ("第 1 条", "第 1 条"),  # CJK next to a digit: not between two CJK
        ("D X 推 進", "DX 推進"),  # spread Latin is then joined by normalize_text
        ("高 齢\n者", "高齢 者"),  # a line break is not Tesseract's inter-character space
    ],
)
def test_tesseract_spaces_between_cjk_are_removed(raw: str, expected: str) -> None:
    assert normalize_ocr_text(raw, "tesseract") == expected


# ---------------------------------------------------------------- ppocr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("审查", "審査"),
        ("金额", "金額"),
        ("年龄", "年齢"),
        ("区政情报课", "区政情报課"),  # 报 is not a visual confusion; left for review
        ("诊疗", "診疗"),
        ("子ども·若者部", "子ども・若者部"),
        ("サ一ビス", "サービス"),
        ("デ一タ", "データ"),
        ("サーバ一", "サーバー"),
        ("メモリ一、", "メモリー、"),
        ("コピ一一", "コピーー"),
        ("ｻ一ﾋﾞｽ", "サービス"),  # half-width katakana; NFKC runs after the fix
        ("データ一覧", "データ一覧"),  # a kanji follows: the real 一 of 一覧
        ("ファイル一式", "ファイル一式"),
        ("システム一括", "システム一括"),
        ("一時保護", "一時保護"),  # no katakana before
        ("第一号", "第一号"),
    ],
)
def test_ppocr_fixes(raw: str, expected: str) -> None:
    assert normalize_ocr_text(raw, "ppocr") == expected


def test_ppocr_does_not_remove_spaces() -> None:
    assert normalize_ocr_text("あきる野市 松楓園", "ppocr") == "あきる野市 松楓園"


def test_tesseract_does_not_map_simplified_forms() -> None:
    assert normalize_ocr_text("课", "tesseract") == "课"


def test_unknown_engine_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(NormalizeError, match=r"unknown OCR engine 'easyocr'.*'tesseract', 'ppocr'"):
        normalize_ocr_text("課", "easyocr")


# ---------------------------------------------------------------- the confusion table itself


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_confusion_table_has_the_named_pairs() -> None:
    table = ocr_confusion_map()
    for ocr, japanese in ["查査", "额額", "龄齢", "课課", "诊診"]:
        assert table[ocr] == japanese


@pytest.mark.parametrize(("ocr", "japanese"), sorted(ocr_confusion_map().items()))
def test_confusion_rows_cannot_damage_japanese_text(ocr: str, japanese: str) -> None:
    # The left side must not exist in any Japanese character set, the right side must be JIS X 0208.
    for codec in ("cp932", "shift_jis_2004", "euc_jis_2004"):
        assert not _encodable(ocr, codec), f"{ocr} is a Japanese character ({codec}); mapping it is unsafe"
    assert _encodable(japanese, "shift_jis"), f"{japanese} is not in JIS X 0208"
