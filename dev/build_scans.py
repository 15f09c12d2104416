#!/usr/bin/env python3
"""Make scanned-looking copies of the born-digital corpus PDF, deterministically.

The OCR path needs PDFs without a usable text layer whose expected values are
known. This script prints each page of ``corpus/pdf/<doc>.pdf`` "through a
scanner" and writes three variants next to it:

``<doc>-scan300.pdf``
    image only, 300 dpi, rotated by at most 0.5°, light sensor noise, stored
    bilevel (1 bit, Flate) the way an office scanner's black-and-white text
    mode does: about 60 KiB a page, where a grey JPEG of the same page at
    300 dpi takes 300-500 KiB (a careful office scan).
``<doc>-scan200.pdf``
    image only, 200 dpi greyscale, rotated by up to 1.5°, softer focus, more
    noise, specks of dust and JPEG quality 15, whose block artefacts show
    around every stroke (a hurried copier scan, about 100 KiB a page).
``<doc>-cidfont.pdf``
    the clean page as a 300 dpi bilevel image with an invisible text layer (render mode
    3) in a Type0/Identity-H font whose codes are glyph ids of IPAex Gothic and
    which has no ToUnicode map, as many copier and "PDF printer" files do.
    pdfplumber reads it as ``(cid:…)`` and pdfium reads nothing useful, so
    triage must send every page to OCR.

Every random choice comes from ``numpy.random.default_rng((SEED, variant,
page))``, the PDF writer below has no dates or ids, and so the output is the
same bytes on every run with the same libraries. Needs numpy, pillow,
pypdfium2, pdfplumber and reportlab (for the font's glyph ids); the sandwich pipeline
also fontTools (its layer font's subset; fpdf2 needs it too).

The eleven scanner pipelines of ``dev/scan_pipelines.py`` (bitonal300,
grey200, colour150, fax, camera, copier, compact, ledger, sandwich; phone200 and microfilm held out from all
tuning) apply to any PDF,
whoever produced it; their output goes to ``build/scans/<stem>-<pipeline>.pdf``
(gitignored: MBs each), seeded by pipeline and page. A compact page (mixed raster
content) is several images drawn in order (``add_compact_page``); every other
pipeline's page is one image, written by ``add_page`` as it always was (a sandwich
page, a "searchable PDF", with the device OCR's invisible text layer after it):

    python -m dev.build_scans                 # the corpus's three variants
    python -m dev.build_scans --only scan300 --pages 1-5 --out /tmp
    python -m dev.build_scans --pdf tests/extract/cases/setagaya-2023-report359-fpdf2.pdf \
        --pipeline grey200 --pipeline fax --pages 1-3
"""

from __future__ import annotations

import argparse
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from dev.scan_compact import CompactPage
from dev.scan_pipelines import PIPELINES, jpeg_subsampling, scan_page
from dev.scan_sandwich import LayerFont, text_layer
from dev.scoring import parse_pages

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "corpus" / "pdf"
BUILD_DIR = ROOT / "build" / "scans"
DEFAULT_DOC = "setagaya-2023-report359"
SEED = 359
FONT_PATH = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")


@dataclass(frozen=True)
class ScanProfile:
    """How one scanner variant degrades a page."""

    name: str
    dpi: int
    max_rotation: float  # degrees, either way
    min_rotation: float  # degrees: a real scan is never perfectly straight
    blur: float  # Gaussian radius in pixels, 0 for none
    noise_sigma: float  # Gaussian sensor noise, grey levels
    specks_per_page: int  # dust: small dark dots
    jpeg_quality: int  # 0: store bilevel (1 bit, Flate) instead of a JPEG
    paper: int = 247  # grey level of the paper after the scanner's white point
    ink: int = 28  # grey level of solid black


PROFILES = {
    "scan300": ScanProfile("scan300", 300, 0.5, 0.1, 0.7, 14.0, 40, 0),
    "scan200": ScanProfile("scan200", 200, 1.5, 0.6, 0.7, 9.0, 150, 15, paper=240, ink=40),
}
CLEAN_DPI = 300


def render_gray(pdf, index: int, dpi: int) -> Image.Image:  # type: ignore[no-untyped-def]
    page = pdf[index]
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    return bitmap.to_pil().convert("L")


def degrade(clean: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """Rotate, blur, tone-map, add noise and dust: what a flatbed does to a page."""
    magnitude = rng.uniform(profile.min_rotation, profile.max_rotation)
    angle = float(magnitude if rng.random() < 0.5 else -magnitude)
    img = clean.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if profile.blur:
        img = img.filter(ImageFilter.GaussianBlur(profile.blur))
    a = np.asarray(img, dtype=np.float32) / 255.0
    a = profile.ink + a * (profile.paper - profile.ink)
    # slow uneven illumination across the sheet
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a += 4.0 * np.sin(xx / w * np.pi * rng.uniform(0.5, 1.5)) * np.cos(yy / h * np.pi * rng.uniform(0.5, 1.5))
    a += rng.normal(0.0, profile.noise_sigma, size=a.shape).astype(np.float32)
    # the scanner's background removal: paper goes white, noise stays near the ink
    a[a > profile.paper - 3.5 * profile.noise_sigma] = 255
    for _ in range(profile.specks_per_page):
        y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
        r = int(rng.integers(1, 3))
        a[max(0, y - r): y + r, max(0, x - r): x + r] -= rng.uniform(60, 160)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def bilevel(img: Image.Image) -> Image.Image:
    """Black-and-white 'text mode': a fixed threshold, as scanners do it."""
    return img.point(lambda v: 255 if v > 140 else 0).convert("1", dither=Image.Dither.NONE)


def encode(img: Image.Image, jpeg_quality: int) -> tuple[bytes, str]:
    """Image data and its PDF filter/format keys: JPEG for grey, Flate for bilevel."""
    if jpeg_quality:
        return jpeg_bytes(img, jpeg_quality), "/BitsPerComponent 8 /Filter /DCTDecode"
    return zlib.compress(bilevel(img).tobytes(), 9), "/BitsPerComponent 1 /Filter /FlateDecode"


def jpeg_bytes(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True, subsampling=0)
    return buf.getvalue()


# ---------------------------------------------------------------- a tiny deterministic PDF writer


class PdfWriter:
    """Just enough PDF: pages holding one JPEG each, plus optional content and one font."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []
        self.pages: list[int] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, dictionary: str, data: bytes) -> int:
        return self.add(f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")

    def add_page(self, width: float, height: float, encoded: tuple[bytes, str], size: tuple[int, int],
                 extra_content: bytes = b"", font_ref: int | None = None, colour_space: str = "/DeviceGray") -> None:
        data, keys = encoded
        image = self.stream(
            f"/Type /XObject /Subtype /Image /Width {size[0]} /Height {size[1]} /ColorSpace {colour_space} {keys}",
            data)
        content = f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Im0 Do Q\n".encode() + extra_content
        contents = self.stream("/Filter /FlateDecode", zlib.compress(content, 9))
        fonts = f"/Font << /F1 {font_ref} 0 R >>" if font_ref else ""
        self.pages.append(self.add(
            f"<< /Type /Page /Parent PAGES /MediaBox [0 0 {width:.2f} {height:.2f}] "
            f"/Resources << /XObject << /Im0 {image} 0 R >> {fonts} >> /Contents {contents} 0 R >>".encode()))

    def image(self, keys: str, data: bytes) -> int:
        """An image XObject (``keys``: its size, colour space, bits, filter, masks); its object number."""
        return self.stream(f"/Type /XObject /Subtype /Image {keys}", data)

    def add_layered_page(self, width: float, height: float, layers: list[tuple[int, str]]) -> None:
        """A page of several images (object numbers), each drawn over the whole page in order.

        Each comes with the operators set before it is drawn (a stencil mask's
        fill colour, or ""): a compact scan's background, then its foreground.
        """
        content = "".join(f"q {before + ' ' if before else ''}{width:.2f} 0 0 {height:.2f} 0 0 cm /Im{i} Do Q\n"
                          for i, (_, before) in enumerate(layers)).encode()
        contents = self.stream("/Filter /FlateDecode", zlib.compress(content, 9))
        images = " ".join(f"/Im{i} {ref} 0 R" for i, (ref, _) in enumerate(layers))
        self.pages.append(self.add(
            f"<< /Type /Page /Parent PAGES /MediaBox [0 0 {width:.2f} {height:.2f}] "
            f"/Resources << /XObject << {images} >> >> /Contents {contents} 0 R >>".encode()))

    def write(self, path: Path) -> None:
        pages_ref = len(self.objects) + 1
        kids = " ".join(f"{p} 0 R" for p in self.pages)
        self.add(f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>".encode())
        catalog = self.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R >>".encode())
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            body = body.replace(b"/Parent PAGES", f"/Parent {pages_ref} 0 R".encode())
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(self.objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        path.write_bytes(bytes(out))


def cid_font(writer: PdfWriter) -> int:
    """A Type0 font with Identity-H codes, not embedded, and deliberately no /ToUnicode."""
    descriptor = writer.add(
        b"<< /Type /FontDescriptor /FontName /IPAexGothic /Flags 4 /FontBBox [0 -141 1000 859] "
        b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
    descendant = writer.add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /IPAexGothic "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>".encode())
    return writer.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /IPAexGothic /Encoding /Identity-H "
        f"/DescendantFonts [{descendant} 0 R] >>".encode())


def invisible_text(plumber_page, char_to_glyph: dict[int, int], page_height: float) -> bytes:  # type: ignore[no-untyped-def]
    """The page's characters, each placed where it was printed, as glyph ids in render mode 3."""
    parts = ["BT 3 Tr"]
    size = None
    for ch in plumber_page.chars:
        text = ch["text"]
        if len(text) != 1 or text.isspace():
            continue
        gid = char_to_glyph.get(ord(text), 0)
        if ch["size"] != size:
            size = ch["size"]
            parts.append(f"/F1 {size:.2f} Tf")
        baseline = page_height - ch["bottom"] + 0.14 * ch["size"]
        parts.append(f"1 0 0 1 {ch['x0']:.2f} {baseline:.2f} Tm <{gid:04X}> Tj")
    parts.append("ET\n")
    return "\n".join(parts).encode()


def build(doc: str, variant: str, out_dir: Path, pages_spec: str | None) -> Path:
    import pdfplumber
    import pypdfium2 as pdfium

    source = PDF_DIR / f"{doc}.pdf"
    pdf = pdfium.PdfDocument(str(source))
    writer = PdfWriter()
    indexes = parse_pages(pages_spec, len(pdf))
    variant_no = sorted([*PROFILES, "cidfont"]).index(variant)
    plumber = pdfplumber.open(source) if variant == "cidfont" else None
    font_ref = cid_font(writer) if variant == "cidfont" else None
    char_to_glyph: dict[int, int] = {}
    if variant == "cidfont":
        from reportlab.pdfbase.ttfonts import TTFontFile

        char_to_glyph = dict(TTFontFile(str(FONT_PATH)).charToGlyph)
    try:
        for index in indexes:
            width, height = pdf[index].get_size()
            if variant == "cidfont":
                assert plumber is not None
                img = render_gray(pdf, index, CLEAN_DPI)
                text = invisible_text(plumber.pages[index], char_to_glyph, height)
                writer.add_page(width, height, encode(img, 0), img.size, text, font_ref)
            else:
                profile = PROFILES[variant]
                rng = np.random.default_rng((SEED, variant_no, index))
                img = degrade(render_gray(pdf, index, profile.dpi), profile, rng)
                writer.add_page(width, height, encode(img, profile.jpeg_quality), img.size)
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    out = out_dir / f"{doc}-{variant}.pdf"
    writer.write(out)
    return out


def encode_scan(img: Image.Image, mode: str, quality: int) -> tuple[tuple[bytes, str], str]:
    """A pipeline's page as PDF image data, filter keys and colour space."""
    if mode == "1":
        return (zlib.compress(img.convert("1").tobytes(), 9), "/BitsPerComponent 1 /Filter /FlateDecode"), \
            "/DeviceGray"
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True, subsampling=jpeg_subsampling(mode))
    return (buf.getvalue(), "/BitsPerComponent 8 /Filter /DCTDecode"), \
        ("/DeviceRGB" if mode == "RGB" else "/DeviceGray")


def add_compact_page(writer: PdfWriter, width: float, height: float, page: CompactPage) -> None:
    """A compact (MRC) scan's page: the colour background (JPEG), then the 1-bit foreground over it (Flate).

    The foreground is a stencil mask filled with the ink colour, or the small
    colour image drawn through the mask: an explicit ``/Mask`` (an image mask,
    0 where the ink is, as a stencil) or a 1-bit ``/SMask`` (1 where the ink is).
    """
    plan = page.plan
    background, keys = encode_scan(page.background, "RGB", plan.jpeg_quality)[0]
    layers = [(writer.image(f"/Width {page.background.width} /Height {page.background.height} "
                            f"/ColorSpace /DeviceRGB {keys}", background), "")]
    bits = page.mask.tobytes()  # 0 where the ink is
    size = f"/Width {page.mask.width} /Height {page.mask.height}"
    if page.colour is None:
        mask = writer.image(f"{size} /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode", zlib.compress(bits, 9))
        layers.append((mask, " ".join(f"{c / 255:.3f}" for c in plan.ink) + " rg"))
    else:
        if plan.style == "mask":
            mask = writer.image(f"{size} /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode",
                                zlib.compress(bits, 9))
        else:
            soft = (~np.frombuffer(bits, np.uint8)).tobytes()  # a soft mask is opaque (1) where the ink is
            mask = writer.image(f"{size} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
                                zlib.compress(soft, 9))
        colour, keys = encode_scan(page.colour, "RGB", plan.jpeg_quality)[0]
        layers.append((writer.image(f"/Width {page.colour.width} /Height {page.colour.height} /ColorSpace "
                                    f"/DeviceRGB {keys} /{'Mask' if plan.style == 'mask' else 'SMask'} {mask} 0 R",
                                    colour), ""))
    writer.add_layered_page(width, height, layers)


def build_pipeline(source: Path, name: str, out_dir: Path, pages_spec: str | None) -> Path:
    """``source`` (any PDF) through scan pipeline ``name``: ``out_dir/<stem>-<name>.pdf``.

    Seeded by pipeline and page index, so a page scans the same whichever
    subset is built (a sandwich page's text layer takes the page rng's draws after
    the image's, and the characters of the source page); the back of sheet i (for show-through) is page i+1, or
    i-1 for the last page, as a duplex document would be.
    """
    import pypdfium2 as pdfium

    spec, _ = PIPELINES[name]
    pdf = pdfium.PdfDocument(str(source))
    writer = PdfWriter()
    layers, font_ref = None, 0
    if spec.text_layer:  # the source's characters, and one font for the file (its object filled at the end)
        import pdfplumber

        layers, font_ref = (pdfplumber.open(source), LayerFont()), writer.add(b"")
    try:
        for index in parse_pages(pages_spec, len(pdf)):
            width, height = pdf[index].get_size()
            clean = np.asarray(render_gray(pdf, index, spec.dpi[0]))
            back = None
            if spec.needs_back and len(pdf) > 1:
                other = index + 1 if index + 1 < len(pdf) else index - 1
                back = np.asarray(render_gray(pdf, other, spec.dpi[0]))
            rng = np.random.default_rng((SEED, spec.seed_id, index))
            img = scan_page(name, clean, rng, back, page=index + 1)
            if isinstance(img, CompactPage):  # layers, not one image (the others' pages are written as before)
                add_compact_page(writer, width, height, img)
                continue
            # a page may carry its own JPEG quality (ledger's is drawn per sheet) and mode (sandwich: grey or
            # bilevel by sheet); the others use the pipeline's
            encoded, colour_space = encode_scan(img, img.info.get("scan_mode", spec.mode),
                                                img.info.get("jpeg_quality", spec.jpeg_quality))
            layer = b""
            if layers is not None:  # sandwich: the device OCR's invisible text, from the page rng's next draws
                layer = text_layer(layers[0].pages[index].chars, height, img.info["skew"], spec.dpi[0], rng,
                                   index + 1, layers[1]).content
            writer.add_page(width, height, encoded, img.size, layer, font_ref if layer else None,
                            colour_space=colour_space)
        if layers is not None:
            layers[1].write(writer, font_ref)
    finally:
        pdf.close()
        if layers is not None:
            layers[0].close()
    out = out_dir / f"{source.stem}-{name}.pdf"
    writer.write(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doc", default=DEFAULT_DOC, help=f"born-digital PDF in corpus/pdf (default {DEFAULT_DOC})")
    parser.add_argument("--only", choices=[*PROFILES, "cidfont"], action="append",
                        help="build only this variant (repeatable; default all three)")
    parser.add_argument("--pages", help="1-based pages to include, e.g. 1-3,28 (default all)")
    parser.add_argument("--out", type=Path, help="output folder (default corpus/pdf; build/scans with --pdf)")
    parser.add_argument("--pdf", type=Path, action="append",
                        help="any PDF to scan with --pipeline (repeatable); without it, the corpus variants")
    parser.add_argument("--pipeline", choices=list(PIPELINES), action="append",
                        help="scan pipeline for --pdf (repeatable; default all eleven)")
    args = parser.parse_args(argv)
    if args.pdf:
        out_dir = args.out or BUILD_DIR
        out_dir.mkdir(parents=True, exist_ok=True)
        for source in args.pdf:
            if not source.is_file():
                parser.error(f"{source}: no such PDF")
            for name in args.pipeline or list(PIPELINES):
                out = build_pipeline(source, name, out_dir, args.pages)
                print(f"{out}: {out.stat().st_size // 1024} KiB")
        return 0
    args.out = args.out or PDF_DIR
    args.out.mkdir(parents=True, exist_ok=True)
    for variant in args.only or [*PROFILES, "cidfont"]:
        out = build(args.doc, variant, args.out, args.pages)
        print(f"{out}: {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
