"""How long recordings are kept: forever, N days, or never (transcripts and figures stay)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

FOREVER, DAYS, NEVER = 0, 1, 2


class RetentionView(QWidget):
    """Emits ``changed`` with keep_audio_days: None (forever), 0 (never) or N days."""

    changed = Signal(object)

    def __init__(self, keep_audio_days: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.addItems(["forever", "for", "never"])
        self.choice.setToolTip(
            "Recordings older than this are deleted; transcripts and figures are kept."
        )
        self.choice.setAccessibleName("Keep recordings")
        self.choice.setAccessibleDescription(
            "Recordings older than this are deleted; transcripts and figures are kept."
        )
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Days to keep recordings")
        self.days.setToolTip("Recordings older than this many days are deleted")
        self.days.setAccessibleDescription("Recordings older than this many days are deleted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Keep recordings"))
        layout.addWidget(self.choice)
        layout.addWidget(self.days)
        self.set_value(keep_audio_days)
        self.choice.activated.connect(self._on_choice_activated)
        self.days.editingFinished.connect(self._on_days_editing_finished)

    def set_value(self, keep_audio_days: int | None) -> None:
        if keep_audio_days is None:
            self.choice.setCurrentIndex(FOREVER)
        elif keep_audio_days <= 0:
            self.choice.setCurrentIndex(NEVER)
        else:
            self.choice.setCurrentIndex(DAYS)
            self.days.setValue(keep_audio_days)
        self.days.setVisible(self.choice.currentIndex() == DAYS)
        if keep_audio_days is None or keep_audio_days <= 0:
            self.days.setValue(90)

    def value(self) -> int | None:
        index = self.choice.currentIndex()
        return None if index == FOREVER else 0 if index == NEVER else self.days.value()

    def _on_choice_activated(self, _index: int) -> None:
        self.days.setVisible(self.choice.currentIndex() == DAYS)
        self.changed.emit(self.value())

    def _on_days_editing_finished(self) -> None:
        if self.choice.currentIndex() == DAYS:
            self.changed.emit(self.value())
