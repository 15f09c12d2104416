"""Tables whose horizontal rules run between the body rows only (fpdf2's and office suites' h-rules style).

The header stands above the first rule, the 合計 row below the last, and
when two such tables follow each other the first one's 合計 row, the caption
and the second one's header share one band between two rules. Characters
and rules are placed here by hand; each expectation follows from that
placement (which line is which row), not from the code's output. The
producers fixtures (test_producers.py) check the same through the pipeline.
"""

from __future__ import annotations

from itertools import pairwise

from pipeline.extract.rows import page_table_to_rows
from pipeline.extract.ruling import Segment
from pipeline.extract.textlayer import frame_to_tables_and_lines

SIZE = 9.0
COLUMNS = (36.0, 219.0, 306.0, 394.0, 481.0)  # where each cell's rule piece starts and ends


def line(text: str, x0: float, top: float, size: float = SIZE) -> list[dict]:
    return [{"text": ch, "x0": x0 + i * size, "x1": x0 + (i + 1) * size, "top": top, "bottom": top + size,
             "size": size} for i, ch in enumerate(text)]


def right(text: str, x1: float, top: float) -> list[dict]:
    """Text set flush right against ``x1`` (numbers in their column)."""
    return line(text, x1 - SIZE * len(text), top)


def centred(text: str, lo: float, hi: float, top: float) -> list[dict]:
    return line(text, (lo + hi - SIZE * len(text)) / 2, top)


def rules_at(y: float) -> list[Segment]:
    """One rule drawn cell by cell, as fpdf2 draws each cell's top border."""
    return [Segment(y, a, b) for a, b in pairwise(COLUMNS)]


BODY = (("区長", "766", "305", "115"), ("教育委員会", "29", "4", "0"), ("監査委員", "0", "0", "0"))
TOTAL = ("合計", "795", "309", "115")


def table(top: float, caption: str) -> tuple[list[dict], list[Segment], float]:
    """Caption, a header of two centred lines, three ruled body rows, a closing row; chars, rules, next top."""
    chars = line(caption, 40, top, size=10.0)
    top += 16
    chars += centred("うち、要配慮", COLUMNS[2], COLUMNS[3], top) + centred("うち、条例要配慮", COLUMNS[3], COLUMNS[4], top)
    chars += centred("実施機関", COLUMNS[0], COLUMNS[1], top + 6) + centred("審査件数", COLUMNS[1], COLUMNS[2], top + 6)
    chars += centred("を扱うもの", COLUMNS[2], COLUMNS[3], top + 12) + centred("を扱うもの", COLUMNS[3], COLUMNS[4], top + 12)
    top += 24
    hs: list[Segment] = []
    for values in (*BODY, TOTAL):
        if values is not TOTAL:
            hs += rules_at(top)  # a rule above every body row; none above the closing row's own top
        chars += line(values[0], 39, top + 1) + [c for x1, v in zip(COLUMNS[2:], values[1:])
                                                  for c in right(v, x1 - 3, top + 1)]
        top += 12
    hs += rules_at(top - 12)  # the last rule: between the last body row and the closing row
    return chars, hs, top + 8


def test_header_above_and_closing_row_below_the_rules_belong_to_the_table():
    chars1, hs1, top = table(100.0, "（1）外部委託の審査基準")
    chars2, hs2, _ = table(top, "（2）目的外利用の審査基準")
    tables, lines = frame_to_tables_and_lines(chars1 + chars2, hs1 + hs2, [], 1)
    rows = [page_table_to_rows(t) for t in sorted(tables, key=lambda t: t.bbox.top)]
    header = ["実施機関", "審査件数", "うち、要配慮を扱うもの", "うち、条例要配慮を扱うもの"]
    expected = [header, *[list(v) for v in BODY], list(TOTAL)]
    assert [[cell.replace(" ", "").replace("\n", "") for cell in r] for r in rows[0]] == expected
    assert [[cell.replace(" ", "").replace("\n", "") for cell in r] for r in rows[1]] == expected
    assert len(rows) == 2
    texts = [ln.text for ln in lines]
    assert any("（2）目的外利用の審査基準" in t for t in texts)  # the caption stays running text


def test_rule_breaks_that_are_no_column_borders_leave_the_text_borders():
    from pipeline.extract.rulestack import between_columns

    rows = [line("区長", 39, 100) + right("766", 301, 100) + right("305", 388, 100),
            line("教育委員会", 39, 112) + right("29", 301, 112) + right("4", 388, 112)]
    assert between_columns([219.2, 306.4], rows)  # each in a gap, text on both sides in both rows
    assert not between_columns([219.2, 37.0], rows)  # a path ending at the table's left edge
    assert not between_columns([219.2, 392.0], rows)  # a break right of the last column: no text beyond it
    assert not between_columns([], rows)


def test_a_heading_across_a_joint_leaves_it_a_border_a_break_most_lines_cross_does_not():
    """A heading spanning two columns crosses the joint between them in one line; the rows stand either
    side of it. A rule broken in the middle of a column of text is crossed by most of the column's lines."""
    from pipeline.extract.rulestack import between_columns

    rows = [centred("2007", 219, 394, 88),
            line("区長", 39, 100) + right("766", 301, 100) + right("305", 388, 100),
            line("教育委員会", 39, 112) + right("29", 301, 112) + right("4", 388, 112)]
    assert between_columns([219.2, 306.4], rows)  # "2007" crosses 306.4 in one line, two rows do not
    text = [line("教育委員会", 39, 100 + 12 * i) + right("29", 301, 100 + 12 * i) for i in range(3)]
    assert not between_columns([219.2, 60.0], text)  # 60 lies inside 教育委員会 in every line


def test_a_spacer_column_between_joints_joins_the_column_on_its_left():
    """Cell-by-cell rules also rule an empty spacer between two groups of columns (ICDAR 2013's us-017);
    a heading spanning it is no text of its own."""
    from pipeline.extract.rulestack import without_empty_columns

    rows = [centred("2007", 219, 394, 88),
            line("区長", 39, 100) + right("766", 290, 100) + right("305", 388, 100),
            line("教育委員会", 39, 112) + right("29", 290, 112) + right("4", 388, 112)]
    assert without_empty_columns([219.0, 294.0, 306.0], rows) == [219.0, 306.0]  # 294..306 holds nothing
    assert without_empty_columns([219.0, 306.0], rows) == [219.0, 306.0]


NAMED = (("区長", "766", "305", "115"), ("選挙管理委員会事務局", "29", "4", "0"), ("監査委員", "0", "0", "0"))


def fully_ruled(top: float) -> tuple[list[dict], list[Segment], float]:
    """A summary table ruled above its header, under every row and under its 合計 (Chromium's h-rules):
    the header one line, 「実施機関」 centred over names set flush left; chars, rules, its last rule."""
    hs = rules_at(top)
    chars = centred("実施機関", COLUMNS[0], COLUMNS[1], top + 4) + centred("審査件数", COLUMNS[1], COLUMNS[2], top + 4)
    chars += centred("うち、要配慮", COLUMNS[2], COLUMNS[3], top + 4) + centred("うち、条例要配慮", COLUMNS[3], COLUMNS[4], top + 4)
    top += 17
    for values in (*NAMED, TOTAL):
        hs += rules_at(top)
        chars += line(values[0], 39, top + 2) + [c for x1, v in zip(COLUMNS[2:], values[1:])
                                                  for c in right(v, x1 - 3, top + 2)]
        top += 13.5
    return chars, hs + rules_at(top), top


def test_a_short_caption_between_two_ruled_tables_is_neither_ones_header():
    # 「(3)外部提供の審査」 (40..140) runs past the names of the first column (39..129) but not past the
    # heading centred over them (109.5..145.5): read with the header, the first column would hold it,
    # and the header walk above the second table would take the caption and the first table for its header
    chars1, hs1, bottom = fully_ruled(100.0)
    caption = line("(3)外部提供の審査", 40, bottom + 10.7, size=10.0)
    chars2, hs2, _ = fully_ruled(bottom + 10.7 + 10 + 11)
    tables, lines = frame_to_tables_and_lines(chars1 + caption + chars2, hs1 + hs2, [], 1)
    rows = [[[cell.replace(" ", "").replace("\n", "") for cell in r] for r in page_table_to_rows(t)]
            for t in sorted(tables, key=lambda t: t.bbox.top)]
    expected = [["実施機関", "審査件数", "うち、要配慮", "うち、条例要配慮"], *[list(v) for v in NAMED], list(TOTAL)]
    assert rows == [expected, expected]
    assert any("(3)外部提供の審査" in ln.text for ln in lines)  # the caption stays running text
