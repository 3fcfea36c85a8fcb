"""Real interviews through the store: what goes in comes back, and the asked-questions bank."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.core.bank import MAX_TEXT_CHARS
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import (
    ASKED_BANK_ID,
    ChecklistItem,
    Interview,
    InterviewFormat,
    InterviewOutcome,
    default_checklist,
)
from greenroom.core.session import Answer, Mode, PracticeSession
from greenroom.store import bank_edit_repo, banks_repo, interviews_repo, sessions_repo
from greenroom.store.database import open_database
from greenroom.store.nerves_progress import PointKind, interview_points, nerves_points

IST = timezone(timedelta(hours=5, minutes=30))
WHEN = datetime(2026, 3, 10, 14, 30, tzinfo=IST)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path / "g.db").engine


def _add(engine: Engine, **changes: object) -> Interview:
    draft = replace(Interview(None, "Acme", "Data analyst", WHEN), **changes)
    interview, created = interviews_repo.add_interview(engine, draft)
    assert created
    return interview


def test_an_interview_round_trips_with_its_own_time_zone(engine: Engine) -> None:
    stored = _add(engine, format=InterviewFormat.VIDEO, want_before=None, notes="Ünïcode — 面接")
    again = interviews_repo.get_interview(engine, stored.id or 0)
    assert again == stored
    assert again.when == WHEN and again.when.utcoffset() == timedelta(hours=5, minutes=30)
    assert again.when.hour == 14  # shown at its own wall-clock time, stored as UTC
    assert again.checklist == default_checklist() and not any(i.done for i in again.checklist)
    assert (again.nerves_before, again.went, again.outcome, again.want_before) == (None,) * 4
    assert again.created_at is not None and again.created_at.tzinfo is UTC


def test_adding_the_same_interview_twice_keeps_one(engine: Engine) -> None:
    first = _add(engine)
    same = Interview(None, "  ACME ", "data  analyst", WHEN.astimezone(UTC))
    again, created = interviews_repo.add_interview(engine, same)
    assert not created and again.id == first.id
    other, created = interviews_repo.add_interview(engine, replace(same, role="Analyst"))
    assert created and other.id != first.id
    assert len(interviews_repo.list_interviews(engine)) == 2


def test_impossible_values_are_refused_before_anything_is_written(engine: Engine) -> None:
    for bad in (
        {"nerves_before": 101},
        {"went": 0},
        {"want_before": 11},
        {"company": "  "},
        {"when": datetime(2026, 3, 10, 14, 30)},  # no time zone
        {"checklist": (ChecklistItem(""),)},
    ):
        with pytest.raises(GreenroomError):
            interviews_repo.add_interview(engine, replace(Interview(None, "A", "B", WHEN), **bad))
    assert interviews_repo.list_interviews(engine) == []


def test_asked_questions_go_to_a_personal_bank_once(engine: Engine) -> None:
    first = _add(engine)
    second = _add(engine, company="Globex", when=WHEN + timedelta(days=7))
    assert first.id and second.id
    interviews_repo.add_asked_question(engine, first.id, "Why do you want to leave?")
    interviews_repo.add_asked_question(engine, first.id, "why do you want to leave")  # again
    interviews_repo.add_asked_question(engine, second.id, "Why  do you want to LEAVE?!")
    bank = banks_repo.get_bank(engine, ASKED_BANK_ID)
    assert (bank.title, bank.builtin) == ("Asked in real interviews", False)
    [question] = bank.questions
    assert question.text == "Why do you want to leave?"
    assert question.tips == "Asked at Acme (Data analyst) on 2026-03-10."
    assert [q.text for q in interviews_repo.get_interview(engine, first.id).asked] == [
        "Why do you want to leave?"
    ]
    [linked] = interviews_repo.get_interview(engine, second.id).asked
    assert linked.text == "Why  do you want to LEAVE?!"  # verbatim in the interview
    assert linked.bank_question_id == question.id


def test_deleting_an_interview_keeps_its_questions_in_the_bank(engine: Engine) -> None:
    interview = _add(engine)
    assert interview.id
    interviews_repo.add_asked_question(engine, interview.id, "What is your biggest weakness?")
    interviews_repo.delete_interview(engine, interview.id)
    with pytest.raises(GreenroomError, match="no interview with id"):
        interviews_repo.get_interview(engine, interview.id)
    bank = banks_repo.get_bank(engine, ASKED_BANK_ID)
    assert [q.text for q in bank.questions] == ["What is your biggest weakness?"]


def test_a_retired_question_asked_again_comes_back(engine: Engine) -> None:
    interview = _add(engine)
    assert interview.id
    asked = interviews_repo.add_asked_question(engine, interview.id, "Tell me about a failure.")
    assert asked.bank_question_id
    bank_edit_repo.set_retired(engine, ASKED_BANK_ID, asked.bank_question_id, retired=True)
    later = _add(engine, when=WHEN + timedelta(days=30))
    assert later.id
    interviews_repo.add_asked_question(engine, later.id, "Tell me about a failure")
    [question] = banks_repo.get_bank(engine, ASKED_BANK_ID).questions
    assert not question.retired


def test_text_of_any_length_and_script_is_kept_verbatim(engine: Engine) -> None:
    long_question = "Расскажите о проекте, " * 200 + "которым вы гордитесь?"
    interview = _add(engine, company="株式会社テスト" * 100, people_met=("Zoë 👋",))
    assert interview.id
    interviews_repo.add_asked_question(engine, interview.id, long_question)
    again = interviews_repo.get_interview(engine, interview.id)
    assert again.company == "株式会社テスト" * 100 and again.people_met == ("Zoë 👋",)
    assert again.asked[0].text == long_question.strip()
    [question] = banks_repo.get_bank(engine, ASKED_BANK_ID).questions
    assert len(question.text) <= MAX_TEXT_CHARS and question.text.endswith("…")
    assert long_question.startswith(question.text[:-1])


def test_a_blank_asked_question_is_refused_and_updates_check_everything(engine: Engine) -> None:
    interview = _add(engine)
    assert interview.id
    with pytest.raises(GreenroomError, match="empty"):
        interviews_repo.add_asked_question(engine, interview.id, "   ")
    with pytest.raises(GreenroomError, match="nerves after"):
        interviews_repo.update_interview(
            engine, interview.id, lambda i: replace(i, nerves_before=40, nerves_after=130)
        )
    assert interviews_repo.get_interview(engine, interview.id).nerves_before is None
    done = interviews_repo.update_interview(
        engine,
        interview.id,
        lambda i: replace(i, nerves_before=40, outcome=InterviewOutcome.OFFER),
        asked=("Where do you see yourself in five years?", ""),
    )
    assert (done.nerves_before, done.outcome) == (40, InterviewOutcome.OFFER)
    assert [q.text for q in done.asked] == ["Where do you see yourself in five years?"]
    assert done.updated_at and done.created_at and done.updated_at >= done.created_at


def test_progress_points_put_interviews_beside_practice_runs(engine: Engine) -> None:
    t0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for day, before in ((0, 70), (2, 60)):
        session = sessions_repo.create_session(
            engine,
            PracticeSession(None, t0 + timedelta(days=day), Mode.TIMED, nerves_before=before),
        )
        assert session.id
        sessions_repo.finish_session(
            engine, session.id, ended_at=t0, nerves_after=40, confidence_after=None
        )
    _add(engine, when=t0 + timedelta(days=1), nerves_before=80, nerves_after=55)
    _add(engine, company="Globex", when=t0 + timedelta(days=3))  # not rated: not a point
    assert [(p.label, p.nerves_before) for p in interview_points(engine)] == [
        ("Data analyst at Acme", 80.0)
    ]
    points = nerves_points(engine)
    assert [(p.kind, p.nerves_before) for p in points] == [
        (PointKind.PRACTICE, 70.0),
        (PointKind.INTERVIEW, 80.0),
        (PointKind.PRACTICE, 60.0),
    ]
    assert points[0].label == "timed" and points[1].nerves_after == 55.0


def test_a_follow_up_answer_is_linked_to_its_parent(engine: Engine) -> None:
    from greenroom.core.session import follow_up_draft
    from greenroom.store import history_repo, transcript_search

    t0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
    session = sessions_repo.create_session(engine, PracticeSession(None, t0, Mode.ONE_WAY))
    other = sessions_repo.create_session(engine, PracticeSession(None, t0, Mode.ONE_WAY))
    assert session.id and other.id
    parent = sessions_repo.record_answer(
        engine, Answer(None, session.id, None, "Tell me about a project.", 0, transcript="We did")
    )
    nxt = sessions_repo.record_answer(engine, Answer(None, session.id, None, "Why us?", 1))
    draft = follow_up_draft(parent, "What did you do yourself?", reason="we-not-i")
    saved = sessions_repo.record_answer(engine, replace(draft, transcript="I wrote the parser"))
    stored = sessions_repo.get_session(engine, session.id)
    assert [a.question_text for a in stored.answers] == [
        "Tell me about a project.",
        "What did you do yourself?",
        "Why us?",
    ]
    follow_up = stored.answers[1]
    assert (follow_up.follow_up_of, follow_up.follow_up_reason) == (parent.id, "we-not-i")
    assert follow_up.question_key is None and follow_up.id == saved.id
    assert stored.follow_up_to(follow_up) == "Tell me about a project."
    assert stored.follow_up_to(stored.answers[2]) is None
    assert transcript_search.matching_session_ids(engine, "parser") == {session.id}
    with pytest.raises(ValueError, match="not an answer of session"):
        sessions_repo.record_answer(engine, replace(draft, session_id=other.id))
    with pytest.raises(ValueError, match="not followed up again"):
        follow_up_draft(follow_up, "And then?")
    assert nxt.id
    sessions_repo.mark_interrupted_session(engine, session.id)  # a run going on is not deleted
    history_repo.delete_session(engine, session.id)  # parent and follow-up go together
    assert history_repo.count_sessions(engine) == 1
