"""After an answer: the transcript marked up, three observations, the measures, a self-rating."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.feedback import Observation
from greenroom.analysis.session import index_explanation
from greenroom.ui.history.metrics_view import MetricsView
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.history.transcript_view import TranscriptView
from greenroom.ui.practice.question_view import clock_text
from greenroom.ui.practice.results import AnswerReview

NO_ANSWER_HTML = (
    "<p>No words were heard in this answer, so there is nothing to measure. It is saved as "
    "<b>no answer</b> and left out of your averages. Check the microphone level, or try the "
    "question again.</p>"
)


def feedback_html(observations: list[Observation], *, answered: bool = True) -> str:
    if not answered:
        return NO_ANSWER_HTML
    if not observations:
        return "<p>Nothing stood out in this answer.</p>"
    items = []
    for obs in observations:
        where = ""
        if obs.evidence:
            ev = obs.evidence[0]
            at = f"at {clock_text(ev.time)}: " if ev.time is not None else ""
            where = f'<br><span style="color:gray">{at}“{html.escape(ev.words)}”</span>'
        lead = "Went well" if obs.kind == "praise" else "Try"
        advice = f"{lead}: {html.escape(obs.try_next)}"
        items.append(f"<li><b>{html.escape(obs.message)}</b>{where}<br>{advice}</li>")
    return "<ol>" + "".join(items) + "</ol>"


class ReviewView(QWidget):
    """Clicking a word plays the recording from there."""

    rated = Signal(int)
    next_requested = Signal()
    retake_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.scoring = QLabel()
        self.scoring.setObjectName("hint")
        self.scoring.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background:#fbe3b0; color:#3a2a00; padding:6px; border-radius:6px;"
        )
        self.transcript = TranscriptView()
        self.transcript.setAccessibleName("Your answer, with fillers, hedges and pauses marked")
        self.player = AnswerPlayer(self)
        self.transcript.word_clicked.connect(self._on_transcript_word_clicked)
        self.play = QPushButton("▶ Hear your answer")
        self.play.clicked.connect(self.player.toggle)
        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.feedback = QTextBrowser()
        self.feedback.setAccessibleName("Feedback")
        self.metrics = MetricsView()
        self.rating_buttons = QButtonGroup(self)
        rating_row = QHBoxLayout()
        rating_row.addWidget(QLabel("How did that answer feel? (optional)"))
        for n in range(1, 6):
            b = QPushButton(str(n))
            b.setCheckable(True)
            b.setMaximumWidth(40)
            b.setAccessibleName(f"Rate this answer {n} out of 5")
            self.rating_buttons.addButton(b, n)
            rating_row.addWidget(b)
        rating_row.addStretch(1)
        self.rating_buttons.idClicked.connect(self.rated)
        self.retake = QPushButton("Retake this question")
        self.retake.clicked.connect(self.retake_requested)
        self.next = QPushButton("Next question")
        self.next.setDefault(True)
        self.next.clicked.connect(self.next_requested)
        left = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(QLabel("Your answer"), 1)
        heading.addWidget(self.play)
        left.addLayout(heading)
        left.addWidget(self.transcript, 2)
        left.addWidget(QLabel("Feedback"))
        left.addWidget(self.feedback, 2)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.metrics, 2)
        buttons = QHBoxLayout()
        buttons.addLayout(rating_row, 1)
        buttons.addWidget(self.retake)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.scoring)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def show_review(
        self, review: AnswerReview, *, retakes: bool, last: bool, audio: Path | None = None
    ) -> None:
        index = f" · delivery index {review.index:.0f}/100" if review.index is not None else ""
        if not review.metrics.answered:
            index = " · no answer"
        take = f" · take {review.take}" if review.take > 1 else ""
        self.title.setText(f"Answer {review.position + 1}{take}{index}")
        self.question.setText(review.question.text)
        self.scoring.setText(index_explanation(review.index_detail))
        self.note.setText(review.note)
        self.note.setVisible(bool(review.note))
        words = [w.to_dict() for w in review.transcript.words] if not review.typed else []
        self.transcript.show_answer(words, review.metrics, review.transcript.text)
        self.feedback.setHtml(feedback_html(review.feedback, answered=review.metrics.answered))
        self.metrics.show_metrics(review.metrics)
        self.player.stop()
        self.player.load(audio)
        self.play.setVisible(audio is not None)
        self.rating_buttons.setExclusive(False)
        for b in self.rating_buttons.buttons():
            b.setChecked(False)
        self.rating_buttons.setExclusive(True)
        self.retake.setVisible(retakes)
        self.next.setText("Finish" if last else "Next question")
        self.next.setFocus()

    def _on_player_playing_changed(self, playing: bool) -> None:
        self.play.setText("❚❚ Pause" if playing else "▶ Hear your answer")

    def _on_transcript_word_clicked(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.player.play()

    def hideEvent(self, event: QHideEvent) -> None:
        self.player.stop()
        super().hideEvent(event)
