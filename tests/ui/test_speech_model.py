"""Item 10 of the practice-loop issue: only the newest speech model load may win."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.settings import Settings
from greenroom.ui.speech_model import ModelState, SpeechModel
from support.fakes import JitteryTaskRunner


def test_an_older_load_that_finishes_last_does_not_replace_the_newer_one(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    errors: list[BaseException] = []
    tasks = JitteryTaskRunner(errors.append, delays=[2.0, 0.0])  # the first load is slow
    model = SpeechModel(tasks, app_paths.models)
    model.load(Settings(speech_engine="pocketsphinx"))
    model.load(Settings(speech_engine="faster-whisper"))
    qtbot.waitUntil(lambda: model.state is ModelState.READY, timeout=60000)
    assert tasks.wait(30000)  # the slow pocketsphinx load has finished too...
    qtbot.wait(100)
    assert model.engine is not None and model.engine.name == "faster-whisper"  # ...and lost
    assert "faster-whisper" in model.message and not errors
