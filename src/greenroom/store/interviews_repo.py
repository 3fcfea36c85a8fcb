"""Real interviews in the database: each function is one short transaction.

Every write validates the whole interview first (core.interviews.check_interview), so the
store never holds an impossible rating or a blank company. Questions they asked are linked to
the interview and filed in the personal bank in the same transaction (store.asked_bank).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta, timezone
from typing import Any

from sqlalchemy import Engine, Select, delete, func, select
from sqlalchemy.orm import Session, selectinload

from greenroom.core.bank import normalise_question_text
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import AskedQuestion, Interview, check_interview, same_text_key
from greenroom.store.asked_bank import file_question
from greenroom.store.convert import asked_from_row, interview_from_row, interview_values
from greenroom.store.models import InterviewQuestionRow, InterviewRow, utcnow

LIST_FIX = "See the ids with: greenroom interviews list"


def add_interview(engine: Engine, interview: Interview) -> tuple[Interview, bool]:
    """Store a new interview; returns it with its id, and False when it was there already.

    The same company and role (case and spacing aside) at the same moment is the same
    interview: adding it again changes nothing and returns the stored one.

    Raises:
        GreenroomError: the interview fails check_interview.
    """
    check_interview(interview)
    values = interview_values(interview)
    with Session(engine) as s, s.begin():
        for row in s.scalars(_query().where(InterviewRow.when_utc == values["when_utc"])):
            if (same_text_key(row.company), same_text_key(row.role)) == (
                same_text_key(interview.company),
                same_text_key(interview.role),
            ):
                return interview_from_row(row), False
        now = utcnow()
        row = InterviewRow(**values, created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        for text in interview.asked:
            _file_asked(s, row, text.text)
        s.flush()
        s.refresh(row)
        return interview_from_row(row), True


def get_interview(engine: Engine, interview_id: int) -> Interview:
    with Session(engine) as s:
        return interview_from_row(_row(s, interview_id))


def list_interviews(engine: Engine, *, newest_first: bool = True) -> list[Interview]:
    """Every interview with its asked questions, by date (ties by id)."""
    order = (
        (InterviewRow.when_utc.desc(), InterviewRow.id.desc())
        if newest_first
        else (InterviewRow.when_utc, InterviewRow.id)
    )
    with Session(engine) as s:
        return [interview_from_row(r) for r in s.scalars(_query().order_by(*order))]


def update_interview(
    engine: Engine,
    interview_id: int,
    change: Callable[[Interview], Interview],
    *,
    asked: Sequence[str] = (),
) -> Interview:
    """Read, change and write one interview in one transaction; file ``asked`` questions.

    ``change`` gets the stored interview and returns the new one; every field but ``id``,
    ``asked`` and the timestamps is written. Questions already linked are not linked again.

    Raises:
        GreenroomError: no such interview, or the changed interview fails check_interview.
    """
    with Session(engine) as s, s.begin():
        row = _row(s, interview_id)
        changed = change(interview_from_row(row))
        check_interview(changed)
        for name, value in interview_values(changed).items():
            setattr(row, name, value)
        for text in asked:
            _file_asked(s, row, text)
        row.updated_at = utcnow()
        s.flush()
        s.refresh(row)
        return interview_from_row(row)


def add_asked_question(engine: Engine, interview_id: int, text: str) -> AskedQuestion:
    """Link a question they asked and file it in the bank (or find it there); returns it.

    Raises:
        GreenroomError: no such interview, or the text is blank.
    """
    with Session(engine) as s, s.begin():
        row = _row(s, interview_id)
        link = _file_asked(s, row, text)
        if link is None:
            raise GreenroomError("the question is empty", fix="Type the question they asked")
        row.updated_at = utcnow()
        s.flush()
        return asked_from_row(link)


def remove_asked_question(engine: Engine, asked_id: int) -> None:
    """Unlink a question from its interview; its bank copy stays (practice may refer to it)."""
    with Session(engine) as s, s.begin():
        s.execute(delete(InterviewQuestionRow).where(InterviewQuestionRow.id == asked_id))


def delete_interview(engine: Engine, interview_id: int) -> None:
    """Delete an interview and its question links; the questions stay in the bank."""
    with Session(engine) as s, s.begin():
        s.delete(_row(s, interview_id))


def _file_asked(s: Session, row: InterviewRow, text: str) -> InterviewQuestionRow | None:
    """Link ``text`` to the interview unless blank or linked already (the existing link)."""
    if not text.strip():
        return None
    key = normalise_question_text(text)
    for link in row.asked:
        if normalise_question_text(link.text) == key:
            return link
    when = row.when_utc.astimezone(timezone(timedelta(minutes=row.utc_offset_minutes)))
    question = file_question(
        s, text, tip=f"Asked at {row.company} ({row.role}) on {when:%Y-%m-%d}."
    )
    position = s.scalar(select(func.count()).where(InterviewQuestionRow.interview_id == row.id))
    link = InterviewQuestionRow(
        interview_id=row.id,
        question_key=question.key,
        text=text.strip(),
        position=int(position or 0),
        created_at=utcnow(),
    )
    row.asked.append(link)
    s.flush()
    return link


def _query() -> Select[Any]:
    return select(InterviewRow).options(selectinload(InterviewRow.asked))


def _row(s: Session, interview_id: int) -> InterviewRow:
    row: InterviewRow | None = s.scalar(_query().where(InterviewRow.id == interview_id))
    if row is None:
        raise GreenroomError(f"no interview with id {interview_id}", fix=LIST_FIX)
    return row
