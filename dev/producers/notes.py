"""The notes style's printed text around a table (注記付きの罫線なし表): not table data, not in the ground truth.

As municipal tables print: a unit caption 「（単位：件）」 on its own line between a summary table's title and the
table, right-aligned at the table's right edge; and under every table (the four summaries and the three lists),
after its last row, one to three 注記 lines starting with 「※」, left-aligned at the table's left edge, in the
table's own font size. Each list has one note long enough to wrap onto a second line on any page width. The notes
are this project's own sentences; a note that may wrap holds no digit, so that no printed line starts with a
bare digit (a case number's look), and a short one (on one line everywhere) may hold a date.

Every producer prints them by its own means (a paragraph after the table, cells under it in a sheet, text placed
under the table's last row); ``model.Style.notes`` allows them on an unruled, unshaded, unmerged plain table only
(``check_notes``). This module imports nothing of the model, which calls it.
"""

from __future__ import annotations

UNIT = "（単位：件）"

SUMMARY_NOTES = {
    "outsourcing": ("※1 外部委託の審査基準により審査した業務の件数です。",
                    "※2 「うち」の欄は、審査件数の内数です。"),
    "purpose_external_use": ("※ 目的外利用の審査基準により審査した業務の件数です。",),
    "external_provision": ("※1 提供先が複数ある業務も、一つの業務として数えています。",
                           "※2 令和5年4月1日時点で実施している業務です。"),
    "online_link": ("※1 オンライン結合とシステム導入の件数を合わせています。",
                    "※2 両方の審査を受けた業務は、一つとして数えています。",
                    "※3 合計欄は、各実施機関の件数の和です。"),
}
LIST_NOTES = {
    "outsourcing": (
        ("※1 要配慮個人情報の欄の「有」は、委託する業務の中で要配慮個人情報を取り扱うことを、「無」は取り扱わないことを"
        "示します。条例要配慮個人情報の欄も同じ考え方により記載しており、どちらの欄も委託先が業務の中で新たに取得する"
        "情報を含めて判断しています。委託先が再委託を行う場合の取扱いも、この欄の記載に含めています。"),
        "※2 担当部課の名称は、令和5年4月1日時点のものです。"),
    "external_provision": (
        ("※1 有無の欄は、区から相手方へ提供する個人情報の中に要配慮個人情報又は条例要配慮個人情報が含まれるかどうかを"
        "示すもので、相手方が独自に保有している情報は含めていません。一つの業務で複数の相手方に提供するものは、"
        "主な提供先の業務の名称により記載しています。提供の方法（書面、電子媒体又は回線によるもの）は、この一覧には記載していません。"),),
    "online_link": (
        "※1 オンライン結合による案件とシステム導入による案件を、審査を行った順にまとめて記載しています。",
        ("※2 有無の欄は、結合する回線又は導入するシステムの中で要配慮個人情報又は条例要配慮個人情報を取り扱うかどうかを"
        "示すもので、記載の順序は件数の多少や業務の重要度を表すものではありません。結合する相手方が国や他の地方公共団体である場合も、"
        "同じ考え方により記載しています。なお、システムの更新や機能の追加により審査を行ったものも、新たな案件として記載しています。"),
        "※3 実施機関の欄は、審査を行った機関です。"),
}


def table_notes(notes: bool, criterion: str, kind: str) -> tuple[str, ...]:
    """The 注記 lines under a table of ``kind`` (summary | list) in the notes style; () in any other style."""
    return (SUMMARY_NOTES if kind == "summary" else LIST_NOTES)[criterion] if notes else ()


def unit_caption(notes: bool, kind: str) -> str:
    """The unit caption over a summary table in the notes style; "" over a list or in any other style."""
    return UNIT if notes and kind == "summary" else ""


def check_notes(style) -> None:  # type: ignore[no-untyped-def]
    """Notes print around an unruled, unshaded, unmerged plain table only (as the norules style draws it)."""
    if style.notes and (style.rules, style.shading, style.merge, style.narrow, style.padding, style.heading,
                        style.header_repeat, style.heading_direction, style.align) != (
            "none", "none", False, False, "normal", "single", "every", "horizontal", "natural"):
        raise ValueError(f"style {style.name}: notes print around a table without rules, unshaded, unmerged, "
                         "one horizontal header row repeated, normal padding, not narrow, natural alignment")


def fpdf2_caption(pdf, caption: str, width: float, size: float) -> None:  # type: ignore[no-untyped-def]
    """fpdf2 (dev/build_alt_producer.py): the unit caption a cell as wide as the table, right-aligned, kept on the
    table's page (a new page first when the caption and the table's first rows would not fit)."""
    if not caption:
        return
    if pdf.will_page_break(size * 1.4 * 4):
        pdf.add_page()
    pdf.cell(width, size * 1.4, caption, align="R", new_x="LMARGIN", new_y="NEXT")


def fpdf2_notes(pdf, notes: tuple[str, ...], size: float) -> None:  # type: ignore[no-untyped-def]
    """fpdf2: the 注記 under a table's last row, multi_cell lines from the left margin (the table's left edge) in the
    table's font and size, wrapped by fpdf2."""
    pdf.set_font_size(size)
    for note in notes:  # wrapped by character, as a Japanese line breaks (not at the space after ※1)
        pdf.multi_cell(pdf.epw, size * 1.4, note, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
