"""Faults: each gives a clear message and loses nothing that could be kept.

Covered elsewhere (not repeated here): no microphone -> typed answers are saved
(tests/ui/practice/test_practice_sessions.py::test_warm_up_without_a_microphone_is_typed_and_
allows_retakes); microphone lost mid-answer (same file, test_microphone_lost_mid_answer_keeps_
what_was_said; real device loss is simulated, see docs/reliability.md).
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
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
from greenroom.ui import question_voice, speech_model
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from support.audio_data import clip
from support.practice import (
    Room,
    answer,
    build_room,
    choose,
    close_room,
    space,
    start,
    wait_for,
    wait_review,
)


@pytest.fixture(scope="module")
def whisper() -> WhisperEngine:
    return WhisperEngine.create()


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.fixture
def rooms(qtbot: QtBot) -> Iterator[list[Room]]:
    made: list[Room] = []
    yield made
    for room in made:
        close_room(qtbot, room)


def _room(
    qtbot: QtBot, paths: AppPaths, whisper: WhisperEngine, rooms: list[Room], voice: object = None
) -> Room:
    room = build_room(qtbot, paths, engine=whisper, voice=voice)
    rooms.append(room)
    return room


def _begin(room: Room, mode: Mode = Mode.WARM_UP, count: int = 2) -> None:
    choose(room, banks=("openers",), mode=mode, count=count, prep=0, speak=True)
    start(room, nerves=None)


def _answer(room: Room, name: str = "jfk") -> None:
    if room.page.controller.interview.phase is not Phase.ANSWERING:
        space(room)
    answer(room, clip(name), start=False)
    wait_review(room)


def test_no_tts_engine_says_so_once_and_the_session_runs(
    qtbot: QtBot,
    app_paths: AppPaths,
    whisper: WhisperEngine,
    monkeypatch: pytest.MonkeyPatch,
    rooms: list[Room],
) -> None:
    def missing(self: QuestionSpeaker) -> None:
        raise TextToSpeechUnavailable(
            "no text-to-speech engine is installed", fix="Install espeak-ng"
        )

    monkeypatch.setattr(QuestionSpeaker, "_driver", missing)
    voice = QuestionVoice(app_paths.cache)  # the real one, with its real worker thread
    room = _room(qtbot, app_paths, whisper, rooms, voice)
    page = room.page
    with qtbot.waitSignal(voice.unavailable, timeout=10_000) as said:
        choose(room, banks=("openers",), mode=Mode.TIMED, count=1, speak=True)
        start(room, nerves=None)
    message = said.args[0]
    assert message.startswith("Questions are shown but not read aloud") and "\n" not in message
    qtbot.waitUntil(lambda: message in page.question.banner.text(), timeout=5000)
    qtbot.waitUntil(lambda: page.controller.interview.phase is Phase.PREP, timeout=5000)
    _answer(room)
    [listed] = sessions_repo.list_sessions(page.ctx.engine)
    [saved] = sessions_repo.get_session(page.ctx.engine, listed.id).answers
    assert "what your country can do" in saved.transcript.lower()


@pytest.fixture
def real_voice(app_paths: AppPaths) -> Iterator[QuestionVoice]:
    """The real QuestionVoice (its own synthesis thread, QMediaPlayer), shut down afterwards."""
    voice = QuestionVoice(app_paths.cache)
    yield voice
    voice.shutdown()


def test_a_synthesizer_that_never_answers_does_not_hold_the_session(
    qtbot: QtBot,
    real_voice: QuestionVoice,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A voice thread stuck inside the synthesizer (the real worker thread, blocked like a hung
    espeak): the question's reading ends after its allowance, the log says why, and once the
    synthesizer comes back the next question is read with the real voice."""
    stuck = threading.Event()
    real_synthesize = QuestionSpeaker.synthesize

    def hangs_once(self: QuestionSpeaker, text: str, path: Path) -> Path:
        if not stuck.is_set():
            stuck.wait(30)
        return real_synthesize(self, text, path)

    monkeypatch.setattr(QuestionSpeaker, "synthesize", hangs_once)
    monkeypatch.setattr(question_voice, "synthesis_timeout", lambda text: 0.5)
    monkeypatch.setattr(question_voice, "SYNTHESIS_GRACE_S", 0.5)
    try:
        with qtbot.waitSignal(real_voice.finished, timeout=5000):
            real_voice.speak("Tell me about yourself.")
        assert "did not synthesize the question in time" in caplog.text
        stuck.set()  # the synthesizer answers again (its late file for question 1 is ignored)
        with qtbot.waitSignal(real_voice.started, timeout=15_000):
            real_voice.speak("Why this role?")
    finally:
        stuck.set()  # before the fixture joins the voice thread


def test_a_player_that_never_reaches_the_end_does_not_hold_the_session(
    qtbot: QtBot,
    real_voice: QuestionVoice,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The real synthesizer and player; the question's audio is taken to last 0.1 s, so the
    watchdog must stop the player in the middle and end the reading."""
    monkeypatch.setattr(question_voice, "_wav_seconds", lambda path: 0.1)
    monkeypatch.setattr(question_voice, "PLAYBACK_GRACE_S", 0.2)
    with qtbot.waitSignal(real_voice.started, timeout=15_000):
        real_voice.speak("Tell me about a time you had to learn something quickly at work.")
    with qtbot.waitSignal(real_voice.finished, timeout=2000):
        pass
    assert "did not finish playing in time" in caplog.text


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
    assert f"Your chosen model was not used: {folder}: the model folder" in model.message
    assert "Using tiny.en (bundled) instead" in model.message


def test_a_model_folder_with_damaged_weights_falls_back_with_a_note(
    qtbot: QtBot, app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    for name in ("model.bin", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_bytes(b"\x00garbage")
    (folder / "config.json").write_text("{}")
    model = _load(qtbot, app_paths, Settings(model_dir=str(folder)))
    # CTranslate2 cannot load it: the bundled Whisper model takes over, and the note says so.
    assert model.state is ModelState.READY and model.engine is not None
    assert (model.engine.name, model.engine.model_name) == ("faster-whisper", "tiny.en")
    assert f"Your chosen model was not used: {folder}: the model files could not be loaded" in (
        model.message
    )
    assert "Using tiny.en (bundled) instead" in model.message


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
    qtbot: QtBot, app_paths: AppPaths, whisper: WhisperEngine, rooms: list[Room]
) -> None:
    room = _room(qtbot, app_paths, whisper, rooms)
    page = room.page
    _begin(room, count=2)
    _answer(room, "pra_arctic_aew_a0003")
    page.review.next.click()
    engine = page.ctx.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()  # new connections get the limit: SQLite's page limit stands in for a disk
    event.listen(
        engine, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages}")
    )
    _answer(room, "jfk")
    assert "the disk is full, so this answer could not be saved" in page.review.note.text()
    assert "what your country can do" in page.review.transcript.toPlainText().lower()  # shown
    page.review.next.click()
    wait_for(lambda: page.stack.currentWidget() is page.nerves_after)  # the session goes on
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
    rooms: list[Room],
) -> None:
    if tiny_audio_disk is None:  # no mount permission: fail the write the way ENOSPC does
        import soundfile

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(soundfile, "write", full)  # the answer written again from memory
        monkeypatch.setattr(soundfile.SoundFile, "write", full)  # written while recording
    room = _room(qtbot, app_paths, whisper, rooms)
    page = room.page
    _begin(room, count=1)
    _answer(room, "jfk")  # 11 s of FLAC is far more than 64 KB
    assert "The recording could not be saved" in page.review.note.text()
    [listed] = sessions_repo.list_sessions(page.ctx.engine)
    [saved] = sessions_repo.get_session(page.ctx.engine, listed.id).answers
    assert "what your country can do" in saved.transcript.lower() and saved.audio_path is None
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
