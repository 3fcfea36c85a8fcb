"""Reading questions aloud: pyttsx3 synthesizes in its own thread, Qt plays the WAV.

pyttsx3 must be created and driven in one thread (pyttsx3 issues #327, #262), and its ``say``
shells out to aplay on Linux and fails silently without it, so we synthesize to a file in a
worker and play it with QMediaPlayer. No TTS engine installed: ``unavailable`` says so once
and the question stays on screen.
"""

from __future__ import annotations

import itertools
import logging
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from greenroom.core.errors import GreenroomError
from greenroom.speech.tts import QuestionSpeaker, TextToSpeechUnavailable, synthesis_timeout
from greenroom.ui.threads import device_thread, stop_thread

log = logging.getLogger(__name__)

# Past the synthesizer's own timeout (which reports a failure), and past the end of the audio:
# a voice thread or a player that never answers must not hold the session on a question.
SYNTHESIS_GRACE_S = 5.0
PLAYBACK_GRACE_S = 4.0


def _wav_seconds(path: str) -> float:
    try:
        with wave.open(path, "rb") as wav:
            return wav.getnframes() / max(1, wav.getframerate())
    except (OSError, EOFError, wave.Error):
        return 30.0  # unreadable here; the player reports its own error


class _SynthWorker(QObject):
    synthesized = Signal(int, str)
    failed = Signal(int, str, bool)  # request, message, whether TTS is missing altogether
    voices_listed = Signal(object)  # list[Voice]; empty when no TTS engine is installed

    def __init__(self) -> None:
        super().__init__()
        self._speaker: QuestionSpeaker | None = None

    @Slot()
    def list_voices(self) -> None:
        try:
            if self._speaker is None:
                self._speaker = QuestionSpeaker()
            self.voices_listed.emit(self._speaker.voices())
        except GreenroomError:
            self.voices_listed.emit([])

    @Slot(int, str, str, str, int, float)
    def synthesize(
        self, request: int, text: str, path: str, voice: str, rate: int, volume: float
    ) -> None:
        try:
            if self._speaker is None:
                self._speaker = QuestionSpeaker()  # created on this thread, used only here
            self._speaker.voice = voice or None
            self._speaker.rate, self._speaker.volume = rate, volume
            self._speaker.synthesize(text, path)
        except TextToSpeechUnavailable as exc:
            self.failed.emit(request, str(exc), True)
        except GreenroomError as exc:
            self.failed.emit(request, str(exc), False)
        else:
            self.synthesized.emit(request, path)


class QuestionVoice(QObject):
    """``speak(text)``; ``finished`` when done (or stopped), ``unavailable`` once if no TTS."""

    started = Signal()
    finished = Signal()
    unavailable = Signal(str)
    voices_listed = Signal(object)  # list[speech.tts.Voice]
    _synthesize_requested = Signal(int, str, str, str, int, float)
    _voices_requested = Signal()

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = cache_dir / "tts"
        self._requests = itertools.count(1)
        self._current = 0  # the request being spoken; 0 when silent
        self._playing = 0  # the request whose audio the player holds
        self._missing = False
        self.voice, self.rate, self.volume = "", 170, 0.9
        self._thread = device_thread("greenroom-tts")
        self._worker = _SynthWorker()
        self._worker.moveToThread(self._thread)
        self._synthesize_requested.connect(self._worker.synthesize)
        self._voices_requested.connect(self._worker.list_voices)
        self._worker.voices_listed.connect(self.voices_listed)
        self._worker.synthesized.connect(self._on_worker_synthesized)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_player_media_status_changed)
        self._player.errorOccurred.connect(self._on_player_error)
        # Never wait forever for the voice: a synthesis or playback that does not end in time
        # ends the reading (the question is on screen) and says so in the log.
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)

    def speak(self, text: str) -> None:
        self.stop()
        if self._missing:
            self.finished.emit()
            return
        self._current = next(self._requests)
        path = self._dir / f"question-{self._current % 4}.wav"
        # Two attempts (QuestionSpeaker retries once), then the grace.
        allowance = 2 * synthesis_timeout(text) + SYNTHESIS_GRACE_S
        self._watchdog.start(round(allowance * 1000))
        self._synthesize_requested.emit(
            self._current, text, str(path), self.voice, self.rate, self.volume
        )

    def request_voices(self) -> None:
        """Ask the TTS thread for the installed voices; ``voices_listed`` answers."""
        self._voices_requested.emit()

    def stop(self) -> None:
        """Stop speaking now; a synthesis still running is ignored when it arrives."""
        was_active = self._current != 0
        self._current = 0
        self._watchdog.stop()
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._player.stop()
        if was_active:
            self.finished.emit()

    def shutdown(self) -> None:
        """Stop speaking and join the voice thread (at exit); a synthesis under way finishes
        first (espeak writes a question in well under a second)."""
        self.stop()
        stop_thread(self._thread)

    def _on_worker_synthesized(self, request: int, path: str) -> None:
        if request != self._current:
            return
        self._output.setVolume(1.0)
        self._watchdog.start(round((_wav_seconds(path) + PLAYBACK_GRACE_S) * 1000))
        self._playing = request
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()
        self.started.emit()

    def _on_worker_failed(self, request: int, message: str, missing: bool) -> None:
        log.warning("question not read aloud: %s", message)
        if missing and not self._missing:
            self._missing = True
            self.unavailable.emit("Questions are shown but not read aloud: " + message)
        if request == self._current:
            self._end_current()

    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        # Only the end of the request being spoken counts, not of one stopped earlier.
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._current == self._playing:
            self._end_current()

    def _on_player_error(self, *_: object) -> None:
        # No sound device: the question is on screen; go on as if it had been read.
        if self._current == self._playing:
            self._end_current()

    def _on_watchdog_timeout(self) -> None:
        if not self._current:
            return
        if self._current == self._playing:
            log.warning("the question's audio did not finish playing in time; going on")
            self._player.stop()
        else:
            log.warning("the voice did not synthesize the question in time; going on without it")
        self._end_current()

    def _end_current(self) -> None:
        self._watchdog.stop()
        if self._current:
            self._current = 0
            self.finished.emit()
