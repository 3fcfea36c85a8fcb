"""ORM rows to core dataclasses: the only way data leaves the store."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from greenroom.core.bank import Bank, Category, Difficulty, Question
from greenroom.core.interviews import (
    AskedQuestion,
    ChecklistItem,
    Interview,
    InterviewFormat,
    InterviewOutcome,
)
from greenroom.core.session import Answer, AnswerKind, Mode, PracticeSession, SessionStatus
from greenroom.store.models import (
    AnswerRow,
    BankRow,
    InterviewQuestionRow,
    InterviewRow,
    QuestionRow,
    SessionRow,
)


def question_from_row(row: QuestionRow, bank_slug: str) -> Question:
    return Question(
        id=row.slug,
        text=row.text,
        category=Category(row.category) if row.category else None,
        difficulty=Difficulty(row.difficulty),
        prep_seconds=row.prep_seconds,
        answer_seconds=row.answer_seconds,
        tips=row.tips,
        key_points=tuple(row.key_points),
        follow_ups=tuple(row.follow_ups),
        tags=tuple(row.tags),
        retired=row.retired,
        position=row.position,
        bank_id=bank_slug,
    )


def bank_from_row(row: BankRow, *, include_retired: bool = True) -> Bank:
    questions = tuple(
        question_from_row(q, row.slug) for q in row.questions if include_retired or not q.retired
    )
    return Bank(
        id=row.slug,
        title=row.title,
        description=row.description,
        language=row.language,
        tags=tuple(row.tags),
        questions=questions,
        builtin=row.builtin,
        source=row.source,
        defaults=dict(row.defaults),
    )


def answer_from_row(row: AnswerRow) -> Answer:
    return Answer(
        id=row.id,
        session_id=row.session_id,
        question_key=row.question_key,
        question_text=row.question_text,
        position=row.position,
        kind=AnswerKind(row.kind),
        started_at=row.started_at,
        duration_seconds=row.duration_seconds,
        answer_limit_seconds=row.answer_limit_seconds,
        transcript=row.transcript,
        words=list(row.words),
        segments=list(row.segments),
        audio_path=row.audio_path,
        metrics=dict(row.metrics),
        self_rating=row.self_rating,
        take=row.take,
        delivery_index=row.delivery_index,
        follow_up_of=row.follow_up_of,
        follow_up_reason=row.follow_up_reason,
    )


def session_from_row(
    row: SessionRow, *, with_answers: bool, answer_count: int = 0
) -> PracticeSession:
    answers = tuple(answer_from_row(a) for a in row.answers) if with_answers else ()
    return PracticeSession(
        id=row.id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        mode=Mode(row.mode),
        status=SessionStatus(row.status),
        settings=dict(row.settings),
        bank_ids=tuple(row.bank_ids),
        nerves_before=row.nerves_before,
        nerves_after=row.nerves_after,
        confidence_after=row.confidence_after,
        notes=row.notes,
        answers=answers,
        answer_count=len(answers) if with_answers else answer_count,
        summary=dict(row.summary or {}),
    )


def interview_from_row(row: InterviewRow) -> Interview:
    offset = timezone(timedelta(minutes=row.utc_offset_minutes))
    return Interview(
        id=row.id,
        company=row.company,
        role=row.role,
        when=row.when_utc.astimezone(offset),
        format=InterviewFormat(row.format) if row.format else None,
        want_before=row.want_before,
        checklist=tuple(
            ChecklistItem(str(item.get("text", "")), bool(item.get("done", False)))
            for item in row.checklist
            if isinstance(item, dict)
        ),
        nerves_before=row.nerves_before,
        nerves_after=row.nerves_after,
        went=row.went,
        people_met=tuple(str(p) for p in row.people_met),
        follow_up_note=row.follow_up_note,
        want_after=row.want_after,
        outcome=InterviewOutcome(row.outcome) if row.outcome else None,
        notes=row.notes,
        asked=tuple(asked_from_row(q) for q in row.asked),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def asked_from_row(row: InterviewQuestionRow) -> AskedQuestion:
    return AskedQuestion(
        id=row.id,
        text=row.text,
        bank_question_id=row.question.slug if row.question is not None else None,
        question_key=row.question_key,
    )


def interview_values(interview: Interview) -> dict[str, object]:
    """Column values of an interview row (everything but its asked questions)."""
    offset = interview.when.utcoffset()
    return {
        "company": interview.company,
        "role": interview.role,
        "when_utc": interview.when.astimezone(UTC),
        "utc_offset_minutes": round(offset.total_seconds() / 60) if offset else 0,
        "format": interview.format.value if interview.format else None,
        "want_before": interview.want_before,
        "checklist": [{"text": i.text, "done": i.done} for i in interview.checklist],
        "nerves_before": interview.nerves_before,
        "nerves_after": interview.nerves_after,
        "went": interview.went,
        "people_met": list(interview.people_met),
        "follow_up_note": interview.follow_up_note,
        "want_after": interview.want_after,
        "outcome": interview.outcome.value if interview.outcome else None,
        "notes": interview.notes,
    }
