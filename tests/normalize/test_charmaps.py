"""The active character maps: installed for a block, restored after it, the checkout's by default."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.match._text import fold
from pipeline.normalize import normalize_ocr_text, normalize_text
from pipeline.normalize.charmaps import active_charmaps, default_charmaps, using_charmaps


def with_rows(**extra: dict[str, str]) -> object:
    """The checkout's maps plus ``extra`` rows in the named maps."""
    maps = default_charmaps()
    return dataclasses.replace(maps, **{name: {**getattr(maps, name), **rows} for name, rows in extra.items()})


def test_without_an_installed_set_the_checkouts_maps_are_active() -> None:
    assert active_charmaps() is default_charmaps()
    assert normalize_text("髙") == "高"  # a variants.tsv row of the checkout


def test_installed_maps_apply_inside_the_block_only() -> None:
    maps = with_rows(variants={"避": "辟"}, ocr_confusions={"么": "麼"}, ocr_folds={"支援": "しえん"})
    with using_charmaps(maps) as active:  # type: ignore[arg-type]
        assert active is maps
        assert normalize_text("避難") == "辟難"
        assert normalize_ocr_text("什么", "ppocr") == "什麼"
        assert fold("要支援") == fold("要しえん")
    assert normalize_text("避難") == "避難"
    assert normalize_ocr_text("什么", "ppocr") == "什么"
    assert fold("要支援") != fold("要しえん")


def test_the_previous_set_comes_back_after_an_error_and_when_nested() -> None:
    outer, inner = with_rows(variants={"避": "辟"}), with_rows(variants={"避": "壁"})
    with using_charmaps(outer):  # type: ignore[arg-type]
        with pytest.raises(RuntimeError), using_charmaps(inner):  # type: ignore[arg-type]
            assert normalize_text("避") == "壁"
            raise RuntimeError
        assert normalize_text("避") == "辟"
        with using_charmaps(None):
            assert normalize_text("避") == "避"
    assert active_charmaps() is default_charmaps()
