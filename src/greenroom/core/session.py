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
