"""An unruled table as Gnumeric prints it: a space typed between two kanji, a wrapped line run into the next row.

Gnumeric prints a sheet with no borders as text alone (each cell's white
background filled, no rule). Two things it does there that other producers
do not, both drawn here with reportlab from hand-placed text:

* a description with a space typed inside it (「…【ママズルーム】 母子保健法…」)
  keeps the space as a drawn character between two full-width characters;
  the gap (the font's space and the tracking, 0.33 font sizes here) is wider than the gap
  that parts two cells' texts set solid, so without the space the line was
  cut there into two cells. The row is also the only wrapped row of its
  block, which stands apart from the rows below (a tall row, fitted high);
* a cell whose text wraps onto more lines than its row is high has its last
  line drawn just above the next row's first (「号」 5.5 pt above row 32 in
  the same column): that close, a line under text of its own column is the
  next row, not a line set beside the one above.

Expected texts are the cells as written below.
"""

from __future__ import annotations

import io

import pdfplumber

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (842.0, 595.0)
SIZE = 8.0
LINE = 9.0
TRACKING = 0.25  # points added after every character, as Gnumeric (Pango) sets its text
XS = (47.0, 75.0, 400.0, 560.0, 650.0, 700.0)  # No, 内容, 担当部課, 該当条項, 実施機関, 有無
HEADER = ("No", "委託の内容", "担当部課", "該当条項", "実施機関", "有無")
TYPED = "母子保健法に規定する産後ケア事業実施委託【ママズルーム】 母"  # the space is typed: a drawn character
ROWS = (  # (top, cells as lines)
    (139.0, (("244",), (TYPED, "子保健法に規定する産後ケア事業実施委託", "（産後の母子を対象とする）"),
             ("児童相談支援課",), ("第69条第1項",), ("区長",), ("有",))),
    (202.0, (("245",), ("子ども家庭相談支援システムの保守委託",), ("児童相談支援課",),
             ("第69条第2項第3", "号"), ("区長",), ("有",))),
    (202.0 + LINE + 5.5, (("246",), ("子どもの健康の増進を図る事業",), ("児童相談支援課",),
                          ("第69条第1項",), ("区長",), ("無",))),
    (232.0, (("247",), ("子育て短期支援事業実施委託",), ("児童相談支援課",), ("第69条第1項",), ("区長",), ("有",))),
    (247.0, (("248",), ("子育て短期支援事業実施委託【愛恵会】",), ("児童相談支援課",), ("第69条第1項",),
             ("区長",), ("無",))),
)


def page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, SIZE)

    def text(x: float, top: float, s: str) -> None:
        t = c.beginText(x, PAGE[1] - top - SIZE)
        t.setFont(font, SIZE)
        t.setCharSpace(TRACKING)
        t.textOut(s)
        c.drawText(t)

    for x, heading in zip(XS, HEADER):
        text(x, 100.0, heading)
    for top, cells in ROWS:
        for x, lines in zip(XS, cells):
            for i, line in enumerate(lines):
                text(x, top + i * LINE, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def table_rows() -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        tables, _, _ = page_to_reading(pdf.pages[0], 1)
    assert len(tables) == 1
    return [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in tables[0].cells]


def test_the_page_holds_the_typed_space_and_the_close_line():
    """The drawing is what the docstring says: a space between 】 and 母, 「号」 5.5 pt above row 246."""
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        chars = pdf.pages[0].chars
    i = next(n for n, ch in enumerate(chars) if ch["text"] == "】")
    assert chars[i + 1]["text"] == " " and chars[i + 2]["text"] == "母"
    assert chars[i + 2]["x0"] - chars[i]["x1"] > 0.3 * SIZE
    go = next(ch for ch in chars if ch["text"] == "号")
    assert min(ch["top"] for ch in chars if ch["text"] == "6" and ch["x0"] < 70) - go["top"] == 5.5


def test_every_row_is_read_under_the_header():
    rows = table_rows()
    assert rows[0] == [h for h in HEADER]
    assert [row[0] for row in rows[1:]] == ["244", "245", "246", "247", "248"]


def test_the_typed_space_stays_inside_its_description():
    rows = table_rows()
    assert rows[1][1] == "".join(ROWS[0][1][1]).replace(" ", "")
    assert rows[1][2] == "児童相談支援課"


def test_a_wrapped_line_above_the_next_row_stays_in_its_row():
    rows = table_rows()
    assert rows[2][3] == "第69条第2項第3号"
    assert rows[3][1:4] == ["子どもの健康の増進を図る事業", "児童相談支援課", "第69条第1項"]
