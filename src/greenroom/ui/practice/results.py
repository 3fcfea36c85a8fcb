"""What the practice screens show about answers and sessions (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from greenroom.analysis.feedback import Observation
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.session import Change, DeliveryIndex, SessionSummary
from greenroom.core.bank import Question
from greenroom.core.transcript import Transcript


@dataclass(frozen=True, slots=True)
class AnswerReview:
    position: int  # 0-based question number in the session
    take: int
    question: Question
    transcript: Transcript
    typed: bool
    metrics: AnswerMetrics
    feedback: list[Observation]
    index: float | None
    answer_id: int | None = None
    note: str = ""
    audio_path: str | None = None  # relative to the data folder
    index_detail: DeliveryIndex | None = None


@dataclass(frozen=True, slots=True)
class SessionResult:
    summary: SessionSummary
    changes: list[Change]
    reviews: list[AnswerReview]
    best: AnswerReview | None
    practise_again: AnswerReview | None
    first_session: bool
    baseline_sessions: int = 0
    notes: list[str] = field(default_factory=list)
    run_number: int = 1  # this run's place among the user's completed runs
    ended_early: bool = False  # the user ended it part-way ("End session")


def best_and_weakest(
    reviews: list[AnswerReview],
) -> tuple[AnswerReview | None, AnswerReview | None]:
    """The answer with the highest delivery index and the one with the lowest.

    Only when there is something to choose between: with one scored answer, or all scoring the
    same, neither is named ("Best answer" over a single answer reads as praise it did not earn).
    """
    scored = [r for r in reviews if r.index is not None]
    if len(scored) < 2:
        return None, None
    best = max(scored, key=lambda r: r.index or 0.0)
    weakest = min(scored, key=lambda r: r.index or 0.0)
    if (best.index or 0.0) <= (weakest.index or 0.0):
        return None, None
    return best, weakest
