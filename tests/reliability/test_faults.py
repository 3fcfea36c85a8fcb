"""Faults: each gives a clear message and loses nothing that could be kept.

Covered elsewhere (not repeated here): no microphone -> typed answers are saved
(tests/ui/practice/test_practice_sessions.py::test_warm_up_without_a_microphone_is_typed_and_
allows_retakes); microphone lost mid-answer (same file, test_microphone_lost_mid_answer_keeps_
what_was_said; real device loss is simulated, see docs/reliability.md).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from greenroom.core.errors import GreenroomError, SpeechEngineError, StorageError
from greenroom.core.interview import Phase
from greenroom.core.session import Mode
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.tts import QuestionSpeaker, TextToSpeechUnavailable
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.store import sessions_repo
from greenroom.ui import speech_model
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from support.audio_data import clip
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice


@pytest.fixture(scope="module")
def whisper() -> WhisperEngine:
    return WhisperEngine.create()


def _raise(exc: BaseException) -> None:
    raise exc


def _page(qtbot: QtBot, paths: AppPaths, whisper: WhisperEngine, voice: object = None):  # type: ignore[no-untyped-def]
    db = open_store(paths)
    tasks = InlineTaskRunner(_raise)
    ctx = AppContext(db.engine, paths, tasks, SettingsStore(Settings(), None))
    model = SpeechModel(tasks, paths.models)
    model.engine, model.state = whisper, ModelState.READY
    mic = FakeMicrophone()
    page = PracticePage(ctx, PracticeServices(mic, voice or FakeVoice(), model, FakeClock()))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page, mic


def _begin(page: PracticePage, mode: Mode = Mode.WARM_UP, count: int = 2) -> None:
    from PySide6.QtCore import Qt

    setup = page.setup
    for i in range(setup.banks.count()):
        item = setup.banks.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) == "openers"
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    setup.mode_buttons[mode].setChecked(True)
    setup.count.setValue(count)
    setup.start_button.click()
    page.nerves_before.go.click()


def _answer(page: PracticePage, mic: FakeMicrophone, name: str = "jfk") -> None:
    page.controller.primary_action()
    assert page.controller.interview is not None
    assert page.controller.interview.phase is Phase.ANSWERING
    mic.speak(clip(name))
    page.controller.primary_action()
    assert page.stack.currentWidget() is page.review


def test_no_tts_engine_says_so_once_and_the_session_runs(
    qtbot: QtBot, app_paths: AppPaths, whisper: WhisperEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(self: QuestionSpeaker) -> None:
        raise TextToSpeechUnavailable(
            "no text-to-speech engine is installed", fix="Install espeak-ng"
        )

    monkeypatch.setattr(QuestionSpeaker, "_driver", missing)
    voice = QuestionVoice(app_paths.cache)  # the real one, with its real worker thread
    page, mic = _page(qtbot, app_paths, whisper, voice)
    with qtbot.waitSignal(voice.unavailable, timeout=10_000) as said:
        _begin(page, Mode.TIMED, count=1)
    message = said.args[0]
    assert message.startswith("Questions are shown but not read aloud") and "\n" not in message
    qtbot.waitUntil(lambda: message in page.question.banner.text(), timeout=5000)
    qtbot.waitUntil(lambda: page.controller.interview.phase is Phase.PREP, timeout=5000)
    _answer(page, mic)
    [listed] = sessions_repo.list_sessions(page.ctx.engine)
    [answer] = sessions_repo.get_session(page.ctx.engine, listed.id).answers
    assert "what your country can do" in answer.transcript.lower()
    voice.shutdown()


def _load(qtbot: QtBot, app_paths: AppPaths, settings: Settings) -> SpeechModel:
    model = SpeechModel(InlineTaskRunner(_raise), app_paths.models)
    model.load(settings)
    assert model.state in (ModelState.READY, ModelState.FAILED)
    return model


@pytest.mark.parametrize("damage", ["missing", "incomplete"])
def test_a_missing_or_incomplete_model_folder_says_it_was_not_used(
    qtbot: QtBot, app_paths: AppPaths, tmp_path: Path, damage: str
) -> None:
    folder = tmp_path / "my-model"
    if damage == "incomplete":
        folder.mkdir()
        (folder / "model.bin").write_bytes(b"\x00garbage")
    model = _load(qtbot, app_paths, Settings(model_dir=str(folder)))
    assert model.state is ModelState.READY and model.engine is not None  # the bundled model
    assert model.message.startswith("Speech model ready: faster-whisper (tiny.en).")
    assert f"Your model folder was not used: {folder}: the model folder" in model.message


def test_a_model_folder_with_damaged_weights_falls_back_with_a_note(
    qtbot: QtBot, app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    for name in ("model.bin", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_bytes(b"\x00garbage")
    (folder / "config.json").write_text("{}")
    model = _load(qtbot, app_paths, Settings(model_dir=str(folder)))
    assert model.state is ModelState.READY and model.engine.name == "pocketsphinx"  # type: ignore[union-attr]
    assert f"Using the offline fallback because: {folder}: could not load" in model.message


def test_no_whisper_at_all_falls_back_to_pocketsphinx_then_to_typing(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = speech_model.create_engine

    def whisper_broken(name: str, **options: object) -> object:
        if name == "faster-whisper":
            raise SpeechEngineError("the model files are damaged", where="/models/tiny.en")
        return real(name, **options)

    monkeypatch.setattr(speech_model, "create_engine", whisper_broken)
    model = _load(qtbot, app_paths, Settings())
    assert model.state is ModelState.READY and model.engine.name == "pocketsphinx"  # type: ignore[union-attr]
    assert "Using the offline fallback because: /models/tiny.en: the model files are damaged" in (
        model.message
    )

    def nothing(name: str, **options: object) -> object:
        raise SpeechEngineError(f"{name} is not installed")

    monkeypatch.setattr(speech_model, "create_engine", nothing)
    model = _load(qtbot, app_paths, Settings(speech_engine="faster-whisper", speech_model="x"))
    assert model.state is ModelState.FAILED and model.engine is None
    assert model.message.endswith("Type your answers.") and "not installed" in model.message


def test_database_full_mid_session_says_so_and_keeps_earlier_answers(
    qtbot: QtBot, app_paths: AppPaths, whisper: WhisperEngine
) -> None:
    page, mic = _page(qtbot, app_paths, whisper)
    _begin(page, count=2)
    _answer(page, mic, "pra_arctic_aew_a0003")
    page.review.next.click()
    engine = page.ctx.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()  # new connections get the limit: SQLite's page limit stands in for a disk
    event.listen(
        engine, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages}")
    )
    _answer(page, mic, "jfk")
    assert "the disk is full, so this answer could not be saved" in page.review.note.text()
    assert "ask not" in page.review.transcript.toPlainText().lower()  # still on screen
    page.review.next.click()
    assert page.stack.currentWidget() is page.nerves_after  # the session goes on
    [listed] = sessions_repo.list_sessions(engine)
    assert listed.answer_count == 1  # the first answer is safe
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.fixture
def tiny_audio_disk(app_paths: AppPaths) -> object:
    """A 64 KB tmpfs mounted on the audio folder (root in CI); None when mounting is refused."""
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(app_paths.audio)],
        capture_output=True,
    )
    if done.returncode != 0:
        yield None
        return
    yield app_paths.audio
    subprocess.run(["umount", str(app_paths.audio)], check=True)


def test_audio_disk_full_keeps_the_transcript_and_leaves_no_half_file(
    qtbot: QtBot,
    app_paths: AppPaths,
    whisper: WhisperEngine,
    tiny_audio_disk: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if tiny_audio_disk is None:  # no mount permission: fail the write the way ENOSPC does
        import soundfile

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(soundfile, "write", full)
    page, mic = _page(qtbot, app_paths, whisper)
    _begin(page, count=1)
    _answer(page, mic, "jfk")  # 11 s of FLAC is far more than 64 KB
    assert "The recording could not be saved" in page.review.note.text()
    [listed] = sessions_repo.list_sessions(page.ctx.engine)
    [answer] = sessions_repo.get_session(page.ctx.engine, listed.id).answers
    assert "what your country can do" in answer.transcript.lower() and answer.audio_path is None
    assert [p for p in app_paths.audio.rglob("*") if p.is_file()] == []  # no half file, no .part


def test_read_only_data_folder_is_refused_at_start_naming_the_folder(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, which ignores permission bits: report what os.access says for a user.
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == app_paths.data else real(p, mode)
    )
    with pytest.raises(StorageError) as caught:
        open_store(app_paths)
    assert "read-only" in str(caught.value) and str(app_paths.data) in str(caught.value)
    assert isinstance(caught.value, GreenroomError)
    assert not app_paths.database.exists()  # nothing was written
