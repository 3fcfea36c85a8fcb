"""The main window: a navigation list and one page per screen.

Only the Practice screen is built at start; the others (and their modules) are built the first
time they are shown, which keeps start-up short. Pages take the AppContext and may define
``refresh()``, called whenever they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from greenroom.ui.context import AppContext
from greenroom.ui.first_run import FirstRunBanner
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.services import real_services, shutdown

PageFactory = Callable[[], QWidget]


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
        self.nav.setAccessibleDescription(
            "Practice, History, Progress, Interviews, Banks, Settings (Ctrl+1 to Ctrl+6)"
        )
        self.nav.setFixedWidth(170)
        self.pages = QStackedWidget()
        self._factories: dict[int, PageFactory] = {}
        self.practice_page = PracticePage(ctx, self.services)
        self._add_page("Practice", self.practice_page)
        for title, factory in self._lazy_pages():
            self._add_page(title, None, factory)
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
        quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)
        quit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_shortcut.activated.connect(self.close)
        self._apply_retention()

    def _lazy_pages(self) -> list[tuple[str, PageFactory]]:
        def history() -> QWidget:
            from greenroom.ui.history.history_page import HistoryPage

            return HistoryPage(self.ctx)

        def progress() -> QWidget:
            from greenroom.ui.history.dashboard_page import DashboardPage

            return DashboardPage(self.ctx)

        def interviews() -> QWidget:
            from greenroom.ui.interviews.interviews_page import InterviewsPage

            return InterviewsPage(self.ctx)

        def banks() -> QWidget:
            from greenroom.ui.banks.banks_page import BanksPage

            return BanksPage(self.ctx)

        def settings() -> QWidget:
            from greenroom.ui.settings_page import SettingsPage

            s = self.services
            return SettingsPage(self.ctx, voice=s.voice, microphone=s.microphone, model=s.model)

        return [
            ("History", history),
            ("Progress", progress),
            ("Interviews", interviews),
            ("Banks", banks),
            ("Settings", settings),
        ]

    def _add_page(
        self, title: str, page: QWidget | None, factory: PageFactory | None = None
    ) -> None:
        index = self.nav.count()
        self.nav.addItem(title)
        self.pages.addWidget(page or QWidget())
        if factory is not None:
            self._factories[index] = factory
        shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
        shortcut.activated.connect(lambda i=index: self.nav.setCurrentRow(i))

    def page(self, title: str) -> QWidget:
        """The screen called ``title``, built now if it has not been shown yet."""
        index = next(i for i in range(self.nav.count()) if self.nav.item(i).text() == title)
        factory = self._factories.pop(index, None)
        if factory is not None:
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, factory())
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
        page = self.pages.widget(index)
        assert page is not None
        return page

    @property
    def history_page(self) -> QWidget:
        return self.page("History")

    @property
    def dashboard_page(self) -> QWidget:
        return self.page("Progress")

    @property
    def interviews_page(self) -> QWidget:
        return self.page("Interviews")

    @property
    def banks_page(self) -> QWidget:
        return self.page("Banks")

    @property
    def settings_page(self) -> QWidget:
        return self.page("Settings")

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def _on_nav_current_row_changed(self, row: int) -> None:
        page = self.page(self.nav.item(row).text())
        self.pages.setCurrentIndex(row)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _apply_retention(self) -> None:
        """Delete recordings older than the user's retention setting (never the transcripts)."""
        days = self.ctx.settings.current.keep_audio_days
        if days is None:
            return
        from greenroom.ui.history.audio_files import apply_retention

        engine, data, now = self.ctx.engine, self.ctx.paths.data, datetime.now(UTC)
        self.ctx.tasks.run(lambda: apply_retention(engine, data, days, now=now), write=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Finished answers are already committed; a session left open shows as interrupted.
        controller = self.practice_page.controller
        if controller.in_progress:
            if not self.confirm_quit():
                event.ignore()
                return
            controller.abandon()
        self.practice_page.recorder.shutdown()
        shutdown(self.services)
        super().closeEvent(event)

    def confirm_quit(self) -> bool:
        """Asked when quitting in the middle of a test run."""
        answer = QMessageBox.question(
            self,
            "Quit Greenroom?",
            "You are in the middle of a test run. Answers you have finished are saved; the one "
            "you are giving now is not. Quit now?",
        )
        return answer == QMessageBox.StandardButton.Yes
