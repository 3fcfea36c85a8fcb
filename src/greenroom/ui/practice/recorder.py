"""One spoken answer: microphone -> streaming transcriber -> saved audio and transcript.

The capture thread feeds the streaming transcriber directly (PCM never visits the GUI thread),
and two workers that keep pace with the answer: a voice tracker (greenroom.voice.
VoiceTrackBuilder) that tracks pitch and loudness, and the answer's audio file
(speech.answer_writer), so at Stop only the last seconds remain to track and write. Stopping
waits for the last segment in a task, so the GUI stays free; the file appears under the
answer's name only when complete, so a crash at any moment leaves no half file there.

Each answer is a *take* that carries its own capture id and the caller's answer context from
start to ``answer_ready``. The microphone answers later than we ask (its thread reports
``stopped`` 50-250 ms after ``stop()``, and may deliver audio in between), and the next answer
can start before that: a take is only ever finished by the signals of its own capture, and its
RecordedAnswer names the question it answered, so nothing is lost or filed under another one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import Transcript, Word
from greenroom.core.voice import VoiceTrack
from greenroom.speech.answer_writer import AnswerAudioWriter
from greenroom.speech.audio import save_answer_audio
from greenroom.speech.engine import TranscriptionEngine
from greenroom.speech.streaming import StreamingTranscriber
from greenroom.speech.vad import SAMPLE_RATE
from greenroom.ui.tasks import TaskRunner
from greenroom.voice import VoiceTrackBuilder

log = logging.getLogger(__name__)
# A microphone that never reports "stopped" (a stuck driver) must not hold the answer hostage.
STOP_TIMEOUT_MS = 4000
# Audio is aligned to the moment the answer started, but a capture that began this much later
# is a stalled device, not start-up latency: don't invent that much silence.
MAX_LEAD_PAD_S = 2.0


class MicrophoneLike(Protocol):
    """What the recorder needs from ui.audio.capture.Microphone (and its test fake)."""

    started: SignalInstance  # (capture id, device name)
    stopped: SignalInstance  # (capture id, seconds)
    level_changed: SignalInstance  # (level)
    device_lost: SignalInstance  # (capture id, message)
    no_microphone: SignalInstance  # (capture id, message)
    failed: SignalInstance  # (capture id, message)

    def start(
        self, device_id: bytes = b"", consumer: Callable[[bytes], None] | None = None
    ) -> int: ...

    def stop(self, capture: int = 0) -> None: ...


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    transcript: Transcript
    audio_path: Path | None  # None when the audio could not be saved (the transcript still is)
    note: str = ""  # e.g. "the microphone was disconnected; what you said up to then was kept"
    context: object = None  # what the caller passed to ``start``: which question, which take
    transcribed: bool = True  # False: the engine failed; the audio (if any) is kept
    voice: VoiceTrack | None = None  # tracked while recording; None: measure the saved audio


@dataclass(eq=False)
class _Take:
    """One answer being recorded; ``feed`` runs on the capture thread."""

    audio_path: Path
    context: object
    started_at: float  # time.monotonic() when the answer started
    stream: StreamingTranscriber = field(init=False)
    voice: VoiceTrackBuilder = field(init=False)
    audio_file: AnswerAudioWriter = field(init=False)
    capture: int = 0
    note: str = ""
    stopping: bool = False
    _closed: threading.Event = field(default_factory=threading.Event)
    _first: bool = True
    feed_error: BaseException | None = None
    on_first_audio: Callable[[], None] = lambda: None  # capture thread; must only queue

    def feed(self, chunk: bytes) -> None:
        if self._closed.is_set():
            return  # audio after the take was finished or dropped: not part of this answer
        try:
            if self._first:
                self._first = False
                self._pad_to_answer_start(len(chunk) // 2)
                self.on_first_audio()
            self.stream.feed(chunk)
            self.voice.feed(chunk)
            self.audio_file.feed(chunk)
        except Exception as exc:  # reported once, by the recorder, on the GUI thread
            self.feed_error = exc
            self._closed.set()

    def close(self) -> None:
        self._closed.set()

    def drop(self) -> None:
        """Keep nothing of this take: no transcript, no voice track, no file."""
        self.close()
        self.stream.cancel()
        self.voice.cancel()
        self.audio_file.cancel()

    def join(self) -> None:
        """Wait for the take's threads to end (after ``drop``); logs any that did not."""
        for name, worker in (
            ("transcriber", self.stream),
            ("voice tracker", self.voice),
            ("answer file", self.audio_file),
        ):
            if not worker.join():
                log.warning("a %s thread did not stop within 5 s", name)

    def _pad_to_answer_start(self, samples: int) -> None:
        """Keep answer time honest: the device starts capturing a little after the answer
        started, so the silence before the first captured sample is put back."""
        first_sample_at = time.monotonic() - samples / SAMPLE_RATE
        lead = first_sample_at - self.started_at
        log.info("capture %d: audio began %.2f s after the answer started", self.capture, lead)
        if 0.0 < lead <= MAX_LEAD_PAD_S:
            self.stream.put_back_silence(lead)
            silence = np.zeros(round(lead * SAMPLE_RATE), dtype=np.float32)
            self.voice.feed(silence)
            self.audio_file.feed(silence)


class AnswerRecorder(QObject):
    started = Signal(str)  # device name
    level_changed = Signal(float)
    partial_transcript = Signal(str)
    answer_ready = Signal(object)  # RecordedAnswer
    unavailable = Signal(str)  # no microphone, or it cannot be opened: switch to typing
    interrupted = Signal(str)  # the device went away mid-answer: end the answer, keep the audio
    busy_changed = Signal(bool)  # takes are being finished (transcribed and saved)
    # The answer's first audio arrived: the microphone really is on (opening one takes
    # 0.1-2 s; words said before that are not recorded, so the page says when to speak).
    listening = Signal()
    _partial = Signal(object, str)  # take, words so far: from the transcriber's thread
    _first_audio = Signal(object)  # take: from the capture thread

    def __init__(
        self, mic: MicrophoneLike, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._mic = mic
        self._tasks = tasks
        self._active: _Take | None = None
        self._stopping: dict[int, _Take] = {}  # capture id -> take waiting for "stopped"
        self._finishing = 0  # takes in the completion job
        mic.started.connect(self._on_mic_started)
        mic.level_changed.connect(self.level_changed)
        mic.stopped.connect(self._on_mic_stopped)
        mic.device_lost.connect(self._on_mic_device_lost)
        mic.no_microphone.connect(self._on_mic_unavailable)
        mic.failed.connect(self._on_mic_unavailable)
        self._partial.connect(self._on_partial)
        self._first_audio.connect(self._on_first_audio)

    @property
    def recording(self) -> bool:
        return self._active is not None

    @property
    def busy(self) -> bool:
        """True while a stopped take is still being transcribed and saved."""
        return bool(self._stopping) or self._finishing > 0

    def start(
        self,
        engine: TranscriptionEngine,
        *,
        audio_path: Path,
        device_id: bytes = b"",
        context: object = None,
    ) -> None:
        """Record a new answer (dropping one still being recorded, as a skip does)."""
        self.cancel()
        take = _Take(audio_path, context, time.monotonic())
        take.on_first_audio = lambda: self._first_audio.emit(take)
        take.stream = StreamingTranscriber(
            engine, on_partial=lambda words: self._on_stream_partial(take, words), speculate=True
        )
        take.voice = VoiceTrackBuilder()
        take.audio_file = AnswerAudioWriter(audio_path)
        self._active = take
        take.capture = self._mic.start(device_id, take.feed)

    def stop(self) -> None:
        """Stop capturing; ``answer_ready`` follows once the transcript is complete."""
        take, self._active = self._active, None
        if take is None:
            return
        take.stopping = True
        self._stopping[take.capture] = take
        self.busy_changed.emit(True)
        self._mic.stop(take.capture)
        QTimer.singleShot(STOP_TIMEOUT_MS, self, lambda: self._on_stop_timeout(take))

    def cancel(self) -> None:
        """Drop the answer being recorded (a skipped question, a retake, a session ended)."""
        take, self._active = self._active, None
        if take is not None:
            take.drop()
            self._mic.stop(take.capture)

    def shutdown(self) -> None:
        """Drop everything in progress and join the transcriber threads (the app is closing).

        Takes already being completed in the task pool finish there; the pool is joined too.
        """
        takes = [t for t in (self._active, *self._stopping.values()) if t is not None]
        self.cancel()
        self._stopping.clear()
        for take in takes:
            take.drop()
        for take in takes:
            take.join()

    # Microphone signals (queued from the capture thread) -----------------------------------

    def _on_mic_started(self, capture: int, name: str) -> None:
        if self._active is not None and self._active.capture == capture:
            self.started.emit(name)

    def _on_mic_stopped(self, capture: int, _seconds: float) -> None:
        take = self._stopping.pop(capture, None)
        if take is None:
            # A late or repeated "stopped": for a take already finished or dropped, or for a
            # capture someone else made (the settings page's microphone test).
            if self._active is not None and self._active.capture == capture:
                self._end_on_its_own(self._active, "The microphone stopped recording.")
            return
        self._finish(take)

    def _on_mic_device_lost(self, capture: int, message: str) -> None:
        take = self._stopping.pop(capture, None)
        if take is not None:  # lost while stopping: what arrived is the whole answer
            take.note = message
            self._finish(take)
        elif self._active is not None and self._active.capture == capture:
            self._end_on_its_own(self._active, message)

    def _on_mic_unavailable(self, capture: int, message: str) -> None:
        take = self._active
        if take is None or take.capture != capture:
            return
        self._active = None
        take.drop()
        self.unavailable.emit(message)

    def _on_stop_timeout(self, take: _Take) -> None:
        if self._stopping.get(take.capture) is take:
            log.warning("microphone capture %d did not report stopping; finishing", take.capture)
            del self._stopping[take.capture]
            self._finish(take)

    # Internals -----------------------------------------------------------------------------

    def _end_on_its_own(self, take: _Take, message: str) -> None:
        """The device ended the capture: finish the answer with what arrived, and say so.

        ``interrupted`` goes first, so the caller has ended the answer (its ``stop()`` finds
        nothing left to stop) before ``answer_ready`` can arrive, whatever the task runner.
        """
        self._active = None
        take.note = message
        self.interrupted.emit(message)
        self._finish(take)

    def _finish(self, take: _Take) -> None:
        take.close()  # audio still arriving belongs to no answer now
        if take.feed_error is not None:
            log.error("recording failed while feeding audio", exc_info=take.feed_error)
            take.note = (
                f"{take.note} Something went wrong while recording; what you said up to then "
                "was kept."
            ).strip()
        self._finishing += 1
        self._tasks.run(lambda: _complete(take), self._on_take_completed)

    def _on_take_completed(self, recorded: RecordedAnswer) -> None:
        self._finishing -= 1
        self.answer_ready.emit(recorded)
        if not self.busy:
            self.busy_changed.emit(False)

    def _on_stream_partial(self, take: _Take, words: list[Word]) -> None:
        # Runs on the transcriber's thread; the signal is queued to the GUI thread.
        self._partial.emit(take, " ".join(w.text.strip() for w in words))

    def _on_partial(self, take: _Take, text: str) -> None:
        if self._active is take:  # only the answer being recorded shows its words live
            self.partial_transcript.emit(text)

    def _on_first_audio(self, take: _Take) -> None:
        if self._active is take:
            self.listening.emit()


def _complete(take: _Take) -> RecordedAnswer:
    """Finish transcription and save the audio. Never raises: a failed transcription keeps the
    audio, and a failed save keeps the transcript; the note says which."""
    stream, note = take.stream, take.note
    began = time.perf_counter()
    take.voice.end()  # its last block is tracked while the last segment is transcribed
    take.audio_file.end()  # and its last chunk written
    transcript: Transcript | None = None
    try:
        transcript = stream.finish()
    except Exception as exc:
        log.error("answer could not be transcribed", exc_info=exc)
        reason = str(exc) if isinstance(exc, GreenroomError) else "unexpected error (see the log)"
        note = f"{note} This answer could not be transcribed: {reason}. The recording is kept."
        note = note.strip()
    transcribed = time.perf_counter()
    saved: Path | None = None
    try:
        saved = _saved_audio(take)
    except GreenroomError as exc:
        log.warning("answer audio not saved: %s", exc)
        note = f"{note} The recording could not be saved ({exc.what}); the transcript was."
        note = note.strip()
    saved_at = time.perf_counter()
    voice = _voice_of(take)
    # Timings only: what the user said never goes to the log.
    log.info(
        "answer of %.1f s: transcript complete %.2f s after stop, audio file in place %.2f s "
        "and voice tracked %.2f s later",
        stream.duration,
        transcribed - began,
        saved_at - transcribed,
        time.perf_counter() - saved_at,
    )
    return RecordedAnswer(
        transcript or Transcript(duration=round(stream.duration, 3)),
        saved,
        note,
        context=take.context,
        transcribed=transcript is not None,
        voice=voice,
    )


def _saved_audio(take: _Take) -> Path | None:
    """The answer's audio file, written while it was recorded; None when there was no audio.

    If that file failed (a disk that was full for a moment), the audio is still in memory and
    is written again in one go; that error is the one raised.
    """
    try:
        return take.audio_file.finish()
    except GreenroomError as exc:
        if take.stream.duration <= 0:
            raise
        log.warning("answer audio file failed (%s); writing it again from memory", exc)
        return save_answer_audio(take.audio_path, take.stream.audio())


def _voice_of(take: _Take) -> VoiceTrack | None:
    """The voice tracked while recording, if it covers exactly the audio kept; else None, so
    the analysis measures the saved recording instead."""
    try:
        track = take.voice.finish()
    except GreenroomError as exc:
        log.warning("voice not tracked while recording (%s); measuring the saved audio", exc)
        return None
    if round(track.duration * SAMPLE_RATE) != round(take.stream.duration * SAMPLE_RATE):
        log.warning(
            "voice tracked over %.3f s of the %.3f s recorded; measuring the saved audio",
            track.duration,
            take.stream.duration,
        )
        return None
    return track
