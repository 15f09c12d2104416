"""A producer that rounds every character's position draws neighbours of one word over each other.

AbiWord places each character at a position rounded to its own layout unit:
two neighbours of one word then overlap by up to half a point (0.067 font
sizes at 7.5 pt) on about one pair in twelve, after any character (「の」, 「・」,
「、」). A letter drawn that far over a closing mark was taken as another
cell's text starting over a mark hung into it, and the phrase was cut there:
「オンライン結合・|システム」 read as two cells, and a table of them got a column
too many. Drawn here with reportlab, one character at a time, the same
rounding laid over an unruled table's text.

Expected texts are the cells as written below.
"""

from __future__ import annotations

import io
from itertools import pairwise

import pdfplumber
from reportlab.pdfbase.pdfmetrics import stringWidth

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (595.0, 842.0)
SIZE = 7.5
PITCH = 17.0
ROUNDING = 0.5  # points: every third character is drawn this much left of its advance (AbiWord's overlap)
XS = (46.0, 64.0, 200.0, 400.0, 520.0)
HEADER = ("No", "オンライン結合・システム導入の別", "オンライン結合・システム導入の内容", "担当部課", "実施機関")
ROWS = [
    (str(n), kind, text, "地域行政部住民記録・戸籍課", "区長")
    for n, (kind, text) in enumerate([
        ("オンライン結合・システム", "住民基本台帳事務の証明書等の交付に際して、"),
        ("オンライン結合", "医療扶助の支給決定に際して、医療機関に対する"),
        ("オンライン結合・システム", "国民保護法に基づく安否情報システムの運用"),
        ("システム導入", "清掃・リサイクル条例に基づく粗大ごみの受付"),
        ("オンライン結合・システム", "電話や訪問による納付の案内、収納の管理"),
        ("オンライン結合", "後期高齢者医療制度の運営に伴う資格の管理"),
    ], start=18)
]


def page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, SIZE)
    for i, cells in enumerate([HEADER, *ROWS]):
        y = PAGE[1] - (60.0 + i * PITCH) - SIZE
        for x, cell in zip(XS, cells):
            for k, ch in enumerate(cell):
                c.drawString(x - (ROUNDING if k % 3 == 2 else 0.0), y, ch)
                x += stringWidth(ch, font, SIZE)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_drawing_overlaps_neighbours_by_the_rounding():
    """The page is what the docstring says: 「・」 and 「、」 have a letter drawn 0.067 font sizes over them."""
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        chars = pdf.pages[0].chars
    overlaps = {round((a["x1"] - b["x0"]) / SIZE, 3) for a, b in pairwise(chars)
                if a["text"] in "・、" and abs(a["top"] - b["top"]) < 1 and b["x0"] < a["x1"]}
    assert overlaps == {0.067}


def test_every_cell_reads_whole():
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        tables, _, _ = page_to_reading(pdf.pages[0], 1)
    assert len(tables) == 1
    rows = [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in tables[0].cells]
    assert rows == [list(HEADER), *(list(r) for r in ROWS)]
