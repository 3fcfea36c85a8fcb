"""Nerves over time for the progress chart: practice runs and real interviews, marked apart.

Practice runs give their nerves before and after the run; real interviews theirs, logged by the
user afterwards. Both are the same 0-100 scale (SUDS), so they share the chart's axis.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import Engine, select, text

from greenroom.store.models import InterviewRow


class PointKind(StrEnum):
    PRACTICE = "practice"
    INTERVIEW = "interview"


class NervesPoint(NamedTuple):
    """One run or real interview with a nerves rating.

    Attributes:
        kind: PRACTICE (``id`` is a session id) or INTERVIEW (an interview id).
        at: When it started (aware UTC).
        label: The run's mode ("timed"), or "Role at Company" for an interview.
    """

    kind: PointKind
    id: int
    at: datetime
    nerves_before: float | None
    nerves_after: float | None
    label: str


_SESSIONS = """
SELECT id, started_at, mode, nerves_before, nerves_after FROM sessions
WHERE status != 'in-progress' AND (nerves_before IS NOT NULL OR nerves_after IS NOT NULL)
ORDER BY started_at, id
"""


def interview_points(engine: Engine) -> list[NervesPoint]:
    """Real interviews with a nerves rating before or after, oldest first."""
    query = (
        select(
            InterviewRow.id,
            InterviewRow.when_utc,
            InterviewRow.nerves_before,
            InterviewRow.nerves_after,
            InterviewRow.role,
            InterviewRow.company,
        )
        .where((InterviewRow.nerves_before.is_not(None)) | (InterviewRow.nerves_after.is_not(None)))
        .order_by(InterviewRow.when_utc, InterviewRow.id)
    )
    with engine.connect() as conn:
        return [
            NervesPoint(
                PointKind.INTERVIEW, int(i), at, _opt(before), _opt(after), f"{role} at {company}"
            )
            for i, at, before, after, role, company in conn.execute(query)
        ]


def nerves_points(engine: Engine) -> list[NervesPoint]:
    """Practice runs (finished or left part-way) and real interviews with a nerves rating,
    in time order: one series for the chart, each point marked with its kind."""
    with engine.connect() as conn:
        practice = [
            NervesPoint(PointKind.PRACTICE, int(i), _utc(at), _opt(b), _opt(a), str(mode))
            for i, at, mode, b, a in conn.execute(text(_SESSIONS))
        ]
    merged = practice + interview_points(engine)
    return sorted(merged, key=lambda p: (p.at, p.kind != PointKind.PRACTICE, p.id))


def _utc(value: object) -> datetime:
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)
