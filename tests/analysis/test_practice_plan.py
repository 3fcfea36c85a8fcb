"""The plan before a real interview: sensible tomorrow, today, in the past and weeks away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from greenroom.analysis.practice_plan import PLAN_DAYS, REHEARSAL_FOCUS, climb, plan_for
from greenroom.core.interviews import ChecklistItem, Interview, default_checklist
from greenroom.core.ladder import Rung

TODAY = date(2026, 6, 1)
WU, T, OW, TOP = Rung.WARM_UP, Rung.TIMED, Rung.ONE_WAY, Rung.ONE_WAY_FOLLOW_UPS


def interview_in(days: int, **changes: object) -> Interview:
    when = datetime(2026, 6, 1, 10, 30, tzinfo=timezone(timedelta(hours=2))) + timedelta(days)
    return replace(Interview(1, "Acme", "Analyst", when), **changes)


def test_a_week_ahead_one_run_a_day_ending_with_a_one_way_rehearsal() -> None:
    plan = plan_for(interview_in(7), TODAY)
    days = [r.day for r in plan.runs]
    assert days == [TODAY + timedelta(k) for k in range(8)]
    assert [r.rung for r in plan.runs] == [WU] * 5 + [T, OW, WU]
    rehearsal, on_the_day = plan.runs[-2:]
    assert rehearsal.focus == REHEARSAL_FOCUS and not rehearsal.optional
    assert on_the_day.optional and on_the_day.day == date(2026, 6, 8)
    assert plan.note == (
        "The interview is in 7 days: one run a day, ending with a One-way interview the day before."
    )
    assert plan.run_on(TODAY) is plan.runs[0] and plan.run_on(date(2026, 7, 1)) is None


def test_weeks_away_the_plan_covers_the_last_week_only() -> None:
    plan = plan_for(interview_in(30), TODAY, start=T)
    assert len(plan.runs) == PLAN_DAYS + 1 and plan.runs[0].day == date(2026, 6, 24)
    assert "Until Wed 24 Jun, follow the coach two or three times a week." in plan.note


def test_tomorrow_one_run_today_no_higher_than_a_rung_a_day_allows() -> None:
    assert [r.rung for r in plan_for(interview_in(1), TODAY, start=OW).runs] == [OW, WU]
    assert [r.rung for r in plan_for(interview_in(1), TODAY, start=WU).runs] == [WU, WU]
    tomorrow = plan_for(interview_in(1), TODAY, start=TOP)
    assert tomorrow.runs[0].rung is TOP and tomorrow.runs[0].follow_ups
    assert tomorrow.note.startswith("The interview is tomorrow")


def test_today_only_a_light_optional_warm_up() -> None:
    plan = plan_for(interview_in(0), TODAY, start=OW)
    [run] = plan.runs
    assert (run.rung, run.optional, run.day) == (WU, True, TODAY)
    assert plan.note == "It's today. Only a light warm-up, if any."


def test_past_interviews_have_no_runs_and_ask_to_be_logged() -> None:
    plan = plan_for(interview_in(-3), TODAY)
    assert plan.runs == () and "Log how it went" in plan.note


def test_unticked_checklist_steps_come_first_and_ticked_ones_not_at_all() -> None:
    checklist = tuple(replace(i, done=n != 0) for n, i in enumerate(default_checklist()))
    checklist += (ChecklistItem("Print the {portfolio}"),)  # braces are just text
    plan = plan_for(interview_in(4, checklist=checklist), TODAY)
    focus = [r.focus for r in plan.runs]
    assert focus[0] == "what you found out about Acme: why this role, why them"
    assert focus[1] == "tick off: Print the {portfolio}"
    assert focus[3] == REHEARSAL_FOCUS
    assert not any("pack what to bring" in f for f in focus)


@pytest.mark.parametrize(
    ("start", "count", "rungs"),
    [
        (WU, 1, [WU]),
        (WU, 2, [WU, T]),
        (WU, 3, [WU, T, OW]),
        (T, 4, [T, T, T, OW]),
        (OW, 2, [OW, OW]),
        (TOP, 3, [TOP, TOP, TOP]),
    ],
)
def test_climb_goes_up_at_most_a_rung_a_day_as_late_as_possible(
    start: Rung, count: int, rungs: list[Rung]
) -> None:
    assert climb(start, count) == rungs
