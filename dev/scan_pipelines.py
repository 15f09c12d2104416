"""Eleven seeded scanner pipelines that turn a clean page render into a scan (issue 12, item 1).

``dev/build_scans.py`` applies them to any PDF; ``dev/bench_scans.py``
scores what the whole pipeline makes of the result; the tests run a few pages
of each on the fly. The corpus's own two scans (``scan300``, ``scan200`` in
build_scans.py) stay as they are; these pipelines are deliberately different
machines, so that the OCR path is not tuned to one degradation:

``bitonal300``
    an office scanner's black-and-white mode at 300 dpi: skew up to 1°, soft
    focus, sensor noise, a brightness setting (the threshold) that varies by
    sheet, stored 1 bit.
``grey200``
    grey 200 dpi, skew 0.8-2°, blur, noise, dust, JPEG quality 30.
``colour150``
    150 dpi colour: cream paper, the back of the sheet showing through
    (the neighbouring page, mirrored), lighting that falls off across the
    sheet, colour JPEG with 4:2:0 chroma. Held out until the lead opened it
    for tuning on 2026-12-02, when phone200 took its place.
``fax``
    photocopy/fax-like: 200 dpi across, 100 dpi down (the image is stored at
    that size and stretched by the PDF), a hard threshold, speckle, ink
    drop-outs, and thin rules broken into pieces.
``camera``
    an overhead document camera (or a phone on a stand) over the sheet on a
    desk, for tuning the OCR path on photographed sheets: the frame is stored
    at 280 dpi and the sheet fills 86-92 % of it (about 250 dpi on the
    sheet), turned by up to 3° with each corner moved on its own by 1-4 % of
    the frame (a general quadrilateral: perspective), a dark desk, wood grain
    or grey laminate around it (on a quarter of the pages the sheet runs off
    one side of the frame by up to 0.8 %, so no desk shows there), a gentle
    cylindrical curl on half the pages (rows bend by 0.05-0.25 % of the
    width), light falling off across the frame and a warm cast, mild blur,
    noise, colour JPEG quality 75 with 4:2:0 chroma. Written from how such
    photos look, before and apart from phone200 (whose code nobody tuning
    reads); its own seed.
``phone200``
    the sheet photographed with a phone held over a desk, no scanner at all:
    mild keystone and tilt (the sheet's corners pulled in by 0.5-3 % of the
    frame, the desk showing around it), focus that falls off from one point of
    the sheet towards its far side (sharp there, Gaussian sigma up to ~1.7 px
    at the far edge), vignetting, a warm lamp cast and a soft shadow across
    the sheet, sensor noise stronger in the dark, the camera's own sharpening,
    about 200 dpi on the sheet, colour JPEG quality 70 with 4:2:0 chroma.
    HELD OUT (lead's decision of 2026-12-02, before anyone scored it): nobody
    tunes on it; bench_scans reports it in its own block.
``copier``
    an office copier's "scan to PDF" of a sheet that was itself a photocopy
    (dev/scan_copier.py has every step and range): 300 dpi, 1 bit; the earlier
    copy's blur and toner spread (strokes thicker) or light copy (thin strokes
    fading), two or three black punch holes 80 mm apart in the left or top
    margin where nothing is printed, skew 0.05-0.7° and a shift of up to 3 mm
    on the platen, black bands 2-8 mm wide with ragged inner edges along one
    or two edges (kept 1 mm clear of the content), background removal and a
    faint mottled grey cast, grey turned into dots by error diffusion or an
    8 x 8 ordered dither. Held out at stop 38 (built by a helper, unseen), scored
    once the same stop (fpdf2: 86/242 rows, 45 lost with no finding), then
    opened for tuning; a tuning machine since stop 39.
``compact``
    an office multifunction device's "compact" / "high compression" PDF
    (mixed raster content; dev/scan_compact.py has every step and range): not
    one image a page but layers drawn over the whole page, a colour
    background (cream or off-white paper, light falling off, faint
    show-through, the text lifted out but for a faint ghost) at 75, 100 or
    150 dpi, JPEG quality 30-50, then the text and rules as a 1-bit mask at
    200, 300 or 400 dpi, thresholded from the scanner's grey (skew 0.1-1°,
    blur, noise, dust): a stencil mask (``/ImageMask``) filled with a
    near-black ink colour (dark grey or very dark blue, per sheet), or on
    some sheets a small foreground colour image drawn through the mask
    (``/Mask`` or a 1-bit ``/SMask``); no text layer. Built at stop 39 by a
    helper, unseen until the lead scored it once the same stop (rows 40/66 and
    152/242: pages read from the background's stored pixels, the text lifted
    out of it), then opened for tuning (``stored_scan.layered``).
``ledger``
    a printed report bound with other papers (stapled, or filed in a binder:
    a 簿冊) and later scanned open on a flatbed by a clerk
    (dev/scan_ledger.py has every step and range): 300 dpi grey, a dark soft
    gutter shadow 10-25 mm wide along the binding edge (left on odd pages,
    right on even ones), the page curving into the binding there (its last
    15-30 mm squeezed by 2-6 %, the lines bowed by 0.5-2 mm, a little out of
    focus), the volume turned 0.2-1.5°, on some pages the lid's grey or the
    next sheets' edges in a band along the outer edge and a staple or its
    holes near a top corner (never over print), mild blur and noise, JPEG
    quality 60-80 per sheet. Built at stop 39 by a helper, unseen until the
    lead scored it once at stop 40 (rows 40/66 and 188/242: the gutter and the
    lid read as a photographed sheet's desk, the shadow cleared through the
    table's outer rule, a sheet's edge down the margin joining the page's
    head into one line), then opened for tuning (sheet_frame, scan_marks).
``sandwich``
    a "searchable PDF": an office scan with the device's own OCR laid under
    it as an invisible text layer (dev/scan_sandwich.py has every step and
    range). The image 300 dpi, grey JPEG quality 60-80 or 1 bit (four sheets
    of each in every eight), skew 0.1-0.8°, blur, noise, dust; over it a text
    object a line in render mode 3 (IPAex Gothic, embedded subset, ToUnicode),
    the lines read across the page (a table row's cells in one line, wrapped
    cells interleaved) with the device's errors: look-alike substitutions
    (1-4 %), drops (0.5-2 %), numbers split by spaces, half- and full-width
    mixed; in every eight pages one without a layer (the OCR timed out) and
    one with its layer shifted 3-8 mm. build_scans writes the layer
    (``text_layer``). Built at stop 40 by a helper, HELD OUT and unseen (no OCR,
    extractor or bench has run on it); a later session scores it once.
``microfilm``
    an archived report printed from microfilm or fiche by a reader-printer and
    the print scanned, as municipalities publish their older years
    (dev/scan_microfilm.py has every step and range): grey 240 dpi, JPEG
    quality 55-75 per sheet; low, uneven contrast (paper 170-215, ink 40-90),
    and in every four pages one **negative** print (white text on a dark
    ground: a negative film printed without reversal); the blow-back turned
    0.1-1° and scaled 0.97-1.03, the film's edge as a band 2-10 mm wide on one
    or two sides (dark on a positive print, light on a negative, clear of
    print), 0-3 vertical scratches light or dark, dust blotches, blur sigma
    0.8-1.4 px, a vignette, film grain. Built at stop 41 by a helper, HELD OUT
    and unseen (no OCR, extractor or bench has run on it); the lead scores it
    once at the next stop.

Which pipelines are held out is each pipeline's ``held_out`` flag; ``TUNING``
and ``HELD_OUT`` (what bench_scans splits by) are read from the flags.

Every random choice comes from the ``rng`` the caller seeds; nothing here
reads the clock or the file system. Needs numpy, pillow and OpenCV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from dev.scan_compact import RENDER_DPI, CompactPage, compact
from dev.scan_copier import copier
from dev.scan_ledger import ledger
from dev.scan_microfilm import SEED_ID as MICROFILM_SEED
from dev.scan_microfilm import microfilm
from dev.scan_sandwich import SEED_ID as SANDWICH_SEED
from dev.scan_sandwich import sandwich


@dataclass(frozen=True)
class ScanPipeline:
    """One scanner: resolution, colour mode and what it does to a page."""

    name: str
    seed_id: int  # part of the RNG seed (the corpus variants use 0-2)
    dpi: tuple[int, int]  # across, down (for "MRC": the render's; each layer draws its own)
    mode: str  # "1" (bilevel, Flate), "L" (grey JPEG), "RGB" (colour JPEG) or "MRC" (layers: a CompactPage);
    # a page may carry its own in img.info["scan_mode"] (sandwich: grey or bilevel by sheet)
    jpeg_quality: int  # 0 for bilevel; a page may carry its own in img.info["jpeg_quality"] (ledger: 60-80, microfilm: 55-75)
    held_out: bool = False
    needs_back: bool = False  # show-through needs the neighbouring page
    needs_page: bool = False  # the page's number matters (ledger: the binding side alternates; microfilm: the polarity block)
    text_layer: bool = False  # build_scans lays the device OCR's invisible text over the image (sandwich)


def _rotate(img: np.ndarray, rng: np.random.Generator, lo: float, hi: float) -> np.ndarray:
    """Skew by lo..hi degrees either way, paper colour in the corners."""
    angle = rng.uniform(lo, hi) * (1 if rng.random() < 0.5 else -1)
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=fill)


def _tone(clean: np.ndarray, paper: float, ink: float) -> np.ndarray:
    """Map white..black of the render onto the scanner's paper..ink grey levels (float32)."""
    return ink + clean.astype(np.float32) / 255.0 * (paper - ink)


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(a, (0, 0), sigma) if sigma else a


def _dust(a: np.ndarray, rng: np.random.Generator, count: int, darkness: tuple[float, float]) -> np.ndarray:
    h, w = a.shape[:2]
    for _ in range(count):
        y, x, r = int(rng.integers(0, h)), int(rng.integers(0, w)), int(rng.integers(1, 3))
        a[max(0, y - r): y + r, max(0, x - r): x + r] -= rng.uniform(*darkness)
    return a


def bitonal300(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """Black-and-white text mode: the threshold is the sheet's brightness setting."""
    a = _tone(_rotate(clean, rng, 0.1, 1.0), 245, 30)
    a = _blur(a, 0.8)
    a += rng.normal(0.0, 12.0, size=a.shape).astype(np.float32)
    a = _dust(a, rng, 60, (80, 180))
    threshold = rng.uniform(115, 165)
    return Image.fromarray(np.where(a > threshold, 255, 0).astype(np.uint8), mode="L").convert("1", dither=None)


def grey200(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """A hurried grey copier scan: clear skew, soft focus, noise, dust, heavy JPEG."""
    a = _tone(_rotate(clean, rng, 0.8, 2.0), 238, 42)
    a = _blur(a, 0.7)
    a += rng.normal(0.0, 7.0, size=a.shape).astype(np.float32)
    a = _dust(a, rng, 120, (60, 160))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def _lighting(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A multiplicative light field: bright at one point of the sheet, falling off towards the far edges."""
    cy, cx = rng.uniform(-0.2, 1.2) * h, rng.uniform(-0.2, 1.2) * w
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((yy - cy) / h) ** 2 + ((xx - cx) / w) ** 2)
    fall = rng.uniform(0.22, 0.35)  # share of the light lost at the farthest corner
    return (1.0 - fall * (d / d.max()) ** 1.5).astype(np.float32)


def colour150(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """Colour at 150 dpi: cream paper, show-through of the back, uneven light, colour JPEG."""
    grey = _rotate(clean, rng, 0.3, 1.2).astype(np.float32) / 255.0  # 1 paper, 0 ink
    if back is not None:  # the back of the sheet, mirrored, blurred by the paper, faint
        through = cv2.GaussianBlur(back[:, ::-1].astype(np.float32) / 255.0, (0, 0), 1.2)
        through = cv2.resize(through, (grey.shape[1], grey.shape[0]))
        grey = grey * (1.0 - rng.uniform(0.12, 0.2) * (1.0 - through))
    paper = np.array([246, 238, 218], np.float32) * rng.uniform(0.97, 1.0)
    ink = np.array([38, 36, 52], np.float32)
    rgb = ink + grey[..., None] * (paper - ink)
    height, width = grey.shape[:2]
    rgb *= _lighting(height, width, rng)[..., None]
    rgb += rng.normal(0.0, 4.0, size=rgb.shape).astype(np.float32)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def _broken_rules(ink: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """Mask of rule pixels to drop: long thin runs of ink, cut in ~6 px pieces at random."""
    h, w = ink.shape
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 40))))
    coarse = rng.random(((h + 5) // 6, (w + 5) // 6)) < share
    gaps = np.kron(coarse, np.ones((6, 6), bool))[:h, :w]
    return ((horiz > 0) | (vert > 0)) & gaps


FAX_PARTS = ("rotation", "noise", "rules", "drop", "speckle")  # the fax's noise, by name (dev/fax_noise.py)


def fax(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None,
        off: frozenset[str] = frozenset()) -> Image.Image:
    """200 x 100 dpi bilevel: half the rows, a hard threshold, speckle, drop-outs, broken rules.

    ``off``: parts of FAX_PARTS left out (dev/fax_noise.py), every random number still drawn in the
    same order, so what is left is pixel for pixel the full scan's.
    """
    if "rotation" in off:
        rng.uniform(0.1, 1.0), rng.random()  # _rotate's draws: the angle and its sign
        a = _tone(clean, 240, 35)
    else:
        a = _tone(_rotate(clean, rng, 0.1, 1.0), 240, 35)
    h, w = a.shape
    a = cv2.resize(a, (w, h // 2), interpolation=cv2.INTER_AREA)  # 100 dpi down
    noise = rng.normal(0.0, 10.0, size=a.shape).astype(np.float32)
    if "noise" not in off:
        a += noise
    ink = (a < 165).astype(np.uint8) * 255  # a dark setting, or the thin rules vanish at 100 dpi
    broken = _broken_rules(ink, rng, 0.12)
    if "rules" not in off:
        ink[broken] = 0
    drop = (rng.random(ink.shape) < 0.02) & (ink > 0)  # toner drop-outs inside strokes
    if "drop" not in off:
        ink[drop] = 0
    speck = rng.random(ink.shape) < 0.0008  # speckle
    if "speckle" not in off:
        ink[speck] = 255
    out = np.where(ink > 0, 0, 255).astype(np.uint8)
    return Image.fromarray(out, mode="L").convert("1", dither=None)


def _keystone(grey: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sheet seen from a little off its axis: corners pulled in, one side shorter, a small tilt.

    Returns the warped sheet (1 paper, 0 ink), the mask of where the sheet is
    and the point of the frame the camera focused on (x, y). Each corner moves
    inwards by 0.5-3 % of the frame (the sheet fills the frame, as someone
    photographing a page holds it), the side farther from the lens by up to
    2 % more, so lines that were parallel converge.
    """
    h, w = grey.shape
    inset = rng.uniform(0.005, 0.03, size=(4, 2)) * np.array([w, h], np.float32)
    far = int(rng.integers(0, 4))  # 0 top, 1 right, 2 bottom, 3 left: the side farther from the lens
    squeeze = rng.uniform(0.005, 0.02) * (w if far in (0, 2) else h)
    corners = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)  # tl tr br bl
    inward = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], np.float32)
    dst = (corners + inward * inset).astype(np.float32)
    ends = {0: (0, 1), 1: (1, 2), 2: (2, 3), 3: (3, 0)}[far]
    along = 0 if far in (0, 2) else 1
    dst[ends[0], along] += squeeze
    dst[ends[1], along] -= squeeze
    m = cv2.getPerspectiveTransform(corners, dst)
    sheet = cv2.warpPerspective(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=1.0)
    mask = cv2.warpPerspective(np.ones_like(grey), m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
    near = {0: (0.5, 0.9), 1: (0.1, 0.5), 2: (0.5, 0.1), 3: (0.9, 0.5)}[far]  # focus on the near half
    focus = np.array([(near[0] + rng.uniform(-0.2, 0.2)) * w, (near[1] + rng.uniform(-0.2, 0.2)) * h], np.float32)
    return sheet, mask, focus


def _defocus(a: np.ndarray, focus: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Sharp around ``focus``, softer with distance: three blur levels blended by the distance field."""
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((xx - focus[0]) / w) ** 2 + ((yy - focus[1]) / h) ** 2)
    t = np.clip(d / max(float(d.max()), 1e-6), 0.0, 1.0) * 2.0  # 0 at focus .. 2 at the farthest point
    sigmas = (0.35, rng.uniform(0.8, 1.1), rng.uniform(1.3, 1.7))
    levels = [cv2.GaussianBlur(a, (0, 0), s) for s in sigmas]
    lo = np.clip(1.0 - t, 0.0, 1.0)
    hi = np.clip(t - 1.0, 0.0, 1.0)
    mid = 1.0 - lo - hi
    if a.ndim == 3:
        lo, mid, hi = lo[..., None], mid[..., None], hi[..., None]
    return levels[0] * lo + levels[1] * mid + levels[2] * hi


def _vignette(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """The lens's fall-off: the corners of the frame 15-30 % darker than its centre."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2  # 2 at the corners
    return (1.0 - rng.uniform(0.15, 0.3) * (r2 / 2.0) ** 1.2).astype(np.float32)


def _shadow(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A soft shadow (the phone, a hand) darkening one band of the sheet by 8-18 %, with a wide edge."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    s = (xx / w - 0.5) * np.cos(angle) + (yy / h - 0.5) * np.sin(angle)
    edge = rng.uniform(0.15, 0.45)
    return (1.0 - rng.uniform(0.08, 0.18) / (1.0 + np.exp(-(s - edge) / 0.06))).astype(np.float32)


def phone200(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """A phone photo of the sheet: keystone, uneven focus, vignetting, lamp cast, shadow, noise, sharpening."""
    sheet, mask, focus = _keystone(clean.astype(np.float32) / 255.0, rng)
    paper = np.array([238, 228, 206], np.float32) * rng.uniform(0.93, 1.0)  # warm indoor light on white
    ink = np.array([44, 40, 46], np.float32)
    desk = np.array([92, 74, 58], np.float32) * rng.uniform(0.8, 1.1)
    rgb = ink + sheet[..., None] * (paper - ink)
    rgb = rgb * mask[..., None] + desk * (1.0 - mask[..., None])
    rgb = _defocus(rgb, focus, rng)
    h, w = clean.shape
    rgb *= (_vignette(h, w, rng) * _shadow(h, w, rng))[..., None]
    level = np.clip(rgb / 255.0, 0.0, 1.0)  # shot noise: larger where less light fell
    rgb += rng.normal(0.0, 1.0, size=rgb.shape).astype(np.float32) * (3.0 + 5.0 * (1.0 - level))
    soft = cv2.GaussianBlur(rgb, (0, 0), 1.2)
    rgb = rgb + rng.uniform(0.4, 0.7) * (rgb - soft)  # the camera's unsharp mask: halos along strokes
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def _desk(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """What lies under the sheet (float32 RGB): a dark desk, a wood grain or a grey laminate, never flat."""
    kind = int(rng.integers(0, 3))
    lowfreq = cv2.resize(rng.normal(0.0, 1.0, (6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    if kind == 0:  # dark desk
        base, texture = np.array([58, 52, 48], np.float32) * rng.uniform(0.6, 1.4), 10.0 * lowfreq
    elif kind == 1:  # wood: streaks along one direction, their phase wandering
        base = np.array([150, 108, 70], np.float32) * rng.uniform(0.75, 1.05)
        along = np.mgrid[0:h, 0:w][int(rng.integers(0, 2))].astype(np.float32)
        period = rng.uniform(0.012, 0.03) * max(h, w)
        texture = 18.0 * np.sin(2 * np.pi * (along / period + 1.5 * lowfreq)) + 8.0 * lowfreq
    else:  # grey laminate, lighter than the desk but well below the paper
        base, texture = np.full(3, rng.uniform(95, 130), np.float32), 6.0 * lowfreq
    return base[None, None, :] + texture[..., None]


def _sheet_corners(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Where the page's corners land in the frame: a smaller sheet, turned, each corner moved on its own.

    The sheet fills 86-92 % of the frame, is turned by up to 3°, and each
    corner moves by 1-4 % of the frame on its own (perspective: the camera is
    never square over the sheet). On a quarter of the pages the sheet is also
    pushed against one side of the frame, running off it by up to 0.8 % (less
    than the report's margins): no desk shows on that side.
    """
    scale, angle = rng.uniform(0.86, 0.92), np.deg2rad(rng.uniform(-3.0, 3.0))
    half = np.array([[-w, -h], [w, -h], [w, h], [-w, h]], np.float32) / 2 * scale
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
    corners = half @ turn.T + np.array([w / 2, h / 2], np.float32)
    moves = rng.uniform(0.01, 0.04, (4, 2)) * rng.choice([-1.0, 1.0], (4, 2)) * np.array([w, h])
    corners = corners + moves.astype(np.float32)
    if rng.random() < 0.25:
        side = int(rng.integers(0, 4))  # 0 left, 1 top, 2 right, 3 bottom
        axis, size = side % 2, (w, h)[side % 2]
        overrun = rng.uniform(0.0, 0.008) * size
        if side < 2:
            corners[:, axis] -= corners[:, axis].min() + overrun
        else:
            corners[:, axis] += size + overrun - corners[:, axis].max()
    return corners


def _curl(grey: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A gentle cylindrical bow: rows bend up or down across the width by a few pixels (0.05-0.25 % of it)."""
    h, w = grey.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    bow = np.sin(np.pi * xx / w)  # 0 at the sheet's side edges, 1 in the middle
    amp_edge = rng.uniform(0.0005, 0.0025) * w * rng.choice([-1.0, 1.0])  # bulge: top and bottom bend apart
    amp_all = rng.uniform(-0.0015, 0.0015) * w  # the whole sheet sagging one way
    dy = bow * (amp_edge * (2 * yy / h - 1) + amp_all)
    return cv2.remap(grey, xx, (yy - dy).astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=1.0)


def camera(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """An overhead camera's photo of the sheet on a desk: perspective, desk around it, curl, uneven light."""
    h, w = clean.shape
    grey = clean.astype(np.float32) / 255.0  # 1 paper, 0 ink
    if rng.random() < 0.5:
        grey = _curl(grey, rng)
    paper = np.array([238, 234, 224], np.float32) * rng.uniform(0.94, 1.0)
    ink = np.array([34, 32, 40], np.float32)
    sheet = ink + grey[..., None] * (paper - ink)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    warp = cv2.getPerspectiveTransform(src, _sheet_corners(h, w, rng))
    flat = cv2.warpPerspective(sheet, warp, (w, h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    cover = cv2.warpPerspective(np.ones((h, w), np.float32), warp, (w, h), flags=cv2.INTER_LINEAR)[..., None]
    rgb = cover * flat + (1.0 - cover) * _desk(h, w, rng)
    light = _lighting(h, w, rng) * (1.0 - rng.uniform(0.0, 0.12) * np.linspace(0, 1, w, dtype=np.float32)[None, :])
    cast = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.86, 0.98)], np.float32)  # a warm lamp
    rgb = rgb * light[..., None] * cast
    rgb = _blur(rgb, rng.uniform(0.5, 1.0))
    rgb += rng.normal(0.0, rng.uniform(2.5, 5.0), size=rgb.shape).astype(np.float32)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


PIPELINES: dict[str, tuple[ScanPipeline, Callable[..., Image.Image | CompactPage]]] = {
    "bitonal300": (ScanPipeline("bitonal300", 3, (300, 300), "1", 0), bitonal300),
    "grey200": (ScanPipeline("grey200", 4, (200, 200), "L", 30), grey200),
    "colour150": (ScanPipeline("colour150", 5, (150, 150), "RGB", 50, needs_back=True), colour150),
    "fax": (ScanPipeline("fax", 6, (200, 100), "1", 0), fax),
    "camera": (ScanPipeline("camera", 8, (280, 280), "RGB", 75), camera),
    "phone200": (ScanPipeline("phone200", 7, (200, 200), "RGB", 70, held_out=True), phone200),
    "copier": (ScanPipeline("copier", 9, (300, 300), "1", 0), copier),
    "compact": (ScanPipeline("compact", 10, (RENDER_DPI, RENDER_DPI), "MRC", 0, needs_back=True), compact),
    "ledger": (ScanPipeline("ledger", 11, (300, 300), "L", 70, needs_page=True), ledger),
    "sandwich": (ScanPipeline("sandwich", SANDWICH_SEED, (300, 300), "L", 70, needs_page=True,
                              text_layer=True), sandwich),
    "microfilm": (ScanPipeline("microfilm", MICROFILM_SEED, (240, 240), "L", 65, held_out=True, needs_page=True),
                  microfilm),
}
TUNING = tuple(name for name, (p, _) in PIPELINES.items() if not p.held_out)
HELD_OUT = tuple(name for name, (p, _) in PIPELINES.items() if p.held_out)


def scan_page(name: str, clean: np.ndarray, rng: np.random.Generator,
              back: np.ndarray | None = None, page: int = 1) -> Image.Image | CompactPage:
    """``clean`` (grey uint8, rendered at the pipeline's horizontal dpi) through pipeline ``name``.

    An image, or for the "MRC" mode (compact) the page's layers. ``page`` (1-based)
    reaches only the pipelines that need it (``needs_page``)."""
    spec, fn = PIPELINES[name]
    return fn(clean, rng, back, page=page) if spec.needs_page else fn(clean, rng, back)


def jpeg_subsampling(mode: str) -> int:
    """Pillow's subsampling code: 4:2:0 for colour, as cameras and scanners save it; none for grey."""
    return 2 if mode == "RGB" else 0


__all__ = ["HELD_OUT", "PIPELINES", "TUNING", "ScanPipeline", "jpeg_subsampling", "scan_page"]
