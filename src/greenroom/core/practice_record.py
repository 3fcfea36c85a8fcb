"""What the coach reads: the user's past runs, real interviews and question pools, as plain data.

``store.coach_history.coach_history`` builds a ``PracticeRecord`` from the database;
``analysis.coach.recommend`` turns it into advice. Tests build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from greenroom.core.interviews import Interview
from greenroom.core.ladder import Rung
from greenroom.core.session import Mode, SessionStatus


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One finished or abandoned practice run.

    Attributes:
        rung: The ladder rung it was on (core.ladder.rung_of); None for a drill.
        status: COMPLETED, or INTERRUPTED when the user left it part-way (or it crashed).
        nerves_before: 0-100 before the run, None when the user did not rate.
    """

    session_id: int
    started_at: datetime
    mode: Mode
    rung: Rung | None
    status: SessionStatus
    nerves_before: int | None = None
    nerves_after: int | None = None
    answers: int = 0

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED


@dataclass(frozen=True, slots=True)
class QuestionPools:
    """Question keys the coach picks from, each list in the order to prefer.

    Attributes:
        weak: Answered questions, the ones to practise again first (store.practice_queue).
        unseen: Never answered, gentlest first (easy openers before hard technical ones).
        asked: In the ``asked-in-interviews`` bank, never practised first.
    """

    weak: tuple[int, ...] = ()
    unseen: tuple[int, ...] = ()
    asked: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PracticeRecord:
    """Everything the coach looks at, oldest run first."""

    runs: tuple[RunRecord, ...] = ()
    questions: QuestionPools = QuestionPools()
    interviews: tuple[Interview, ...] = ()

    @property
    def ladder_runs(self) -> tuple[RunRecord, ...]:
        """Runs on the ladder (drills left out), oldest first."""
        return tuple(r for r in self.runs if r.rung is not None)
