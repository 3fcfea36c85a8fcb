"""The first window a user sees, while the database opens and the screens are built.

Imports nothing but Qt: its whole point is to appear at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget


class StartupWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Greenroom")
        self.resize(1180, 780)
        title = QLabel("Greenroom")
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel("Opening your practice room…")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addStretch(1)
        self.setCentralWidget(body)
