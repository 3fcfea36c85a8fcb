"""The parts every view of one answer shows: the lead sentence, three things noticed, how it
sounded (bands, voice, job terms), how it fit the question, and the figures behind the words.

The practice room's feedback screen and History's answer view lay them out differently (a
footer of rating buttons there, a playback bar and moments here) but must show an answer the
same way, so both build and fill them here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from greenroom.analysis.feedback import Observation
from greenroom.analysis.feedback_text import clock
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.plain_words import lead_sentence
from greenroom.ui import widgets
from greenroom.ui.answer_fit import QuestionFitCard, VoicePanel, coverage_html
from greenroom.ui.band_bar import BandBar
from greenroom.ui.history.metrics_view import MetricsView
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
NOT_A_STORY = "not judged: STAR is for questions about something you did, and this one is not"

NO_ANSWER_HTML = (
    "<p>No words were heard in this answer, so there is nothing to measure. It is saved as "
    "<b>no answer</b> and left out of your averages. Check the microphone level, or try the "
    "question again.</p>"
)


_COUNTS = {1: "One thing", 2: "Two things", 3: "Three things"}


def noticed_title(count: int) -> str:
    """The feedback card's heading: as many things as it lists (at most three are given)."""
    return f"{_COUNTS[count]} we noticed" if count in _COUNTS else "What we noticed"


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
            # Answer time rounds as the messages do ("fastest ... at 0:02"); what the message
            # already gives is not repeated: a bare time, or the very words at that time
            # ('the first was "uh" at 0:04' over 'at 0:04: "uh"'), or a time it gives in
            # seconds ('4.6 s passed before your first word' over 'at 0:05').
            at = f"at {clock(ev.time)}" if ev.time is not None else ""
            quoted = f"\u201c{html.escape(ev.words)}\u201d" if ev.words.strip() else ""
            if at in obs.message and (not quoted or f'"{ev.words}"' in obs.message):
                at = quoted = ""
            elif ev.time is not None and f"{ev.time:.1f} s" in obs.message:
                at = ""
            shown = ": ".join(p for p in (at, quoted) if p)
            if shown:
                where = f"<br><span>{shown}</span>"
        lead = "Went well" if obs.kind == "praise" else "Try"
        advice = f"<i>{lead}:</i> {html.escape(obs.try_next)}"
        items.append(f"<li><b>{html.escape(obs.message)}</b>{where}<br>{advice}</li>")
    return "<ol>" + "".join(items) + "</ol>"


class AnswerParts:
    """The shared widgets of one answer, built into cards; the owning view lays the cards out
    (``lead_card``, ``noticed_card``, ``sounded_card``, ``fit``) and places ``details_toggle``
    and ``details`` where it shows the transcript."""

    def __init__(self) -> None:
        self.lead = QLabel()
        self.lead.setObjectName("leadSentence")
        self.lead.setWordWrap(True)
        self.lead.setAccessibleName("What went well and one thing to try")
        self.feedback = FittedText()
        self.feedback.setAccessibleName("What we noticed")
        self.feedback.setAccessibleDescription("Each with where it happened and what to try")
        self.bands = {key: BandBar(key) for key in BAND_KEYS}
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.coverage.setTextFormat(Qt.TextFormat.RichText)
        self.voice = VoicePanel()
        self.fit = QuestionFitCard()
        self.metrics = MetricsView()
        self.metrics.setAccessibleName("Figures of this answer")
        self.metrics.setAccessibleDescription(
            "Each measure, its value and its band: comfortable, nearly there or needs work"
        )
        self.scoring = widgets.hint()
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.metrics)
        details.addWidget(self.scoring)
        self.details_toggle = widgets.numbers_toggle(
            "The figures behind the words, and how the delivery index was made", self.details
        )
        self.lead_card = widgets.Card(soft=True)
        self.lead_card.body.addWidget(self.lead)
        self.noticed_card = widgets.Card(noticed_title(3))
        self.noticed_card.body.addWidget(self.feedback)
        self.sounded_card = widgets.Card("How it sounded")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        for n, bar in enumerate(self.bands.values()):
            grid.addWidget(bar, n // 2, n % 2)
        self.sounded_card.body.addLayout(grid)
        self.sounded_card.body.addWidget(self.voice)
        self.sounded_card.body.addWidget(self.coverage)

    def show(
        self,
        metrics: AnswerMetrics | None,
        observations: list[Observation] | None,
        *,
        lead: str | None = None,
        scoring: str,
    ) -> None:
        """Fill every part for one answer.

        Args:
            metrics: Its figures; None for an answer saved without any (nothing to measure).
            observations: The feedback on it (None with no figures).
            lead: The lead sentence; by default the one the feedback gives.
            scoring: How its delivery index was made (shown with the figures).
        """
        answered = metrics is not None and metrics.answered
        self.noticed_card.setVisible(metrics is not None)
        if metrics is not None and observations is not None:
            self.feedback.setHtml(feedback_html(observations, answered=answered))
            if self.noticed_card.title is not None:
                self.noticed_card.title.setText(noticed_title(len(observations)))
            lead = lead if lead is not None else lead_sentence(observations, metrics)
        self.lead.setText(lead or "")
        # An answer without words has nothing to sound like: no bands, voice or job terms.
        self.sounded_card.setVisible(answered)
        self.fit.show_metrics(metrics if answered else None)
        if metrics is not None and answered:
            values = metrics.values()
            for key, bar in self.bands.items():
                note = NOT_A_STORY if key == "star_score" and not metrics.star_expected else ""
                bar.show_value(values.get(key), metrics.band(key), note=note)
            self.voice.show_metrics(metrics)
            self.coverage.setText(coverage_html("Terms from the job description", metrics.job))
        self.metrics.show_metrics(metrics)
        self.scoring.setText(scoring)


class AnswerPartsMixin:
    """For a view that owns ``self.parts``: its parts by name, as tests and callers reach them."""

    parts: AnswerParts

    lead = property(lambda self: self.parts.lead)
    feedback = property(lambda self: self.parts.feedback)
    bands = property(lambda self: self.parts.bands)
    voice = property(lambda self: self.parts.voice)
    fit = property(lambda self: self.parts.fit)
    metrics = property(lambda self: self.parts.metrics)
    scoring = property(lambda self: self.parts.scoring)
    details = property(lambda self: self.parts.details)
    details_toggle = property(lambda self: self.parts.details_toggle)
    noticed_card = property(lambda self: self.parts.noticed_card)
    sounded_card = property(lambda self: self.parts.sounded_card)
