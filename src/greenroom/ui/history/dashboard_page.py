"""Progress dashboard: the headline change since the first session and one chart per figure,
each against the user's rolling baseline; for all sessions, one bank or one category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greenroom.store import history_repo
from greenroom.store.history_repo import FilterChoices, ProgressPoint
from greenroom.ui.context import AppContext
from greenroom.ui.history.chart_view import ChartView
from greenroom.ui.history.dashboard_data import FIGURES_BY_KEY, headline, series_many

CHARTS = (
    ("Nerves before and after", ("nerves_before", "nerves_after")),
    ("Confidence after the session", ("confidence",)),
    ("Delivery index", ("delivery_index",)),
    ("Fillers per minute", ("fillers_per_minute",)),
    ("Speaking rate (wpm)", ("speaking_rate",)),
    ("Very long pauses per answer", ("very_long_pauses",)),
    ("First-word latency (s)", ("first_word_latency",)),
)


def _is_dark() -> bool:
    return QGuiApplication.palette().window().color().lightness() < 128


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.points: list[ProgressPoint] = []
        title = QLabel("Progress")
        title.setObjectName("pageTitle")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        self.scope = QComboBox()
        self.scope.addItem("All sessions", "")
        dark = _is_dark()
        self.charts = {name: ChartView(name, dark=dark) for name, _ in CHARTS}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for n, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, n // 2, n % 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
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
            lambda: history_repo.progress_points(engine, bank=bank, category=category),
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

    def _on_points_loaded(self, points: list[ProgressPoint]) -> None:
        self.points = points
        self.headline.setText("\n".join(headline(points)))
        every = series_many(points, [k for _, keys in CHARTS for k in keys])
        for name, keys in CHARTS:
            series = [(FIGURES_BY_KEY[k].title, every[k]) for k in keys]
            self.charts[name].show_series(FIGURES_BY_KEY[keys[0]], series)
