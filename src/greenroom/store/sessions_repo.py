"""Practice sessions and answers: each write is its own short transaction.

An answer is committed the moment it is complete, so a crash loses at most the answer in
progress; a session left "in progress" by a crash is marked interrupted at the next start.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload

from greenroom.core.errors import GreenroomError, StorageError
from greenroom.core.session import Answer, PracticeSession, SessionStatus
from greenroom.store.convert import answer_from_row, session_from_row
from greenroom.store.models import AnswerRow, SessionRow


def create_session(engine: Engine, session: PracticeSession) -> PracticeSession:
    with Session(engine) as s, s.begin():
        row = SessionRow(
            started_at=session.started_at,
            mode=session.mode.value,
            status=SessionStatus.IN_PROGRESS.value,
            settings=dict(session.settings),
            bank_ids=list(session.bank_ids),
            nerves_before=session.nerves_before,
            notes=session.notes,
        )
        s.add(row)
        s.flush()
        return replace(session, id=row.id, status=SessionStatus.IN_PROGRESS)


def record_answer(engine: Engine, answer: Answer) -> Answer:
    """Commit one complete answer and return it with its id.

    A follow-up answer (``answer.follow_up_of`` set; build one with
    core.session.follow_up_draft) is linked to its parent, which must be a saved answer of the
    same session.

    Raises:
        StorageError: the disk (or the database's size limit) is full; nothing was written.
        ValueError: the follow-up's parent is not an answer of this session (a bug).
    """
    try:
        return _record_answer(engine, answer)
    except OperationalError as exc:
        if "full" not in str(exc.orig):
            raise
        raise StorageError(
            "the disk is full, so this answer could not be saved",
            where=str(engine.url.database),
            fix="Free some disk space; your earlier answers are safe",
        ) from None


def _record_answer(engine: Engine, answer: Answer) -> Answer:
    with Session(engine) as s, s.begin():
        if answer.follow_up_of is not None:
            parent = s.get(AnswerRow, answer.follow_up_of)
            if parent is None or parent.session_id != answer.session_id:
                raise ValueError(
                    f"answer {answer.follow_up_of} is not an answer of session {answer.session_id}"
                )
        row = AnswerRow(
            session_id=answer.session_id,
            question_key=answer.question_key,
            question_text=answer.question_text,
            position=answer.position,
            take=answer.take,
            kind=answer.kind.value,
            started_at=answer.started_at,
            duration_seconds=answer.duration_seconds,
            answer_limit_seconds=answer.answer_limit_seconds,
            transcript=answer.transcript,
            words=list(answer.words),
            segments=list(answer.segments),
            audio_path=answer.audio_path,
            metrics=dict(answer.metrics),
            delivery_index=answer.delivery_index,
            self_rating=answer.self_rating,
            follow_up_of=answer.follow_up_of,
            follow_up_reason=answer.follow_up_reason,
        )
        s.add(row)
        s.flush()
        return answer_from_row(row)


def update_answer(engine: Engine, answer_id: int, **values: Any) -> None:
    """Change fields of a saved answer (self-rating, metrics)."""
    with Session(engine) as s, s.begin():
        s.execute(update(AnswerRow).where(AnswerRow.id == answer_id).values(**values))


# Session column <- path in SessionSummary.to_dict(); migrations 0004 and 0006 backfill the same.
SUMMARY_COLUMNS = {
    "delivery_index": ("index",),
    "fillers_per_minute": ("averages", "fillers_per_minute"),
    "speaking_rate": ("averages", "speaking_rate"),
    "very_long_pauses": ("averages", "very_long_pauses"),
    "first_word_latency": ("averages", "first_word_latency"),
    "on_topic": ("averages", "on_topic"),
    "pitch_variation": ("averages", "pitch_variation"),
}


def summary_columns(summary: dict[str, Any]) -> dict[str, float | None]:
    """The headline figures of a ``SessionSummary.to_dict()`` for the session's own columns."""
    out: dict[str, float | None] = {}
    for column, path in SUMMARY_COLUMNS.items():
        value: Any = summary
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        out[column] = float(value) if isinstance(value, int | float) else None
    return out


def finish_session(
    engine: Engine,
    session_id: int,
    *,
    ended_at: datetime,
    nerves_after: int | None,
    confidence_after: int | None,
    notes: str | None = None,
    summary: dict[str, Any] | None = None,
    status: SessionStatus = SessionStatus.COMPLETED,
) -> None:
    """The session's end: ratings, summary and status (INTERRUPTED for a run ended early)."""
    values: dict[str, Any] = {
        "ended_at": ended_at,
        "status": status.value,
        "nerves_after": nerves_after,
        "confidence_after": confidence_after,
    }
    if notes is not None:
        values["notes"] = notes
    if summary is not None:
        values["summary"] = summary
        values.update(summary_columns(summary))
    with Session(engine) as s, s.begin():
        s.execute(update(SessionRow).where(SessionRow.id == session_id).values(**values))


def mark_interrupted(engine: Engine) -> int:
    """Mark sessions a crash left in progress as interrupted; returns how many."""
    with Session(engine) as s, s.begin():
        result = s.execute(
            update(SessionRow)
            .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
            .values(status=SessionStatus.INTERRUPTED.value)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def mark_interrupted_session(engine: Engine, session_id: int) -> None:
    """The user left a session part-way: its saved answers stay, and history says so."""
    with Session(engine) as s, s.begin():
        s.execute(
            update(SessionRow)
            .where(
                SessionRow.id == session_id, SessionRow.status == SessionStatus.IN_PROGRESS.value
            )
            .values(status=SessionStatus.INTERRUPTED.value)
        )


def list_sessions(engine: Engine, *, limit: int | None = None) -> list[PracticeSession]:
    """Sessions newest first, with answer counts but without the answers themselves."""
    with Session(engine) as s:
        counts = dict(
            s.execute(
                select(AnswerRow.session_id, func.count()).group_by(AnswerRow.session_id)
            ).all()
        )
        query = select(SessionRow).order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [
            session_from_row(r, with_answers=False, answer_count=counts.get(r.id, 0))
            for r in s.scalars(query)
        ]


def get_session(engine: Engine, session_id: int) -> PracticeSession:
    with Session(engine) as s:
        row = s.scalar(
            select(SessionRow)
            .where(SessionRow.id == session_id)
            .options(selectinload(SessionRow.answers))
        )
        if row is None:
            raise GreenroomError(f"no session with id {session_id}")
        return session_from_row(row, with_answers=True)


def all_sessions_with_answers(engine: Engine) -> list[PracticeSession]:
    """Every session with its answers, oldest first (for export)."""
    with Session(engine) as s:
        rows = s.scalars(
            select(SessionRow)
            .order_by(SessionRow.started_at, SessionRow.id)
            .options(selectinload(SessionRow.answers))
        )
        return [session_from_row(r, with_answers=True) for r in rows]
