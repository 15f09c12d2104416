"""``Config``: every configuration file of one config folder, read and validated once at start.

The CLI loads it before reading any PDF (``pipeline.run.load_config``: a bad file
is a ConfigError naming the file and the key, exit code 2) and it travels in
``RunSettings.config`` to every stage that needs it, and to worker processes (it
pickles). Stages take the part they use as an argument; called without one (tests,
scripts) they fall back to the checkout's ``config/`` read once per process.

It is built above the stages (run.py) because each part is parsed by the stage that
owns its format (incident report types by recognize, registries by match); this
module only names the parts, so every stage can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.config.report_types import ReportType
    from pipeline.correct import Correction
    from pipeline.match.departments import DepartmentRegistry, DepartmentStructure
    from pipeline.normalize.charmaps import CharMaps
    from pipeline.recognize.cells import CellSettings
    from pipeline.recognize.incident import IncidentConfig, IncidentVocabulary


@dataclass(frozen=True, eq=False)  # eq=False: compared and hashed by identity, one object per load
class Config:
    folder: Path
    fingerprint: str  # digest of every file under folder, as read: part of the results store key
    report_types: tuple[ReportType, ...]  # report_types/*.toml declaring [tables]
    incidents: tuple[IncidentConfig, ...]  # report_types/*.toml declaring [recognize]
    vocabulary: IncidentVocabulary  # incident_vocabulary.toml
    cells: CellSettings  # cells.toml
    front_page: tuple[dict[str, str], int]  # document.toml: patterns, a title's minimum characters
    registries: dict[str, DepartmentRegistry]  # departments/<slug>.toml by slug (not the shared _*.toml)
    # departments/_structure.toml: the words that end each level of a department name, for registries
    # without a [structure] of their own and for municipalities without a registry
    department_structure: DepartmentStructure
    municipalities: dict[str, str]  # display name (世田谷区) -> registry slug (setagaya)
    charmaps: CharMaps  # variants.tsv, ocr_confusions.tsv, ocr/*.tsv: installed by the run around each document
    corrections: tuple[Correction, ...] = ()  # corrections/*.toml (or the folder given at load)

    def registry_for_name(self, municipality: str | None) -> DepartmentRegistry | None:
        """The registry of a municipality named as printed (世田谷区), if this config has one."""
        slug = self.municipalities.get(municipality or "")
        return self.registries.get(slug) if slug else None
