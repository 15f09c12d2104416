"""Where configuration lives, and the one rule that says what a report-type file is.

``config/`` at the top of the checkout is the only configuration folder: every
stage that has a default file finds it under ``CONFIG_DIR``. A file in
``config/report_types/`` says what it is by its content, not by its name: one
that declares ``[tables]`` is a table report type (pipeline.config.report_types),
one that declares ``[recognize]`` is an incident report type
(pipeline.recognize.incident.config). Anything else is a ConfigError naming
the file, so a misnamed or half-written file never goes unread in silence.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
REPORT_TYPE_KINDS = {"tables": "tables", "recognize": "incident"}  # the table a file declares -> its kind


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; ConfigError naming the file when it cannot be read or is not TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def report_type_kind(data: dict[str, Any], path: Path) -> str:
    """``tables`` or ``incident``, by which of [tables] and [recognize] the file declares (exactly one)."""
    declared = [key for key in REPORT_TYPE_KINDS if key in data]
    if len(declared) != 1:
        found = " and ".join(f"[{k}]" for k in declared) or "neither"
        raise ConfigError(f"{path}: a report type declares either [tables] (a table report type) or "
                          f"[recognize] (an incident report type); found {found}")
    return REPORT_TYPE_KINDS[declared[0]]


def report_type_files(folder: Path) -> tuple[tuple[Path, str, dict[str, Any]], ...]:
    """(path, kind, data) of every ``*.toml`` in ``folder`` (config/report_types), in name order."""
    out = []
    for path in sorted(Path(folder).glob("*.toml")):
        data = read_toml(path)
        out.append((path, report_type_kind(data, path), data))
    return tuple(out)
