"""The page feet of the office files (office.py): every style's page number, and the footed style's running foot.

Writer, AbiWord and Calligra print the .odt's master page footer (style:footer): under every style but footed one
centred paragraph 「- n -」 (text:page-number); under footed (footed.py) one paragraph of three parts parted by tabs,
as a Word or Writer user sets a footer: the office at the left, a centre tab stop and the number (text:page-number,
and text:page-count for 「n / N」), a right tab stop and the print date. Calc and Gnumeric print the .xlsx's page
footer: 「- &P -」 centred, or under footed the office in &L, the number in &C (&P, and &N for the count), the date
in &R, in FOOT_SIZE (an &-code's size is a whole number of points). Split from office.py, at its 500-line limit.
"""

from __future__ import annotations

from typing import Any

from .footed import FOOT_SIZE, Foot
from .model import FONT_NAMES
from .office_running import xlsx_running


def odt_footer(doc, master, number_style, font: str, feet: Foot | None, width_cm: float) -> None:  # type: ignore[no-untyped-def]
    """Give the .odt's master page its footer: 「- n -」 in ``number_style``, or the footed style's foot ``feet``
    (its own paragraph style, with a centre and a right tab stop across the text width ``width_cm``)."""
    from odf.style import Footer, ParagraphProperties, Style, TabStop, TabStops, TextProperties
    from odf.text import P, PageCount, PageNumber, Tab

    footer = Footer()
    if feet is None:
        number = P(stylename=number_style, text="- ")
        number.addElement(PageNumber(selectpage="current"))
        number.addText(" -")
        footer.addElement(number)
        master.addElement(footer)
        return
    style = Style(name="RunningFoot", family="paragraph")
    props = ParagraphProperties(textalign="start", margintop="0cm", marginbottom="0cm")
    stops = TabStops()
    stops.addElement(TabStop(position=f"{width_cm / 2:.2f}cm", type="center"))
    stops.addElement(TabStop(position=f"{width_cm:.2f}cm", type="right"))
    props.addElement(stops)
    style.addElement(props)
    name = FONT_NAMES[font]
    style.addElement(TextProperties(fontname=name, fontnameasian=name, fontsize=f"{FOOT_SIZE:g}pt",
                                    fontsizeasian=f"{FOOT_SIZE:g}pt"))
    doc.automaticstyles.addElement(style)
    line = P(stylename=style, text=feet.office)
    line.addElement(Tab())
    before, rest = feet.number("\x00", "\x01").split("\x00")
    between, after = rest.split("\x01") if "\x01" in rest else (rest, None)
    line.addText(before)
    line.addElement(PageNumber(selectpage="current"))
    line.addText(between)
    if after is not None:
        line.addElement(PageCount())
        line.addText(after)
    if feet.printed:
        line.addElement(Tab())
        line.addText(feet.printed)
    footer.addElement(line)
    master.addElement(footer)


def xlsx_feet(ws, front_sheet: bool, head: str, feet: Foot | None) -> None:  # type: ignore[no-untyped-def]
    """The running style's page headers (``head``, office_running.xlsx_running) and the footed style's page footer
    (``feet``) on sheet ``ws``; nothing for any other style (the sheet keeps 「- &P -」)."""
    if head:
        xlsx_running(ws, head, first=front_sheet)
    if feet is None:
        return
    size = round(FOOT_SIZE)
    parts: list[Any] = [(ws.oddFooter.left, feet.office), (ws.oddFooter.center, feet.number("&P", "&N")),
                        (ws.oddFooter.right, feet.printed)]
    for part, text in parts:
        part.text, part.size = (text, size) if text else (None, None)
