"""``kaiji``: one tree, --help for every subcommand, one exit-code policy, query's three formats.

Expected counts come from the ground truth CSVs (corpus/ground_truth), not from the pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
from collections import Counter

import pytest

from pipeline.cli.query import table_lines, width
from pipeline.cli.tree import COMMANDS, main
from tests.conftest import GROUND_TRUTH, REFERENCE_PDF, ROOT, read_csv

SUBCOMMANDS = ["ingest", "show", "query", "export", "report", "cite", "debug-page", "upgrade"]  # and any added later


def kaiji(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script as a fresh process (python -m pipeline.cli is what [project.scripts] runs)."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False)


def criteria_in_ground_truth() -> Counter[str]:
    return Counter(r["criterion"] for p in GROUND_TRUTH.glob("cases_*.csv") for r in read_csv(p))


def test_the_console_script_is_declared_and_is_the_tree():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"kaiji": "pipeline.cli.tree:main"}
    assert set(SUBCOMMANDS) <= set(COMMANDS)


def test_top_level_help_lists_every_subcommand():
    out = kaiji("--help")
    assert out.returncode == 0, out.stderr
    for name in COMMANDS:
        assert f"\n    {name}" in out.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_subcommand_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: kaiji {name} ")


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["no-such-command"])
    assert exit_.value.code == 2
    capsys.readouterr()
    missing = tmp_path / "none.duckdb"
    for args in (["show"], ["query", "SELECT 1"], ["upgrade"], ["export", "--out", str(tmp_path / "x")]):
        assert main([*args, "--db", str(missing)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and str(missing) in err and err.count("\n") == 1
    assert not missing.exists()  # reading never creates an empty warehouse
    assert main(["cite", str(REFERENCE_PDF), "999", "--out", str(tmp_path / "p.png")]) == 2


def test_a_bad_config_file_is_exit_2_before_any_pdf_is_read(tmp_path, capsys):
    bad = tmp_path / "corrections"
    bad.mkdir()
    (bad / "fix.toml").write_text('sha256 = "' + "a" * 64 + '"\n[[correction]]\ncriterion = "outsourcing"\n'
                                  'case_no = 1\nfield = "colour"\nvalue = "x"\nwho = "me"\nwhy = "test"\n',
                                  encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--corrections", str(bad), "--db", str(db), str(REFERENCE_PDF)]) == 2
    err = capsys.readouterr().err
    assert "fix.toml#1" in err and "'colour'" in err
    assert not db.exists()


def test_a_file_that_fails_is_exit_1(tmp_path, capsys):
    assert main(["ingest", "--quiet", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "missing.pdf")]) == 1
    assert "failed   missing.pdf" in capsys.readouterr().out


def test_query_prints_a_table_csv_and_json(reference_warehouse, capsys):
    sql = "SELECT criterion, count(*) AS n FROM cases GROUP BY 1 ORDER BY 1"
    expected = criteria_in_ground_truth()
    assert main(["query", "--db", str(reference_warehouse), sql]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["criterion", "n"] and set(lines[1]) <= {"-", " "}
    assert {ln.split()[0]: int(ln.split()[1]) for ln in lines[2:-1]} == expected
    assert lines[-1] == f"({len(expected)} rows)"

    assert main(["query", "--db", str(reference_warehouse), "--format", "csv", sql]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["criterion"]: int(r["n"]) for r in rows} == expected

    assert main(["query", "--db", str(reference_warehouse), "--format", "json", sql]) == 0
    assert {r["criterion"]: r["n"] for r in json.loads(capsys.readouterr().out)} == expected


def test_query_says_how_many_rows_it_did_not_show(reference_warehouse, capsys):
    total = sum(criteria_in_ground_truth().values())
    assert main(["query", "--db", str(reference_warehouse), "--limit", "5", "SELECT case_no FROM cases"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 + 5 + 1 and out[-1] == f"({total} rows; {total - 5} not shown, use --limit 0 or --format csv)"


def test_bad_sql_is_one_line_and_exit_2(reference_warehouse, capsys):
    assert main(["query", "--db", str(reference_warehouse), "SELECT nope FROM cases"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope" in err


def test_the_table_aligns_full_width_text():
    lines = table_lines(["課", "n"], [["区政情報課", 3], ["ab", 12]])
    assert width("区政情報課") == 10
    assert [width(ln) for ln in lines[2:]] == [14, 14]  # 10 + two spaces + right-aligned 2
    assert lines[3] == "ab          12"


def test_a_bad_incident_config_is_exit_2_before_any_pdf_is_read(tmp_path, capsys):
    """An incident config with a broken key stops the run at start (exit 2, file and key named), not per file."""
    import shutil

    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    good = (folder / "report_types" / "incident.toml").read_text(encoding="utf-8")
    broken = re.sub(r"(?m)^start_pattern = .*$", "start_pattern = '報告第([0-9]+)号'", good, count=1)
    assert broken != good  # the key is there to break
    (folder / "report_types" / "incident_bad.toml").write_text(broken, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--config", str(folder), "--db", str(db), str(REFERENCE_PDF)]) == 2
    err = capsys.readouterr().err
    assert "incident_bad.toml" in err and "start_pattern" in err
    assert not db.exists()
