"""The stages import only earlier stages (or their own), so each can be read, tested and replaced alone.

normalize < extract < recognize < match < correct < check < load < store < execute < outputs < run < cli.
The shared modules (types, errors, config) come before every stage. Imports
inside functions count too (they are still dependencies); imports under
``if TYPE_CHECKING:`` do not (annotations only, never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

STAGES = ("normalize", "extract", "recognize", "match", "correct", "check", "load", "store", "execute", "outputs", "run",
          "cli")
SHARED = ("types", "errors", "config")
PIPELINE = ROOT / "pipeline"


def stage_of(module: str) -> str | None:
    """``pipeline.load.warehouse`` -> ``load``; shared modules -> ``shared``; the package itself -> None."""
    parts = module.split(".")
    if parts[0] != "pipeline" or len(parts) < 2:
        return None
    return "shared" if parts[1] in SHARED else parts[1]


def rank(stage: str) -> int:
    return -1 if stage == "shared" else STAGES.index(stage)


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every pipeline import in the file that runs, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("pipeline")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("pipeline"):
            out.append((node.lineno, node.module))
            if node.module == "pipeline":  # from pipeline import load
                out += [(node.lineno, f"pipeline.{a.name}") for a in node.names]
    return out


def modules() -> list[Path]:
    return sorted(PIPELINE.rglob("*.py"))


def test_every_stage_folder_and_module_is_known():
    tops = {p.relative_to(PIPELINE).parts[0].removesuffix(".py") for p in modules()}
    assert tops <= set(STAGES) | set(SHARED) | {"__init__"}, "a new top-level module needs a place in STAGES"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_earlier_or_same_stages(path):
    here = stage_of(module_name(path))
    if here is None:
        return
    wrong = [f"line {line}: {mod} ({stage_of(mod)})" for line, mod in imported_modules(path)
             if stage_of(mod) is not None and rank(stage_of(mod)) > rank(here)]  # type: ignore[arg-type]
    assert wrong == [], f"{here} imports a later stage"


def test_the_walker_sees_imports_inside_functions_and_ignores_type_checking(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pipeline.cli import main\n"
                 "def f():\n    from pipeline.run import ingest_files\n    import pipeline.load.warehouse\n")
    assert [m for _, m in imported_modules(f)] == ["pipeline.run", "pipeline.load.warehouse"]


MAX_LINES = 500  # past a few hundred lines a module is usually two (STYLE.md)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by what changes together"
