#!/usr/bin/env python3
"""Write config/ocr/tesseract_jpn_missing.tsv: the Japanese characters Tesseract's jpn model cannot produce.

An OCR engine can only output the characters of its own character set; a
printed character outside it always comes back as something else or nothing.
The department matcher's OCR repair and the description keys need that list
(issue 12, item 6: it used to be a hand-written 「砧緘胚營勸」, the characters
one report happened to need). Here it is derived from the engine itself:

1. unpack the ``lstm-unicharset`` component of ``jpn.traineddata`` with
   ``combine_tessdata -u`` (package tesseract-ocr), and read its unichars;
2. list every character of JIS X 0208 (kana, kanji levels 1 and 2, the
   full-width symbols: what Japanese municipal text is written in, enumerated
   through Python's EUC-JP codec) that is not among them.

The output is committed with this script; run it again when the traineddata
changes (the header names the file and its sha256).

    python -m dev.build_ocr_charset
    python -m dev.build_ocr_charset --traineddata /usr/share/tesseract-ocr/5/tessdata/jpn.traineddata
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path("/usr/share/tesseract-ocr/5/tessdata/jpn.traineddata")
OUT = ROOT / "config" / "ocr" / "tesseract_jpn_missing.tsv"


def unicharset(traineddata: Path) -> set[str]:
    """The unichars of the model's LSTM unicharset (multi-character entries kept whole)."""
    tool = shutil.which("combine_tessdata")
    if tool is None:
        sys.exit("combine_tessdata not found: apt-get install tesseract-ocr")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "jpn."
        shutil.copy(traineddata, Path(tmp) / "jpn.traineddata")
        subprocess.run([tool, "-u", str(Path(tmp) / "jpn.traineddata"), str(prefix)], check=True,
                       capture_output=True)
        lines = (Path(tmp) / "jpn.lstm-unicharset").read_text(encoding="utf-8").splitlines()
    count = int(lines[0])
    return {line.split(" ", 1)[0] for line in lines[1:count + 1] if line}


def jis_x_0208() -> list[str]:
    """Every character of JIS X 0208 (rows 1-84), in JIS order, through the EUC-JP codec."""
    out = []
    for row in range(0xA1, 0xF5):
        for cell in range(0xA1, 0xFF):
            try:
                ch = bytes([row, cell]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and unicodedata.category(ch) != "Co":
                out.append(ch)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traineddata", type=Path, default=DEFAULT_DATA, help=f"default {DEFAULT_DATA}")
    parser.add_argument("--out", type=Path, default=OUT, help="TSV to write (default config/ocr/...)")
    args = parser.parse_args(argv)
    chars = unicharset(args.traineddata)
    missing = [ch for ch in jis_x_0208() if ch not in chars]
    digest = hashlib.sha256(args.traineddata.read_bytes()).hexdigest()
    header = [
        "# Characters of JIS X 0208 that Tesseract's jpn model cannot output (not in its lstm-unicharset).",
        f"# Derived by dev/build_ocr_charset.py from {args.traineddata.name} (sha256 {digest[:16]}…,",
        "# Debian tesseract-ocr-jpn); do not edit by hand. Used by pipeline/match (department OCR repair,",
        "# description keys): a printed character in this list never comes back from that engine.",
        "char\tcodepoint\tname",
    ]
    rows = [f"{ch}\tU+{ord(ch):04X}\t{unicodedata.name(ch, '')}" for ch in missing]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(missing)} of {len(jis_x_0208())} JIS X 0208 characters missing "
          f"from {len(chars)} unichars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
