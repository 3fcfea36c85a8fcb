"""One answer in the session detail, with the pieces of the Practice feedback screen: the lead
sentence in plain words, what we noticed, the measures and the voice as calm bands, whether it
stayed on the question with the key points and their sentences, what was said with
playback, and the numbers behind "Show the numbers"; then the user's own rating and the other
takes of the same question."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.feedback import clock, feedback_for
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.plain_words import lead_sentence
from greenroom.analysis.session import delivery_index, index_explanation
from greenroom.analysis.stress import StressMoment
from greenroom.core.session import Answer, AnswerKind
from greenroom.ui import widgets
from greenroom.ui.answer_parts import RATING_WORDS, AnswerParts, AnswerPartsMixin
from greenroom.ui.history.answer_list_view import answer_label
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.history.playback_bar_view import PlaybackBar
from greenroom.ui.history.transcript_view import TranscriptView


def metrics_of(answer: Answer) -> AnswerMetrics | None:
    try:
        return AnswerMetrics.from_dict(answer.metrics) if answer.metrics else None
    except (KeyError, TypeError, ValueError):  # an older or damaged record: show the text only
        return None


def seconds_words(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{whole // 60} min {whole % 60:02d} s"


def lead_for(answer: Answer, metrics: AnswerMetrics | None) -> str:
    """The sentence the answer's feedback leads with (as on the Practice feedback screen)."""
    if answer.kind is AnswerKind.SKIPPED:
        return "You skipped this question in this run; it is there to try another time."
    if metrics is None and answer.no_answer:
        return "No words were heard in this answer, so there is nothing to measure."
    if metrics is None:
        return "There are no figures for this answer, only what you said."
    return lead_sentence(feedback_for(metrics), metrics)


class AnswerView(AnswerPartsMixin, QWidget):
    """Shows one answer; emits ``rating_changed(answer_id, rating or 0)`` and
    ``compare_requested(answer_id)``."""

    rating_changed = Signal(int, int)
    compare_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer: Answer | None = None
        self.info = widgets.hint()
        self.question = widgets.heading("", level="sectionTitle")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parts = AnswerParts()
        self.player = AnswerPlayer(self)
        self.playback = PlaybackBar(self.player)
        self.play_button = self.playback.play_button
        self.timeline = self.playback.timeline
        self.time_label = self.playback.time_label
        self.transcript = TranscriptView(fit=True)
        self.transcript.setAccessibleName("Your answer, with fillers, hedges and pauses marked")
        self.moments = QHBoxLayout()
        self.moments_row = QWidget()
        self.rating = QComboBox()
        self.rating.setAccessibleName("How did that answer feel?")
        self.rating.setToolTip("Your own rating, 1 to 5; kept with the answer")
        self.rating.setAccessibleDescription("Your own rating, 1 to 5; kept with the answer")
        self.rating.addItem("Not rated", 0)
        for n, word in RATING_WORDS.items():
            self.rating.addItem(f"{n} · {word}", n)
        self.compare_button = widgets.button(
            "Compare takes…",
            icon="retake",
            description="Your takes of this question side by side",
        )
        self._build()
        self.transcript.word_clicked.connect(self._on_transcript_word_clicked)
        self.rating.activated.connect(self._on_rating_activated)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)

    def _build(self) -> None:
        moments = QHBoxLayout(self.moments_row)
        moments.setContentsMargins(0, 0, 0, 0)
        moments.addWidget(QLabel("Moments to hear again:"))
        moments.addLayout(self.moments)
        moments.addStretch(1)
        said = widgets.Card("What you said")
        said.body.addWidget(self.playback)
        said.body.addWidget(self.transcript)
        said.body.addWidget(self.moments_row)
        said.body.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        said.body.addWidget(self.details)
        rating = QHBoxLayout()
        rating.addWidget(QLabel("How did that answer feel?"))
        rating.addWidget(self.rating)
        rating.addStretch(1)
        rating.addWidget(self.compare_button)
        said.body.addLayout(rating)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.info, self.question, self.parts.lead_card, self.noticed_card):
            layout.addWidget(w)
        layout.addWidget(self.sounded_card)
        layout.addWidget(self.fit)
        layout.addWidget(said)
        layout.addStretch(1)

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
        self.info.setText(" · ".join(p for p in (answer_label(answer), _length(answer)) if p))
        self.question.setText(answer.question_text)
        self.parts.show(
            metrics,
            feedback_for(metrics) if metrics is not None else None,
            lead=lead_for(answer, metrics),
            scoring=_scoring(answer, metrics),
        )
        self.transcript.show_answer(answer.words, metrics, answer.transcript)
        self.transcript.setVisible(bool(answer.transcript.strip()))
        self.rating.setCurrentIndex(max(self.rating.findData(answer.self_rating or 0), 0))
        self.compare_button.setEnabled(other_takes > 0)
        self.compare_button.setVisible(other_takes > 0)
        self._show_moments(moments)
        audio = audio_root / answer.audio_path if answer.audio_path else None
        found = audio if audio and audio.is_file() else None
        why = (
            "No recording was kept for this answer."
            if answer.audio_path is None
            else "The recording of this answer is no longer on this computer."
        )
        self.playback.load(found, why_none="" if answer.kind is AnswerKind.SKIPPED else why)

    def _show_moments(self, moments: list[StressMoment]) -> None:
        while self.moments.count():
            item = self.moments.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for m in moments:
            what = f"{m.fillers} filler{'s' if m.fillers != 1 else ''}, {m.long_pauses} long "
            what += f"pause{'s' if m.long_pauses != 1 else ''}"
            what += f", pace {m.pace}" if m.pace else ""
            what += f": \u201c{m.words}\u201d" if m.words else ""
            button = widgets.button(clock(m.start), role="quiet", icon="play", description=what)
            button.setAccessibleName(f"Hear the moment at {clock(m.start)}")
            button.clicked.connect(lambda _=False, t=m.start: self._play_from(t))
            self.moments.addWidget(button)
        self.moments_row.setVisible(bool(moments))

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)

    def _play_from(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.player.play()

    def _on_transcript_word_clicked(self, seconds: float) -> None:
        self._play_from(seconds)

    def _on_rating_activated(self, _index: int) -> None:
        if self.answer is not None and self.answer.id is not None:
            self.rating_changed.emit(self.answer.id, int(self.rating.currentData()))

    def _on_compare_button_clicked(self) -> None:
        if self.answer is not None and self.answer.id is not None:
            self.compare_requested.emit(self.answer.id)


def _length(answer: Answer) -> str:
    return "" if answer.kind is AnswerKind.SKIPPED else seconds_words(answer.duration_seconds)


def _scoring(answer: Answer, metrics: AnswerMetrics | None) -> str:
    if metrics is None or not metrics.answered:
        return "No delivery index: there were no words to measure."
    index = answer.delivery_index
    said = "" if index is None else f"Delivery index {index:.0f} of 100. "
    return said + index_explanation(delivery_index(metrics.values()))
