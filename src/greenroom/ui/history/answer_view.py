"""One answer in the session detail: question, transcript, playback, figures, feedback,
self-rating, and the other takes of the same question."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.feedback import clock, feedback_for
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.stress import StressMoment
from greenroom.core.session import Answer
from greenroom.ui.history.metrics_view import MetricsView
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.history.transcript_view import TranscriptView


def metrics_of(answer: Answer) -> AnswerMetrics | None:
    try:
        return AnswerMetrics.from_dict(answer.metrics) if answer.metrics else None
    except (KeyError, TypeError, ValueError):  # an older or damaged record: show the text only
        return None


class AnswerView(QWidget):
    """Shows one answer; emits ``rating_changed(answer_id, rating or 0)`` and
    ``compare_requested(answer_id)``."""

    rating_changed = Signal(int, int)
    compare_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer: Answer | None = None
        self.audio_root: Path | None = None
        self.question = QLabel()
        self.question.setObjectName("questionText")
        self.question.setWordWrap(True)
        self.info = QLabel()
        self.info.setObjectName("hint")
        self.transcript = TranscriptView()
        self.player = AnswerPlayer(self)
        self.play_button = QPushButton("▶ Play")
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.time_label = QLabel("0:00 / 0:00")
        self.moments = QHBoxLayout()
        self.metrics = MetricsView()
        self.feedback = QTextBrowser()
        self.rating = QComboBox()
        self.rating.addItem("not rated", 0)
        for n in range(1, 6):
            self.rating.addItem("★" * n, n)
        self.compare_button = QPushButton("Compare takes…")
        self._build()
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.timeline.sliderMoved.connect(self._on_timeline_slider_moved)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.duration_changed.connect(self._on_player_duration_changed)
        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.transcript.word_clicked.connect(self._on_transcript_word_clicked)
        self.rating.activated.connect(self._on_rating_activated)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)

    def _build(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.timeline, 1)
        controls.addWidget(self.time_label)
        moments_row = QHBoxLayout()
        moments_row.addWidget(QLabel("Stress moments:"))
        moments_row.addLayout(self.moments)
        moments_row.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.transcript, 1)
        lv.addLayout(controls)
        lv.addLayout(moments_row)
        right = QWidget()
        rv = QGridLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.metrics, 0, 0, 1, 2)
        rv.addWidget(QLabel("Feedback"), 1, 0, 1, 2)
        rv.addWidget(self.feedback, 2, 0, 1, 2)
        rv.addWidget(QLabel("Your rating"), 3, 0)
        rv.addWidget(self.rating, 3, 1)
        rv.addWidget(self.compare_button, 4, 0, 1, 2)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)

    def show_answer(
        self,
        answer: Answer,
        *,
        audio_root: Path,
        moments: list[StressMoment],
        other_takes: int,
    ) -> None:
        self.answer = answer
        metrics = metrics_of(answer)
        take = f" · take {answer.take}" if answer.take > 1 or other_takes else ""
        self.question.setText(answer.question_text)
        index = "–" if answer.delivery_index is None else f"{answer.delivery_index:.0f}"
        scored = "no answer (nothing was heard)" if answer.no_answer else f"delivery index {index}"
        self.info.setText(f"{answer.kind.value}{take} · {answer.duration_seconds:.0f} s · {scored}")
        self.transcript.show_answer(answer.words, metrics, answer.transcript)
        self.metrics.show_metrics(metrics)
        self._show_feedback(metrics)
        self.rating.setCurrentIndex(max(self.rating.findData(answer.self_rating or 0), 0))
        self.compare_button.setEnabled(other_takes > 0)
        self._show_moments(moments)
        audio = audio_root / answer.audio_path if answer.audio_path else None
        audio = audio if audio and audio.is_file() else None
        self.player.load(audio)
        for w in (self.play_button, self.timeline):
            w.setEnabled(audio is not None)
        if audio is None:
            self.time_label.setText("no recording kept" if answer.audio_path is None else "")

    def _show_feedback(self, metrics: AnswerMetrics | None) -> None:
        if metrics is None:
            self.feedback.setPlainText("No figures for this answer.")
            return
        lines = []
        for o in feedback_for(metrics):
            mark = "✓" if o.kind == "praise" else "→"
            lines.append(f"<p><b>{mark} {o.message}</b><br>{o.try_next}</p>")
        self.feedback.setHtml("".join(lines) or "<p>Nothing to remark.</p>")

    def _show_moments(self, moments: list[StressMoment]) -> None:
        while self.moments.count():
            item = self.moments.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for m in moments:
            button = QPushButton(f"{clock(m.start)}")
            button.setToolTip(
                f"{m.fillers} fillers, {m.long_pauses} long pauses"
                + (f", pace {m.pace}" if m.pace else "")
                + (f": “{m.words}”" if m.words else "")
            )
            button.clicked.connect(lambda _=False, t=m.start: self.seek(t))
            self.moments.addWidget(button)
        if not moments:
            self.moments.addWidget(QLabel("none"))

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)

    def _on_transcript_word_clicked(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.player.play()

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
        self.play_button.setText("⏸ Pause" if playing else "▶ Play")

    def _on_rating_activated(self, _index: int) -> None:
        if self.answer is not None and self.answer.id is not None:
            self.rating_changed.emit(self.answer.id, int(self.rating.currentData()))

    def _on_compare_button_clicked(self) -> None:
        if self.answer is not None and self.answer.id is not None:
            self.compare_requested.emit(self.answer.id)
