"""The character maps in effect: the run's Config's, or the checkout's config/ by default.

The maps are data a reviewer can read and diff (TSV, a source column on every
row); ``read_charmaps`` reads and validates one config folder's set.

normalize_text (variants.tsv), the OCR fixes (ocr_confusions.tsv) and the match
stage's comparison keys (ocr/folds.tsv, ocr/tesseract_jpn_missing.tsv) are called
for every cell of every table, from dozens of places in recognize and match.
Passing the maps down through every one of those calls would thread a Config
argument through functions that are otherwise pure ``str -> str``, so instead this
module holds the *active* maps: the run installs its Config's maps for the duration
of a document (``using_charmaps``), and every normalizer reads ``active_charmaps()``.

Without an installed set (tests, scripts) the checkout's config/ is read once per
process, lazily. The holder is a ContextVar, so a thread or an asyncio task that
installs maps does not change what another one sees, and leaving the ``with``
block restores whatever was active before, even on an exception.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pipeline.config.files import CONFIG_DIR

VARIANTS_TSV = CONFIG_DIR / "variants.tsv"
OCR_CONFUSIONS_TSV = CONFIG_DIR / "ocr_confusions.tsv"
VARIANT_COLUMNS = ("variant", "standard", "source")
OCR_CONFUSION_COLUMNS = ("ocr", "japanese", "source", "why")


def read_char_map(path: Path, columns: tuple[str, ...]) -> dict[str, str]:
    """Read a ``from<TAB>to<TAB>...`` table of single characters.

    ``#`` lines are comments; the first other line must be the header
    ``columns``. Every row must map one code point to one code point, so the
    table can be applied with str.translate and never changes text length.
    A malformed file raises ValueError naming the file and line, because a
    silently skipped row would silently stop fixing text.
    """
    mapping: dict[str, str] = {}
    header_seen = False
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{path}:{line_no}"
        if not header_seen:
            if tuple(fields) != columns:
                raise ValueError(f"{where}: expected header {columns}, found {tuple(fields)}")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise ValueError(f"{where}: expected {len(columns)} tab-separated fields, found {len(fields)}")
        src, dst = fields[0], fields[1]
        if len(src) != 1 or len(dst) != 1:
            raise ValueError(f"{where}: {src!r} -> {dst!r} must map one code point to one code point")
        if src in mapping and mapping[src] != dst:
            raise ValueError(f"{where}: {src!r} mapped twice ({mapping[src]!r} and {dst!r})")
        mapping[src] = dst
    if not header_seen:
        raise ValueError(f"{path}: no header line {columns}")
    return mapping


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so derived tables can be cached per set
class CharMaps:
    """One config folder's character maps (what a Config carries as ``charmaps``)."""

    variants: dict[str, str]  # variants.tsv: old/variant kanji, CJK radicals -> standard ideograph
    ocr_confusions: dict[str, str]  # ocr_confusions.tsv: simplified forms PP-OCR emits -> Japanese
    ocr_folds: dict[str, str]  # ocr/folds.tsv: look-alikes and two spellings, for match keys only
    ocr_unreadable: str  # ocr/tesseract_jpn_missing.tsv: characters Tesseract's jpn model cannot output

    @cached_property
    def variant_table(self) -> dict[int, str]:
        """``variants`` as a str.translate table (built once per set, not per call)."""
        return {ord(k): v for k, v in self.variants.items()}

    @cached_property
    def ocr_confusion_table(self) -> dict[int, str]:
        """``ocr_confusions`` as a str.translate table."""
        return {ord(k): v for k, v in self.ocr_confusions.items()}


def tsv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a config/ocr table (a header line, ``#`` comments) as dicts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader((ln for ln in lines if not ln.startswith("#")), delimiter="\t"))


def _column(path: Path, rows: list[dict[str, str]], *names: str) -> list[tuple[str, ...]]:
    """The named columns of every row; a missing column is a ValueError naming the file."""
    try:
        return [tuple(row[n] for n in names) for row in rows]
    except KeyError as exc:
        raise ValueError(f"{path}: missing column {exc}") from None


def read_charmaps(folder: Path) -> CharMaps:
    """The four character maps of a config folder; a bad file raises ValueError naming it."""
    folds, missing = folder / "ocr" / "folds.tsv", folder / "ocr" / "tesseract_jpn_missing.tsv"
    return CharMaps(
        variants=read_char_map(folder / "variants.tsv", VARIANT_COLUMNS),
        ocr_confusions=read_char_map(folder / "ocr_confusions.tsv", OCR_CONFUSION_COLUMNS),
        ocr_folds={src: dst for src, dst in _column(folds, tsv_rows(folds), "from", "to")},
        ocr_unreadable="".join(c for (c,) in _column(missing, tsv_rows(missing), "char")),
    )


@cache
def default_charmaps() -> CharMaps:
    """The checkout's config/ maps, read once per process: what is active when a run installed none."""
    return read_charmaps(CONFIG_DIR)


_ACTIVE: ContextVar[CharMaps | None] = ContextVar("charmaps", default=None)


def variant_map() -> dict[str, str]:
    """The checkout's variants.tsv (tests and dev tools; a run reads ``active_charmaps()``)."""
    return default_charmaps().variants


def ocr_confusion_map() -> dict[str, str]:
    """The checkout's ocr_confusions.tsv (tests and dev tools; a run reads ``active_charmaps()``)."""
    return default_charmaps().ocr_confusions


def active_charmaps() -> CharMaps:
    """The maps every normalizer uses now: the installed set, else the checkout's."""
    return _ACTIVE.get() or default_charmaps()


@contextmanager
def using_charmaps(maps: CharMaps | None) -> Iterator[CharMaps]:
    """Make ``maps`` the active set inside the block (None: the checkout's), then restore the previous set."""
    token = _ACTIVE.set(maps)
    try:
        yield active_charmaps()
    finally:
        _ACTIVE.reset(token)
