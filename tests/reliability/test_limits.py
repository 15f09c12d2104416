"""Limits are settings with defaults; hitting one rejects the document with a message naming it."""

from __future__ import annotations

import signal
import time

import pytest
from PIL import Image

from dev.make_bad_pdfs import huge_page, slow_page
from pipeline.errors import ExtractError
from pipeline.extract import ExtractSettings, extract_document
from pipeline.extract.safety import time_limit
from tests.conftest import REFERENCE_PDF


def test_a_pathological_page_is_interrupted_at_the_per_page_limit():
    data = slow_page()
    started = time.perf_counter()
    with pytest.raises(ExtractError, match=r"slow\.pdf: extract \(page 1\): page took over 1 s.*max_seconds_per_page"):
        extract_document(data, "slow.pdf", ExtractSettings(max_seconds_per_page=1))
    assert time.perf_counter() - started < 5, "the timer interrupts the page, not only checks after it"


# A timeout that lands while Python runs a gc callback (hypothesis installs one) is printed and
# dropped by Python; time_limit re-arms its alarm for exactly that case, so the warning is expected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_per_document_limit():
    data = slow_page()
    with pytest.raises(ExtractError, match=r"max_seconds_per_document"):
        extract_document(data, "slow.pdf", ExtractSettings(max_seconds_per_document=0.5))


def test_page_limit_names_the_setting():
    with pytest.raises(ExtractError, match=r"48 pages is over the limit of 10 \(max_pages\)"):
        extract_document(REFERENCE_PDF.read_bytes(), "r.pdf", ExtractSettings(max_pages=10))


def test_page_pixel_limit_is_configurable():
    data = huge_page(b"")
    with pytest.raises(ExtractError, match=r"14400 x 14400 pt: 3,600 M pixels at 300 dpi.*max_page_pixels"):
        extract_document(data, "huge.pdf")
    lenient = ExtractSettings(render_dpi=72, max_page_pixels=300_000_000)
    assert extract_document(data, "huge.pdf", lenient).page_count == 1


@pytest.mark.parametrize("name", ["max_seconds_per_page", "max_seconds_per_document", "max_page_pixels",
                                  "max_image_pixels", "render_dpi"])
def test_settings_reject_nonsense(name):
    with pytest.raises(ValueError, match=name):
        ExtractSettings(**{name: 0})


def test_pillow_bomb_guard_stays_on():
    Image.MAX_IMAGE_PIXELS = None
    try:
        extract_document(huge_page(b""), "h.pdf", ExtractSettings(max_page_pixels=10**10))
        assert Image.MAX_IMAGE_PIXELS == ExtractSettings().max_image_pixels // 2
    finally:
        Image.MAX_IMAGE_PIXELS = 89_478_485


def test_time_limit_restores_an_outer_timer():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(5):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0, "the outer timer is still armed"
        time.sleep(0.7)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_timeout_that_gets_swallowed_is_raised_again():
    # Python drops an exception raised inside a gc callback or __del__ (CI saw a PageTimeout lost
    # in hypothesis's gc callback): the alarm repeats until the block is left
    from pipeline.extract.safety import PageTimeout

    swallowed = 0
    started = time.perf_counter()

    def busy_until(limit: float) -> None:
        while time.perf_counter() - started < limit:
            time.sleep(0.01)

    with pytest.raises(PageTimeout), time_limit(0.2):
        try:
            busy_until(3)
        except PageTimeout:
            swallowed += 1  # the first one is lost, as in a finalizer
        busy_until(3)  # without a second alarm the block runs to its end
    assert swallowed == 1
    assert time.perf_counter() - started < 1.5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the timer is disarmed after the block"
