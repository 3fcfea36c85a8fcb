"""A practice page on a real database and the real speech engine, with fake clock, mic and voice.

The fakes keep the real parts' timing: the microphone answers from its own thread after a
delay, the voice finishes later, and background jobs run on real pools with random delays.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

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
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice, JitteryTaskRunner


@pytest.fixture(scope="session")
def whisper() -> TranscriptionEngine:
    return WhisperEngine.create()


@dataclass
class Room:
    page: PracticePage
    ctx: AppContext
    mic: FakeMicrophone
    voice: FakeVoice
    clock: FakeClock
    model: SpeechModel
    tasks: JitteryTaskRunner
    errors: list[BaseException] = field(default_factory=list)


@pytest.fixture
def make_room(qtbot: QtBot, app_paths: AppPaths, whisper: TranscriptionEngine) -> Iterator[object]:
    rooms: list[Room] = []

    def make(*, microphone: bool = True, engine: bool = True, **mic_options: object) -> Room:
        db = open_store(app_paths)
        errors: list[BaseException] = []
        tasks = JitteryTaskRunner(errors.append)
        ctx = AppContext(db.engine, app_paths, tasks, SettingsStore(Settings(), None))
        model = SpeechModel(tasks, app_paths.models)
        if engine:
            model.engine, model.state = whisper, ModelState.READY
        mic = FakeMicrophone(present=microphone, **mic_options)  # type: ignore[arg-type]
        voice, clock = FakeVoice(), FakeClock()
        page = PracticePage(ctx, PracticeServices(mic, voice, model, clock))  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitActive(page):  # key presses go through the real shortcut path
            page.activateWindow()
        room = Room(page, ctx, mic, voice, clock, model, tasks, errors)
        rooms.append(room)
        page.refresh()
        qtbot.waitUntil(lambda: page.setup.banks.count() > 0)
        return room

    yield make
    for room in rooms:
        room.page.recorder.shutdown()
        room.mic.close()
        assert room.tasks.wait(20000), "background jobs did not finish"
        qtbot.wait(50)  # deliver their results before the page goes
        assert not room.errors, f"unexpected errors: {room.errors!r}"
