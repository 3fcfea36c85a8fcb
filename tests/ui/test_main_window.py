"""The main window opens on the bank list that the first start seeded."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from greenroom.cli_commands import open_store
from greenroom.paths import AppPaths
from greenroom.settings import Settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.main_window import MainWindow
from greenroom.ui.tasks import InlineTaskRunner, TaskRunner


def _fail(exc: BaseException) -> None:
    raise AssertionError(f"unexpected error shown to the user: {exc}")


def test_window_lists_builtin_banks_and_their_questions(qtbot: QtBot, app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.banks_page
    assert page.bank_list.count() >= 8
    titles = [page.bank_list.item(i).text() for i in range(page.bank_list.count())]
    assert any(t.startswith("Openers") for t in titles)
    page.bank_list.setCurrentRow(titles.index(next(t for t in titles if t.startswith("Openers"))))
    assert page.bank_title.text().startswith("Openers")
    assert page.questions.rowCount() >= 20
    assert page.questions.item(0, 0).text() == "Tell me about yourself."
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
