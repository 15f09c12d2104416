"""The page's layout with each glyph's clipping box, so that text drawn wholly outside its clip is left out.

pdfminer ignores the clipping operators (``W``, ``W*``): text a producer
draws but clips away entirely is read as if printed. LibreOffice Calc prints
a merged cell that a page break cut by drawing its text again on the next
page, at the cell's top above the page's first row, clipped to the rows the
cell still covers: invisible, and pdfminer put it into the repeated header
(「担当部課 玉川総合支所保健福祉センター生活支援課」). This layout records, for
every glyph, the bounding box of the clipping path in force (the box of the
path's points: never smaller than the clip, so nothing visible is lost) and
which text-showing operation drew it. ``invisible_runs`` names the runs with
no glyph inside their clip; a run only partly clipped (a cell's text cut at
its border) keeps all its glyphs, since its whole text is the cell's value.
Paths are tagged with their clip too (``clip_box``): a rule drawn past its
clip is printed only inside it (wkhtmltopdf strokes a rounded table frame
once for the whole table, across every page, each page clipping it to its
own part; ``cut_to_clip``). A glyph is inside when its ink's centre is (a full-width closing
mark inks the left half of its box, an opening bracket the right half), with no
allowance: a browser
(wkhtmltopdf) that breaks a page through a text line draws the line on
both pages, each clipped to its own page, and the line belongs to the page
that shows the larger part of it; half a point of allowance gave a line cut
near its middle to both pages (four rows read twice, 「34」 at 57 and 41%).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from pipeline.config.typesetting import line_breaking
from pipeline.extract.ruling import Segment

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pdfminer's page space (y up)
_LEFT_HALF, _RIGHT_HALF = line_breaking().hanging, line_breaking().blank_before  # full-width marks inked half a box
INVISIBLE = frozenset({3, 7})  # text render modes that paint nothing: 3 invisible, 7 clip only (PDF 32000 9.3.6)
HOME = "clip_home"  # key: (x, y) on the page where a glyph drawn across its clip's edge belongs (``clip_home``)


def _intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


class _Device(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's aggregator, each glyph tagged with the clip and the run that drew it, each path with its clip."""

    clip: Box | None = None
    path_clip: Box | None = None  # the clip in force now (the interpreter keeps it current), for paths
    run: int = 0
    render: int = 0  # the text render mode (Tr) of the run being drawn

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        """pdfplumber's path objects, each tagged with the clip in force (``clip_box``)."""
        before = len(self.cur_item._objs)
        super().paint_path(*args, **kwargs)
        for obj in self.cur_item._objs[before:]:
            obj.clip_box = self.path_clip  # type: ignore[attr-defined]

    def render_char(self, *args: Any) -> float:
        """pdfminer's glyph, tagged here with pdfplumber's mcid and tag (one call per glyph, not three), and with
        the render mode it was drawn in (``INVISIBLE``: a scanner's OCR layer is drawn in 3, not painted)."""
        advance = PDFLayoutAnalyzer.render_char(self, *args)
        glyph: Any = self.cur_item._objs[-1]  # the LTChar just made
        glyph.mcid, glyph.tag = self.cur_mcid, self.cur_tag
        glyph.clip_box, glyph.run, glyph.render = self.clip, self.run, self.render
        return float(advance)


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter that keeps the clipping box in the graphics state (saved by q, restored by Q)."""

    inherited: Box | None = None  # a form XObject is drawn inside the clip of the page that calls it

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self.clip: Box | None = self.inherited
        self._share_clip()

    def _share_clip(self) -> None:
        if isinstance(self.device, _Device):
            self.device.path_clip = self.clip

    def dup(self) -> PDFPageInterpreter:
        other = _Interpreter(self.rsrcmgr, self.device)
        other.inherited = self.clip
        return other

    def get_current_state(self) -> Any:
        return (*super().get_current_state(), self.clip)

    def set_current_state(self, state: Any) -> None:
        super().set_current_state(state[:3])
        self.clip = state[3] if len(state) > 3 else self.clip
        self._share_clip()

    def _clip_to_path(self) -> None:
        points = [apply_matrix_pt(self.ctm, (float(seg[i]), float(seg[i + 1])))
                  for seg in self.curpath for i in range(1, len(seg) - 1, 2)]
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self.clip = _intersect(self.clip, (min(xs), min(ys), max(xs), max(ys)))
            self._share_clip()

    def do_W(self) -> None:
        self._clip_to_path()

    def do_W_a(self) -> None:
        self._clip_to_path()

    def do_TJ(self, seq: Any) -> None:
        device = self.device
        if isinstance(device, _Device):
            device.clip, device.run, device.render = self.clip, device.run + 1, self.textstate.render
        super().do_TJ(seq)


def clipped_layout(page: Any) -> LTPage:
    """The pdfplumber page's layout as ``page.layout`` builds it, each glyph with ``clip_box`` and ``run``;
    cached on the page, so that pdfplumber's own ``page.chars`` reads the same layout."""
    if not hasattr(page, "_layout"):
        device = _Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        _Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
        page._layout = device.get_result()
    return page.layout


def _inside(glyph: LTChar, clip: Box) -> bool:
    """Is the glyph's ink centre inside the clip? A full-width closing mark inks the left half of its box, an
    opening bracket the right half (config/typesetting.toml): Gnumeric clips each glyph to its ink, and the box's
    centre of 「）」 stood outside the clip that shows all of its ink (a description's last bracket lost)."""
    x, y = _ink_x(glyph), (glyph.y0 + glyph.y1) / 2
    return clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]


def _ink_x(glyph: LTChar) -> float:
    text, width = glyph.get_text(), glyph.x1 - glyph.x0
    if text in _LEFT_HALF:
        return glyph.x0 + width / 4
    if text in _RIGHT_HALF:
        return glyph.x1 - width / 4
    return (glyph.x0 + glyph.x1) / 2


def clip_home(glyph: LTChar) -> tuple[float, float] | None:
    """Where in its clip a glyph drawn with its centre outside the clip stands: its centre moved into the clip
    (pdfminer's space), or None when the centre is inside (or there is no clip).

    A producer that clips each cell's text to the cell's box (Gnumeric) draws
    a line its row is too short for across the rule under the row, cut in
    half there: the glyph is the cell's, not the next row's, whatever its
    centre says. ``textlayer`` places such a glyph by this point (``HOME``).
    """
    clip = getattr(glyph, "clip_box", None)
    if clip is None or _inside(glyph, clip):
        return None
    x, y = (glyph.x0 + glyph.x1) / 2, (glyph.y0 + glyph.y1) / 2
    return min(max(x, clip[0]), clip[2]), min(max(y, clip[1]), clip[3])


def invisible_runs(glyphs: Iterable[LTChar]) -> set[int]:
    """The runs (text-showing operations) none of whose glyphs lies inside its clip."""
    seen: set[int] = set()
    shown: set[int] = set()
    for glyph in glyphs:
        clip, run = getattr(glyph, "clip_box", None), getattr(glyph, "run", None)
        if run is None:
            continue
        seen.add(run)
        if clip is None or _inside(glyph, clip):
            shown.add(run)
    return seen - shown


def cut_to_clip(clip: Box | None, hs: list[Segment], vs: list[Segment],
                slack: float) -> tuple[list[Segment], list[Segment]]:
    """The rules of one path cut to its clip (x0, top, x1, bottom on the page): what lies outside is not printed.

    A rule along the clip's edge, within ``slack`` of it, stays: producers
    clip a cell to its box and stroke its border on the box's edge.
    """
    if clip is None:
        return hs, vs
    x0, top, x1, bottom = clip
    cut_hs = [Segment(h.pos, max(h.lo, x0), min(h.hi, x1)) for h in hs
              if top - slack <= h.pos <= bottom + slack and min(h.hi, x1) > max(h.lo, x0)]
    cut_vs = [Segment(v.pos, max(v.lo, top), min(v.hi, bottom)) for v in vs
              if x0 - slack <= v.pos <= x1 + slack and min(v.hi, bottom) > max(v.lo, top)]
    return cut_hs, cut_vs
