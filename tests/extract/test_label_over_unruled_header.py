"""A page label and a subtitle set close above an unruled table's header (issue 11, wkhtmltopdf's norules).

A browser prints the exhibit label 「資料No.3-2」 flush right over the last
column and the subtitle under it, each in a size of its own, a line's gap
above the two-line header: all one block of text with the table. The label
lies within the last column, as a heading does; read as the first header
line it left the real headings in the body and the table matched no kind.
A label alone on its line in a size neither the rows' nor the next line's
is a caption; a heading alone on the header's first line (a wrapped flag
heading) is set in the size of the header line under it and stays. The
values are typed by hand; the layout (5.8 pt rows at a 9.2 pt pitch, a
6.9 pt label, a 7.5 pt subtitle) is drawn here, nothing taken from the
extractor.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, PITCH, HEADER_PITCH = 5.8, 9.2, 6.4
X = (52.0, 76.0, 406.0, 677.0, 739.0, 775.0)  # No, 委託の内容, 担当部課, 実施機関, 要配慮, 条例要配慮
HEADER_LINES = [  # (x, text): the flag headings wrap over three lines, the others stand on the second
    [(737.0, "要配慮個人"), (772.0, "条例要配慮")],
    [(52.0, "No"), (224.0, "委託の内容"), (527.0, "担当部課"), (692.0, "実施機関"), (739.0, "情報(有/"),
     (775.0, "個人情報")],
    [(747.0, "無)"), (777.0, "(有/無)")],
]
HEADER = ["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報(有/無)", "条例要配慮個人情報(有/無)"]
ROWS = [
    ["1", "避難行動要支援者の支援", "世田谷総合支所地域振興課", "区長", "有", "無"],
    ["2", "生活保護システム関連帳票出力及び封入封緘業務委託", "世田谷総合支所保健福祉センター生活支援課", "区長", "有", "無"],
    ["3", "生活保護業務システムのソフトウェア保守作業委託", "北沢総合支所保健福祉センター生活支援課", "区長", "有", "無"],
    ["4", "乳児期家庭（新生児）訪問事業委託", "北沢総合支所保健福祉センター健康づくり課", "区長", "有", "有"],
    ["5", "健診受診者の血液検査", "北沢総合支所保健福祉センター健康づくり課", "区長", "無", "無"],
]


def labelled_page(label_size: float, header_lines: list[list[tuple[float, str]]] = HEADER_LINES) -> bytes:
    """The label flush right over the last column, the subtitle, the header and the rows; no rule anywhere."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    y = 595 - 46.0  # the label's baseline
    c.setFont(font, label_size)
    c.drawRightString(804.0, y, "資料No.3-2")
    y -= 7.6
    c.setFont(font, 7.5)
    c.drawString(38.0, y, "要配慮個人情報又は条例要配慮個人情報を含むもの")
    y -= 12.4
    c.setFont(font, SIZE)
    for line in header_lines:
        for x, text in line:
            c.drawString(x, y, text)
        y -= HEADER_PITCH
    y -= PITCH - HEADER_PITCH + 3.4
    for row in ROWS:
        for x, text in zip(X, row):
            c.drawString(x + (2.0 if len(text) == 1 and x == X[0] else 0.0), y, text)
        y -= PITCH
    c.showPage()
    c.save()
    return out.getvalue()


def read(data: bytes) -> list[list[str]]:
    tables = pdf_table_rows(data)[1]
    table = next(t for t in tables if any("区長" in cell for row in t for cell in row))
    return [[cell.replace(" ", "").replace("\n", "") for cell in row] for row in table]


def test_a_label_flush_over_the_last_column_is_no_header_line() -> None:
    assert read(labelled_page(label_size=6.9)) == [HEADER, *ROWS]


def test_a_lone_heading_opening_the_header_stays_a_heading() -> None:
    """Only the last flag heading wraps onto a line of its own above the others: it is the header's, in its size."""
    lone = [[(772.0, "条例要配慮")], [*HEADER_LINES[1][:4], (737.0, "要配慮個人"), (775.0, "個人情報")],
            [(739.0, "情報(有/無)"), (777.0, "(有/無)")]]
    assert read(labelled_page(label_size=6.9, header_lines=lone)) == [HEADER, *ROWS]
