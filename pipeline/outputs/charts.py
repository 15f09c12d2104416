"""Charts for the report, drawn with matplotlib in the IPAex Gothic font.

Japanese labels need a font that has the glyphs: the IPAex file is registered
with matplotlib's font_manager and passed explicitly, so no global rcParams
change leaks into other code. Figures are made with ``Figure`` (no pyplot, no
GUI backend) and saved as SVG with the text drawn as paths, so a browser
without Japanese fonts shows the same labels.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

log = logging.getLogger(__name__)

FONT_PATHS = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/opentype/ipaexfont/ipaexg.ttf"),
)
CRITERION_LABELS = {
    "outsourcing": "外部委託",
    "purpose_external_use": "目的外利用",
    "external_provision": "外部提供",
    "online_link": "オンライン結合・システム導入",
}
COLORS = {"outsourcing": "#4e79a7", "purpose_external_use": "#f28e2b", "external_provision": "#59a14f",
          "online_link": "#b07aa1"}
SENSITIVE_COLOR = "#e15759"
TOP_DEPARTMENTS = 25


class FontMissing(Exception):
    """The IPAex Gothic font is not installed (Debian: apt-get install fonts-ipaexfont)."""


@lru_cache(maxsize=1)
def japanese_font() -> str:
    """Register IPAex Gothic with matplotlib and return its family name."""
    path = next((p for p in FONT_PATHS if p.exists()), None)
    if path is None:
        raise FontMissing("IPAex Gothic not found (looked in " + ", ".join(map(str, FONT_PATHS)) +
                          "); install it: apt-get install fonts-ipaexfont")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


@dataclass(frozen=True)
class Bar:
    label: str
    by_criterion: dict[str, int]  # criterion -> cases
    sensitive: int  # cases with 要配慮 = 有

    @property
    def total(self) -> int:
        return sum(self.by_criterion.values())


def _figure(height: float) -> Figure:
    fig = Figure(figsize=(9.5, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=path.suffix.lstrip(".") or "svg", bbox_inches="tight",
                metadata={"Date": None} if path.suffix == ".svg" else None)
    return path


def bars_chart(bars: Sequence[Bar], title: str, path: Path, criteria: Sequence[str]) -> Path:
    """Horizontal bars stacked by criterion, with the sensitive share printed after each bar."""
    family = japanese_font()
    bars = list(bars)
    fig = _figure(max(2.2, 0.32 * len(bars) + 1.3))
    ax = fig.add_subplot()
    labels = [b.label for b in bars][::-1]
    y = range(len(bars))
    left = [0] * len(bars)
    for criterion in criteria:
        widths = [b.by_criterion.get(criterion, 0) for b in bars][::-1]
        if any(widths):
            ax.barh(list(y), widths, left=left, color=COLORS.get(criterion, "#999999"),
                    label=CRITERION_LABELS.get(criterion, criterion), height=0.7)
            left = [a + w for a, w in zip(left, widths)]
    sens = [b.sensitive for b in bars][::-1]
    ax.barh(list(y), sens, color="none", edgecolor=SENSITIVE_COLOR, hatch="///", linewidth=0.8,
            label="うち要配慮個人情報あり", height=0.7)
    top = max(left, default=0) or 1
    for i, (total, s) in enumerate(zip(left, sens)):
        share = f"{s / total:.0%}" if total else "–"
        ax.text(total + top * 0.01, i, f"{total}件（要配慮 {s}件, {share}）", va="center", fontsize=8,
                family=family)
    ax.set_yticks(list(y), labels, family=family, fontsize=8)
    ax.set_xlim(0, top * 1.35)
    ax.set_xlabel("件数", family=family)
    ax.set_title(title, family=family, fontsize=11)
    ax.legend(prop={"family": family, "size": 8}, loc="upper center", bbox_to_anchor=(0.5, -0.9 / fig.get_figheight()),
              ncol=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def department_bars(rows: Sequence[tuple[str, str, int, int]], top: int = TOP_DEPARTMENTS) -> tuple[list[Bar], Bar | None]:
    """(department, criterion, cases, sensitive) rows -> the ``top`` departments by cases, and the rest merged."""
    by_dept: dict[str, dict[str, int]] = {}
    sens: dict[str, int] = {}
    for dept, criterion, n, s in rows:
        by_dept.setdefault(dept or "（不明）", {})[criterion] = n
        sens[dept or "（不明）"] = sens.get(dept or "（不明）", 0) + s
    ranked = sorted(by_dept, key=lambda d: (-sum(by_dept[d].values()), d))
    bars = [Bar(d, by_dept[d], sens[d]) for d in ranked[:top]]
    rest = ranked[top:]
    if not rest:
        return bars, None
    merged: dict[str, int] = {}
    for d in rest:
        for c, n in by_dept[d].items():
            merged[c] = merged.get(c, 0) + n
    return bars, Bar(f"その他 {len(rest)}部課", merged, sum(sens[d] for d in rest))
