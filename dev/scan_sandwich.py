"""The ``sandwich`` scan pipeline: a "searchable PDF", a scan with the device's own OCR under it.

Published scans are very often searchable PDFs: the scanner, the copier or a
PDF tool ran its own OCR and laid an invisible text layer (render mode 3) over
the page image. pdfplumber and pdfium read that layer as text (its font has a
ToUnicode map), but it carries the device OCR's errors, and its lines are the
device's lines, not the table's cells. The project must not trust such a layer
blindly; this pipeline draws it. Registered in ``dev/scan_pipelines.PIPELINES``
(held out); ``dev/build_scans.build_pipeline`` draws the image with
``sandwich`` and then the layer with ``text_layer`` from the same page rng.

The image (all lengths at 300 dpi):

1. the sheet's fate, per block of eight pages (``sheet_fate``, seeded by the
   block): four pages grey, four bilevel; one page without a text layer (the
   device's OCR timed out), one with a layer shifted 3-8 mm from the image
   (the device placed it on the unturned page, or an editor moved the image);
2. a skew of 0.1-0.8° either way about the page centre (``skew_matrix``: the
   first draw, so a fresh rng of the page's seed gives it back);
3. grey: paper 236-248, ink 18-40, blur sigma 0.5-0.9 px, noise sigma 3-7,
   20-60 specks of dust, JPEG quality 60-80 per sheet (``img.info``);
   bilevel: paper 245, ink 30, blur 0.7 px, noise sigma 8-12, dust, a threshold
   of 120-160 (the brightness setting), 1 bit.

The layer (``text_layer``), from the source page's characters:

4. the lines a line-by-line reader sees (``reading_lines``): characters whose
   vertical centres agree within 0.4 of their size are one line across the
   whole page, so a table row is read across all its cells, left to right, and
   a row whose cells wrap gives one line per printed line, the cells' second
   lines interleaved; a gap of more than half a character ends a word;
5. the device OCR's damage (``damage``), rates drawn per page: look-alike
   substitutions (``LOOK_ALIKES``) for 1-4 % of all characters, 0.5-2 % dropped,
   20-50 % of the runs of two or more digits split by spaces (「1 2 9」), 10-30 %
   of the runs of ASCII or full-width letters, digits and signs turned to the
   other width (each character of such a run with probability 0.8: mixed);
6. written as OCR engines write it (``layer_content``): one text object (BT ..
   ET) a line, ``3 Tr``, each word at its baseline's place in the image (the
   skew applied to the source's baseline origin, the text turned by the same
   angle) and stretched with ``Tz`` to the word's width in the image, a space
   after every word but a line's last (in the gap that ended the word);
   shifted pages move every word by the page's shift.
   The font (``LayerFont``) is IPAex Gothic (the font both producers use),
   a Type0/Identity-H font whose codes are glyph ids, with widths, a ToUnicode
   map and an embedded subset (fontTools, which fpdf2 already needs; glyph ids
   kept). One font a file.

Every random choice comes from the rng the caller seeds with ``(359, 12, page
index)`` (the fate from ``(359, 12, block, 8)``), in a fixed order: the image's
draws, then the layer plan, then the damage. Needs numpy, pillow, OpenCV,
fontTools.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

SEED, SEED_ID, BLOCK = 359, 12, 8  # build_scans' SEED, this pipeline's seed_id, pages a fate block
MM_PT = 72 / 25.4
FONT_PATH = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
SKEW = (0.1, 0.8)  # degrees, either way
QUALITY = (60, 80)
SUBSTITUTE = (0.01, 0.04)  # share of all characters
DROP = (0.005, 0.02)
SPLIT = (0.2, 0.5)  # share of digit runs split by spaces
WIDTHS = (0.1, 0.3)  # share of ASCII / full-width runs turned to the other width
SHIFT_MM = (3.0, 8.0)

# glyphs a device OCR takes for one another; each group's members are substituted for each other
LOOK_ALIKES = ("0O〇", "1lI|", "０Ｏ", "１ｌＩ", "5S", "8B", "2Z", "口ロ", "力カ", "工エ", "二ニ", "一ー",
               "夕タ", "入人", "未末", "士土", "八ハ", "卜ト", "千干", "日曰", "己已巳", "大太犬", "へヘ", "べベ",
               "ぺペ", "りリ", "もモ", "課諜", "部郡", "係保", "区匡", "無舞", "有右")
SIMILAR: dict[str, str] = {}
for _group in LOOK_ALIKES:
    for _ch in _group:
        SIMILAR[_ch] = SIMILAR.get(_ch, "") + "".join(o for o in _group if o != _ch and o not in SIMILAR.get(_ch, ""))


def sheet_fate(page: int) -> tuple[str, str]:
    """(image mode "L" or "1", layer "full", "none" or "shifted") of 1-based ``page``.

    Drawn per block of eight pages from its own seed, so every block of eight
    has four grey and four bilevel sheets, one page whose device OCR timed out
    and one whose layer is shifted: a benchmark of eight pages sees each case.
    """
    block, slot = divmod(page - 1, BLOCK)
    rng = np.random.default_rng((SEED, SEED_ID, block, BLOCK))
    modes, layers = rng.permutation(BLOCK), rng.permutation(BLOCK)
    return ("L" if modes[slot] % 2 == 0 else "1"), {0: "none", 1: "shifted"}.get(int(layers[slot]), "full")


def skew_matrix(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """The sheet's skew on the platen, 0.1-0.8° either way about the centre: a 2 x 3 pixel matrix (cv2's)."""
    angle = rng.uniform(*SKEW) * (1 if rng.random() < 0.5 else -1)
    return cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)


def _dust(a: np.ndarray, rng: np.random.Generator, count: int) -> np.ndarray:
    """Specks on the glass: small dark squares 2-4 px across."""
    h, w = a.shape
    for _ in range(count):
        y, x, r = int(rng.integers(0, h)), int(rng.integers(0, w)), int(rng.integers(1, 3))
        a[max(0, y - r): y + r, max(0, x - r): x + r] -= rng.uniform(60, 160)
    return a


def sandwich(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None, page: int = 1) -> Image.Image:
    """An office scan at 300 dpi, grey JPEG or bilevel by the sheet's fate: skew, tone, blur, noise, dust.

    ``img.info`` carries what build_scans needs to write it and to lay the
    text over it: ``scan_mode``, ``jpeg_quality`` (grey) and ``skew`` (the matrix).
    """
    h, w = clean.shape
    mode, _ = sheet_fate(page)
    m = skew_matrix(rng, w, h)
    a = cv2.warpAffine(clean, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255).astype(np.float32) / 255.0
    if mode == "L":
        paper, ink = rng.uniform(236, 248), rng.uniform(18, 40)
        a = cv2.GaussianBlur(ink + a * (paper - ink), (0, 0), rng.uniform(0.5, 0.9))
        a += rng.normal(0.0, rng.uniform(3.0, 7.0), size=a.shape).astype(np.float32)
        a = _dust(a, rng, int(rng.integers(20, 61)))
        img = Image.fromarray(np.clip(np.round(a), 0, 255).astype(np.uint8), mode="L")
        img.info["jpeg_quality"] = int(rng.integers(QUALITY[0], QUALITY[1] + 1))
    else:
        a = cv2.GaussianBlur(30 + a * (245 - 30), (0, 0), 0.7)
        a += rng.normal(0.0, rng.uniform(8.0, 12.0), size=a.shape).astype(np.float32)
        a = _dust(a, rng, int(rng.integers(20, 61)))
        threshold = rng.uniform(120, 160)
        img = Image.fromarray(np.where(a > threshold, 255, 0).astype(np.uint8), mode="L").convert("1", dither=None)
    img.info["scan_mode"] = mode
    img.info["skew"] = tuple(float(v) for v in m.ravel())
    return img


# ---------------------------------------------------------------- the device's reading of the page


@dataclass
class Word:
    """A run of characters without a gap, as the device OCR places it: PDF points, origin bottom left."""

    text: str
    x0: float
    x1: float
    origin: tuple[float, float]  # the first character's baseline origin
    size: float


def reading_lines(chars: list[dict[str, Any]]) -> list[list[Word]]:
    """The page's upright characters as a line-by-line reader sees them: lines across the page, top down.

    A character joins the line whose first character's vertical centre is
    within 0.4 of its size of its own (they are sorted by centre), so cells of
    one table row share a line and a wrapped cell's second line joins the
    other cells' second lines. A gap of more than half the size, or a step
    back, ends a word.
    """
    cs = sorted((c for c in chars if c["text"].strip() and c.get("upright", True)),
                key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for c in cs:
        mid = (c["top"] + c["bottom"]) / 2
        if groups and mid - (groups[-1][0]["top"] + groups[-1][0]["bottom"]) / 2 <= 0.4 * c["size"]:
            groups[-1].append(c)
        else:
            groups.append([c])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        words: list[list[dict[str, Any]]] = []
        for c in group:
            if words and -0.5 * c["size"] <= c["x0"] - words[-1][-1]["x1"] <= 0.5 * c["size"]:
                words[-1].append(c)
            else:
                words.append([c])
        lines.append([Word("".join(c["text"] for c in w), w[0]["x0"], w[-1]["x1"],
                           (float(w[0]["matrix"][4]), float(w[0]["matrix"][5])), max(c["size"] for c in w))
                      for w in words])
    return lines


@dataclass(frozen=True)
class LayerPlan:
    """What the device's OCR does to one page: its fate and the damage rates drawn for it."""

    fate: str  # "full", "none" (no layer) or "shifted"
    substitute: float
    drop: float
    split: float
    widths: float
    shift: tuple[float, float]  # points (dx, dy, y up) the layer is moved by; (0, 0) unless shifted


def plan_layer(rng: np.random.Generator, page: int) -> LayerPlan:
    """Draw the page's damage rates and shift (always all of them, so the draws stay in a fixed order)."""
    fate = sheet_fate(page)[1]
    rates = [rng.uniform(*r) for r in (SUBSTITUTE, DROP, SPLIT, WIDTHS)]
    distance, direction = rng.uniform(*SHIFT_MM) * MM_PT, rng.uniform(0, 2 * np.pi)
    shift = (float(distance * np.cos(direction)), float(distance * np.sin(direction))) if fate == "shifted" \
        else (0.0, 0.0)
    return LayerPlan(fate, *rates, shift)


def other_width(ch: str) -> str:
    """The character in the other width: ASCII <-> full-width forms (U+FF01-FF5E); others unchanged."""
    if "!" <= ch <= "~":
        return chr(ord(ch) + 0xFEE0)
    if "！" <= ch <= "～":
        return chr(ord(ch) - 0xFEE0)
    return ch


def _runs(text: str, member: Any) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of characters for which ``member`` holds."""
    runs, start = [], None
    for i, ch in enumerate(text + "\0"):
        if member(ch) and ch != "\0":
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def _is_digit(ch: str) -> bool:
    return ch.isdigit() and unicodedata.category(ch) == "Nd"


def split_numbers(text: str, share: float, rng: np.random.Generator) -> str:
    """Runs of two or more digits, each with probability ``share``, split by spaces (「129」 -> 「1 2 9」)."""
    out, last = [], 0
    for start, end in _runs(text, _is_digit):
        if end - start < 2 or rng.random() >= share:
            continue
        gaps = rng.random(end - start - 1) < 0.5
        gaps[int(rng.integers(0, len(gaps)))] = True
        out.append(text[last:start] + "".join(ch + (" " if i < len(gaps) and gaps[i] else "")
                                              for i, ch in enumerate(text[start:end])))
        last = end
    return "".join(out) + text[last:]


def mix_widths(text: str, share: float, rng: np.random.Generator) -> str:
    """Runs of ASCII or full-width forms, each with probability ``share``, turned (mostly) to the other width."""
    chars = list(text)
    for start, end in _runs(text, lambda ch: other_width(ch) != ch):
        if rng.random() < share:
            for i in range(start, end):
                if rng.random() < 0.8:
                    chars[i] = other_width(chars[i])
    return "".join(chars)


@dataclass
class Damage:
    """What ``damage`` did to a page: characters in, substituted, dropped."""

    chars: int = 0
    substituted: int = 0
    dropped: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source, device) of the substitutions


def damage(lines: list[list[Word]], plan: LayerPlan, rng: np.random.Generator) -> tuple[list[list[Word]], Damage]:
    """The device OCR's reading of the lines: look-alikes, drops, split numbers, mixed widths.

    Substitutions and drops are counted over the page (``round(rate x
    characters)`` positions, the substitutions among characters that have a
    look-alike), so the realised rates are the planned ones when a page has
    look-alikes enough. Words left empty disappear.
    """
    where = [(i, j, k) for i, line in enumerate(lines) for j, w in enumerate(line) for k in range(len(w.text))]
    text = {p: lines[p[0]][p[1]].text[p[2]] for p in where}
    eligible = [p for p in where if text[p] in SIMILAR]
    report = Damage(chars=len(where))
    count = min(round(plan.substitute * len(where)), len(eligible))
    new = dict(text)
    for n in sorted(rng.choice(len(eligible), count, replace=False)) if count else []:
        p = eligible[int(n)]
        options = SIMILAR[text[p]]
        new[p] = options[int(rng.integers(0, len(options)))]
        report.examples.append((text[p], new[p]))
    report.substituted = count
    rest = [p for p in where if new[p] == text[p]]
    drops = min(round(plan.drop * len(where)), len(rest))
    for n in rng.choice(len(rest), drops, replace=False) if drops else []:
        new[rest[int(n)]] = ""
    report.dropped = drops
    out = []
    for i, line in enumerate(lines):
        words = []
        for j, w in enumerate(line):
            read = "".join(new[(i, j, k)] for k in range(len(w.text)))
            read = mix_widths(split_numbers(read, plan.split, rng), plan.widths, rng)
            if read.strip():
                words.append(Word(read, w.x0, w.x1, w.origin, w.size))
        if words:
            out.append(words)
    return out, report


# ---------------------------------------------------------------- the layer as PDF


class LayerFont:
    """IPAex Gothic as the device's layer font: Type0, Identity-H (codes are glyph ids), ToUnicode, a subset."""

    def __init__(self, path: Path = FONT_PATH) -> None:
        from fontTools.ttLib import TTFont

        self.path = path
        font = TTFont(str(path), recalcTimestamp=False, lazy=True)
        self.cmap = font.getBestCmap()
        self.gid = {ch: font.getGlyphID(name) for ch, name in self.cmap.items()}
        hmtx, upem = font["hmtx"], font["head"].unitsPerEm
        self.width = {self.gid[ch]: round(hmtx[name][0] * 1000 / upem) for ch, name in self.cmap.items()}
        self.used: dict[int, str] = {}

    def encode(self, text: str) -> tuple[str, float]:
        """``text`` as hex glyph ids and its advance in 1/1000 of the size; characters the font lacks are left out."""
        codes, advance = [], 0.0
        for ch in text:
            gid = self.gid.get(ord(ch))
            if gid is None:
                continue
            self.used.setdefault(gid, ch)
            codes.append(f"{gid:04X}")
            advance += self.width[gid]
        return "".join(codes), advance

    def _subset(self) -> bytes:
        """The used glyphs of the font, glyph ids kept (so Identity codes stay valid), no hinting or layout."""
        from fontTools import subset
        from fontTools.ttLib import TTFont

        options = subset.Options()
        options.retain_gids, options.hinting, options.layout_features = True, False, []
        options.notdef_outline, options.name_IDs = True, [1, 2]
        font = TTFont(str(self.path), recalcTimestamp=False)
        sub = subset.Subsetter(options)
        sub.populate(gids=sorted({0, *self.used}))
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()

    def to_unicode(self) -> bytes:
        """The ToUnicode CMap: each used glyph id to its character (bfchar, 100 a block)."""
        pairs = sorted(self.used.items())
        blocks = [pairs[i: i + 100] for i in range(0, len(pairs), 100)]
        body = "".join(f"{len(b)} beginbfchar\n" + "".join(f"<{g:04X}> <{ord(c):04X}>\n" for g, c in b)
                       + "endbfchar\n" for b in blocks)
        return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()

    def write(self, writer: Any, ref: int) -> None:
        """Fill object ``ref`` (reserved by the caller) with the Type0 font; add its parts to ``writer``."""
        program = self._subset()
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha1(program).digest()[:6])
        name = f"/{tag}+IPAexGothic"
        file = writer.stream(f"/Length1 {len(program)} /Filter /FlateDecode", zlib.compress(program, 9))
        descriptor = writer.add(
            f"<< /Type /FontDescriptor /FontName {name} /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
            f"/Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 /FontFile2 {file} 0 R >>".encode())
        widths = " ".join(f"{g} [{self.width[g]}]" for g in sorted(self.used) if self.width[g] != 1000)
        descendant = writer.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {name} "
            f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>".encode())
        cmap = writer.stream("/Filter /FlateDecode", zlib.compress(self.to_unicode(), 9))
        writer.objects[ref - 1] = (f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
                                   f"/DescendantFonts [{descendant} 0 R] /ToUnicode {cmap} 0 R >>").encode()


def place(origin: tuple[float, float], skew: tuple[float, ...], dpi: float, page_height: float,
          shift: tuple[float, float]) -> tuple[float, float]:
    """Where a point of the source page (PDF points, y up) lies in the scan's image, plus the layer's shift."""
    s = dpi / 72
    m = np.asarray(skew).reshape(2, 3)
    x, y = m @ np.array([origin[0] * s, (page_height - origin[1]) * s, 1.0])
    return float(x / s + shift[0]), float(page_height - y / s + shift[1])


def skew_angle(skew: tuple[float, ...]) -> float:
    """The skew's angle in radians, counter-clockwise on the page (cv2's angle: counter-clockwise as seen)."""
    return float(np.arctan2(skew[1], skew[0]))


def layer_content(lines: list[list[Word]], plan: LayerPlan, skew: tuple[float, ...], dpi: float,
                  page_height: float, font: LayerFont, font_name: str = "F1") -> bytes:
    """The invisible layer: a text object a line, each word turned, placed and stretched over its image.

    As OCR engines write it: ``3 Tr``, the word's size, a text matrix with the
    skew's rotation at the skewed baseline origin, ``Tz`` so that the word spans
    the word's width in the image, a space after it (but for a line's last word).
    """
    theta = skew_angle(skew)
    cos, sin = np.cos(theta), np.sin(theta)
    parts = []
    for line in lines:
        ops = ["BT", "3 Tr"]
        for n, w in enumerate(line):
            codes, advance = font.encode(w.text)
            if not codes or advance <= 0:
                continue
            space = font.encode(" ")[0] if n < len(line) - 1 else ""  # hangs past the word, into the gap
            x, y = place(w.origin, skew, dpi, page_height, plan.shift)
            stretch = 100.0 * max(w.x1 - w.x0, 0.5 * w.size) / (advance * w.size / 1000)
            ops.append(f"/{font_name} {w.size:.2f} Tf {stretch:.2f} Tz "
                       f"{cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {x:.2f} {y:.2f} Tm <{codes}{space}> Tj")
        if len(ops) > 2:
            parts.append("\n".join([*ops, "ET"]))
    return ("\n".join(parts) + "\n").encode() if parts else b""


@dataclass
class Layer:
    """A page's layer: its plan, the lines as the device read them, what the damage did, the PDF operators."""

    plan: LayerPlan
    lines: list[list[Word]]
    damage: Damage
    content: bytes


def text_layer(chars: list[dict[str, Any]], page_height: float, skew: tuple[float, ...], dpi: float,
               rng: np.random.Generator, page: int, font: LayerFont) -> Layer:
    """The device OCR's layer for the source page's ``chars`` (pdfplumber's), drawn after the image's draws."""
    plan = plan_layer(rng, page)
    lines, report = damage(reading_lines(chars), plan, rng)
    if plan.fate == "none":
        return Layer(plan, [], report, b"")
    return Layer(plan, lines, report, layer_content(lines, plan, skew, dpi, page_height, font))


__all__ = ["LOOK_ALIKES", "Layer", "LayerFont", "LayerPlan", "Word", "damage", "layer_content", "plan_layer",
           "reading_lines", "sandwich", "sheet_fate", "skew_matrix", "text_layer"]
