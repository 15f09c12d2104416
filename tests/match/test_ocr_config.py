"""The OCR vocabularies the match stage reads from config/ocr (issue 12, item 6).

The missing-character list must be what the engine's own character set says,
not what one report needed: it is regenerated here from the installed
jpn.traineddata and compared with the committed file.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.match._text import fold, ocr_unreadable
from pipeline.match.departments import load_registry

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "config" / "ocr" / "tesseract_jpn_missing.tsv"
REGISTRY = ROOT / "config" / "departments" / "setagaya.toml"


def test_committed_list_is_what_the_installed_model_lacks(tmp_path: Path) -> None:
    build = importlib.import_module("dev.build_ocr_charset")
    out = tmp_path / "missing.tsv"
    assert build.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_issues_characters_are_missing_and_common_ones_are_not() -> None:
    # 砧緘胚營勸 were the hand-written list; 偕 姻 毀 粕 蔓 蝕 齟 齬 are the ones issue 12 found it lacked
    assert set("砧緘胚營勸偕姻毀粕蔓蝕齟齬") <= set(ocr_unreadable())
    assert not set("世田谷区長教育委員会保健福祉センター課有無") & set(ocr_unreadable())
    assert load_registry(REGISTRY).unreadable == ocr_unreadable()  # a registry without its own list


def test_description_keys_fold_what_the_engine_cannot_tell_apart() -> None:
    assert fold("封緘業務") == fold("封かん業務") == fold("封業務")
    assert fold("入力") == fold("人力")
    assert fold("胚培養") == fold("培養")  # an unreadable character never decides a match
    assert fold("封入") != fold("封筒")
