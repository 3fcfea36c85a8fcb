"""A practice plan for the days before a real interview: one run a day, climbing to a
realistic rehearsal the day before.

Rule (docs/coach.md, "Before a real interview"):

* The plan covers at most the PLAN_DAYS days before the interview: one run a day from
  ``max(today, interview day - PLAN_DAYS)`` to the day before, and an optional short warm-up
  on the day itself.
* The runs climb from ``start`` (the rung the coach recommends today) towards the rehearsal
  rung (One-way, or the top rung for someone already there), at most one rung a day, as late as
  possible: the early days repeat the starting rung, the last days step up. With a week or more
  that makes the day before a One-way interview; with less time it is as high as one rung a day
  reaches (a deadline compresses the ladder, it does not skip rungs).
* On the interview day: only the optional warm-up. After it: no runs, a reminder to log it.

Each run has a focus: the day before is a dress rehearsal; earlier days take the unticked
preparation steps of the interview's checklist first, then stories, "why them" and weak answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from greenroom.core.interviews import DEFAULT_CHECKLIST, Interview
from greenroom.core.ladder import Rung

PLAN_DAYS = 7
REHEARSAL = Rung.ONE_WAY
_CHECKLIST_FOCUS = dict(
    zip(
        DEFAULT_CHECKLIST,
        (
            "what you found out about {company}: why this role, why them",
            "your three stories, each with what you did and the result",
            "your questions for them, said aloud at the end",
            "check the route or the link and the time, then your opening answer",
            "pack what to bring, then your opening answer",
        ),
        strict=True,
    )
)
_STANDING_FOCUS = (
    "the answers you found hardest, then new ones",
    "your three stories, each with what you did and the result",
    "why {company}, why this role",
    "questions you were asked in earlier interviews",
)
REHEARSAL_FOCUS = (
    "dress rehearsal: answer as you will tomorrow, finish with your questions for them, "
    "then stop for the day"
)
DAY_FOCUS = "optional, a few hours before: your opening answer aloud once; nothing new today"


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """One suggested run: its day, rung and what to focus on."""

    day: date
    rung: Rung
    focus: str
    optional: bool = False

    @property
    def follow_ups(self) -> bool:
        return self.rung.follow_ups


@dataclass(frozen=True, slots=True)
class PracticePlan:
    """Runs oldest first, and one line saying what the plan is (or why there is none)."""

    interview_day: date
    runs: tuple[PlannedRun, ...]
    note: str

    def run_on(self, day: date) -> PlannedRun | None:
        return next((r for r in self.runs if r.day == day), None)


def plan_for(interview: Interview, today: date, *, start: Rung = Rung.WARM_UP) -> PracticePlan:
    """The suggested runs before ``interview``, seen from ``today``.

    Args:
        interview: The real interview (its own local date counts).
        today: The user's date now.
        start: The rung to start from (the coach's recommendation for today).
    """
    day = interview.when.date()
    left = (day - today).days
    if left < 0:
        note = f"This interview was on {day:%a %d %b}. Log how it went: nerves, questions, outcome."
        return PracticePlan(day, (), note)
    on_the_day = PlannedRun(day, Rung.WARM_UP, DAY_FOCUS, optional=True)
    if left == 0:
        return PracticePlan(day, (on_the_day,), "It's today. Only a light warm-up, if any.")
    first = max(today, day - timedelta(days=PLAN_DAYS))
    days = [first + timedelta(days=k) for k in range((day - first).days)]
    rungs = climb(start, len(days))
    focus = _focus(interview, len(days))
    runs = tuple(PlannedRun(d, r, f) for d, r, f in zip(days, rungs, focus, strict=True))
    return PracticePlan(day, (*runs, on_the_day), _note(left, first, today, rungs[-1]))


def climb(start: Rung, count: int) -> list[Rung]:
    """Rungs for ``count`` daily runs: start, then up a rung a day as late as possible."""
    target = Rung.ONE_WAY_FOLLOW_UPS if start is Rung.ONE_WAY_FOLLOW_UPS else REHEARSAL
    top = max(start.level, target.level)
    levels = [min(max(start.level, top - (count - 1 - k)), start.level + k) for k in range(count)]
    ladder = list(Rung)
    return [ladder[level] for level in levels]


def _focus(interview: Interview, count: int) -> list[str]:
    unticked = [
        _CHECKLIST_FOCUS.get(item.text, f"tick off: {item.text}")
        for item in interview.checklist
        if not item.done
    ]
    pool = [*unticked, *(f for f in _STANDING_FOCUS if f not in unticked)]
    # replace, not format: a checklist item of the user's may hold braces
    early = [pool[k % len(pool)].replace("{company}", interview.company) for k in range(count - 1)]
    return [*early, REHEARSAL_FOCUS]


def _note(left: int, first: date, today: date, last: Rung) -> str:
    when = "tomorrow" if left == 1 else f"in {left} days"
    head = f"The interview is {when}: one run a day, ending with a {last.label} the day before."
    if first > today:
        return f"{head} Until {first:%a %d %b}, follow the coach two or three times a week."
    return head
