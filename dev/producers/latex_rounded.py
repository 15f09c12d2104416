r"""The rounded style in LaTeX: a full grid whose outer frame has rounded corners, its header row grey.

LaTeX's tabular and longtable have no rounded rules, so a LaTeX user draws the
corners with TikZ: a full grid of ``|`` and ``\hline`` without the frame's top
and bottom rules; above the header row a band ``ROUND_RADIUS`` tall (a TikZ
picture in a ``\noalign``) whose top edge and two corners are TikZ ``arc``\ s,
which TikZ writes as cubic Bézier curves, filled with the header's grey; under
the last row an ``overlay`` picture (no space taken, no second run needed, as
``remember picture`` would) with white slivers over the outer rules' square
ends outside the curves, then the bottom edge and its two corners. The top is part of longtable's ``\endhead``, so
it comes back on every page; the bottom is the ``\endfoot`` as well as the
``\endlastfoot``, so that every page's part of a list is a rounded box (where a
page breaks a list, its last row's own ``\hline`` runs into the bottom edge).
The header's grey is colortbl's ``\rowcolor`` (``HEADER_GREY``).
"""

from __future__ import annotations

from .model import HEADER_GREY, ROUND_RADIUS, Style

HALF = "0.2pt"  # half of \arrayrulewidth (0.4 pt): the outer rules' centre line, inside the table's edge
OVER = "0.3pt"  # how far the white slivers reach outside the table's edge (a rule's outer half and anti-aliasing)
WIDTHS = {"summary": "0.8*\\linewidth", "list": "\\linewidth"}  # latex_tables' table widths, as TikZ reads them


def top_band(kind: str) -> str:
    r"""A ``\noalign`` band ``ROUND_RADIUS`` tall above the header row: the frame's top edge and its two corners as
    TikZ arcs, filled with the header's grey down to where the corners meet the header row's outer rules (the
    header row paints its own fill after anything drawn over it, so the curves go above it)."""
    width, r, top = WIDTHS[kind], f"{ROUND_RADIUS:g}pt", f"{ROUND_RADIUS:g}pt"
    path = (f"({HALF},0pt) arc[start angle=180,end angle=90,radius={r}] -- ({width}-{HALF}-{r},{top}) "
            f"arc[start angle=90,end angle=0,radius={r}]")
    return (rf"\noalign{{\nointerlineskip\hbox{{\begin{{tikzpicture}}"
            rf"\useasboundingbox (0pt,0pt) rectangle ({width},{top}+{HALF}); \fill[head] {path} -- cycle; "
            rf"\draw[line width=\arrayrulewidth] {path};\end{{tikzpicture}}}}\nointerlineskip}}")


def bottom_corners(kind: str) -> str:
    r"""A ``\noalign`` with an overlay picture under the last row of a page's part: white slivers over the square
    ends of the outer rules outside the curves, then the frame's bottom edge and its two corners as TikZ arcs."""
    width, r = WIDTHS[kind], f"{ROUND_RADIUS:g}pt"
    turn = f"{ROUND_RADIUS + 0.2:g}pt"  # where a corner's curve meets the outer rule, above the bottom edge
    masks = (rf"\fill[white] (-{OVER},-{OVER}) -- (-{OVER},{turn}) -- ({HALF},{turn}) "
             f"arc[start angle=180,end angle=270,radius={r}] -- ({HALF}+{r},-{OVER}) -- cycle; "
             rf"\fill[white] ({width}+{OVER},-{OVER}) -- ({width}+{OVER},{turn}) -- ({width}-{HALF},{turn}) "
             f"arc[start angle=360,end angle=270,radius={r}] -- ({width}-{HALF}-{r},-{OVER}) -- cycle; ")
    edge = (rf"\draw[line width=\arrayrulewidth] ({HALF},{turn}) arc[start angle=180,end angle=270,radius={r}] "
            f"-- ({width}-{HALF}-{r},{HALF}) arc[start angle=270,end angle=360,radius={r}];")
    return rf"\noalign{{\nointerlineskip\hbox{{\begin{{tikzpicture}}[overlay]{masks}{edge}\end{{tikzpicture}}}}" \
           r"\nointerlineskip}"


def packages(style: Style) -> list[str]:
    """TikZ for the corners; xcolor's table option and the header's grey (colortbl's \\rowcolor)."""
    return ["\\usepackage[table]{xcolor}", "\\usepackage{tikz}",
            f"\\definecolor{{head}}{{HTML}}{{{HEADER_GREY.lstrip('#')}}}"]
