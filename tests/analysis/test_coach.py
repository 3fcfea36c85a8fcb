"""The coach on scripted histories: one learner per test, the advice a user would see.

Each history is a list of runs, one a day unless said otherwise: (rung, nerves before) with
an optional status. The coach must climb with calm learners, wait for anxious ones, step back
after a spike, an abandoned run or a long gap, and follow the plan when a real interview is near.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from greenroom.analysis.coach import Step, recommend, settled
from greenroom.core.interviews import Interview
from greenroom.core.ladder import Rung
from greenroom.core.practice_record import PracticeRecord, QuestionPools, RunRecord
from greenroom.core.session import Mode, SessionStatus

START = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)
WU, T, OW, TOP = Rung.WARM_UP, Rung.TIMED, Rung.ONE_WAY, Rung.ONE_WAY_FOLLOW_UPS
POOLS = QuestionPools(weak=(1, 2, 3, 4), unseen=(10, 11, 12, 13, 14), asked=(20, 21))
Run = tuple[Rung | None, int | None] | tuple[Rung | None, int | None, SessionStatus]


def history(*runs: Run, days_apart: float = 1.0, **kw: object) -> PracticeRecord:
    records = []
    for n, run in enumerate(runs):
        rung, before = run[0], run[1]
        status = run[2] if len(run) == 3 else SessionStatus.COMPLETED
        records.append(
            RunRecord(
                session_id=n + 1,
                started_at=START + timedelta(days=n * days_apart),
                mode=rung.mode if rung else Mode.DRILL,
                rung=rung,
                status=status,
                nerves_before=before,
                nerves_after=None if before is None else max(0, before - 20),
                answers=3,
            )
        )
    return PracticeRecord(runs=tuple(records), questions=POOLS, **kw)


def after(record: PracticeRecord, *, days: float = 1.0) -> datetime:
    """The day after the last run, in the user's own time zone."""
    last = record.runs[-1].started_at if record.runs else START
    return (last + timedelta(days=days)).astimezone()


def test_first_run_ever_is_a_gentle_warm_up_on_unseen_questions() -> None:
    record = PracticeRecord(questions=QuestionPools(unseen=(10, 11, 12, 13)))
    advice = recommend(record, now=START)
    assert (advice.rung, advice.step, advice.mode) == (WU, Step.FIRST, Mode.WARM_UP)
    assert advice.question_keys == (10, 11, 12)
    assert (advice.follow_ups, advice.prep_seconds) == (False, None)
    assert "Start gently" in advice.reason


def test_calm_learner_climbs_a_rung_once_three_runs_have_settled() -> None:
    calm = history((WU, 40), (WU, 35), (WU, 30))
    advice = recommend(calm, now=after(calm))
    assert (advice.rung, advice.step) == (T, Step.UP)
    assert "40, 35, 30" in advice.reason and "step up" in advice.reason
    assert advice.evidence == ("Nerves before your last 3 rated Warm-up runs: 40, 35, 30.",)
    # ... and on up the ladder, a rung per three settled runs, to the top and no further.
    calm = history(*[(r, 30) for r in (WU, WU, WU, T, T, T, OW, OW, OW)])
    top = recommend(calm, now=after(calm))
    assert (top.rung, top.follow_ups, top.prep_seconds, top.mode) == (TOP, True, 10, Mode.ONE_WAY)
    assert top.settings == {"rung": "one-way-follow-ups", "follow_ups": True}
    calm = history(*[(r, 30) for r in (OW, OW, OW, TOP, TOP, TOP)])
    stay = recommend(calm, now=after(calm))
    assert (stay.rung, stay.step) == (TOP, Step.TOP)


def test_calm_learner_still_does_three_runs_on_each_rung() -> None:
    for runs in ([(WU, 20)], [(WU, 20), (WU, 15)], [(WU, 30), (WU, 30), (T, 35)]):
        record = history(*runs)
        advice = recommend(record, now=after(record))
        assert advice.step is Step.REPEAT and advice.rung is runs[-1][0]
        here = len([r for r in runs if r[0] is runs[-1][0]])
        done = "one run" if here == 1 else f"{here} runs"
        assert advice.reason.endswith(f"you have done {done} here so far."), advice.reason


def test_anxious_learner_repeats_until_nerves_fall_to_a_calmer_level() -> None:
    ratings = [85, 90, 80, 75, 70, 65, 60, 55, 52]
    steps = []
    for n in range(3, len(ratings) + 1):
        record = history(*[(WU, r) for r in ratings[:n]])
        steps.append(recommend(record, now=after(record)).step)
    # Falling but still high (80, 75, 70, 65...): stay. At 52 (at most 60% of the peak of 90)
    # the nerves count as settled: up, after nine runs where a calm learner needed three.
    assert steps == [Step.REPEAT] * 6 + [Step.UP]
    record = history(*[(WU, r) for r in ratings[:5]])
    assert "(80, 75, 70) have not settled" in recommend(record, now=after(record)).reason


def test_a_rise_on_the_second_run_of_a_rung_is_expected_not_a_spike() -> None:
    record = history((WU, 30), (WU, 30), (WU, 30), (T, 45), (T, 65))
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (T, Step.REPEAT)
    assert "rose on your second Timed run" in advice.reason and "usually eases" in advice.reason
    assert advice.evidence == (
        "Nerves before your last Timed run: 65; mean of the runs before it: 45.",
    )


def test_a_spike_steps_back_one_rung_then_the_learner_returns() -> None:
    record = history((T, 50), (T, 45), (T, 45), (T, 70))  # 70 against a baseline of 47
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (WU, Step.BACK_SPIKE)
    assert "(70) were well above your usual on Timed (about 47)" in advice.reason
    assert "Step back to Warm-up for one run" in advice.reason
    record = history((T, 50), (T, 45), (T, 45), (T, 70), (WU, 40))
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (T, Step.RETURN)
    assert advice.reason == "That Warm-up run went fine. Back up to Timed."
    # Back on Timed, the spike is still among its last three runs: repeat until settled.
    record = history((T, 50), (T, 45), (T, 45), (T, 70), (WU, 40), (T, 45))
    assert recommend(record, now=after(record)).step is Step.REPEAT


def test_a_spike_on_warm_up_stays_on_warm_up_kindly() -> None:
    record = history((WU, 30), (WU, 30), (WU, 60))
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (WU, Step.BACK_SPIKE)
    assert "retakes" in advice.reason


def test_an_abandoned_run_steps_back_one_rung() -> None:
    record = history((WU, 30), (WU, 30), (WU, 30), (T, 50), (T, 60, SessionStatus.INTERRUPTED))
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (WU, Step.BACK_ABANDONED)
    assert advice.reason.startswith("Your last run ended early. That is all right.")
    # An abandoned run breaks the streak: three runs on Timed must all be complete.
    record = history((T, 30), (T, 30, SessionStatus.INTERRUPTED), (T, 30), (T, 30))
    assert recommend(record, now=after(record)).step is Step.REPEAT


def test_after_a_long_gap_restart_one_rung_lower_for_one_run() -> None:
    record = history((T, 40), (T, 35), (T, 35), (OW, 50), (OW, 45))
    advice = recommend(record, now=after(record, days=20))
    assert (advice.rung, advice.step) == (T, Step.BACK_GAP)
    assert advice.reason.startswith("It has been 20 days since your last run. Start on Timed")
    assert recommend(record, now=after(record, days=14)).rung is OW  # two weeks is no gap
    back = history((T, 40), (T, 35), (T, 35), (OW, 50), (OW, 45), (T, 40), days_apart=1)
    advice = recommend(back, now=after(back))
    assert (advice.rung, advice.step) == (OW, Step.RETURN)


def test_a_real_interview_counts_as_practice_for_the_gap() -> None:
    record = history((T, 40), (T, 35))
    interview = Interview(1, "Acme", "Analyst", START + timedelta(days=15), nerves_before=70)
    record = PracticeRecord(runs=record.runs, questions=POOLS, interviews=(interview,))
    advice = recommend(record, now=START + timedelta(days=20))
    assert advice.step is Step.REPEAT and advice.rung is T


def test_a_real_interview_soon_follows_its_plan_and_asks_its_questions_first() -> None:
    runs = history((WU, 30), (WU, 30), (WU, 30), (T, 40), (T, 40), (T, 40)).runs
    now = after(history(*[(T, 40)] * 6))
    interview = Interview(7, "Acme", "Analyst", now + timedelta(days=1))
    record = PracticeRecord(runs=runs, questions=POOLS, interviews=(interview,))
    advice = recommend(record, now=now)
    assert (advice.rung, advice.step) == (OW, Step.PLAN)
    assert advice.reason.startswith("Your interview at Acme is tomorrow. Today's run: One-way")
    assert "dress rehearsal" in advice.reason
    assert advice.question_keys[:2] == (20, 21)  # asked in real interviews come first
    assert advice.plan is not None and advice.plan.interview_day == interview.when.date()
    # A week ahead the plan starts on the rung the ladder gives; more than a week: no plan.
    week = replace(interview, when=now + timedelta(days=7))
    advice = recommend(replace(record, interviews=(week,)), now=now)
    assert advice.step is Step.PLAN and advice.plan is not None
    assert [r.rung for r in advice.plan.runs] == [OW] * 7 + [WU]  # then the day itself
    later = replace(interview, when=now + timedelta(days=8))
    advice = recommend(replace(record, interviews=(later,)), now=now)
    assert (advice.step, advice.plan) == (Step.UP, None)


def test_a_step_back_wins_over_the_plan_and_says_what_is_ahead() -> None:
    runs = history((T, 40), (T, 40), (T, 40), (T, 40, SessionStatus.INTERRUPTED)).runs
    now = runs[-1].started_at.astimezone() + timedelta(hours=20)
    interview = Interview(7, "Acme", "Analyst", now + timedelta(days=2))
    advice = recommend(PracticeRecord(runs=runs, interviews=(interview,)), now=now)
    assert (advice.rung, advice.step) == (WU, Step.BACK_ABANDONED)
    assert advice.plan is not None and advice.plan.runs[-2].rung is T


def test_interviews_to_log_and_unrated_runs_give_reminders() -> None:
    past = Interview(3, "Globex", "Analyst", START - timedelta(days=2))
    record = history((WU, None), (WU, None), (WU, None), interviews=(past,))
    advice = recommend(record, now=after(record))
    assert advice.reminders == (
        "Log how your interview at Globex went: nerves before and after, the questions they asked.",
        "Rate your nerves before each run: the coach uses them to tell when to step up.",
    )
    # Without ratings the coach steps up on the count of complete runs alone.
    assert advice.step is Step.UP


def test_drills_are_not_on_the_ladder_but_count_as_practice() -> None:
    record = history((WU, 30), (WU, 30), (None, 80), (WU, 30), days_apart=1)
    advice = recommend(record, now=after(record))
    assert (advice.rung, advice.step) == (T, Step.UP)


@pytest.mark.parametrize(
    ("values", "peak", "expected"),
    [
        ([40, 35, 30], 40, True),  # falling and calm
        ([38, 40, 36], 40, True),  # steady within 10 and calm
        ([30, 45, 30], 45, False),  # jumping about
        ([70, 65, 60], 90, False),  # falling but high: 60 > 40 and > 54
        ([60, 55, 52], 90, True),  # at most 60% of the peak
        ([], 0, True),  # no ratings: by count
    ],
)
def test_settled_rule(values: list[int], peak: int, expected: bool) -> None:
    assert settled(values, peak=peak) is expected


def test_staying_on_a_rung_says_how_many_runs_were_done_there() -> None:
    # Seen after a first run: "you have done 1 of the last three here", with no three runs.
    one = recommend(history((WU, 40)), now=after(history((WU, 40))))
    assert one.step is Step.REPEAT
    assert one.reason.endswith("you have done one run here so far.")
    assert one.evidence == ("Nerves before your last rated Warm-up run: 40.",)
    two = history((WU, 40), (WU, 35))
    assert recommend(two, now=after(two)).reason.endswith("you have done 2 runs here so far.")
    # three here, one of them ended early: that is what keeps the user on the rung
    early = history((WU, 40), (WU, 35, SessionStatus.INTERRUPTED), (WU, 30))
    advice = recommend(early, now=after(early))
    assert advice.step is Step.REPEAT, advice
    assert advice.reason.endswith("one of your last three here ended early."), advice.reason
