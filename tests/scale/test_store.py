"""The results store: what it keeps round-trips, a killed writer leaves nothing half-read,
a re-run extracts nothing, and a config change re-recognizes without re-extracting."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
import signal
import subprocess
import sys
import time
from datetime import date

import duckdb
import pytest

from pipeline.cli import main
from pipeline.store import ResultsStore, results_key
from pipeline.store.codec import from_plain, to_plain
from pipeline.types import BBox, Cell, DocumentInfo, Extraction, PageInfo, PageTable, Table, TextLine
from tests.conftest import GROUND_TRUTH, ROOT, read_csv
from tests.scale.conftest import table_rows


def sample_extraction(n_rows: int = 3, sha: str = "ab" * 32) -> Extraction:
    box = BBox(1.0, 2.5, 3.0, 4.0)
    row = tuple(Cell(1, r, c, f"セル{r}-{c}", box, "ocr" if c else "text", 0.9 if c else None)
                for r in range(n_rows) for c in range(2))
    return Extraction(
        sha256=sha, file_name="x.pdf", page_count=1,
        pages=(PageInfo(1, 841.89, 595.28, "text", "text layer usable", None, None, 0.25),),
        tables=(Table(0, row[:2], (row[2:],), "(1) 外部委託"),),
        lines=(TextLine(1, "下線つき", box, underlined=((0, 2), (3, 4))),),
        notes=("repaired",),
    )


def test_codec_round_trips_nested_dataclasses_and_fills_defaults():
    ex = sample_extraction()
    plain = json.loads(json.dumps(to_plain(ex)))
    assert from_plain(Extraction, plain) == ex
    del plain["notes"]  # a file written before the field existed
    assert from_plain(Extraction, plain).notes == ()
    info = DocumentInfo("t", 359, date(2023, 8, 18), None, "課")
    assert from_plain(DocumentInfo, to_plain(info)) == info
    assert from_plain(PageTable, to_plain(PageTable(2, BBox(0, 0, 1, 1), ()))).page_no == 2
    with pytest.raises(ValueError, match="not in the dataclass"):
        from_plain(BBox, {"x0": 1, "top": 1, "x1": 1, "bottom": 1, "rotation": 90})


WRITER = """
import sys
from pipeline.store import ResultsStore
from tests.scale.test_store import sample_extraction
store = ResultsStore(sys.argv[1])
big = sample_extraction(1500)
i = 0
while True:
    i += 1
    print("writing", i, flush=True)
    store.put_extraction(big.__class__(**{**big.__dict__, "sha256": f"{i:064x}"}), "k")
    store.put_rows(store.result_folder(f"{i:064x}", "r"), {"findings": [("d", "kind", 1, "x" * 20000, None)] * 100},
                   {"doc_id": "d", "results_key": "r", "n": i})
"""


def test_a_writer_killed_mid_write_leaves_only_whole_entries(tmp_path):
    root = tmp_path / "store"
    for attempt in range(2):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], cwd=ROOT, stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None
        while not (line := proc.stdout.readline()).startswith(f"writing {2 + attempt}"):
            # a few entries are whole; kill the process somewhere inside the next write
            assert line, f"the writer died before its second write (exit {proc.wait(timeout=30)})"
        time.sleep(0.05 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    store = ResultsStore(root)
    finals = [p for p in (root / "extractions").glob("*/*") if not p.name.startswith(".tmp-")]
    assert finals, "the writer got some entries in"
    for path in finals:  # every file under a final name is whole
        with gzip.open(path, "rt", encoding="utf-8") as f:
            assert from_plain(Extraction, json.load(f)).page_count == 1
    results = list(store.results())
    for stored in results:
        con = duckdb.connect()
        assert con.execute(f"SELECT count(*) FROM '{stored.folder / 'findings.parquet'}'").fetchone()[0] == 100
    leftovers = store.sweep()
    assert not list(root.glob("*/*/.tmp-*")), leftovers


def count_calls(monkeypatch, module, name: str) -> list[str]:
    calls: list[str] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_rerun_extracts_nothing(tmp_path, small_pdfs, monkeypatch):
    from pipeline import run
    from pipeline.execute import task

    extracted = count_calls(monkeypatch, task, "extract_document")
    recognized = count_calls(monkeypatch, run, "process_extraction")
    db = tmp_path / "w.duckdb"
    args = ["--quiet", "--db", str(db), *map(str, small_pdfs)]
    assert main(args) == 0
    assert (len(extracted), len(recognized)) == (3, 3)
    assert (tmp_path / "w.results").is_dir(), "the store's default place is beside the warehouse"
    assert main(args) == 0  # same warehouse: skipped before any work
    assert (len(extracted), len(recognized)) == (3, 3)
    fresh = tmp_path / "fresh.duckdb"  # a new warehouse from the same store: loaded, nothing read again
    assert main(["--quiet", "--db", str(fresh), "--results", str(tmp_path / "w.results"), *map(str, small_pdfs)]) == 0
    assert (len(extracted), len(recognized)) == (3, 3)
    assert table_rows(fresh, "SELECT count(*) FROM incidents") == [(3,)]


def test_a_config_change_recognizes_again_without_extracting(tmp_path, small_pdfs, monkeypatch, capsys):
    from pipeline import run
    from pipeline.execute import task

    extracted = count_calls(monkeypatch, task, "extract_document")
    recognized = count_calls(monkeypatch, run, "process_extraction")
    db = tmp_path / "w.duckdb"
    args = ["--db", str(db), *map(str, small_pdfs)]
    assert main(args) == 0
    before = dict(table_rows(db, "SELECT doc_id, results_key FROM loaded_results"))
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    with (config / "variants.tsv").open("a", encoding="utf-8") as f:
        f.write("# an edit by a user\n")
    capsys.readouterr()
    assert main([*args, "--config", str(config)]) == 0  # the edited folder
    out = capsys.readouterr().out
    assert out.count("landed   ") == 3 and "skipped   " not in out, out
    assert (len(extracted), len(recognized)) == (3, 6), "recognized again from the stored extractions"
    after = dict(table_rows(db, "SELECT doc_id, results_key FROM loaded_results"))
    assert after.keys() == before.keys() and all(after[k] != before[k] for k in after)
    assert table_rows(db, "SELECT count(*) FROM documents") == [(3,)]


def test_the_reference_through_the_store_matches_the_ground_truth(tmp_path, reference_copy):
    db = tmp_path / "w.duckdb"
    assert main(["--quiet", "--db", str(db), str(reference_copy)]) == 0
    expected = json.loads((GROUND_TRUTH / "document.json").read_text(encoding="utf-8"))["case_counts"]
    assert dict(table_rows(db, "SELECT criterion, count(*) FROM cases GROUP BY 1")) == expected
    truth = {(r["criterion"], r["agency"]): int(r["reviewed"]) for r in read_csv(GROUND_TRUTH / "review_counts.csv")}
    assert {(c, a): n for c, a, n in table_rows(db, "SELECT criterion, agency, reviewed FROM review_counts")} == truth
    assert table_rows(db, "SELECT count(*) FROM cases WHERE family_id IS NULL AND description IS NOT NULL") == [(0,)]
    store = ResultsStore(tmp_path / "w.results")
    (stored,) = store.results()
    assert stored.results_key == results_key(stored.summary["extractor_key"], (), "setagaya.pdf")
    assert dataclasses.is_dataclass(store.get_extraction(stored.summary["sha256"], stored.summary["extractor_key"]))
