"""An unruled table whose wrapped lines outnumber its rows, as a spreadsheet prints it (issue 11, Gnumeric's norules).

Without rules a table's columns come from its lines of one chunk count. A
spreadsheet wraps a long cell within its column: with the purpose and the
department wrapped, each row adds a second line of two chunks, and the
header adds its own two-chunk lines, the flag headings 「要配慮個人情報(有/無)」
and 「条例要配慮個人情報(有/無)」 wrapped down two narrow columns over six lines.
Those lines outnumber the rows; read as the columns they put a column border
between a department's wrapped end and the heading centred over it, cut the
wrapped description lines off as running text when the header touches the
first row, and parted a short body from its header. The values below are
typed by hand; the layout (9 pt pitch, 8 pt text, full-width characters 8 pt
wide) is drawn here, nothing taken from the extractor.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, PITCH = 8.0, 9.0
ROW_GAP = 9.0  # the padding a spreadsheet leaves between two rows, beyond their lines
TALL_GAP = 18.0  # ... under a row of a long description (Gnumeric, the online-link list: 27 pt under its last line)
# Each column's left edge: No, 提供先, 利用目的, 該当条項, 担当部課, 実施機関, 要配慮, 条例要配慮
X = (44.0, 62.0, 266.0, 470.0, 543.0, 696.0, 732.0, 754.0)
DEPT_HEADING_X = 600.0  # 「担当部課」 centred over a column 140 pt wide, right of a wrapped 「支援課」's end
HEADER_LINES = [  # (x, text) per line: the flag headings wrap down their narrow columns
    [(44.0, "No"), (150.0, "提供先"), (329.0, "提供先での利用目的"), (488.0, "該当条項"),
     (DEPT_HEADING_X, "担当部課"), (699.0, "実施機"), (732.0, "要配"), (754.0, "条例")],
    [(707.0, "関"), (732.0, "慮個"), (754.0, "要配")],
    [(732.0, "人情"), (754.0, "慮個")],
    [(736.0, "報"), (754.0, "人情")],
    [(732.0, "(有/"), (758.0, "報")],
    [(734.0, "無)"), (754.0, "(有/")],
    [(756.0, "無)")],
]
HEADER = ["No", "提供先", "提供先での利用目的", "該当条項", "担当部課", "実施機関",
          "要配慮個人情報(有/無)", "条例要配慮個人情報(有/無)"]
WRAPPED = [  # No, recipient, purpose (its lines), legal basis, department (its lines), agency, flags
    ("1", "警察", ["刑事訴訟法第197条第2項に基づく捜査に必要な取調", "べ"], "第69条第1項",
     ["世田谷総合支所保健福祉センター生活", "支援課"], "区長", "有", "有"),
    ("2", "日本放送協会", ["放送法第64条第2項、日本放送協会受信料免除基準に", "基づく受信料減免対象者の調査"], "第69条第1項",
     ["世田谷総合支所保健福祉センター健康", "づくり課"], "区長", "有", "有"),
    ("3", "警察署", ["刑事訴訟法第197条第2項に基づく捜査に必要な取調", "べ"], "第69条第1項",
     ["北沢総合支所保健福祉センター健康づ", "くり課"], "区長", "有", "無"),
    ("4", "警察", ["刑事訴訟法第197条第2項に基づく捜査に必要な取調", "べ"], "第69条第1項",
     ["玉川総合支所保健福祉センター生活支", "援課"], "区長", "無", "有"),
]
SHORT = [  # a few rows, most of one line: the header has more lines than the body
    ("55", "官公署", ["調査のため"], "第69条第1項", ["世田谷保健所生活保健課"], "区長", "有", "有"),
    ("56", "東京都", ["表彰にかかる審査のため"], "第69条第1項", ["教育委員会事務局学務課"], "区長", "有", "無"),
    ("57", "児童相談所", ["児童虐待通告に基づく調査"], "第69条第1項", ["教育委員会事務局学校健康推進課"], "区長", "有", "有"),
]
LONG = [  # one column wraps over several lines: the description of an online link
    ("1", "オンライン結合", ["認知症もしくはその疑いがあり、行方不明になった人", "(以下「行方不明者」という。)が発生した場合に、",
                          "早期解決を目的として東京都が運営するサイトにて", "情報共有を図る。"],
     "第69条第1項", ["世田谷総合支所生活支援課"], "区長", "有", "有"),
    ("2", "オンライン結合", ["医療扶助の支給決定に際して、医療機関に対する診療", "報酬の支払いに関する個人情報を授受している。"],
     "第69条第1項", ["世田谷総合支所生活支援課"], "区長", "有", "無"),
    ("3", "オンライン結合", ["生活保護システム関連帳票出力及び封入封緘業務委託", "におけるデータ受渡しについて実施。"],
     "第69条第1項", ["北沢総合支所生活支援課"], "区長", "有", "無"),
]
Row = tuple[str, str, list[str], str, list[str], str, str, str]


def unruled_page(rows: list[Row], header_gap: float, caption: bool = False, row_gap: float = ROW_GAP,
                 exhibit: bool = False) -> bytes:
    """The header, ``header_gap`` below its last line the rows, no rule anywhere; a caption above when asked,
    and the exhibit label at the top right, over the last column."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    y = 595 - 96.0  # the baseline of the header's first line
    if exhibit:
        c.setFont(font, 10.0)
        c.drawString(754.0, y + 50.0, "資料No.3-3")
    caption_x = 30.0 if exhibit else 41.0  # Calc sets its caption further left of the numbers than Gnumeric
    if caption:
        c.setFont(font, 10.0)
        c.drawString(caption_x, y + 12.0, "要配慮個人情報又は条例要配慮個人情報を含むもの")
    c.setFont(font, SIZE)
    for line in HEADER_LINES:
        for x, text in line:
            c.drawString(x, y, text)
        y -= PITCH
    y -= header_gap - PITCH
    for no, recipient, purpose, basis, dept, agency, sensitive, ordinance in rows:
        for x, text in zip((X[0], X[1], X[3], X[5], X[6] + 4, X[7] + 4),
                           (no, recipient, basis, agency, sensitive, ordinance)):
            c.drawString(x, y, text)
        for i, text in enumerate(purpose):
            c.drawString(X[2], y - i * PITCH, text)
        for i, text in enumerate(dept):
            c.drawString(X[4], y - i * PITCH, text)
        y -= PITCH * max(len(purpose), len(dept)) + row_gap
    c.showPage()
    c.save()
    return out.getvalue()


def expected(rows: list[Row]) -> list[list[str]]:
    return [HEADER, *[[no, recipient, "".join(purpose), basis, "".join(dept), agency, sensitive, ordinance]
                      for no, recipient, purpose, basis, dept, agency, sensitive, ordinance in rows]]


def read(data: bytes) -> list[list[str]]:
    tables = pdf_table_rows(data)[1]
    table = next(t for t in tables if any("No" in cell for row in t for cell in row))
    return [[cell.replace(" ", "").replace("\n", "") for cell in row] for row in table]


def test_second_lines_outnumbering_the_rows_set_no_column_border_under_a_heading() -> None:
    assert read(unruled_page(WRAPPED, header_gap=33.0)) == expected(WRAPPED)


def test_a_header_of_more_lines_than_its_few_rows_stays_their_header() -> None:
    assert read(unruled_page(SHORT, header_gap=33.0, caption=True)) == expected(SHORT)


def test_a_header_touching_its_first_row_leaves_the_wrapped_lines_in_their_rows() -> None:
    assert read(unruled_page(LONG, header_gap=PITCH, caption=True, row_gap=TALL_GAP)) == expected(LONG)


def test_a_label_above_the_caption_is_no_header_row() -> None:
    """The exhibit label stands over the last column, but the caption between it and the headings parts them."""
    assert read(unruled_page(SHORT, header_gap=33.0, caption=True, exhibit=True)) == expected(SHORT)
