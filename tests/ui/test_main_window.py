"""The main window opens on the bank list that the first start seeded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings, load_settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.main_window import MainWindow
from greenroom.ui.practice.practice_page import PracticeServices
from greenroom.ui.speech_model import SpeechModel
from greenroom.ui.tasks import InlineTaskRunner, TaskRunner
from greenroom.ui.theme import apply_theme
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice


def _fail(exc: BaseException) -> None:
    raise AssertionError(f"unexpected error shown to the user: {exc}")


def _window(qtbot: QtBot, app_paths: AppPaths, settings: Settings | None = None) -> MainWindow:
    db = open_store(app_paths)
    tasks = InlineTaskRunner(_fail)
    store = SettingsStore(settings or Settings(), app_paths.settings_file)
    ctx = AppContext(db.engine, app_paths, tasks, store)
    services = PracticeServices(
        FakeMicrophone(), FakeVoice(), SpeechModel(tasks, app_paths.models), FakeClock()
    )
    window = MainWindow(ctx, services)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_screens_and_first_start_explanation(qtbot: QtBot, app_paths: AppPaths) -> None:
    window = _window(qtbot, app_paths)
    assert [window.nav.item(i).text() for i in range(window.nav.count())][:1] == ["Practice"]
    assert {"Banks", "Settings"} <= {window.nav.item(i).text() for i in range(window.nav.count())}
    assert window.pages.currentWidget() is window.practice_page
    assert (
        window.first_run.isVisible()
        and "stays on this computer" in window.first_run.findChild(QLabel).text()
    )
    window.first_run.findChild(QPushButton).click()
    assert not window.first_run.isVisible()
    assert load_settings(app_paths.settings_file).first_run_done  # not shown again next start
    again = _window(qtbot, app_paths, load_settings(app_paths.settings_file))
    assert not again.first_run.isVisible()


def test_ctrl_number_switches_screens(qtbot: QtBot, app_paths: AppPaths) -> None:
    window = _window(qtbot, app_paths)
    index = [window.nav.item(i).text() for i in range(window.nav.count())].index("Banks")
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1.value + index), Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.banks_page
    assert str(app_paths.data) in window.statusBar().currentMessage()


def test_real_task_runner_delivers_results_and_errors_on_the_gui_thread(qtbot: QtBot) -> None:
    from PySide6.QtCore import QThread

    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    results: list[tuple[int, bool]] = []
    gui_thread = QThread.currentThread()
    with qtbot.waitCallback() as done:
        runner.run(
            lambda: 6 * 7,
            lambda r: (results.append((r, QThread.currentThread() is gui_thread)), done()),
        )
    assert results == [(42, True)]

    def boom() -> None:
        raise ValueError("disk on fire")

    qtbot.waitUntil(lambda: True)
    runner.run(boom)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValueError)
    assert runner.wait()


def _start_a_run(qtbot: QtBot, window: MainWindow) -> None:
    page = window.practice_page
    qtbot.waitUntil(lambda: page.setup.banks.count() > 0)
    qtbot.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.nerves_before)
    qtbot.mouseClick(page.nerves_before.skip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.controller.session is not None)


def test_ctrl_q_quits_and_asks_first_during_a_run(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch
) -> None:
    """Closing mid-run quit without asking; Ctrl+Q did nothing."""
    from greenroom.core.session import SessionStatus
    from greenroom.store import sessions_repo

    window = _window(qtbot, app_paths)
    window.practice_page.refresh()
    _start_a_run(qtbot, window)
    asked: list[bool] = []
    monkeypatch.setattr(window, "confirm_quit", lambda: asked.append(True) or False)
    qtbot.keyClick(window.practice_page.question, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True] and window.isVisible()  # "No": the run goes on
    assert window.practice_page.controller.session is not None
    monkeypatch.setattr(window, "confirm_quit", lambda: True)
    qtbot.keyClick(window.practice_page.question, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    window.ctx.tasks.wait()
    [session] = sessions_repo.list_sessions(window.ctx.engine)
    assert session.status is SessionStatus.INTERRUPTED


def test_ctrl_q_quits_at_once_between_runs(qtbot: QtBot, app_paths: AppPaths, monkeypatch) -> None:
    window = _window(qtbot, app_paths)
    monkeypatch.setattr(window, "confirm_quit", lambda: pytest.fail("nothing to lose: no question"))
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_interviews_has_its_own_screen_and_shortcut(qtbot: QtBot, app_paths: AppPaths) -> None:
    window = _window(qtbot, app_paths)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Practice", "History", "Progress", "Interviews", "Banks", "Settings"]
    assert "Interviews" in window.nav.accessibleDescription()
    assert f"Ctrl+{len(titles)}" in window.nav.accessibleDescription()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.interviews_page
    assert window.interviews_page.isVisible()


def test_every_screen_fits_half_a_1920_px_screen(qtbot: QtBot, app_paths: AppPaths) -> None:
    # Snapped to half of a 1920 px screen (the job advert on the other half), or on a small
    # laptop, the window is 960 px wide: it must not ask for more, whichever screen it may have
    # to show (Qt sizes the window for the widest page of each stack, shown or not). Rows of
    # buttons and filters wrap (widgets.FlowRow); before, the practice screen's buttons alone
    # made the window at least 1178 px wide, and History 1268. Measured with the app's own
    # style sheet.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    window = _window(qtbot, app_paths)
    page = window.practice_page
    for i in range(page.stack.count()):
        page.stack.setCurrentIndex(i)
        assert window.minimumSizeHint().width() <= 960, type(page.stack.widget(i)).__name__
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)  # builds a screen the first time it is opened
        assert window.minimumSizeHint().width() <= 960, window.nav.item(i).text()


def test_the_run_going_on_is_marked_in_history_and_cannot_be_deleted(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    """Seen in the app: the run going on was listed like a finished one with 0 answers, and
    its Delete button deleted the session the next answer was about to be saved to."""
    from greenroom.core.errors import StorageError
    from greenroom.store import history_repo
    from greenroom.ui.history.history_page import HistoryPage

    window = _window(qtbot, app_paths)
    window.practice_page.refresh()
    _start_a_run(qtbot, window)
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    window.nav.setCurrentRow(names.index("History"))
    history = window.pages.currentWidget()
    assert isinstance(history, HistoryPage)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    row = history.model.index(0, 0)
    assert history.model.index(0, 3).data() == "0 so far"  # the Answers column
    assert "going on now" in row.data(Qt.ItemDataRole.ToolTipRole)
    history.table.activated.emit(row)
    detail = history.detail
    qtbot.waitUntil(lambda: detail.session is not None)
    assert "in progress" in detail.summary.text()
    assert not detail.delete.isEnabled()
    assert "end it on the Practice screen" in detail.delete.toolTip()
    sid = detail.session.id
    with pytest.raises(StorageError, match="going on now"):
        history_repo.delete_session(window.ctx.engine, sid)
    # Once the run has ended it can be deleted as any other.
    window.practice_page.controller.abandon()
    window.ctx.tasks.wait()
    history.open_session(sid)
    qtbot.waitUntil(lambda: detail.session is not None and detail.delete.isEnabled())
    assert "in progress" not in detail.summary.text()


def test_the_first_screen_fits_the_window_under_the_welcome(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # The first thing a new user sees, at the window's own size: the welcome, the coach's card
    # and the set-up, without a scroll bar (a note under the card once added one).
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    window = _window(qtbot, app_paths)
    setup = window.practice_page.setup
    qtbot.waitUntil(lambda: setup.coach.isVisible() and setup.banks.count() > 0)
    assert window.first_run.isVisible() and window.size().height() == 780
    scroll = setup.findChild(QScrollArea)
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.widget().height() > 0)
    assert not scroll.verticalScrollBar().isVisible()
