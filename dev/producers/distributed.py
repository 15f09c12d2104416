"""The distributed style's spread cells (均等割り付け): which cells are spread, and the model's limits.

As many municipal tables set their headings and short names: the text of every header cell and of every cell
of the agency column (実施機関: 区長, 教育委員会, 選挙管理委員会, 監査委員, 農業委員会, 合計) spread evenly across
the cell's width, its first character at the left padding and its last at the right, as Excel's 「均等割り付け」
(``<alignment horizontal="distributed"/>``) and Word's and Writer's 「均等割り付け」 print. A heading that wraps is
spread on each line. Long cells (descriptions, departments), numbers and flags stay as in the grid style. The
characters are the same; only their spacing changes, so the ground truth is the grid style's.

Every producer spreads by its own means (``TablePlan.spreads`` says which cells); ``model.Style.align``
``distributed`` is allowed on a plain solid grid only (``check_align``). This module imports nothing of the
model, which calls it.
"""

from __future__ import annotations

AGENCY = "実施機関"  # the column whose short names are spread, in lists and summaries alike


def spread_columns(style, header: tuple[str, ...]) -> tuple[bool, ...]:  # type: ignore[no-untyped-def]
    """The columns whose body cells are spread: the agency column, in the distributed style; () in any other."""
    return tuple(h == AGENCY for h in header) if style.align == "distributed" else ()


def check_align(style) -> None:  # type: ignore[no-untyped-def]
    """natural everywhere; centre on an unruled plain table; distributed on a plain solid grid only."""
    shape = (style.shading, style.merge, style.narrow, style.padding, style.heading, style.header_repeat,
             style.heading_direction)
    plain = shape == ("none", False, False, "normal", "single", "every", "horizontal")
    if style.align == "centre" and not (plain and style.rules == "none"):
        raise ValueError(f"style {style.name}: align 'centre': natural, or centre on a table without rules, "
                         "unshaded, unmerged, one horizontal header row repeated, normal padding, not narrow")
    if style.align == "distributed" and not (
            plain and (style.rules, style.dash, style.double, style.weight, style.spacing, style.corners,
                       style.rule_colour, style.notes) == ("grid", "solid", False, "normal", False, "square",
                                                           "black", False)):
        raise ValueError(f"style {style.name}: align 'distributed': 均等割り付け on a plain solid grid only "
                         "(unshaded, unmerged, one horizontal header row repeated, normal padding, not narrow)")
    if style.align not in ("natural", "centre", "distributed"):
        raise ValueError(f"style {style.name}: unknown align {style.align!r}")


def spread_lines(text: str, width: float, measure) -> list[str]:  # type: ignore[no-untyped-def]
    """A spread cell's lines: characters taken greedily while ``measure`` of the line fits ``width`` (a Japanese line
    breaks between any two characters); a space where a line breaks is dropped."""
    lines, line = [], ""
    for ch in text:
        if line and line.strip() and measure(line + ch) > width:
            lines.append(line.strip())
            line = "" if ch == " " else ch
        else:
            line += ch
    return [*lines, line.strip()] if line.strip() else lines


def spread_offsets(line: str, width: float, measure) -> list[float]:  # type: ignore[no-untyped-def]
    """Each character's left edge from the cell's left padding, the line spread over ``width``: the first character
    at 0, the last ending at ``width``, equal gaps between (a single character centred, as Excel sets it)."""
    widths = [measure(ch) for ch in line]
    if len(line) == 1:
        return [(width - widths[0]) / 2]
    gap = max(0.0, (width - sum(widths)) / (len(line) - 1))
    return [sum(widths[:i]) + gap * i for i in range(len(line))]


def spread_texts(layout: dict) -> frozenset[str]:  # type: ignore[type-arg]
    """The texts fpdf2's tables spread in the distributed style: every header cell's, and the agency column's."""
    texts: set[str] = set()
    for block in (b for page in layout["pages"] for b in page["blocks"] if b["type"] == "table"):
        header = block["rows"][0]
        texts |= set(header) | {r[header.index(AGENCY)] for r in block["rows"][1:] if AGENCY in header}
    return frozenset(texts)


def fpdf2_spread_class(base, layout: dict | None):  # type: ignore[no-untyped-def,type-arg]
    """fpdf2 (dev/build_alt_producer.py): ``base`` itself, or in the distributed style (``layout`` given) a subclass
    whose table cells of a spread text (``spread_texts``) are drawn character by character, as an fpdf2 user places
    them: fpdf2 measures the cell's lines (spread_lines, one a line) for the row's height, then each character is
    written with ``text()`` at its spread offset from the cell's left padding (fpdf2's own justify leaves a last
    line alone and has no spaces to stretch in Japanese)."""
    if layout is None:
        return base
    texts = spread_texts(layout)

    class SpreadPDF(base):  # type: ignore[misc,valid-type]
        spreading = False

        def multi_cell(self, w, h=None, text="", *args, **kwargs):  # type: ignore[no-untyped-def]
            padding = kwargs.get("padding")
            if text not in texts or padding is None or self.spreading:  # spreading: fpdf2's own dry run
                return super().multi_cell(w, h, text, *args, **kwargs)
            left, right = padding.left or self.c_margin, padding.right or self.c_margin
            room = w - left - right
            lines = spread_lines(text, room, self.get_string_width)
            dry = kwargs.get("dry_run", False)
            x, y = self.x, self.y
            self.spreading = True
            try:  # the cell's lines measured by fpdf2 for the row's height, nothing written
                result = super().multi_cell(w, h, "\n".join(lines), *args, **{**kwargs, "dry_run": True})
            finally:
                self.spreading = False
            if dry:
                return result
            high = kwargs.get("max_line_height")
            step = h if high is None or len(lines) == 1 else min(h, high)
            for i, line in enumerate(lines):
                base_y = y + padding.top + i * step + 0.5 * step + 0.3 * self.font_size
                for ch, dx in zip(line, spread_offsets(line, room, self.get_string_width), strict=True):
                    self.text(x + left + dx, base_y, ch)
            self.set_xy(x + w, y)  # the table's new_x RIGHT, new_y TOP
            return result

    return SpreadPDF
