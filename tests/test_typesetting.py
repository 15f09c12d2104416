"""config/typesetting.toml: one 禁則 table (JIS X 4051's classes) for every extract module that asks.

The three sets the table replaced (alignment.HANGING, overset.HUNG,
fits.NO_START, as of commit ac85a9d) are written out here from that code, so
that the table is checked to keep every character they held.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.config import CONFIG_DIR
from pipeline.config.typesetting import line_breaking, read_line_breaking
from pipeline.errors import ConfigError
from pipeline.extract import alignment, fits, overset

OLD_HANGING = "。、，．」』）〕"
OLD_HUNG = "、。，．,.)）」』】〕〉》・ー"
OLD_NO_START = "、。，．,.）)」』】〕〉》］]｝}！？!?ーぁぃぅぇぉっゃゅょァィゥェォッャュョ・：:；;"


def test_the_table_keeps_every_mark_the_three_sets_held():
    table = line_breaking()
    assert set(OLD_HUNG) | set(OLD_NO_START) <= table.no_line_start
    assert set(OLD_HANGING) <= table.hanging


def test_hanging_marks_are_full_width_closing_marks_that_may_not_start_a_line():
    table = line_breaking()
    assert table.hanging <= table.no_line_start
    assert not table.hanging & set(".,)]}ー・っ")  # half-width forms, and marks that do not ink a box's left half


def test_hyphens_are_listed_but_not_taken():
    assert not set("‐〜゠–") & line_breaking().no_line_start  # 「4月〜6月」 may wrap before 〜


def test_the_extract_modules_share_the_one_table():
    table = line_breaking()
    assert overset.NO_LINE_START is table.no_line_start
    assert alignment.HANGING is table.hanging is overset.HANGING
    assert fits.NO_LINE_START is table.no_line_start


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "typesetting.toml"
    shutil.copy(CONFIG_DIR / "typesetting.toml", path)
    return path


def test_an_unknown_class_is_named_with_the_file(copy: Path):
    copy.write_text(copy.read_text(encoding="utf-8").replace('"commas"]', '"comas"]'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"typesetting\.toml: \[use\] .*unknown classes \['comas'\]"):
        read_line_breaking(copy)


def test_a_file_without_its_tables_says_what_it_needs(copy: Path):
    copy.write_text("[use]\nhanging = []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"typesetting\.toml: needs \[no_line_start\] classes"):
        read_line_breaking(copy)
