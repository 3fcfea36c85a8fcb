"""A practice page on a real database and the real speech engine, with fake clock, mic and voice.

The fakes keep the real parts' timing: the microphone answers from its own thread after a
delay, the voice finishes later, and background jobs run on real pools with random delays.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.speech.engine import TranscriptionEngine
from greenroom.speech.whisper_engine import WhisperEngine
from support.practice import Room, build_room, close_room


@pytest.fixture(scope="session")
def whisper() -> TranscriptionEngine:
    return WhisperEngine.create()


@pytest.fixture
def make_room(qtbot: QtBot, app_paths: AppPaths, whisper: TranscriptionEngine) -> Iterator[object]:
    rooms: list[Room] = []

    def make(*, microphone: bool = True, engine: bool = True, **mic_options: object) -> Room:
        room = build_room(
            qtbot,
            app_paths,
            engine=whisper if engine else None,
            microphone=microphone,
            **mic_options,
        )
        rooms.append(room)
        return room

    yield make
    for room in rooms:
        close_room(qtbot, room)
