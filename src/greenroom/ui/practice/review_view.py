"""After an answer: plain words first, then the measures as bands, the numbers on request.

Top to bottom (docs/design.md): the lead sentence (what went well, one thing to try), three
observations with their evidence, the measures (and the voice: pitch variation, trailing off,
loudness) as places on calm bands with the value in words, the job-description terms covered
and missed, whether the answer stayed on the question with each key point and the sentence that
covered it (ui/answer_fit.py), the transcript with playback, and behind "Show the numbers" the
figures and how the delivery index was made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.session import index_explanation
from greenroom.ui import widgets
from greenroom.ui.answer_parts import RATING_WORDS, AnswerParts, AnswerPartsMixin
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.history.transcript_view import TranscriptView
from greenroom.ui.practice.question_view import end_session_button
from greenroom.ui.practice.results import AnswerReview


class ReviewView(AnswerPartsMixin, QWidget):
    """Clicking a word plays the recording from there."""

    rated = Signal(int)
    next_requested = Signal()
    retake_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = widgets.heading("", level="sectionTitle")
        self.question = widgets.hint()
        self.note = QLabel()
        self.note.setObjectName("notice")
        self.note.setWordWrap(True)
        self.parts = AnswerParts()
        self.transcript = TranscriptView()
        self.transcript.setAccessibleName("Your answer, with fillers, hedges and pauses marked")
        self.transcript.setMinimumHeight(120)
        self.player = AnswerPlayer(self)
        self.transcript.word_clicked.connect(self._on_transcript_word_clicked)
        self.play = widgets.button(
            "Hear your answer", icon="play", description="Play the recording of this answer"
        )
        self.play.clicked.connect(self.player.toggle)
        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.rating_buttons = QButtonGroup(self)
        self.retake = widgets.button(
            "Retake this question", icon="retake", description="Answer the same question again"
        )
        self.retake.clicked.connect(self.retake_requested)
        self.next = widgets.button(
            "Next question", role="primary", icon="next", description="Go on (Enter)"
        )
        self.next.clicked.connect(self.next_requested)
        # As on the question screen: a user who has had enough after this feedback should not
        # have to start the next question to end the run.
        self.leave = end_session_button()
        self.leave.clicked.connect(self.leave_requested)
        QShortcut(QKeySequence("Escape"), self).activated.connect(self.leave.click)
        self._layout()
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(self.next.click)

    def _layout(self) -> None:
        parts = self.parts
        said = widgets.Card("What you said")
        heading = QHBoxLayout()
        heading.addStretch(1)
        heading.addWidget(self.play)
        said.body.addLayout(heading)
        said.body.addWidget(self.transcript)
        said.body.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        said.body.addWidget(self.details)
        column = QVBoxLayout()
        cards = (parts.lead_card, parts.noticed_card, parts.sounded_card, parts.fit, said)
        for w in (self.title, self.question, self.note, *cards):
            column.addWidget(w)
        column.addStretch(1)
        content = QWidget()
        content.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._footer())

    def _footer(self) -> QVBoxLayout:
        # Two rows, so the screen fits a window 1280 px wide (a 1920 px screen at 150 %).
        rating = QHBoxLayout()
        rating.addWidget(QLabel("How did that answer feel? (optional)"))
        for n, word in RATING_WORDS.items():
            b = QPushButton(word)
            b.setCheckable(True)
            b.setAccessibleName(f"This answer felt {word.lower()}")
            b.setToolTip(f"Rate this answer {n} of 5: {word.lower()}")
            b.setAccessibleDescription(f"Your own rating, {n} of 5; kept with the answer")
            self.rating_buttons.addButton(b, n)
            rating.addWidget(b)
        self.rating_buttons.idClicked.connect(self.rated)
        rating.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.leave)
        actions.addStretch(1)
        actions.addWidget(self.retake)
        actions.addWidget(self.next)
        footer = QVBoxLayout()
        footer.addLayout(rating)
        footer.addLayout(actions)
        return footer

    def show_review(
        self, review: AnswerReview, *, retakes: bool, last: bool, audio: Path | None = None
    ) -> None:
        answered = review.metrics.answered
        take = f" · take {review.take}" if review.take > 1 else ""
        state = "" if answered else " · no answer"
        self.title.setText(f"Answer {review.position + 1}{take}{state}")
        self.question.setText(review.question.text)
        self.note.setText(review.note)
        self.note.setVisible(bool(review.note))
        index = f"Delivery index {review.index:.0f} of 100. " if review.index is not None else ""
        self.parts.show(
            review.metrics, review.feedback, scoring=index + index_explanation(review.index_detail)
        )
        words = [w.to_dict() for w in review.transcript.words] if not review.typed else []
        self.transcript.show_answer(words, review.metrics, review.transcript.text)
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
        self.play.setText("Pause" if playing else "Hear your answer")
        widgets.set_icon(self.play, "pause" if playing else "play")

    def _on_transcript_word_clicked(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.player.play()

    def hideEvent(self, event: QHideEvent) -> None:
        self.player.stop()
        super().hideEvent(event)
