"""The coach for both front ends: the next run (Practice page, `greenroom coach`) and the
practice plan before a real interview (Interviews page, `greenroom interviews show`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine

from greenroom.analysis.coach import Recommendation, ladder_advice, recommend
from greenroom.analysis.practice_plan import PracticePlan, plan_for
from greenroom.core.bank import Question
from greenroom.core.interviews import Interview
from greenroom.store import banks_repo
from greenroom.store.coach_history import coach_history


def local_now() -> datetime:
    """Now, aware, in this machine's time zone (the coach's "today" is its date)."""
    return datetime.now().astimezone()


def recommend_next(
    engine: Engine, *, now: datetime | None = None, bank_ids: Sequence[str] | None = None
) -> Recommendation:
    """The next run from the user's own history (analysis.coach.recommend).

    Args:
        engine: The database.
        now: The user's current time (default: now, local).
        bank_ids: Pick weak and unseen questions from these banks only (None: all).
    """
    now = now or local_now()
    return recommend(coach_history(engine, bank_ids=bank_ids, now=now), now=now)


def interview_plan(
    engine: Engine, interview: Interview, *, now: datetime | None = None
) -> PracticePlan:
    """The runs to do before ``interview``, starting from the rung the coach recommends."""
    now = now or local_now()
    start = ladder_advice(coach_history(engine, now=now), now=now).rung
    return plan_for(interview, now.date(), start=start)


def recommended_questions(engine: Engine, recommendation: Recommendation) -> list[Question]:
    """The recommendation's questions, in its order (keys no longer stored are left out)."""
    found = banks_repo.questions_by_key(engine, list(recommendation.question_keys))
    return [found[k] for k in recommendation.question_keys if k in found]
