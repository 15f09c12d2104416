"""The scale scripts' --help runs (they import the generator and the executors)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("script", ["build_nationwide.py", "bench_scale.py"])
def test_help_runs(script):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--help"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout
