"""The titled style's title rows (表題行): every table headed by a row that names it, above its column headings.

As many municipal reports print their tables: the table's first header row one cell merged across its full width,
holding the table's own title (「外部委託の審査基準による審査件数」 over a summary, 「外部委託の審査基準による審査案件
一覧」 over a list), centred as a heading; the usual column header row under it; both rows repeated at the top of every
page a list continues to, as an office user sets 「行のタイトル」 (print titles, repeated header rows). The captions
over the tables stay as under grid, and so does everything else (full solid rules); the title row is header, not
data, so the ground truth is grid's.

``model.header_cells`` gives the titled style's header as two rows of ``HeadCell``s (``title_row`` the first), so
that every producer draws it as it draws the grouped style's two header rows: by its own spanning cell (SPAN,
colspan, number-columns-spanned, a merged range, \\multicolumn, setColspan) and its own repeated header rows.
``model.Style.heading`` ``titled`` is allowed on a plain grid only (``check_heading``). This module imports nothing
of the model, which calls it.
"""

from __future__ import annotations

from dev.producers.sidebyside import other_fields_set

# Each criterion's name as the report's captions and lists name it (「（1）外部委託の審査基準」, 「オンライン結合・シス
# テム導入における審査基準」): a summary counts the cases its criterion reviewed (審査件数), a list lists them (一覧).
CRITERIA = {
    "outsourcing": "外部委託",
    "purpose_external_use": "目的外利用",
    "external_provision": "外部提供",
    "online_link": "オンライン結合・システム導入",
}
ENDINGS = {"summary": "の審査基準による審査件数", "list": "の審査基準による審査案件一覧"}


def table_title(criterion: str, kind: str) -> str:
    """The title row's text of a summary or a list (``kind``) of ``criterion``."""
    if criterion not in CRITERIA:
        raise ValueError(f"no title for a table of criterion {criterion!r}")
    return CRITERIA[criterion] + ENDINGS[kind]


def title_row(criterion: str, kind: str, cols: int) -> tuple[int, int, int, int, str]:
    """The title row's one cell as ``model.HeadCell``'s fields: row 0, column 0, one row, every column."""
    return (0, 0, 1, cols, table_title(criterion, kind))


def check_heading(style) -> None:  # type: ignore[no-untyped-def]
    """single and grouped as model.Style checks them; titled on a plain grid only (every other field at its
    default)."""
    if style.heading not in ("single", "grouped", "titled"):
        raise ValueError(f"style {style.name}: unknown heading {style.heading!r}")
    odd = other_fields_set(style, "heading")
    if style.heading == "titled" and (style.rules != "grid" or odd):
        raise ValueError(f"style {style.name}: heading 'titled': a title row over the column headings on a plain "
                         f"grid only (not with {', '.join(odd) or 'rules ' + style.rules})")
