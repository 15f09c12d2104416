#!/usr/bin/env python3
"""Render the count-table and budget fixtures of tests/recognize (issue 14) with several PDF producers.

The tables are modelled on 情報公開・個人情報保護制度の運用状況 reports (rows
実施機関 or 実施機関 × 請求種別, columns 請求件数 and the 決定区分) and on a
予算書 歳出 summary (千円, △ negatives, full-width digits and commas). Their
figures are invented, consistent and typed here by hand as the cells print
them; the tests' expected values are typed separately, as integers, in
dev/truth/count_tables.py. Quirks printed on purpose: merged
headers over two rows and six columns, a row label merged over four rows, a
total label merged over two label columns, distributed-alignment digits
(「3 8」, 「4 1 2」), 「－」 for zero, 「合 計」 spread out, 小計 rows; and a copy whose
notes under the tables say what 「－」 means there (notes-reportlab.pdf).

Producers: reportlab (canvas lines), fpdf2 (its own cell rectangles and
font subsetting), Chromium's print-to-PDF of an HTML table (rowspan/colspan,
CSS borders), and a 200 dpi greyscale scan of the reportlab page (image
only: read through OCR). Needs the ``corpus`` extra, IPAex Gothic and chromium.

    python -m dev.build_count_tables            # writes tests/recognize/cases/count-*.pdf
    python -m dev.build_count_tables --held-out --out corpus/cells_held_out   # LibreOffice, for bench_cells.py
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "recognize" / "cases"
FONT_PATH = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
FONT = "ipaexg"

# A cell: (text, colspan, rowspan). Rows list only the cells that start there.
Span = tuple[str, int, int]

FRONT = [
    "若葉市総務部情報公開課",
    "令和6年6月28日",
    "令和5年度 情報公開・個人情報保護制度の運用状況",
]

DISCLOSURE = {
    "caption": "1 情報公開制度(公文書開示請求)の運用状況",
    "unit": "(単位:件)",
    "widths": [92, 56, 44, 52, 44, 38, 44, 44],
    "rows": [
        [("実施機関", 1, 2), ("請求件数", 1, 2), ("決定区分", 6, 1)],
        [("開示", 1, 1), ("一部開示", 1, 1), ("不開示", 1, 1), ("却下", 1, 1), ("取下げ", 1, 1), ("計", 1, 1)],
        [("区長", 1, 1), ("1,284", 1, 1), ("312", 1, 1), ("846", 1, 1), ("58", 1, 1), ("3", 1, 1), ("65", 1, 1),
         ("1,284", 1, 1)],
        [("教育委員会", 1, 1), ("9 6", 1, 1), ("3 8", 1, 1), ("4 7", 1, 1), ("6", 1, 1), ("－", 1, 1), ("5", 1, 1),
         ("9 6", 1, 1)],
        [("選挙管理委員会", 1, 1), ("7", 1, 1), ("5", 1, 1), ("2", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1),
         ("7", 1, 1)],
        [("監査委員", 1, 1), ("4", 1, 1), ("1", 1, 1), ("3", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1),
         ("4", 1, 1)],
        [("農業委員会", 1, 1), ("2", 1, 1), ("2", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1),
         ("2", 1, 1)],
        [("合 計", 1, 1), ("1,393", 1, 1), ("358", 1, 1), ("898", 1, 1), ("64", 1, 1), ("3", 1, 1), ("70", 1, 1),
         ("1,393", 1, 1)],
    ],
}

PERSONAL = {
    "caption": "2 個人情報保護制度(保有個人情報の開示等請求)の運用状況",
    "unit": "(単位:件)",
    "widths": [80, 76, 56, 48, 56, 48, 48],
    "rows": [
        [("実施機関", 1, 1), ("請求種別", 1, 1), ("請求件数", 1, 1), ("開示", 1, 1), ("一部開示", 1, 1),
         ("不開示", 1, 1), ("取下げ", 1, 1)],
        [("区長", 1, 4), ("開示請求", 1, 1), ("4 1 2", 1, 1), ("150", 1, 1), ("221", 1, 1), ("12", 1, 1),
         ("29", 1, 1)],
        [("訂正請求", 1, 1), ("6", 1, 1), ("2", 1, 1), ("1", 1, 1), ("3", 1, 1), ("－", 1, 1)],
        [("利用停止請求", 1, 1), ("3", 1, 1), ("－", 1, 1), ("1", 1, 1), ("2", 1, 1), ("－", 1, 1)],
        [("小計", 1, 1), ("421", 1, 1), ("152", 1, 1), ("223", 1, 1), ("17", 1, 1), ("29", 1, 1)],
        [("教育委員会", 1, 4), ("開示請求", 1, 1), ("5 7", 1, 1), ("20", 1, 1), ("31", 1, 1), ("2", 1, 1),
         ("4", 1, 1)],
        [("訂正請求", 1, 1), ("1", 1, 1), ("1", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1)],
        [("利用停止請求", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1), ("－", 1, 1)],
        [("小計", 1, 1), ("5 8", 1, 1), ("21", 1, 1), ("31", 1, 1), ("2", 1, 1), ("4", 1, 1)],
        [("総計", 2, 1), ("479", 1, 1), ("173", 1, 1), ("254", 1, 1), ("19", 1, 1), ("33", 1, 1)],
    ],
}

# The same tables, each on its own page with a note under it saying what its dash means: 該当なし
# (nothing) under table 1, 0 under table 2 (tests/recognize/test_cells.py: the note decides).
NOTED = [(FRONT, [dict(DISCLOSURE, note="注：表中の「－」は該当なし。")]),
         ([], [dict(PERSONAL, note="注：「－」は0件を示す。")])]

BUDGET_FRONT = ["若葉市財政課", "令和6年度 若葉市一般会計予算書"]
BUDGET = {
    "caption": "歳出予算款別総括表",
    "unit": "(単位:千円)",
    "widths": [90, 96, 96, 96],
    "rows": [
        [("款", 1, 1), ("本年度予算額(A)", 1, 1), ("前年度予算額(B)", 1, 1), ("比較(A-B)", 1, 1)],
        [("議会費", 1, 1), ("８５２，３１４", 1, 1), ("８６０，１２２", 1, 1), ("△７，８０８", 1, 1)],
        [("総務費", 1, 1), ("５，８６０，６０９", 1, 1), ("５，４１２，９０３", 1, 1), ("４４７，７０６", 1, 1)],
        [("民生費", 1, 1), ("２４，１０３，５５０", 1, 1), ("２３，８８７，０１２", 1, 1), ("２１６，５３８", 1, 1)],
        [("衛生費", 1, 1), ("３，２０１，４４８", 1, 1), ("３，４０９，９９０", 1, 1), ("△２０８，５４２", 1, 1)],
        [("土木費", 1, 1), ("４，０９８，７７１", 1, 1), ("３，９５０，０００", 1, 1), ("１４８，７７１", 1, 1)],
        [("予備費", 1, 1), ("１００，０００", 1, 1), ("１００，０００", 1, 1), ("－", 1, 1)],
        [("歳出合計", 1, 1), ("３８，２１６，６９２", 1, 1), ("３７，６２０，０２７", 1, 1), ("５９６，６６５", 1, 1)],
    ],
}

ROW_H = 20.0
SIZE = 9.0


def placed(table: dict) -> list[tuple[str, int, int, int, int]]:  # type: ignore[type-arg]
    """(text, row, col, rowspan, colspan) of every cell, columns found past the cells spanning from above."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table["rows"]):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            out.append((text, r, c, rowspan, colspan))
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            c += colspan
    return out


def boxes(table: dict, x0: float, top: float):  # type: ignore[no-untyped-def,type-arg]
    """(text, x0, top, x1, bottom, is_number) in points, top-left origin."""
    xs = [x0]
    for w in table["widths"]:
        xs.append(xs[-1] + w)
    for text, r, c, rs, cs in placed(table):
        numeric = c > 0 and r > 0 and (text[:1].isdigit() or text[:1] in "△－０１２３４５６７８９")
        yield text, xs[c], top + r * ROW_H, xs[c + cs], top + (r + rs) * ROW_H, numeric


def build_reportlab(path: Path, pages: list[tuple[list[str], list[dict]]]) -> None:  # type: ignore[type-arg]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
    _, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for front, tables in pages:
        y = 60.0
        for i, line in enumerate(front):
            c.setFont(FONT, 14 if i == len(front) - 1 else 10)
            c.drawString(60, height - y, line)
            y += 24
        y += 10
        for table in tables:
            c.setFont(FONT, 10)
            c.drawString(60, height - y, table["caption"])
            c.drawRightString(60 + sum(table["widths"]), height - y, table["unit"])
            y += 8
            c.setFont(FONT, SIZE)
            for text, x0, t, x1, b, numeric in boxes(table, 60, y):
                c.rect(x0, height - b, x1 - x0, b - t)
                base = height - (t + b) / 2 - SIZE / 3
                if numeric:
                    c.drawRightString(x1 - 4, base, text)
                else:
                    c.drawCentredString((x0 + x1) / 2, base, text)
            y += ROW_H * len(table["rows"]) + 30
            if table.get("note"):  # 「注：…」 printed under the table
                c.setFont(FONT, 9)
                c.drawString(60, height - (y - 14), table["note"])
                y += 12
        c.showPage()
    c.save()


def build_fpdf2(path: Path, pages: list[tuple[list[str], list[dict]]]) -> None:  # type: ignore[type-arg]
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font(FONT, fname=str(FONT_PATH))
    pdf.set_creation_date(__import__("datetime").datetime(2024, 6, 28, tzinfo=__import__("datetime").UTC))
    for front, tables in pages:
        pdf.add_page()
        y = 50.0
        for line in front:
            pdf.set_font(FONT, size=11)
            pdf.text(50, y, line)
            y += 22
        for table in tables:
            pdf.set_font(FONT, size=10)
            pdf.text(50, y + 10, table["caption"] + "  " + table["unit"])
            y += 18
            pdf.set_font(FONT, size=8.5)
            wider = dict(table, widths=[w * 1.1 for w in table["widths"]])
            for text, x0, t, x1, b, numeric in boxes(wider, 50, y):
                pdf.set_xy(x0, t)
                pdf.cell(x1 - x0, b - t, text, border=1, align="R" if numeric else "C")
            y += ROW_H * len(table["rows"]) + 28
    pdf.output(str(path))


def table_html(table: dict) -> str:  # type: ignore[type-arg]
    rows = []
    for row in table["rows"]:
        cells = "".join(
            f'<td colspan="{cs}" rowspan="{rs}" class="{"n" if text[:1] in "0123456789△－" else ""}">'
            f"{html.escape(text)}</td>"
            for text, cs, rs in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return (f'<p>{html.escape(table["caption"])}<span class="u">{html.escape(table["unit"])}</span></p>'
            f'<table>{"".join(rows)}</table>')


def build_chromium(path: Path, pages: list[tuple[list[str], list[dict]]]) -> None:  # type: ignore[type-arg]
    style = (f"@font-face{{font-family:g;src:url('{FONT_PATH.as_uri()}')}} body{{font-family:g;font-size:10pt}}"
             "table{border-collapse:collapse;margin-bottom:24pt} td{border:0.8pt solid #000;padding:3pt 6pt;"
             "text-align:center} td.n{text-align:right} .u{margin-left:40pt} .p{page-break-after:always}")
    body = "".join(
        '<div class="p">' + "".join(f"<p>{html.escape(x)}</p>" for x in front)
        + "".join(table_html(t) for t in tables) + "</div>"
        for front, tables in pages
    )
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "tables.html"
        page.write_text(f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>",
                        encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", page.as_uri()], check=True, capture_output=True, timeout=120)


def build_libreoffice(path: Path, pages: list[tuple[list[str], list[dict]]]) -> None:  # type: ignore[type-arg]
    """LibreOffice Writer's import of the same HTML, exported to PDF (its own table layout and fonts)."""
    # Writer ignores CSS borders on import: the table's own border and cellpadding attributes rule it
    body = "".join("".join(f"<p>{html.escape(x)}</p>" for x in front)
                   + "".join(table_html(t).replace("<table>", '<table border="1" cellspacing="0" cellpadding="4">')
                             for t in tables)
                   for front, tables in pages)
    style = "td{border:1px solid #000;padding:2pt 5pt} td.n{text-align:right} table{border-collapse:collapse}"
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{path.stem}.html"
        page.write_text(f"<html><head><meta charset='utf-8'><style>{style}</style></head>"
                        f"<body style='font-family:IPAexGothic'>{body}</body></html>", encoding="utf-8")
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(page)],
                       check=True, capture_output=True, timeout=180)
        path.write_bytes((Path(tmp) / f"{path.stem}.pdf").read_bytes())


def build_scan(source: Path, path: Path, dpi: int = 200) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    images = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    images[0].save(str(path), "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PDFs (default: %(default)s)")
    parser.add_argument("--held-out", action="store_true",
                        help="only the held-out renderings for dev/bench_cells.py (LibreOffice; needs soffice)")
    args = parser.parse_args(argv)
    if not FONT_PATH.exists():
        sys.exit("IPAex Gothic not found: install Debian's fonts-ipaexfont")
    args.out.mkdir(parents=True, exist_ok=True)
    counts = [(FRONT, [DISCLOSURE, PERSONAL])]
    if args.held_out:
        build_libreoffice(args.out / "count-libreoffice.pdf", counts)
        build_libreoffice(args.out / "budget-libreoffice.pdf", [(BUDGET_FRONT, [BUDGET])])
        return 0
    build_reportlab(args.out / "count-reportlab.pdf", counts)
    build_fpdf2(args.out / "count-fpdf2.pdf", counts)
    build_chromium(args.out / "count-chromium.pdf", counts)
    build_scan(args.out / "count-reportlab.pdf", args.out / "count-scan200.pdf")
    build_reportlab(args.out / "budget-reportlab.pdf", [(BUDGET_FRONT, [BUDGET])])
    build_reportlab(args.out / "notes-reportlab.pdf", NOTED)
    for p in sorted(args.out.glob("count-*.pdf")) + [args.out / "budget-reportlab.pdf", args.out / "notes-reportlab.pdf"]:
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
