"""The report laid out and written to PDF by iText 5 (Debian ``libitext5-java``, iText 5.5.13).

iText is the Java library many Japanese government and business 帳票 systems print
with: a program builds ``PdfPTable``s and paragraphs and iText lays them out
with its own engine. Here that program is ``itext/Report.java`` beside this
module, compiled with ``javac`` at build time into a temporary folder (no class
file is kept), which reads a plain description of the report this module
writes from the model (``description``: one record a line, tab-parted fields)
and lays it out: iText's own line breaking (CJK ideographs are break points,
no kinsoku), its own column widths from relative weights, its own page breaking
(``setSplitLate``: a row that does not fit goes whole to the next page), the
header row repeated on every page (``setHeaderRows(1)``), A4 in the variant's
orientation, the IPAex TTFs embedded by file as Identity-H subsets; the grouped style's two header rows
``setHeaderRows(2)``, its headings spanning by ``setRowspan`` and ``setColspan``; the once style's
``setHeaderRows(0)``: its header row a plain first row, printed at the table's start only.

Each style is drawn as an iText author draws it: a cell's own borders per side
from the model's rule helpers (``cell_rules``, ``booktabs_widths``,
``heavy_sides``, ``outer_sides``; one width stroked along the cell's edge,
several widths as iText's variable borders), background colours for banded,
whiterules and the header fills, ``setRowspan`` for merged runs, relative
widths for the narrow column, the fonts per cell for mincho; and where a cell
border cannot say it, events: dotted inner rules by a cell event stroking
round dots (a dash pattern), double by a table event drawing each page's part
inside two rules and the rule under the header as two, separate by a cell
event drawing each cell's box inset and a table event the table's box, rounded
by a table event stroking a rounded rectangle around each page's part and
filling the header grey inside its top corners. What a run stamps (the subset
font names' random prefixes, the file /ID; the dates are given) is fixed
afterwards in as many bytes (``fixed_stamps``): the same bytes every run.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .continued import CAPTION_ROOM, itext_marked
from .footed import foot, itext_fields
from .model import (
    FONT_FILES,
    HAIR_RULE,
    HEAVY_RULE,
    WHITE_RULE,
    Document,
    Table,
    TablePlan,
    Variant,
    booktabs_widths,
    cell_rules,
    heavy_sides,
    is_right_aligned,
    is_shaded,
    is_title,
    outer_sides,
    plan_table,
    stacked,
    text_colour,
    tint,
)
from .notes import table_notes, unit_caption
from .running import head_text, itext_record
from .sidebyside import GUTTER, Pair, front_blocks
from .stamps import subsets_in_order

SOURCE = Path(__file__).resolve().parent / "itext" / "Report.java"
JARS = (Path("/usr/share/java/itext5.jar"),)  # Debian libitext5-java
TIMEOUT = 900  # seconds for one run: the JVM and the whole report's layout
MM = 72 / 25.4
PAGE = (595.28, 841.89)  # A4 portrait in points (iText's PageSize.A4)
MARGINS = (12 * MM, 12 * MM, 14 * MM, 16 * MM)  # left, right, top, bottom: FOP's page, its foot's 8 mm included
FOOTER_Y = 10 * MM  # the page number's baseline
RULE = 0.5  # every rule but heavy's, booktabs' and whiterules'
HEADER_FILL, BAND_FILL = "#C8C8C8", "#ECECEC"  # the HTML producers' greys
CREATED = "D:20230818090000Z"  # a fixed creation date, given to iText for /CreationDate and /ModDate
FILE_ID = re.compile(rb"/ID ?\[<([0-9a-fA-F]{32})> ?<([0-9a-fA-F]{32})>\]")
SIDES = ("top", "bottom", "left", "right")


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def record(*fields: object) -> str:
    return "\t".join(escape(f"{f:g}" if isinstance(f, float) else str(f)) for f in fields) + "\n"


def side(kind: str, width: float, colour: str = "#000000") -> str:
    """One side of a cell as Report.java reads it: ``solid:W:#RRGGBB`` (a cell border), ``dotted:…`` (a cell event)."""
    return f"{kind}:{width:g}:{colour}"


def frame(variant: Variant) -> str:
    """What a table event draws around each page's part: double, separate, rounded or nothing."""
    style = variant.style
    if style.spacing:
        return "separate"
    if style.corners == "rounded":
        return "rounded"
    return "double" if style.double else "none"


def cell_sides(variant: Variant, row: int, last: int, col: int, rows: int, cols: int) -> tuple[str, ...]:
    """The top, bottom, left and right of the cell spanning rows ``row``..``last`` of column ``col`` (row 0 the
    header): ``-`` where the cell draws none (a table event may draw it), else a side spec."""
    style = variant.style
    if style.spacing:  # each cell's box is drawn inset by a cell event
        return ("-",) * 4
    if style.corners == "rounded":  # inner rules only, each cell's right and bottom: the frame is the table event's
        return ("-", side("solid", RULE) if last < rows - 1 else "-", "-",
                side("solid", RULE) if col < cols - 1 else "-")
    ruled = cell_rules(style.rules, row, col, rows, cols)
    ruled = (ruled[0], cell_rules(style.rules, last, col, rows, cols)[1], ruled[2], ruled[3])
    if style.rules == "booktabs":
        widths = (booktabs_widths(row, rows)[0], booktabs_widths(last, rows)[1], 0.0, 0.0)
        return tuple(side("solid", w) if w else "-" for w in widths)
    if style.rules != "grid":
        return tuple(side("solid", RULE) if r else "-" for r in ruled)
    outer = (outer_sides(row, col, rows, cols)[0], outer_sides(last, col, rows, cols)[1],
             *outer_sides(row, col, rows, cols)[2:])
    heavy = heavy_sides(style.weight, row, last, col, rows, cols)
    if row == 1:  # iText strokes a side of several widths inside its cell: the header's bottom alone is the heavy
        heavy = (False, *heavy[1:])  # rule (the first row's top a hairline, as on every later page), not two of them
    specs = []
    for i in range(4):
        if style.double and (outer[i] or (i == 0 and row == 1) or (i == 1 and last == 0)):
            specs.append("-")  # the double frame and header rule: the table event's
        elif style.rule_colour == "white":
            specs.append(side("solid", WHITE_RULE, "#FFFFFF"))
        elif style.weight == "heavy":
            specs.append(side("solid", HEAVY_RULE if heavy[i] else HAIR_RULE))
        elif style.dash == "dotted" and not outer[i]:
            specs.append(side("dotted", RULE))
        else:
            specs.append(side("solid", RULE))
    return tuple(specs)


def fill(variant: Variant, row: int) -> str:
    """A cell's background in row ``row``: banded greys, the whiterules tints, ``-`` elsewhere (rounded's header
    grey is the table event's, inside the frame's corners)."""
    shading = variant.style.shading
    if shading == "tinted":
        return tint(shading, row) or "-"
    if shading == "banded" and is_shaded(shading, row):
        return HEADER_FILL if row == 0 else BAND_FILL
    return "-"


def table_records(table: Table, variant: Variant, kind: str) -> str:
    """One table: its columns' weights and width, then every cell row by row (covered cells of a merged run left
    out: iText places the next cell beside a rowspan), then ``end``."""
    style = variant.style
    rows = table.rows
    plan = plan_table(table, style, kind)
    size, width = (7.5, 100.0) if kind == "list" else (9.0, 80.0)
    pad = 4.5 if style.double else 3.0  # the double frame's inner rule runs 2 pt inside the edge cells
    cols = len(rows[0])
    # tight: no padding on any side and lines one font size apart (setLeading(0, 1)); otherwise iText's usual 2/3 pt
    # above/below and 1.2 em lines
    top, bottom, leading = (0.0, 0.0, 1.0) if style.padding == "none" else (2.0, 3.0, 1.2)
    if style.padding == "none":
        pad = 0.0
    head = (plan.head_rows,) if plan.head_rows > 1 else ()  # grouped: setHeaderRows(2)
    repeat = (0,) if style.header_repeat == "first" else head  # once: setHeaderRows(0), the header a plain row
    out = [record("table", cols, ",".join(f"{w:g}" for w in plan.weights), width, frame(variant), pad, top, bottom,
                  leading, *repeat)]
    if head:  # grouped: the header's cells by setRowspan / setColspan (ROWSPAN written as rows/columns)
        out += [record("cell", f"{h.rowspan}/{h.colspan}", style.header_font, size, "center", "middle", fill(variant, 0),
                       text_colour(style.shading, 0) or "-", *cell_sides(variant, 0, 0, h.col, len(rows), cols),
                       h.text) for h in plan.head]
    for r, cells in enumerate(rows):
        if head and r == 0:
            continue
        font = style.header_font if r == 0 else style.body_font
        for c, text in enumerate(cells):
            span = plan.span(r, c)
            if not span:
                continue
            last = r + span - 1
            align = "distributed" if plan.spreads(r, c) else plan.align(r, c)  # distributed: ALIGN_JUSTIFIED_ALL
            across = plan.colspan(r, c)  # stacked: the long text's cell across, setColspan ("rows/columns")
            out.append(record("cell", f"{span}/{across}" if across > 1 else span, font, size, align,
                              "middle" if r == 0 else "top",
                              fill(variant, r), text_colour(style.shading, r) or "-",
                              *cell_sides(variant, r, last, c, len(rows), cols),
                              "\n".join(stacked(text)) if r == 0 and plan.is_vertical(c) else text))  # vertical
    kept = kept_rows(plan, len(rows))
    if kept:
        out.append(record("keep", ",".join(map(str, kept))))
    out.append(record("end", 2.0) if style.notes else record("end"))  # notes: 2 pt under the table, not 10
    return "".join(out)


def kept_rows(plan: TablePlan, rows: int) -> list[int]:
    """The rows iText is told not to start a page with (``keepRowsTogether``; row 0 the header), so that a merged run
    stays on one page: iText would split it and print its text on the first page only.

    iText moves a page break that falls before such a row back to the first row of the unbroken sequence of them,
    so a run of merged rows is marked whole, but for its last row when another run follows at once: two runs marked
    in one sequence would be moved as one. Where a page's foot falls just before such a last row, iText still splits
    the run (that row alone goes to the next page, under an empty merged cell).
    """
    if not plan.spans:
        return []
    starts = [r for r in range(1, rows) if all(plan.span(r, c) for c in plan.spans)]  # rows no merged cell covers
    ends = starts[1:] + [rows]
    kept: list[int] = []
    for start, end in zip(starts, ends, strict=True):
        if end - start < 2:
            continue
        followed = end < rows and end + 1 < rows and any(plan.span(end + 1, c) == 0 for c in plan.spans)
        kept += range(start, end - 1 if followed else end)
    return kept


def noted(records: str, table: Table, variant: Variant, kind: str) -> str:
    """The notes style: the unit caption a para record before the table (its right indentation the text width the
    summary leaves, a new page first when the caption, the summary and its notes would not fit), the 注記 para records after it,
    in the table's size, left-aligned (iText Paragraphs); the table's records alone otherwise."""
    notes = table_notes(variant.style.notes, table.criterion, kind)
    if not notes:
        return records
    size, share = (7.5, 1.0) if kind == "list" else (9.0, 0.8)
    text_width = (PAGE[0] if variant.orientation == "portrait" else PAGE[1]) - MARGINS[0] - MARGINS[1]
    body = variant.style.body_font
    caption = unit_caption(variant.style.notes, kind)
    block = ((len(table.rows) + 2) * 2 + len(notes) * 1.5) * size  # caption, rows of up to two lines, notes: kept
    head = record("para", body, size, "right", 0, 0.0, caption, round(text_width * (1 - share), 2), block) if caption else ""
    tail = "".join(record("para", body, size, "left", 0, 10.0 if i == len(notes) - 1 else 0.0, n)
                   for i, n in enumerate(notes))
    return head + records + tail


def paragraph(text: str, font: str, new_page: bool = False) -> str:
    """A paragraph: the title at 12 pt, the report number, date and section at the right margin."""
    return record("para", font, 12.0 if is_title(text) else 10.0, "right" if is_right_aligned(text) else "left",
                  int(new_page), 4.0, text)


def pair_records(pair: Pair, variant: Variant) -> str:
    """The sidebyside style: a ``pair`` record (the outer PdfPTable's weights: a half, the GUTTER), its cells row by
    row as ``slot`` records (a caption's font, size and text, or an empty gutter) and each summary's records, its
    width 100 (of its outer cell: Report.java nests it, a PdfPCell of the table), then ``pairend``: the captions in
    the first row, the tables in the second, so that both start at one height; an odd last one alone on the left."""
    body = variant.style.body_font
    halves = [*pair.halves, ("", None)][:2]
    out = [record("pair", round((1 - GUTTER) / 2, 3), GUTTER)]
    for i, (caption, _) in enumerate(halves):
        out += [record("slot", body, 10.0, caption)] + ([record("slot")] if i == 0 else [])
    for i, (_, table) in enumerate(halves):
        tables = table_records(table, variant, "summary").replace(f"\t{80.0:g}\t", f"\t{100.0:g}\t", 1) if table else ""
        out += [tables or record("slot")] + ([record("slot")] if i == 0 else [])
    return "".join(out) + record("pairend")


def description(doc: Document, variant: Variant) -> str:
    """The whole report as Report.java reads it: the page, the fonts, the front page, each list from a new page
    under its exhibit label and title, the appendix from a new page, ``- n -`` in every page's foot."""
    width, height = PAGE if variant.orientation == "portrait" else PAGE[::-1]
    body = variant.style.body_font
    margins = (*MARGINS[:2], 20 * MM, MARGINS[3]) if variant.style.running else MARGINS  # running: room for the head
    parts = [record("page", width, height, *margins),
             *(record("font", face, FONT_FILES[face]) for face in ("gothic", "mincho")),
             record("info", "setagaya-2023-report359", "世田谷区", CREATED),
             record("footer", body, 8.0, FOOTER_Y) if not variant.style.footed else  # footed: Footed (footed.py)
             record("footed", *itext_fields(foot(variant, doc.front), body, FOOTER_Y, margins[0], width - margins[1]))]
    if variant.style.running:  # Report.java's page event Running: the head, its rule, page 1's label (running.py)
        parts.append(record("running", *itext_record(body, (width, height), *margins[:3], head_text(doc.front))))

    def marked(table: Table, kind: str, caption: str) -> str:  # continued: iText's own header and footer rows
        out = table_records(table, variant, kind)
        return itext_marked(out, caption, len(table.rows[0]), body) if variant.style.continued else out

    blocks = front_blocks(doc.front, variant.style)
    for i, block in enumerate(blocks):
        if isinstance(block, Pair):  # sidebyside: a nested PdfPTable (pair_records)
            parts.append(pair_records(block, variant))
            continue
        if isinstance(block, Table):
            parts.append(noted(marked(block, "summary", blocks[i - 1]), block, variant, "summary"))  # type: ignore[arg-type]
            continue
        kept = variant.style.continued and i + 1 < len(blocks) and isinstance(blocks[i + 1], Table)
        # continued: a summary's caption from a new page unless its table's headings, first row and mark fit under it
        # (the para record's room, as the notes style's unit caption): the table's first part never an empty one
        parts.append(paragraph(block, body).replace("\n", f"\t0\t{CAPTION_ROOM:g}\n") if kept else paragraph(block, body))
    for item in doc.lists:
        parts.append(record("para", body, 9.0, "right", 1, 4.0, item.exhibit))
        parts += [paragraph(item.title, body), noted(marked(item.table, "list", item.title), item.table, variant, "list")]
    parts += [paragraph(text, body, new_page=i == 0) for i, text in enumerate(doc.appendix)]
    return "".join(parts)


def classpath() -> str:
    missing = [str(jar) for jar in JARS if not jar.exists()]
    if missing:
        raise RuntimeError(f"iText 5 not installed ({', '.join(missing)} missing: apt-get install libitext5-java)")
    return ":".join(str(jar) for jar in JARS)


@functools.cache
def compiled() -> Path:
    """Report.java compiled once per process into a temporary folder (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="producers-itext-classes-"))
    atexit.register(shutil.rmtree, folder, True)
    run = subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(folder), "-cp", classpath(), str(SOURCE)],
                         check=False, capture_output=True, timeout=TIMEOUT)
    if run.returncode != 0:
        raise RuntimeError(f"javac failed on {SOURCE.name}: {run.stderr.decode(errors='replace')[-3000:]}")
    return folder


def fixed_stamps(pdf: bytes) -> bytes:
    """The PDF with what iText stamps of its run made the same every run, each in as many bytes (the xref stays
    right): each font subset's random prefix becomes AAAAAA, AAAAAB, … in order of first use, the file /ID the MD5
    of the rest."""
    pdf = subsets_in_order(pdf)
    if len(FILE_ID.findall(pdf)) != 1:
        raise RuntimeError("expected one /ID from iText")
    digest = hashlib.md5(FILE_ID.sub(b"", pdf)).hexdigest().encode()
    return FILE_ID.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), pdf)


def command(classes: Path, source: Path, pdf: Path) -> list[str]:
    """The program's command line: the compiled Report on iText's class path, this description, a PDF."""
    return ["java", "-Djava.awt.headless=true", "-cp", f"{classes}:{classpath()}", "Report", str(source), str(pdf)]


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report's description to a temporary folder and run the compiled Report on it to ``out``."""
    classes = compiled()
    with tempfile.TemporaryDirectory(prefix="producers-itext-") as tmp:
        source, pdf = Path(tmp) / "report.txt", Path(tmp) / "report.pdf"
        source.write_text(description(doc, variant), encoding="utf-8")
        run = subprocess.run(command(classes, source, pdf), check=False, capture_output=True, timeout=TIMEOUT)
        if run.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"iText failed on {variant.name}: {run.stderr.decode(errors='replace')[-3000:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_stamps(pdf.read_bytes()))
