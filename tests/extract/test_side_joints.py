"""A frame whose sides are drawn cell by cell, as a spreadsheet prints it (issue 11, Gnumeric's ssconvert x frame).

A spreadsheet rules each cell's edges alone: with an outer frame and a header rule only,
the frame's sides are still one piece per row, each piece starting where the one above it
ends. A row sized to its wrapped text has no padding, so the next row's first line follows
the last line of a wrapped cell at the same pitch as the cell's own lines (here 9 pt),
while one-line rows stand 15 pt apart: spacing alone joined two cases into one cell
(「213⏎214」). The sides' joints are where the rows end.
"""

from __future__ import annotations

import io
from itertools import pairwise

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, LEAD = 8.0, 9.0  # a wrapped cell's lines 9 pt apart
ONE_LINE_ROW = 15.0  # a one-line row is 15 pt tall (padded); a wrapped row is LEAD per line, no padding
X = (38.0, 70.0, 385.0, 590.0, 640.0)  # No / 内容 / 担当部課 / 有無, and the frame's right side
HEADER = ("No", "委託の内容", "担当部課", "有無")
CASES = [
    ("209", ["福祉タクシー券等の封入・発送委託"], "障害者地域生活課", "有"),
    ("210", ["障害福祉施設の送迎"], "障害者地域生活課", "無"),
    ("211", ["施設利用における利用者登録事務及び健康プログラム事業利用者参", "加のための身体状況確認"],
     "障害者地域生活課", "有"),
    ("212", ["ピアサポーターの養成、養成する段階からの支援者との顔の見える", "関係づくり、活動後のフォローアップ"],
     "障害保健福祉課", "無"),
    ("213", ["医療的ケアに係る基本相談事業、在宅生活支援プラン作成事業、相", "談支援従事者支援事業に関する委託", "等"],
     "障害保健福祉課", "有"),
    ("214", ["障害分野に関する相談機関が質の高い相談支援を行うためのバック", "アップ機関として協力・連携する"],
     "障害保健福祉課", "有"),
    ("215", ["緊急一時保護事業"], "障害保健福祉課", "無"),
]


def row_heights() -> list[float]:
    """Each body row's height: padded when it holds one line, its lines' pitch alone when it wraps."""
    return [ONE_LINE_ROW if len(lines) == 1 else LEAD * len(lines) for _, lines, _, _ in CASES]


def spreadsheet_frame_page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    c.setFont(font, SIZE)
    top = 595 - 60.0
    header_bottom = top - 20.0
    for x, text in zip(X, HEADER):
        c.drawString(x + 3, top - 13, text)
    borders = [top, header_bottom]
    y = header_bottom
    for (no, lines, dept, flag), height in zip(CASES, row_heights()):
        first = y - 7.0 if len(lines) > 1 else y - 11.0
        for x, text in ((X[0] + 3, no), (X[2] + 3, dept), (X[3] + 3, flag)):
            c.drawString(x, first, text)
        for i, text in enumerate(lines):
            c.drawString(X[1] + 3, first - i * LEAD, text)
        y -= height
        borders.append(y)
    c.setLineWidth(0.8)
    for upper, lower in pairwise(borders):  # each cell's sides alone: one piece per row, abutting
        c.line(X[0], upper, X[0], lower)
        c.line(X[-1], upper, X[-1], lower)
    c.line(X[0], top, X[-1], top)  # the frame's top, the header rule and the foot
    c.line(X[0], header_bottom, X[-1], header_bottom)
    c.line(X[0], y, X[-1], y)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_frame_drawn_cell_by_cell_parts_its_rows_where_its_sides_join() -> None:
    [table] = pdf_table_rows(spreadsheet_frame_page())[1]
    read = [[cell.replace(" ", "") for cell in row] for row in table]
    assert read[0] == list(HEADER)
    assert read[1:] == [[no, "".join(lines), dept, flag] for no, lines, dept, flag in CASES]


# A word processor rules each row of cells alone as well, and may set several rows of values in one
# ruled row: ICDAR 2013's us-008 (page 3) has a group label, a sub-label and two rows of percentages
# between two joints of its column rules, and its truth reads each line as a row. Drawn here after it:
# 12.5 pt between lines, column rules and sides one piece per ruled row, no rule across the body.
WP_X = (72.0, 250.0, 350.0, 445.0, 540.0)
WP_HEADER = ("Sample Group", "Some Participation", "No Participation", "Total")
WP_GROUPS = [
    [("All Assigned (N=4,667):", "", "", ""), ("3-Year-Old Cohort", "", "", ""),
     ("Head Start Group", "85.1%", "14.9%", "100%"), ("Control Group", "17.3%", "82.7%", "100%")],
    [("4-Year-Old Cohort", "", "", ""),
     ("Head Start Group", "79.8%", "20.2%", "100%"), ("Control Group", "13.9%", "86.1%", "100%")],
]
WP_PITCH = 12.5


def word_processor_page() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    c.setFont("Helvetica", 10)
    top = 792 - 110.0
    header_bottom = top - 20.0
    for x, text in zip(WP_X, WP_HEADER):
        c.drawString(x + 4, top - 14, text)
    borders = [top, header_bottom]
    y = header_bottom
    for group in WP_GROUPS:
        for i, row in enumerate(group):
            for x, text in zip(WP_X, row):
                c.drawString(x + 4, y - 10 - i * WP_PITCH, text)
        y -= 3 + WP_PITCH * len(group)
        borders.append(y)
    c.setLineWidth(0.5)
    for upper, lower in pairwise(borders):  # every column rule and side one piece per ruled row
        for x in WP_X:
            c.line(x, upper, x, lower)
    for b in (top, header_bottom, y):
        c.line(WP_X[0], b, WP_X[-1], b)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_ruled_row_of_several_value_lines_keeps_each_line_a_row() -> None:
    [table] = pdf_table_rows(word_processor_page())[1]
    assert [list(row) for row in table] == [list(WP_HEADER), *[list(row) for group in WP_GROUPS for row in group]]
