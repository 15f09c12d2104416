"""The marks a printed table carries where it breaks over pages, as data: config/page_breaks.toml.

Two marks, both words rather than layout, so both belong in configuration: a
caption printed again with 「（続き）」 over every page a table continues to (which
no longer equals the first page's caption, so that a join by caption alone would
refuse it), and 「次頁へ続く」 under the last row of every page where it breaks
(which must not be read as the next table's caption, and which promises a
continuation: when none follows, that is a finding).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.config.files import CONFIG_DIR, read_toml
from pipeline.errors import ConfigError

PAGE_BREAKS_TOML = CONFIG_DIR / "page_breaks.toml"
_AROUND = "()[]<>{}〈〉《》「」『』【】〔〕→⇒▶►>…・.-－ー―‐"  # what may stand around a whole-line mark


def mark_key(text: str) -> str:
    """Text as marks are compared: NFKC, white space dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class PageBreakMarks:
    """``continued``: marks a caption ends with on a page its table continues to, longest first;
    ``goes_on``: whole lines under a table's last row on a page where it breaks (both as ``mark_key``)."""

    continued: tuple[str, ...]
    goes_on: frozenset[str]

    def caption_base(self, caption: str) -> str:
        """The caption less a continuation mark at its end (``mark_key``): 「(3) 外部提供の審査基準（続き）」 and
        「(3) 外部提供の審査基準」 have one base; a caption that is only the mark has the base ''."""
        key = mark_key(caption)
        for mark in self.continued:
            if key.endswith(mark):
                return key[: -len(mark)]
        return key

    def is_continued(self, caption: str) -> bool:
        """Does the caption end with a continuation mark?"""
        return self.caption_base(caption) != mark_key(caption)

    def goes_on_line(self, text: str) -> bool:
        """Is the line, brackets and arrows aside, a 「次頁へ続く」 mark?"""
        return mark_key(text).strip(_AROUND) in self.goes_on


def _marks(data: dict[str, object], table: str, path: Path) -> list[str]:
    section = data.get(table)
    marks = section.get("marks") if isinstance(section, dict) else None
    if not isinstance(marks, list) or not marks or not all(isinstance(m, str) and mark_key(m) for m in marks):
        raise ConfigError(f"{path}: needs [{table}] marks = [non-empty strings]")
    return [mark_key(m) for m in marks]


def read_page_breaks(path: Path) -> PageBreakMarks:
    """The marks of ``path``; ConfigError naming the file when a section is missing or empty."""
    data = read_toml(path)
    continued = sorted(set(_marks(data, "continued", path)), key=len, reverse=True)
    goes_on = {m.strip(_AROUND) for m in _marks(data, "goes_on", path)}
    return PageBreakMarks(continued=tuple(continued), goes_on=frozenset(goes_on))


@cache
def page_break_marks() -> PageBreakMarks:
    """The checkout's config/page_breaks.toml, read once per process."""
    return read_page_breaks(PAGE_BREAKS_TOML)
