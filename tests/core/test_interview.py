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
