"""An opening bracket that starts a cell's line, set the way LuaTeX-ja sets it (JIS X 4051 天付き).

A full-width opening bracket (「【」「（」) inks the right half of its box.
Mid-line its blank half is its own spacing; at a line's start LuaTeX-ja drops
it, setting the box half a character left of the column so that the ink
stands at the column's edge. Beside a row number that leaves 0.67 font sizes
to the box, under the chunk gap: the number and the description read as one
chunk and the two columns as one (the latex hrules and mincho renders lost
25 rows that way). The page is built by hand with the report's geometry
(6.91 pt text, the description column's text at 61.33 pt, a number ending at
53.24 pt); the expectations are the columns each text was written into.
"""

from __future__ import annotations

from pipeline.config.typesetting import line_breaking
from pipeline.extract.alignment import line_chunks
from pipeline.extract.ruling import Segment
from pipeline.extract.textlayer import frame_to_tables_and_lines, grid_to_page_table
from pipeline.extract.unruled import unruled_grids

SIZE = 6.91
NO_X, TEXT_X, DEPT_X = 39.12, 61.33, 288.46
PITCH = 10.0


def run(text: str, x0: float, top: float) -> list[dict]:
    """Characters set solid from ``x0``: full-width ones a font size wide, digits 0.68 of it (IPAex Gothic's
    figures in the render: 「246」 from 39.12 to 53.24 pt)."""
    chars, x = [], x0
    for ch in text:
        width = SIZE if ord(ch) >= 0x2E80 else 0.68 * SIZE
        chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE, "size": SIZE})
        x += width
    return chars


def cell_start(text: str, top: float) -> list[dict]:
    """A description cell's first line: an opening bracket starting it sits half a character left of the column;
    after a closing 「】」 the next character overlaps it by 0.21 of a size (LuaTeX-ja's 「1】児」), which reads as a
    mark hung under the next column (``overset.hung_under``): the line is two chunks."""
    head, _, tail = text.partition("】")
    chars = run(head + ("】" if tail else ""), TEXT_X - SIZE / 2 if text[0] in "【（「" else TEXT_X, top)
    return chars + (run(tail, chars[-1]["x1"] - 0.21 * SIZE, top) if tail else [])


ROWS = [("261", "養育支援等訪問事業", "児童相談支援課"),
        ("262", "子ども・子育てサービス", "保育認定・調整課"),
        ("263", "保育所入所に関する業務", "保育認定・調整課"),
        ("264", "【世田谷区】児童相談所", "児童相談所副所長"),
        ("265", "【世田谷区】弁護士業務", "児童相談所副所長"),
        ("266", "（仮称）相談支援事業", "児童相談所副所長"),
        ("267", "区民の口腔保健の保持", "健康推進課")]


def page() -> list[dict]:
    chars: list[dict] = []
    for n, (no, text, dept) in enumerate(ROWS):
        top = 100.0 + PITCH * n
        chars += run(no, NO_X, top) + cell_start(text, top) + run(dept, DEPT_X, top)
    return chars


def test_the_page_is_as_the_docstring_says():
    line = sorted((c for c in page() if c["top"] == 130.0), key=lambda c: c["x0"])
    digit, bracket = line[2], line[3]
    assert bracket["text"] == "【" and 0.6 < (bracket["x0"] - digit["x1"]) / SIZE < 0.7


def test_the_config_names_the_full_width_opening_brackets():
    assert {"【", "（", "「", "『", "〔"} <= line_breaking().blank_before
    assert not {"(", "】", "）", "。"} & line_breaking().blank_before


def test_a_cell_opening_with_a_bracket_keeps_its_own_column_between_horizontal_rules():
    """The hrules style: a rule over and under every row, no column rules (rulestack.py reads the columns)."""
    rules = [Segment(100.0 + PITCH * n - 1.5, 34.0, 400.0) for n in range(len(ROWS) + 1)]
    tables, _ = frame_to_tables_and_lines(page(), rules, [], 1)
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].cells] == [list(r) for r in ROWS]


def test_a_cell_opening_with_a_bracket_keeps_its_own_column_unruled():
    grids = unruled_grids(page())
    assert len(grids) == 1
    grid, chars = grids[0]
    rows = [[c.text for c in row] for row in grid_to_page_table(grid, chars, 1).cells]
    assert rows == [list(r) for r in ROWS]


def test_a_bracket_inside_a_line_stays_in_its_word():
    """Set solid after a character, or overlapping it (LuaTeX-ja: 「条（」 by 0.2 of a size), it joins."""
    solid = run("委託【産科】", 100.0, 10.0)
    overlapped = run("第252条", 100.0, 30.0)
    overlapped += run("（同）", overlapped[-1]["x1"] - 0.2 * SIZE, 30.0)
    assert len(line_chunks(solid)) == 1
    assert len(line_chunks(overlapped)) == 1


def test_a_bracket_hung_into_a_narrow_gutter_leaves_the_column_before_its_own():
    """Scribus's way (issue 11, scribus mincho/booktabs): the next column's text 0.48 font sizes after a full line of
    the column before, and a cell opening with 「「」 sets the bracket's box half a character left of its column, its
    blank half touching the end of that full line. Counted from its box, that chunk overlapped the column before and
    the two columns read as one (25 rows of a list lost on one page); counted from its ink, they stay two."""
    left_x, n_full = TEXT_X, 14
    right_x = left_x + n_full * SIZE + 0.48 * SIZE
    rows = [("24", "簡易裁判所", "届出を怠った者に対する裁判"),
            ("25", "国又は地方公共団体の機関等", "住民登録地の確認"),
            ("26", "本人等、第三者、国又は地方公", "戸籍の附票の写しの交付"),
            ("27", "国民健康保険団体連合会", "「国保データベース」による分析"),
            ("28", "他市区町村長", "戸籍届書の送付")]
    chars: list[dict] = []
    for n, (no, left, right) in enumerate(rows):
        top = 100.0 + PITCH * n
        chars += run(no, NO_X, top) + run(left, left_x, top)
        chars += run(right, right_x - SIZE / 2 if right[0] == "「" else right_x, top)
    assert len(rows[2][1]) == n_full and abs((right_x - SIZE / 2) - (left_x + n_full * SIZE)) < 0.5 * SIZE
    rules = [Segment(100.0 + PITCH * n - 1.5, 34.0, 400.0) for n in range(len(rows) + 1)]
    tables, _ = frame_to_tables_and_lines(chars, rules, [], 1)
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].cells] == [list(r) for r in rows]
