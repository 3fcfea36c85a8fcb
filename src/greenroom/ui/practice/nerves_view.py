"""The 0-100 self-reports before and after a session (Subjective Units of Distress)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

WHY = (
    "We ask so you can see your nerves fall over repeated runs: your own numbers, "
    "stored only on this computer."
)


class _Scale(QWidget):
    def __init__(self, question: str, low: str, high: str, value: int) -> None:
        super().__init__()
        self.label = QLabel(question)
        self.label.setObjectName("questionText")
        self.label.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(value)
        self.slider.setPageStep(10)
        self.slider.setAccessibleName(question)
        self.value = QLabel(str(value))
        self.value.setObjectName("bigTimer")
        self.value.setMinimumWidth(120)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slider.valueChanged.connect(lambda v: self.value.setText(str(v)))
        ends = QHBoxLayout()
        ends.addWidget(QLabel(low))
        ends.addStretch(1)
        ends.addWidget(QLabel(high))
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addLayout(ends)


class NervesView(QWidget):
    """Before: nerves only; after: nerves and confidence. Emits ``submitted``."""

    submitted = Signal(int, int)  # confidence is -1 when not asked

    def __init__(self, *, after: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.after = after
        title = QLabel("How did that feel?" if after else "Before you start")
        title.setObjectName("pageTitle")
        self.nerves = _Scale(
            "How nervous do you feel now?" if after else "How nervous do you feel right now?",
            "0 calm",
            "100 the most anxious you can imagine",
            50,
        )
        self.confidence = _Scale(
            "How confident do you feel about interviews now?", "0 not at all", "100 completely", 50
        )
        self.confidence.setVisible(after)
        why = QLabel(WHY)
        why.setObjectName("hint")
        why.setWordWrap(True)
        self.go = QPushButton("See my summary" if after else "Start")
        self.go.setDefault(True)
        self.go.clicked.connect(self._on_go_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.nerves)
        layout.addWidget(self.confidence)
        layout.addWidget(why)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.go)
        layout.addLayout(row)

    def reset(self, nerves: int = 50) -> None:
        self.nerves.slider.setValue(nerves)
        self.confidence.slider.setValue(50)
        self.nerves.slider.setFocus()

    def _on_go_clicked(self) -> None:
        confidence = self.confidence.slider.value() if self.after else -1
        self.submitted.emit(self.nerves.slider.value(), confidence)
