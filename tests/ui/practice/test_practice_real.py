"""A whole session with every real component: pyttsx3 reads the question, QAudioSource records
real speech from a virtual PulseAudio microphone, faster-whisper transcribes it, SQLite keeps it."""

from __future__ import annotations

from practice_helpers import choose, plain, space, start
from pytestqt.qtbot import QtBot

from greenroom.core.clock import SystemClock
from greenroom.core.interview import Phase
from greenroom.core.session import Mode, SessionStatus
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.audio import load_audio
from greenroom.store import sessions_repo
from greenroom.ui.audio.capture import Microphone
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import TaskRunner
from support.audio_data import clip
from support.virtual_mic import ensure_virtual_mic, play_into_mic


def test_real_session_with_real_voice_microphone_engine_and_database(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    mic_id = ensure_virtual_mic()
    errors: list[BaseException] = []
    tasks = TaskRunner(errors.append)
    settings = SettingsStore(Settings(input_device=mic_id.decode()), None)
    ctx = AppContext(open_store(app_paths).engine, app_paths, tasks, settings)
    model = SpeechModel(tasks, app_paths.models)
    services = PracticeServices(Microphone(), QuestionVoice(app_paths.cache), model, SystemClock())
    page = PracticePage(ctx, services)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    try:
        with qtbot.waitSignal(model.state_changed, timeout=60000):
            page.refresh()  # loads the speech model in a worker, and the banks
        qtbot.waitUntil(
            lambda: model.state is ModelState.READY and page.setup.banks.count() > 0, timeout=60000
        )
        choose(page_room(page), banks=("openers",), mode=Mode.TIMED, count=1)
        start(page_room(page), nerves=75)
        # The question is synthesized by pyttsx3 and played; prep starts when it has been read.
        qtbot.waitUntil(lambda: page.controller.interview.phase is Phase.PREP, timeout=60000)
        spoken = sorted((app_paths.cache / "tts").glob("question-*.wav"))
        assert spoken and load_audio(spoken[0]).size > 16000  # over a second of speech
        with qtbot.waitSignal(services.microphone.started, timeout=15000):
            space(page_room(page))
        player = play_into_mic(clip("jfk"))
        qtbot.waitUntil(lambda: player.poll() is not None, timeout=30000)
        qtbot.waitUntil(
            lambda: "country" in page.question.live.toPlainText().lower(), timeout=15000
        )
        qtbot.wait(800)
        space(page_room(page))
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.review, timeout=30000)
        assert "ask not what your country can do for you" in plain(
            page.review.transcript.toPlainText()
        )
        page.review.next.click()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.nerves_after, timeout=10000)
        page.nerves_after.nerves.slider.setValue(45)
        page.nerves_after.go.click()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary, timeout=30000)
    finally:
        services.microphone.shutdown()
        services.voice.shutdown()
        tasks.wait()
    assert not errors
    [listed] = sessions_repo.list_sessions(ctx.engine)
    session = sessions_repo.get_session(ctx.engine, listed.id)
    assert session.status is SessionStatus.COMPLETED and (
        session.nerves_before,
        session.nerves_after,
    ) == (75, 45)
    [answer] = session.answers
    assert "ask what you can do for your country" in plain(answer.transcript)
    assert answer.audio_path is not None
    recorded = load_audio(app_paths.data / answer.audio_path)
    assert 10.0 < recorded.size / 16000 < 30.0
    assert answer.segments and answer.metrics["pace"]["source"] == "vad"


class page_room:
    def __init__(self, page: PracticePage) -> None:
        self.page = page
