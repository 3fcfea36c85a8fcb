"""Offline fallback engine: PocketSphinx 5 used directly, for word times.

SpeechRecognition's ``recognize_sphinx`` rebuilds its decoder on every call and returns no word
times, so we drive ``pocketsphinx.Decoder`` ourselves: one decoder, reused, whose ``seg()`` gives
each word's start and end frame. Accuracy is far below Whisper (about 50 % word error rate on
the eval set); it exists so transcription never becomes impossible.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import Word
from greenroom.speech.audio import float_to_pcm16

ENGINE_NAME = "pocketsphinx"
_ALTERNATE = re.compile(r"\(\d+\)$")  # "and(2)" is the second pronunciation of "and"


class SphinxEngine:
    """PocketSphinx with its bundled US English model (always installed with the package)."""

    name = ENGINE_NAME
    model_name = "en-us"
    is_online = False

    def __init__(self) -> None:
        self._decoder: Any = None
        self._frame_rate = 100
        self._lock = threading.Lock()

    def _get_decoder(self) -> Any:
        if self._decoder is None:
            try:
                from pocketsphinx import Decoder

                self._decoder = Decoder(loglevel="FATAL")
                self._frame_rate = int(self._decoder.config["frate"])
            except Exception as exc:  # ImportError, or RuntimeError for a broken model
                raise SpeechEngineError(
                    f"PocketSphinx cannot start ({exc})",
                    where=ENGINE_NAME,
                    fix="Run `pip install --force-reinstall pocketsphinx`",
                ) from exc
        return self._decoder

    def transcribe(self, samples: npt.NDArray[np.float32], *, offset: float = 0.0) -> list[Word]:
        """Transcribe 16 kHz mono samples; times are shifted by ``offset``."""
        if len(samples) < 1600:
            return []
        with self._lock:
            decoder = self._get_decoder()
            try:
                decoder.start_utt()
                decoder.process_raw(float_to_pcm16(samples), full_utt=True)
                decoder.end_utt()
                segments = list(decoder.seg()) if decoder.hyp() is not None else []
            except Exception as exc:
                raise SpeechEngineError(
                    f"PocketSphinx failed ({exc})", where=ENGINE_NAME, fix="Try again"
                ) from exc
        words = []
        for seg in segments:
            text = _ALTERNATE.sub("", str(seg.word))
            if text.startswith(("<", "[")):  # <s>, </s>, <sil>, [NOISE]
                continue
            start = offset + seg.start_frame / self._frame_rate
            end = offset + (seg.end_frame + 1) / self._frame_rate
            prob = min(1.0, max(0.0, float(seg.prob)))
            words.append(Word(text, round(start, 3), round(end, 3), prob))
        return words
