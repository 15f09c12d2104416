"""pdfminer reads a corrupt Flate content stream as empty, silently; we reject it instead."""

from __future__ import annotations

import zlib

import pytest

from dev.make_bad_pdfs import build_pdf, stream
from pipeline.errors import ExtractError
from pipeline.extract import extract_document

TEXT = b"BT /Helvetica 10 Tf 72 %d Td (%d quick brown foxes) Tj ET\n"
CONTENT = b"".join(TEXT % (800 - 12 * i, i) for i in range(60))


def pdf_with_content(data: bytes) -> bytes:
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /Helvetica 5 0 R >> >> >>"),
        stream(b"/Filter /FlateDecode", data),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_intact_stream_is_read():
    extraction = extract_document(pdf_with_content(zlib.compress(CONTENT)), "ok.pdf")
    assert extraction.notes == ()
    assert sum("quick brown foxes" in line.text for line in extraction.lines) == 60


def test_corrupt_stream_is_rejected_not_read_as_empty():
    data = bytearray(zlib.compress(CONTENT))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(ExtractError, match=r"bad\.pdf: extract \(page 1\): content stream 4 0 R is corrupt \(.+\); "
                       r"pdfminer would read it in part, as empty or wrong"):
        extract_document(pdf_with_content(bytes(data)), "bad.pdf")


def test_stream_cut_short_is_rejected():
    data = zlib.compress(CONTENT)
    with pytest.raises(ExtractError, match=r"content stream 4 0 R ends before its compressed data does"):
        extract_document(pdf_with_content(data[: len(data) // 2]), "cut.pdf")


def test_checksum_mismatch_is_rejected():
    data = bytearray(zlib.compress(CONTENT))
    data[-1] ^= 0xFF
    with pytest.raises(ExtractError, match=r"content stream 4 0 R fails its checksum"):
        extract_document(pdf_with_content(bytes(data)), "sum.pdf")


def test_stream_without_checksum_is_read():
    """Some writers leave out the Adler-32 trailer; pdfminer reads all of it, and so do we."""
    extraction = extract_document(pdf_with_content(zlib.compress(CONTENT)[:-4]), "nosum.pdf")
    assert sum("quick brown foxes" in line.text for line in extraction.lines) == 60


@pytest.mark.parametrize("seed", range(20))
def test_any_damage_is_caught(seed):
    import random

    rng = random.Random(seed)
    data = bytearray(zlib.compress(CONTENT))
    data[rng.randrange(2, len(data))] ^= 1 << rng.randrange(8)
    with pytest.raises(ExtractError, match=r"content stream 4 0 R"):
        extract_document(pdf_with_content(bytes(data)), "flip.pdf")
