"""What the coach says: plain, kind sentences about behaviour and figures, never character.

Kept apart from the rule (analysis.coach) so the wording can change without touching it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from greenroom.core.interviews import Interview
from greenroom.core.ladder import Rung
from greenroom.core.practice_record import PracticeRecord

LOG_WITHIN_DAYS = 30  # remind the user to log interviews this recent
UNRATED_RUNS = 3  # remind to rate nerves after this many unrated runs in a row

FIRST = (
    "Start gently: a Warm-up run, untimed, with retakes and feedback after each answer. "
    "There is nothing to beat yet; this run is your starting point."
)
TOP = (
    "You are on the top rung and your nerves before these runs have settled. Keep a run "
    "every few days, and treat your next real interview as one more test run."
)


def _figures(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values)


def nerves_evidence(rung: Rung, values: Sequence[int], runs: int) -> str:
    if not runs:
        return f"No runs on {rung.label} yet."
    if not values:
        recent = "One recent run" if runs == 1 else f"{runs} recent runs"
        return f"{recent} on {rung.label}, none with a nerves rating."
    if len(values) == 1:
        return f"Nerves before your last rated {rung.label} run: {values[0]}."
    return f"Nerves before your last {len(values)} rated {rung.label} runs: {_figures(values)}."


def not_yet(rung: Rung, runs: int, ended_early: int = 0) -> str:
    """``runs``: the user's latest runs on this rung (at most three); ``ended_early``: how many
    of those did not reach their end."""
    stay = f"Stay on {rung.label} for now. Nerves usually settle over about three runs on a rung"
    if runs >= 3 and ended_early:
        which = "one" if ended_early == 1 else str(ended_early)
        return f"{stay}; {which} of your last three here ended early."
    done = "one run" if runs == 1 else f"{runs} runs"
    return f"{stay}; you have done {done} here so far."


def still_moving(rung: Rung, values: Sequence[int]) -> str:
    return (
        f"Stay on {rung.label}: your nerves before these runs ({_figures(values)}) have not "
        "settled yet. You step up once they hold steady or keep falling at a calmer level."
    )


def step_up(rung: Rung, up: Rung, values: Sequence[int]) -> str:
    shown = f" ({_figures(values)})" if values else ""
    return (
        f"Your nerves before {rung.label} runs have settled{shown}. Time to step up: "
        f"{up.label}. Expect them to rise a little at first; that is part of it."
    )


def second_run(rung: Rung) -> str:
    return (
        f"Your nerves rose on your second {rung.label} run. That is common and usually eases "
        f"over the next runs, so stay on {rung.label}."
    )


def spike(rung: Rung, before: int, baseline: float) -> str:
    down = rung.down()
    if down is rung:
        return (
            f"Your nerves before this run ({before}) were well above your usual ({baseline:.0f}). "
            f"Take the next {rung.label} run gently; it is fine to use retakes."
        )
    return (
        f"Your nerves before this run ({before}) were well above your usual on {rung.label} "
        f"(about {baseline:.0f}). Step back to {down.label} for one run, then climb again."
    )


def spike_evidence(rung: Rung, before: int, baseline: float) -> str:
    return (
        f"Nerves before your last {rung.label} run: {before}; mean of the runs before it: "
        f"{baseline:.0f}."
    )


def abandoned(rung: Rung) -> str:
    down = rung.down()
    if down is rung:
        return (
            f"Your last run ended early. That is all right: another {rung.label} run, with "
            "fewer questions if you like."
        )
    return (
        f"Your last run ended early. That is all right. Take one run on {down.label}, then "
        "come back up."
    )


def gap(days: int, rung: Rung) -> str:
    return (
        f"It has been {days} days since your last run. Start on {rung.label} for one run to "
        "find your feet again, then carry on where you were."
    )


def back_up(lower: Rung, working: Rung) -> str:
    return f"That {lower.label} run went fine. Back up to {working.label}."


def plan_reason(interview: Interview, today: date, rung: Rung, focus: str) -> str:
    days = (interview.when.date() - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    return f"Your interview at {interview.company} is {when}. Today's run: {rung.label}, {focus}."


def reminders(record: PracticeRecord, *, now: datetime) -> tuple[str, ...]:
    out = [
        f"Log how your interview at {i.company} went: nerves before and after, the questions "
        "they asked."
        for i in sorted(record.interviews, key=lambda i: i.when)
        if i.when <= now and now - i.when <= timedelta(days=LOG_WITHIN_DAYS) and not i.logged
    ]
    recent = record.runs[-UNRATED_RUNS:]
    if len(recent) == UNRATED_RUNS and all(r.nerves_before is None for r in recent):
        out.append("Rate your nerves before each run: the coach uses them to tell when to step up.")
    return tuple(out)
