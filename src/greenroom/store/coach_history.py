"""The coach's input from the database: runs, question pools and real interviews.

Runs are every finished or abandoned session, oldest first, placed on the ladder by
core.ladder.rung_of. Weak questions come from practice_queue (the "practise again" ranking);
unseen ones are active questions never answered, gentlest first (easy before hard, openers
first); asked ones are the ``asked-in-interviews`` bank's, never-practised first, then the most
recently asked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, Engine, bindparam, text

from greenroom.core.interviews import ASKED_BANK_ID
from greenroom.core.ladder import rung_of
from greenroom.core.practice_record import PracticeRecord, QuestionPools, RunRecord
from greenroom.core.session import Mode, SessionStatus
from greenroom.store import interviews_repo, practice_queue

WEAK_LIMIT = 20
UNSEEN_LIMIT = 50

_RUNS = """
SELECT s.id, s.started_at, s.mode, s.status, s.settings, s.nerves_before, s.nerves_after,
  (SELECT count(*) FROM answers a WHERE a.session_id = s.id)
FROM sessions s WHERE s.status != 'in-progress' ORDER BY s.started_at, s.id
"""
_UNSEEN = """
SELECT q.key FROM questions q JOIN banks b ON b.key = q.bank_key
WHERE q.retired = 0 AND b.slug != :asked {where}
  AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.question_key = q.key)
ORDER BY CASE q.difficulty WHEN 'easy' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,
  q.category IS NOT 'opener', b.builtin DESC, b.title, q.position, q.key
LIMIT :limit
"""
_ASKED = """
SELECT q.key FROM questions q JOIN banks b ON b.key = q.bank_key
WHERE b.slug = :asked AND q.retired = 0
ORDER BY EXISTS (SELECT 1 FROM answers a WHERE a.question_key = q.key),
  (SELECT max(iq.created_at) FROM interview_questions iq WHERE iq.question_key = q.key) DESC,
  q.position
"""


def coach_history(
    engine: Engine, *, bank_ids: Sequence[str] | None = None, now: datetime | None = None
) -> PracticeRecord:
    """Everything analysis.coach.recommend reads, from the database.

    Args:
        engine: The database.
        bank_ids: Take weak and unseen questions from these banks only (None: every bank);
            questions asked in real interviews always come from their own bank.
        now: The current time (tests pass a fixed one), for the "practise again" ranking.
    """
    with engine.connect() as conn:
        runs = tuple(_run(r) for r in conn.execute(text(_RUNS)))
        unseen = _keys(conn, _UNSEEN, bank_ids, limit=UNSEEN_LIMIT)
        asked = tuple(int(k) for (k,) in conn.execute(text(_ASKED), {"asked": ASKED_BANK_ID}))
    weak = practice_queue.struggled_questions(
        engine, limit=WEAK_LIMIT, bank_ids=bank_ids, now=now or datetime.now(UTC)
    )
    return PracticeRecord(
        runs=runs,
        questions=QuestionPools(weak=tuple(weak), unseen=unseen, asked=asked),
        interviews=tuple(interviews_repo.list_interviews(engine, newest_first=False)),
    )


def _run(r: Sequence[Any]) -> RunRecord:
    mode = Mode(r[2])
    settings = r[4] if isinstance(r[4], dict) else _json(r[4])
    started = r[1] if isinstance(r[1], datetime) else datetime.fromisoformat(str(r[1]))
    return RunRecord(
        session_id=int(r[0]),
        started_at=started.replace(tzinfo=UTC) if started.tzinfo is None else started,
        mode=mode,
        rung=rung_of(mode, settings),
        status=SessionStatus(r[3]),
        nerves_before=r[5],
        nerves_after=r[6],
        answers=int(r[7]),
    )


def _keys(
    conn: Connection, sql: str, bank_ids: Sequence[str] | None, *, limit: int
) -> tuple[int, ...]:
    binds: list[BindParameter[list[str]]] = []
    where = ""
    if bank_ids:
        where = "AND b.slug IN :banks"
        binds.append(bindparam("banks", list(bank_ids), expanding=True))
    query = text(sql.format(where=where)).bindparams(*binds)
    rows = conn.execute(query, {"asked": ASKED_BANK_ID, "limit": limit})
    return tuple(int(k) for (k,) in rows)


def _json(raw: object) -> dict[str, Any]:
    try:
        value = json.loads(str(raw)) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
