"""One document's work, wherever it runs: read, extract (or reuse), recognize (or reuse), store.

``document_task`` is what an executor maps over paths. It takes a path, not
bytes (a cluster's workers read the file themselves), writes what it made into
the results store, and returns a small ``TaskResult``: the rows stay in the store
for the single loader. Every failure of the document is a returned result, never
an exception, so an engine only ever retries a crash of the process itself.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.extract import extract_document, sha256_of
from pipeline.normalize.charmaps import using_charmaps
from pipeline.store.keys import (
    charmaps_of,
    config_key,
    corrections_of,
    extract_settings_of,
    extractor_key,
    results_key,
)
from pipeline.store.results import ResultsStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskResult:
    """What a worker sends back: where the rows are, or why there are none."""

    path: str
    ok: bool
    message: str = ""  # the one-line reason when not ok
    sha256: str | None = None
    results_folder: str | None = None
    extracted: bool = False  # the extractor read the PDF (False: the stored extraction was used)
    recognized: bool = False  # recognition, matching and checks ran (False: stored rows were used)
    pages: int = 0
    seconds: float = 0.0


def failed(path: str, message: str, started: float) -> TaskResult:
    return TaskResult(path, False, message, seconds=time.perf_counter() - started)


def document_task(path: str, store_root: str, settings: Any, process: Callable[..., Any],
                  on_page: Callable[[int], None] | None = None) -> TaskResult:
    """Make (or find) a document's stored result.

    ``settings`` is a pipeline.run.RunSettings and ``process`` pipeline.run.process_extraction
    (handed in by the run, which comes after this stage: executors never import it).
    """
    started = time.perf_counter()
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return failed(path, f"{name}: read: {exc.strerror or exc}", started)
    try:
        sha = sha256_of(data)
        store = ResultsStore(store_root)
        ekey = extractor_key(extract_settings_of(settings), charmaps_of(settings))
        rkey = results_key(ekey, corrections_of(settings), name, config_key=config_key(settings))
        stored = None if settings.force else store.get_result(sha, rkey)
        extracted = recognized = False
        if stored is None:
            extraction = None if settings.force else store.get_extraction(sha, ekey)
            if extraction is None:
                with using_charmaps(charmaps_of(settings)):  # OCR text is normalized with the run's maps
                    extraction = extract_document(data, name, extract_settings_of(settings), on_page=on_page)
                store.put_extraction(extraction, ekey)
                extracted = True
            elif extraction.file_name != name:  # same bytes under another name
                extraction = dataclasses.replace(extraction, file_name=name)
            result = process(extraction, settings)
            stored = store.put_result(result, ekey, rkey, replace=settings.force)
            recognized = True
        elif on_page is not None:
            on_page(int(stored.summary["counts"]["pages"]))
    except PipelineError as exc:
        return failed(path, exc.one_line(), started)
    except MemoryError:
        raise  # the memory cap's wrapper names the limit
    except Exception as exc:  # a bug or a parser failure we did not foresee: this file fails, the run goes on
        log.debug("unexpected error on %s", path, exc_info=True)
        return failed(path, f"{name}: internal error ({type(exc).__name__}: {exc}); "
                      "rerun with --debug for details", started)
    return TaskResult(path, True, "", sha, str(stored.folder), extracted, recognized,
                      int(stored.summary["counts"]["pages"]), time.perf_counter() - started)
