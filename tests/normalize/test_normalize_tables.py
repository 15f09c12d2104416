"""config/variants.tsv: its invariants, and that it is what dev/build_variants.py writes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import unicodedata2

from pipeline.normalize.charmaps import VARIANTS_TSV, read_char_map, variant_map

REPO = Path(__file__).resolve().parents[2]
EUI = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
SOURCES = {
    "joyokanji 1.1.0 kanji.json (常用漢字表 旧字体)",
    "joyokanji 1.1.0 variants.json",
    "Unicode EquivalentUnifiedIdeograph.txt",
}
# the hand-written rows of dev/build_variants.py (SHARED_CODE_POINTS), each with its own source text
SHARED = {"戶": "戸", "〜": "~", "−": "-", "\u2012": "-", "\u223c": "~"}


def _rows() -> list[list[str]]:
    lines = [x for x in VARIANTS_TSV.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def test_row_counts_per_source() -> None:
    counts: dict[str, int] = {}
    for variant, _, source in _rows():
        source = "shared" if variant in SHARED else source
        counts[source] = counts.get(source, 0) + 1
    assert counts == {
        "joyokanji 1.1.0 kanji.json (常用漢字表 旧字体)": 296,  # 359 minus 62 NFKC-handled minus 龍
        "joyokanji 1.1.0 variants.json": 3,  # 17 minus 14 NFKC-handled
        "Unicode EquivalentUnifiedIdeograph.txt": 112,  # U+2E81..U+2EF3 minus ⺟ and ⻳ (NFKC)
        "shared": 5,  # one character under two code points (Chromium's ToUnicode: ⼾ -> 戶, 〜; MuPDF's: ‒ ∼)
    }


def test_every_row_is_live_and_idempotent() -> None:
    table = variant_map()
    for variant, standard in table.items():
        nfkc = unicodedata2.normalize("NFKC", variant)
        assert nfkc == variant, f"{variant}: NFKC already maps it to {nfkc}; the row could never fire"
        assert unicodedata2.normalize("NFKC", standard) == standard
        assert standard not in table, f"{variant}->{standard} chains to {table[standard]}"


def test_excluded_and_unwanted_pairs_are_absent() -> None:
    table = variant_map()
    for char in "龍填塡竜高崎":
        assert char not in table


def test_radicals_supplement_rows_are_all_radicals() -> None:
    for variant, _, source in _rows():
        if source.startswith("Unicode"):
            assert 0x2E80 <= ord(variant) <= 0x2EFF


def test_sources_are_the_documented_ones() -> None:
    assert {row[2] for row in _rows() if row[0] not in SHARED} <= SOURCES
    assert {row[0]: row[1] for row in _rows() if row[2] not in SOURCES} == SHARED


def test_malformed_table_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\nvariant\tstandard\tsource\n國\t国\tx\n圖圖\t図\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:4: '圖圖' -> '図' must map one code point"):
        read_char_map(bad, ("variant", "standard", "source"))


def test_build_script_reproduces_the_committed_table() -> None:
    pytest.importorskip("joyokanji", reason="joyokanji is needed only to rebuild the table")
    if not EUI.exists():
        pytest.skip(f"{EUI} missing (Debian package unicode-data)")
    module = importlib.import_module("dev.build_variants")
    assert module.main(["--check", "--unicode-file", str(EUI)]) == 0


def test_build_script_help_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dev.build_variants", "--help"],
        check=False, capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout and "--check" in out.stdout
