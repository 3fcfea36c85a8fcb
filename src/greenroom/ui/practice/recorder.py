"""One spoken answer: microphone -> streaming transcriber -> saved audio and transcript.

The capture thread feeds the streaming transcriber directly (PCM never visits the GUI thread).
Stopping waits for the last segment in a worker, then writes the audio atomically, so the GUI
stays free and a crash at any moment leaves no half file under the answer's name.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import Transcript, Word
from greenroom.speech.audio import save_answer_audio
from greenroom.speech.engine import TranscriptionEngine
from greenroom.speech.streaming import StreamingTranscriber
from greenroom.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class MicrophoneLike(Protocol):
    """What the recorder needs from ui.audio.capture.Microphone (and its test fake)."""

    started: SignalInstance
    stopped: SignalInstance
    level_changed: SignalInstance
    device_lost: SignalInstance
    no_microphone: SignalInstance
    failed: SignalInstance

    def start(
        self, device_id: bytes = b"", consumer: Callable[[bytes], None] | None = None
    ) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    transcript: Transcript
    audio_path: Path | None  # None when the audio could not be saved (the transcript still is)
    note: str = ""  # e.g. "the microphone was disconnected; what you said up to then was kept"


class AnswerRecorder(QObject):
    started = Signal(str)  # device name
    level_changed = Signal(float)
    partial_transcript = Signal(str)
    answer_ready = Signal(object)  # RecordedAnswer
    unavailable = Signal(str)  # no microphone, or it cannot be opened: switch to typing
    interrupted = Signal(str)  # the device went away mid-answer: end the answer, keep the audio
    failed = Signal(str)

    def __init__(
        self, mic: MicrophoneLike, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._mic = mic
        self._tasks = tasks
        self._stream: StreamingTranscriber | None = None
        self._audio_path: Path | None = None
        self._note = ""
        self._lost = False
        mic.started.connect(self.started)
        mic.level_changed.connect(self.level_changed)
        mic.stopped.connect(self._on_mic_stopped)
        mic.device_lost.connect(self._on_mic_device_lost)
        mic.no_microphone.connect(self._on_mic_unavailable)
        mic.failed.connect(self._on_mic_unavailable)

    @property
    def recording(self) -> bool:
        return self._stream is not None

    def start(
        self, engine: TranscriptionEngine, *, audio_path: Path, device_id: bytes = b""
    ) -> None:
        self.cancel()
        self._audio_path, self._note, self._lost = audio_path, "", False
        self._stream = StreamingTranscriber(engine, on_partial=self._on_stream_partial)
        self._mic.start(device_id, self._stream.feed)

    def stop(self) -> None:
        """Stop capturing; ``answer_ready`` follows once the transcript is complete."""
        if self._stream is None:
            return
        if self._lost:  # the device is gone and will not report "stopped"
            self._on_mic_stopped(0.0)
        else:
            self._mic.stop()

    def cancel(self) -> None:
        """Drop the answer in progress (a skipped question)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            self._mic.stop()
            stream.cancel()

    def _on_stream_partial(self, words: list[Word]) -> None:
        # Runs on the transcriber's thread; the signal is queued to the GUI thread.
        self.partial_transcript.emit(" ".join(w.text.strip() for w in words))

    def _on_mic_stopped(self, _seconds: float) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        path, note = self._audio_path, self._note
        self._tasks.run(
            lambda: _complete(stream, path, note), self.answer_ready.emit, on_error=self._on_error
        )

    def _on_mic_device_lost(self, message: str) -> None:
        self._note, self._lost = message, True
        self.interrupted.emit(message)

    def _on_mic_unavailable(self, message: str) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.cancel()
        self.unavailable.emit(message)

    def _on_error(self, exc: BaseException) -> None:
        log.error("answer could not be transcribed", exc_info=exc)
        text = str(exc) if isinstance(exc, GreenroomError) else "unexpected error (see the log)"
        self.failed.emit(f"The answer could not be transcribed: {text}")


def _complete(stream: StreamingTranscriber, path: Path | None, note: str) -> RecordedAnswer:
    """Finish transcription and save the audio; a failed save keeps the transcript."""
    started = time.perf_counter()
    transcript = stream.finish()
    transcribed = time.perf_counter()
    saved: Path | None = None
    if path is not None and stream.duration > 0:
        try:
            saved = save_answer_audio(path, stream.audio())
        except GreenroomError as exc:
            log.warning("answer audio not saved: %s", exc)
            note = (
                f"{note} The recording could not be saved ({exc.what}); the transcript was.".strip()
            )
    # Timings only: what the user said never goes to the log.
    log.info(
        "answer of %.1f s: transcript complete %.2f s after stop, audio saved in %.2f s",
        stream.duration,
        transcribed - started,
        time.perf_counter() - transcribed,
    )
    return RecordedAnswer(transcript, saved, note)
