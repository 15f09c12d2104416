"""ExtractSettings: one engine registry everyone agrees on, and grid and triage settings reachable from it."""

from __future__ import annotations

import argparse
import dataclasses
import pickle

import pytest

import pipeline.extract.ocr as ocr_module
from pipeline.cli import debug_page, ingest
from pipeline.extract import ExtractSettings, extract_document
from pipeline.extract.engines import ENGINE_NAMES, ENGINES, get_engine
from pipeline.extract.grid import GridSettings
from pipeline.extract.triage import DEFAULT_SETTINGS, TriageSettings
from pipeline.store.keys import extractor_key
from tests.conftest import ROOT

SMALL_PDF = ROOT / "corpus" / "incidents" / "pdf" / "n01-yokohama.pdf"


def engine_choices(add_arguments) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    (action,) = [a for a in parser._actions if a.dest == "engine"]
    return tuple(action.choices)


def test_every_registered_engine_is_accepted_by_settings_and_cli():
    assert ENGINE_NAMES == ("auto", *ENGINES)
    for name in ENGINE_NAMES:
        assert ExtractSettings(ocr_engine=name).ocr_engine == name
    assert engine_choices(ingest.add_arguments) == ENGINE_NAMES
    assert engine_choices(debug_page.add_arguments) == ENGINE_NAMES


@pytest.mark.parametrize("name", ["paddle", "abbyy", "", "Tesseract"])
def test_a_name_settings_reject_get_engine_rejects_too(name):
    with pytest.raises(ValueError, match="ocr_engine must be one of"):
        ExtractSettings(ocr_engine=name)
    with pytest.raises(ValueError, match="unknown OCR engine"):
        get_engine(name)


def test_grid_and_triage_settings_are_part_of_extract_settings_and_its_key():
    default = ExtractSettings()
    assert default.grid == GridSettings() and default.triage == TriageSettings()
    tuned = ExtractSettings(grid=GridSettings(rule_piece=60), triage=TriageSettings(unreadable_share=0.9))
    assert pickle.loads(pickle.dumps(tuned)) == tuned  # workers get them through the settings
    assert extractor_key(tuned) != extractor_key(default)
    assert extractor_key(dataclasses.replace(tuned, jobs=7)) == extractor_key(tuned)


def test_triage_reads_its_settings_from_extract_settings():
    strict = TriageSettings(min_pdfium_chars=1, plumber_vs_pdfium=1.0)
    seen: list[TriageSettings] = []
    real = __import__("pipeline.extract", fromlist=["triage_page"]).triage_page

    def spy(page, pdfium_page, settings=DEFAULT_SETTINGS):  # type: ignore[no-untyped-def]
        seen.append(settings)
        return real(page, pdfium_page, settings)

    mp = pytest.MonkeyPatch()
    try:
        mp.setattr("pipeline.extract.triage_page", spy)
        extract_document(SMALL_PDF.read_bytes(), SMALL_PDF.name, ExtractSettings(jobs=1, triage=strict))
    finally:
        mp.undo()
    assert seen and set(seen) == {strict}


def test_ocr_reads_its_grid_settings_from_extract_settings(monkeypatch):
    seen: list[tuple[GridSettings | None, tuple[str, ...]]] = []

    def fake_ocr_document(pdf, page_indexes, engine="auto", dpi=300, jobs=1, grid=None, closed=()):  # type: ignore[no-untyped-def]
        seen.append((grid, tuple(closed)))
        return []

    monkeypatch.setattr(ocr_module, "ocr_document", fake_ocr_document)
    grid = GridSettings(rule_piece=60, rule_gap=90)
    extract_document(SMALL_PDF.read_bytes(), SMALL_PDF.name, ExtractSettings(jobs=1, ocr="always", grid=grid))
    # and the closed values its short cells are scored against (the run's config's, extract_settings_of)
    extract_document(SMALL_PDF.read_bytes(), SMALL_PDF.name,
                     ExtractSettings(jobs=1, ocr="always", grid=grid, closed_values=("有", "無", "港湾管理者")))
    assert seen == [(grid, ()), (grid, ("有", "無", "港湾管理者"))]


def test_a_machine_without_the_word_list_tools_keys_its_readings_apart(monkeypatch, tmp_path):
    """PP-OCRv5 reads greedily without Tesseract's word list (extract/lexicon.py), so a worker that cannot
    unpack it must not reuse another worker's stored readings, nor hand it its own."""
    from pipeline.extract import ocr_tools

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # no word list unpacked already
    monkeypatch.setattr(ocr_tools, "_model_digest", lambda lang: "0123456789abcdef")
    tools: dict[str, str | None] = {"combine_tessdata": "/usr/bin/combine_tessdata",
                                    "dawg2wordlist": "/usr/bin/dawg2wordlist"}
    monkeypatch.setattr(ocr_tools.shutil, "which", lambda cmd: tools.get(cmd))
    keys, prints = [], []
    try:
        for present in (True, False):
            if not present:
                tools.update(combine_tessdata=None, dawg2wordlist=None)
            ocr_tools.ocr_tools_fingerprint.cache_clear()
            prints.append(ocr_tools.ocr_tools_fingerprint())
            keys.append(extractor_key(ExtractSettings()))
    finally:
        ocr_tools.ocr_tools_fingerprint.cache_clear()
    assert "word_list=yes" in prints[0] and "word_list=no" in prints[1]
    assert keys[0] != keys[1]


def test_the_ocr_tools_fingerprint_names_tesseract_and_never_raises_without_it(monkeypatch):
    from pipeline.extract import ocr_tools

    monkeypatch.setattr(ocr_tools.shutil, "which", lambda cmd: None)
    assert ocr_tools._tesseract_version() == "none"
    assert ocr_tools._word_list("jpn", "none") == "no"
