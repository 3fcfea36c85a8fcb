"""Nerves before and after a run as a picture: two bars on 0-100 and the change in words."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from greenroom.ui import design


def nerves_words(before: float | None, after: float | None) -> str:
    """The change in plain words (an unset rating is never compared)."""
    if before is None and after is None:
        return "You skipped the nerves ratings this time; that is fine."
    if before is None or after is None:
        known = "before" if before is not None else "after"
        value = before if before is not None else after
        return f"Your nerves {known} the run: {value:.0f} of 100 (the other was not rated)."
    drop = before - after
    if drop >= 5:
        return f"Your nerves went from {before:.0f} to {after:.0f}: down {drop:.0f}. Well done."
    if drop <= -5:
        return (
            f"Your nerves went from {before:.0f} to {after:.0f}: up {-drop:.0f}. That happens, "
            "especially early on; the next run usually feels easier."
        )
    return f"Your nerves stayed about the same ({before:.0f} to {after:.0f})."


class _Bars(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.before: float | None = None
        self.after: float | None = None
        self.setMinimumHeight(86)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(360, 86)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        # Columns as wide as their longest words, so "not rated" is never cut.
        label_width = metrics.horizontalAdvance("Before") + 16
        value_width = metrics.horizontalAdvance("not rated") + 12
        width = max(40.0, self.width() - label_width - value_width)
        for row, (name, value, tone) in enumerate(
            (("Before", self.before, "work"), ("After", self.after, "primary"))
        ):
            top = 8 + row * 38
            painter.setPen(design.colour("text"))
            painter.setFont(font)
            painter.drawText(QRectF(0, top, label_width, 24), Qt.AlignmentFlag.AlignVCenter, name)
            track = QRectF(label_width, top + 4, width, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(design.colour("surface_alt"))
            painter.drawRoundedRect(track, 8, 8)
            if value is None:
                text = "not rated"
            else:
                bar = QRectF(track.left(), track.top(), max(16.0, width * value / 100), 16)
                painter.setBrush(design.colour(tone))
                painter.drawRoundedRect(bar, 8, 8)
                text = f"{value:.0f}"
            painter.setPen(design.colour("text"))
            painter.drawText(
                QRectF(track.right() + 8, top, value_width, 24), Qt.AlignmentFlag.AlignVCenter, text
            )
        painter.end()


class NervesPicture(QWidget):
    """Before and after as bars, with the change in words (also its accessible text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = _Bars()
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setObjectName("leadSentence")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.words)
        layout.addWidget(self.bars)
        self.setAccessibleName("Nerves before and after the run")

    def show_nerves(self, before: float | None, after: float | None) -> None:
        self.bars.before, self.bars.after = before, after
        text = nerves_words(before, after)
        self.words.setText(text)
        self.bars.setAccessibleDescription(text)
        self.bars.update()
