"""A full grid's last row printed under its last rule with no rule of its own (grid_foot.py), on pages drawn here.

AbiWord breaks a grid at a page break and prints the row starting at the
page's foot with none of its rules; its lines stood under the grid as running
text. Every position and value here is written by hand.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, LEAD, ROW = 8.0, 10.0, 24.0
X = (40.0, 70.0, 300.0, 420.0, 470.0, 520.0)  # No / 委託の内容 / 担当部課 / 実施機関 / 有無, the right end
HEADER = ["No", "委託の内容", "担当部課", "実施機関", "有無"]
ROWS = [["33", "乳児期家庭訪問事業委託", "健康づくり課", "区長", "有"],
        ["34", "健診受診者の血液検査", "健康づくり課", "区長", "無"]]
LAST = ("35", ["妊婦健康診査、新生児聴覚検査、乳幼児健康診査に", "かかる業務を委託する。"], ["砧総合支所保健福", "祉センター"], "区長", "無")


def page(after: str | None = None) -> bytes:
    """The header and two rows ruled, then row 35 in its lines with no rule, then the page number (or ``after``)."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    top = 700.0
    c.setLineWidth(0.5)
    rows = [HEADER, *ROWS]
    bottom = top - ROW * len(rows)
    for i in range(len(rows) + 1):
        c.line(X[0], top - i * ROW, X[-1], top - i * ROW)
    for x in X:
        c.line(x, top, x, bottom)
    c.setFont(font, SIZE)
    for r, cells in enumerate(rows):
        for x, text in zip(X, cells):
            c.drawString(x + 3, top - r * ROW - 15, text)
    y = bottom - 4 - SIZE
    no, description, department, agency, flag = LAST
    for x, lines in ((X[0], [no]), (X[1], description), (X[2], department), (X[3], [agency]), (X[4], [flag])):
        for i, text in enumerate(lines):
            c.drawString(x + 3, y - i * LEAD, text)
    if after is None:
        c.setFont(font, 9.0)
        c.drawCentredString(280, y - 2 * LEAD - 2, "- 4 -")  # close under the row, in another size
    else:
        c.drawString(X[0] + 3, y - 2 * LEAD, after)
    c.showPage()
    c.save()
    return out.getvalue()


def _squeezed(table: list[list[str]]) -> list[list[str]]:
    return [[cell.replace(" ", "") for cell in row] for row in table]


def test_the_unruled_last_row_under_a_grid_is_its_row() -> None:
    [table] = pdf_table_rows(page())[1]
    no, description, department, agency, flag = LAST
    assert _squeezed(table) == [HEADER, *ROWS, [no, "".join(description), "".join(department), agency, flag]]


def test_a_note_across_the_columns_under_the_grid_keeps_the_lines_out_of_it() -> None:
    """A line crossing the column rules under the grid (a note) makes the lines above it no row of the grid."""
    [table] = pdf_table_rows(page(after="※ この表は令和5年4月1日時点の審査の状況を示したものであり、以後変更がありうる"))[1]
    assert _squeezed(table) == [HEADER, *ROWS]
