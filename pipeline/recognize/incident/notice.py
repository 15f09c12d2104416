"""A notice's running text -> sections by role -> incident blocks, without a per-authority config.

Reading a notice as a reader does, knowing only the vocabulary (``vocabulary.py``):

* ``lines_to_paragraphs``: PDF lines joined across wraps (a line that reaches the right margin
  and does not end a sentence continues on the next one);
* ``paragraphs_to_sections``: a paragraph that is short, has no 「。」 and contains a heading word
  of some role (概要, 経緯, 原因, 担当 …) starts a section, whatever numbering or bullet is in
  front of it (1 / (1) / ア / ・ / ■ / ◎ / 第1 / 【…】); 「発生日：令和6年…」 is a heading with its
  value on the same line;
* ``sections_to_blocks``: a report of several incidents has a sub-title per incident that ends
  in a type word (「…における書類の誤交付」, 「■事案2 …の誤送付」); each is one block, and a notice
  without such sub-titles is one block.

The fields of a block are read in ``fields_of_block`` (module ``evidence``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.normalize import normalize_text
from pipeline.recognize.incident.vocabulary import IncidentVocabulary
from pipeline.recognize.incident.words import _squash
from pipeline.types import BBox, TextLine

# Numbering and bullets in front of a heading; what follows must be a space, a bracket or text
# right after a symbol. Digits glued to a counter (「2年生」, 「11月14日」) are no label.
_LABEL = re.compile(
    r"^(?:第\s*[0-9一二三四五六七八九十]+[.、]?\s*"
    r"|[0-9]{1,2}(?:[.、]|\s)\s*"
    r"|[(（][0-9一二三四五六七八九十アイウエオカキクケコ]{1,2}[)）]\s*"
    r"|[一二三四五六七八九十]{1,2}(?:[.、]|\s)\s*"
    r"|[アイウエオカキクケコ](?:[.、]|\s)\s*"
    r"|[■□◎○●◆◇・※\-－]\s*)"
)
_GLUED = re.compile(r"^[0-9]{1,2}(?![0-9,.年月日時分件人名通枚号条項歳回か箇世冊部台点週度])")
_BRACKETED = re.compile(r"^[【\[［(（](?P<h>[^】\]］)）]{1,14})[】\]］)）]\s*(?P<v>.*)$")
_INLINE = re.compile(r"^(?P<h>[^\s:：。、]{1,16}?)\s*[:：]\s*(?P<v>.+)$|^(?P<h2>[^\s:：。、]{1,16})\s+(?P<v2>\S.*)$")
_DATE_START = re.compile(r"(?:令和|平成|昭和)\s*(?:元|[0-9])|(?:19|20)[0-9]{2}\s*年|[RHS][0-9]{1,2}\.|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日")
_BLOCK_NO = re.compile(r"^(?:事案|案件|事例|その)[0-9一二三四五六七八九十]+")
_TITLE_TAIL = re.compile(r"(?:について|に関する(?:報告|お知らせ)|の件|の発生|事案|事故)+$")
# A line that is the notice's date: the date alone, or after a press release's 「発表日」 label, with
# the western year glossed after the era's (「令和6年(2024年)」) and the weekday after it, if printed.
_DATE_ONLY = re.compile(
    r"^(?:(?:発表|公表|発信|発行|報告)日|日付)?[:：]?"
    r"(?:(?:令和|平成|昭和)(?:元|[0-9]+)年(?:\((?:19|20)[0-9]{2}年?\))?|(?:19|20)[0-9]{2}年)[0-9]{1,2}月[0-9]{1,2}日"
    r"(?:\([月火水木金土日](?:曜日?)?\))?$"
    r"|^[RHS](?:元|[0-9]{1,2})\.[0-9]{1,2}\.[0-9]{1,2}$"
)
MAX_HEADING_CHARS = 24  # a heading line without a value: longer is prose
MAX_BLOCK_TITLE_CHARS = 40


@dataclass(frozen=True)
class NoticeParagraph:
    first_line: int  # index into the document's lines
    text: str  # normalized (NFKC …), wrapped lines joined
    page_no: int
    bbox: BBox | None
    height: float  # of its first line: the title is printed larger


@dataclass(frozen=True)
class Section:
    """A heading (roles, maybe with its value on the same line) and the paragraphs under it."""

    heading: str  # "" for text before any heading
    label: str  # the numbering or bullet as printed ("1", "(2)", "■"); "" when none
    roles: frozenset[str]
    text: str  # the inline value and the paragraphs under it, joined by "\n"
    first_line: int
    page_no: int
    bbox: BBox | None

    @property
    def flat(self) -> str:
        return _squash(self.text)


@dataclass(frozen=True)
class Block:
    """One incident's sections; ``title`` is its sub-title (the notice's title for a one-incident notice)."""

    title: str
    sections: tuple[Section, ...]


def is_date_only(text: str) -> bool:
    return bool(_DATE_ONLY.match(_squash(text)))


def lines_to_paragraphs(lines: Sequence[TextLine], indices: Sequence[int]) -> list[NoticeParagraph]:
    """Lines joined across wraps: a line continues when it reaches its page's right margin (within
    one and a half character heights) and does not end with 「。」, and the next line does not start
    with a label or bracket. Lines without boxes are a paragraph each."""
    margins: dict[int, tuple[float, float]] = {}
    for i in indices:
        ln = lines[i]
        left, right = margins.get(ln.page_no, (ln.bbox.x0, ln.bbox.x1))
        margins[ln.page_no] = (min(left, ln.bbox.x0), max(right, ln.bbox.x1))
    out: list[NoticeParagraph] = []
    pending: list[int] = []

    def flush() -> None:
        if pending:
            first = lines[pending[0]]
            text = "".join(normalize_text(lines[k].text).strip() for k in pending)
            box = first.bbox
            for k in pending[1:]:
                if lines[k].page_no == first.page_no:
                    box = box.union(lines[k].bbox)
            out.append(NoticeParagraph(pending[0], text, first.page_no, box, first.bbox.bottom - first.bbox.top))
            pending.clear()

    for i in indices:
        ln = lines[i]
        if not ln.text.strip():
            continue
        if pending and not _continues(lines[pending[-1]], ln, margins):
            flush()
        pending.append(i)
    flush()
    return out


def _continues(prev: TextLine, line: TextLine, margins: dict[int, tuple[float, float]]) -> bool:
    """A wrapped line spans the text width: it starts at the left margin (字下げ of up to two
    characters allowed) and reaches the right one; a right-aligned date or signature does not."""
    height = prev.bbox.bottom - prev.bbox.top
    if height <= 0 or prev.page_no != line.page_no:
        return False
    text = normalize_text(line.text).strip()
    if _LABEL.match(text) or _BRACKETED.match(text) or prev.text.rstrip().endswith("。"):
        return False
    left, right = margins[prev.page_no]
    return prev.bbox.x0 <= left + 2.5 * height and prev.bbox.x1 >= right - 1.5 * height


def split_label(text: str) -> tuple[str, str]:
    """(label, rest): 「(1)事案の概要」 -> ("(1)", "事案の概要"); OCR's glued 「2経緯」 too, unless a
    counter follows the number (「2名分」, 「11月」)."""
    m = _LABEL.match(text) or _GLUED.match(text)
    if not m:
        return "", text
    return m.group(0).strip(), text[m.end():].strip()


def heading_of(text: str, vocab: IncidentVocabulary) -> tuple[str, str, str, frozenset[str]] | None:
    """(label, heading, inline value, roles) when the paragraph is a heading, else None."""
    label, rest = split_label(normalize_text(text).strip())
    if (m := _BRACKETED.match(rest)) is not None and (roles := vocab.roles_of(m.group("h"))):
        return label, m.group("h").strip(), m.group("v").strip(), roles
    if (m := _DATE_START.search(rest)) is not None and m.start() > 0:
        # 「発生日時：令和6年…」, or OCR's 「発生日時令和 6 年…」 with the gap lost
        head = rest[:m.start()].strip().rstrip(":：").strip()
        if len(_squash(head)) <= 16 and (roles := vocab.roles_of(head)) and "。" not in head:
            return label, head, rest[m.start():].strip(), roles
    if _DATE_START.match(_squash(rest)) or any(_squash(rest).startswith(w) for w in vocab.same_day + vocab.next_day):
        return None  # a dated line is a timeline entry, whatever words it has (「翌日…発見できず」)
    if (m := _INLINE.match(rest)) is not None:
        head = m.group("h") or m.group("h2")
        value = m.group("v") or m.group("v2")
        if (roles := vocab.roles_of(head)) and not is_date_only(head):
            return label, head, value.strip(), roles
    flat = _squash(rest)
    if flat and len(flat) <= MAX_HEADING_CHARS and "。" not in flat and (roles := vocab.roles_of(flat)):
        return label, rest, "", roles
    return None


def paragraphs_to_sections(paragraphs: Sequence[NoticeParagraph], vocab: IncidentVocabulary) -> list[Section]:
    sections: list[Section] = []
    head: tuple[str, str, frozenset[str]] = ("", "", frozenset())
    body: list[str] = []
    first: NoticeParagraph | None = None

    def flush() -> None:
        if first is not None and (head[1] or body):
            sections.append(Section(head[1], head[0], head[2], "\n".join(t for t in body if t),
                                    first.first_line, first.page_no, first.bbox))

    for p in paragraphs:
        if not head[1] and incident_paragraph(p.text, vocab):
            # one incident told in one numbered paragraph: its own block, the paragraph its overview
            flush()
            label, rest = split_label(normalize_text(p.text).strip())
            head, body, first = (label, "", frozenset({"block", "overview"})), [rest], p
            continue
        h = None if block_title(p.text, vocab) else heading_of(p.text, vocab)
        if h is None and not block_title(p.text, vocab):
            if "block" in head[2] and "overview" in head[2]:  # the text after a numbered incident
                flush()
                head, body, first = ("", "", frozenset()), [], None
            if first is None:
                first = p
            body.append(p.text)
            continue
        flush()
        if h is None:  # an incident's sub-title: a section without a role, its own block start
            head, body, first = (split_label(p.text)[0], split_label(p.text)[1], frozenset({"block"})), [], p
        else:
            head, body, first = (h[0], h[1], h[3]), [h[2]], p
    flush()
    return sections


def incident_paragraph(text: str, vocab: IncidentVocabulary) -> bool:
    """A numbered paragraph that tells one incident whole (「2．令和6年7月9日、…2名分を見失いました。」): a
    numeral label (not a bullet), sentences, a date, a type named or described and a count of what was
    lost or sent. A report of several incidents without sub-titles prints them so; only outside any
    heading (a timeline's numbered items are events of one incident), and the count keeps an unheaded
    notice's 「2．5月3日、誤送付が判明しました。」 an event of its incident, not an incident of its own."""
    label, rest = split_label(normalize_text(text).strip())
    if not label or not re.search(r"[0-9一二三四五六七八九十]", label) or "。" not in rest:
        return False
    flat = _squash(rest)
    counted = any(re.search(rf"[0-9]{re.escape(u)}", flat) for units in vocab.units for u in units)
    return bool(_DATE_START.search(flat)) and counted and bool(vocab.type_hits(rest))


def block_title(text: str, vocab: IncidentVocabulary) -> bool:
    """A sub-title that names one incident: labelled or bracketed, short, no 「。」, and ending in a
    type word (「2 保健福祉事務所における書類の誤交付」, 「■事案1 国民健康保険証の紛失」), or 事案N."""
    norm = normalize_text(text).strip()
    label, rest = split_label(norm)
    flat = _squash(rest)
    if _BLOCK_NO.match(flat):
        return True
    if not label or "。" in flat or len(flat) > MAX_BLOCK_TITLE_CHARS:
        return False
    core = _TITLE_TAIL.sub("", flat)
    return any(core.endswith(w) for _, words in vocab.types for w in words)


def sections_to_blocks(sections: Sequence[Section], title: str) -> tuple[list[Section], list[Block]]:
    """(sections common to all, blocks): blocks start at each incident sub-title when there are two or
    more; otherwise the whole notice is one block under its title."""
    starts = [k for k, s in enumerate(sections) if "block" in s.roles]
    if len(starts) < 2:
        return [], [Block(title, tuple(sections))]
    common = list(sections[:starts[0]])
    blocks = []
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(sections)
        blocks.append(Block(sections[k].heading or _first_sentence(sections[k].text), tuple(sections[k:end])))
    return common, blocks


def _first_sentence(text: str) -> str:
    """A numbered incident paragraph's title: its first sentence, which says what happened."""
    return text.split("。")[0].strip()
