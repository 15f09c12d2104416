"""The keys results are stored under: what an extraction and a result are a function of.

* ``extractor_key``: the code of the extract stage (pipeline/extract, pipeline/types.py),
  the settings that change what is read (OCR mode, engine, resolution, pixel limits)
  and the two character maps OCR text is normalized with there (variants.tsv,
  ocr_confusions.tsv), and the OCR readers the machine has (``extract/ocr_tools.py``:
  Tesseract's version and model, PP-OCRv5, the word list its reading uses), and the closed values short
  OCR'd cells are scored against (``extract/closed_vocab.py``). Not ``jobs`` or the time limits: they change how fast, or
  whether, never what.
* ``results_key``: the extractor key, every file under the run's config folder and the
  code of the later stages (recognize, match, check, normalize, load's row shapes), and
  the corrections applied (the Config's: they may come from a folder outside it).
  Editing ``config/`` changes this key only (or both, for those two maps), so
  recognition, matching and checks re-run from the stored extraction without reading
  a page again.

Both are short sha1 hex digests of sorted (path, bytes) pairs; the same checkout
on any worker gives the same keys, so a cluster shares one store.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config.files import CONFIG_DIR
from pipeline.config.page_breaks import PAGE_BREAKS_TOML
from pipeline.config.typesetting import TYPESETTING_TOML
from pipeline.normalize.charmaps import CharMaps, default_charmaps

PACKAGE = Path(__file__).resolve().parents[1]
# extract normalizes OCR text, and reads the 禁則 table and the page-break marks through these two config modules
EXTRACT_CODE = ("extract", "normalize", "types.py", "errors.py", "config/typesetting.py", "config/page_breaks.py")
LATER_CODE = ("check", "config", "correct", "load", "match", "normalize", "outputs", "recognize", "run.py")
KEY_CHARS = 16
# ExtractSettings fields that change how fast or whether a document is read, never what is read
NOT_IN_KEY = frozenset({"jobs", "max_seconds_per_document", "max_seconds_per_page", "max_pages"})


def _digest(parts: Iterable[tuple[str, bytes]]) -> str:
    h = hashlib.sha1()
    for name, data in parts:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha1(data).digest())
    return h.hexdigest()[:KEY_CHARS]


def _files(root: Path, under: Iterable[str], suffixes: tuple[str, ...] | None) -> list[tuple[str, bytes]]:
    out = []
    for name in under:
        p = root / name
        found = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file())
        out += [(str(q.relative_to(root)), q.read_bytes()) for q in found
                if "__pycache__" not in q.parts and (suffixes is None or q.suffix in suffixes)]
    return out


@lru_cache(maxsize=8)
def code_fingerprint(parts: tuple[str, ...]) -> str:
    """A digest of pipeline/<parts> source files (cached: code does not change in a run)."""
    return _digest(_files(PACKAGE, parts, (".py", ".sql")))


def later_stage_code() -> tuple[str, ...]:
    """The parts of the package that turn an extraction into rows (not the CLI, executors or store)."""
    return LATER_CODE


def config_fingerprint(config_dir: Path | None = None) -> str:
    """A digest of every file under config/ (read on each call: config is what a user edits)."""
    root = config_dir or CONFIG_DIR
    return _digest(_files(root, [""], None)) if root.is_dir() else "no-config"


def config_key(run_settings: Any) -> str | None:
    """The fingerprint of the Config a run carries (RunSettings.config), None for the checkout's config/."""
    config = getattr(run_settings, "config", None)
    return config.fingerprint if config is not None else None


def corrections_of(run_settings: Any) -> tuple[Any, ...]:
    """The corrections a run's Config holds; () without a Config, whose default run takes config/corrections,
    a folder the config digest already covers."""
    config = getattr(run_settings, "config", None)
    return config.corrections if config is not None else ()


def charmaps_of(run_settings: Any) -> CharMaps | None:
    """The character maps a run installs (its Config's), None for the checkout's."""
    config = getattr(run_settings, "config", None)
    return config.charmaps if config is not None else None


def extract_settings_of(run_settings: Any) -> Any:
    """The run's ExtractSettings, carrying its Config's closed values (``closed_vocab.closed_values``): what
    the OCR'd short cells of its documents are scored against, and part of the extraction's key."""
    from pipeline.extract.closed_vocab import closed_values  # here: importing extract costs 0.3 s

    extract, config = run_settings.extract, getattr(run_settings, "config", None)
    if config is None or extract.closed_values:
        return extract
    return dataclasses.replace(extract, closed_values=closed_values(config))


def _read_by_extract_bytes(path: Path) -> bytes:
    """The bytes of a config file the extractor reads once per process (typesetting.toml, page_breaks.toml)."""
    return path.read_bytes() if path.is_file() else b"none"


def extractor_key(settings: Any, charmaps: CharMaps | None = None) -> str:
    """The key of an extraction made with these ExtractSettings by this checkout's extractor.

    ``charmaps`` (None: the checkout's) are in it because OCR text is normalized in extract
    (normalize_ocr_text): a config with other maps must not reuse another config's OCR text.
    config/typesetting.toml (the 禁則 table the extractor reads wrapping back by) and config/page_breaks.toml
    (the marks it joins a table's pages by) are in it too: an edit to either changes cells or tables, so
    extractions made before the edit must not be reused. So are the OCR readers
    (``ocr_tools_fingerprint``): a worker without PP-OCRv5 or Tesseract's word list reads scans
    differently and must not reuse, or hand a shared store, another worker's reading. So are the closed
    values OCR'd short cells are scored against (``extract/closed_vocab.closed_values``: 有/無 and the
    agencies of the run's config, ``settings.closed_values``, else of the checkout's), which ``Cell.choices``
    holds."""
    from pipeline.extract.closed_vocab import closed_values  # here: importing extract costs 0.3 s
    from pipeline.extract.ocr_tools import ocr_tools_fingerprint


    maps = charmaps or default_charmaps()
    fields = sorted((f.name, repr(getattr(settings, f.name))) for f in dataclasses.fields(settings)
                    if f.name not in NOT_IN_KEY and f.name != "closed_values")  # closed_values: above
    return _digest([("code", code_fingerprint(EXTRACT_CODE).encode()),
                    ("charmaps", repr((sorted(maps.variants.items()), sorted(maps.ocr_confusions.items()))).encode()),
                    ("typesetting", _read_by_extract_bytes(TYPESETTING_TOML)),
                    ("page_breaks", _read_by_extract_bytes(PAGE_BREAKS_TOML)),
                    ("ocr_tools", ocr_tools_fingerprint().encode()),
                    ("closed_values", repr(tuple(settings.closed_values) or closed_values()).encode()),
                    *((name, value.encode()) for name, value in fields)])


def results_key(extract_key: str, corrections: tuple[Any, ...] = (), file_name: str = "",
                config_dir: Path | None = None, config_key: str | None = None) -> str:
    """The key of a document's rows: its extraction, config/, later stages' code, corrections, file name.

    The file name is in the key because documents.file_name is a row: the same bytes
    ingested under another name are recognized again (from the stored extraction).
    ``config_key`` is the run's ``Config.fingerprint`` (taken when it was loaded, so it is
    the config the run uses); without it, config/ is read and digested now.
    """
    return _digest([("extraction", extract_key.encode()), ("file_name", file_name.encode()),
                    ("config", (config_key or config_fingerprint(config_dir)).encode()),
                    ("code", code_fingerprint(later_stage_code()).encode()),
                    ("corrections", repr(corrections).encode())])
