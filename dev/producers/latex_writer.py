"""The report as a LuaLaTeX source, typeset and written to PDF by LuaTeX (TeX Live, Debian ``texlive-luatex``).

A layout engine nothing else in the corpus shares: TeX's paragraph builder
breaks the lines (LuaTeX-ja's rules for Japanese: ``ltjsarticle``, its glue
between kanji and Latin letters, its line-breaking prohibitions), ``longtable``
breaks the lists between rows and repeats their header row (``\\endhead``) on
every page, and LuaTeX writes the PDF itself: its own Type 0 font subsets of
IPAex Gothic and Mincho (loaded by file with ``luatexja-fontspec``, no font
lookup), rules as filled rectangles, no space characters in the text layer (TeX
places words apart; a reader infers the spaces from the gaps). How each style is
drawn is ``latex_tables``. Typeset in a temporary folder, as often as
``longtable`` asks (its column widths settle on a second run), with
``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE`` fixing the dates and the
document ID set from the source's digest (LuaTeX's own mixes in the output's
path, a temporary folder's), so that the same bytes come out every run;
nothing is fetched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from .footed import foot, latex_footed
from .latex_tables import escape, packages, table_latex
from .model import FONT_FILES, Document, Table, Variant, is_right_aligned, is_title
from .running import head_text, latex_running
from .sidebyside import GUTTER, Pair, front_blocks

# the tight style's tables: no space between a column's text and its rules (\tabcolsep 0) and rows no taller than
# their struts (\arraystretch 1), as a LaTeX user sets a 帳票 flush against its rules
TIGHT_CELLS = "\\setlength\\tabcolsep{0pt}\\renewcommand\\arraystretch{1}"

CREATED = datetime(2023, 8, 18, 9, 0, 0, tzinfo=UTC)  # a fixed date: the same bytes every run
MAX_RUNS = 4  # longtable settles in two; a third is rare
JOB = "report"


def font(role: str, kind: str) -> str:
    """``\\setmainfont``-like line loading an IPAex font by its file (no font name lookup)."""
    path = FONT_FILES[kind]
    return f"\\{role}{{{path.name}}}[Path={path.parent}/]"


def preamble(variant: Variant) -> str:
    r"""Class, page, fonts and packages: A4 in the variant's orientation, 12 mm by 14 mm margins, the body in the
    style's font (Gothic: \sffamily and \gtfamily as the defaults, as a Japanese LaTeX user sets them)."""
    style = variant.style
    orientation = ",landscape" if variant.orientation == "landscape" else ""
    lines = [
        "\\documentclass[a4paper,10pt]{ltjsarticle}",
        f"\\usepackage[a4paper{orientation},hmargin=12mm,vmargin=14mm,includefoot,footskip=7mm]{{geometry}}",
        "\\usepackage{luatexja-fontspec}",
        font("setmainfont", "mincho"), font("setsansfont", "gothic"),
        font("setmainjfont", "mincho"), font("setsansjfont", "gothic"),
        "\\usepackage{array,longtable,multirow}",
        *packages(style),
        TIGHT_CELLS if style.padding == "none" else "\\setlength\\tabcolsep{3pt}\\renewcommand\\arraystretch{1.2}",
        "\\setlength\\LTpre{4pt}\\setlength\\LTpost{10pt}\\setcounter{LTchunksize}{400}",  # \\\\* holds over chunks
        "\\renewcommand\\thepage{-~\\arabic{page}~-}\\pagestyle{plain}",
        "\\setlength\\parskip{4pt}",
    ]
    if style.body_font == "gothic":
        lines.append("\\renewcommand\\familydefault{\\sfdefault}\\renewcommand\\kanjifamilydefault{\\gtdefault}")
    if style.notes:  # the notes style's summary tabular, boxed to set its caption and notes as wide
        lines.append("\\newsavebox\\notedtable")
    lines.append("\\pdfvariable suppressoptionalinfo 1")  # no PTEX.FullBanner: the TeX version's banner
    return "\n".join(lines) + "\n"


def paragraph_latex(text: str) -> str:
    """A paragraph: the title at 12 pt, the report number, date and section at the right margin."""
    if is_title(text):
        return f"{{\\fontsize{{12}}{{16}}\\selectfont\\noindent {escape(text)}\\par}}\n"
    if is_right_aligned(text):
        return f"{{\\raggedleft {escape(text)}\\par}}\n"
    return f"{escape(text)}\\par\n"


def pair_latex(pair: Pair, variant: Variant) -> str:
    r"""The sidebyside style: within one outer minipage (kept on a page), a row of two top-aligned minipages, each
    (1 - GUTTER)/2 of the line, \hfill between them, holding the captions, then a row of two holding the summary
    tabulars, each as wide as its minipage (\linewidth there, not 0.8\linewidth), a space{0pt} first so that both
    hang from their tops: both tables start at one height; an odd last one alone in the left minipage."""
    half = f"{(1 - GUTTER) / 2:.2f}\\linewidth"

    def row(texts: list[str]) -> str:
        boxes = [f"\\begin{{minipage}}[t]{{{half}}}\\vspace{{0pt}}{text}\\end{{minipage}}" for text in texts]
        return "\\noindent" + "\\hfill".join(boxes) + ("\\hfill\\null" if len(boxes) == 1 else "") + "\\par\n"

    captions = row([paragraph_latex(caption) if caption else "" for caption, _ in pair.halves])
    tables = row([table_latex(t, variant, "summary").replace("0.8\\linewidth", "\\linewidth") for _, t in pair.halves])
    return f"\\par\\noindent\\begin{{minipage}}{{\\linewidth}}\n{captions}{tables}\\end{{minipage}}\\par\\medskip\n"


def document_latex(doc: Document, variant: Variant) -> str:
    """The whole report: front page with its summary tables, each list on new pages, the appendix."""
    parts = [preamble(variant), "\\begin{document}\n"]
    if variant.style.running:  # fancyhdr's head and rule, page 1 in its own page style with the label (running.py)
        parts = [preamble(variant), latex_running(escape(head_text(doc.front))),
                 "\\begin{document}\\thispagestyle{first}\n"]
    if variant.style.footed:  # fancyhdr's foot: the office, the number (lastpage's count), the date (footed.py)
        parts.insert(1, latex_footed(foot(variant, doc.front), escape))
    for block in front_blocks(doc.front, variant.style):
        if isinstance(block, Pair):  # sidebyside: two minipages abreast (pair_latex)
            parts.append(pair_latex(block, variant))
            continue
        parts.append(table_latex(block, variant, "summary") if isinstance(block, Table) else paragraph_latex(block))
    for item in doc.lists:
        parts += ["\\clearpage\n", f"{{\\raggedleft\\fontsize{{9}}{{11}}\\selectfont {escape(item.exhibit)}\\par}}\n",
                  paragraph_latex(item.title), table_latex(item.table, variant, "list", item.title)]
    if doc.appendix:
        parts.append("\\clearpage\n")
        parts += [paragraph_latex(text) for text in doc.appendix]
    parts.append("\\end{document}\n")
    return "".join(parts)


def environment() -> dict[str, str]:
    """The process environment with the dates fixed (LuaTeX takes /CreationDate, /ModDate and /ID from them)."""
    env = dict(os.environ)
    env.update({"SOURCE_DATE_EPOCH": str(int(CREATED.timestamp())), "FORCE_SOURCE_DATE": "1", "TZ": "UTC"})
    return env


def command(source: Path) -> list[str]:
    """LuaLaTeX's command line: no shell escape, stop at the first error, no prompt."""
    return ["lualatex", "--no-shell-escape", "--interaction=nonstopmode", "--halt-on-error", source.name]


def needs_rerun(log: str) -> bool:
    """longtable (or LaTeX) says the layout changed since the last run."""
    return "Rerun" in log or "rerun" in log


def compile_pdf(source: str, folder: Path) -> bytes:
    """Typeset ``source`` in ``folder`` until longtable's widths settle; the PDF's bytes."""
    tex = folder / f"{JOB}.tex"
    digest = hashlib.md5(source.encode("utf-8")).hexdigest().upper()
    tex.write_text(source.replace("\\begin{document}", f"\\pdfvariable trailerid {{[<{digest}> <{digest}>]}}\n"
                                  "\\begin{document}", 1), encoding="utf-8")
    for _ in range(MAX_RUNS):
        run = subprocess.run(command(tex), check=False, cwd=folder, capture_output=True, timeout=900, env=environment())
        log = (folder / f"{JOB}.log").read_text(encoding="utf-8", errors="replace")
        if run.returncode != 0:
            raise RuntimeError(f"lualatex failed: {log[-3000:]}")
        if not needs_rerun(log):
            return (folder / f"{JOB}.pdf").read_bytes()
    raise RuntimeError(f"lualatex did not settle in {MAX_RUNS} runs")


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report as LuaLaTeX, typeset it in a temporary folder, and copy the PDF to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-latex-") as tmp:
        pdf = compile_pdf(document_latex(doc, variant), Path(tmp))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
