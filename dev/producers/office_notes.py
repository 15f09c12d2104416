"""The notes style in Writer's .odt and Calc's .xlsx (split out of ``office`` to keep it short): the unit caption
and the 注記 as their users type them around a table.

In the .odt (printed by Writer, AbiWord and Calligra) the caption is a paragraph before the table, right-aligned,
its right margin the text width the summary leaves (so that it ends at the table's right edge), kept with the table
(``fo:keep-with-next``); the notes are paragraphs after the table, in its size, left-aligned, the last with the
usual space under it. In the .xlsx (printed by Calc and Gnumeric) the caption is typed in the summary's last column
on the row above its header, right-aligned; each note in the first column of a row under the table's last row,
merged across the table's columns and wrapped, the row as tall as its lines, no border: as an Excel user types notes
in the rows under a table.
"""

from __future__ import annotations

import math

from .model import FONT_NAMES, Table, Variant
from .notes import table_notes, unit_caption


def odt_note_style(styles, font: str, size: float, align: str, right_cm: float = 0.0,  # type: ignore[no-untyped-def]
                   keep: bool = False, below_cm: float = 0.0):
    """A note's or the caption's paragraph style: ``right_cm`` its right margin, ``keep`` kept with the table after
    it, ``below_cm`` the space under it."""
    from odf.style import ParagraphProperties, Style, TextProperties

    key = ("n", font, size, align, right_cm, keep, below_cm)
    if key not in styles.cache:
        style = Style(name=f"N{len(styles.cache)}", family="paragraph")
        props = {"textalign": align, "margintop": "0cm", "marginbottom": f"{below_cm:.2f}cm",
                 "marginright": f"{right_cm:.2f}cm"}
        if keep:
            props["keepwithnext"] = "always"
        style.addElement(ParagraphProperties(**props))
        name = FONT_NAMES[font]
        style.addElement(TextProperties(fontname=name, fontnameasian=name, fontsize=f"{size}pt",
                                        fontsizeasian=f"{size}pt"))
        styles.doc.automaticstyles.addElement(style)
        styles.cache[key] = style
    return styles.cache[key]


def odt_noted(styles, element, table: Table, variant: Variant, kind: str, width_cm: float) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The table's element with the notes style's caption paragraph before it and note paragraphs after it; the
    table alone in any other style."""
    from odf.text import P

    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return [element]
    font, size = variant.style.body_font, 7.5 if kind == "list" else 9.0
    caption = unit_caption(variant.style.notes, kind)
    head = [P(stylename=odt_note_style(styles, font, size, "end", width_cm * 0.2, keep=True), text=caption)
            ] if caption else []
    tail = [P(stylename=odt_note_style(styles, font, size, "start", below_cm=0.3 if i == len(notes) - 1 else 0.0),
              text=note) for i, note in enumerate(notes)]
    return [*head, element, *tail]


def xlsx_caption(ws, row: int, variant: Variant, kind: str, col: int = 4) -> int:  # type: ignore[no-untyped-def]
    """The unit caption in column ``col`` (the summary's last) of ``row``, right-aligned; the table's first row."""
    from openpyxl.styles import Alignment, Font

    caption = unit_caption(variant.style.notes, kind)
    if not caption:
        return row
    cell = ws.cell(row=row, column=col, value=caption)
    cell.font = Font(name=FONT_NAMES[variant.style.body_font], size=9)
    cell.alignment = Alignment(horizontal="right", vertical="bottom")
    ws.row_dimensions[row].height = 9 * 1.5
    return row + 1


def xlsx_notes(ws, row: int, table: Table, variant: Variant, kind: str, width_pt: float) -> int:  # type: ignore[no-untyped-def]
    """Each note from ``row`` down in column A, merged across the table's columns and wrapped, its row as tall as
    the lines it takes in ``width_pt``; the next free row."""
    from openpyxl.styles import Alignment, Font

    size = 8 if kind == "list" else 9
    for note in table_notes(variant.style.notes, table.criterion, kind):
        cell = ws.cell(row=row, column=1, value=note)
        cell.font = Font(name=FONT_NAMES[variant.style.body_font], size=size)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=len(table.rows[0]))
        ems = sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in note)
        ws.row_dimensions[row].height = math.ceil(ems * size / (width_pt * 0.92)) * size * 1.3 + 3
        row += 1
    return row
