"""The results store: extractions and recognized rows kept as immutable files (docs/scale.md).

``keys`` says what each is a function of; ``results`` writes and reads them
atomically; ``codec`` turns the stage dataclasses into JSON and back from their
type hints, so fields added to ``Extraction`` round-trip without code here.
"""

from pipeline.store.keys import config_fingerprint, extractor_key, results_key
from pipeline.store.results import ResultsStore, StoredResult

__all__ = ["ResultsStore", "StoredResult", "config_fingerprint", "extractor_key", "results_key"]
