"""The interview's rules per mode, driven by a fake clock as the practice screen drives it."""

from __future__ import annotations

import pytest

from greenroom.core.bank import Question
from greenroom.core.interview import Event, Interview, InterviewError, Phase, PlannedQuestion
from greenroom.core.session import Mode
from support.clock import FakeClock


def plan(*answer_seconds: float, prep: float = 20) -> list[PlannedQuestion]:
    return [
        PlannedQuestion(Question(id=f"q{i}", text=f"Question {i}?"), prep, seconds)
        for i, seconds in enumerate(answer_seconds, start=1)
    ]


def run_ticks(
    interview: Interview, clock: FakeClock, seconds: float, step: float = 0.1
) -> list[Event]:
    events: list[Event] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        events += interview.tick()
    return events


def test_timed_mode_counts_down_prep_then_records_by_itself_and_stops_at_the_limit() -> None:
    clock = FakeClock()
    interview = Interview(Mode.TIMED, plan(60), clock)
    assert interview.start_prep() == [Event.PREP_STARTED]
    clock.advance(5)
    assert interview.time_left() == pytest.approx(15)
    assert run_ticks(interview, clock, 15.05) == [Event.ANSWER_STARTED]
    assert interview.phase is Phase.ANSWERING
    events = run_ticks(interview, clock, 60.2)
    assert events == [Event.WARNING, Event.WARNING, Event.TIME_UP, Event.ANSWER_ENDED]
    assert interview.phase is Phase.REVIEW


def test_warnings_come_at_30_and_10_seconds_left() -> None:
    clock = FakeClock()
    interview = Interview(Mode.TIMED, plan(45, prep=0), clock)
    interview.start_prep()
    warned_at = []
    for _ in range(450):
        clock.advance(0.1)
        if Event.WARNING in interview.tick():
            warned_at.append(round(interview.time_left() or 0))
    assert warned_at == [30, 10]


def test_one_way_mode_gives_one_take_no_pause_and_no_feedback_until_the_end() -> None:
    clock = FakeClock()
    interview = Interview(Mode.ONE_WAY, plan(30, 30), clock)
    interview.start_prep()
    run_ticks(interview, clock, 20.05)
    assert interview.phase is Phase.ANSWERING
    with pytest.raises(InterviewError, match="cannot be paused"):
        interview.pause()
    with pytest.raises(InterviewError, match="one take"):
        interview.retake()
    assert interview.stop_answer() == [Event.ANSWER_ENDED, Event.QUESTION_CHANGED]
    assert (interview.phase, interview.number) == (Phase.READY, 2)


def test_warm_up_is_untimed_and_allows_retakes() -> None:
    clock = FakeClock()
    interview = Interview(Mode.WARM_UP, plan(30), clock)
    assert interview.start_prep() == [Event.ANSWER_STARTED]  # no countdown
    assert run_ticks(interview, clock, 300) == []  # no limit
    assert interview.time_left() is None
    interview.stop_answer()
    assert interview.phase is Phase.REVIEW
    interview.retake()
    assert (interview.phase, interview.take, interview.number) == (Phase.READY, 2, 1)


def test_pause_freezes_the_countdown() -> None:
    clock = FakeClock()
    interview = Interview(Mode.TIMED, plan(60), clock)
    interview.start_prep()
    clock.advance(4)
    interview.pause()
    assert run_ticks(interview, clock, 100) == []
    assert interview.time_left() == pytest.approx(16)
    interview.resume()
    clock.advance(1)
    assert interview.time_left() == pytest.approx(15)


def test_skip_moves_on_and_the_last_question_finishes_the_interview() -> None:
    clock = FakeClock()
    interview = Interview(Mode.TIMED, plan(60, 60), clock)
    assert interview.skip() == [Event.QUESTION_CHANGED]
    interview.start_answer()
    interview.stop_answer()
    assert interview.next() == [Event.FINISHED]
    assert interview.phase is Phase.FINISHED


def test_drill_repeats_one_question_for_its_takes() -> None:
    clock = FakeClock()
    interview = Interview(Mode.DRILL, plan(60), clock, drill_takes=3)
    seen = []
    while interview.phase is not Phase.FINISHED:
        seen.append((interview.current.question.id, interview.take))
        interview.start_answer()
        interview.stop_answer()
        interview.next()
    assert seen == [("q1", 1), ("q1", 2), ("q1", 3)]
    assert interview.total == 3


def test_actions_out_of_order_are_refused() -> None:
    interview = Interview(Mode.TIMED, plan(60), FakeClock())
    with pytest.raises(InterviewError):
        interview.stop_answer()
    with pytest.raises(ValueError):
        Interview(Mode.TIMED, [], FakeClock())


def _follow_up(text: str, parent_answer: int) -> PlannedQuestion:
    return PlannedQuestion(
        Question(id="fu", text=text), 0, 60, follow_up_of=parent_answer, follow_up_reason="bank"
    )


def test_one_way_waits_for_the_follow_up_then_asks_it_before_the_next_question() -> None:
    clock = FakeClock()
    interview = Interview(Mode.ONE_WAY, plan(60, 60, prep=0), clock, follow_ups=True)
    interview.start_prep()
    assert interview.stop_answer() == [Event.ANSWER_ENDED]
    assert interview.phase is Phase.WAITING  # the interviewer is choosing; nothing records
    assert run_ticks(interview, clock, 5) == []
    events = interview.follow_up(_follow_up("And the outcome?", 7), after=0)
    assert events == [Event.QUESTION_CHANGED]
    assert interview.current.question.text == "And the outcome?"
    assert (interview.number, interview.total) == (1, 2)  # it belongs to question 1
    interview.start_prep()
    assert interview.stop_answer() == [Event.ANSWER_ENDED, Event.QUESTION_CHANGED]  # none again
    assert (interview.current.question.text, interview.number) == ("Question 2?", 2)
    interview.start_prep()
    interview.stop_answer()
    assert interview.follow_up(None, after=2) == [Event.FINISHED]  # no follow-up: run over


def test_with_feedback_the_follow_up_comes_after_next_and_a_retake_replaces_it() -> None:
    clock = FakeClock()
    interview = Interview(Mode.TIMED, plan(60, 60, prep=0), clock, follow_ups=True)
    interview.start_prep()
    interview.stop_answer()
    assert interview.follow_up(_follow_up("First take's?", 1), after=0) == []  # on review
    interview.retake()
    assert [q.question.text for q in interview.questions] == ["Question 1?", "Question 2?"]
    interview.start_prep()
    interview.stop_answer()
    interview.follow_up(_follow_up("Second take's?", 2), after=0)
    assert interview.next() == [Event.QUESTION_CHANGED]
    assert (interview.current.question.text, interview.current.follow_up_of) == (
        "Second take's?",
        2,
    )


def test_a_follow_up_for_a_question_already_left_is_dropped() -> None:
    interview = Interview(Mode.TIMED, plan(60, 60, prep=0), FakeClock(), follow_ups=True)
    interview.start_prep()
    interview.stop_answer()
    interview.next()  # the user went on before the follow-up was ready
    assert interview.follow_up(_follow_up("Late?", 1), after=0) == []
    assert [q.question.text for q in interview.questions] == ["Question 1?", "Question 2?"]


def test_drills_and_runs_without_follow_ups_never_wait() -> None:
    for mode, follow_ups in ((Mode.DRILL, True), (Mode.ONE_WAY, False)):
        interview = Interview(mode, plan(60, 60, prep=0), FakeClock(), follow_ups=follow_ups)
        interview.start_prep()
        events = interview.stop_answer()
        assert interview.phase is not Phase.WAITING, (mode, events)
