"""The outline grammar of prose reports (pipeline/recognize/outline.py)."""

from __future__ import annotations

import pytest

from pipeline.recognize.outline import Node, lines_to_outline, match_label
from pipeline.types import BBox, TextLine


@pytest.mark.parametrize(
    ("text", "style", "number", "label", "rest"),
    [
        ("1 事案の概要", "arabic", 1, "1", "事案の概要"),
        ("１　事案の概要", "arabic", 1, "1", "事案の概要"),
        ("2. 経過", "arabic", 2, "2", "経過"),
        ("(3) 誤廃棄した件数", "paren_arabic", 3, "(3)", "誤廃棄した件数"),
        ("（１２）名称", "paren_arabic", 12, "(12)", "名称"),
        ("- (1) 6月26日(月) 文書箱へ", "paren_arabic", 1, "(1)", "6月26日(月) 文書箱へ"),
        ("・(2) 6月27日(火)", "paren_arabic", 2, "(2)", "6月27日(火)"),
        ("第１　事故の概要", "dai", 1, "第1", "事故の概要"),
        ("第三 原因", "dai", 3, "第三", "原因"),
        ("② 台帳の作成", "circled", 2, "②", "台帳の作成"),
        ("イ　５月１４日（火）", "kana", 2, "イ", "５月１４日（火）"),
        ("(ウ) 同日", "paren_kana", 3, "(ウ)", "同日"),
        ("二 当該保有個人情報に", "kanji", 2, "二", "当該保有個人情報に"),
        ("（十一）その他", "paren_kanji", 11, "(十一)", "その他"),
    ],
)
def test_labels(text: str, style: str, number: int, label: str, rest: str) -> None:
    found = match_label(text)
    assert found is not None
    got, start = found
    assert (got.style, got.number, got.text, text[start:]) == (style, number, label, rest)


@pytest.mark.parametrize(
    "text",
    ["5年の保存期間を定めている", "3日(月)に搬出したと判断", "第四十三条 法第六十八条", "アンケートを実施", "2023年度"],
)
def test_not_labels(text: str) -> None:
    assert match_label(text) is None


def _lines(texts: list[str]) -> list[TextLine]:
    return [TextLine(1, t, BBox(0, 0, 0, 0)) for t in texts]


def _tree(node: Node) -> list[tuple[str, str]]:
    return [(n.path, n.lead.text if n.lead else "") for n in node.walk()[1:]]


def test_levels_are_learned_from_the_numbering() -> None:
    lines = _lines(["第1 概要", "本文", "1 対象", "ア 細目", "イ 細目", "2 人数", "第2 経緯", "(1) 6月1日"])
    root, rest = lines_to_outline(lines, range(len(lines)))
    assert _tree(root) == [
        ("第1", "概要"), ("第1/1", "対象"), ("第1/1/ア", "細目"), ("第1/1/イ", "細目"),
        ("第1/2", "人数"), ("第2", "経緯"), ("第2/(1)", "6月1日"),
    ]
    assert rest == []


def test_out_of_sequence_numbers_are_text() -> None:
    """「3 」 right after 1 (OCR's spaced 「3 件」) and a new style not starting at 1 are running
    text, not headings."""
    lines = _lines(["1 概要", "3 件の文書を", "(2) 名称", "2 経過"])
    root, _ = lines_to_outline(lines, range(len(lines)))
    assert [n.path for n in root.walk()[1:]] == ["1", "2"]
    assert [p.text for p in root.children[0].paragraphs] == ["3 件の文書を", "(2) 名称"]


def test_wrapped_lines_join_by_the_right_margin() -> None:
    lines = [
        TextLine(1, "1 概要", BBox(22, 0, 62, 10)),
        TextLine(1, "区では、公文書の性質によ", BBox(22, 15, 142, 25)),  # reaches the margin
        TextLine(1, "り保存期間を定める。", BBox(22, 30, 122, 40)),  # ends short
        TextLine(1, "次の段落。", BBox(22, 45, 72, 55)),
        TextLine(1, "(1) 名称", BBox(22, 60, 62, 70)),
        TextLine(1, "精神保健相談記録", BBox(22, 75, 102, 85)),
    ]
    root, _ = lines_to_outline(lines, range(len(lines)))
    assert [p.text for p in root.children[0].paragraphs] == ["区では、公文書の性質により保存期間を定める。", "次の段落。"]


def test_stop_returns_the_rest() -> None:
    lines = _lines(["1 概要", "本文", "個人情報の保護に関する法律（抜粋）", "第六十八条 …"])
    root, rest = lines_to_outline(lines, range(len(lines)), stop=lambda t: t.endswith("（抜粋）"))
    assert rest == [2, 3] and [n.path for n in root.walk()[1:]] == ["1"]
