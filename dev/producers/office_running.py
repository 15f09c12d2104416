"""The running style in the office files: the .odt's page header (Writer, AbiWord, Calligra) and the .xlsx's page
header (Calc, Gnumeric). See running.py for what is drawn and why.

The .odt: the master page's own ``style:header`` holding one paragraph, the head in HEAD_SIZE with a bottom border
(``fo:border-bottom``, the rule, as Writer's 「段落の罫線」 under a header paragraph runs across the text width), and
``style:header-first`` (ODF 1.3: the first page's header, Writer's 「最初のページに同じ内容」 unticked) holding the
label too: a paragraph of its own over the head, bordered on all four sides, its left indent the text width less
the label's, so that its border is a small box at the right margin. The page layout gives the header room
(``style:header-style``: 0.2 cm between it and the body).

The .xlsx: the sheet's page header (``oddHeader``): the head at the left in its own font and size, and on the front
sheet's first page (``differentFirst``, ``firstHeader``) the label at the right; an .xlsx page header is text only
(&-codes of font, size, bold, underline), it can draw no rule and no box, so a sheet prints the head and the label's
text without either.
"""

from __future__ import annotations

from .running import HEAD_RULE, HEAD_SIZE, LABEL, LABEL_RULE, LABEL_SIZE

LABEL_CM = 1.6  # the label's box, from its left border to the right margin


def odt_running(doc, layout, master, font: str, text: str, width_cm: float) -> None:  # type: ignore[no-untyped-def]
    """Give the .odt's master page a header (every page) and a first page's header (the label over the head),
    and its page layout the header's spacing."""
    from odf.element import Element
    from odf.namespaces import STYLENS
    from odf.style import (
        Header,
        HeaderFooterProperties,
        HeaderStyle,
        ParagraphProperties,
        Style,
        TextProperties,
    )
    from odf.text import P

    spacing = HeaderStyle()
    spacing.addElement(HeaderFooterProperties(minheight="0cm", marginbottom="0.2cm"))
    layout.addElement(spacing)

    def style(name: str, size: float, **props: str) -> Style:
        out = Style(name=name, family="paragraph")
        out.addElement(ParagraphProperties(**props))
        out.addElement(TextProperties(fontname=font, fontnameasian=font, fontsize=f"{size}pt",
                                      fontsizeasian=f"{size}pt"))
        doc.automaticstyles.addElement(out)
        return out

    head = style("RunningHead", HEAD_SIZE, textalign="start", borderbottom=f"{HEAD_RULE}pt solid #000000",
                 paddingbottom="0.05cm", bordertop="none", borderleft="none", borderright="none")
    label = style("RunningLabel", LABEL_SIZE, textalign="center", border=f"{LABEL_RULE}pt solid #000000",
                  padding="0.05cm", marginleft=f"{width_cm - LABEL_CM:.2f}cm", marginbottom="0.1cm")
    every = Header()
    every.addElement(P(stylename=head, text=text))
    first = Element(qname=(STYLENS, "header-first"))
    first.addElement(P(stylename=label, text=LABEL))
    first.addElement(P(stylename=head, text=text))
    footer = master.firstChild
    master.insertBefore(every, footer) if footer is not None else master.addElement(every)
    master.insertBefore(first, footer) if footer is not None else master.addElement(first)


def xlsx_running(ws, text: str, first: bool) -> None:  # type: ignore[no-untyped-def]
    """The sheet's page header: the head at the left on every page; the label at the right of the first page's
    header when ``first`` (the front sheet), the rest of that page's header as every page's. Sizes in whole points
    (an &-code's size is an integer: the head 9 pt, the label 11), the font the sheet's default (a font name code
    &"IPAexGothic,Regular" is printed as text by Gnumeric)."""
    ws.oddHeader.left.text, ws.oddHeader.left.size = text, round(HEAD_SIZE + 0.1)
    if first:
        ws.HeaderFooter.differentFirst = True
        ws.firstHeader.left.text, ws.firstHeader.left.size = text, round(HEAD_SIZE + 0.1)
        ws.firstHeader.right.text, ws.firstHeader.right.size = LABEL, round(LABEL_SIZE + 0.1)
        ws.firstFooter.center.text = ws.oddFooter.center.text
