"""The main window: a navigation list and one page per screen."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget
from sqlalchemy import Engine

from greenroom.paths import AppPaths
from greenroom.ui.banks_page import BanksPage
from greenroom.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, paths: AppPaths, tasks: TaskRunner) -> None:
        super().__init__()
        self.setWindowTitle("Greenroom")
        self.resize(1100, 720)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Screens")
        self.nav.setFixedWidth(160)
        self.pages = QStackedWidget()
        self.banks_page = BanksPage(engine, tasks)
        self._add_page("Banks", self.banks_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            f"Data folder: {paths.data} · everything stays on this computer"
        )
        self.banks_page.refresh()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)
