#!/usr/bin/env python3
"""Incident recognition on corpus/incidents against the hand-written truth: tuning and held-out.

For every notice in ``corpus/incidents/pdf`` this reads the PDF as ``pipeline.run`` does
(extraction with OCR on scans, then ``document_to_incidents``), matches the incidents found to
the truth in ``corpus/ground_truth/incidents/<notice>.json`` and scores, separately for the
tuning set and the held-out set (notice number a multiple of 3, corpus/incidents/README.md):

* found: truth incidents matched by an incident of the pipeline; extra: incidents with no truth;
* per field (type, occurred/discovered/reported dates, affected_count with its approx flag,
  department, records): exact where the truth prints it (records: the truth phrase is in it;
  department: equal, or equal once a printed authority name in front is removed);
* wrong or missing fields that carry a note naming the field (never silent);
* false incidents on the negative documents;
* the same by source (text layer vs OCR), for "scans within 5 points of born-digital".

Prints a table and writes bench/incidents.json.

    python -m dev.bench_incidents                 # both sets
    python -m dev.bench_incidents --set tuning    # what development looks at
    python -m dev.bench_incidents --cache /tmp/x  # keep extractions (pickled) between runs
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from dev.scoring import canon, write_report
from pipeline.extract import ExtractSettings, extract_document
from pipeline.recognize import lines_to_document_info
from pipeline.recognize.incident import (
    Incident,
    default_vocabulary,
    document_to_incidents,
    load_incident_configs,
)

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "corpus" / "incidents" / "pdf"
TRUTH = ROOT / "corpus" / "ground_truth" / "incidents"
FIELDS = ("incident_type", "occurred_on", "discovered_on", "reported_on", "affected_count", "department", "records")


def is_held_out(name: str) -> bool:
    """The rule fixed before development: notice number a multiple of 3 (n03, n06, …, neg03, neg06)."""
    m = re.match(r"^(?:n|neg)([0-9]+)", name)
    return m is not None and int(m.group(1)) % 3 == 0


def field_ok(name: str, got: Any, want: Any, authority: str) -> bool:
    if name == "records":
        return got is not None and canon(want) in canon(got)
    if name == "department":
        wants = want if isinstance(want, list) else [want]
        g = canon(got) if got is not None else ""
        prefixes = ("", canon(authority), canon(authority).replace("教育委員会", ""))
        return any(g == p + canon(w) for w in wants for p in prefixes)
    if name == "affected_count":
        return got == want
    if isinstance(got, date):
        return got.isoformat() == want
    return bool(got == want)


def value(incident: Incident, name: str) -> Any:
    return getattr(incident, name)


def match(truths: list[dict[str, Any]], found: list[Incident], authority: str) -> list[tuple[dict[str, Any], Incident | None]]:
    """Each truth incident with the found incident agreeing on most fields (greedy, in truth order)."""
    free = list(found)
    out: list[tuple[dict[str, Any], Incident | None]] = []
    for t in truths:
        scored = [(sum(field_ok(f, value(i, f), t[f], authority) for f in FIELDS if t.get(f) is not None), k)
                  for k, i in enumerate(free)]
        if scored:
            best = max(scored)[1]
            out.append((t, free.pop(best)))
        else:
            out.append((t, None))
    return out


def extraction_of(pdf: Path, cache: Path | None):  # type: ignore[no-untyped-def]
    if cache is not None:
        cached = cache / f"{pdf.stem}.pickle"
        if cached.exists():
            return pickle.loads(cached.read_bytes())
    ex = extract_document(pdf.read_bytes(), pdf.name, ExtractSettings())
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{pdf.stem}.pickle").write_bytes(pickle.dumps(ex))
    return ex


def new_tally() -> dict[str, Any]:
    return {"notices": 0, "incidents": 0, "found": 0, "extra": 0, "negatives": 0, "false_incidents": 0,
            "fields": {f: {"printed": 0, "exact": 0} for f in FIELDS}, "approx_right": 0, "counts_exact": 0,
            "wrong_or_missing": 0, "wrong_with_note": 0, "unnoted": []}


def score_notice(tally: dict[str, Any], truth: dict[str, Any], found: list[Incident]) -> None:
    tally["notices"] += 1
    if truth["negative"]:
        tally["negatives"] += 1
        tally["false_incidents"] += len(found)
        return
    pairs = match(truth["incidents"], found, truth["authority"])
    tally["incidents"] += len(pairs)
    tally["extra"] += max(0, len(found) - len(pairs))
    for t, got in pairs:
        if got is None:
            continue
        tally["found"] += 1
        for f in FIELDS:
            if t.get(f) is None:
                continue
            slot = tally["fields"][f]
            slot["printed"] += 1
            ok = field_ok(f, value(got, f), t[f], truth["authority"])
            slot["exact"] += ok
            if f == "affected_count" and ok:
                tally["counts_exact"] += 1
                tally["approx_right"] += got.affected_count_approx == t["affected_count_approx"]
            if not ok:
                tally["wrong_or_missing"] += 1
                noted = any(n.startswith((f"{f}:", f"{f} ")) for n in got.notes)
                tally["wrong_with_note"] += noted
                if not noted:
                    tally["unnoted"].append(f"{truth['notice']}#{got.incident_no} {f}: {value(got, f)!r} != {t[f]!r}")


def rates(t: dict[str, Any]) -> dict[str, Any]:
    def pct(a: int, b: int) -> float | None:
        return round(100.0 * a / b, 1) if b else None

    out = {"notices": t["notices"], "incidents": t["incidents"], "found_pct": pct(t["found"], t["incidents"]),
           "extra_incidents": t["extra"], "negatives": t["negatives"], "false_incidents_on_negatives":
           t["false_incidents"],
           "approx_flag_right_pct": pct(t["approx_right"], t["counts_exact"]),
           "wrong_or_missing_fields": t["wrong_or_missing"],
           "wrong_fields_with_a_note_pct": pct(t["wrong_with_note"], t["wrong_or_missing"]),
           "unnoted": t["unnoted"]}
    for f, slot in t["fields"].items():
        out[f"{f}_pct"] = pct(slot["exact"], slot["printed"])
        out[f"{f}_printed"] = slot["printed"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("tuning", "held-out", "all"), default="all", help="which notices to score")
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep pickled extractions in")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "incidents.json", help="JSON written here")
    parser.add_argument("--verbose", action="store_true", help="print every incident found")
    args = parser.parse_args(argv)
    configs = load_incident_configs()
    vocab = default_vocabulary()
    tallies: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for truth_path in sorted(TRUTH.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = truth["notice"]
        part = "held_out" if is_held_out(name) else "tuning"
        if args.set != "all" and part != args.set.replace("-", "_"):
            continue
        ex = extraction_of(PDFS / f"{name}.pdf", args.cache)
        info = lines_to_document_info(ex.lines, None)
        reports, findings = document_to_incidents(ex.lines, ex.tables, configs, vocab, municipality=info.municipality)
        found = [r.incident for r in reports]
        source = "ocr" if any(p.source == "ocr" for p in ex.pages) else "text"
        for key in (part, f"{part}/{source}"):
            score_notice(tallies.setdefault(key, new_tally()), truth, found)
        if args.verbose:
            print(f"{name} [{part}, {source}]: {len(found)} incident(s), findings {[f.detail for f in findings]}")
            for i in found:
                print("   ", {f: str(value(i, f)) for f in FIELDS}, i.affected_count_approx, i.recognition_score)
                for n in i.notes:
                    print("      note:", n)
    result: dict[str, Any] = {k: rates(v) for k, v in sorted(tallies.items())}
    result["seconds"] = round(time.perf_counter() - started, 1)
    write_report(args.out, result)
    keys = [k for k in result if k != "seconds"]
    rows = ["found_pct", "extra_incidents", "false_incidents_on_negatives", *(f"{f}_pct" for f in FIELDS),
            "approx_flag_right_pct", "wrong_or_missing_fields", "wrong_fields_with_a_note_pct"]
    print(f"{'':32}" + "".join(f"{k:>18}" for k in keys))
    print(f"{'notices / incidents':32}" + "".join(f"{str(result[k]['notices']) + ' / ' + str(result[k]['incidents']):>18}"
                                                for k in keys))
    for r in rows:
        print(f"{r:32}" + "".join(f"{result[k][r]!s:>18}" for k in keys))
    for k in keys:
        for line in result[k]["unnoted"]:
            print(f"unnoted ({k}): {line}")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
