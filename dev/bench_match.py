#!/usr/bin/env python3
"""Benchmark the match stage: accuracy on the labelled sets, and speed at scale.

Prints and writes to bench/match.json:

* department accuracy, wrong-match rate and review rate on corpus/labels/departments.tsv
  (hand-made damage) and departments_tesseract.tsv (real Tesseract readings);
* family precision and recall on corpus/labels/description_pairs.tsv, and apart on
  description_pairs_tesseract.tsv (one side read back by real Tesseract);
* the time ``assign_families`` takes to place 100,000 descriptions among 10,000
  existing families. Both are synthetic: the families are the reference report's
  distinct descriptions, each in several numbered contracts (「…(その7)」), and the
  descriptions are copies of random families with one hand-chosen perturbation
  each (the ones corpus/labels/make_labels.py uses), plus a few new tasks.

Run: ``.venv/bin/python -m dev.bench_match`` (``--help`` for the sizes).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import platform
import random
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

import rapidfuzz

from dev.scoring import write_report
from pipeline.match import departments as dep_mod
from pipeline.match import families as fam_mod
from pipeline.match.departments import registry_for
from pipeline.match.evaluate import (
    DEPARTMENT_LABEL_FILES,
    LABELS,
    department_labels,
    pair_labels,
    score_departments,
    score_pairs,
)
from pipeline.match.families import Family, FamilyInput, assign_families, family_id_for

GT = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"


def _make_labels_module():  # the perturbations the labelled sets use
    spec = importlib.util.spec_from_file_location(
        "make_labels", ROOT / "corpus" / "labels" / "make_labels.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def base_descriptions() -> list[tuple[str, str, str]]:
    """(criterion, scope, description), distinct, from the ground truth."""
    labels = _make_labels_module()
    out: dict[tuple[str, str, str], None] = {}
    for crit in ("outsourcing", "external_provision", "online_link"):
        with open(GT / f"cases_{crit}.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                text = r["description"] or f"{r['recipient']} {r['purpose']}"
                out[(crit, labels.scope(r["department"]), text)] = None
    return list(out)


def synthetic(n_families: int, n_items: int, new_share: float, seed: int):
    labels = _make_labels_module()
    rng = random.Random(seed)
    bases = base_descriptions()
    families = []
    for i in range(n_families):
        crit, sc, text = bases[i % len(bases)]
        round_ = i // len(bases)
        desc = text if round_ == 0 else f"{text}(その{round_ + 1})"
        families.append(Family(family_id_for(crit, sc, desc), crit, desc, 1, sc))
    items: list[FamilyInput] = []
    origin: dict[str, str | None] = {}
    for k in range(n_items):
        key = f"item{k:06d}"
        if rng.random() < new_share:
            crit, sc, a = rng.choice(bases)
            _, _, b = rng.choice(bases)
            desc = f"{a[:15]}及び{b[:15]}に関する新規業務{k}"
            origin[key] = None
        else:
            fam = rng.choice(families)
            desc = fam.canonical_description
            ps = labels.perturbations(desc)
            if ps and rng.random() < 0.8:
                desc = rng.choice(ps)[0]
            crit, sc = fam.criterion, fam.bureau or ""
            origin[key] = fam.family_id
        items.append(FamilyInput(key, crit, sc, desc))
    return families, items, origin


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--families", type=int, default=10_000, help="existing families (default 10000)")
    ap.add_argument("--items", type=int, default=100_000, help="descriptions to place (default 100000)")
    ap.add_argument("--new-share", type=float, default=0.02, help="share of descriptions that are new tasks")
    ap.add_argument("--seed", type=int, default=359, help="random seed for the synthetic set")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "match.json", help="where to write the JSON")
    args = ap.parse_args(argv)

    registry = registry_for("setagaya")
    t0 = time.perf_counter()
    d = score_departments(department_labels(), registry)
    dep_seconds = time.perf_counter() - t0
    per_file = {
        name: score_departments(department_labels(LABELS / name), registry) for name in DEPARTMENT_LABEL_FILES
    }
    d_ocr = score_departments(department_labels(), registry, ocr=True)  # as OCR readings: garbled matches allowed
    t0 = time.perf_counter()
    p = score_pairs(pair_labels())
    pair_seconds = time.perf_counter() - t0
    p_ocr = score_pairs(pair_labels(LABELS / "description_pairs_tesseract.tsv"))

    families, items, origin = synthetic(args.families, args.items, args.new_share, args.seed)
    t0 = time.perf_counter()
    result = assign_families(items, families)
    scale_seconds = time.perf_counter() - t0
    known = [k for k, o in origin.items() if o is not None]
    right = sum(result.assignments[k] == origin[k] for k in known)
    existing_ids = {f.family_id for f in families}
    wrong = sum(result.assignments[k] != origin[k] and result.assignments[k] in existing_ids for k in known)
    new_into_old = sum(result.assignments[k] in existing_ids for k, o in origin.items() if o is None)

    scale = {
        "descriptions": len(items),
        "existing_families": len(families),
        "seconds": round(scale_seconds, 2),
        "to_origin_family": round(right / len(known), 4) if known else 0.0,
        "to_other_existing_family": round(wrong / len(known), 5) if known else 0.0,
        "new_tasks_put_in_existing_family": new_into_old,
        "new_families": len(result.new_families),
    }
    figures = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "rapidfuzz": rapidfuzz.__version__,
        },
        "thresholds": {
            "department_max_edits": dep_mod.MAX_EDITS,
            "department_margin": dep_mod.MARGIN,
            "department_min_score": dep_mod.MIN_SCORE,
            "department_garbled_margin": dep_mod.GARBLED_MARGIN,
            "family_ratio": fam_mod.SAME_TASK_RATIO,
            "family_head_ratio": fam_mod.HEAD_RATIO,
            "family_tail_ratio": fam_mod.TAIL_RATIO,
            "family_label_ratio": fam_mod.LABEL_RATIO,
        },
        "departments": {
            "strings": d.n,
            "accuracy": round(d.accuracy, 4),
            "wrong_match_rate": round(d.wrong_rate, 4),
            "review_rate": round(d.flagged / d.n, 4),
            "seconds": round(dep_seconds, 3),
            "as_ocr_readings": {"accuracy": round(d_ocr.accuracy, 4), "wrong": d_ocr.wrong, "review": d_ocr.flagged},
            "by_file": {
                name: {
                    "strings": x.n,
                    "accuracy": round(x.accuracy, 4),
                    "wrong_match_rate": round(x.wrong_rate, 4),
                    "review": x.flagged,
                }
                for name, x in per_file.items()
            },
        },
        "families": {
            "pairs": p.tp + p.fp + p.fn + p.tn,
            "precision": round(p.precision, 4),
            "recall": round(p.recall, 4),
            "tp": p.tp,
            "fp": p.fp,
            "fn": p.fn,
            "tn": p.tn,
            "seconds": round(pair_seconds, 3),
            "tesseract_pairs": {
                "pairs": p_ocr.tp + p_ocr.fp + p_ocr.fn + p_ocr.tn,
                "precision": round(p_ocr.precision, 4),
                "recall": round(p_ocr.recall, 4),
                "fp": p_ocr.fp,
                "fn": p_ocr.fn,
            },
        },
        "scale": scale,
    }
    write_report(args.out, figures, indent=2)

    print(f"department accuracy   {d.accuracy:.2%}  ({d.correct}/{d.n})")
    print(f"wrong-match rate      {d.wrong_rate:.2%}  ({d.wrong}); sent to review {d.flagged}")
    for name, x in per_file.items():
        print(f"  {name:28s} {x.accuracy:.2%} of {x.n}, wrong {x.wrong}, review {x.flagged}")
    print(f"  as OCR readings (garbled) {d_ocr.accuracy:.2%} of {d_ocr.n}, wrong {d_ocr.wrong}, review {d_ocr.flagged}")
    print(f"family precision      {p.precision:.2%}  (tp {p.tp}, fp {p.fp})")
    print(f"family recall         {p.recall:.2%}  (fn {p.fn})")
    print(
        f"  real Tesseract pairs: precision {p_ocr.precision:.2%} (fp {p_ocr.fp}), "
        f"recall {p_ocr.recall:.2%} (fn {p_ocr.fn}) of {p_ocr.tp + p_ocr.fp + p_ocr.fn + p_ocr.tn}"
    )
    print(
        f"{len(items):,} descriptions x {len(families):,} families: {scale_seconds:.1f} s "
        f"(to origin {scale['to_origin_family']:.2%}, "
        f"to another family {scale['to_other_existing_family']:.3%}, {scale['new_families']} new families)"
    )
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
