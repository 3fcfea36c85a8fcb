"""After the session: nerves before and after, each figure against the user's own baseline."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from greenroom.analysis import bands
from greenroom.analysis.session import index_explanation
from greenroom.ui.history.metrics_view import format_value
from greenroom.ui.practice.results import AnswerReview, SessionResult

ARROW = {"better": "▲ better", "worse": "▼ worse", "same": "= same", None: ""}
SELF_REPORT_LABELS = {
    "nerves_before": "Nerves before",
    "nerves_after": "Nerves after",
    "confidence": "Confidence",
    "index": "Delivery index",
}


def _label(key: str) -> str:
    band = bands.BANDS.get(key)
    return band.label if band else SELF_REPORT_LABELS.get(key, key.replace("_", " ").capitalize())


def _value(key: str, value: float | None) -> str:
    return (
        format_value(key, value)
        if key in bands.BANDS
        else ("–" if value is None else f"{value:.0f}")
    )


def summary_html(result: SessionResult) -> str:
    r = result.summary.report
    nerves = ""
    if r.nerves_before is not None and r.nerves_after is not None:
        drop = r.nerves_before - r.nerves_after
        how = f"down {drop:.0f}" if drop > 0 else ("unchanged" if drop == 0 else f"up {-drop:.0f}")
        change = f"{r.nerves_before:.0f} → {r.nerves_after:.0f}"
        nerves = f"<p style='font-size:15pt'>Nerves: <b>{change}</b> ({how})</p>"
    compare_to = (
        "This is your first session: it becomes your baseline."
        if result.first_session
        else f"Compared with your previous {result.baseline_sessions} session(s) and your first."
    )
    rows = []
    for ch in result.changes:
        if ch.current is None:
            continue
        rows.append(
            f"<tr><td>{html.escape(_label(ch.key))}</td><td>{_value(ch.key, ch.current)}</td>"
            f"<td>{_value(ch.key, ch.baseline)}</td><td>{_value(ch.key, ch.first)}</td>"
            f"<td>{ARROW.get(ch.direction, '')}</td></tr>"
        )
    table = (
        "<table cellpadding='4'><tr><th align='left'>Measure</th><th>This run</th>"
        "<th>Your baseline</th><th>First run</th><th></th></tr>" + "".join(rows) + "</table>"
    )
    missing = result.summary.unanswered
    if missing:
        noun = "answer" if missing == 1 else "answers"
        compare_to += (
            f" {missing} {noun} had no words and {'is' if missing == 1 else 'are'} left out of "
            "these figures."
        )
    best = _answer_line("Best answer", result.best)
    again = _answer_line("Practise again", result.practise_again)
    scoring = f"<p style='color:gray'>{html.escape(index_explanation())}</p>"
    return f"{nerves}<p>{compare_to}</p>{table}{best}{again}{scoring}"


def _answer_line(label: str, review: AnswerReview | None) -> str:
    if review is None or review.index is None:
        return ""
    return f"<p><b>{label}:</b> {html.escape(review.question.text)} (index {review.index:.0f})</p>"


class SummaryView(QWidget):
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Session summary")
        title.setObjectName("pageTitle")
        self.body = QTextBrowser()
        self.body.setAccessibleName("Session summary")
        self.again = QPushButton("Start the next test run")
        self.again.setDefault(True)
        self.again.clicked.connect(self.again_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.body, 1)
        layout.addLayout(row)

    def show_result(self, result: SessionResult) -> None:
        self.body.setHtml(summary_html(result))
        self.again.setFocus()
