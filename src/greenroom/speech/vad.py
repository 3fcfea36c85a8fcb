"""Voice activity detection with the Silero VAD that ships inside faster-whisper.

Pauses and time to first word come from here, not from Whisper's word gaps: Whisper starts words
~0.4 s early and stretches them into silences (SPEECH.md). Settings were tuned on
shared/eval/long (docs/speech.md): 100 ms of padding keeps the first-word onset within ~0.15 s
and pause lengths within ~0.3 s of the silence measured from the source clips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import SpeechSegment

SAMPLE_RATE = 16_000
FRAME = 512  # Silero's window at 16 kHz: 32 ms
_CONTEXT = 64  # samples of the previous window the v6 model sees before each window


@dataclass(frozen=True, slots=True)
class VadSettings:
    """Detector settings, shared by the whole-file pass and the streaming segmenter.

    Attributes:
        threshold: Speech probability at or above which a frame is speech.
        min_silence_ms: Shorter silences do not split a segment (the whole-file pass).
        speech_pad_ms: Added to each side of a segment. Silero marks speech late and ends it
            early; 100 ms brought onsets closest to the truth on the eval set.
        min_speech_ms: Shorter bursts (clicks, a chair) are dropped.
    """

    threshold: float = 0.5
    min_silence_ms: int = 300
    speech_pad_ms: int = 100
    min_speech_ms: int = 100

    @property
    def neg_threshold(self) -> float:
        """Below this a frame is silence; in between, it continues whatever came before."""
        return max(self.threshold - 0.15, 0.01)


DEFAULT_VAD = VadSettings()


def _vad_module() -> Any:
    try:
        from faster_whisper import vad
    except ImportError as exc:
        raise SpeechEngineError(
            "faster-whisper is not installed",
            where="voice detection",
            fix="Run `pip install faster-whisper`",
        ) from exc
    return vad


def speech_segments(
    samples: npt.NDArray[np.float32], settings: VadSettings = DEFAULT_VAD, *, offset: float = 0.0
) -> list[SpeechSegment]:
    """Find speech in 16 kHz mono samples (a whole answer or file).

    Args:
        samples: The audio.
        settings: Detector settings.
        offset: Answer time of ``samples[0]``, added to every time.

    Returns:
        Speech segments in seconds, in time order, not overlapping.
    """
    audio = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
    if len(audio) < FRAME:
        return []
    vad = _vad_module()
    options = vad.VadOptions(
        threshold=settings.threshold,
        min_silence_duration_ms=settings.min_silence_ms,
        speech_pad_ms=settings.speech_pad_ms,
        min_speech_duration_ms=settings.min_speech_ms,
    )
    found = vad.get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)
    return [
        SpeechSegment(
            round(offset + s["start"] / SAMPLE_RATE, 3), round(offset + s["end"] / SAMPLE_RATE, 3)
        )
        for s in found
    ]


# What FrameProbabilities relies on inside faster-whisper (not its public API; pyproject.toml
# keeps faster-whisper below 2): the Silero session's inputs, name -> shape.
SILERO_INPUTS = {"input": ["seq_len", FRAME + _CONTEXT], "h": [1, 1, 128], "c": [1, 1, 128]}
SILERO_OUTPUTS = 3  # probabilities, then the new h and c


def silero_session() -> Any:
    """The ONNX session of faster-whisper's Silero VAD, checked against what we feed it.

    Raises:
        SpeechEngineError: faster-whisper is missing, or its VAD internals changed (a new
            faster-whisper); the message says what differs.
    """
    vad = _vad_module()
    try:
        session = vad.get_vad_model().session
        inputs = {i.name: list(i.shape) for i in session.get_inputs()}
        outputs = len(session.get_outputs())
    except Exception as exc:  # an attribute gone or renamed
        raise _internals_changed(f"{type(exc).__name__}: {exc}") from exc
    if inputs != SILERO_INPUTS or outputs != SILERO_OUTPUTS:
        raise _internals_changed(f"inputs {inputs}, {outputs} outputs")
    return session


def _internals_changed(found: str) -> SpeechEngineError:
    return SpeechEngineError(
        "the Silero voice detector inside faster-whisper is not the one Greenroom was built "
        f"for (expected get_vad_model().session with inputs {SILERO_INPUTS} and "
        f"{SILERO_OUTPUTS} outputs; found {found})",
        where="voice detection",
        fix="Install a faster-whisper version below 2 (`pip install 'faster-whisper<2'`)",
    )


class FrameProbabilities:
    """Silero speech probability per 32 ms frame, computed incrementally.

    Carries the model's recurrent state and the 64-sample context between calls, so feeding a
    stream in pieces gives exactly the probabilities of one whole-buffer pass (checked in the
    tests). Not thread-safe: one instance per stream.
    """

    def __init__(self) -> None:
        self._session = silero_session()
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)

    def push(self, samples: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Add samples; return probabilities for every frame completed by them."""
        data = np.concatenate([self._pending, np.asarray(samples, dtype=np.float32)])
        whole = len(data) // FRAME * FRAME
        self._pending = data[whole:]
        if whole == 0:
            return np.zeros(0, dtype=np.float32)
        frames = data[:whole].reshape(-1, FRAME)
        contexts = np.concatenate([self._context[None, :], frames[:-1, -_CONTEXT:]], axis=0)
        batch = np.concatenate([contexts, frames], axis=1)
        probs, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = frames[-1, -_CONTEXT:].copy()
        return np.asarray(probs, dtype=np.float32).reshape(-1)
