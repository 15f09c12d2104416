"""A made-up document for the producers' drawing tests (tests/test_*_style.py, test_*_writer.py, test_pymupdf_story.py).

Those tests check what a producer draws (rules, fonts, pages) with pdfplumber alone, never by running the
extractor, so they need a document shaped like a report (a summary table, one list long enough to run over
pages, an appendix) but written by nobody: no case of a real report is drawn.
"""

from __future__ import annotations

from dev.producers.model import Document, ListTable, Table, Variant, load_matrix

HEADER = ("番号", "業務の名称", "担当部課", "実施機関", "有無")


def made_up_document(rows: int, appendix: str = "付録。") -> Document:
    """A summary table, a list of ``rows`` made-up cases (every other description wraps) and an appendix."""
    summary = Table("outsourcing", (("実施機関", "審査件数", "うち要配慮", "うち条例"),
                                    ("区長", "1 2", "3", "4"), ("合計", "1 2", "3", "4")))
    body = tuple((str(n), "架空の業務の説明、長ければ折り返される" * (1 + n % 2), f"第{n // 4}課", "区長",
                  "有" if n % 2 else "無") for n in range(1, rows + 1))
    return Document(("報告第1号", summary), (ListTable("一覧", "資料No.1", Table("outsourcing", (HEADER,) + body)),),
                    (appendix,))


def variant(producer: str, style: str, orientation: str) -> Variant:
    """``producer`` drawing matrix.toml's ``style`` in ``orientation`` (not held out: a test's own render)."""
    styles = {v.style.name: v.style for v in load_matrix()}
    return Variant(producer, styles[style], orientation, held_out=False)
