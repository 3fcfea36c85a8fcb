"""Privacy: a whole default session opens no network connection, and logs hold no transcript.

Sockets are blocked for the whole test: every connect, connect_ex, create_connection and name
lookup is recorded and refused. Online engines warning before use is covered by
tests/ui/test_settings_page.py::test_choosing_an_online_engine_asks_first_and_can_be_declined;
"Delete all my data" by test_delete_data.py.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from greenroom.app import setup_logging
from greenroom.core.session import Mode
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.store import sessions_repo
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.main_window import MainWindow
from greenroom.ui.practice.practice_page import PracticeServices
from greenroom.ui.speech_model import SpeechModel
from greenroom.ui.tasks import TaskRunner
from support.audio_data import clip
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"network blocked by test_privacy: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts


def _wait(qtbot: QtBot, condition: Any) -> None:
    qtbot.waitUntil(condition, timeout=60_000)


@pytest.fixture
def log_path(app_paths: AppPaths) -> Iterator[Path]:
    """The app's own log file set-up, removed again so later tests do not write to it."""
    path = setup_logging(app_paths)
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_a_full_default_session_opens_no_connection_and_logs_no_words(
    qtbot: QtBot, app_paths: AppPaths, network_attempts: list[str], log_path: Path
) -> None:
    errors: list[BaseException] = []
    db = open_store(app_paths)
    tasks = TaskRunner(errors.append)
    ctx = AppContext(
        db.engine, app_paths, tasks, SettingsStore(Settings(), app_paths.settings_file)
    )
    model = SpeechModel(tasks, app_paths.models)
    mic, clock = FakeMicrophone(), FakeClock()
    window = MainWindow(ctx, PracticeServices(mic, FakeVoice(), model, clock))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    page = window.practice_page
    _wait(qtbot, lambda: model.engine is not None)  # the default engine, loaded as the app does
    assert isinstance(model.engine, WhisperEngine)
    _wait(qtbot, lambda: page.setup.banks.count() > 0)
    for i in range(page.setup.banks.count()):
        item = page.setup.banks.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) == "openers"
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    page.setup.mode_buttons[Mode.WARM_UP].setChecked(True)
    page.setup.count.setValue(2)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, lambda: page.stack.currentWidget() is page.nerves_before)
    QTest.mouseClick(page.nerves_before.skip, Qt.MouseButton.LeftButton)
    for name in ("jfk", "ds_arctic_a0024"):
        _wait(qtbot, lambda: page.stack.currentWidget() is page.question)
        page.controller.primary_action()
        _wait(qtbot, lambda: mic.recording)
        mic.speak(clip(name))
        page.controller.primary_action()
        _wait(qtbot, lambda: page.stack.currentWidget() is page.review)
        QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    _wait(qtbot, lambda: page.stack.currentWidget() is page.nerves_after)
    QTest.mouseClick(page.nerves_after.skip, Qt.MouseButton.LeftButton)
    _wait(qtbot, lambda: page.stack.currentWidget() is page.summary)
    window.show_page(window.settings_page)  # the Settings screen too
    window.show_page(window.banks_page)
    tasks.wait()
    assert not errors
    assert network_attempts == []

    [listed] = sessions_repo.list_sessions(db.engine)
    answers = sessions_repo.get_session(db.engine, listed.id).answers
    assert len(answers) == 2 and all(len(a.transcript.split()) >= 5 for a in answers)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8").lower()
    assert logged  # something was logged, so the check below can fail
    for answer in answers:
        words = [w.strip(".,?!").lower() for w in answer.transcript.split()]
        for k in range(len(words) - 2):
            assert " ".join(words[k : k + 3]) not in logged, "a transcript reached the log"
    window.close()
    mic.close()
    db.engine.dispose()
