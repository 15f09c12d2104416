"""Load the character tables in config/ (variant kanji, OCR confusions).

Configuration is data: the tables live in TSV files a reviewer can read and
diff, with a source column on every row. They are read lazily, once per
process, because normalize_text is called for every cell of every table.
"""

from __future__ import annotations

import functools
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


@functools.cache
def variant_map() -> dict[str, str]:
    """Old/variant kanji and CJK radicals -> standard ideograph (config/variants.tsv)."""
    return read_char_map(VARIANTS_TSV, VARIANT_COLUMNS)


@functools.cache
def variant_table() -> dict[int, str]:
    """variant_map() as a str.translate table."""
    return {ord(k): v for k, v in variant_map().items()}


@functools.cache
def ocr_confusion_map() -> dict[str, str]:
    """Simplified-Chinese forms PP-OCR emits -> Japanese forms (config/ocr_confusions.tsv)."""
    return read_char_map(OCR_CONFUSIONS_TSV, OCR_CONFUSION_COLUMNS)


@functools.cache
def ocr_confusion_table() -> dict[int, str]:
    """ocr_confusion_map() as a str.translate table."""
    return {ord(k): v for k, v in ocr_confusion_map().items()}
