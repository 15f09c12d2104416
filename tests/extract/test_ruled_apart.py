"""Two cells' texts set solid across a drawn column rule are two cells' texts (ruled_apart.py), on pages drawn here.

Cells without padding set one cell's text against the next one's with only
the rule between (style tight); Scribus lets a line of ideographs run half a
glyph past its cell's edge, so the next cell's text starts half a point after
the overhanging glyph. Either way the two texts make one run set solid, and
without the drawn rule's say the whole run went into one cell. Every position
and value here is written by hand.
"""

from __future__ import annotations

import io

import pytest

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE = 8.0
X = (40.0, 70.0, 200.0, 232.0, 264.0)  # No / 内容 / two narrow flag columns, the right end
ROWS = [["No", "業務の内容", "要配慮個", "条例要配"], ["1", "健診受診者の血液検査", "有", "無"],
        ["2", "乳児期家庭訪問事業", "無", "有"], ["3", "保育の委託", "有", "有"]]


def page(overhang: float, flush_after: bool = False) -> bytes:
    """A full grid; each narrow column's first row text set from ``overhang`` points before its left rule's
    padding: 0 sets it flush at the rule, a positive value runs the left column's last glyph past its rule."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    top, height = 780.0, 16.0
    c.setLineWidth(0.5)
    for i in range(len(ROWS) + 1):
        c.line(X[0], top - i * height, X[-1], top - i * height)
    for x in X:
        c.line(x, top, x, top - len(ROWS) * height)
    c.setFont(font, SIZE)
    for r, cells in enumerate(ROWS):
        y = top - r * height - 11
        for k, text in enumerate(cells):
            run = overhang if r == 0 or not flush_after else 0.0  # flush_after: the header's line alone runs past
            if k == 3 and flush_after and r == 0:  # the last column's text flush at its rule, over the glyph run past it
                x = X[k]
            elif k >= 2:  # the narrow columns: the text fills the column and runs ``overhang`` past its right rule
                x = X[k + 1] + run - stringWidth(text, font, SIZE)
            else:
                x = X[k] + 2
            c.drawString(x, y, text)
    c.showPage()
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("overhang", [0.0, 3.5])
def test_two_cells_texts_set_solid_across_a_rule_part_at_it(overhang: float) -> None:
    [table] = pdf_table_rows(page(overhang))[1]
    assert [[cell.replace(" ", "") for cell in row] for row in table] == ROWS


def test_a_glyph_run_past_its_rule_under_the_next_cells_text_stays_in_its_cell() -> None:
    """Scribus's tight style: a line's last glyph runs a little more than half its width past the rule, its middle
    0.4 pt across, and the next cell's text starts at the rule, drawn over the glyph's right half. By its middle the
    glyph went to the next cell (「…発達障」|「障障害福祉部…」); the character drawn over it starts that cell's text."""
    [table] = pdf_table_rows(page(SIZE / 2 + 0.4, flush_after=True))[1]
    assert [[cell.replace(" ", "") for cell in row] for row in table] == ROWS
