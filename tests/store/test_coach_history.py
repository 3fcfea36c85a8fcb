"""The coach's input built from the database, and the coach end to end on a real file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.analysis.coach import Step
from greenroom.core.bank import Bank, Category, Difficulty, Question
from greenroom.core.interviews import Interview
from greenroom.core.ladder import Rung
from greenroom.core.session import Answer, Mode, PracticeSession, SessionStatus
from greenroom.services import coach
from greenroom.store import banks_repo, interviews_repo, sessions_repo
from greenroom.store.coach_history import coach_history
from greenroom.store.database import open_database

T0 = datetime(2026, 4, 1, 18, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_database(tmp_path / "g.db").engine
    questions = (
        Question("hard", "Design a cache.", Category.TECHNICAL, Difficulty.HARD),
        Question("medium", "Why us?", Category.MOTIVATION),
        Question("opener", "Tell me about yourself.", Category.OPENER),
        Question("easy", "How did you get here?", Category.OPENER, Difficulty.EASY),
        Question("retired", "Old one?", Difficulty.EASY, retired=True),
    )
    banks_repo.save_bank(engine, Bank("mine", "Mine", questions=questions))
    banks_repo.save_bank(engine, Bank("other", "Other", questions=(Question("o", "Other?"),)))
    return engine


def _run(
    engine: Engine,
    day: int,
    mode: Mode,
    nerves: int | None,
    *,
    settings: dict[str, object] | None = None,
    finish: bool = True,
    answer: str | None = None,
) -> int:
    session = sessions_repo.create_session(
        engine,
        PracticeSession(
            None, T0 + timedelta(days=day), mode, settings=settings or {}, nerves_before=nerves
        ),
    )
    assert session.id
    if answer is not None:
        key = banks_repo.question_keys(engine, "mine")[answer]
        sessions_repo.record_answer(
            engine, Answer(None, session.id, key, answer, 0, transcript="x", delivery_index=30.0)
        )
    if finish:
        sessions_repo.finish_session(
            engine, session.id, ended_at=T0, nerves_after=None, confidence_after=None
        )
    else:
        sessions_repo.mark_interrupted_session(engine, session.id)
    return session.id


def test_runs_are_placed_on_the_ladder_oldest_first(engine: Engine) -> None:
    _run(engine, 2, Mode.ONE_WAY, 60, settings={"rung": "one-way-follow-ups"})
    _run(engine, 0, Mode.WARM_UP, 70, answer="medium")
    _run(engine, 1, Mode.DRILL, None, finish=False)
    sessions_repo.create_session(engine, PracticeSession(None, T0, Mode.TIMED))  # running now
    record = coach_history(engine, now=T0)
    assert [(r.rung, r.status, r.nerves_before, r.answers) for r in record.runs] == [
        (Rung.WARM_UP, SessionStatus.COMPLETED, 70, 1),
        (None, SessionStatus.INTERRUPTED, None, 0),
        (Rung.ONE_WAY_FOLLOW_UPS, SessionStatus.COMPLETED, 60, 0),
    ]
    assert [r.session_id for r in record.ladder_runs] == [2, 1]  # ids in the order added


def test_question_pools_weak_unseen_gentlest_first_and_asked(engine: Engine) -> None:
    _run(engine, 0, Mode.WARM_UP, 50, answer="medium")
    keys = banks_repo.question_keys(engine, "mine")
    interview, _ = interviews_repo.add_interview(engine, Interview(None, "Acme", "Analyst", T0))
    assert interview.id
    for text in ("Why should we hire you?", "What is your weakness?"):
        interviews_repo.add_asked_question(engine, interview.id, text)
    record = coach_history(engine, now=T0 + timedelta(days=1))
    pools = record.questions
    assert pools.weak == (keys["medium"],)
    names = {v: k for k, v in keys.items()}
    assert [names.get(k, "other") for k in pools.unseen] == ["easy", "opener", "other", "hard"]
    only_mine = coach_history(engine, bank_ids=["mine"], now=T0).questions.unseen
    assert [names[k] for k in only_mine] == ["easy", "opener", "hard"]
    asked = banks_repo.questions_by_key(engine, list(pools.asked))
    assert [asked[k].text for k in pools.asked] == [
        "What is your weakness?",  # both never practised: the most recently asked first
        "Why should we hire you?",
    ]
    assert [i.company for i in record.interviews] == ["Acme"]


def test_the_coach_end_to_end_on_a_real_database(engine: Engine) -> None:
    now = (T0 + timedelta(days=3)).astimezone()
    first = coach.recommend_next(engine, now=now)
    assert (first.rung, first.step) == (Rung.WARM_UP, Step.FIRST)
    assert [q.id for q in coach.recommended_questions(engine, first)] == [
        "easy",
        "opener",
        "medium",
    ]
    for day, nerves in ((0, 45), (1, 40), (2, 35)):
        _run(engine, day, Mode.WARM_UP, nerves)
    advice = coach.recommend_next(engine, now=now)
    assert (advice.rung, advice.step, advice.mode) == (Rung.TIMED, Step.UP, Mode.TIMED)
    interview = Interview(None, "Acme", "Analyst", now + timedelta(days=2))
    plan = coach.interview_plan(engine, interview, now=now)
    assert [r.rung for r in plan.runs] == [Rung.TIMED, Rung.ONE_WAY, Rung.WARM_UP]
