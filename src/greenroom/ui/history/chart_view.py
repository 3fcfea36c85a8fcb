"""One progress chart in a card: the figure per run against the run number, the user's rolling
baseline (dashed), and the comfortable band where the figure has one.

Every colour is a design token, read when the chart is drawn (redraw after a theme change).
The legend is a line of words above the chart, so it wraps instead of being cut. Pointing at a
point shows its run, its date and its value.

Series are added one by one with ``add_points``, so a second kind of point (real interviews,
``marker="diamond"``, ``colour_token="interview"``) can join the practice runs on the same axes.
"""

from __future__ import annotations

import bisect
import html
import itertools
import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCharts import (
    QAbstractAxis,
    QAreaSeries,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from greenroom.ui import design, widgets

MARKERS = {
    "circle": QScatterSeries.MarkerShape.MarkerShapeCircle,
    "diamond": QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle,
}
_LEGEND_MARK = {"circle": "\u25cf", "diamond": "\u25c6"}
BASELINE_NAME = "your average over the previous 5 runs"
BAND_NAME = "comfortable range"
# Room beyond an end tick that a point sits on, as a share of the ticks' span: 9 px of a
# 150 px plot, more than the 4.5 px radius of a marker (a diamond's 6.5 px).
END_ROOM = 0.06


class ChartPoint(NamedTuple):
    x: float  # the run number (or the middle of the runs a mean covers)
    y: float
    tip: str  # what the point says on hover


def tick_step(span: float) -> float:
    """A round step (1, 2, 5, 10, 20, 50...) giving at most 8 run numbers on the axis."""
    step = 1.0
    while span / step > 8:
        for factor in (2.0, 2.5, 2.0):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
            step *= factor
            if span / step <= 8:
                break
    return step


def _decimals(step: float) -> int | None:
    """How many decimals show ``step`` exactly (None: more than 3)."""
    for decimals in range(4):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6:
            return decimals
    return None


def tidy_ticks(span: float, count: int) -> tuple[int, int]:
    """A tick count of at most ``count`` (3 or more) whose labels need the fewest decimals,
    most ticks first, and those decimals: "62.0, 61.0" said more than there was, and ticks
    0.05 apart printed in tenths read "0.0, 0.1, 0.1, 0.2, 0.2"."""
    options = [
        (decimals, -n)
        for n in range(max(count, 3), 2, -1)
        if (decimals := _decimals(span / (n - 1))) is not None
    ]
    if not options:
        return count, 3
    decimals, most = min(options)
    return -most, decimals


class ChartView(QChartView):
    """The chart itself; ``drawn`` holds each series' points (for tests and the tooltips)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setMargins(QMargins(0, 6, 6, 0))
        layout = chart.layout()
        if layout is not None:
            layout.setContentsMargins(0, 0, 0, 0)
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(210)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.drawn: dict[str, list[tuple[float, float]]] = {}
        self.tips: dict[str, list[str]] = {}
        self.last_tip = ""
        self.legend_entries: list[tuple[str, str, str]] = []  # (kind, colour token, name)
        self._kept: list[QLineSeries] = []  # edges of the band: QAreaSeries does not own them
        self.x_axis = QValueAxis()
        self.y_axis = QValueAxis()
        self.clear()

    # --- building ------------------------------------------------------------------------
    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.drawn, self.tips, self.legend_entries, self._kept = {}, {}, [], []
        self.x_axis, self.y_axis = QValueAxis(), QValueAxis()
        self.x_axis.setTitleText("Run")
        self.x_axis.setLabelFormat("%d")
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(0)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self._paint_chart()

    def set_ranges(
        self,
        runs: int,
        values: Sequence[float],
        *,
        floor: float = 0.0,
        ceiling: float | None = None,
    ) -> None:
        """Axes for ``runs`` runs and the values to show (the band's edges included), never
        below ``floor`` nor above ``ceiling`` (100 for a percent)."""
        self.x_axis.setRange(0.5, max(runs, 1) + 0.5)
        self.x_axis.setTickInterval(tick_step(max(runs, 1)))
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
        pad = max((hi - lo) * 0.1, 1.0 if hi - lo > 5 else 0.2)
        if hi - lo < abs(hi) * 0.05:
            # (Nearly) one value, as after a first run: a tenth of the value itself. Confidence
            # 60 alone got an axis from 59.7 to 60.2 in tenths.
            pad = max(pad, abs(hi) * 0.1)
        self.y_axis.setRange(max(floor, lo - pad), hi + pad)
        self.y_axis.applyNiceNumbers()
        if self.y_axis.min() < floor:
            self.y_axis.setMin(floor)
        if ceiling is not None and self.y_axis.max() > ceiling:
            self.y_axis.setMax(ceiling)
            span = ceiling - self.y_axis.min()  # ticks on round numbers again: 20, 40... 100
            counts = [n for n in range(7, 2, -1) if (span / (n - 1)) % 5 == 0]
            if counts:
                self.y_axis.setTickCount(counts[0])
        count, decimals = tidy_ticks(self.y_axis.max() - self.y_axis.min(), self.y_axis.tickCount())
        self.y_axis.setTickCount(count)
        self.y_axis.setLabelFormat(f"%.{decimals}f")
        if values:
            self._room_at_the_ends(min(values), max(values), count)

    def _room_at_the_ends(self, lo: float, hi: float, count: int) -> None:
        """A point on the axis' first or last tick (no fillers, 0; a share of 100 %) was drawn
        half outside the plot area, which clips it, its line lying on the axis itself. Such an
        end gets a little room beyond its tick; the ticks stay where they were (dynamic ticks
        from the old first one, so no tick is labelled below 0 or above 100)."""
        low, high = self.y_axis.min(), self.y_axis.max()
        span = high - low
        at_low, at_high = lo <= low + span * 1e-6, hi >= high - span * 1e-6
        if not (at_low or at_high):
            return
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(low)
        self.y_axis.setTickInterval(span / (count - 1))
        room = span * END_ROOM
        self.y_axis.setRange(low - room * at_low, high + room * at_high)

    def add_band(self, lo: float, hi: float, *, name: str = BAND_NAME) -> None:
        """The comfortable range as a soft band behind everything else."""
        lo, hi = max(lo, self.y_axis.min()), min(hi, self.y_axis.max())
        if hi <= lo:
            return
        upper, lower = QLineSeries(), QLineSeries()
        for x in (self.x_axis.min(), self.x_axis.max()):
            upper.append(x, hi)
            lower.append(x, lo)
        area = QAreaSeries(upper, lower)
        self._kept += [upper, lower]
        area.setName(name)
        area.setBrush(QBrush(design.colour("good_soft")))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        self._attach(area)
        self.drawn[name] = [(lo, hi)]
        self.legend_entries.append(("band", "good_soft", name))

    def add_points(
        self,
        name: str,
        points: Sequence[ChartPoint],
        *,
        marker: str = "circle",
        colour_token: str = "primary",
        line: bool = True,
        breaks: Sequence[int] = (),
    ) -> None:
        """A series of points (joined by a line unless ``line`` is False), each with its
        tooltip; ``marker`` is "circle" (practice runs) or "diamond" (real interviews).
        ``breaks``: indices of points the line does not reach from the point before (runs
        without the figure lie between them: a gap, not a line across it)."""
        colour = design.colour(colour_token)
        xy = [QPointF(p.x, p.y) for p in points]
        edges = [0, *sorted(b for b in breaks if 0 < b < len(xy)), len(xy)]
        for start, end in itertools.pairwise(edges):
            if line and end - start > 1:
                joined = QLineSeries()
                joined.setName(name)
                joined.setPen(QPen(colour, 2))
                joined.append(xy[start:end])  # one call, not one per point
                self._attach(joined)
        dots = QScatterSeries()
        dots.setName(name)
        dots.setMarkerShape(MARKERS[marker])
        size = 9.0 if len(points) <= 60 else 5.0
        dots.setMarkerSize(size + 4.0 if marker == "diamond" else size)  # a diamond looks smaller
        dots.setColor(colour)
        dots.setBorderColor(design.colour("surface"))
        dots.append(xy)
        self._attach(dots)
        dots.hovered.connect(lambda point, state, n=name: self._on_series_hovered(n, point, state))
        self.drawn[name] = [(p.x, p.y) for p in points]
        self.tips[name] = [p.tip for p in points]
        self.legend_entries.append((marker, colour_token, name))

    def add_baseline(
        self, points: Sequence[tuple[float, float]], *, name: str = BASELINE_NAME
    ) -> None:
        """The user's rolling baseline, dashed in the muted text colour."""
        base = QLineSeries()
        base.setName(name)
        pen = QPen(design.colour("text_muted"), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        base.setPen(pen)
        base.append([QPointF(x, y) for x, y in points])
        self._attach(base)
        self.drawn["baseline"] = list(points)
        if len(points) > 1:  # one point draws no line: nothing to explain yet
            self.legend_entries.append(("dashed", "text_muted", name))

    def _attach(self, series: QXYSeries | QAreaSeries) -> None:
        chart = self.chart()
        chart.addSeries(series)
        axes: tuple[QAbstractAxis, ...] = (self.x_axis, self.y_axis)
        for axis in axes:
            series.attachAxis(axis)

    # --- look ----------------------------------------------------------------------------
    def _paint_chart(self) -> None:
        chart = self.chart()
        surface = design.colour("surface")
        chart.setBackgroundBrush(QBrush(surface))
        chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        self.setBackgroundBrush(QBrush(surface))
        small = QFont(self.font())
        small.setPointSizeF(design.tokens(design.current_theme()).type["caption"])
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsFont(small)
            axis.setTitleFont(small)
            axis.setLabelsColor(design.colour("text_muted"))
            axis.setTitleBrush(QBrush(design.colour("text_muted")))
            axis.setGridLineColor(design.colour("border"))
            axis.setLinePenColor(design.colour("control_border"))
            axis.setMinorGridLineVisible(False)

    def legend_html(self) -> str:
        """The legend as words with coloured marks (drawn above the chart by ChartCard)."""
        parts = []
        for kind, token, name in self.legend_entries:
            colour = design.hex_colour(token)
            if kind == "band":
                mark = f'<span style="background-color:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
            elif kind == "dashed":
                mark = f'<span style="color:{colour}"><b>- - -</b></span>'
            else:
                mark = f'<span style="color:{colour}">{_LEGEND_MARK[kind]}</span>'
            parts.append(f"{mark}&nbsp;{html.escape(name)}")
        return "&nbsp;&nbsp;&nbsp; ".join(parts)

    # --- hover ---------------------------------------------------------------------------
    def tip_at(self, name: str, x: float) -> str:
        """The tooltip of the point of series ``name`` nearest to ``x``."""
        xs = [p[0] for p in self.drawn.get(name, [])]
        if not xs:
            return ""
        i = bisect.bisect_left(xs, x)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(xs)]
        nearest = min(candidates, key=lambda j: math.fabs(xs[j] - x))
        return self.tips[name][nearest]

    def _on_series_hovered(self, name: str, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        self.last_tip = self.tip_at(name, point.x())
        QToolTip.showText(QCursor.pos(), self.last_tip, self)


class ChartCard(widgets.Card):
    """A card with the chart's title, its legend in words, and the chart."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent=parent)
        self.legend = QLabel()
        self.legend.setObjectName("caption")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.empty = widgets.hint()
        self.empty.hide()
        self.chart = ChartView()
        self.chart.setAccessibleName(title)
        self.body.addWidget(self.legend)
        self.body.addWidget(self.chart, 1)
        self.body.addWidget(self.empty)

    def finish(self, description: str) -> None:
        """Show the legend of what was drawn; ``description`` is the chart in one sentence."""
        self.legend.setText(self.chart.legend_html())
        self.chart.setAccessibleDescription(description)
        has_data = any(self.chart.drawn.get(name) for _, _, name in self.chart.legend_entries)
        self.chart.setVisible(has_data)
        self.legend.setVisible(has_data)
        self.empty.setVisible(not has_data)
        self.empty.setText(description)
