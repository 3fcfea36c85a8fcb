"""Typed ORM models. Nothing here leaves the package: queries convert rows to core dataclasses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC: SQLite has no time zones, so we fix one."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: UTCDateTime,
    }


class BankRow(Base):
    __tablename__ = "banks"

    key: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(35), default="en")
    tags: Mapped[list[Any]] = mapped_column(default=list)
    defaults: Mapped[dict[str, Any]] = mapped_column(default=dict)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list[QuestionRow]] = relationship(
        back_populates="bank", order_by="QuestionRow.position", cascade="all, delete-orphan"
    )


class QuestionRow(Base):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("bank_key", "slug", name="uq_questions_bank_slug"),
        CheckConstraint("prep_seconds BETWEEN 0 AND 600", name="ck_questions_prep"),
        CheckConstraint("answer_seconds BETWEEN 10 AND 1800", name="ck_questions_answer"),
        Index("ix_questions_category", "category"),
    )

    key: Mapped[int] = mapped_column(primary_key=True)
    bank_key: Mapped[int] = mapped_column(ForeignKey("banks.key", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(20))
    difficulty: Mapped[str] = mapped_column(String(10), default="medium")
    prep_seconds: Mapped[int] = mapped_column(Integer, default=30)
    answer_seconds: Mapped[int] = mapped_column(Integer, default=120)
    tips: Mapped[str] = mapped_column(Text, default="")
    key_points: Mapped[list[Any]] = mapped_column(default=list)
    follow_ups: Mapped[list[Any]] = mapped_column(default=list)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    bank: Mapped[BankRow] = relationship(back_populates="questions")


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("nerves_before BETWEEN 0 AND 100", name="ck_sessions_nerves_before"),
        CheckConstraint("nerves_after BETWEEN 0 AND 100", name="ck_sessions_nerves_after"),
        CheckConstraint("confidence_after BETWEEN 0 AND 100", name="ck_sessions_confidence"),
        Index("ix_sessions_mode_started", "mode", "started_at"),  # history filter by mode
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None] = mapped_column()
    mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="in-progress")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    bank_ids: Mapped[list[Any]] = mapped_column(default=list)
    nerves_before: Mapped[int | None] = mapped_column(Integer)
    nerves_after: Mapped[int | None] = mapped_column(Integer)
    confidence_after: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    # analysis.session.SessionSummary.to_dict(), written when the session ends.
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    # The summary's headline figures as columns (sessions_repo.summary_columns), so the
    # progress dashboard reads plain floats instead of parsing every summary. NULL until the
    # session is finished, and for figures the session did not measure.
    delivery_index: Mapped[float | None] = mapped_column(Float)
    fillers_per_minute: Mapped[float | None] = mapped_column(Float)
    speaking_rate: Mapped[float | None] = mapped_column(Float)
    very_long_pauses: Mapped[float | None] = mapped_column(Float)
    first_word_latency: Mapped[float | None] = mapped_column(Float)
    on_topic: Mapped[float | None] = mapped_column(Float)  # share 0-1 (migration 0006)
    pitch_variation: Mapped[float | None] = mapped_column(Float)  # semitones (migration 0006)

    # Question order, then take order: answers are committed as they finish, which is not
    # always the order they were given in (drill takes were listed 2, 1, 3).
    answers: Mapped[list[AnswerRow]] = relationship(
        back_populates="session",
        order_by="(AnswerRow.position, AnswerRow.take, AnswerRow.id)",
        cascade="all, delete-orphan",
    )


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (
        CheckConstraint("self_rating BETWEEN 1 AND 5", name="ck_answers_self_rating"),
        Index("ix_answers_question", "question_key"),
        # History lists answer counts and the mean index per session from this index alone.
        Index("ix_answers_session_delivery", "session_id", "delivery_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    # Questions are retired, never deleted, so this stays valid; the text is kept as asked.
    question_key: Mapped[int | None] = mapped_column(
        ForeignKey("questions.key", ondelete="SET NULL")
    )
    question_text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    take: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(10), default="spoken")
    started_at: Mapped[datetime | None] = mapped_column()
    duration_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    answer_limit_seconds: Mapped[float | None] = mapped_column(Float)
    transcript: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[list[Any]] = mapped_column(default=list)
    segments: Mapped[list[Any]] = mapped_column(default=list)
    audio_path: Mapped[str | None] = mapped_column(Text)
    metrics: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The answer's 0-100 delivery index, a column so history can sort and chart without JSON.
    delivery_index: Mapped[float | None] = mapped_column(Float)
    self_rating: Mapped[int | None] = mapped_column(Integer)
    # A follow-up question's answer points at the answer it follows up (same session); its
    # question_key is NULL and question_text is the follow-up question. SET NULL, not CASCADE:
    # a follow-up answer is never lost with its parent.
    follow_up_of: Mapped[int | None] = mapped_column(
        ForeignKey("answers.id", ondelete="SET NULL", name="fk_answers_follow_up_of"),
        index=True,
    )
    follow_up_reason: Mapped[str | None] = mapped_column(String(20))

    session: Mapped[SessionRow] = relationship(back_populates="answers")


class InterviewRow(Base):
    """A real interview (core.interviews.Interview). Ratings are NULL until set."""

    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("want_before BETWEEN 0 AND 10", name="ck_interviews_want_before"),
        CheckConstraint("want_after BETWEEN 0 AND 10", name="ck_interviews_want_after"),
        CheckConstraint("nerves_before BETWEEN 0 AND 100", name="ck_interviews_nerves_before"),
        CheckConstraint("nerves_after BETWEEN 0 AND 100", name="ck_interviews_nerves_after"),
        CheckConstraint("went BETWEEN 1 AND 5", name="ck_interviews_went"),
        CheckConstraint("utc_offset_minutes BETWEEN -1080 AND 1080", name="ck_interviews_offset"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    # UTC, plus the offset the user gave it in, so it shows at its own wall-clock time.
    when_utc: Mapped[datetime] = mapped_column(index=True)
    utc_offset_minutes: Mapped[int] = mapped_column(Integer, default=0)
    format: Mapped[str | None] = mapped_column(String(10))  # core.interviews.InterviewFormat
    want_before: Mapped[int | None] = mapped_column(Integer)
    checklist: Mapped[list[Any]] = mapped_column(default=list)  # [{"text": ..., "done": ...}]
    nerves_before: Mapped[int | None] = mapped_column(Integer)
    nerves_after: Mapped[int | None] = mapped_column(Integer)
    went: Mapped[int | None] = mapped_column(Integer)
    people_met: Mapped[list[Any]] = mapped_column(default=list)
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
    want_after: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(12))  # core.interviews.InterviewOutcome
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    asked: Mapped[list[InterviewQuestionRow]] = relationship(
        back_populates="interview",
        order_by="(InterviewQuestionRow.position, InterviewQuestionRow.id)",
        cascade="all, delete-orphan",
    )


class InterviewQuestionRow(Base):
    """A question asked in a real interview, verbatim, and its copy in the personal bank.

    Deleting the interview deletes these links, never the bank question; deleting the bank
    question (only possible with its whole bank) leaves the link with its text.
    """

    __tablename__ = "interview_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[int | None] = mapped_column(
        ForeignKey("questions.key", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    interview: Mapped[InterviewRow] = relationship(back_populates="asked")
    question: Mapped[QuestionRow | None] = relationship(lazy="selectin")
