"""A measure shown as a place on a calm band, with the value in words underneath.

The bar has three zones in soft tints (to practise, nearly there, comfortable, in the order the
band runs), and a marker at the value. It is drawn from the band itself (analysis/bands.py),
so a band re-centred on the user's baseline draws re-centred.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from greenroom.analysis import bands
from greenroom.analysis.plain_words import describe, zone
from greenroom.ui import design

_ZONE_FILL = {"comfortable": "good_soft", "nearly there": "near_soft", "to practise": "work_soft"}
_ZONE_INK = {"comfortable": "good", "nearly there": "near", "to practise": "work"}


def scale_for(band: bands.Band, value: float | None) -> tuple[float, float]:
    """The stretch of values the bar shows: the amber range with room either side."""
    assert band.green is not None and band.amber is not None
    lo, hi = band.amber
    width = band.green[1] - band.green[0] if math.isfinite(band.green[1]) else 0.0
    margin = max(width, (band.amber[1] - band.amber[0]) if math.isfinite(band.amber[1]) else 0)
    lo = lo - margin * 0.5 if math.isfinite(lo) and lo > 0 else max(0.0, lo)
    # An open-ended band ("4 or more") shows a little past where comfortable begins.
    hi = hi + margin * 0.5 if math.isfinite(hi) else max(band.green[0] * 1.6, band.green[0] + 2)
    if band.unit == "%":  # a share cannot pass 0 or 100 %: the bar ends there
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    if value is not None and math.isfinite(value):
        lo, hi = min(lo, value), max(hi, value)
    return lo, hi if hi > lo else lo + 1


class _Bar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band: bands.Band | None = None
        self.value: float | None = None
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(220, 22)

    def paintEvent(self, _event: QPaintEvent) -> None:
        band = self.band
        if band is None or band.green is None or band.amber is None:
            return
        lo, hi = scale_for(band, self.value)
        area = QRectF(self.rect()).adjusted(7, 6, -7, -6)

        def x(v: float) -> float:
            v = min(max(v, lo), hi)
            return area.left() + (v - lo) / (hi - lo) * area.width()

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = QPainterPath()
        clip.addRoundedRect(area, area.height() / 2, area.height() / 2)
        painter.setClipPath(clip)
        painter.fillRect(area, design.colour("work_soft"))
        for (start, end), tint in ((band.amber, "near_soft"), (band.green, "good_soft")):
            left, right = x(start), x(end)
            if right - left < area.height():  # a one-value zone ("no very long pause")
                right = left + area.height()
            zone_area = QRectF(left, area.top(), right - left, area.height())
            painter.fillRect(zone_area, design.colour(tint))
        painter.setClipping(False)
        if self.value is not None:
            name = zone(band.key, self.value, band) or "comfortable"
            centre = x(self.value)
            painter.setPen(QPen(design.colour("surface"), 2))
            painter.setBrush(design.colour(_ZONE_INK[name]))
            painter.drawEllipse(QRectF(centre - 7, area.center().y() - 7, 14, 14))
        painter.end()


class BandBar(QWidget):
    """Label, the band with a marker, and the value in words (its accessible description)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        band = bands.BANDS[key]
        self.label = QLabel(band.label)
        self.label.setToolTip(band.definition)
        self.bar = _Bar()
        self.words = QLabel()
        self.words.setObjectName("hint")
        self.words.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.words)
        self.setAccessibleName(band.label)

    def show_value(
        self, value: float | None, band: bands.Band | None = None, *, note: str = ""
    ) -> None:
        """The value on its band (default: the figure's own), in words; ``note`` says instead
        why there is no value."""
        self.bar.band = band or bands.BANDS[self.key]
        self.bar.value = value
        self.bar.setVisible(not note)  # empty zones would read as a value yet to come
        self.label.setToolTip(self.bar.band.definition)  # an answer's length: its question's
        text = note or describe(self.key, value, band)
        self.words.setText(text[0].upper() + text[1:])
        self.setAccessibleDescription(text)
        self.bar.setToolTip(text)
        self.bar.update()
