"""One Config: every file of a config folder read once at start, validated (file and key named), carried in
RunSettings to the stages and to worker processes, and part of the results store key."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest

import pipeline.config as config_package
from pipeline.config import CONFIG_DIR, Config
from pipeline.errors import ConfigError
from pipeline.extract import ExtractSettings, extract_document
from pipeline.recognize.incident import IncidentConfigError
from pipeline.run import RunSettings, default_config, load_config, process_extraction
from pipeline.store.keys import config_key, results_key
from tests.conftest import REFERENCE_PDF, ROOT

INCIDENT_PDF = ROOT / "corpus" / "incidents" / "pdf" / "n01-yokohama.pdf"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the checkout's config/ to break or change."""
    copy = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, copy)
    return copy


@pytest.fixture(scope="module")
def extractions():
    settings = ExtractSettings(jobs=1)
    return [extract_document(p.read_bytes(), p.name, settings) for p in (REFERENCE_PDF, INCIDENT_PDF)]


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not in {path.name}"  # the key is there to break
    path.write_text(changed, encoding="utf-8")


def test_there_is_one_config_folder():
    from pipeline.correct.corrections import CORRECTIONS_DIR
    from pipeline.match.departments import CONFIG_DIR as DEPARTMENTS
    from pipeline.normalize.charmaps import VARIANTS_TSV
    from pipeline.recognize.incident import CONFIG_DIR as REPORT_TYPES
    from pipeline.store.keys import CONFIG_DIR as STORE_CONFIG

    assert CONFIG_DIR == ROOT / "config" == STORE_CONFIG
    assert {DEPARTMENTS.parent, REPORT_TYPES.parent, VARIANTS_TSV.parent, CORRECTIONS_DIR.parent} == {CONFIG_DIR}


def test_the_checkout_config_loads_every_part():
    config = load_config()
    files = sorted(p.name for p in (CONFIG_DIR / "report_types").glob("*.toml"))
    loaded = [*(Path(rt.source).name for rt in config.report_types), *(Path(i.path).name for i in config.incidents)]
    assert sorted(loaded) == files  # every report type file is one or the other
    # every registry, and not the shared _structure.toml (no municipality: not a registry)
    assert set(config.registries) == {p.stem for p in (CONFIG_DIR / "departments").glob("[!_]*.toml")}
    assert set(config.municipalities.values()) <= set(config.registries)
    maps = config.charmaps
    assert maps.variants and maps.ocr_confusions and maps.ocr_folds and maps.ocr_unreadable
    assert config_package.Config is Config


def test_report_types_are_found_by_content_not_file_name(folder):
    incident = (folder / "report_types" / "incident.toml").read_text(encoding="utf-8")
    (folder / "report_types" / "zz_any_name.toml").write_text(incident.replace('name = "incident"',
                                                                               'name = "zz"'), encoding="utf-8")
    config = load_config(folder)
    assert "zz" in {i.name for i in config.incidents}
    assert "zz" not in {rt.name for rt in config.report_types}
    (folder / "report_types" / "incident_notes.toml").write_text('name = "notes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"incident_notes\.toml: .*\[tables\].*\[recognize\].*neither"):
        load_config(folder)


BAD = [  # file, what to break, what to write, what the message must name
    ("report_types/review_status.toml", r"^header_threshold = .*$", "header_threshold = 200", "header_threshold"),
    ("report_types/incident.toml", r"^start_pattern = .*$", "start_pattern = '報告第([0-9]+)号'", "start_pattern"),
    ("report_types/incident.toml", r"^min_headings = .*$", "min_headings = \"three\"", "recognize.min_headings"),
    ("cells.toml", r"^dash = .*$", "dash = \"maybe\"", "dash"),
    ("document.toml", r"^\[patterns\]$", "[patterns]\nbroken = \"(\"", "patterns.broken"),
    ("departments/setagaya.toml", r"^id = .*$", "", "'id'"),
    ("variants.tsv", r"\Z", "ab\tc\tmade up\n", "variants.tsv:"),
    ("ocr/folds.tsv", r"^from\tto\t", "frm\tto\t", "'from'"),
    ("incident_vocabulary.toml", r"\Z", "\n[[nonsense\n", "incident_vocabulary.toml"),
]


@pytest.mark.parametrize(("name", "pattern", "replacement", "named"), BAD, ids=[f"{b[0]}:{b[3]}" for b in BAD])
def test_a_bad_file_is_a_config_error_naming_file_and_key(folder, name, pattern, replacement, named):
    edit(folder / name, pattern, replacement)
    with pytest.raises(ConfigError) as caught:
        load_config(folder)
    message = str(caught.value)
    assert Path(name).name in message and named in message, message


def test_a_bad_incident_config_is_still_an_incident_config_error(folder):
    edit(folder / "report_types" / "incident.toml", r"^start_pattern = .*$", "start_pattern = '('")
    with pytest.raises(IncidentConfigError):
        load_config(folder)


def test_a_bad_correction_is_a_config_error(folder):
    (folder / "corrections" / "fix.toml").write_text(
        'sha256 = "' + "a" * 64 + '"\n[[correction]]\ncriterion = "outsourcing"\ncase_no = 1\nfield = "colour"\n'
        'value = "x"\nwho = "me"\nwhy = "test"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fix\.toml#1.*'colour'"):
        load_config(folder)


def clear_default_caches() -> None:
    """Forget every per-process default, so a stage that ignored the run's Config would read config/ again."""
    from pipeline.config.report_types import municipality_slugs, table_report_types
    from pipeline.match.departments import registry_for
    from pipeline.normalize.charmaps import default_charmaps
    from pipeline.recognize.cells import cell_settings
    from pipeline.recognize.document import front_page_patterns
    from pipeline.recognize.incident.config import _incident_configs
    from pipeline.recognize.incident.vocabulary import default_vocabulary

    for cached in (default_config, table_report_types, municipality_slugs, registry_for, cell_settings,
                   front_page_patterns, _incident_configs, default_vocabulary, default_charmaps):
        cached.cache_clear()


def test_config_is_read_once_not_per_document(folder, extractions, monkeypatch):
    reads: list[Path] = []
    real_text, real_bytes = Path.read_text, Path.read_bytes

    def read_text(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(self)
        return real_text(self, *args, **kwargs)

    def read_bytes(self):  # type: ignore[no-untyped-def]
        reads.append(self)
        return real_bytes(self)

    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    config = load_config(folder)
    assert {p.name for p in reads if folder in p.parents} >= {"cells.toml", "document.toml", "setagaya.toml",
                                                               "incident.toml", "incident_vocabulary.toml"}
    clear_default_caches()
    reads.clear()
    settings = RunSettings(config=config)
    results = [process_extraction(e, settings) for e in extractions for _ in range(2)]
    under_config = [p for p in reads if folder in p.parents or CONFIG_DIR in p.parents]
    assert under_config == [], "a stage read config/ instead of the run's Config"
    assert results[0].cases and results[2].incidents  # the stages did run on both documents


def test_the_stages_use_the_run_config_not_the_checkouts(folder, extractions):
    (reference, _) = extractions
    with_registry = process_extraction(reference, RunSettings(config=load_config(folder)))
    for registry in (folder / "departments").glob("[!_]*.toml"):  # the registries, not the shared _structure.toml
        registry.unlink()
    without = process_extraction(reference, RunSettings(config=load_config(folder)))
    assert any(not c.department_id.startswith("new:") for c in with_registry.cases)
    assert all(c.department_id.startswith("new:") for c in without.cases)


def test_settings_with_config_pickle_for_worker_processes():
    settings = RunSettings(config=load_config())
    back = pickle.loads(pickle.dumps(settings))
    assert back.config.fingerprint == settings.config.fingerprint
    assert back.config.report_types == settings.config.report_types
    assert back.config.incidents == settings.config.incidents
    assert back.config.cells == settings.config.cells


def test_the_results_key_changes_when_config_changes(folder):
    before = RunSettings(config=load_config(folder))
    edit(folder / "cells.toml", r"^dash = .*$", "dash = \"none\"")
    after = RunSettings(config=load_config(folder))
    assert config_key(before) != config_key(after)
    assert results_key("e", (), "a.pdf", config_key=config_key(before)) != \
        results_key("e", (), "a.pdf", config_key=config_key(after))
    assert config_key(RunSettings()) is None  # no Config: the checkout's config/ is digested


def test_the_warehouse_gets_the_facts_views_of_the_run_config(tmp_path):
    from pipeline.load.warehouse import connect

    def views(report_types):  # type: ignore[no-untyped-def]
        con = connect(tmp_path / f"w{len(report_types)}.duckdb", report_types=report_types)
        try:
            return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        finally:
            con.close()

    config = load_config()
    targets = {k.target for rt in config.report_types for k in rt.tables if k.kind == "facts"}
    assert targets and targets <= views(config.report_types)
    assert not targets & views(())


def test_the_run_config_character_maps_are_the_ones_used(folder, extractions):
    """A variants.tsv row only the copied folder has changes a processed document's text; the default does not."""
    from pipeline.normalize.charmaps import active_charmaps, default_charmaps

    (reference, _) = extractions
    # the reference prints 「避難行動要支援者の支援」 on page 3; 辟 stands in for any variant the checkout lacks
    assert "避" not in default_charmaps().variants
    with (folder / "variants.tsv").open("a", encoding="utf-8") as f:
        f.write("避\t辟\ttest: a row only this config folder has\n")
    config = load_config(folder)
    before = process_extraction(reference, RunSettings())
    mapped = process_extraction(reference, RunSettings(config=config))
    after = process_extraction(reference, RunSettings())
    texts = [[c.description or "" for c in r.cases] for r in (before, mapped, after)]
    assert any("避" in t for t in texts[0])
    assert texts[1] == [t.replace("避", "辟") for t in texts[0]]
    assert texts[2] == texts[0]  # the maps were installed for that document only
    assert active_charmaps() is default_charmaps()
    assert config_key(RunSettings(config=config)) != config_key(RunSettings(config=load_config()))


def test_the_extractor_key_covers_the_maps_ocr_text_is_normalized_with(folder):
    from pipeline.store.keys import charmaps_of, extractor_key

    settings = ExtractSettings()
    checkout = extractor_key(settings, charmaps_of(RunSettings(config=load_config())))
    assert checkout == extractor_key(settings)  # the checkout's maps, loaded or default: stored extractions stay
    with (folder / "ocr_confusions.tsv").open("a", encoding="utf-8") as f:
        f.write("避\t辟\ttest\ta row only this config folder has\n")
    assert extractor_key(settings, charmaps_of(RunSettings(config=load_config(folder)))) != checkout


def test_an_ingest_with_the_run_config_lands_its_maps_in_the_warehouse(folder, tmp_path):
    """The worker entry point (the store's document task) and the load step use the run's maps, too."""
    import duckdb

    from pipeline.run import ingest_files

    with (folder / "variants.tsv").open("a", encoding="utf-8") as f:
        f.write("避\t辟\ttest: a row only this config folder has\n")
    settings = RunSettings(extract=ExtractSettings(jobs=1), config=load_config(folder))
    db = tmp_path / "w.duckdb"
    outcomes = ingest_files([REFERENCE_PDF], db, settings)
    assert [o.status for o in outcomes] == ["landed"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        descriptions = [r[0] or "" for r in con.execute("SELECT description FROM cases").fetchall()]
    finally:
        con.close()
    assert any("辟難" in d for d in descriptions)  # 「避難行動要支援者の支援」 as this config spells it
    assert not any("避" in d for d in descriptions)


def _case(department: str):  # type: ignore[no-untyped-def]
    from pipeline.types import BBox, Case

    return Case("outsourcing", 1, "業務", None, None, None, None, department, department, None, None, None, 1,
                BBox(0, 0, 1, 1))


def test_the_department_structure_is_the_config_folders_own(folder):
    """departments/_structure.toml of the folder a Config is loaded from, not the checkout's: for a registry
    without its own [structure] and for a municipality without a registry; it is no registry itself."""
    from pipeline.match.apply import cases_with_departments

    edit(folder / "departments" / "_structure.toml", r'^centre = \["センター"\]$', 'centre = ["センター", "館"]')
    (folder / "departments" / "kita.toml").write_text(
        'municipality = "kita"\ndisplay_name = "北区"\n[[department]]\nid = "k-1"\nname = "地域振興部北市民館管理課"\n',
        encoding="utf-8")
    config, checkout = load_config(folder), default_config()
    assert "_structure" not in config.registries and "_structure" not in checkout.registries
    assert "館" in config.department_structure.centre and "館" not in checkout.department_structure.centre
    kita = config.registries["kita"].get("k-1")
    assert (kita.bureau, kita.centre, kita.section) == ("地域振興部", "北市民館", "管理課")
    # a municipality with no registry: its new departments are parsed with the folder's words too
    _, [new], _ = cases_with_departments([_case("区民部南市民館管理課")], "練馬区", config)
    assert (new.bureau, new.centre, new.section) == ("区民部", "南市民館", "管理課")
    _, [old], _ = cases_with_departments([_case("区民部南市民館管理課")], "練馬区", checkout)
    assert old.centre is None


def test_a_registrys_unreadable_characters_are_the_config_folders_own(folder):
    """config/ocr/tesseract_jpn_missing.tsv of the Config's folder decides which characters of a
    registry's names OCR cannot read (its repair patterns), not the checkout's list."""
    edit(folder / "ocr" / "tesseract_jpn_missing.tsv", r"^砧\t.*\n", "")
    config, checkout = load_config(folder), default_config()
    assert "砧" in checkout.registries["setagaya"].unreadable
    assert "砧" not in config.registries["setagaya"].unreadable
    assert config.registries["setagaya"].unreadable == config.charmaps.ocr_unreadable


def test_the_extractor_key_covers_the_line_breaking_table(tmp_path, monkeypatch):
    """An edit to config/typesetting.toml changes cells, so stored extractions made before it are not reused."""
    from pipeline.config.typesetting import TYPESETTING_TOML
    from pipeline.store import keys

    settings = ExtractSettings()
    before = keys.extractor_key(settings)
    edited = tmp_path / "typesetting.toml"
    edited.write_bytes(TYPESETTING_TOML.read_bytes() + b"\n# one more line\n")
    monkeypatch.setattr(keys, "TYPESETTING_TOML", edited)
    assert keys.extractor_key(settings) != before


def test_the_extractor_key_covers_the_page_break_marks(tmp_path, monkeypatch):
    """An edit to config/page_breaks.toml changes which grids are joined, so stored extractions are not reused."""
    from pipeline.config.page_breaks import PAGE_BREAKS_TOML
    from pipeline.store import keys

    settings = ExtractSettings()
    before = keys.extractor_key(settings)
    edited = tmp_path / "page_breaks.toml"
    edited.write_bytes(PAGE_BREAKS_TOML.read_bytes().replace("（続き）".encode(), "（つづく）".encode(), 1))
    monkeypatch.setattr(keys, "PAGE_BREAKS_TOML", edited)
    assert keys.extractor_key(settings) != before
