"""Bounded fuzz: mutated copies of a corpus PDF either go through or fail as a PipelineError, in time.

40 mutants with a fixed seed (byte flips, truncations, deletions, duplicated
spans) of the reference's first two pages, so a failure replays exactly.
"""

from __future__ import annotations

import random
import time

import pytest

from dev.make_bad_pdfs import first_pages_classic_xref
from pipeline.errors import PipelineError
from pipeline.extract import ExtractSettings
from pipeline.run import RunSettings, process_bytes
from tests.conftest import REFERENCE_PDF

SEED = 359
N_MUTANTS = 40
SECONDS_PER_MUTANT = 30.0  # generous on a shared 2-core machine; the base takes ~0.5 s


@pytest.fixture(scope="module")
def base() -> bytes:
    """The reference's first two pages, with a classic xref table (no object streams) to damage."""
    return first_pages_classic_xref(REFERENCE_PDF.read_bytes())


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("flip", "flip", "truncate", "delete", "duplicate", "zero"))
        at = rng.randrange(len(buf))
        if kind == "flip":
            for i in range(rng.randint(1, 16)):
                pos = min(at + i * rng.randint(1, 200), len(buf) - 1)
                buf[pos] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del buf[max(at, 16):]
        elif kind == "delete":
            del buf[at : at + rng.randint(1, 2000)]
        elif kind == "duplicate":
            span = bytes(buf[at : at + rng.randint(1, 2000)])
            buf[at:at] = span
        else:
            buf[at : at + rng.randint(1, 500)] = bytes(min(500, len(buf) - at))
    return bytes(buf)


def mutants(data: bytes) -> list[bytes]:
    rng = random.Random(SEED)
    return [mutate(data, rng) for _ in range(N_MUTANTS)]


@pytest.mark.parametrize("index", range(N_MUTANTS))
def test_mutant_returns_or_raises_pipeline_error(base, index):
    data = mutants(base)[index]
    settings = RunSettings(extract=ExtractSettings(max_seconds_per_document=SECONDS_PER_MUTANT / 2))
    started = time.perf_counter()
    try:
        result = process_bytes(data, f"mutant-{index}.pdf", settings)
    except PipelineError as exc:
        assert exc.one_line().startswith(f"mutant-{index}.pdf: ")
        assert "\n" not in exc.one_line()
    else:
        assert result.extraction.page_count >= 1
    assert time.perf_counter() - started < SECONDS_PER_MUTANT
