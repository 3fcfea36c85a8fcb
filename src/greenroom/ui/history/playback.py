"""Playing a recorded answer: QMediaPlayer with an audio output and seeking in seconds.

QMediaPlayer reports duration and accepts positions even when no audio device is present
(the FFmpeg backend then plays into nothing), so seeking works on a headless machine too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class AnswerPlayer(QObject):
    """One answer's recording: load, play, pause and seek, with positions in seconds."""

    position_changed = Signal(float)
    duration_changed = Signal(float)
    playing_changed = Signal(bool)
    loaded = Signal(bool)  # False when the file could not be opened

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._pending_seek: float | None = None
        self._player.positionChanged.connect(self._on_player_position_changed)
        self._player.durationChanged.connect(self._on_player_duration_changed)
        self._player.playbackStateChanged.connect(self._on_player_playback_state_changed)
        self._player.mediaStatusChanged.connect(self._on_player_media_status_changed)

    @property
    def source(self) -> Path | None:
        url = self._player.source()
        return Path(url.toLocalFile()) if url.isValid() and not url.isEmpty() else None

    @property
    def position(self) -> float:
        return self._player.position() / 1000.0

    @property
    def duration(self) -> float:
        return self._player.duration() / 1000.0

    @property
    def is_playing(self) -> bool:
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def load(self, path: Path | None) -> None:
        self._pending_seek = None
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(str(path)) if path else QUrl())

    def play(self) -> None:
        self._player.play()

    def pause(self) -> None:
        self._player.pause()

    def toggle(self) -> None:
        self.pause() if self.is_playing else self.play()

    def stop(self) -> None:
        self._player.stop()

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds``; before the file has loaded, jump as soon as it has."""
        ms = max(0, round(seconds * 1000))
        status = self._player.mediaStatus()
        if status in (QMediaPlayer.MediaStatus.LoadingMedia, QMediaPlayer.MediaStatus.NoMedia):
            self._pending_seek = seconds
            return
        self._player.setPosition(ms)

    def _on_player_position_changed(self, ms: int) -> None:
        self.position_changed.emit(ms / 1000.0)

    def _on_player_duration_changed(self, ms: int) -> None:
        self.duration_changed.emit(ms / 1000.0)

    def _on_player_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)

    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            self.loaded.emit(True)
            if self._pending_seek is not None:
                seconds, self._pending_seek = self._pending_seek, None
                self._player.setPosition(round(seconds * 1000))
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.loaded.emit(False)
