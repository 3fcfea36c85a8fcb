"""Play, pause and move through one recorded answer: a button, a timeline and the time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from greenroom.analysis.feedback import clock
from greenroom.ui import widgets
from greenroom.ui.history.playback import AnswerPlayer

PLAY_TEXT = "Hear your answer"


class PlaybackBar(QWidget):
    """Drives ``player``; says so in words when there is no recording to play."""

    def __init__(self, player: AnswerPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.play_button = widgets.button(
            PLAY_TEXT, icon="play", description="Play the recording of this answer"
        )
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setAccessibleName("Position in the recording")
        self.timeline.setToolTip("Drag to move through the recording")
        self.timeline.setAccessibleDescription("Drag to move through the recording")
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("hint")
        self.time_label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.play_button)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.time_label)
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.timeline.sliderMoved.connect(self._on_timeline_slider_moved)
        player.position_changed.connect(self._on_player_position_changed)
        player.duration_changed.connect(self._on_player_duration_changed)
        player.playing_changed.connect(self._on_player_playing_changed)

    def load(self, audio: Path | None, *, why_none: str = "") -> None:
        """Load ``audio`` (None: no recording, and ``why_none`` says why in words)."""
        self.player.load(audio)
        for w in (self.play_button, self.timeline):
            w.setEnabled(audio is not None)
            w.setVisible(audio is not None)
        self.timeline.setValue(0)
        self.time_label.setText("0:00 / 0:00" if audio is not None else why_none)

    def _on_play_button_clicked(self) -> None:
        self.player.toggle()

    def _on_timeline_slider_moved(self, value: int) -> None:
        self.player.seek(value / 1000.0)

    def _on_player_position_changed(self, seconds: float) -> None:
        if not self.timeline.isSliderDown():
            self.timeline.setValue(round(seconds * 1000))
        self.time_label.setText(f"{clock(seconds)} / {clock(self.player.duration)}")

    def _on_player_duration_changed(self, seconds: float) -> None:
        self.timeline.setRange(0, round(seconds * 1000))
        self.time_label.setText(f"{clock(self.player.position)} / {clock(seconds)}")

    def _on_player_playing_changed(self, playing: bool) -> None:
        self.play_button.setText("Pause" if playing else PLAY_TEXT)
        widgets.set_icon(self.play_button, "pause" if playing else "play")
