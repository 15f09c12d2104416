"""The correct stage: a person's fixes of misread values, applied once between recognize and match.

Corrections are configuration (config/corrections/*.toml, see its README):
loaded and validated once at start, then applied purely to each document's
recognized cases, so matching and the checks see the corrected values and run
once. See ``corrections`` for the rules (stale corrections become findings).
"""

from pipeline.correct.corrections import (
    CORRECTIONS_DIR,
    STALE,
    AppliedCorrection,
    CorrectedCases,
    Correction,
    apply_corrections,
    case_provenance,
    load_corrections,
    parse_corrections,
)

__all__ = [
    "CORRECTIONS_DIR", "STALE", "AppliedCorrection", "CorrectedCases", "Correction", "apply_corrections",
    "case_provenance", "load_corrections", "parse_corrections",
]
