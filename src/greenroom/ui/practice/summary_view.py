"""After the run: nerves before and after as a picture, what changed against your own runs in
words (only beyond your run-to-run noise), your answers, and the numbers on request."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from greenroom.analysis import bands
from greenroom.analysis.plain_words import change_sentence
from greenroom.analysis.session import Change, index_explanation
from greenroom.ui import widgets
from greenroom.ui.history.metrics_view import format_value
from greenroom.ui.nerves_picture import NervesPicture
from greenroom.ui.practice.results import AnswerReview, SessionResult
from greenroom.ui.widgets import FittedText

SELF_REPORT_LABELS = {
    "nerves_before": "Nerves before",
    "nerves_after": "Nerves after",
    "confidence": "Confidence",
    "delivery_index": "Delivery index",
}
DIRECTION_WORDS = {"better": "better", "worse": "one to watch", "same": "about the same"}
EARLY_RUNS = 3
EXPECT = (
    "What to expect: in studies of repeated speaking practice, nerves fall across about "
    "three runs, and they can rise on the second before they fall. A harder run now is part "
    "of the climb, not a step back."
)


def _label(key: str) -> str:
    band = bands.BANDS.get(key)
    return band.label if band else SELF_REPORT_LABELS.get(key, key.replace("_", " ").capitalize())


def _value(key: str, value: float | None) -> str:
    if key in bands.BANDS:
        return format_value(key, value)
    return "–" if value is None else f"{value:.0f}"


def changes_words(result: SessionResult) -> list[str]:
    """What changed against the user's recent runs, in sentences; empty when nothing did."""
    if result.first_session:
        return [
            "This is your first run: it becomes your baseline, so the next one has something "
            "to be compared with."
        ]
    said_keys = {ch.key for ch in result.changes if ch.direction in ("better", "worse")}
    said = [
        text
        for ch in result.changes
        if ch.current is not None and ch.baseline is not None and ch.direction
        # fillers a minute and in 100 words move together: one sentence says it
        if not (ch.key == "fillers_per_100_words" and "fillers_per_minute" in said_keys)
        if (
            text := change_sentence(
                ch.key, ch.current, ch.baseline, ch.direction, runs=result.baseline_sessions
            )
        )
    ]
    runs = result.baseline_sessions
    last = "your last run" if runs == 1 else f"your last {runs} runs"
    return said or [f"Everything was about the same as {last}."]


def numbers_html(result: SessionResult) -> str:
    """The figures behind the words: this run, your baseline, your first run."""
    rows = [
        f"<tr><td>{html.escape(_label(ch.key))}</td><td>{_value(ch.key, ch.current)}</td>"
        f"<td>{_value(ch.key, ch.baseline)}</td><td>{_value(ch.key, ch.first)}</td>"
        f"<td>{DIRECTION_WORDS.get(ch.direction or '', '')}</td></tr>"
        for ch in result.changes
        if ch.current is not None
    ]
    table = (
        "<table cellpadding='4'><tr><th align='left'>Measure</th><th>This run</th>"
        "<th>Your recent runs</th><th>Your first run</th><th></th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return f"{table}<p>{html.escape(index_explanation())}</p>"


def summary_html(result: SessionResult) -> str:
    """The whole summary as text (exports and tests read it; the screen shows it in cards)."""
    r = result.summary.report
    nerves = ""
    if r.nerves_before is not None and r.nerves_after is not None:
        drop = r.nerves_before - r.nerves_after
        how = f"down {drop:.0f}" if drop > 0 else ("unchanged" if drop == 0 else f"up {-drop:.0f}")
        nerves = f"<p>Nerves: {r.nerves_before:.0f} → {r.nerves_after:.0f} ({how})</p>"
    said = "".join(f"<p>{html.escape(s)}</p>" for s in changes_words(result))
    return nerves + said + answers_html(result) + numbers_html(result)


def answers_html(result: SessionResult) -> str:
    parts = [
        _answer_line("Best answer", result.best),
        _answer_line("Practise again", result.practise_again),
    ]
    missing = result.summary.unanswered
    if missing:
        noun = "answer" if missing == 1 else "answers"
        verb = "is" if missing == 1 else "are"
        parts.append(f"<p>{missing} {noun} had no words and {verb} left out of these figures.</p>")
    covered = _coverage_lines(result.reviews)
    return "".join(parts) + covered


def _answer_line(label: str, review: AnswerReview | None) -> str:
    if review is None or review.index is None:
        return ""
    return f"<p><b>{label}:</b> {html.escape(review.question.text)}</p>"


def _coverage_lines(reviews: list[AnswerReview]) -> str:
    lines = []
    for r in reviews:
        kp = r.metrics.key_points
        if kp.total:
            points = "key point" if kp.total == 1 else "key points"
            if kp.missing:
                said = f"{len(kp.covered)} of {kp.total} {points}; not yet: {', '.join(kp.missing)}"
            else:
                said = f"all {kp.total} {points}" if kp.total > 1 else "its key point"
            lines.append(f"<li>{html.escape(r.question.text)} \u2014 {html.escape(said)}</li>")
    terms_used = sorted({t for r in reviews if r.metrics.job for t in r.metrics.job.covered})
    terms_all = sorted(
        {
            t
            for r in reviews
            if r.metrics.job
            for t in (*r.metrics.job.covered, *r.metrics.job.missing)
        }
    )
    job = ""
    if terms_all:
        unused = [t for t in terms_all if t not in terms_used]
        job = (
            "<p><b>Job-description terms you used:</b> "
            f"{html.escape(', '.join(terms_used) or 'none yet')}"
            f"<br><b>Not yet:</b> {html.escape(', '.join(unused) or 'none')}</p>"
        )
    points = f"<p><b>Key points</b></p><ul>{''.join(lines)}</ul>" if lines else ""
    return points + job


class SummaryView(QWidget):
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = widgets.heading("Run complete")
        self.saved = widgets.hint()
        self.nerves = NervesPicture()
        self.expect = widgets.hint(EXPECT)
        self.changed = QLabel()
        self.changed.setWordWrap(True)
        self.changed.setAccessibleName("What changed against your recent runs")
        self.answers = FittedText()
        self.answers.setAccessibleName("Your answers")
        self.body = QTextBrowser()  # the numbers
        self.body.setAccessibleName("The numbers of this run")
        self.details_toggle = widgets.numbers_toggle(
            "Each figure against your recent runs and your first run", self.body
        )
        self.again = widgets.button(
            "Start the next test run",
            role="primary",
            icon="next",
            description="Back to set-up for another run",
        )
        self.again.clicked.connect(self.again_requested)
        nerves_card = widgets.Card(soft=True)
        nerves_card.body.addWidget(self.nerves)
        nerves_card.body.addWidget(self.expect)
        changed_card = widgets.Card("Compared with your recent runs")
        changed_card.body.addWidget(self.changed)
        answers_card = widgets.Card("Your answers")
        answers_card.body.addWidget(self.answers)
        answers_card.body.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        answers_card.body.addWidget(self.body)
        column = QVBoxLayout()
        for w in (self.title, self.saved, nerves_card, changed_card, answers_card):
            column.addWidget(w)
        column.addStretch(1)
        content = QWidget()
        content.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignRight)

    def show_result(self, result: SessionResult) -> None:
        n = result.summary.answers
        saved = f"Your {n} answer{'s are' if n != 1 else ' is'} saved in History."
        self.title.setText("Run ended early" if result.ended_early else "Run complete")
        self.saved.setText(
            f"You ended the run part-way, which is fine: every answer counts. {saved}"
            if result.ended_early
            else saved
        )
        r = result.summary.report
        self.nerves.show_nerves(r.nerves_before, r.nerves_after)
        self.expect.setVisible(result.run_number <= EARLY_RUNS)
        self.changed.setText("\n".join(changes_words(result)))
        self.answers.setHtml(answers_html(result))
        self.body.setHtml(numbers_html(result))
        self.body.setMinimumHeight(360)
        self.again.setFocus()

    def text(self) -> str:
        """Everything the summary says, as plain text (the screen reads top to bottom)."""
        parts = (self.nerves.words.text(), self.changed.text(), self.answers.toPlainText())
        return "\n".join((*parts, self.body.toPlainText()))


__all__ = ["Change", "SummaryView", "changes_words", "numbers_html", "summary_html"]
