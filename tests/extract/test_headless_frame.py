"""The last page of a framed list, as MuPDF's Story draws it (issue 11, pymupdf x frame).

Story does not repeat <thead>, and a frame cut by the page break is drawn on the next page
with its sides and its foot but no top: the page starts with a case, and the foot and the
top read from the sides' open ends are the only horizontal rules. That stack of two rules
used to be split at every text line, so each wrapped line of a description became a row of
its own and was lost to its case. Between a frame's top and foot the rows are parted by
spacing, as in a ruled frame (alignment.row_borders).
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, LEAD = 7.5, 9.5  # a wrapped cell's lines 9.5 pt apart; rows set 2.5 pt further apart
X = (34.0, 70.0, 330.0, 460.0, 500.0)  # No / 内容 / 担当部課 / 有無, and the frame's right side
CASES = [
    ("50", ["難病の患者に対する医療等に関する法律および東京都難病", "患者等に係る医療費等の助成に関する規則に定めのある"],
     "感染症対策課", "有"),
    ("51", ["健診受診者の血液検査"], "健康づくり課", "無"),
    ("52", ["区営住宅等の居住者情報について円滑な保守及び運用を", "図るため住宅統合管理システムを導入している。"],
     "住宅管理課", "有"),
    ("53", ["入浴サービス"], "障害施策推進課", "無"),
    ("54", ["独立行政法人日本スポーツ振興センター法第3条に定め", "る児童生徒等の災害に関する必要な給付を行う。"],
     "学校健康推進課", "有"),
]


def headless_frame_page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    top = 595 - 40.0
    y = top
    for no, lines, dept, flag in CASES:
        first = y - SIZE - 2.0
        for x, text in ((X[0] + 3, no), (X[2] + 3, dept), (X[3] + 3, flag)):
            c.setFont(font, SIZE)
            c.drawString(x, first, text)
        for i, text in enumerate(lines):
            c.drawString(X[1] + 3, first - i * LEAD, text)
        y = first - (len(lines) - 1) * LEAD - 4.5
    c.setLineWidth(0.8)
    c.line(X[0], top, X[0], y)  # the sides, open at the top ...
    c.line(X[-1], top, X[-1], y)
    c.line(X[0], y, X[-1], y)  # ... and the foot
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_frame_without_its_top_keeps_each_wrapped_description_in_its_case() -> None:
    [table] = pdf_table_rows(headless_frame_page())[1]
    read = [[cell.replace(" ", "") for cell in row] for row in table]  # a short line ends in a space
    assert read == [[no, "".join(lines), dept, flag] for no, lines, dept, flag in CASES]
