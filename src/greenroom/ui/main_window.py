"""The main window: a navigation list and one page per screen.

Pages take the AppContext and may define ``refresh()``, called when they are shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.context import AppContext
from greenroom.ui.first_run import FirstRunBanner
from greenroom.ui.history.audio_files import apply_retention
from greenroom.ui.history.dashboard_page import DashboardPage
from greenroom.ui.history.history_page import HistoryPage
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.services import real_services, shutdown
from greenroom.ui.settings_page import SettingsPage


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, services: PracticeServices | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.services = services or real_services(ctx)
        self.setWindowTitle("Greenroom")
        self.resize(1180, 780)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Screens")
        self.nav.setFixedWidth(170)
        self.pages = QStackedWidget()
        self.practice_page = PracticePage(ctx, self.services)
        self.history_page = HistoryPage(ctx)
        self.dashboard_page = DashboardPage(ctx)
        self.banks_page = BanksPage(ctx)
        self.settings_page = SettingsPage(
            ctx,
            voice=self.services.voice,
            microphone=self.services.microphone,
            model=self.services.model,
        )
        for title, page in self._build_pages():
            self._add_page(title, page)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.first_run = FirstRunBanner()
        self.first_run.setVisible(not ctx.settings.current.first_run_done)
        self.first_run.dismissed.connect(lambda: ctx.settings.update(first_run_done=True))
        right = QVBoxLayout()
        right.addWidget(self.first_run)
        right.addWidget(self.pages, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            f"Data folder: {ctx.paths.data} · everything stays on this computer"
        )
        self.nav.setCurrentRow(0)
        self._apply_retention()

    def _apply_retention(self) -> None:
        """Delete recordings older than the user's retention setting (never the transcripts)."""
        days = self.ctx.settings.current.keep_audio_days
        if days is None:
            return
        engine, data, now = self.ctx.engine, self.ctx.paths.data, datetime.now(UTC)
        self.ctx.tasks.run(lambda: apply_retention(engine, data, days, now=now), write=True)

    def _build_pages(self) -> list[tuple[str, QWidget]]:
        return [
            ("Practice", self.practice_page),
            ("Banks", self.banks_page),
            ("Settings", self.settings_page),
        ]

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

    def closeEvent(self, event: QCloseEvent) -> None:
        # Finished answers are already committed; a session left open shows as interrupted.
        if self.practice_page.controller.session is not None:
            self.practice_page.controller.abandon()
        shutdown(self.services)
        super().closeEvent(event)
