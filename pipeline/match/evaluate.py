"""Score the matchers against the hand-labelled sets in corpus/labels/.

Used by dev/bench_match.py and by the tests, so both report the same figures.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.match.departments import DepartmentRegistry, match_department
from pipeline.match.families import FamilyInput, assign_families

LABELS = Path(__file__).resolve().parents[2] / "corpus" / "labels"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


DEPARTMENT_LABEL_FILES = ("departments.tsv", "departments_tesseract.tsv")


def department_labels(path: Path | None = None) -> list[dict[str, str]]:
    """The rows of one labelled file, or of all of them (DEPARTMENT_LABEL_FILES) by default."""
    if path is not None:
        return _rows(path)
    return [row for name in DEPARTMENT_LABEL_FILES for row in _rows(LABELS / name)]


def pair_labels(path: Path = LABELS / "description_pairs.tsv") -> list[dict[str, str]]:
    return _rows(path)


@dataclass(frozen=True)
class DepartmentScore:
    n: int
    correct: int  # registry entry right, "new" flagged as new, or "ambiguous" sent to review
    wrong: int  # a registry entry that is not the label (the expensive error)
    flagged: int  # labelled with a registry entry but sent to review
    errors: tuple[tuple[str, str, str, str], ...]  # (raw, expected, got, how) for wrong and flagged

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.n if self.n else 0.0


def score_departments(rows: Iterable[dict[str, str]], registry: DepartmentRegistry,
                      ocr: bool = False) -> DepartmentScore:
    """The matcher on labelled strings; ``ocr``: as if each were an OCR reading (garbled matches allowed)."""
    n = correct = wrong = flagged = 0
    errors = []
    for row in rows:
        n += 1
        m = match_department(row["raw"], registry, ocr=ocr)
        got = "new" if m.department.flagged_new else m.department.name
        if row["expected"] == "ambiguous":  # no name can be right: review is the right outcome
            if got == "new":
                correct += 1
            else:
                wrong += 1
                errors.append((row["raw"], row["expected"], got, row["how"]))
        elif got == row["expected"]:
            correct += 1
        elif got == "new":
            flagged += 1
            errors.append((row["raw"], row["expected"], f"review: {m.reason}", row["how"]))
        else:
            wrong += 1
            errors.append((row["raw"], row["expected"], got, row["how"]))
    return DepartmentScore(n, correct, wrong, flagged, tuple(errors))


@dataclass(frozen=True)
class PairScore:
    tp: int
    fp: int
    fn: int
    tn: int
    errors: tuple[tuple[str, str, str, str], ...]  # (label, a, b, how)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_pairs(rows: Iterable[dict[str, str]]) -> PairScore:
    """Each pair is assigned from scratch; 'same' is predicted when both land in one family."""
    tp = fp = fn = tn = 0
    errors = []
    for row in rows:
        a = FamilyInput("a", row["criterion"], row["scope_a"], row["description_a"])
        b = FamilyInput("b", row["criterion"], row["scope_b"], row["description_b"])
        result = assign_families([a, b], [])
        predicted = result.assignments["a"] == result.assignments["b"]
        actual = row["label"] == "same"
        if predicted and actual:
            tp += 1
        elif predicted:
            fp += 1
        elif actual:
            fn += 1
        else:
            tn += 1
        if predicted != actual:
            errors.append((row["label"], row["description_a"], row["description_b"], row["how"]))
    return PairScore(tp, fp, fn, tn, tuple(errors))
