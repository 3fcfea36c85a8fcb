"""Metrics against their bands, with each definition as a tooltip (shown to the user)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from greenroom.analysis import bands

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
    "job_coverage",
)
RATING_COLOR = {"green": "#2e7d5a", "amber": "#b7791f", "red": "#b3412f"}
RATING_WORD = {"green": "in band", "amber": "watch", "red": "work on", "none": ""}


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    band = bands.BANDS.get(key)
    unit = band.unit if band else ""
    if key in ("key_point_coverage", "job_coverage"):
        return f"{value * 100:.0f}%"
    if unit == "s":
        return f"{value:.1f} s"
    shown = f"{value:.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"
    return f"{shown} {unit}".strip()


class MetricsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Measure", "This answer", "Band"])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName("Delivery measures against their bands")

    def show_values(self, values: dict[str, float | None]) -> None:
        keys = [k for k in SHOWN if k in values and (values[k] is not None or k != "job_coverage")]
        self.setRowCount(len(keys))
        for row, key in enumerate(keys):
            band = bands.BANDS.get(key)
            label = QTableWidgetItem(band.label if band else key)
            if band:
                label.setToolTip(band.definition)
            rating = bands.rate(key, values[key])
            verdict = QTableWidgetItem(RATING_WORD.get(rating, ""))
            if rating in RATING_COLOR:
                verdict.setForeground(QColor(RATING_COLOR[rating]))
            for col, item in enumerate(
                (label, QTableWidgetItem(format_value(key, values[key])), verdict)
            ):
                self.setItem(row, col, item)
        self.resizeRowsToContents()
