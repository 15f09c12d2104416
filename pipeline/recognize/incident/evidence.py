"""What a block of a notice says: type, dates, count, department, records -- each with its doubts.

Every reader here takes text (whitespace removed) and the vocabulary, and returns a value and
the notes that say what was ambiguous or missing; ``notice.py`` cuts the text, ``generic.py``
assembles the Incident. Nothing is guessed silently: a field not printed stays None with a
note naming it, and a choice between candidates (two counts, two departments) is noted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.normalize import NormalizeError, parse_count
from pipeline.recognize.incident.notice import Section
from pipeline.recognize.incident.timeline import DateMention, find_dates
from pipeline.recognize.incident.vocabulary import IncidentVocabulary
from pipeline.recognize.incident.words import _squash

_RANGE = re.compile(r"^(?:から|～|~|ー|－)(?:同年|同月)?$")
_SENTENCE_END = "。\n"
_NUMBER = r"(?P<n>[0-9][0-9,]*)"
_MUNICIPALITY = re.compile(
    r"^(?P<m>(?:北海道|東京都|京都府|大阪府|[^\s0-9]{2,3}県)?(?:[^\s0-9]{1,4}?[市区町村](?!立|民|長|役所))?)"
)


@dataclass(frozen=True)
class Count:
    value: int
    approx: bool
    text: str  # as printed
    unit_rank: int  # 0 = the best counter class (名分/人分)
    marker: str  # "total", "part" or ""
    start: int


def counts_in(flat: str, vocab: IncidentVocabulary) -> list[Count]:
    """Every number with a counter of the vocabulary in the text, best counter classes known."""
    units = sorted(((u, rank) for rank, cls in enumerate(vocab.units) for u in cls), key=lambda t: -len(t[0]))
    before = "|".join(map(re.escape, sorted(vocab.approx_before + vocab.total_before, key=len, reverse=True)))
    after = "|".join(map(re.escape, vocab.approx_after)) or "(?!)"
    pattern = re.compile(
        rf"(?P<pre>{before})?{_NUMBER}(?P<u>{'|'.join(re.escape(u) for u, _ in units)})(?P<post>{after})?"
    )
    rank = dict(units)
    out = []
    for m in pattern.finditer(flat):
        if m.start() > 0 and flat[m.start() - 1] in "第0123456789.":
            continue
        try:
            value = parse_count(m.group("n"))
        except NormalizeError:
            continue
        pre = m.group("pre") or ""
        window = flat[max(0, m.start() - 6):m.start()]
        sentence_start = max(flat.rfind(c, 0, m.start()) for c in _SENTENCE_END) + 1
        marker = ("total" if pre in vocab.total_before and pre
                  else "part" if any(w in flat[sentence_start:m.start()] for w in vocab.part_before) else "")
        approx = bool((pre and pre in vocab.approx_before) or m.group("post")
                      or any(window.endswith(w) for w in vocab.approx_before))
        out.append(Count(value, approx, m.group(0), rank[m.group("u")], marker, m.start()))
    return out


def pick_count(texts: Sequence[str], vocab: IncidentVocabulary) -> tuple[Count | None, list[str]]:
    """The count of people (or items) affected, from the first text that has one: a total (計) wins,
    then the part after うち (「994件を郵送し、そのうち1名分」), then the best counter, first printed."""
    notes: list[str] = []
    for text in texts:
        found = counts_in(text, vocab)
        if not found:
            continue
        totals = [c for c in found if c.marker == "total"]
        parts = [c for c in found if c.marker == "part"]
        best = totals[0] if totals else parts[0] if parts else min(found, key=lambda c: (c.unit_rank, c.start))
        others = [c.text for c in found if c is not best and c.value != best.value]
        if others:
            why = "a total (計)" if totals else "the part after うち" if parts else "the first count of people"
            notes.append(f"affected_count: took {best.text!r}, {why}, over {others}")
        return best, notes
    notes.append("affected_count: no number with a counter (名, 人, 件 …) in the count, records or overview text")
    return None, notes


@dataclass(frozen=True)
class Dated:
    mention: DateMention
    clause: str  # the text from this date to the next one (or the end of its sentence)
    sentence: str
    section: int  # index of the section it is in


def dated_clauses(sections: Sequence[Section], anchor: date | None, vocab: IncidentVocabulary) -> list[Dated]:
    """Every date of the block with the clause it governs; 「XからYまで」 is one date (X) whose clause
    runs on past Y. Dates are resolved in reading order (year from the previous date, else from the
    notice's date)."""
    out: list[Dated] = []
    previous: date | None = None
    for k, s in enumerate(sections):
        flat = _squash(s.heading) + "：" + s.flat if s.heading else s.flat
        mentions = find_dates(flat, previous, anchor, vocab.same_day, vocab.next_day)
        for n, m in enumerate(mentions):
            if n > 0 and _RANGE.match(flat[mentions[n - 1].end:m.start]):
                continue
            nxt = next((x for x in mentions[n + 1:] if not _RANGE.match(flat[m.end:x.start])), None)
            end_sentence = min((i for i in (flat.find(c, m.end) for c in _SENTENCE_END) if i >= 0), default=len(flat))
            end = min(nxt.start if nxt else len(flat), end_sentence)
            start_sentence = max(flat.rfind(c, 0, m.start) for c in _SENTENCE_END) + 1
            out.append(Dated(m, flat[m.end:end], flat[start_sentence:end_sentence], k))
        if mentions:
            previous = next((m.on for m in reversed(mentions) if m.on), previous)
    return out


def pick_dates(sections: Sequence[Section], dated: Sequence[Dated], vocab: IncidentVocabulary,
               reported_on: date | None = None) -> tuple[date | None, date | None, list[str]]:
    """(occurred_on, discovered_on, notes): a section whose heading names the role gives its first
    date; otherwise the first date whose clause has an occurrence cue (and no discovery cue), and
    the date of the first clause with a discovery cue, cues tried in the vocabulary's order. A date
    that says when a notice was published (「8月30日にお知らせした」: ``published_cues``) dates no event,
    nor does one after the notice's own date (「9月30日から順次郵送でお詫び」: what will be done)."""
    notes: list[str] = []
    occurred = _by_role(sections, dated, "occurred", "discovered", vocab.discovered_cues)
    discovered = _by_role(sections, dated, "discovered", "occurred", vocab.occurred_cues)
    dated = [d for d in dated if not vocab.has_any(_clause_head(d.clause), vocab.published_cues)
             and not (reported_on and d.mention.on and d.mention.on > reported_on)]
    if occurred is None:
        occurred = _occurrence(dated, vocab, lambda clause: clause) or _occurrence(dated, vocab, _clause_head)
    if discovered is None:
        for cue in vocab.discovered_cues:
            discovered = next((d.mention for d in dated if d.mention.on and cue in d.clause), None)
            if discovered is not None:
                break
    if discovered is None:
        discovered = _dated_after_cue(dated, vocab)
    if discovered is None:
        discovered = _undated_cue(sections, dated, vocab, notes)
    for name, m in (("occurred_on", occurred), ("discovered_on", discovered)):
        if m is None:
            notes.append(f"{name}: not printed (no date under a {name.split('_')[0]} heading or with its cue words)")
        elif m.note:
            notes.append(f"{name}: {m.note}")
    return (occurred.on if occurred else None), (discovered.on if discovered else None), notes


def _occurrence(dated: Sequence[Dated], vocab: IncidentVocabulary, part: Callable[[str], str]) -> DateMention | None:
    """The first date whose ``part`` of its clause has an occurrence cue and no discovery cue. The whole clause
    first; then its head up to the first comma, what the date itself governs, though the sentence goes on to
    say it was found: 「5月31日に発送した…のうち、…を入れていたことが分かりました」 dates the sending."""
    return next((d.mention for d in dated if d.mention.on and vocab.has_any(part(d.clause), vocab.occurred_cues)
                 and not vocab.has_any(part(d.clause), vocab.discovered_cues)), None)


def _dated_after_cue(dated: Sequence[Dated], vocab: IncidentVocabulary) -> DateMention | None:
    """The one date of a sentence that names the discovery before it: 「紛失が分かったのは、…気付いた7月10日です」."""
    per_sentence = Counter((d.section, d.sentence) for d in dated)
    for cue in vocab.discovered_cues:
        for d in dated:
            if d.mention.on and per_sentence[d.section, d.sentence] == 1 and cue in d.sentence.split(d.mention.raw)[0]:
                return d.mention
    return None


def _clause_head(clause: str) -> str:
    """A date's clause up to its first comma: what the date itself governs (「8月30日にお知らせした、…誤廃棄
    について」 is a publication date, whatever the clause names after the comma)."""
    return re.split("[、,]", clause, maxsplit=1)[0]


def _by_role(sections: Sequence[Section], dated: Sequence[Dated], role: str, exclude: str,
             other_cues: Sequence[str] = ()) -> DateMention | None:
    """The first date of the first section whose heading names ``role`` and neither names ``exclude`` nor
    has its cue words: 「発生から判明までの経過」 dates the occurrence first, not the discovery."""
    for k, s in enumerate(sections):
        if role in s.roles and exclude not in s.roles and not any(w in _squash(s.heading) for w in other_cues):
            hit = next((d.mention for d in dated if d.section == k and d.mention.on), None)
            if hit is not None:
                return hit
    return None


def _undated_cue(sections: Sequence[Section], dated: Sequence[Dated], vocab: IncidentVocabulary,
                 notes: list[str]) -> DateMention | None:
    """A sentence that says it was discovered but prints no date (「戻った後、ないことに気づきました」)
    refers to the date just before it; taken with a note."""
    for k, s in enumerate(sections):
        for sentence in s.flat.split("。"):
            if not vocab.has_any(sentence, vocab.discovered_cues):
                continue
            at = s.flat.find(sentence)
            before = [d for d in dated if d.mention.on and (d.section < k or (d.section == k and d.mention.end <= at))]
            if before and not any(d.section == k and d.sentence == sentence for d in dated):
                notes.append(f"discovered_on: the sentence {sentence[:24]!r} has no date; took the date before it "
                             f"({before[-1].mention.raw})")
                return before[-1].mention
    return None


def municipality_of(texts: Sequence[str]) -> str | None:
    """The authority's municipality or prefecture from its printed name (「大阪市こども青少年局」 -> 大阪市)."""
    for text in texts:
        m = _MUNICIPALITY.match(_squash(text))
        if m and m.group("m"):
            return m.group("m")
    return None


def clean_department(text: str, municipality: str | None, vocab: IncidentVocabulary) -> str | None:
    """A department as printed, without the role word in front, a phone number after it, or the
    authority's name (kept when what follows is 立: 「岡山県立倉敷青陵高等学校」)."""
    flat = _squash(text)
    for role_word in vocab.role_words("department"):
        if flat.startswith(role_word):
            flat = flat[len(role_word):].lstrip("先:：課")
    flat = re.split(r"電話|TEL|Tel|℡|\(|（|内線", flat)[0]
    if municipality and flat.startswith(municipality) and not flat[len(municipality):].startswith("立"):
        flat = flat[len(municipality):]
    flat = flat.strip("、。:：")
    if not flat or not flat.endswith(tuple(vocab.department_suffixes)) or len(flat) > 40 or flat[0].isdigit():
        return None  # a name never starts with a digit: 「2発生場所」 is OCR's heading with its number glued
    return flat
