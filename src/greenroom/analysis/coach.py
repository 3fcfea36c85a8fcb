"""The coach: which run to do next, from the user's own history (docs/coach.md).

The ladder is Warm-up, Timed, One-way, One-way with follow-ups and shorter prep. The rule,
checked in this order on the runs of the ladder (drills left out), oldest first:

1. No run yet: Warm-up.
2. Long gap: more than GAP_DAYS days since the last run of any kind (drills count) or real
   interview: one rung below the working rung (the highest rung of the last three runs), for
   one run.
3. Abandoned: the last run was left part-way: one rung below it.
4. Spike: the last run's nerves before were SPIKE_POINTS or more above the mean of the (up to
   three) earlier rated runs on that rung: one rung below, unless it was only the second run
   on that rung, where a rise is common and passes (stay).
5. Return: the last run was below the working rung (a step back) and went fine: back up.
6. Settled: the last SETTLE_RUNS runs on the working rung were all completed, and their nerves
   before lie within SETTLE_BAND points or fall run on run, and the latest is CALM or less, or
   at most RELATIVE_CALM of the highest rating ever given on that rung: step up.
7. Otherwise: repeat the working rung.

A real interview within practice_plan.PLAN_DAYS days replaces 5-7 by its plan's run for today
(steps back still win). Questions: weak ones first, then unseen ones, and the questions asked
in real interviews (first, when an interview is near).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from greenroom.analysis import coach_text
from greenroom.analysis.practice_plan import PLAN_DAYS, PracticePlan, plan_for
from greenroom.core.interviews import Interview
from greenroom.core.ladder import Rung
from greenroom.core.practice_record import PracticeRecord, QuestionPools, RunRecord
from greenroom.core.session import Mode

GAP_DAYS = 14
SPIKE_POINTS = 15
SETTLE_RUNS = 3
SETTLE_BAND = 10
CALM = 40
RELATIVE_CALM = 0.6
BASELINE_RUNS = 3
QUESTIONS = {Rung.WARM_UP: 3, Rung.TIMED: 4, Rung.ONE_WAY: 5, Rung.ONE_WAY_FOLLOW_UPS: 5}


class Step(StrEnum):
    """What kind of advice it is (the GUI may show an icon per kind)."""

    FIRST = "first"
    REPEAT = "repeat"
    UP = "up"
    TOP = "top"  # settled on the top rung: keep going
    RETURN = "return"  # back up after a step back
    BACK_SPIKE = "back-spike"
    BACK_ABANDONED = "back-abandoned"
    BACK_GAP = "back-gap"
    PLAN = "plan"  # today's run of the plan for a real interview


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The next run, and why.

    Attributes:
        rung: The rung to run (``mode`` is its Practice mode).
        question_keys: Questions in the order to ask them (database keys).
        follow_ups: Whether the interviewer asks follow-up questions.
        prep_seconds: Thinking time to set, None for each question's own.
        step: What kind of advice this is.
        reason: One or two plain sentences for the user.
        evidence: The figures the advice rests on, one line each.
        reminders: Things to do besides practising ("Log how ... went").
        plan: The plan for a real interview in the next PLAN_DAYS days, if any.
    """

    rung: Rung
    question_keys: tuple[int, ...]
    follow_ups: bool
    prep_seconds: int | None
    step: Step
    reason: str
    evidence: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()
    plan: PracticePlan | None = None

    @property
    def mode(self) -> Mode:
        return self.rung.mode

    @property
    def settings(self) -> dict[str, object]:
        """What to store in the session's settings so the run counts on this rung."""
        return {"rung": self.rung.value, "follow_ups": self.follow_ups}


@dataclass(frozen=True, slots=True)
class Advice:
    """The ladder's part of a recommendation: the rung, and why."""

    rung: Rung
    step: Step
    reason: str
    evidence: tuple[str, ...] = ()


def recommend(record: PracticeRecord, *, now: datetime) -> Recommendation:
    """The next run for the user whose history is ``record``.

    Args:
        record: Runs (oldest first), question pools and real interviews.
        now: The user's current time, aware, in their own time zone (its date is "today").
    """
    advice = ladder_advice(record, now=now)
    interview = next_interview(record.interviews, now=now)
    plan = plan_for(interview, now.date(), start=advice.rung) if interview else None
    planned = plan.run_on(now.date()) if plan else None
    if interview and planned and advice.step not in _STEPS_BACK:
        advice = Advice(
            planned.rung,
            Step.PLAN,
            coach_text.plan_reason(interview, now.date(), planned.rung, planned.focus),
            advice.evidence,
        )
    rung = advice.rung
    return Recommendation(
        rung=rung,
        question_keys=pick_questions(
            record.questions, QUESTIONS[rung], asked_first=interview is not None
        ),
        follow_ups=rung.follow_ups,
        prep_seconds=rung.prep_seconds,
        step=advice.step,
        reason=advice.reason,
        evidence=advice.evidence,
        reminders=coach_text.reminders(record, now=now),
        plan=plan,
    )


_STEPS_BACK = (Step.BACK_SPIKE, Step.BACK_ABANDONED, Step.BACK_GAP)


def ladder_advice(record: PracticeRecord, *, now: datetime) -> Advice:
    """Rules 1-7 of the module docstring."""
    runs = record.ladder_runs
    if not runs:
        return Advice(Rung.WARM_UP, Step.FIRST, coach_text.FIRST)
    last = runs[-1]
    assert last.rung is not None  # ladder runs have one
    working = max((r.rung for r in runs[-SETTLE_RUNS:] if r.rung), key=lambda r: r.level)
    gap = days_since_practice(record, now=now)
    if gap > GAP_DAYS:
        return Advice(working.down(), Step.BACK_GAP, coach_text.gap(gap, working.down()))
    if not last.completed:
        return Advice(last.rung.down(), Step.BACK_ABANDONED, coach_text.abandoned(last.rung))
    spike = _spike(runs, last)
    if spike is not None:
        before, baseline = spike
        evidence = (coach_text.spike_evidence(last.rung, before, baseline),)
        if _runs_on(runs, last.rung, completed=True).index(last) == 1:
            return Advice(last.rung, Step.REPEAT, coach_text.second_run(last.rung), evidence)
        reason = coach_text.spike(last.rung, before, baseline)
        return Advice(last.rung.down(), Step.BACK_SPIKE, reason, evidence)
    if last.rung.level < working.level:
        return Advice(working, Step.RETURN, coach_text.back_up(last.rung, working))
    return _settle_advice(runs, working)


def _settle_advice(runs: tuple[RunRecord, ...], rung: Rung) -> Advice:
    recent = _runs_on(runs, rung)[-SETTLE_RUNS:]
    values = [r.nerves_before for r in recent if r.nerves_before is not None]
    evidence = (coach_text.nerves_evidence(rung, values, len(recent)),)
    if len(recent) < SETTLE_RUNS or not all(r.completed for r in recent):
        early = sum(1 for r in recent if not r.completed)
        return Advice(rung, Step.REPEAT, coach_text.not_yet(rung, len(recent), early), evidence)
    rated = [r.nerves_before for r in _runs_on(runs, rung) if r.nerves_before is not None]
    peak = max(rated, default=0)
    if not settled(values, peak=peak):
        return Advice(rung, Step.REPEAT, coach_text.still_moving(rung, values), evidence)
    if rung is Rung.ONE_WAY_FOLLOW_UPS:
        return Advice(rung, Step.TOP, coach_text.TOP, evidence)
    return Advice(rung.up(), Step.UP, coach_text.step_up(rung, rung.up(), values), evidence)


def settled(values: list[int], *, peak: int) -> bool:
    """Nerves before the last runs on a rung have settled (rule 6); no ratings: by count."""
    if not values:
        return True
    steady = max(values) - min(values) <= SETTLE_BAND
    falling = all(b <= a for a, b in itertools.pairwise(values))
    calm = values[-1] <= CALM or values[-1] <= RELATIVE_CALM * peak
    return (steady or falling) and calm


def _spike(runs: tuple[RunRecord, ...], last: RunRecord) -> tuple[int, float] | None:
    """(nerves before, baseline) when the last run spiked (rule 4), else None."""
    if last.nerves_before is None or last.rung is None:
        return None
    earlier = [
        r.nerves_before
        for r in _runs_on(runs, last.rung, completed=True)
        if r is not last and r.nerves_before is not None
    ][-BASELINE_RUNS:]
    if not earlier:
        return None
    baseline = sum(earlier) / len(earlier)
    return (last.nerves_before, baseline) if last.nerves_before >= baseline + SPIKE_POINTS else None


def days_since_practice(record: PracticeRecord, *, now: datetime) -> int:
    """Whole days since the last run or real interview that has taken place."""
    times = [r.started_at for r in record.runs[-1:]]
    times += [i.when for i in record.interviews if i.when <= now]
    return (now - max(times)).days


def _runs_on(
    runs: tuple[RunRecord, ...], rung: Rung, *, completed: bool = False
) -> list[RunRecord]:
    return [r for r in runs if r.rung is rung and (r.completed or not completed)]


def next_interview(interviews: tuple[Interview, ...], *, now: datetime) -> Interview | None:
    """The soonest real interview from today to PLAN_DAYS days ahead, if any."""
    today = now.date()
    soon = [i for i in interviews if 0 <= (i.when.date() - today).days <= PLAN_DAYS]
    return min(soon, key=lambda i: i.when, default=None)


def pick_questions(pools: QuestionPools, count: int, *, asked_first: bool) -> tuple[int, ...]:
    """Up to ``count`` keys: about half weak ones, one asked in a real interview (more when an
    interview is near), unseen ones to fill; then whatever is left, in the same order."""
    half = (count + 1) // 2
    if asked_first:
        quotas = ((pools.asked, half), (pools.weak, half), (pools.unseen, count))
    else:
        quotas = ((pools.weak, half), (pools.asked, 1), (pools.unseen, count))
    chosen: list[int] = []
    for pool, quota in quotas:
        chosen += [k for k in pool if k not in chosen][: min(quota, count - len(chosen))]
    for pool, _ in quotas:
        chosen += [k for k in pool if k not in chosen][: count - len(chosen)]
    return tuple(chosen)
