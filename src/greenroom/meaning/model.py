"""The sentence-embedding model (wordllama), loaded once per process, offline, on first use.

wordllama 0.4 ships its 16 MB static model (l2_supercat, 256 dimensions) and the tokenizer's
configuration inside its wheel. Its default ``load()`` looks for the tokenizer under
``wordllama/tokenizer/`` (the wheel has ``wordllama/tokenizers/``) and, not finding it, downloads
it from the Hugging Face hub. Loading with ``cache_dir`` set to the package's own folder and
``disable_download=True`` finds both files in the wheel and can never touch the network: a file
that is missing raises instead. docs/relevance.md explains why this model was chosen.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from greenroom.core.errors import GreenroomError

MODEL_CONFIG = "l2_supercat"
MODEL_DIM = 256
_CACHE_SIZE = 4096  # embeddings kept by text: bank descriptions are embedded once per process


class MeaningUnavailable(GreenroomError):
    """The embedding model could not be loaded (package missing or its files damaged)."""


class MeaningModel:
    """wordllama behind a lock: loads on first use, caches embeddings by text.

    Safe to share between threads: loading happens once under a lock, and embedding runs under
    the same lock (it takes milliseconds, so a second caller waits very little).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def name(self) -> str:
        return f"wordllama {MODEL_CONFIG} {MODEL_DIM}"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (the first similarity() call does it otherwise)."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._model is not None:
            return
        try:
            wordllama = importlib.import_module("wordllama")
            folder = Path(str(wordllama.__file__)).parent
            self._model = wordllama.WordLlama.load(
                config=MODEL_CONFIG, dim=MODEL_DIM, cache_dir=folder, disable_download=True
            )
        except (ImportError, OSError, ValueError, KeyError) as exc:
            raise MeaningUnavailable(
                f"the sentence-meaning model could not be loaded ({exc.__class__.__name__}: {exc})",
                fix="Reinstall Greenroom so that its 'wordllama' package is complete",
            ) from exc

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (a zero row for a text with no words)."""
        with self._lock:
            self._load_locked()
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if missing:
                # A text with no known token embeds to zeros, and normalising it divides by 0.
                with np.errstate(invalid="ignore", divide="ignore"):
                    vectors = np.asarray(self._model.embed(missing, norm=True), dtype=np.float32)
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = np.nan_to_num(vector)
            for text in texts:
                self._cache.move_to_end(text)
            rows = [self._cache[t] for t in texts]
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return np.vstack(rows) if rows else np.zeros((0, MODEL_DIM), dtype=np.float32)

    def similarity(self, texts: Sequence[str], others: Sequence[str]) -> list[list[float]]:
        """Cosine similarity of every text with every other text (rows follow ``texts``)."""
        if not texts or not others:
            return [[] for _ in texts]
        matrix = self.embed(texts) @ self.embed(others).T
        return [[float(v) for v in row] for row in matrix]


_shared: MeaningModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> MeaningModel:
    """The process-wide model (created on first call; loads on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MeaningModel()
        return _shared
