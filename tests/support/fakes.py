"""Fakes for the physical parts: microphone and voice (the clock's fake is support.clock.FakeClock).

Each has a real counterpart tested against the real thing: ui.audio.capture.Microphone in
tests/ui/test_capture_real.py and ui.question_voice.QuestionVoice in the real-session test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from greenroom.speech.audio import float_to_pcm16, load_audio

CHUNK_BYTES = 3200  # 100 ms of 16 kHz mono int16, like the real capture thread delivers


class FakeMicrophone(QObject):
    """Delivers real recorded speech through the same consumer callback as the real capture."""

    started = Signal(str)
    stopped = Signal(float)
    level_changed = Signal(float)
    device_lost = Signal(str)
    no_microphone = Signal(str)
    failed = Signal(str)

    def __init__(self, *, present: bool = True) -> None:
        super().__init__()
        self.present = present
        self.consumer: Callable[[bytes], None] | None = None
        self.captured = 0
        self.device_ids: list[bytes] = []

    def start(
        self, device_id: bytes = b"", consumer: Callable[[bytes], None] | None = None
    ) -> None:
        self.device_ids.append(device_id)
        if not self.present:
            self.no_microphone.emit("No microphone was found. You can type your answers instead.")
            return
        self.consumer, self.captured = consumer, 0
        self.started.emit("Fake microphone")

    def speak(self, wav: Path, *, silence_after: float = 0.6) -> None:
        """Feed a speech file (and a little trailing silence) as if it were being spoken."""
        pcm = float_to_pcm16(load_audio(wav)) + bytes(int(silence_after * 16000) * 2)
        for i in range(0, len(pcm), CHUNK_BYTES):
            self._feed(pcm[i : i + CHUNK_BYTES])
        self.level_changed.emit(0.7)

    def pass_time(self, seconds: float) -> None:
        """A real microphone keeps delivering (room silence) while time passes."""
        self._feed(bytes(int(seconds * 16000) * 2))

    def _feed(self, chunk: bytes) -> None:
        if self.consumer is not None:
            self.consumer(chunk)
            self.captured += len(chunk)

    def stop(self) -> None:
        if self.consumer is not None:
            self.consumer = None
            self.stopped.emit(self.captured / 32000)

    def unplug(self) -> None:
        """The device disappears mid-answer, as the real one reports it."""
        self.consumer = None
        self.device_lost.emit(
            "The microphone 'Fake microphone' was disconnected. What you said up to then was kept."
        )


class FakeVoice(QObject):
    """Records what would be read aloud; finishes at once (or never, with ``hold=True``)."""

    started = Signal()
    finished = Signal()
    unavailable = Signal(str)
    voices_listed = Signal(object)

    def __init__(self, *, hold: bool = False) -> None:
        super().__init__()
        self.spoken: list[str] = []
        self.hold = hold
        self.stops = 0
        self.voice, self.rate, self.volume = "", 170, 0.9

    def speak(self, text: str) -> None:
        self.spoken.append(text)
        self.started.emit()
        if not self.hold:
            self.finished.emit()

    def request_voices(self) -> None:
        self.voices_listed.emit([])

    def stop(self) -> None:
        self.stops += 1

    def shutdown(self) -> None:
        pass
