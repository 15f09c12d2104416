"""The report's tables as LaTeX: ``tabular`` for a summary, ``longtable`` for a list, each style drawn natively.

What a LaTeX user writes for each style (``latex_writer`` puts the tables into
the document and compiles it): rules are the column specification's ``|`` and
``\\hline`` (grid, h-rules, frame, v-rules; partial's ``|`` after every other
column only), arydshln's ``:`` and
``\\hdashline`` set to short dashes for the dotted grid inside its solid frame,
``||`` and ``\\hline\\hline`` for the double frame, array's
``!{\\vrule width ...}`` and makecell's ``\\Xhline`` for the heavy frame over
0.25 pt inner rules (``\\arrayrulewidth``), xcolor's ``\\rowcolors`` (the
``table`` option, colortbl) for the banded greys and the whiterules tints under
``\\arrayrulecolor{white}``, multirow's ``\\multirow`` over hhline's partial rules
for merged runs (``\\\\*`` keeps a run on one page), ``p{}`` columns from the shared
column weights (narrow's department column four characters wide, so that it
wraps). The list's header row is the longtable's ``\\endhead``, repeated on
every page (the once style's is ``\\endfirsthead``, printed once, under an ``\\endhead`` of the top rule
alone); a row is never broken over pages (longtable breaks between rows), and where the frame must close at a
page's foot, ``\\endfoot`` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .continued import latex_heads
from .latex_rounded import bottom_corners, top_band
from .latex_rounded import packages as rounded_packages
from .model import (
    BODY_TINTS,
    BOOK_HEAVY,
    BOOK_LIGHT,
    HAIR_RULE,
    HEADER_TINT,
    HEAVY_RULE,
    WHITE_RULE,
    Style,
    Table,
    TablePlan,
    Variant,
    plan_table,
)
from .notes import table_notes, unit_caption

HEADER_GREY, BAND_GREY = "C8C8C8", "ECECEC"  # the HTML producers' greys (banded)
DOT, DOT_GAP = "0.4pt", "1.2pt"  # arydshln's dash and gap: short dashes, as dotted prints
TEXT_SIZES = {"summary": (9, 11), "list": (7.5, 9.5)}  # font size and baseline skip, points
WIDTHS = {"summary": "0.8\\linewidth", "list": "\\linewidth"}
WIDTH_SHARE = {"summary": 0.8, "list": 1.0}
LINE_WIDTHS = {"portrait": 186 * 72 / 25.4, "landscape": 273 * 72 / 25.4}  # A4 less latex_writer's 12 mm margins
ESCAPES = {"\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "#": "\\#",
           "$": "\\$", "%": "\\%", "&": "\\&", "_": "\\_", "{": "\\{", "}": "\\}", "'": "\\textquotesingle{}",
           "`": "\\textasciigrave{}", "-": "-{}", "<": "\\textless{}", ">": "\\textgreater{}"}


def escape(text: str) -> str:
    """``text`` as LaTeX prints it: special characters as commands, ``-`` kept from TeX's ``--`` ligature."""
    return "".join(ESCAPES.get(ch, ch) for ch in text)


@dataclass(frozen=True)
class Rules:
    """One style's rules as LaTeX writes them: column separators and the rules between rows."""

    outer: str  # the column specification's left and right edge
    inner: str  # between two columns
    top: str  # above the header
    under_header: str
    between: str  # between two body rows
    bottom: str  # under the last row
    page_foot: str  # longtable's \endfoot: closes the frame where a page breaks the list
    inner_every: int = 1  # ``inner`` after every column (1) or after every other one, the 2nd, 4th, … (2: partial)

    def after(self, col: int) -> str:
        """The column specification's separator after column ``col`` (0 the first) of the body."""
        return self.inner if (col + 1) % self.inner_every == 0 else ""

    def inner_rules(self, cols: int) -> int:
        """How many of a ``cols``-column table's inner boundaries carry ``inner``."""
        return (cols - 1) // self.inner_every


def rules(style: Style, kind: str = "list") -> Rules:
    """The rules of ``style`` (in a ``kind`` table): only what a LaTeX user writes for it."""
    if style.rules == "none":
        return Rules("", "", "", "", "", "", "")
    if style.rules == "hrules":
        return Rules("", "", "\\hline", "\\hline", "\\hline", "\\hline", "")
    if style.rules == "booktabs":  # the booktabs package's own three rules, at the style's widths
        return Rules("", "", f"\\toprule[{BOOK_HEAVY:g}pt]", f"\\midrule[{BOOK_LIGHT:g}pt]", "",
                     f"\\bottomrule[{BOOK_HEAVY:g}pt]", "")
    if style.rules == "partial":  # a grid's | at every other boundary only (model.column_rule_after)
        return Rules("|", "|", "\\hline", "\\hline", "\\hline", "\\hline", "", inner_every=2)
    if style.rules in ("frame", "vrules"):
        inner = "|" if style.rules == "vrules" else ""
        return Rules("|", inner, "\\hline", "\\hline", "", "\\hline", "\\hline")
    if style.dash == "dotted":  # dashed inner rules (arydshln) inside a solid frame, closed at a page's foot
        return Rules("|", ":", "\\hline", "\\hdashline", "\\hdashline", "\\hline", "\\hline")
    if style.double:  # the frame and the header's rule doubled: || and \hline\hline
        return Rules("||", "|", "\\hline\\hline", "\\hline\\hline", "\\hline", "\\hline\\hline", "\\hline")
    if style.corners == "rounded":  # a grid with its frame's top and bottom drawn by TikZ, rounded (latex_rounded)
        return Rules("|", "|", top_band(kind), "\\hline", "\\hline", bottom_corners(kind), bottom_corners(kind))
    if style.weight == "heavy":  # makecell's \Xhline and array's !{\vrule}, inner rules \arrayrulewidth thin
        heavy = f"\\Xhline{{{HEAVY_RULE:g}pt}}"
        return Rules(f"!{{\\vrule width {HEAVY_RULE:g}pt}}", "|", heavy, heavy, "\\hline", heavy, heavy)
    return Rules("|", "|", "\\hline", "\\hline", "\\hline", "\\hline", "")


def packages(style: Style) -> list[str]:
    """The packages a LaTeX user loads for ``style`` (beside array, longtable and multirow, always loaded), and what
    they set."""
    # stacked: No. down two rows; sectioned: the row before a section row held with it (table_latex's ``held``)
    needed = ["\\usepackage{hhline}"] if style.merge or style.stacked or style.sectioned else []
    if style.rules == "booktabs":
        needed.append("\\usepackage{booktabs}")
    if style.corners == "rounded":
        return needed + rounded_packages(style)
    if style.shading != "none":
        needed.append("\\usepackage[table]{xcolor}")
    if style.dash == "dotted":
        needed.append("\\usepackage{arydshln}")  # after longtable and colortbl, as its manual says
        needed.append(f"\\setlength\\dashlinedash{{{DOT}}}\\setlength\\dashlinegap{{{DOT_GAP}}}")
    if style.weight == "heavy":
        needed.append("\\usepackage{makecell}")
        needed.append(f"\\setlength\\arrayrulewidth{{{HAIR_RULE:g}pt}}")
    if style.rule_colour == "white":
        needed.append(f"\\arrayrulecolor{{white}}\\setlength\\arrayrulewidth{{{WHITE_RULE:g}pt}}")
    if style.shading != "none":
        colours = ({"head": HEADER_GREY, "odd": BAND_GREY} if style.shading == "banded" else
                   {"head": HEADER_TINT, "odd": BODY_TINTS[1], "even": BODY_TINTS[0]})
        needed += [f"\\definecolor{{{name}}}{{HTML}}{{{value.lstrip('#')}}}" for name, value in colours.items()]
    return needed


def row_colours(style: Style) -> str:
    """``\\rowcolors`` from the first body row: body row n is the table's row n + 1 (the header is row 1), so
    banded shades the odd rows from the third (body rows 2, 4, ...); whiterules alternates its two tints, the
    first body row (an even row) the lighter."""
    if style.shading == "banded":
        return "\\rowcolors{2}{odd}{}"
    if style.shading == "tinted":
        return "\\rowcolors{2}{odd}{even}"
    return ""


def rule_width(separator: str) -> str:
    """How wide a column separator is, as a TeX dimension (0pt when there is none)."""
    if separator.startswith("!"):
        return f"{HEAVY_RULE:g}pt"
    if separator == "||":
        return "(2\\arrayrulewidth+\\doublerulesep)"
    return "\\arrayrulewidth" if separator else "0pt"


def column_width(weights: tuple[float, ...], col: int, kind: str, spec: Rules) -> str:
    """A ``p{}`` width: the table's width less its rules, shared by weight, less the two column gaps."""
    total, share, inner = round(sum(weights) * 10), round(weights[col] * 10), spec.inner_rules(len(weights))
    ruled = f"{rule_width(spec.outer)}*2-{rule_width(spec.inner)}*{inner}"
    return f"\\dimexpr({WIDTHS[kind]}-{ruled})*{share}/{total}-2\\tabcolsep\\relax"


ALIGN = {"left": "\\raggedright", "center": "\\centering", "right": "\\raggedleft"}


def header_font(style: Style) -> str:
    r"""The header cells' font (Gothic: \sffamily\gtfamily, as the preamble sets them) and colour."""
    colour = "\\color{white}" if style.shading == "tinted" else ""
    return ("\\sffamily\\gtfamily" if style.header_font == "gothic" else "\\rmfamily\\mcfamily") + colour


def rule_after(rule: str, covered: list[int], cols: int, spec: Rules) -> str:
    """The rule under a body row: ``rule`` across, or hhline's partial rule (``\\hhline{|-|~|-|}``) that leaves
    out the columns (1-based) a merged cell runs on through, with no page break after it (hhline's one row, unlike
    ``\\cline``'s rows and negative skip, leaves no break point of its own before it)."""
    if not covered or not rule:
        return rule
    if rule != "\\hline" or spec.outer != "|" or spec.inner != "|":
        raise ValueError(f"merged cells are drawn under a plain grid's rules, not {rule!r}")
    marks = "|".join("~" if col in covered else "-" for col in range(1, cols + 1))
    return f"\\hhline{{|{marks}|}}\\noalign{{\\nobreak}}"


def estimated_lines(text: str, width: float, size: float) -> int:
    """How many lines ``text`` takes in a ``width`` pt wide cell at ``size`` pt: a full-width character one em,
    any other half an em (what multirow needs to know of rows it cannot measure)."""
    ems = sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in text)
    return max(1, math.ceil(ems * size / width))


def grouped_header(plan: TablePlan, widths: list[str], style: Style, spec: Rules, line_width: float,
                   kind: str) -> str:
    """The grouped style's two header rows as a LaTeX user writes them: a heading spanning both rows is
    ``\\multirow`` in the first row (its column's width, and as many struts as the two rows are tall, their lines
    estimated: multirow centres its text on that height, not on the rows it cannot measure) and nothing in the
    second; the group heading ``\\multicolumn{2}`` as wide as its two columns and the gap between them;
    ``\\cline`` under it alone; the sub-headings the second row's centred ``m{}`` cells. Plain grid rules only."""
    cols, font = len(widths), header_font(style)
    size, skip = TEXT_SIZES[kind]
    pts = [(WIDTH_SHARE[kind] * line_width - (cols + 1) * 0.4) * w / sum(plan.weights) - 6 for w in plan.weights]
    lines = [max((estimated_lines(h.text, sum(pts[h.col:h.col + h.colspan]) + 6 * (h.colspan - 1), size)
                  for h in plan.head if h.row == r and h.rowspan == 1), default=1) for r in range(2)]
    struts = 2 + (sum(lines) - 2) * skip / (skip * 1.2)  # \arraystretch 1.2: a strut is 1.2 lines
    rows: list[list[str]] = [[], []]
    for h in plan.head:
        left, right = spec.outer if h.col == 0 else "", spec.outer if h.col + h.colspan == cols else spec.after(h.col)
        width = widths[h.col] if h.colspan == 1 else (
            "\\dimexpr" + "+".join(widths[h.col:h.col + h.colspan])
            + f"+{2 * (h.colspan - 1)}\\tabcolsep+{h.colspan - 1}\\arrayrulewidth\\relax")
        text = (f"\\multirow{{{struts:.2f}}}{{=}}{{\\centering{font} {escape(h.text)}}}" if h.rowspan > 1
                else escape(h.text))
        rows[h.row].append(f"\\multicolumn{{{h.colspan}}}{{{left}>{{\\centering\\arraybackslash{font}}}"
                           f"m{{{width}}}{right}}}{{{text}}}")
        if h.rowspan > 1:
            rows[1].append("")
    rows[1].sort(key=bool)  # the spanned columns' empty cells come first, as the columns they sit in
    clines = "".join(f"\\cline{{{h.col + 1}-{h.col + h.colspan}}}" for h in plan.head if h.colspan > 1)
    return f"{' & '.join(rows[0])} \\\\ {clines}\n{' & '.join(rows[1])} \\\\"


def vertical(text: str) -> str:
    """The vertical style's heading as a LuaTeX-ja user sets it: a box in 縦組み (``\\tate``), its characters upright
    one under another, brackets and slash in the font's vertical forms (LuaTeX-ja's own); packed in a yoko
    ``\\hbox`` so that the cell sees its turned size (the bare tate box reports its tate width and height, and the
    header row was not made tall enough for it)."""
    return f"\\vbox{{\\kern1\\zw\\hbox{{\\hbox{{\\tate {text}}}}}}}"


def spread(plan: TablePlan, row: int, col: int, text: str) -> str:
    """A cell's text; where the distributed style spreads it (均等割り付け), its characters joined by ``\\hfill``, as
    a LaTeX user spreads a heading: the fill glue outstretches the column's own (\\centering's, \\raggedright's
    fil), so each line of the cell, the last too, runs from its left edge to its right; a line may break at any of
    them, and the words (the layout's line-break hints) stay apart by a space."""
    if not plan.spreads(row, col):
        return escape(text)
    return " ".join("\\hfill{}".join(escape(ch) for ch in word) for word in text.split(" "))


def across(plan: TablePlan, widths: list[str], spec, r: int, c: int, text: str) -> str:  # type: ignore[no-untyped-def]
    """The stacked style's long text: one \\multicolumn over its columns, as wide as they are with the rules and
    padding between them, left-aligned, ruled at the table's right edge (its left by the column before it)."""
    n = plan.colspan(r, c)
    width = ("\\dimexpr" + "+".join(widths[c:c + n]) + f"+{2 * (n - 1)}\\tabcolsep+{n - 1}\\arrayrulewidth\\relax")
    left = spec.outer if c == 0 else ""
    return f"\\multicolumn{{{n}}}{{{left}>{{\\raggedright\\arraybackslash}}p{{{width}}}{spec.outer}}}{{{escape(text)}}}"


def table_latex(table: Table, variant: Variant, kind: str, caption: str = "") -> str:
    """A summary as a ``tabular``, a list as a ``longtable`` whose header row repeats on every page (``caption``,
    the paragraph over a list, again with （続き） over its continuation pages under the continued style)."""
    style, rows = variant.style, table.rows
    plan, spec, cols = plan_table(table, style, kind), rules(style, kind), len(rows[0])
    widths = [column_width(plan.weights, c, kind, spec) for c in range(cols)]
    cells = [f">{{{ALIGN[plan.align(1, c)]}\\arraybackslash}}p{{{widths[c]}}}" for c in range(cols)]
    body_cols = cells[0] + "".join(spec.after(c - 1) + cells[c] for c in range(1, cols))
    colspec = f"{spec.outer}{body_cols}{spec.outer}"
    header_cells = []
    for c, text in enumerate(rows[0]):
        left = spec.outer if c == 0 else ""
        right = spec.outer if c == cols - 1 else spec.after(c)
        header_cells.append(f"\\multicolumn{{1}}{{{left}>{{\\centering\\arraybackslash{header_font(style)}}}"
                            f"m{{{widths[c]}}}{right}}}{{{vertical(escape(text)) if plan.is_vertical(c) else spread(plan, 0, c, text)}}}")
    header = ("\\rowcolor{head}" if style.shading != "none" else "") + " & ".join(header_cells) + " \\\\"
    if plan.head_rows > 1:
        header = grouped_header(plan, widths, style, spec, LINE_WIDTHS[variant.orientation], kind)
    body = []
    cover = {(r, c + i) for (r, c), n in plan.colspans.items() for i in range(1, n)}  # stacked: under a long text
    for r, cells in enumerate(rows[1:], start=1):
        out = []
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if (r, c) in cover:
                continue
            if plan.colspan(r, c) > 1:  # stacked: the long text across the columns, by \multicolumn
                out.append(across(plan, widths, spec, r, c, text))
                continue
            out.append("" if span == 0 else f"\\multirow[t]{{{span}}}{{=}}{{{escape(text)}}}" if span > 1
                       else spread(plan, r, c, text))
        last = r == len(rows) - 1
        covered = [] if last else [c + 1 for c in range(cols) if plan.span(r + 1, c) == 0 and (r + 1, c) not in cover]
        held = not last and any((r + 1, c) in plan.colspans for c in range(cols))  # stacked: a case's two rows
        end = "\\\\*" if covered or held else "\\\\"  # no page break inside a merged run
        rule = spec.bottom if last else rule_after(spec.between, covered, cols, spec)
        if held and not covered:  # stacked, a case's first row: hhline's full rule (\hline leaves a break point)
            rule = "\\hhline{|" + "|".join("-" * cols) + "|}\\noalign{\\nobreak}"
        body.append(f"{' & '.join(out)} {end} {rule}")
    size, skip = TEXT_SIZES[kind]
    if style.padding == "none":  # the tight style: lines one font size apart (\tabcolsep 0, \arraystretch 1)
        skip = size
    setup = f"{{\\fontsize{{{size:g}}}{{{skip:g}}}\\selectfont{row_colours(style)}\n"
    notes = table_notes(style.notes, table.criterion, kind)
    if kind == "summary" and notes:  # notes: the tabular boxed, its caption and notes parboxes as wide, centred with it
        caption = f"\\parbox{{\\wd\\notedtable}}{{\\raggedleft {escape(unit_caption(style.notes, kind))}}}"
        return (f"{setup}\\begin{{center}}\\sbox\\notedtable{{\\begin{{tabular}}{{{colspec}}}\n{spec.top}\n{header} "
                f"{spec.under_header}\n" + "\n".join(body) + f"\n\\end{{tabular}}}}{caption}\\\\[2pt]\n"
                f"\\usebox\\notedtable\\\\[1pt]\n\\parbox{{\\wd\\notedtable}}{{\\raggedright "
                + "\\par ".join(escape(n) for n in notes) + "}\\end{center}}\n")
    if kind == "summary":
        return (f"{setup}\\begin{{center}}\\begin{{tabular}}{{{colspec}}}\n{spec.top}\n{header} {spec.under_header}\n"
                + "\n".join(body) + "\n\\end{tabular}\\end{center}}\n")
    head, foot = f"{spec.top}\n{header} {spec.under_header}\n\\endhead\n", spec.page_foot
    if style.continued:  # the caption with （続き） over every page's part after the first, 次頁へ続く under a broken one
        head, foot = latex_heads(head.removesuffix("\\endhead\n"), foot, cols, escape(caption))
    if style.header_repeat == "first":  # once: the header in \endfirsthead; \endhead only the top rule of a page's part
        head = f"{spec.top}\n{header} {spec.under_header}\n\\endfirsthead\n{spec.top}\n\\endhead\n"
    tail = ""
    if notes:  # notes: a small gap (LTpost) under the last row, the notes' paragraphs from the left margin
        setup += "\\setlength\\LTpost{2pt}"
        tail = "\\nopagebreak{\\parskip 0pt\\noindent " + "\\par\\noindent ".join(escape(n) for n in notes) + "\\par}"
    return (f"{setup}\\begin{{longtable}}{{{colspec}}}\n{head}"
            f"{foot}\n\\endfoot\n\\endlastfoot\n" + "\n".join(body) + "\n\\end{longtable}"
            + (f"{tail}\\vspace{{6pt}}" if tail else "") + "}\n")
