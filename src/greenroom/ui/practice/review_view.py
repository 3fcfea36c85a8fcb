"""After an answer: plain words first, then the measures as bands, the numbers on request.

Top to bottom (docs/design.md): the lead sentence (what went well, one thing to try), three
observations with their evidence, the measures (and the voice: pitch variation, trailing off,
loudness) as places on calm bands with the value in words, the job-description terms covered
and missed, whether the answer stayed on the question with each key point and the sentence that
covered it (ui/answer_fit.py), the transcript with playback, and behind "Show the numbers" the
figures and how the delivery index was made.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.feedback import Observation
from greenroom.analysis.plain_words import lead_sentence
from greenroom.analysis.session import index_explanation
from greenroom.ui import widgets
from greenroom.ui.answer_fit import QuestionFitCard, VoicePanel, coverage_html
from greenroom.ui.band_bar import BandBar
from greenroom.ui.history.metrics_view import MetricsView
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.history.transcript_view import TranscriptView
from greenroom.ui.practice.question_view import clock_text
from greenroom.ui.practice.results import AnswerReview
from greenroom.ui.widgets import FittedText

# The measures shown as bands, in the order a listener notices them.
BAND_KEYS = (
    "speaking_rate",
    "fillers_per_minute",
    "very_long_pauses",
    "first_word_latency",
    "duration",
    "star_score",
    "hedges",
)
RATING_WORDS = {1: "Rough", 2: "Shaky", 3: "OK", 4: "Good", 5: "Great"}

NO_ANSWER_HTML = (
    "<p>No words were heard in this answer, so there is nothing to measure. It is saved as "
    "<b>no answer</b> and left out of your averages. Check the microphone level, or try the "
    "question again.</p>"
)


def feedback_html(observations: list[Observation], *, answered: bool = True) -> str:
    """The observations as a list: what happened, where (when there is something to quote),
    and what to try."""
    if not answered:
        return NO_ANSWER_HTML
    if not observations:
        return "<p>Nothing stood out in this answer.</p>"
    items = []
    for obs in observations:
        where = ""
        if obs.evidence:
            ev = obs.evidence[0]
            at = f"at {clock_text(ev.time)}" if ev.time is not None else ""
            quoted = f"\u201c{html.escape(ev.words)}\u201d" if ev.words.strip() else ""
            shown = ": ".join(p for p in (at, quoted) if p)
            if shown:
                where = f"<br><span>{shown}</span>"
        lead = "Went well" if obs.kind == "praise" else "Try"
        advice = f"<i>{lead}:</i> {html.escape(obs.try_next)}"
        items.append(f"<li><b>{html.escape(obs.message)}</b>{where}<br>{advice}</li>")
    return "<ol>" + "".join(items) + "</ol>"


class ReviewView(QWidget):
    """Clicking a word plays the recording from there."""

    rated = Signal(int)
    next_requested = Signal()
    retake_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = widgets.heading("", level="sectionTitle")
        self.question = widgets.hint()
        self.lead = QLabel()
        self.lead.setObjectName("leadSentence")
        self.lead.setWordWrap(True)
        self.lead.setAccessibleName("What went well and one thing to try")
        self.note = QLabel()
        self.note.setObjectName("notice")
        self.note.setWordWrap(True)
        self.feedback = FittedText()
        self.feedback.setAccessibleName("Three things we noticed")
        self.feedback.setAccessibleDescription("Each with where it happened and what to try")
        self.bands = {key: BandBar(key) for key in BAND_KEYS}
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.coverage.setTextFormat(Qt.TextFormat.RichText)
        self.voice = VoicePanel()
        self.fit = QuestionFitCard()
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
        self.metrics = MetricsView()
        self.metrics.setAccessibleName("Figures of this answer")
        self.metrics.setAccessibleDescription(
            "Each measure, its value and its band: comfortable, nearly there or needs work"
        )
        self.scoring = widgets.hint()
        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.metrics)
        details_layout.addWidget(self.scoring)
        self.details_toggle = widgets.numbers_toggle(
            "The figures behind the words, and how the delivery index was made", self.details
        )
        self.rating_buttons = QButtonGroup(self)
        self.retake = widgets.button(
            "Retake this question", icon="retake", description="Answer the same question again"
        )
        self.retake.clicked.connect(self.retake_requested)
        self.next = widgets.button(
            "Next question", role="primary", icon="next", description="Go on (Enter)"
        )
        self.next.clicked.connect(self.next_requested)
        self._layout()
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(self.next.click)

    def _layout(self) -> None:
        lead_card = widgets.Card(soft=True)
        lead_card.body.addWidget(self.lead)
        noticed = widgets.Card("Three things we noticed")
        noticed.body.addWidget(self.feedback)
        sounded = widgets.Card("How it sounded")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        for n, bar in enumerate(self.bands.values()):
            grid.addWidget(bar, n // 2, n % 2)
        sounded.body.addLayout(grid)
        sounded.body.addWidget(self.voice)
        sounded.body.addWidget(self.coverage)
        said = widgets.Card("What you said")
        heading = QHBoxLayout()
        heading.addStretch(1)
        heading.addWidget(self.play)
        said.body.addLayout(heading)
        said.body.addWidget(self.transcript)
        said.body.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        said.body.addWidget(self.details)
        column = QVBoxLayout()
        cards = (lead_card, noticed, sounded, self.fit, said)
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

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("How did that answer feel? (optional)"))
        for n, word in RATING_WORDS.items():
            b = QPushButton(word)
            b.setCheckable(True)
            b.setAccessibleName(f"This answer felt {word.lower()}")
            b.setToolTip(f"Rate this answer {n} of 5: {word.lower()}")
            b.setAccessibleDescription(f"Your own rating, {n} of 5; kept with the answer")
            self.rating_buttons.addButton(b, n)
            row.addWidget(b)
        self.rating_buttons.idClicked.connect(self.rated)
        row.addStretch(1)
        row.addWidget(self.retake)
        row.addWidget(self.next)
        return row

    def show_review(
        self, review: AnswerReview, *, retakes: bool, last: bool, audio: Path | None = None
    ) -> None:
        answered = review.metrics.answered
        take = f" · take {review.take}" if review.take > 1 else ""
        state = "" if answered else " · no answer"
        self.title.setText(f"Answer {review.position + 1}{take}{state}")
        self.question.setText(review.question.text)
        self.lead.setText(lead_sentence(review.feedback, review.metrics))
        self.note.setText(review.note)
        self.note.setVisible(bool(review.note))
        self.feedback.setHtml(feedback_html(review.feedback, answered=answered))
        values = review.metrics.values()
        for key, bar in self.bands.items():
            bar.show_value(values.get(key))
            bar.setVisible(answered)
        m = review.metrics
        self.voice.show_metrics(m)
        self.fit.show_metrics(m if answered else None)
        self.coverage.setText(coverage_html("Terms from the job description", m.job))
        words = [w.to_dict() for w in review.transcript.words] if not review.typed else []
        self.transcript.show_answer(words, review.metrics, review.transcript.text)
        self.metrics.show_metrics(review.metrics)
        index = f"Delivery index {review.index:.0f} of 100. " if review.index is not None else ""
        self.scoring.setText(index + index_explanation(review.index_detail))
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
