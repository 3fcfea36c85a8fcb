"""Progress: a headline in words (your nerves at first and lately), what to expect on the first
runs, and one chart per figure by run number, each against the user's rolling baseline; for
all sessions, one bank or one category."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.nerves_headline import nerves_headlines
from greenroom.store import history_repo, nerves_progress
from greenroom.store.history_repo import FilterChoices, ProgressPoint
from greenroom.store.nerves_progress import NervesPoint
from greenroom.ui import widgets
from greenroom.ui.context import AppContext
from greenroom.ui.history.chart_view import BASELINE_NAME, ChartCard, ChartPoint
from greenroom.ui.history.dashboard_data import (
    FIGURES_BY_KEY,
    ChartSeries,
    InterviewMark,
    interview_marks,
    series_many,
)
from greenroom.ui.history.dashboard_words import (
    change_words,
    digits,
    empty_chart_note,
    expect_note,
    headline,
    point_tips,
)

# (card title, ((figure, colour token), ...)): nerves before and after in the colours of the
# nerves picture on the Practice summary (before slate blue, after green).
CHARTS = (
    ("Nerves before and after", (("nerves_before", "work"), ("nerves_after", "primary"))),
    ("Confidence after the run", (("confidence", "primary"),)),
    ("Delivery index", (("delivery_index", "primary"),)),
    ("Fillers per minute", (("fillers_per_minute", "primary"),)),
    ("Speaking rate (words a minute)", (("speaking_rate", "primary"),)),
    ("Very long pauses per answer", (("very_long_pauses", "primary"),)),
    ("First-word latency (seconds)", (("first_word_latency", "primary"),)),
    ("On topic (% of each answer)", (("on_topic", "primary"),)),
    ("Pitch variation (semitones)", (("pitch_variation", "primary"),)),
)
NERVES_CHART = CHARTS[0][0]
INTERVIEWS_NAME = "Nerves before real interviews"
_GROUPED = {"week": " (weekly average)", "month": " (monthly average)"}


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.points: list[ProgressPoint] = []
        self.interviews: list[NervesPoint] = []
        self._loaded = False
        title = widgets.heading("Progress")
        self.headline = QLabel()
        self.headline.setObjectName("leadSentence")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Your progress in a sentence")
        self.details = widgets.hint()
        self.expect = widgets.hint()
        self.nerves_lines = widgets.hint()
        self.nerves_lines.setAccessibleName("Your nerves, run by run")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Show")
        self.scope.setToolTip("All your runs, or only those of one bank or one category")
        self.scope.setAccessibleDescription(
            "All your runs, or only those of one bank or one category"
        )
        self.scope.addItem("All sessions", "")
        self.cards = {name: ChartCard(name) for name, _ in CHARTS}
        self.charts = {name: card.chart for name, card in self.cards.items()}
        words = widgets.Card(soft=True)
        for w in (self.headline, self.details, self.nerves_lines, self.expect):
            words.body.addWidget(w)
        grid = QGridLayout()
        grid.setSpacing(12)
        for n, card in enumerate(self.cards.values()):
            grid.addWidget(card, n // 2, n % 2)
        column = QVBoxLayout()
        column.addWidget(words)
        column.addLayout(grid)
        column.addStretch(1)
        content = QWidget()
        content.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.scope.currentIndexChanged.connect(self._on_scope_current_index_changed)
        self.refresh()

    def refresh(self) -> None:
        engine = self._ctx.engine
        self._load()  # the charts first; the scope menu can fill in a moment later
        self._ctx.tasks.run(lambda: history_repo.filter_choices(engine), self._on_choices_loaded)

    def _load(self) -> None:
        kind, _, value = str(self.scope.currentData() or "").partition(":")
        bank = value if kind == "bank" else None
        category = value if kind == "category" else None
        engine = self._ctx.engine
        self._ctx.tasks.run(
            lambda: (
                history_repo.progress_points(engine, bank=bank, category=category),
                nerves_progress.interview_points(engine),
            ),
            self._on_points_loaded,
        )

    def _on_choices_loaded(self, choices: FilterChoices) -> None:
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("All sessions", "")
        for slug, title in choices.banks:
            self.scope.addItem(f"Bank: {title}", f"bank:{slug}")
        for category in choices.categories:
            self.scope.addItem(f"Category: {category}", f"category:{category}")
        self.scope.setCurrentIndex(max(self.scope.findData(current), 0))
        self.scope.blockSignals(False)

    def _on_scope_current_index_changed(self, _index: int) -> None:
        self._load()

    def _on_points_loaded(self, loaded: tuple[list[ProgressPoint], list[NervesPoint]]) -> None:
        self.points, self.interviews = loaded
        self._loaded = True
        self._draw()

    def _draw(self) -> None:
        points = self.points
        lines = headline(points)
        self.headline.setText(lines[0])
        self.details.setText("\n".join(lines[1:]))
        self.details.setVisible(len(lines) > 1)
        note = expect_note(points)
        self.expect.setText(note or "")
        self.expect.setVisible(note is not None)
        nerves = nerves_headlines(
            [p.nerves_before for p in points], [i.nerves_before for i in self.interviews]
        )
        self.nerves_lines.setText("\n".join(line[:1].upper() + line[1:] for line in nerves))
        self.nerves_lines.setVisible(bool(nerves))
        marks = interview_marks(points, self.interviews)
        every = series_many(points, [k for _, keys in CHARTS for k, _ in keys])
        for name, keys in CHARTS:
            self._draw_chart(
                self.cards[name],
                len(points),
                [(every[k], tone) for k, tone in keys],
                marks if name == NERVES_CHART else [],
            )

    def _draw_chart(
        self,
        card: ChartCard,
        runs: int,
        series: list[tuple[ChartSeries, str]],
        marks: list[InterviewMark],
    ) -> None:
        chart = card.chart
        chart.clear()
        first = FIGURES_BY_KEY[series[0][0].key]
        shown = [v for data, _ in series for v in data.values] + [m.nerves_before for m in marks]
        runs = max([runs, *(math.ceil(m.x) for m in marks)])
        if first.green is not None and shown:
            lo, hi = first.green
            shown += [max(lo, 0.0), min(hi, max(shown) * 1.5 + 1)]
        chart.set_ranges(runs, shown, ceiling=100.0 if first.unit == "%" else None)
        if first.green is not None and shown:
            chart.add_band(*first.green)
        said: list[str] = []
        for n, (data, tone) in enumerate(series):
            figure = FIGURES_BY_KEY[data.key]
            points = [
                ChartPoint(x, y, tip)
                for x, y, tip in zip(data.runs, data.values, point_tips(figure, data), strict=True)
            ]
            chart.add_points(
                figure.title + _GROUPED.get(data.grouping, ""),
                points,
                colour_token=tone,
                breaks=data.gaps(),
            )
            if n == 0:
                base = [
                    (x, b) for x, b in zip(data.runs, data.baseline, strict=True) if b is not None
                ]
                mine = f"{figure.title.lower()}: {BASELINE_NAME}" if len(series) > 1 else ""
                chart.add_baseline(base, name=mine or BASELINE_NAME)
            if data.values:
                said.append(change_words(figure.title, data.values, digits(figure)))
        if marks:
            chart.add_points(
                INTERVIEWS_NAME,
                [ChartPoint(m.x, m.nerves_before, m.tip) for m in marks],
                marker="diamond",
                colour_token="interview",
                line=False,
            )
            values = ", ".join(f"{m.nerves_before:.0f}" for m in marks)
            said.append(f"{INTERVIEWS_NAME}: {values}.")
        card.finish(" ".join(said) or empty_chart_note(first.key, runs))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._loaded:
            self._draw()  # the charts paint with the theme's tokens: repaint in the new one
