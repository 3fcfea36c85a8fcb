"""What the answer said against what was asked, and how the voice sounded, as calm bands in words.

Shared by the Practice feedback screen and the History answer view:
- ``QuestionFitCard``: whether the answer stayed on the question (a band and, when it drifted,
  what it drifted to) and each key point covered, with the sentence that covered it, or not yet;
- ``VoicePanel``: pitch variation and trailing off as bands, loudness in words, and a plain note
  when the recording could not support a figure (no recording, silence, a whisper, clipping).
The words come from analysis/plain_words.py; numbers stay behind "Show the numbers".
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from greenroom.analysis.coverage import Coverage
from greenroom.analysis.feedback import clock
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.plain_words import describe, on_topic_sentence, voice_sentence
from greenroom.analysis.relevance import Relevance
from greenroom.ui import widgets
from greenroom.ui.band_bar import BandBar

VOICE_BAND_KEYS = ("pitch_variation", "trailing_off")


def _label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if object_name:
        label.setObjectName(object_name)
    return label


def key_points_html(relevance: Relevance | None, coverage: Coverage | None) -> str:
    """Each key point: covered, with the sentence that covered it, or not yet; "" for none."""
    if relevance is not None and relevance.key_points:
        points = relevance.key_points
        covered = [k for k in points if k.covered]
        rows = []
        for k in covered:
            where = f" at {clock(k.time)}" if k.time is not None else ""
            said = f": \u201c{html.escape(k.evidence)}\u201d{where}" if k.evidence else ""
            rows.append(f"\u2713 <b>{html.escape(k.point)}</b>{said}")
        rows += [f"\u25cb Not yet: {html.escape(k.point)}" for k in points if not k.covered]
        note = ""
        if relevance.foreign_key_points and not relevance.key_points_judged:
            note = f"<br><i>{html.escape(relevance.note)}</i>"
        return (
            f"<p><b>Key points of the question</b> ({len(covered)} of {len(points)})<br>"
            + "<br>".join(rows)
            + note
            + "</p>"
        )
    return coverage_html("Key points of the question", coverage)


def coverage_html(title: str, coverage: Coverage | None) -> str:
    """Covered and missed items as words, or "" when there is nothing to check."""
    if coverage is None or coverage.total == 0:
        return ""
    covered = ", ".join(html.escape(c) for c in coverage.covered) or "none yet"
    missed = ", ".join(html.escape(m) for m in coverage.missing) or "none"
    return (
        f"<p><b>{html.escape(title)}</b> ({len(coverage.covered)} of {coverage.total})<br>"
        f"\u2713 Covered: {covered}<br>\u25cb Not yet: {missed}</p>"
    )


class QuestionFitCard(widgets.Card):
    """Did the answer answer the question: on topic as a band, the drift, the key points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Did it answer the question?", parent=parent)
        self.on_topic = BandBar("on_topic")
        self.drift = _label("hint")
        self.drift.setAccessibleName("Whether the answer stayed on the question")
        self.key_points = _label()
        self.key_points.setAccessibleName("Key points covered and not yet covered")
        self.body.addWidget(self.on_topic)
        self.body.addWidget(self.drift)
        self.body.addWidget(self.key_points)

    def show_metrics(self, metrics: AnswerMetrics | None) -> None:
        relevance = metrics.relevance if metrics is not None else None
        points = key_points_html(relevance, metrics.key_points if metrics else None)
        drift = on_topic_sentence(relevance)
        judged = relevance is not None and relevance.on_topic is not None
        self.on_topic.setVisible(judged)
        if judged and metrics is not None:
            self.on_topic.show_value(metrics.values()["on_topic"])
        drifted = (
            judged
            and relevance is not None
            and relevance.on_topic is not None
            and (relevance.on_topic.verdict != "on topic")
        )
        widgets.set_tone(self.drift, "notice" if drifted else "hint")
        self.drift.setText(html.escape(drift))
        self.drift.setVisible(bool(drift))
        self.key_points.setText(points)
        self.key_points.setVisible(bool(points))
        self.setVisible(bool(judged or drift or points))


class VoicePanel(QWidget):
    """The voice: pitch variation and trailing off as bands, loudness in words, notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("<b>Your voice</b>")
        self.bands = {key: BandBar(key) for key in VOICE_BAND_KEYS}
        self.loudness = _label("hint")
        self.loudness.setAccessibleName("Loudness")
        self.note = _label("hint")
        self.note.setAccessibleName("About the voice measures")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        for n, bar in enumerate(self.bands.values()):
            grid.addWidget(bar, 0, n)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.loudness)
        layout.addWidget(self.note)

    def show_metrics(self, metrics: AnswerMetrics | None) -> None:
        if metrics is None or not metrics.answered or not metrics.timed:
            self.setVisible(False)  # typed answers and no answer: nothing was heard
            return
        self.setVisible(True)
        values = metrics.values()
        for key, bar in self.bands.items():
            bar.show_value(values.get(key))
            bar.setVisible(values.get(key) is not None)
        loudness = values.get("loudness_variation")
        text = describe("loudness_variation", loudness) if loudness is not None else ""
        self.loudness.setText(html.escape(text[:1].upper() + text[1:]))
        self.loudness.setVisible(bool(text))
        note = voice_sentence(metrics.voice)
        self.note.setText(html.escape(note))
        self.note.setVisible(bool(note))
