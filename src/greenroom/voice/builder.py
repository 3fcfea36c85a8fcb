"""Track the voice while an answer is recorded, so the track is ready moments after Stop.

Tracking a whole answer takes about 1 s per minute of audio here (docs/voice.md), which the
feedback screen would wait for. Instead the capture thread hands each chunk to ``feed`` (a copy
and a queue put, nothing more) and one worker thread tracks the audio in blocks of a few seconds
as they complete; ``finish`` then tracks only the last block.

The blocks go through swift-f0's own stream (``SwiftF0.stream``): it keeps the 11 frames before
each block and holds back the last 10 until the audio after them arrives, the model's whole
receptive field, so the stitched track is the whole-file track (benchmarks/voice.py
--incremental measures it). Plain ``threading``, no Qt.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import GreenroomError
from greenroom.core.voice import VoiceTrack
from greenroom.speech.audio import SAMPLE_RATE, pcm16_to_float
from greenroom.voice.tracker import F0_MAX, F0_MIN, FULL_SCALE, MIN_SAMPLES, detector, to_track

log = logging.getLogger(__name__)

# Each block costs the model's context (21 frames, 0.34 s) again, and what is left at Stop is
# at most one block: 4 s keeps the first under 10 % and the second under about 0.1 s.
BLOCK_S = 4.0
# Tracking the last block takes well under a second; this long means the worker is stuck.
DEFAULT_FINISH_TIMEOUT_S = 30.0
_END = None
HOP = 256  # samples per frame


class VoiceTrackBuilder:
    """The voice track of 16 kHz mono audio, built while the audio arrives.

    ``feed`` may be called from one capture thread; ``finish``/``cancel`` from any other.
    The worker thread starts at once and ends after ``finish`` or ``cancel``.
    """

    def __init__(self, *, block_s: float = BLOCK_S) -> None:
        self._block = max(1, round(block_s * SAMPLE_RATE))
        self._chunks: queue.Queue[npt.NDArray[np.float32] | None] = queue.Queue()
        self._ended = False  # no more audio is taken (feeding thread's view)
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._track: VoiceTrack | None = None
        self._tracked = 0  # frames final so far (worker thread writes, anyone reads)
        self._worker = threading.Thread(target=self._run, name="greenroom-voice", daemon=True)
        self._worker.start()

    @property
    def tracked_seconds(self) -> float:
        """Seconds of audio tracked so far (the frames that will not change)."""
        return self._tracked * HOP / SAMPLE_RATE

    def feed(self, chunk: bytes | bytearray | memoryview | npt.NDArray[np.floating]) -> None:
        """Add captured audio: int16 little-endian PCM bytes or float samples, 16 kHz mono.

        Never blocks and never raises for audio: audio after ``end``/``cancel`` is ignored, and
        a chunk that cannot be read is reported by ``finish``.
        """
        if self._ended:
            return
        try:
            if isinstance(chunk, bytes | bytearray | memoryview):
                samples = pcm16_to_float(chunk)
            else:
                samples = np.array(chunk, dtype=np.float32).reshape(-1)  # a copy: caller's buffer
        except GreenroomError as exc:
            self._error = self._error or exc
            self.cancel()
            return
        if len(samples):
            self._chunks.put(samples)

    def end(self) -> None:
        """No more audio: the worker tracks what is left. Returns at once."""
        if not self._ended:
            self._ended = True
            self._chunks.put(_END)

    def finish(self, *, timeout: float = DEFAULT_FINISH_TIMEOUT_S) -> VoiceTrack:
        """End the audio, wait for the last block and return the whole track.

        Raises:
            GreenroomError: Tracking failed (VoiceUnavailable: the tracker cannot be loaded),
                did not finish within ``timeout`` seconds, or was cancelled.
        """
        self.end()
        self._worker.join(timeout)
        if self._worker.is_alive():
            self.cancel()
            raise GreenroomError(
                f"the voice was not tracked within {timeout:.0f} s",
                where="voice tracker",
                fix="The voice will be measured from the saved recording instead",
            )
        if self._error is not None:
            err = self._error
            if isinstance(err, GreenroomError):
                raise err
            raise GreenroomError(
                f"the voice could not be tracked ({type(err).__name__}: {err})",
                where="voice tracker",
                fix="The voice will be measured from the saved recording instead",
            ) from err
        if self._track is None:
            raise GreenroomError("the voice tracking was cancelled", where="voice tracker")
        return self._track

    def cancel(self) -> None:
        """Stop without a track; returns at once (the worker ends after its current block)."""
        self._cancelled.set()
        self._ended = True
        self._chunks.put(_END)

    def join(self, timeout: float = 5.0) -> bool:
        """Wait for the worker thread to end (after ``finish`` or ``cancel``); True if it did."""
        self._worker.join(timeout)
        return not self._worker.is_alive()

    def _run(self) -> None:
        try:
            self._track = self._build()
        except BaseException as exc:  # surfaced by finish(); the thread must not die silently
            self._ended = True  # nothing tracks the rest: stop queueing it
            if not self._cancelled.is_set():
                log.exception("voice tracking failed")
                self._error = exc

    def _build(self) -> VoiceTrack | None:
        stream: Any = None
        parts: list[Any] = []
        pending: list[npt.NDArray[np.float32]] = []
        waiting = samples = at_full_scale = 0
        peak = 0.0
        while True:
            chunk = self._chunks.get()
            if self._cancelled.is_set():
                return None
            if chunk is not None:
                x = np.nan_to_num(chunk)
                pending.append(x)
                waiting += len(x)
                samples += len(x)
                magnitude = np.abs(x)
                peak = max(peak, float(magnitude.max()))
                at_full_scale += int(np.count_nonzero(magnitude >= FULL_SCALE))
                if waiting < self._block:
                    continue
            if pending and (chunk is not None or samples >= MIN_SAMPLES):
                if stream is None:
                    stream = detector().stream(F0_MIN, F0_MAX)
                parts.append(stream.push(np.concatenate(pending), SAMPLE_RATE))
                self._tracked += len(parts[-1].pitch_hz)
                pending, waiting = [], 0
            if chunk is None:
                break
        if stream is None or samples < MIN_SAMPLES:
            return to_track(None, samples, peak, at_full_scale)
        parts.append(stream.flush())
        self._tracked += len(parts[-1].pitch_hz)
        return to_track(_concat(parts), samples, peak, at_full_scale)


def _concat(parts: list[Any]) -> Any:
    import swift_f0

    return swift_f0.concat(parts)
