"""The speech model the practice room records with: only the newest load may win (item 10 of
the practice-loop issue), and it is ready only when answers can be recorded without a stall
(the meaning model loaded, Whisper's first call made)."""

from __future__ import annotations

import threading

import numpy as np
from pytestqt.qtbot import QtBot

from greenroom.core.errors import SpeechEngineError
from greenroom.paths import AppPaths
from greenroom.services import answer_analysis
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.google_engine import GoogleEngine
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.services import real_services, shutdown
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import TaskRunner
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


def test_the_app_says_the_model_is_ready_only_once_the_meaning_model_has_loaded(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch
) -> None:
    """The meaning model's tokenizer holds the GIL 65-180 ms as it loads: loaded while an
    answer was recorded, the live words and level meter stood still (benchmarks/ui.py). The
    room records only with a ready model, so the app's model is ready only after it."""
    asked, loaded = threading.Event(), threading.Event()
    monkeypatch.setattr(answer_analysis, "meaning_model", lambda: (asked.set(), loaded.wait(30)))
    errors: list[BaseException] = []
    tasks = TaskRunner(errors.append)
    store = SettingsStore(Settings(), None)
    services = real_services(AppContext(open_store(app_paths).engine, app_paths, tasks, store))
    model = services.model
    model.load(Settings())
    try:
        assert asked.wait(60), "the meaning model is loaded by the speech model's load"
        qtbot.wait(200)
        assert model.state is ModelState.LOADING, "the speech engine alone is not ready"
        assert model.message == "Loading the speech and feedback models…", model.message
        loaded.set()
        qtbot.waitUntil(lambda: model.state is ModelState.READY, timeout=10000)
        assert model.engine is not None and not errors
    finally:
        loaded.set()
        shutdown(services)


def test_a_failed_load_before_ready_still_leaves_the_engine_ready(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    def broken() -> None:
        raise RuntimeError("the meaning model's files are damaged")

    errors: list[BaseException] = []
    model = SpeechModel(TaskRunner(errors.append), app_paths.models, load_before_ready=broken)
    model.load(Settings())
    qtbot.waitUntil(lambda: model.state is not ModelState.LOADING, timeout=60000)
    assert model.state is ModelState.READY and model.engine is not None and not errors


def test_whisper_hears_the_shipped_speech_once_before_the_model_is_ready(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch
) -> None:
    """A process's first Whisper call stalls the GUI the most (35-79 ms in the first answer,
    26-27 ms later; docs/benchmarks.md): the load makes that call, on real speech."""
    heard: list[tuple[float, str, ModelState]] = []
    model = SpeechModel(TaskRunner(lambda exc: None), app_paths.models)
    real = WhisperEngine.transcribe

    def listening(engine: WhisperEngine, samples: np.ndarray, *, offset: float = 0.0) -> list:
        words = real(engine, samples, offset=offset)
        heard.append((len(samples) / 16_000, " ".join(w.text for w in words), model.state))
        return words

    monkeypatch.setattr(WhisperEngine, "transcribe", listening)
    model.load(Settings(speech_engine="faster-whisper"))
    qtbot.waitUntil(lambda: model.state is not ModelState.LOADING, timeout=60000)
    assert model.state is ModelState.READY
    assert len(heard) == 1, heard
    seconds, text, state_then = heard[0]
    assert state_then is ModelState.LOADING and 6.5 < seconds < 7.5
    assert {"dashwood", "leisure", "prudently"} <= set(text.lower().replace(".", "").split())


def test_an_online_engine_is_sent_nothing_as_it_loads(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(GoogleEngine, "transcribe", lambda _e, s, **_k: sent.append(len(s)))
    model = SpeechModel(TaskRunner(lambda exc: None), app_paths.models)
    model.load(Settings(speech_engine="google"))
    qtbot.waitUntil(lambda: model.state is not ModelState.LOADING, timeout=30000)
    assert model.state is ModelState.READY and model.engine is not None
    assert model.engine.name == "google" and sent == []


def test_a_failed_warm_up_call_still_leaves_the_engine_ready(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch, caplog
) -> None:
    def broken(_engine: WhisperEngine, _samples: np.ndarray, **_kw: object) -> list:
        raise SpeechEngineError("CTranslate2 ran out of memory", where="faster-whisper")

    monkeypatch.setattr(WhisperEngine, "transcribe", broken)
    errors: list[BaseException] = []
    model = SpeechModel(TaskRunner(errors.append), app_paths.models)
    model.load(Settings(speech_engine="faster-whisper"))
    qtbot.waitUntil(lambda: model.state is not ModelState.LOADING, timeout=60000)
    assert model.state is ModelState.READY and not errors
    assert "warm-up call failed" in caplog.text
