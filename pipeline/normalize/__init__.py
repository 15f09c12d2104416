"""normalize stage: one canonical spelling for text, and typed values from cells.

Pure functions over str, no I/O except reading the checkout's character
tables in config/ once when a run installed none (normalize/charmaps.py). Free text goes through normalize_text (or normalize_department,
or normalize_ocr_text for OCR output); typed cells through the parse_*
functions, which raise NormalizeError rather than guess. See docs/normalize.md.
"""

from pipeline.normalize.dates import parse_fiscal_year, parse_wareki_date, resolve_month_day
from pipeline.normalize.errors import NormalizeError
from pipeline.normalize.ocr import normalize_ocr_text
from pipeline.normalize.text import normalize_department, normalize_text, normalize_title
from pipeline.normalize.values import parse_count, parse_flag

__all__ = [
    "NormalizeError",
    "normalize_department",
    "normalize_ocr_text",
    "normalize_text",
    "normalize_title",
    "parse_count",
    "parse_fiscal_year",
    "parse_flag",
    "parse_wareki_date",
    "resolve_month_day",
]
