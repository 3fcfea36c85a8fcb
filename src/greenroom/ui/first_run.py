"""What Greenroom is, in three lines, shown until the user says they have read it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

TEXT = (
    "<b>Welcome to Greenroom.</b> Run mock interviews, answer out loud, and get feedback on "
    "how you speak.<br>Each run is timed and saved, so you can watch your nerves fall and your "
    "composure rise.<br>Everything stays on this computer: recordings, transcripts and notes."
)


class FirstRunBanner(QFrame):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("softCard")
        text = QLabel(TEXT)
        text.setWordWrap(True)
        ok = QPushButton("Got it")
        ok.setToolTip("Hide this welcome; it will not come back")
        ok.clicked.connect(self._on_ok_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(ok)

    def _on_ok_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()
