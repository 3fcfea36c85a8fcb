"""A whole session with every real component: pyttsx3 reads the question, QAudioSource records
real speech from a virtual PulseAudio microphone, faster-whisper transcribes it, SQLite keeps it."""

from __future__ import annotations

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
from support.practice import choose, plain, says, shown_answer, space, start
from support.virtual_mic import ensure_virtual_mic, play_into_mic
from support.waiting import pump, wait_until


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
        wait_until(lambda: model.state is ModelState.READY and page.setup.banks.count() > 0, 60)
        choose(page_room(page), banks=("openers",), mode=Mode.TIMED, count=1)
        start(page_room(page), nerves=75)
        # The question is synthesized by pyttsx3 and played; prep starts when it has been read.
        wait_until(lambda: page.controller.interview.phase is Phase.PREP, 60)
        spoken = sorted((app_paths.cache / "tts").glob("question-*.wav"))
        assert spoken and load_audio(spoken[0]).size > 16000  # over a second of speech
        with qtbot.waitSignal(services.microphone.started, timeout=15000):
            space(page_room(page))
        # "Answering" only once the real device delivers audio: say nothing before it.
        wait_until(lambda: page.question.phase.text() == "Answering", 10)
        player = play_into_mic(clip("jfk"))
        wait_until(lambda: player.poll() is not None, 30)
        wait_until(lambda: "country" in page.question.live.toPlainText().lower(), 15)
        pump(800)
        space(page_room(page))
        wait_until(lambda: page.stack.currentWidget() is page.review, 30)
        assert says(shown_answer(page), "jfk")
        # "Tell me about yourself" is an opener, not a story: no STAR advice and no STAR band.
        assert page.review.bands["star_score"].words.text().startswith("Not judged: STAR")
        assert "result cue" not in page.review.feedback.toPlainText()
        page.review.next.click()
        wait_until(lambda: page.stack.currentWidget() is page.nerves_after, 10)
        page.nerves_after.nerves.set_value(45)
        page.nerves_after.confidence.set_value(60)
        page.nerves_after.go.click()
        wait_until(lambda: page.stack.currentWidget() is page.summary, 30)
    finally:
        page.recorder.shutdown()
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
    assert answer.metrics["star_expected"] is False
    assert answer.metrics["length_target"] == 90  # the question's own answer time


class page_room:
    def __init__(self, page: PracticePage) -> None:
        self.page = page
