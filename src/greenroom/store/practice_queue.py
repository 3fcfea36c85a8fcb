"""Which questions to practise again: the ones that went worst, and those not seen for a while.

Score of a question (higher = practise sooner), from its three most recent takes:

    score = 0.45 x rating_gap + 0.35 x delivery_gap + 0.20 x staleness

* ``rating_gap`` = (5 - mean self-rating) / 4, in 0..1; 0.5 when the user never rated it.
* ``delivery_gap`` = (100 - mean delivery index) / 100; a skipped take counts as index 0;
  0.5 when no take has an index (typed answers without text figures).
* ``staleness`` = days since the question was last practised / 60, capped at 1.

Self-rating weighs most because it is the user's own judgement of how it went; the delivery
index is the measured one; staleness brings back questions that went well long ago. Only
questions answered at least once are ranked; retired questions are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import BindParameter, Engine, bindparam, text

RATING_WEIGHT = 0.45
DELIVERY_WEIGHT = 0.35
STALENESS_WEIGHT = 0.20
STALE_DAYS = 60.0
RECENT_TAKES = 3

_SQL = """
WITH takes AS (
  SELECT a.question_key AS qk, a.self_rating AS rating,
    CASE WHEN a.kind = 'skipped' THEN 0.0 ELSE a.delivery_index END AS idx,
    s.started_at AS at,
    row_number() OVER (PARTITION BY a.question_key
                       ORDER BY s.started_at DESC, a.take DESC, a.id DESC) AS recent
  FROM answers a JOIN sessions s ON s.id = a.session_id
  JOIN questions q ON q.key = a.question_key
  JOIN banks b ON b.key = q.bank_key
  WHERE a.question_key IS NOT NULL AND q.retired = 0 {where}
)
SELECT qk, avg(rating), avg(idx), max(at) FROM takes WHERE recent <= :recent GROUP BY qk
"""


def struggled_questions(
    engine: Engine,
    *,
    limit: int,
    bank_ids: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Question keys, the ones to practise again first (see the module docstring).

    Args:
        engine: The database.
        limit: At most this many keys.
        bank_ids: Only questions of these banks (slugs).
        categories: Only questions of these categories.
        now: The current time (tests pass a fixed one).
    """
    where, params = "", {"recent": RECENT_TAKES}
    binds: list[BindParameter[list[str]]] = []
    if bank_ids:
        where += " AND b.slug IN :banks"
        binds.append(bindparam("banks", list(bank_ids), expanding=True))
    if categories:
        where += " AND q.category IN :categories"
        binds.append(bindparam("categories", list(categories), expanding=True))
    sql = text(_SQL.format(where=where)).bindparams(*binds)
    with engine.connect() as conn:
        rows = conn.execute(sql, params).all()
    now = now or datetime.now(UTC)
    scored = [(_score(r[1], r[2], _days_since(r[3], now)), int(r[0])) for r in rows]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [key for _, key in scored[:limit]]


def _score(rating: float | None, index: float | None, days: float) -> float:
    rating_gap = 0.5 if rating is None else (5.0 - float(rating)) / 4.0
    delivery_gap = 0.5 if index is None else (100.0 - float(index)) / 100.0
    staleness = min(max(days, 0.0) / STALE_DAYS, 1.0)
    return (
        RATING_WEIGHT * rating_gap + DELIVERY_WEIGHT * delivery_gap + STALENESS_WEIGHT * staleness
    )


def _days_since(stored: object, now: datetime) -> float:
    at = stored if isinstance(stored, datetime) else datetime.fromisoformat(str(stored))
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return (now - at).total_seconds() / 86400.0
