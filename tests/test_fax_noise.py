"""dev/fax_noise.py: the fax scan with parts of its noise left out, the rest drawn the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from dev.build_scans import build_pipeline
from dev.fax_noise import fax_pipeline
from pipeline.extract.stored_scan import largest_image, stored_pixels

BORN = Path(__file__).resolve().parents[1] / "corpus" / "pdf" / "setagaya-2023-report359.pdf"


def _pixels(pdf: Path) -> np.ndarray:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = largest_image(doc[0])
        assert image is not None
        pixels = stored_pixels(image)
        assert pixels is not None
        return pixels
    finally:
        doc.close()


def test_leaving_nothing_out_is_the_real_fax_and_leaving_speckle_out_changes_only_specks(tmp_path: Path) -> None:
    for name in ("real", "same", "clean"):
        (tmp_path / name).mkdir()
    real = build_pipeline(BORN, "fax", tmp_path / "real", "1")
    with fax_pipeline(frozenset()):
        same = build_pipeline(BORN, "fax", tmp_path / "same", "1")
    with fax_pipeline(frozenset({"speckle"})):
        clean = build_pipeline(BORN, "fax", tmp_path / "clean", "1")
    assert real.read_bytes() == same.read_bytes()
    a, b = _pixels(real), _pixels(clean)
    changed = a != b
    assert changed.any() and np.all(a[changed] == 0) and changed.mean() < 0.001  # specks: ink on 0.08% of pixels
    assert build_pipeline(BORN, "fax", tmp_path / "real", "1").read_bytes() == real.read_bytes()  # put back
