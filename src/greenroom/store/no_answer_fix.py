"""Data fix of migration 0005: answers with no words are "no answer", not a delivery index.

Before, an answer in which not a word was heard was scored like any other (a silent answer got
28.6/100), which dragged its session's averages and index down. The app now gives such an
answer no figures at all (AnswerMetrics.values() is all None when word_count is 0). This fix
brings stored rows in line: their ``delivery_index`` becomes NULL, and each affected finished
session's summary (averages, index, answer indices, answered) is rebuilt from its stored
answers, as analysis.session.summarize_session would now compute it; the session's headline
columns are then derived from the new summary with sessions_repo.summary_columns.

The figures of one answer are read from its stored metrics JSON by ``answer_values``, a frozen
copy of AnswerMetrics.values() at schema 0005 (the store may not import the analysis package;
tests/store/test_migrations.py checks the copy against the real thing). A session with an
answer whose metrics cannot be read keeps its averages; only its index is rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text

from greenroom.store.sessions_repo import summary_columns

# The session columns that exist at schema 0005 (later revisions may add more).
COLUMNS_AT_0005 = (
    "delivery_index",
    "fillers_per_minute",
    "speaking_rate",
    "very_long_pauses",
    "first_word_latency",
)
_EMPTY = """
SELECT id, session_id FROM answers
WHERE delivery_index IS NOT NULL AND json_valid(metrics)
  AND json_type(metrics, '$.word_count') = 'integer' AND json_extract(metrics, '$.word_count') = 0
"""


def fix_no_answer_scores(conn: Connection) -> list[int]:
    """Clear the index of answers with no words and rebuild their sessions; returns the
    affected session ids."""
    rows = conn.execute(text(_EMPTY)).all()
    if not rows:
        return []
    ids = [int(r[0]) for r in rows]
    conn.execute(
        text("UPDATE answers SET delivery_index = NULL WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        {"ids": ids},
    )
    sessions = sorted({int(r[1]) for r in rows})
    for session_id in sessions:
        _rebuild_session(conn, session_id)
    return sessions


def _rebuild_session(conn: Connection, session_id: int) -> None:
    raw = conn.execute(
        text("SELECT summary FROM sessions WHERE id = :id"), {"id": session_id}
    ).scalar()
    summary = _load(raw)
    if not summary:  # unfinished: its index is the mean of its answers' (history_repo)
        return
    answers = conn.execute(
        text(
            "SELECT metrics, delivery_index FROM answers WHERE session_id = :id "
            "AND kind != 'skipped' ORDER BY position, take, id"
        ),
        {"id": session_id},
    ).all()
    summary = rebuilt_summary(summary, [(_load(m), i) for m, i in answers])
    columns = {k: v for k, v in summary_columns(summary).items() if k in COLUMNS_AT_0005}
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    conn.execute(
        text(f"UPDATE sessions SET summary = :summary, {assignments} WHERE id = :id"),
        {"summary": json.dumps(summary), "id": session_id, **columns},
    )


def rebuilt_summary(
    summary: dict[str, Any], answers: Sequence[tuple[dict[str, Any], float | None]]
) -> dict[str, Any]:
    """``summary`` with its answer figures recomputed from ``answers`` (metrics, index)."""
    indices = [index for _, index in answers]
    present = [i for i in indices if i is not None]
    out = {
        **summary,
        "answers": len(answers),
        "index": sum(present) / len(present) if present else None,
        "answer_indices": indices,
        "answered": sum(1 for m, _ in answers if m.get("word_count") != 0),
    }
    values = [answer_values(m) for m, _ in answers]
    if values and all(v is not None for v in values):
        rows = [v for v in values if v is not None]
        out["averages"] = {key: _mean([v[key] for v in rows]) for key in rows[0]}
    return out


def answer_values(metrics: dict[str, Any]) -> dict[str, float | None] | None:
    """AnswerMetrics.from_dict(metrics).values() as of schema 0005; None when unreadable."""
    if not isinstance(metrics.get("word_count"), int):
        return None
    try:
        pace, fillers, pauses = metrics["pace"], metrics["fillers"], metrics["pauses"]
        job = metrics.get("job")
        figures = {
            "first_word_latency": _num(pace.get("first_word_latency")),
            "speaking_rate": _num(pace.get("speaking_rate")),
            "articulation_rate": _num(pace.get("articulation_rate")),
            "fillers_per_minute": _num(fillers.get("per_minute")),
            "fillers_per_100_words": _num(fillers.get("per_100_words")),
            "very_long_pauses": (
                float(pauses["very_long"]) if pauses.get("source") != "none" else None
            ),
            "hedges": float(metrics["hedges"]["count"]),
            "immediate_repeats": float(metrics["repetition"]["immediate_count"]),
            "duration": _num(metrics.get("duration")),
            "star_score": float(metrics["star"]["score"]),
            "key_point_coverage": _num(metrics.get("key_points", {}).get("share")),
            "job_coverage": _num(job.get("share")) if job else None,
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return figures if metrics["word_count"] > 0 else dict.fromkeys(figures)


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _load(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
