"""Bugs reach the user as a crash dialog with the traceback, and the log file keeps it."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from greenroom.app import install_crash_handler, log_file, setup_logging
from greenroom.paths import AppPaths
from greenroom.ui.crash_dialog import CrashReporter

# pytest-qt swaps sys.excepthook during each test to fail tests on Qt exceptions; these tests
# install Greenroom's own hooks instead, and put back whatever was there before.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def reporter(app_paths: AppPaths, qtbot: QtBot) -> Iterator[CrashReporter]:
    before = (sys.excepthook, threading.excepthook)
    root = logging.getLogger()
    handlers = list(root.handlers)
    setup_logging(app_paths)
    crash = install_crash_handler(app_paths)
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    assert (sys.excepthook, threading.excepthook) == before


def _raise_in_worker() -> None:
    def explode() -> None:
        raise RuntimeError("the disk answered in Klingon")

    worker = threading.Thread(target=explode, name="answer-saver")
    worker.start()
    worker.join()


def test_exception_in_a_worker_thread_shows_the_crash_dialog_with_the_traceback(
    reporter: CrashReporter, qtbot: QtBot, app_paths: AppPaths
) -> None:
    _raise_in_worker()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    text = reporter.dialog.text()
    summary, traceback_text = text.split("\n\n", 1)
    assert summary.startswith("Greenroom ") and "Python 3." in summary and "PySide6 6." in summary
    assert traceback_text.startswith("Traceback (most recent call last):")
    assert "in explode" in text
    assert text.rstrip().endswith("RuntimeError: the disk answered in Klingon")
    assert reporter.dialog.details.isReadOnly()
    assert reporter.dialog.windowTitle() == "Greenroom hit a bug"


def test_copy_details_puts_the_traceback_on_the_clipboard(
    reporter: CrashReporter, qtbot: QtBot
) -> None:
    _raise_in_worker()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    QApplication.clipboard().clear()
    qtbot.mouseClick(reporter.dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == reporter.dialog.text()
    assert "RuntimeError: the disk answered in Klingon" in copied


def test_the_log_file_gets_the_traceback(
    reporter: CrashReporter, qtbot: QtBot, app_paths: AppPaths
) -> None:
    _raise_in_worker()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file(app_paths).read_text(encoding="utf-8")
    assert "unexpected error in answer-saver" in logged
    assert "Traceback (most recent call last):" in logged
    assert "RuntimeError: the disk answered in Klingon" in logged


def test_gui_thread_exception_and_a_second_crash_share_one_dialog(
    reporter: CrashReporter, qtbot: QtBot
) -> None:
    try:
        {}["missing answer"]
    except KeyError:
        sys.excepthook(*sys.exc_info())  # what Qt does with an exception escaping a slot
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert "KeyError: 'missing answer'" in reporter.dialog.text()
    first = reporter.dialog
    _raise_in_worker()
    qtbot.waitUntil(lambda: "Klingon" in first.text())
    assert reporter.dialog is first
    assert len(reporter.reports) == 2


def test_task_runner_bugs_get_the_crash_dialog_but_user_errors_do_not(
    app_paths: AppPaths, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from greenroom.app import build_window
    from greenroom.core.errors import GreenroomError

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    running = build_window(app_paths)
    qtbot.addWidget(running.window)
    try:

        def bug() -> None:
            raise ZeroDivisionError("nerves / 0")

        def user_problem() -> None:
            raise GreenroomError("no microphone", fix="Plug one in")

        running.tasks.run(bug)
        qtbot.waitUntil(lambda: running.crash.dialog is not None)
        assert running.crash.dialog is not None
        assert "ZeroDivisionError: nerves / 0" in running.crash.dialog.text()
        assert "in bug" in running.crash.dialog.text()  # the worker's frames, not just a repr
        running.tasks.run(user_problem)
        qtbot.waitUntil(lambda: bool(warnings))
        assert warnings == ["no microphone. Plug one in"]
        assert len(running.crash.reports) == 1
    finally:
        if running.crash.dialog is not None:
            running.crash.dialog.close()
        running.close()
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "").startswith(str(app_paths.logs)):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_doctor_points_at_the_log_file_the_app_writes(app_paths: AppPaths) -> None:
    from greenroom.cli.doctor import check_data, format_checks

    before = format_checks(check_data(app_paths))
    target = setup_logging(app_paths)
    try:
        logging.getLogger("greenroom").warning("doctor test line")
        after = format_checks(check_data(app_paths))
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(target):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert f"Log file     {target} (written when the app first starts)" in before
    assert f"Log file     {target} (attach it to bug reports)" in after
    assert "doctor test line" in target.read_text(encoding="utf-8")


def _raise_repeatedly(times: int) -> None:
    def explode() -> None:
        raise ValueError("audio arrived after the answer was finished")

    for _ in range(times):  # the same line, the same fault, as a callback failing every poll
        worker = threading.Thread(target=explode, name="greenroom-capture")
        worker.start()
        worker.join()


def test_a_repeating_fault_gives_one_dialog_one_log_entry_and_never_reopens(
    reporter: CrashReporter, qtbot: QtBot, app_paths: AppPaths
) -> None:
    _raise_repeatedly(50)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "50 times" in dialog.windowTitle())
    assert dialog.text().count("Traceback") == 1
    assert len(reporter.reports) == 1
    dialog.close()
    _raise_repeatedly(5)
    qtbot.wait(300)
    assert not dialog.isVisible() and reporter.dialog is dialog  # closed means closed
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file(app_paths).read_text(encoding="utf-8")
    assert logged.count("Traceback (most recent call last):") == 1
    assert "has now happened 10 times" in logged
    assert logged.count("ValueError: audio arrived after the answer was finished") == 1


def test_a_different_fault_after_closing_shows_the_dialog_again(
    reporter: CrashReporter, qtbot: QtBot
) -> None:
    _raise_repeatedly(1)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    reporter.dialog.close()
    _raise_in_worker()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "Klingon" in reporter.dialog.text()


def test_the_dialog_does_not_take_the_keyboard_from_the_practice_screen(
    reporter: CrashReporter, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLineEdit

    screen = QLineEdit()
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.setFocus()
    reporter.parent_window = screen
    _raise_in_worker()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    qtbot.wait(200)
    assert QApplication.activeWindow() is screen
    qtbot.keyClicks(QApplication.focusWidget(), "go on")
    assert screen.text() == "go on"
