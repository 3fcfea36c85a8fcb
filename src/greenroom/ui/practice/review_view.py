"""After an answer: the transcript marked up, three observations, the measures, a self-rating."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
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
from greenroom.ui.practice.metrics_table import MetricsTable
from greenroom.ui.practice.question_view import clock_text
from greenroom.ui.practice.results import AnswerReview
from greenroom.ui.transcript_html import LEGEND, transcript_html


def feedback_html(observations: list[Observation]) -> str:
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
    rated = Signal(int)
    next_requested = Signal()
    retake_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background:#fbe3b0; color:#3a2a00; padding:6px; border-radius:6px;"
        )
        self.transcript = QTextBrowser()
        self.transcript.setAccessibleName(
            "Your answer, with fillers, hedges and long pauses marked"
        )
        self.feedback = QTextBrowser()
        self.feedback.setAccessibleName("Feedback")
        self.metrics = MetricsTable()
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
        left.addWidget(QLabel(f"Your answer · {LEGEND}"))
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
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def show_review(self, review: AnswerReview, *, retakes: bool, last: bool) -> None:
        index = f" · delivery index {review.index:.0f}/100" if review.index is not None else ""
        take = f" · take {review.take}" if review.take > 1 else ""
        self.title.setText(f"Answer {review.position + 1}{take}{index}")
        self.question.setText(review.question.text)
        self.note.setText(review.note)
        self.note.setVisible(bool(review.note))
        self.transcript.setHtml(transcript_html(review.transcript, review.metrics))
        self.feedback.setHtml(feedback_html(review.feedback))
        self.metrics.show_values(review.metrics.values())
        self.rating_buttons.setExclusive(False)
        for b in self.rating_buttons.buttons():
            b.setChecked(False)
        self.rating_buttons.setExclusive(True)
        self.retake.setVisible(retakes)
        self.next.setText("Finish" if last else "Next question")
        self.next.setFocus()
