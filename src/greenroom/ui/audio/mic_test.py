"""The microphone test's take: the last seconds heard, kept so the user can hear themselves.

Hearing your own voice back is the quickest way to notice a muffled or distant microphone,
which a level meter alone does not show. The take lives in memory while testing (fed on the
capture thread) and is written to one file in the cache folder, overwritten by the next test;
it is never put in the history.
"""

from __future__ import annotations

import threading
import wave
from pathlib import Path

SAMPLE_RATE = 16_000  # what ui.audio.capture delivers: 16 kHz mono int16
KEEP_SECONDS = 10


class MicTestTake:
    """PCM from the capture thread, the last ``KEEP_SECONDS`` of it kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pcm = bytearray()

    def clear(self) -> None:
        with self._lock:
            self._pcm.clear()

    def feed(self, chunk: bytes) -> None:
        """Called on the capture thread for every chunk."""
        with self._lock:
            self._pcm += chunk
            excess = len(self._pcm) - KEEP_SECONDS * SAMPLE_RATE * 2
            if excess > 0:
                del self._pcm[: excess + excess % 2]  # whole samples only

    @property
    def seconds(self) -> float:
        with self._lock:
            return len(self._pcm) / (2 * SAMPLE_RATE)

    def save(self, path: Path) -> float:
        """Write the take as a WAV file; returns its length in seconds (0: nothing heard)."""
        with self._lock:
            pcm = bytes(self._pcm)
        if not pcm:
            return 0.0
        path.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(pcm)
        return len(pcm) / (2 * SAMPLE_RATE)
