"""Practice sessions and answers as plain data, as the store returns them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Mode(StrEnum):
    """The ladder from gentle to realistic."""

    WARM_UP = "warm-up"
    TIMED = "timed"
    ONE_WAY = "one-way"
    DRILL = "drill"


class SessionStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class AnswerKind(StrEnum):
    SPOKEN = "spoken"
    TYPED = "typed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer to one question inside a session."""

    id: int | None
    session_id: int
    question_key: int | None
    question_text: str
    position: int
    kind: AnswerKind = AnswerKind.SPOKEN
    started_at: datetime | None = None
    duration_seconds: float = 0.0
    answer_limit_seconds: float | None = None
    transcript: str = ""
    words: list[dict[str, Any]] = field(default_factory=list)
    segments: list[dict[str, Any]] = field(default_factory=list)
    audio_path: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    self_rating: int | None = None
    take: int = 1
    delivery_index: float | None = None
    # A follow-up question the interviewer asked after the answer with this id (same session).
    # A follow-up has no bank question (question_key None), its own question_text, and the
    # parent's position and take, so it sorts right after its parent.
    follow_up_of: int | None = None
    follow_up_reason: str | None = None  # why it was asked (analysis.follow_up.Reason values)

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_of is not None

    @property
    def no_answer(self) -> bool:
        """Given but empty: not a word heard or typed (shown as "no answer", left out of
        averages and baselines)."""
        return (
            self.kind is not AnswerKind.SKIPPED
            and not self.transcript.strip()
            and self.metrics.get("word_count", 0) == 0
        )


@dataclass(frozen=True, slots=True)
class PracticeSession:
    """One mock interview ("test run")."""

    id: int | None
    started_at: datetime
    mode: Mode
    ended_at: datetime | None = None
    status: SessionStatus = SessionStatus.IN_PROGRESS
    settings: dict[str, Any] = field(default_factory=dict)
    bank_ids: tuple[str, ...] = ()
    nerves_before: int | None = None
    nerves_after: int | None = None
    confidence_after: int | None = None
    notes: str = ""
    answers: tuple[Answer, ...] = ()
    answer_count: int = 0
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ended_early(self) -> bool:
        """The user ended the run part-way and rated it ("End session"), as opposed to a run a
        crash or leaving the screen cut short."""
        return ended_by_user(self.status, self.ended_at)

    def follow_up_to(self, answer: Answer) -> str | None:
        """The question a follow-up answer follows up ("Follow-up to: ..."), else None."""
        if answer.follow_up_of is None:
            return None
        parent = next((a for a in self.answers if a.id == answer.follow_up_of), None)
        return parent.question_text if parent is not None else None


def follow_up_draft(parent: Answer, question_text: str, *, reason: str | None = None) -> Answer:
    """A new answer to a follow-up of the saved answer ``parent``, ready to record.

    Raises:
        ValueError: ``parent`` is not saved yet (it has no id) or is itself a follow-up
            (the interviewer asks one follow-up per answer).
    """
    if parent.id is None:
        raise ValueError("save the answer before following it up")
    if parent.follow_up_of is not None:
        raise ValueError("a follow-up is not followed up again")
    return Answer(
        id=None,
        session_id=parent.session_id,
        question_key=None,
        question_text=question_text,
        position=parent.position,
        take=parent.take,
        follow_up_of=parent.id,
        follow_up_reason=reason,
    )


def ended_by_user(status: SessionStatus | str, ended_at: datetime | None) -> bool:
    """An interrupted run with an end time was ended by the user and summed up: only the run's
    own end (``sessions_repo.finish_session``) writes ``ended_at``; a crash (marked at the next
    start) or leaving before any answer marks it interrupted without one."""
    return SessionStatus(status) is SessionStatus.INTERRUPTED and ended_at is not None
