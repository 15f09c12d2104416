"""The report as the OpenDocument text written for Writer, printed to PDF by Calligra Words 3.2 (Debian ``calligrawords``).

A third word processor prints the same .odt that ``office.odt_document`` writes
(odfpy), after LibreOffice Writer and AbiWord: Calligra Words reads it with its
own OpenDocument loader (KOffice's, a code base of its own), lays the pages out
with its own text engine (KoTextLayout: its own line breaking of Japanese text,
column widths from the table's column styles, page breaks) and draws them
through Qt's PDF writer (QPdfWriter), as ``calligrawords --export-pdf`` does for
a user converting a file from the command line. Nothing is set on the way: page
size, orientation, margins, fonts and borders are what the .odt says.

Calligra Words 3.2.1 writes the whole PDF soon after it starts but then does
not exit (its main window stays up on the offscreen platform), so the PDF is
watched (``wait_for_pdf``): once it ends with ``%%EOF`` and its size has not
changed for a while, the process group started here (``dbus-run-session``, its
private bus and Calligra Words) is ended by its id; a run that writes no
finished PDF in ``TIMEOUT`` seconds, or exits without one, is an error that
names the file. KDE's frameworks want a session bus, hence ``dbus-run-session``
(a private bus that ends with the run); Qt draws offscreen
(``QT_QPA_PLATFORM=offscreen``), and a throw-away home holds Calligra's
profile. Qt 5 stamps the current time as ``/CreationDate``; that one date is
overwritten with a fixed one of the same length (``stamps``), and Calligra
titles the PDF by the source's name, which is the variant's. A short document
usually comes out the same bytes (not always on a loaded machine: a test that
asserted it failed once under load and was dropped); a long one does not: from the
fourth page on Calligra prints every other page without its footer (the page
number the .odt puts on every page), the odd pages or the even ones as the
export's timing falls, so two builds can differ in which footers are missing
(one file of fourteen in a rebuild of the report, both of two in a later one). That is Calligra's
own print of the file, kept as it is: nothing here reads or repairs what it drew.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Protocol

from .model import Document, Variant
from .office import odt_document
from .stamps import fixed_creation_date

TIMEOUT = 600.0  # seconds for one export: the full report's landscape narrow list takes the longest
SETTLE = 3.0  # seconds a finished PDF's size must stay the same before Calligra Words is ended
POLL = 0.25  # seconds between two looks at the PDF


class Process(Protocol):
    """What ``wait_for_pdf`` needs of a running export: whether it ended (``subprocess.Popen.poll``)."""

    def poll(self) -> int | None: ...


def command(source: Path, pdf: Path) -> list[str]:
    """Calligra Words' command line on a private session bus: export ``source`` to ``pdf``, nothing else."""
    return ["dbus-run-session", "--", "calligrawords", "--export-pdf", "--export-filename", str(pdf), str(source)]


def finished(pdf: Path) -> int | None:
    """The size of ``pdf`` if it is there and ends with ``%%EOF`` (a PDF written to its end), else None."""
    try:
        data = pdf.read_bytes()
    except FileNotFoundError:
        return None
    return len(data) if data.rstrip().endswith(b"%%EOF") else None


def wait_for_pdf(process: Process, pdf: Path, timeout: float = TIMEOUT, settle: float = SETTLE,
                 poll: float = POLL) -> None:
    """Return once ``pdf`` ends with ``%%EOF`` and its size stayed the same for ``settle`` seconds.

    Raises RuntimeError if ``process`` ends without such a file or ``timeout`` seconds pass first: Calligra
    Words does not exit after its export, so its exit is no sign of being done, and a missing file must not be
    waited for forever.
    """
    deadline = time.monotonic() + timeout
    size, since = None, time.monotonic()
    while True:
        now = time.monotonic()
        current = finished(pdf)
        if current != size:
            size, since = current, now
        elif size is not None and now - since >= settle:
            return
        if process.poll() is not None and size is None:
            raise RuntimeError(f"Calligra Words exited ({process.poll()}) without a finished PDF at {pdf}")
        if now >= deadline:
            raise RuntimeError(f"Calligra Words wrote no finished PDF (ending %%EOF, size settled) at {pdf} "
                               f"in {timeout:.0f} s")
        time.sleep(poll)


def end(process: subprocess.Popen[bytes]) -> None:
    """End the process group started for one export (dbus-run-session, its bus, Calligra Words) by its id."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
    else:  # dbus-run-session gone: whatever it left in its group
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def fixed_date(pdf: bytes) -> bytes:
    """The PDF with Qt's one /CreationDate fixed (``stamps.fixed_creation_date``)."""
    return fixed_creation_date(pdf, "Qt")


def export(source: Path, pdf: Path, home: Path, timeout: float = TIMEOUT) -> None:
    """Print ``source`` to ``pdf`` with Calligra Words, ended once the PDF is finished."""
    # a throw-away home (Calligra's profile), no display, Qt offscreen, UTC so that Qt's date is of the form replaced
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home),
                "XDG_DATA_HOME": str(home), "XDG_RUNTIME_DIR": str(home), "TZ": "UTC",
                "QT_QPA_PLATFORM": "offscreen"})
    process = subprocess.Popen(command(source, pdf), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_pdf(process, pdf, timeout)
    finally:
        end(process)


def render(doc: Document, variant: Variant, out: Path) -> None:
    """Write the report as Writer's .odt and print it with Calligra Words to ``out``."""
    with tempfile.TemporaryDirectory(prefix="producers-calligra-") as tmp:
        # named for the variant, not for ``out``: Calligra Words titles the PDF by the file's name
        source, pdf = Path(tmp) / f"{variant.name}.odt", Path(tmp) / f"{variant.name}.pdf"
        odt_document(doc, variant, source)
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        export(source, pdf, home)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(fixed_date(pdf.read_bytes()))
