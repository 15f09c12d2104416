"""Two cells' texts set solid with no rule between them (aligned_starts.py), on pages drawn here by hand.

Calc sets a wrapped cell's line up to its column's edge and the next column's
text at a margin of next to nothing; in a table with no column rules the two
texts touch: one phrase across the border, and the row read as one cell
spanning both columns. The row's other line starts the next cell's text,
after a gap, exactly where the second text starts. Every position and value
here is written by hand; the extractor reads the page as the pipeline does.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, LEAD = 8.0, 11.0
X = (40.0, 70.0, 230.0, 320.0, 420.0)  # No / 利用目的 / 該当条項 / 実施機関, the table's right end
HEADER = ("No", "利用目的", "該当条項", "実施機関")
ROWS = [  # (No, purpose lines, legal basis lines, agency)
    ("56", ["表彰にかかる審査のため"], ["第69条第2項第3", "号"], "教育委員会"),
    ("57", ["検診結果をもとに、検査手法の見", "直し、効果的な検査につなげるため"], ["第69条第2項第1", "号"], "教育委員会"),
    ("58", ["児童虐待通告に基づく調査"], ["第69条第1項"], "区長"),
    ("59", ["学校保健統計調査のため"], ["第69条第2項第4", "号"], "教育委員会"),
]


def touching_page(touch: bool, rows: list[tuple[str, list[str], list[str], str]] = ROWS) -> bytes:
    """A booktabs table (three rules); with ``touch`` row 57's first purpose line ends where 「第」 begins."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    top = 780.0
    c.setLineWidth(1.5)
    c.line(X[0], top, X[-1], top)
    c.setFont(font, SIZE)
    for x, text in zip(X, HEADER):
        c.drawString(x + 1, top - 4 - SIZE, text)
    rule = top - 8 - SIZE - 2
    c.setLineWidth(0.5)
    c.line(X[0], rule, X[-1], rule)
    y = rule - 5 - SIZE
    for no, purpose, basis, agency in rows:
        c.drawString(X[0] + 1, y, no)
        c.drawString(X[3] + 1, y, agency)
        for i, text in enumerate(purpose):
            width = stringWidth(text, font, SIZE)
            x = X[2] + 1 - width if touch and no == "57" and i == 0 else X[1] + 1  # set flush up to the next text
            c.drawString(x, y - i * LEAD, text)
        for i, text in enumerate(basis):
            c.drawString(X[2] + 1, y - i * LEAD, text)
        y -= max(len(purpose), len(basis)) * LEAD + 6
    c.setLineWidth(1.5)
    c.line(X[0], y + SIZE, X[-1], y + SIZE)
    c.showPage()
    c.save()
    return out.getvalue()


def _squeezed(table: list[list[str]]) -> list[list[str]]:
    return [[cell.replace(" ", "") for cell in row] for row in table if any(row)]


EXPECTED = [list(HEADER), *([no, "".join(p), "".join(b), a] for no, p, b, a in ROWS)]


def test_a_cell_text_set_solid_against_the_next_one_is_two_cells() -> None:
    [table] = pdf_table_rows(touching_page(touch=True))[1]
    assert _squeezed(table) == EXPECTED


def test_the_same_table_with_a_gap_reads_the_same() -> None:
    """The control: the table as any padded producer sets it."""
    [table] = pdf_table_rows(touching_page(touch=False))[1]
    assert _squeezed(table) == EXPECTED


def narrow_headings_page() -> bytes:
    """A list ruled with horizontal rules only, two narrow flag columns whose headings wrap over three lines, the
    first line of each set solid against the other's (Scribus runs a line half a glyph past its frame): that
    first line of the header holds nothing else, the other headings centred lower."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    xs = (40.0, 70.0, 230.0, 261.0, 302.0)  # No / 内容 / a flag column 31 pt wide and one 41, the right end
    top = 780.0
    c.setLineWidth(0.5)
    c.setFont(font, SIZE)
    left, right = ("要配慮個", "人情報", "(有/無)"), ("条例要配", "慮個人情", "報(有/無)")
    overhang = xs[3] + 3.5  # where the left heading's first line ends, past its column's right edge
    for i in range(3):
        y = top - 10 - i * 9
        c.drawString(overhang - stringWidth(left[0], font, SIZE) if i == 0 else xs[2] + 1, y, left[i])
        c.drawString(overhang + 0.5, y, right[i])  # the right heading's lines all start half a point after it
    c.drawString(xs[0] + 1, top - 19, "No")
    c.drawString(xs[1] + 1, top - 19, "業務の内容")
    rule = top - 32
    c.line(xs[0], top, xs[-1], top)
    c.line(xs[0], rule, xs[-1], rule)
    body = [("1", "健診受診者の血液検査", "有", "無"), ("2", "保育の委託", "無", "有"), ("3", "乳児期家庭訪問", "有", "有")]
    for r, cells in enumerate(body):
        y = rule - 12 - r * 16
        for x, text in zip(xs, cells):
            c.drawString(x + 3, y, text)
        c.line(xs[0], y - 4, xs[-1], y - 4)
    c.showPage()
    c.save()
    return out.getvalue()


def test_narrow_headings_set_solid_on_a_header_line_of_their_own_are_two_headings() -> None:
    [table] = pdf_table_rows(narrow_headings_page())[1]
    assert _squeezed(table)[0] == ["No", "業務の内容", "要配慮個人情報(有/無)", "条例要配慮個人情報(有/無)"]


ONE_LINE = [(no, p, ["第69条第1項"] if no == "57" else b, a) for no, p, b, a in ROWS]


def test_a_touching_cell_whose_row_has_no_other_line_there_is_parted_by_the_rows_around_it() -> None:
    """Row 57's legal basis fits one line (Scribus: 「…70歳」 spaced out to the edge, 「世田谷保健所…」 after it): no
    line of its row starts a chunk where 「第」 starts, the rows above and below do, a row's gap away."""
    [table] = pdf_table_rows(touching_page(touch=True, rows=ONE_LINE))[1]
    assert _squeezed(table) == [list(HEADER), *([no, "".join(p), "".join(b), a] for no, p, b, a in ONE_LINE)]


def test_lines_of_no_more_cells_than_the_row_do_not_part_it() -> None:
    """LaTeX's hrules: a description's wrapped line parted by a typed space (「う。（1） 当事業用…」), printed in two rows
    (two cases, one description), starts 「当」 exactly where 「要」 of another row's 「避難行動要支援者の支援」 starts.
    Those lines show two chunks, the row six: they are no rows showing a cell the row runs into, and nothing is cut."""
    from pipeline.extract.aligned_starts import marked_where_cells_start
    from pipeline.extract.alignment import line_chunks
    from pipeline.extract.unruled_terms import CELL_START

    def line_chunks_of(chars: list[dict], top: float) -> list:
        return line_chunks(sorted((c for c in chars if c["top"] == top), key=lambda c: c["x0"]))

    def run(text: str, x: float, top: float) -> list[dict]:
        return [{"text": ch, "x0": x + k * SIZE, "x1": x + (k + 1) * SIZE, "top": top, "bottom": top + SIZE,
                 "size": SIZE} for k, ch in enumerate(text)]

    row = [*run("1", 40.0, 100.0), *run("避難行動要支援者の支援", 70.0, 100.0), *run("地域振興課", 230.0, 100.0),
           *run("区長", 320.0, 100.0), *run("有", 380.0, 100.0), *run("無", 400.0, 100.0)]
    wrapped = [c for top in (160.0, 220.0) for c in (*run("う。（1）", 70.0 + 4 * SIZE - 5.8 * SIZE, top),
                                                       *run("当事業用に", 70.0 + 4 * SIZE, top))]
    marked = marked_where_cells_start([*row, *wrapped])
    assert len(line_chunks_of(wrapped, 160.0)) == 2  # the typed space parts the wrapped line, as in LaTeX's
    assert not any(c.get(CELL_START) for c in marked)
