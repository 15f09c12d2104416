"""Numbered outlines of prose reports: lines -> paragraphs -> a tree of sections.

A Japanese municipal report numbers its headings in a handful of styles, full-
or half-width: ``第1``, ``1``, ``(1)``, ``①``, ``ア``, ``(ア)``, ``一``, ``(一)``.
Which style sits under which differs between wards, so the level of a style is
not configured: it is learned as the document goes (the way a reader does).

* A labelled line whose style is already open on the stack is a sibling there,
  and closes everything below it, if its number follows on (``n`` after
  ``n-1``; no gap is tolerated: OCR's 「3 件」 must not become heading 3).
* A labelled line of a style not on the stack opens a child level, if its
  number is 1.
* Anything else (「3日(月)に搬出」, a wrapped line that happens to start with a
  digit) is running text.
* One exception for OCR, which drops the space after a label (「2事案の経過」):
  a number glued to its text is a label when the caller says the text is a
  heading (``glued``: e.g. it contains a configured heading word), the line is a
  paragraph by itself (starts one and does not wrap), the text has no 「。」 and
  does not start with a counter (「5年の保存期間」, 「3日」 are quantities). The
  stack rules above still apply.

Running text is grouped into paragraphs from the page layout: a PDF line that
reaches the right margin wraps, so the next line continues it; a line that ends
short ends its paragraph. A leading 「- 」 or 「・」 at the start of a paragraph is
an optional bullet (after a wrapped line it is text: 「説明」「・対応する。」), and a
line starting with an ideographic space starts a paragraph.

Every character keeps where it came from (line index and offset in that line),
so marks drawn in the PDF (underlines) can be laid over the joined text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.types import TextLine

_D = "0-9０-９"
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_KANJI_DIGITS = "一二三四五六七八九十"
_SEP = r"(?:[ \t\u3000]+|[.．、](?![0-9０-９])[ \t\u3000]*|$)"

# (style, pattern): the label must be followed by a space, a 「.」/「、」 or the line end;
# bracketed and circled labels need nothing after them.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dai", re.compile(rf"第[ \u3000]*(?P<n>[{_D}]+|[{_KANJI_DIGITS}]+){_SEP}")),
    ("paren_arabic", re.compile(rf"[(（][ \u3000]*(?P<n>[{_D}]{{1,2}})[ \u3000]*[)）][ \t\u3000]*")),
    ("paren_kana", re.compile(rf"[(（][ \u3000]*(?P<n>[{_KANA}])[ \u3000]*[)）][ \t\u3000]*")),
    ("paren_kanji", re.compile(rf"[(（][ \u3000]*(?P<n>[{_KANJI_DIGITS}]{{1,3}})[ \u3000]*[)）][ \t\u3000]*")),
    ("circled", re.compile(r"(?P<n>[\u2460-\u2473])[ \t\u3000]*")),
    ("arabic", re.compile(rf"(?P<n>[{_D}]{{1,2}}){_SEP}")),
    ("kana", re.compile(rf"(?P<n>[{_KANA}]){_SEP}")),
    ("kanji", re.compile(rf"(?P<n>[{_KANJI_DIGITS}]{{1,3}}){_SEP}")),
)

# A number glued to the text after it (OCR dropped the space): 「2事案の経過」, 「第3事案の概要」.
# Not when a counter follows: 「5年」「3日」「2名」 are quantities, never labels.
_COUNTERS = "年月日時分秒件人名通枚箱回号条項款歳才円％%個部冊世帯者度週"
GLUED_LABEL = re.compile(
    rf"(?:(?P<dai>第)[ \u3000]*)?(?P<n>[{_D}]{{1,2}})(?![{_D}.．、,，:：/／\-－~〜])(?=[^\s{_COUNTERS}])"
)

_BULLET = re.compile(r"[ \t\u3000]*(?:[-－‐−][ \t\u3000]+|[・･])[ \t\u3000]*")


@dataclass(frozen=True)
class Label:
    style: str
    number: int
    text: str  # as a path element, half-width: "1", "(1)", "第2", "ア", "①"


@dataclass(frozen=True)
class Piece:
    """A run of characters taken from one TextLine."""

    line_index: int
    start: int  # offset in TextLine.text
    text: str


@dataclass
class Paragraph:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def first_line(self) -> int:
        return self.pieces[0].line_index


@dataclass
class Node:
    """One numbered section. ``lead`` is the paragraph that starts with the label."""

    label: Label | None
    path: str
    lead: Paragraph | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    @property
    def first_line(self) -> int | None:
        if self.lead is not None and self.lead.pieces:
            return self.lead.first_line
        for p in self.paragraphs:
            if p.pieces:
                return p.first_line
        return None


def _kanji_number(s: str) -> int:
    digits = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(s, 0)


def _number(style: str, raw: str) -> int:
    if style in ("kana", "paren_kana"):
        return _KANA.index(raw) + 1
    if style == "circled":
        return ord(raw) - 0x2460 + 1
    if raw and raw[0] in _KANJI_DIGITS:
        return _kanji_number(raw)
    return int(unicodedata.normalize("NFKC", raw))


def _label_text(style: str, raw: str) -> str:
    n = unicodedata.normalize("NFKC", raw) if style != "circled" else raw
    if style.startswith("paren_"):
        return f"({n})"
    if style == "dai":
        return f"第{n}"
    return n


def strip_bullet(text: str) -> tuple[int, str]:
    """Drop an optional leading 「- 」 / 「・」 bullet; return (chars dropped, rest)."""
    m = _BULLET.match(text)
    if m:
        return m.end(), text[m.end():]
    stripped = text.lstrip(" \t")
    return len(text) - len(stripped), stripped


def match_label(text: str) -> tuple[Label, int] | None:
    """The numbering label a line starts with, and the offset where its text starts."""
    skip, rest = strip_bullet(text)
    for style, pattern in LABEL_PATTERNS:
        m = pattern.match(rest)
        if m:
            raw = m.group("n")
            return Label(style, _number(style, raw), _label_text(style, raw)), skip + m.end()
    return None


def match_glued_label(text: str, glued: Callable[[str], bool]) -> tuple[Label, int] | None:
    """A label without a space after it (「2事案の経過」), accepted only when ``glued(rest of the
    line)`` says the rest is a heading; see the module docstring for when this is tried."""
    skip, rest = strip_bullet(text)
    m = GLUED_LABEL.match(rest)
    if m is None:
        return None
    heading = rest[m.end():]
    if "。" in heading or not glued(heading):
        return None
    style = "dai" if m.group("dai") else "arabic"
    raw = m.group("n")
    return Label(style, _number(style, raw), _label_text(style, raw)), skip + m.end()


class _Stack:
    """The open numbering styles, outermost first, with the last number seen in each."""

    def __init__(self) -> None:
        self.levels: list[tuple[str, int]] = []

    def accept(self, label: Label) -> int | None:
        """The depth the label goes to, or None when it is not a heading here."""
        styles = [s for s, _ in self.levels]
        if label.style in styles:
            depth = styles.index(label.style)
            last = self.levels[depth][1]
            if label.number != last + 1:
                return None
            self.levels[depth:] = [(label.style, label.number)]
            return depth
        if label.number != 1:
            return None
        self.levels.append((label.style, label.number))
        return len(self.levels) - 1


@dataclass(frozen=True)
class Layout:
    """What the page geometry says about wrapping: the right margin of each page's text
    (pages may differ: portrait and landscape in one PDF). No entry: unknown."""

    right_margins: Mapping[int, float]

    @staticmethod
    def of(lines: Sequence[TextLine]) -> Layout:
        by_page: dict[int, list[float]] = {}
        for ln in lines:
            if ln.bbox.x1 > ln.bbox.x0:
                by_page.setdefault(ln.page_no, []).append(ln.bbox.x1)
        every = [x for rights in by_page.values() for x in rights]
        if len(every) < 2 or max(every) - min(every) < 1.0:
            return Layout({})  # no usable boxes: every line is its own paragraph
        # A page with a few lines may have no full line; it gets the widest of the report.
        return Layout({page: max(r) if len(r) >= 5 else max(every) for page, r in by_page.items()})

    def wraps(self, line: TextLine) -> bool:
        """True when the line runs to the right margin (within one character), i.e. its paragraph goes on."""
        right = self.right_margins.get(line.page_no)
        if right is None:
            return False
        size = max(line.bbox.bottom - line.bbox.top, 1.0)
        return line.bbox.x1 >= right - size


def lines_to_outline(
    lines: Sequence[TextLine],
    indices: Sequence[int],
    *,
    stop: Callable[[str], bool] | None = None,
    layout: Layout | None = None,
    numbered: bool = True,
    glued: Callable[[str], bool] | None = None,
) -> tuple[Node, list[int]]:
    """Build the section tree of ``lines[i] for i in indices``.

    Returns the root (its paragraphs are the text before the first heading) and
    the indices from the first line where ``stop(text)`` held (not parsed).
    With ``numbered=False`` no line is a heading: only paragraphs (for appendices,
    whose article numbers are not the report's outline). ``glued(text)`` says whether
    the text after a number with no space after it (OCR: 「2事案の経過」) is a heading;
    without it such a line is running text.
    """
    layout = layout or Layout.of([lines[i] for i in indices])
    root = Node(None, "")
    stack = _Stack()
    open_nodes: list[Node] = [root]
    current: Paragraph | None = None
    prev_wraps = False
    for pos, i in enumerate(indices):
        line = lines[i]
        text = line.text.rstrip()
        if not text.strip():
            prev_wraps = False
            continue
        if stop is not None and stop(text):
            return root, list(indices[pos:])
        found = match_label(text) if numbered else None
        if (
            found is None
            and numbered
            and glued is not None
            and (current is None or not prev_wraps)
            and not layout.wraps(line)
        ):
            found = match_glued_label(text, glued)
        depth = stack.accept(found[0]) if found else None
        if found and depth is not None:
            label, start = found
            parent = open_nodes[depth]
            path = f"{parent.path}/{label.text}" if parent.path else label.text
            current = Paragraph([Piece(i, start, text[start:])])
            node = Node(label, path, lead=current)
            parent.children.append(node)
            open_nodes[depth + 1:] = [node]
        else:
            skip, rest = strip_bullet(text)
            # After a wrapped line a leading 「・」 is text (「説明」「・対応する。」), not a bullet;
            # an ideographic-space indent or (outside the outline) a label still starts a paragraph.
            starts_paragraph = (
                current is None
                or not prev_wraps
                or text.startswith("\u3000")
                or (not numbered and match_label(text) is not None)
            )
            piece = Piece(i, skip, rest) if starts_paragraph else Piece(i, 0, text)
            if starts_paragraph:
                current = Paragraph([piece])
                open_nodes[-1].paragraphs.append(current)
            else:
                assert current is not None
                current.pieces.append(piece)
        prev_wraps = layout.wraps(line)
    return root, []
