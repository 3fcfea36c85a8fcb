"""One progress chart: the figure per session (or week), its rolling baseline, and the green
band where the figure has one."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from greenroom.ui.history.dashboard_data import ChartSeries, Figure

COLOURS = ("#2e7d5a", "#b4492f")  # first and second series
BASELINE_COLOUR = "#8a8f98"
GREEN_BAND = QColor(46, 125, 90, 45)


def _ms(t: datetime) -> float:
    return t.timestamp() * 1000.0


class ChartView(QChartView):
    """Draws one or two series of a figure (e.g. nerves before and after) against time."""

    def __init__(self, title: str, *, dark: bool = False, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(230)
        self.drawn: dict[str, list[tuple[float, float]]] = {}
        self._band_edges: tuple[QLineSeries, QLineSeries] | None = None

    def show_series(self, figure: Figure, series: list[tuple[str, ChartSeries]]) -> None:
        """``series``: (legend name, data); the first one's baseline is drawn dashed."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.drawn = {}
        times = [t for _, s in series for t in s.times]
        values = [v for _, s in series for v in s.values]
        if not times:
            chart.setTitle(f"{chart.title().split(' — ')[0]} — no data yet")
            return
        lo_t, hi_t = min(times), max(times)
        if hi_t - lo_t < timedelta(days=2):
            lo_t, hi_t = lo_t - timedelta(days=1), hi_t + timedelta(days=1)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM yy")
        x_axis.setTickCount(5)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_ms(lo_t))),
            QDateTime.fromMSecsSinceEpoch(int(_ms(hi_t))),
        )
        y_axis = QValueAxis()
        lo_v, hi_v = min(values), max(values)
        if figure.green is not None:
            lo_v = min(lo_v, max(figure.green[0], 0.0))
            hi_v = max(hi_v, min(figure.green[1], hi_v * 1.5 + 1))
        pad = max((hi_v - lo_v) * 0.1, 1.0)
        y_axis.setRange(max(0.0, lo_v - pad), hi_v + pad)
        y_axis.setLabelFormat("%.0f" if hi_v - lo_v > 5 else "%.1f")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        if figure.green is not None:
            self._add_band(figure, lo_t, hi_t, y_axis, x_axis)
        for n, (name, data) in enumerate(series):
            grouped = "" if data.grouping == "session" else f" ({data.grouping}ly mean)"
            line = QLineSeries()
            line.setName(name + grouped)
            line.setPen(QPen(QColor(COLOURS[n % 2]), 2))
            line.setPointsVisible(len(data.values) <= 60)
            pts = [(_ms(t), v) for t, v in zip(data.times, data.values, strict=True)]
            line.append([QPointF(x, y) for x, y in pts])  # one call, not one per point
            self.drawn[name] = pts
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            if n == 0:
                self._add_baseline(data, x_axis, y_axis)

    def _add_baseline(self, data: ChartSeries, x_axis: QDateTimeAxis, y_axis: QValueAxis) -> None:
        base = QLineSeries()
        base.setName("your rolling baseline (previous 5)")
        pen = QPen(QColor(BASELINE_COLOUR), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        base.setPen(pen)
        pts = [(_ms(t), b) for t, b in zip(data.times, data.baseline, strict=True) if b is not None]
        base.append([QPointF(x, y) for x, y in pts])
        self.drawn["baseline"] = pts
        self.chart().addSeries(base)
        base.attachAxis(x_axis)
        base.attachAxis(y_axis)

    def _add_band(
        self,
        figure: Figure,
        lo_t: datetime,
        hi_t: datetime,
        y_axis: QValueAxis,
        x_axis: QDateTimeAxis,
    ) -> None:
        assert figure.green is not None
        lo = max(figure.green[0], y_axis.min())
        hi = min(figure.green[1], y_axis.max())
        upper, lower = QLineSeries(), QLineSeries()
        for t in (lo_t, hi_t):
            upper.append(_ms(t), hi)
            lower.append(_ms(t), lo)
        area = QAreaSeries(upper, lower)
        # QAreaSeries does not own its edge series: keep them alive as long as it is drawn.
        self._band_edges = (upper, lower)
        area.setName("green band")
        area.setBrush(QBrush(GREEN_BAND))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        self.drawn["green band"] = [(lo, hi)]
        self.chart().addSeries(area)
        area.attachAxis(x_axis)
        area.attachAxis(y_axis)
