"""Banks, sessions and answers through the store: what goes in comes back as core dataclasses."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.core.bank import Bank, Category, Difficulty, Question
from greenroom.core.errors import GreenroomError
from greenroom.core.session import Answer, AnswerKind, Mode, PracticeSession, SessionStatus
from greenroom.store import banks_repo, sessions_repo
from greenroom.store.database import open_database

T0 = datetime(2026, 3, 1, 18, 30, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path / "g.db").engine


def _bank(*questions: Question, bank_id: str = "mine") -> Bank:
    return Bank(id=bank_id, title="Mine", questions=questions)


Q1 = Question(id="why-us", text="Why us?", category=Category.MOTIVATION, key_points=("mission",))
Q2 = Question(id="conflict", text="Tell me about a conflict.", difficulty=Difficulty.HARD)


def test_bank_round_trips_through_the_database(engine: Engine) -> None:
    summary = banks_repo.save_bank(engine, _bank(Q1, Q2))
    assert (summary.created, summary.added) == (True, 2)
    stored = banks_repo.get_bank(engine, "mine")
    assert [q.text for q in stored.questions] == ["Why us?", "Tell me about a conflict."]
    assert stored.questions[0].category is Category.MOTIVATION
    assert stored.questions[0].key_points == ("mission",)
    assert stored.questions[1].difficulty is Difficulty.HARD


def test_resaving_retires_missing_questions_and_keeps_their_answers(engine: Engine) -> None:
    banks_repo.save_bank(engine, _bank(Q1, Q2))
    key = banks_repo.question_keys(engine, "mine")["conflict"]
    session = sessions_repo.create_session(engine, PracticeSession(None, T0, Mode.TIMED))
    assert session.id is not None
    sessions_repo.record_answer(
        engine, Answer(None, session.id, key, Q2.text, 0, transcript="We talked.")
    )
    changed = replace(Q1, text="Why do you want to work here?")
    summary = banks_repo.save_bank(engine, _bank(changed))
    assert (summary.added, summary.updated, summary.retired, summary.unchanged) == (0, 1, 1, 0)
    assert [q.id for q in banks_repo.get_bank(engine, "mine").questions] == ["why-us"]
    everything = banks_repo.get_bank(engine, "mine", include_retired=True)
    assert [(q.id, q.retired) for q in everything.questions] == [
        ("why-us", False),
        ("conflict", True),
    ]
    answer = sessions_repo.get_session(engine, session.id).answers[0]
    assert answer.question_key == key and answer.transcript == "We talked."


def test_a_user_bank_cannot_replace_a_builtin_one(engine: Engine) -> None:
    banks_repo.save_bank(engine, _bank(Q1, bank_id="openers"), builtin=True)
    with pytest.raises(GreenroomError, match="built-in"):
        banks_repo.save_bank(engine, _bank(Q2, bank_id="openers"))
    assert [q.id for q in banks_repo.get_bank(engine, "openers").questions] == ["why-us"]


def test_list_banks_counts_only_active_questions(engine: Engine) -> None:
    banks_repo.save_bank(engine, _bank(Q1, Q2))
    banks_repo.save_bank(engine, _bank(Q1))
    [listing] = banks_repo.list_banks(engine)
    assert (listing.id, listing.question_count, listing.categories) == ("mine", 1, ("motivation",))


def test_each_answer_is_committed_on_its_own(engine: Engine) -> None:
    session = sessions_repo.create_session(
        engine, PracticeSession(None, T0, Mode.ONE_WAY, nerves_before=70)
    )
    assert session.id is not None
    words = [{"text": "Hello", "start": 0.5, "end": 0.9, "probability": 0.98}]
    sessions_repo.record_answer(
        engine,
        Answer(
            None,
            session.id,
            None,
            "Q?",
            0,
            words=words,
            started_at=T0,
            duration_seconds=42.5,
            metrics={"fillers_per_minute": 2.5},
        ),
    )
    # A second process (as after a crash) sees the committed answer at once.
    other = open_database(Path(str(engine.url.database))).engine
    [answer] = sessions_repo.get_session(other, session.id).answers
    assert answer.words == words and answer.metrics == {"fillers_per_minute": 2.5}
    assert answer.started_at == T0 and answer.kind is AnswerKind.SPOKEN


def test_sessions_left_in_progress_are_marked_interrupted(engine: Engine) -> None:
    done = sessions_repo.create_session(engine, PracticeSession(None, T0, Mode.TIMED))
    assert done.id is not None
    sessions_repo.finish_session(
        engine, done.id, ended_at=T0 + timedelta(minutes=10), nerves_after=40, confidence_after=65
    )
    sessions_repo.create_session(engine, PracticeSession(None, T0 + timedelta(hours=1), Mode.TIMED))
    assert sessions_repo.mark_interrupted(engine) == 1
    statuses = {s.id: s.status for s in sessions_repo.list_sessions(engine)}
    assert statuses[done.id] is SessionStatus.COMPLETED
    assert sorted(statuses.values()) == sorted([SessionStatus.COMPLETED, SessionStatus.INTERRUPTED])


def test_times_come_back_in_utc_whatever_zone_went_in(engine: Engine) -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    stored = sessions_repo.create_session(engine, PracticeSession(None, local, Mode.DRILL))
    assert stored.id is not None
    back = sessions_repo.get_session(engine, stored.id)
    assert back.started_at == local and back.started_at.tzinfo == UTC


def test_out_of_range_self_reports_are_rejected_by_the_database(engine: Engine) -> None:
    with pytest.raises(Exception, match="CHECK constraint"):
        sessions_repo.create_session(
            engine, PracticeSession(None, T0, Mode.TIMED, nerves_before=140)
        )
