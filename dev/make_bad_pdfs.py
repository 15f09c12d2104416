#!/usr/bin/env python3
"""Write the bad-input corpus: PDFs that are broken, hostile or merely odd.

Each case is built from the real corpus PDF where that makes sense (truncate
it, break its cross-reference table, encrypt it) and from raw bytes or pikepdf
otherwise. Files are generated, never committed: the ones derived from the
reference are ~0.4 MB each, and generating takes about a second.

    python -m dev.make_bad_pdfs OUT_DIR     # writes every case

``CASES`` says what each file is and what the pipeline must do with it; the
tests in tests/reliability/ and ``dev/bench_bad_inputs.py`` both read it.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_PDF = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
REFERENCE_CASES = 434  # cases in the reference document (corpus/ground_truth)


@dataclass(frozen=True)
class BadCase:
    file_name: str
    what: str
    expect: str  # "lands" or "rejected"
    reason: str = ""  # regex the one-line rejection must match
    build: Callable[[bytes], bytes] = lambda ref: ref
    cases: int = 0  # cases a landing document must hold


# ------------------------------------------------------------------ raw PDF writer


def build_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A well-formed PDF from object bodies (object i+1 is ``objects[i]``), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page_pdf(media_box: bytes = b"0 0 595 842", content: bytes = b"", resources: bytes = b"<< >>",
                 extra: list[bytes] | None = None) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources %s /Contents 4 0 R >>" % (media_box, resources),
        stream(b"", content),
    ]
    return build_pdf(objects + (extra or []))


# ------------------------------------------------------------------ the cases


def first_pages_classic_xref(ref: bytes, keep: int = 2) -> bytes:
    """The first ``keep`` pages, saved with a classic xref table (no object streams): a small,
    valid file whose cross-reference offsets and objects are plain bytes to damage."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(ref)) as pdf:
        del pdf.pages[keep:]
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def not_a_pdf(ref: bytes) -> bytes:
    return "これはPDFではありません。議事録のテキストです。\n".encode() * 20


def garbage_after_header(ref: bytes) -> bytes:
    return b"%PDF-1.7\n" + random.Random(7).randbytes(4096)


def truncated(ref: bytes) -> bytes:
    return ref[: len(ref) // 2]


def broken_xref(ref: bytes) -> bytes:
    """Every xref entry points at the next object's offset: pdfminer finds 0 pages, qpdf and pdfium 48."""
    start = ref.rindex(b"\nxref\n") + 1
    head, tail = ref[:start], ref[start:]
    offsets = re.findall(rb"(\d{10}) 00000 n", tail)
    rotated = iter(offsets[1:] + offsets[:1])
    return head + re.sub(rb"\d{10} 00000 n", lambda m: next(rotated) + b" 00000 n", tail)


def _encrypt(ref: bytes, user: str) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(ref)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner="owner-secret"))
    return out.getvalue()


def encrypted_user(ref: bytes) -> bytes:
    return _encrypt(ref, "user-secret")


def encrypted_owner_only(ref: bytes) -> bytes:
    return _encrypt(ref, "")


def zero_pages(ref: bytes) -> bytes:
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def page_tree_cycle(ref: bytes) -> bytes:
    """The root's second kid is a Pages node whose only kid is the root again."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(b"", b"BT /F1 12 Tf 72 720 Td (cycle) Tj ET"),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def deep_nesting(ref: bytes, depth: int = 50_000) -> bytes:
    """An array nested 50,000 deep in the page's resources and in its content stream."""
    nested = b"[" * depth + b"]" * depth
    return one_page_pdf(resources=b"<< /Deep %s >>" % nested, content=nested + b" pop")


def huge_page(ref: bytes) -> bytes:
    """14400 x 14400 pt, the largest page the PDF spec allows (200 inches square)."""
    return one_page_pdf(media_box=b"0 0 14400 14400", content=b"0 0 m 14400 14400 l S")


def image_bomb(ref: bytes, side: int = 50_000) -> bytes:
    """A 50,000 x 50,000 grey image (2.5 G pixels) that is ~40 KB on disk: Flate over RunLength."""
    pixels = side * side
    run_length = b"\x81\x00" * (pixels // 128) + b"\x80"  # 128 zero bytes per pair, then EOD
    data = zlib.compress(run_length, 9)
    image = stream(
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter [/FlateDecode /RunLengthDecode]" % (side, side),
        data,
    )
    return one_page_pdf(content=b"q 595 0 0 842 0 0 cm /Im1 Do Q",
                        resources=b"<< /XObject << /Im1 5 0 R >> >>", extra=[image])


def many_blank_pages(ref: bytes, n: int = 3000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return build_pdf(objects)


def open_action_script(ref: bytes) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(ref)) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('opened'); this.submitForm('http://x');"))
        pdf.save(out)
    return out.getvalue()


def padded(ref: bytes, n: int) -> bytes:
    """The reference with a harmless comment after %%EOF: same content, another sha256."""
    return ref + b"\n%%pad %d\n" % n


CASES: tuple[BadCase, ...] = (
    BadCase("not_a_pdf.pdf", "Japanese text saved as .pdf", "rejected", r"not a PDF", not_a_pdf),
    BadCase("empty.pdf", "0 bytes", "rejected", r"empty file", lambda ref: b""),
    BadCase("garbage_after_header.pdf", "%PDF- header then 4 KB of random bytes", "rejected",
            r"unreadable PDF|no pages", garbage_after_header),
    BadCase("truncated.pdf", "the reference cut in half", "rejected", r"unreadable PDF|truncated|disagree",
            truncated),
    BadCase("broken_xref.pdf", "xref offsets rotated by one entry (pdfminer alone sees 0 pages)", "lands",
            build=broken_xref, cases=REFERENCE_CASES),
    BadCase("encrypted_user.pdf", "AES-256 with a user password", "rejected", r"encrypted: a password",
            encrypted_user),
    BadCase("encrypted_owner_only.pdf", "AES-256 with an owner password only", "lands",
            build=encrypted_owner_only, cases=REFERENCE_CASES),
    BadCase("zero_pages.pdf", "a page tree with no kids", "rejected", r"no pages", zero_pages),
    BadCase("page_tree_cycle.pdf", "a Pages node whose kid is the root", "rejected",
            r"page tree|page counts disagree|cycle|unreadable", page_tree_cycle),
    BadCase("deep_nesting.pdf", "arrays nested 50,000 deep (nothing to read; lands empty)", "lands",
            build=deep_nesting),
    BadCase("huge_page.pdf", "one 14400 x 14400 pt page", "rejected", r"max_page_pixels", huge_page),
    BadCase("image_bomb.pdf", "a 50,000 x 50,000 image, 40 KB on disk", "rejected", r"max_image_pixels",
            image_bomb),
    BadCase("many_blank_pages.pdf", "3,000 blank pages", "rejected", r"3000 pages is over the limit",
            many_blank_pages),
    BadCase("open_action_script.pdf", "the reference with a JavaScript /OpenAction", "lands",
            build=open_action_script, cases=REFERENCE_CASES),
    BadCase("世田谷 \"report\" 'copy' 2023.pdf", "the reference under a name with spaces, kanji and quotes",
            "lands", cases=REFERENCE_CASES),
)


def write_cases(out_dir: Path, reference: Path = REFERENCE_PDF) -> dict[str, Path]:
    """Write every case into ``out_dir``; returns file name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ref = reference.read_bytes()
    paths = {}
    for case in CASES:
        path = out_dir / case.file_name
        path.write_bytes(case.build(ref))
        paths[case.file_name] = path
    return paths


def slow_page(ops: int = 200_000) -> bytes:
    """One page drawing 200,000 tiny lines: ~1 KB on disk, tens of seconds for pdfminer.

    Not in ``CASES`` (it would take the whole per-page limit); the limit tests use it
    with a small ``max_seconds_per_page``.
    """
    content = b"10 10 m 20 20 l S\n" * ops
    page = stream(b"/Filter /FlateDecode", zlib.compress(content, 9))
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        page,
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=Path("bad_pdfs"), help="folder to write every case into")
    args = parser.parse_args(argv)
    for name, path in write_cases(args.out).items():
        print(f"{path.stat().st_size:>9}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
