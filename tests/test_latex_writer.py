"""The LaTeX producer (dev/producers/latex_writer.py, latex_tables.py) draws each style the way a LaTeX user writes it.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: the LaTeX source of a small made-up document is read
for the rule commands each style needs (what the style says, written down here
apart from the writer: matrix.toml's notes), and, where ``lualatex`` is
installed, the document is typeset and read back with pdfplumber's text and
drawn rules only. CI installs no TeX Live: those tests are skipped there.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from dev.producers.latex_tables import escape, table_latex
from dev.producers.latex_writer import document_latex, render
from dev.producers.model import MATRIX, Document, Variant, load_matrix
from tests import made_up

ROWS = 100  # the landscape list runs over three pages
needs_lualatex = pytest.mark.skipif(shutil.which("lualatex") is None, reason="lualatex not installed")


def made_up_document(rows: int = ROWS) -> Document:
    return made_up.made_up_document(rows, "付録の段落。" * 20)


def variant(style: str, orientation: str = "portrait") -> Variant:
    return made_up.variant("latex", style, orientation)


def list_source(style: str) -> str:
    """The made-up list's longtable in ``style``."""
    return table_latex(made_up_document(9).lists[0].table, variant(style), "list")


def colspec(source: str) -> str:
    """The longtable's column specification with the column types' contents left out: only the rules remain."""
    spec = re.search(r"\\begin\{longtable\}\{(.*)\}\n", source)
    assert spec
    return re.sub(r">\{[^{}]*\}p\{[^{}]*\}", "p", spec.group(1))


def body_rules(source: str) -> list[str]:
    """What follows each body row's ``\\\\``: the rule under it ('' for none)."""
    body = source.split("\\endlastfoot\n", 1)[1].split("\\end{longtable}")[0]
    return [line.split("\\\\", 1)[1].lstrip("*").strip() for line in body.splitlines() if "\\\\" in line]


def head_and_foot(source: str) -> tuple[str, str]:
    """The longtable's head (repeated on every page) and its page foot."""
    head, rest = source.split("\\endhead\n", 1)
    return head.split("\\begin{longtable}", 1)[1], rest.split("\\endfoot", 1)[0]


@pytest.mark.parametrize(("style", "spec", "under_row", "last"), [
    ("grid", "|p|p|p|p|p|", "\\hline", "\\hline"),
    ("hrules", "ppppp", "\\hline", "\\hline"),
    ("frame", "|ppppp|", "", "\\hline"),
    ("vrules", "|p|p|p|p|p|", "", "\\hline"),
    ("norules", "ppppp", "", ""),
    ("dotted", "|p:p:p:p:p|", "\\hdashline", "\\hline"),
    ("double", "||p|p|p|p|p||", "\\hline", "\\hline\\hline"),
    ("heavy", "!{\\vrule width 2.25pt}p|p|p|p|p!{\\vrule width 2.25pt}", "\\hline", "\\Xhline{2.25pt}"),
    ("whiterules", "|p|p|p|p|p|", "\\hline", "\\hline"),
    ("booktabs", "ppppp", "", "\\bottomrule[1.5pt]"),
])
def test_each_style_is_written_with_its_own_rules(style: str, spec: str, under_row: str, last: str) -> None:
    source = list_source(style)
    rules = body_rules(source)
    assert colspec(source) == spec
    assert rules[:-1] == [under_row] * (len(rules) - 1) and rules[-1] == last and len(rules) == 9


@pytest.mark.parametrize(("style", "top", "under_header", "foot"), [
    ("grid", "\\hline", "\\hline", ""),
    ("frame", "\\hline", "\\hline", "\\hline"),  # the frame closed at the foot of every page the list runs over
    ("dotted", "\\hline", "\\hdashline", "\\hline"),  # inner rules dotted, the frame solid
    ("double", "\\hline\\hline", "\\hline\\hline", "\\hline"),  # longtable's foot \hline under the row's: two lines
    ("heavy", "\\Xhline{2.25pt}", "\\Xhline{2.25pt}", "\\Xhline{2.25pt}"),
    ("booktabs", "\\toprule[1.5pt]", "\\midrule[0.5pt]", ""),  # booktabs' own rules, none at a page's foot
])
def test_the_header_row_repeats_on_every_page_between_its_rules(style: str, top: str, under_header: str,
                                                                foot: str) -> None:
    head, page_foot = head_and_foot(list_source(style))
    lines = head.strip().splitlines()
    assert lines[1] == top and lines[2].endswith(f"\\\\ {under_header}") and "業務の名称" in lines[2]
    assert page_foot.strip() == foot


def test_the_packages_and_settings_each_style_needs() -> None:
    doc = made_up_document(3)
    preamble = {style: document_latex(doc, variant(style)).split("\\begin{document}")[0]
                for style in ("grid", "dotted", "heavy", "whiterules", "banded", "mincho", "merged")}
    assert "arydshln" in preamble["dotted"] and "arydshln" not in preamble["grid"]
    assert "\\usepackage{makecell}" in preamble["heavy"] and "\\setlength\\arrayrulewidth{0.25pt}" in preamble["heavy"]
    assert "\\arrayrulecolor{white}\\setlength\\arrayrulewidth{1pt}" in preamble["whiterules"]
    assert "{head}{HTML}{305496}" in preamble["whiterules"] and "{odd}{HTML}{B4C6E7}" in preamble["whiterules"]
    assert "{even}{HTML}{D9E1F2}" in preamble["whiterules"]
    assert "{head}{HTML}{C8C8C8}" in preamble["banded"] and "{odd}{HTML}{ECECEC}" in preamble["banded"]
    assert "\\usepackage{hhline}" in preamble["merged"]
    assert "\\kanjifamilydefault{\\gtdefault}" in preamble["grid"]  # Gothic body
    assert "kanjifamilydefault" not in preamble["mincho"]  # Mincho body (the class's default family)
    assert all("[Path=/usr/share/fonts/opentype/ipaexfont-" in text for text in preamble.values())


def test_shading_is_row_colours_from_the_first_body_row() -> None:
    """Body row n is the table's row n + 1: banded shades odd rows from the third (body rows 2, 4, ...) and leaves
    the others; whiterules alternates its tints from the lighter; both fill the header row, whiterules' text white."""
    banded, white = list_source("banded"), list_source("whiterules")
    assert "\\rowcolors{2}{odd}{}" in banded and "\\rowcolors{2}{odd}{even}" in white
    assert "\\rowcolor{head}\\multicolumn" in banded and "\\color{white}" in white and "\\color{white}" not in banded


def test_merged_runs_are_multirow_cells_over_partial_rules_kept_on_one_page() -> None:
    source = list_source("merged")
    # made-up departments: 第0課 rows 1-3, 第1課 4-7, 第2課 8-9; 実施機関 (区長 throughout) merged within them
    assert [source.count(f"\\multirow[t]{{{n}}}{{=}}{{{text}}}") for n, text in
            ((3, "第0課"), (4, "第1課"), (2, "第2課"), (3, "区長"), (4, "区長"), (2, "区長"))] == [1] * 6
    partial = "\\hhline{|-|-|~|~|-|}\\noalign{\\nobreak}"  # the two merged columns left open, no break after
    assert body_rules(source) == [partial, partial, "\\hline", partial, partial, partial, "\\hline", partial,
                                  "\\hline"]


def test_narrow_gives_the_department_column_four_characters() -> None:
    spec = re.search(r"\\begin\{longtable\}\{(.*)\}\n", list_source("narrow"))
    assert spec and "*40/" in spec.group(1).split("p{")[3]  # 担当部課: weight 4 of the column weights (x10)


def test_mincho_sets_the_header_in_gothic() -> None:
    head, _ = head_and_foot(list_source("mincho"))
    assert head.count("\\sffamily\\gtfamily") == len(made_up.HEADER)


def test_special_characters_are_escaped_and_full_width_ones_kept() -> None:
    assert escape("50% #1 & a_b ~ {x} -- ％＃＆～") == \
        "50\\% \\#1 \\& a\\_b \\textasciitilde{} \\{x\\} -{}-{} ％＃＆～"


def test_separate_is_not_drawn_and_the_others_in_the_orientations_the_seed_drew() -> None:
    """matrix.toml: random.Random(2037).choice per style in the order of [styles], separate skipped (a LaTeX tabular
    has no cell spacing) and booktabs, rounded, partial, tight, grouped, once, vertical, centred, notes and distributed
    (built apart, their orientations drawn by their own seeds in test_booktabs_style.py, test_rounded_style.py,
    test_partial_style.py, test_tight_style.py, test_grouped_style.py, test_once_style.py, test_vertical_style.py,
    test_centred_style.py, test_notes_style.py and test_distributed_style.py; sidebyside, stop 36, in
    test_sidebyside_style.py; titled, stop 36, in test_titled_style.py; running, stop 37, in test_running_style.py; continued, stop 37, test_continued_style.py;
    rotated, stop 38, test_rotated_style.py; footed and stacked, stop 39,
    test_footed_style.py, test_stacked_style.py; reordered, stop 40, test_reordered_style.py;
    sectioned, stop 41, test_sectioned_style.py)
    left out; held out in
    every style."""
    apart = ("booktabs", "rounded", "partial", "tight", "grouped", "once", "vertical", "centred", "notes", "distributed",
             "sidebyside", "titled", "running", "continued", "rotated", "footed", "stacked", "reordered",
             "sectioned")
    styles = [s for s in tomllib.loads(MATRIX.read_text(encoding="utf-8"))["styles"] if s not in apart]
    rng = random.Random(2037)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "latex" and v.style.name not in apart]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles if s != "separate"]


@pytest.fixture(scope="module")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("latex") / "heavy.pdf"
    render(made_up_document(), variant("heavy", "landscape"), out)
    return out


@needs_lualatex
def test_the_list_runs_over_pages_with_its_header_on_each(heavy: Path) -> None:
    import pdfplumber

    with pdfplumber.open(heavy) as pdf:
        assert "LuaTeX" in pdf.metadata["Producer"] and pdf.metadata["CreationDate"].startswith("D:20230818090000")
        assert all(page.width > page.height for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars}
    numbers = [line.split()[0] for text in texts[1:] for line in text.splitlines() if line.split()]
    list_pages = [text for text in texts[1:] if "業務の名称" in text]
    assert all(str(n) in numbers for n in range(1, ROWS + 1))
    assert fonts == {"IPAexGothic"} and len(list_pages) >= 2
    assert all(text.count("業務の名称") == 1 for text in list_pages)
    assert "".join("".join(texts[-1:]).split()).count("付録の段落。") == 20


@needs_lualatex
def test_heavy_rules_are_two_and_a_quarter_points_and_the_inner_ones_a_quarter(heavy: Path) -> None:
    import pdfplumber

    with pdfplumber.open(heavy) as pdf:
        page = pdf.pages[1]
        thick = {round(min(r["width"], r["height"]), 1) for r in page.rects}
        thin = {round(line["linewidth"], 2) for line in page.lines}
    assert thick == {2.2} and thin == {0.25}  # LuaTeX fills the heavy rules, strokes the thin ones


@needs_lualatex
def test_two_renders_are_the_same_bytes(heavy: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    render(made_up_document(), variant("heavy", "landscape"), again)
    assert again.read_bytes() == heavy.read_bytes()


@needs_lualatex
def test_a_merged_run_is_never_broken_over_pages(tmp_path: Path) -> None:
    """Each list page starts with the first row of a run (made-up departments change every four rows), so a merged
    cell's text is on the page of every row it spans."""
    import pdfplumber

    out = tmp_path / "merged.pdf"
    render(made_up_document(), variant("merged", "portrait"), out)
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages[1:]]
    firsts = [int(next(line.split()[0] for line in text.splitlines() if line.split()[0].isdigit()))
              for text in texts if "業務の名称" in text]
    assert len(firsts) >= 2 and all(n == 1 or n % 4 == 0 for n in firsts)
