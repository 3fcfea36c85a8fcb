"""A practice page on a real database and the real speech engine, with fake clock, mic and voice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.engine import TranscriptionEngine
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice


@pytest.fixture(scope="session")
def whisper() -> TranscriptionEngine:
    return WhisperEngine.create()


def _raise(exc: BaseException) -> None:
    raise exc


@dataclass
class Room:
    page: PracticePage
    ctx: AppContext
    mic: FakeMicrophone
    voice: FakeVoice
    clock: FakeClock
    model: SpeechModel


@pytest.fixture
def make_room(qtbot: QtBot, app_paths: AppPaths, whisper: TranscriptionEngine) -> Iterator[object]:
    def make(*, microphone: bool = True, engine: bool = True) -> Room:
        db = open_store(app_paths)
        tasks = InlineTaskRunner(_raise)
        ctx = AppContext(db.engine, app_paths, tasks, SettingsStore(Settings(), None))
        model = SpeechModel(tasks, app_paths.models)
        if engine:
            model.engine, model.state = whisper, ModelState.READY
        mic, voice, clock = FakeMicrophone(present=microphone), FakeVoice(), FakeClock()
        page = PracticePage(ctx, PracticeServices(mic, voice, model, clock))  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitActive(page):  # key presses go through the real shortcut path
            page.activateWindow()
        page.refresh()  # loads the banks through the inline runner
        return Room(page, ctx, mic, voice, clock, model)

    yield make
