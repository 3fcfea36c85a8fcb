"""The main window: a navigation list and one page per screen.

Pages are built by ``pages()``; each takes the AppContext and may define ``refresh()``, called
when it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from greenroom.ui.banks_page import BanksPage
from greenroom.ui.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Greenroom")
        self.resize(1180, 760)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Screens")
        self.nav.setFixedWidth(170)
        self.pages = QStackedWidget()
        self.banks_page = BanksPage(ctx)
        for title, page in self._build_pages():
            self._add_page(title, page)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            f"Data folder: {ctx.paths.data} · everything stays on this computer"
        )
        self.nav.setCurrentRow(0)

    def _build_pages(self) -> list[tuple[str, QWidget]]:
        return [("Banks", self.banks_page)]

    def _add_page(self, title: str, page: QWidget) -> None:
        index = self.nav.count()
        self.nav.addItem(title)
        self.pages.addWidget(page)
        shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
        shortcut.activated.connect(lambda i=index: self.nav.setCurrentRow(i))

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def _on_nav_current_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        refresh = getattr(self.pages.widget(row), "refresh", None)
        if callable(refresh):
            refresh()
