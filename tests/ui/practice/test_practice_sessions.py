"""Whole practice sessions in each mode, as a user runs them: what is on screen, what is saved."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from greenroom.analysis import bands
from greenroom.analysis.structure import expects_star
from greenroom.core.errors import GreenroomError
from greenroom.core.interview import Phase
from greenroom.core.session import AnswerKind, Mode, PracticeSession, SessionStatus
from greenroom.store import banks_repo, sessions_repo
from greenroom.ui import speech_model
from greenroom.ui.practice import controller, practice_page
from support.audio_data import clip
from support.practice import (
    answer,
    choose,
    finish_run,
    plain,
    says,
    shown_answer,
    space,
    start,
    wait_for,
    wait_phase,
    wait_recording,
    wait_review,
    wait_seconds,
)
from support.waiting import pump


def _question_texts(room: object, bank: str) -> list[str]:
    return [q.text for q in banks_repo.get_bank(room.ctx.engine, bank).questions]  # type: ignore[attr-defined]


def test_timed_session_from_nerves_to_summary(make_room, qtbot) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("openers",), mode=Mode.TIMED, count=2)
    start(room, nerves=70)
    q1, q2 = _question_texts(room, "openers")[:2]
    assert page.question.question.text() == q1
    assert room.voice.spoken == [q1]  # read aloud
    assert page.controller.interview.phase is Phase.READY  # waiting for the reading to end
    wait_phase(room, Phase.PREP)  # prep counts down after reading
    assert page.question.header.text() == "Question 1 of 2 · timed"

    wait_seconds(room, 15.1)  # the openers bank gives 15 s to prepare
    assert page.controller.interview.phase is Phase.ANSWERING  # recording started by itself
    answer(room, clip("jfk"), start=False)
    wait_review(room)
    assert says(shown_answer(page), "jfk")
    # The feedback card's heading counts what it lists (it said "Three things" over two).
    listed = page.review.feedback.toHtml().count("<li")
    heading = {1: "One thing", 2: "Two things", 3: "Three things"}[listed]
    assert page.review.noticed_card.title.text() == f"{heading} we noticed"
    # The index is explained on screen: what each figure scored and its weight.
    assert (
        f"(weight {bands.INDEX_WEIGHTS['fillers_per_minute']:.0f})" in page.review.scoring.text()
        and "Fillers per minute" in page.review.scoring.text()
    )
    # The recording can be heard right away; clicking a word plays from there.
    assert page.review.play.isVisible()
    assert page.review.player.source is not None and page.review.player.source.suffix == ".flac"
    word = next(
        i
        for i, item in enumerate(page.review.transcript.items)
        if item.text.lower().startswith("country")
    )
    page.review.transcript.click_word(word)
    qtbot.waitUntil(
        lambda: abs(page.review.player.position - page.review.transcript.time_of(word)) < 1.0
    )
    QTest.mouseClick(page.review.rating_buttons.button(4), Qt.MouseButton.LeftButton)
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)

    assert page.question.question.text() == q2
    wait_phase(room, Phase.PREP)
    space(room)  # skip the rest of the prep
    wait_recording(room)
    room.mic.speak(clip("ds_arctic_a0024"))
    limit = page.controller.interview.current.answer_seconds
    wait_seconds(room, limit - 31)
    assert page.question.banner.isHidden()
    wait_seconds(room, 2)
    assert page.question.banner.text() == "30 seconds left"
    wait_seconds(room, 30)  # the limit stops the answer
    wait_review(room)
    assert page.review.next.text() == "Finish"
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)

    finish_run(room, nerves=40, confidence=65)
    summary = page.summary.text()
    assert "went from 70 to 40: down 30" in summary
    assert "first run" in summary
    assert f"weights: Fillers per minute {bands.INDEX_WEIGHTS['fillers_per_minute']:.0f}" in summary

    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    session = sessions_repo.get_session(room.ctx.engine, listed.id)
    assert session.status is SessionStatus.COMPLETED
    assert (session.nerves_before, session.nerves_after, session.confidence_after) == (70, 40, 65)
    assert session.summary["answers"] == 2
    first, second = session.answers
    assert says(first.transcript, "jfk") and first.self_rating == 4
    assert "reports from the north" in plain(second.transcript)
    assert second.duration_seconds >= limit - 0.2  # cut off at the limit
    assert first.metrics["word_count"] >= 20 and first.delivery_index is not None
    for saved in session.answers:
        assert saved.kind is AnswerKind.SPOKEN and saved.audio_path is not None
        assert (room.ctx.paths.data / saved.audio_path).stat().st_size > 10_000
        assert saved.words and saved.words[0]["start"] < saved.words[-1]["end"]


def test_one_way_interview_one_take_no_pause_feedback_only_at_the_end(make_room) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("behavioral-star",), mode=Mode.ONE_WAY, count=2)
    start(room, nerves=80)
    assert page.question.retake.isHidden() and page.question.pause.isHidden()
    wait_phase(room, Phase.PREP)
    prep = page.controller.interview.current.prep_seconds
    wait_seconds(room, prep + 0.1)
    assert page.controller.interview.phase is Phase.ANSWERING
    answer(room, clip("pra_arctic_a0010"), start=False)
    # No feedback between questions: straight on to question 2.
    assert page.stack.currentWidget() is page.question
    assert page.question.header.text().startswith("Question 2 of 2")
    wait_phase(room, Phase.PREP)
    wait_seconds(room, page.controller.interview.current.prep_seconds + 0.1)
    answer(room, clip("jfk"), start=False)
    finish_run(room, nerves=None)
    assert "Best answer" in page.summary.text()
    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    assert listed.answer_count == 2 and listed.mode is Mode.ONE_WAY
    # Each answer is saved under the question it answered, though the next question was on
    # screen while it was being transcribed.
    q1, q2 = _question_texts(room, "behavioral-star")[:2]
    first, second = sessions_repo.get_session(room.ctx.engine, listed.id).answers
    assert first.question_text == q1 and "losing game" in plain(first.transcript)
    assert second.question_text == q2 and says(second.transcript, "jfk")


def test_one_way_interviewer_follows_up_each_answer_and_the_follow_ups_are_linked(
    make_room,
) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("behavioral-star",), mode=Mode.ONE_WAY, count=2, prep=0)
    assert not page.setup.follow_ups.isChecked()  # choose() turned the default off
    page.setup.mode_buttons[Mode.TIMED].setChecked(True)
    page.setup.mode_buttons[Mode.ONE_WAY].setChecked(True)
    assert page.setup.follow_ups.isChecked()  # on by default in a one-way interview
    start(room, nerves=70)
    shown: list[str] = []
    headers: list[str] = []
    for spoken in ("pra_arctic_a0010", "jfk", "pra_arctic_a0010", "jfk"):
        wait_phase(room, Phase.ANSWERING)  # prep 0: recording starts once the question is shown
        shown.append(page.question.question.text())
        headers.append(page.question.header.text())
        answer(room, clip(spoken), start=False)
    finish_run(room, nerves=None)
    q1, q2 = _question_texts(room, "behavioral-star")[:2]
    assert shown[0] == q1 and shown[2] == q2
    assert headers[1].startswith("Follow-up to question 1 of 2")
    assert headers[3].startswith("Follow-up to question 2 of 2")
    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    answers = sessions_repo.get_session(room.ctx.engine, listed.id).answers
    assert [a.question_text for a in answers] == shown
    assert [a.follow_up_of for a in answers] == [None, answers[0].id, None, answers[2].id]
    assert all(answers[i].follow_up_reason for i in (1, 3))
    assert says(answers[1].transcript, "jfk") and says(answers[3].transcript, "jfk")
    # Behavioural questions are STAR stories; a follow-up asks for one part of one, and its
    # answer's length is rated on its own shorter time.
    for question, follow_up in ((answers[0], answers[1]), (answers[2], answers[3])):
        assert question.metrics["star_expected"] is True
        assert follow_up.metrics["star_expected"] is expects_star(None, follow_up.question_text)
        assert follow_up.metrics["length_target"] == min(question.metrics["length_target"], 90)


def test_warm_up_without_a_microphone_is_typed_and_allows_retakes(make_room) -> None:
    room = make_room(microphone=False)
    page = room.page
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1)
    start(room, nerves=55)
    assert page.controller.interview.phase is Phase.READY  # untimed: waits for the user
    assert page.question.tip.isVisible()  # warm-up shows the tip
    space(room)
    wait_for(lambda: page.question.typed.isVisible())
    assert page.question.submit.isVisible()
    assert "No microphone" in page.question.banner.text()
    page.question.typed.setPlainText("Um, I think I am a product designer, like, with eight years.")
    QTest.mouseClick(page.question.submit, Qt.MouseButton.LeftButton)
    wait_review(room)
    assert "Um," in page.review.transcript.toPlainText()
    QTest.mouseClick(page.review.retake, Qt.MouseButton.LeftButton)
    assert page.question.header.text().endswith("take 2")
    space(room)
    wait_for(lambda: page.question.typed.isVisible())
    page.question.typed.setPlainText(
        "I design products people enjoy; the last one grew sales by 20%."
    )
    QTest.mouseClick(page.question.submit, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.review.title.text().startswith("Answer 1 · take 2"))
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    finish_run(room, nerves=30)
    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    takes = sessions_repo.get_session(room.ctx.engine, listed.id).answers
    assert [(a.take, a.kind) for a in takes] == [(1, AnswerKind.TYPED), (2, AnswerKind.TYPED)]
    assert takes[0].metrics["fillers"]["count"] >= 2 and takes[0].audio_path is None


def test_drill_asks_one_question_for_three_takes(make_room) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("closing",), mode=Mode.DRILL)
    start(room, nerves=40)
    seen = []
    names = ("pra_arctic_axb_a0004", "pra_arctic_a0010", "ds_arctic_a0024")
    for take, name in zip((1, 2, 3), names, strict=True):
        wait_for(lambda take=take: page.question.header.text().startswith(f"Question {take} of 3"))
        seen.append(page.question.question.text())
        answer(room, clip(name))
        wait_for(lambda take=take: _shows_take(page.review.title.text(), take))
        QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    assert len(set(seen)) == 1
    assert room.voice.spoken == seen[:1]  # read aloud once, not for every take
    finish_run(room, nerves=None)
    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    answers = sessions_repo.get_session(room.ctx.engine, listed.id).answers
    assert [a.take for a in answers] == [1, 2, 3]
    assert "glad to see you again" in plain(answers[0].transcript)
    assert "losing game" in plain(answers[1].transcript)
    assert "reports from the north" in plain(answers[2].transcript)


def test_microphone_lost_mid_answer_keeps_what_was_said(make_room) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("openers",), mode=Mode.TIMED, count=1)
    start(room, nerves=60)
    space(room)
    wait_recording(room)
    room.mic.speak(clip("jfk"))
    room.mic.unplug()
    wait_review(room)
    assert "disconnected" in page.review.note.text()
    assert says(shown_answer(page), "jfk")
    [listed] = sessions_repo.list_sessions(room.ctx.engine)
    [answer] = sessions_repo.get_session(room.ctx.engine, listed.id).answers
    assert says(answer.transcript, "jfk") and answer.audio_path is not None


def _first_answer_reviewed(make_room) -> object:
    """A Timed run of three questions with its first answer spoken and its feedback shown."""
    room = make_room()
    choose(room, banks=("openers",), mode=Mode.TIMED, count=3)
    start(room, nerves=65)
    answer(room, clip("ps_librivox_0930"))
    wait_review(room)
    return room


def test_leaving_mid_session_keeps_finished_answers_rates_the_run_and_marks_it_ended_early(
    make_room, monkeypatch
) -> None:
    room = _first_answer_reviewed(make_room)
    page = room.page
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    space(room)  # second answer in progress...
    wait_recording(room)
    room.mic.speak(clip("jfk"))
    monkeypatch.setattr(page, "confirm_leave", lambda: True)
    QTest.mouseClick(page.question.leave, Qt.MouseButton.LeftButton)
    # The answer given so far counts: the run is rated and summed up like any other.
    assert page.stack.currentWidget() is page.nerves_after
    wait_for(lambda: not room.mic.recording)  # the microphone is closed with the session
    finish_run(room, nerves=40, confidence=70)
    assert page.summary.title.text() == "Run ended early"
    assert "Your 1 answer is saved in History." in page.summary.saved.text()
    session = _interrupted_session(room)  # still marked ended part-way, for the coach
    assert session.answer_count == 1
    assert (session.nerves_before, session.nerves_after, session.confidence_after) == (65, 40, 70)
    assert session.summary and session.summary["answers"] == 1
    QTest.mouseClick(page.summary.again, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.setup


def _interrupted_session(room: object) -> PracticeSession:
    """The one saved session, once it is marked interrupted."""
    engine = room.ctx.engine  # type: ignore[attr-defined]
    room.tasks.wait()  # type: ignore[attr-defined]
    wait_for(lambda: sessions_repo.list_sessions(engine)[0].status is SessionStatus.INTERRUPTED)
    [session] = sessions_repo.list_sessions(engine)
    return session


def test_the_run_can_be_ended_from_the_feedback_screen(make_room, monkeypatch) -> None:
    # Esc and "End session" did nothing there: the user had to start the next question first.
    room = _first_answer_reviewed(make_room)
    page = room.page
    assert page.review.leave.isVisible() and "Esc" in page.review.leave.text()
    monkeypatch.setattr(page, "confirm_leave", lambda: False)
    QTest.keyClick(page.review, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.review  # "No" keeps the feedback on screen
    monkeypatch.setattr(page, "confirm_leave", lambda: True)
    QTest.keyClick(page.review, Qt.Key.Key_Escape)
    finish_run(room, nerves=None)  # the ratings may be skipped, as at the end of any run
    assert page.summary.title.text() == "Run ended early"
    assert _interrupted_session(room).answer_count == 1


def test_ending_before_any_answer_goes_back_to_the_set_up(make_room, monkeypatch) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("openers",), mode=Mode.TIMED, count=2, prep=30, speak=False)
    start(room, nerves=50)
    monkeypatch.setattr(page, "confirm_leave", lambda: True)
    QTest.mouseClick(page.question.leave, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.setup  # nothing to rate or sum up
    assert _interrupted_session(room).answer_count == 0


def test_no_questions_match_is_said_on_the_setup_screen(make_room) -> None:
    room = make_room()
    page = room.page
    choose(room, banks=("closing",), mode=Mode.TIMED)
    page.setup.categories["technical"].setChecked(True)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: "No questions match" in page.setup.error.text())
    assert page.stack.currentWidget() is page.setup


def _shows_take(title: str, take: int) -> bool:
    """The feedback title names the take ("Answer 1 · take 2"), but not the first one."""
    return (f" · take {take}" in title) if take > 1 else " · take " not in title


def test_the_feedback_models_load_off_screen_beside_the_speech_model_before_any_answer(
    make_room, monkeypatch
) -> None:
    """Without this the first answer's feedback waited ~4 s longer than the next ones (the
    meaning model, the bank descriptions and the pitch tracker loading after Stop); loaded as
    the session began, or as the speech model became ready, they overlapped an answer started
    at once and stalled the GUI thread."""
    warmed: list[threading.Thread] = []
    monkeypatch.setattr(controller, "warm_up", lambda: warmed.append(threading.current_thread()))
    loading = threading.Event()  # the speech model load is held until the test lets it end
    real_create = speech_model._create

    def slow_create(*args):  # type: ignore[no-untyped-def]
        loading.wait(10)
        return real_create(*args)

    monkeypatch.setattr(speech_model, "_create", slow_create)
    room = make_room(engine=False)  # a window just opened: no speech model yet
    wait_for(lambda: bool(warmed))
    assert room.model.state is speech_model.ModelState.LOADING, "loaded beside the speech model"
    loading.set()
    wait_for(lambda: room.model.state is speech_model.ModelState.READY)
    assert room.page.controller.interview is None, "no session yet"
    choose(room, banks=("openers",), mode=Mode.TIMED, count=1)
    start(room, nerves=None)
    wait_for(lambda: len(warmed) == 2)  # asked again as the session begins (a no-op by then)
    assert all(thread is not threading.main_thread() for thread in warmed)
    assert room.page.controller.interview.phase in (Phase.READY, Phase.PREP)  # not yet answered


def test_an_untimed_question_says_listen_while_read_then_start_when_ready(make_room) -> None:
    """Warm-up waits for the user after the reading: the label must not keep saying "Listen"
    (seen in the real window: "Listen to the question" 16 s after the voice had finished)."""
    room = make_room()
    page = room.page
    room.voice.hold = True  # the voice is still reading
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1)
    start(room, nerves=None)
    assert page.question.phase.text() == "Listen to the question"
    room.voice.stop()  # the reading ends (finished)
    wait_for(lambda: page.question.phase.text() == "Start when you are ready")
    assert page.controller.interview.phase is Phase.READY


def test_answering_is_said_only_once_the_microphone_delivers_audio(make_room) -> None:
    """Opening a microphone takes 0.1-2 s (2.05 s was seen on a virtual one); words said before
    its first audio are not recorded, so the page must not say "Answering" until then."""
    room = make_room()
    page = room.page
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1)
    start(room, nerves=None)
    wait_phase(room, Phase.READY)
    space(room)
    wait_recording(room)  # the device is open, but has delivered nothing yet
    pump(300)
    assert page.question.phase.text().startswith("Starting the microphone")
    room.mic.pass_time(0.1)  # its first audio
    wait_for(lambda: page.question.phase.text() == "Answering")
    room.mic.speak(clip("jfk"))
    space(room)
    wait_review(room)
    assert says(shown_answer(page), "jfk")
    # A retake opens the microphone again, and says so again.
    page.review.retake.click()
    wait_phase(room, Phase.READY)
    space(room)
    wait_recording(room)
    assert page.question.phase.text().startswith("Starting the microphone")
    room.mic.pass_time(0.1)
    wait_for(lambda: page.question.phase.text() == "Answering")


def test_start_says_the_run_is_being_prepared_and_a_second_click_starts_no_second_run(
    make_room, qtbot, monkeypatch
) -> None:
    """The first run's questions took 0.7 s to read here, with nothing on screen changing: a
    second click read a second plan, which replaced the first and reset the "before" screen."""
    room = make_room()
    page = room.page
    read: list[str] = []
    real = practice_page.load_plan
    monkeypatch.setattr(
        practice_page,
        "load_plan",
        lambda ctx, choices: (read.append("plan"), real(ctx, choices))[1],
    )
    choose(room, banks=("openers",), mode=Mode.TIMED, count=2)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    assert not page.setup.start_button.isEnabled()
    assert page.setup.start_button.text() == "Preparing the run…"
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    qtbot.wait(400)  # longer than the pool's random delays: a second plan would be here by now
    assert read == ["plan"]
    assert page.setup.start_button.isEnabled()
    assert page.setup.start_button.text() == "&Start test run"


def test_questions_that_cannot_be_read_are_reported_and_start_works_again(
    make_room, monkeypatch
) -> None:
    room = make_room()
    page = room.page
    real = practice_page.load_plan

    def damaged(ctx, choices):  # type: ignore[no-untyped-def]
        raise GreenroomError("the question bank could not be read", where="openers")

    monkeypatch.setattr(practice_page, "load_plan", damaged)
    choose(room, banks=("openers",), mode=Mode.TIMED, count=2)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: bool(room.errors))
    assert [str(e) for e in room.errors] == [
        str(GreenroomError("the question bank could not be read", where="openers"))
    ]
    room.errors.clear()  # reported as every background error is (a message box in the app)
    assert page.setup.start_button.isEnabled() and page.stack.currentWidget() is page.setup
    monkeypatch.setattr(practice_page, "load_plan", real)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
