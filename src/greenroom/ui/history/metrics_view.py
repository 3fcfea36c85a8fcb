"""An answer's figures against their bands, and the feedback on it."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from greenroom.analysis import bands
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.ui import design

# The rating's colour token: calm names and colours for the bands (docs/design.md).
RATING_TOKENS = {"green": "good", "amber": "near", "red": "work"}
SHOWN = (
    "first_word_latency",
    "speaking_rate",
    "fillers_per_minute",
    "fillers_per_100_words",
    "very_long_pauses",
    "hedges",
    "duration",
    "star_score",
    "key_point_coverage",
)


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    band = bands.BANDS.get(key)
    unit = band.unit if band else ""
    if unit == "%":
        return f"{value * 100:.0f} %" if value <= 1 else f"{value:.0f} %"
    digits = (
        1 if key in ("first_word_latency", "fillers_per_minute", "fillers_per_100_words") else 0
    )
    return f"{value:.{digits}f} {unit}".strip()


def band_text(key: str, band: bands.Band | None = None) -> str:
    band = band or bands.BANDS.get(key)
    if band is None or band.green is None:
        return "no band"
    lo, hi = band.green
    if lo == 0 or lo == -bands.INF:
        return f"≤ {hi:g}"
    if hi == bands.INF:
        return f"≥ {lo:g}"
    return f"{lo:g}–{hi:g}"


class MetricsView(QTableWidget):
    """Figure, value, green band and the rating, coloured; the definition is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Figure", "Value", "Comfortable range"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.ratings: dict[str, str] = {}

    def show_metrics(self, metrics: AnswerMetrics | None) -> None:
        values = metrics.values() if metrics else {}
        rows = [(k, metrics.band(k)) for k in SHOWN if values.get(k) is not None] if metrics else []
        self.setRowCount(len(rows))
        self.ratings = {}
        for row, (key, band) in enumerate(rows):
            value = values[key]
            rating = bands.rate(key, value, band=band)
            self.ratings[key] = rating
            cells = (band.label, format_value(key, value), band_text(key, band))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(band.definition)
                if col == 1 and rating in RATING_TOKENS:
                    item.setForeground(QBrush(design.colour(RATING_TOKENS[rating])))
                    item.setText(f"● {text}")
                self.setItem(row, col, item)
