"""History as CSV (one row per answer) or JSON (sessions with their answers).

A follow-up answer carries ``follow_up_of`` (its parent answer's id) and ``follow_up_to`` (the
question it followed up), so a spreadsheet can show "Follow-up to: <question>".
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from greenroom.core.atomic_file import write_text_atomic
from greenroom.core.session import PracticeSession

CSV_COLUMNS = (
    "session_id",
    "session_started_at",
    "mode",
    "status",
    "banks",
    "nerves_before",
    "nerves_after",
    "confidence_after",
    "answer_position",
    "take",
    "question",
    "kind",
    "duration_seconds",
    "answer_limit_seconds",
    "self_rating",
    "transcript",
    "audio_path",
    "question_key",
    "delivery_index",
    "answer_id",
    "follow_up_of",
    "follow_up_to",
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def sessions_to_json(sessions: list[PracticeSession]) -> str:
    out: list[dict[str, Any]] = []
    for s in sessions:
        out.append(
            {
                "id": s.id,
                "started_at": _iso(s.started_at),
                "ended_at": _iso(s.ended_at),
                "mode": s.mode.value,
                "status": s.status.value,
                "banks": list(s.bank_ids),
                "settings": s.settings,
                "nerves_before": s.nerves_before,
                "nerves_after": s.nerves_after,
                "confidence_after": s.confidence_after,
                "notes": s.notes,
                "summary": s.summary,
                "answers": [
                    {
                        "id": a.id,
                        "position": a.position,
                        "take": a.take,
                        "question": a.question_text,
                        "kind": a.kind.value,
                        "started_at": _iso(a.started_at),
                        "duration_seconds": a.duration_seconds,
                        "answer_limit_seconds": a.answer_limit_seconds,
                        "transcript": a.transcript,
                        "words": a.words,
                        "segments": a.segments,
                        "audio_path": a.audio_path,
                        "metrics": a.metrics,
                        "self_rating": a.self_rating,
                        "question_key": a.question_key,
                        "delivery_index": a.delivery_index,
                        "follow_up_of": a.follow_up_of,
                        "follow_up_to": s.follow_up_to(a),
                        "follow_up_reason": a.follow_up_reason,
                    }
                    for a in s.answers
                ],
            }
        )
    return json.dumps({"greenroom_history": 1, "sessions": out}, indent=2, ensure_ascii=False)


def sessions_to_csv(sessions: list[PracticeSession]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in sessions:
        head = [
            s.id,
            _iso(s.started_at),
            s.mode.value,
            s.status.value,
            ";".join(s.bank_ids),
            s.nerves_before,
            s.nerves_after,
            s.confidence_after,
        ]
        if not s.answers:
            writer.writerow([*head, *([""] * (len(CSV_COLUMNS) - len(head)))])
        for a in s.answers:
            writer.writerow(
                [
                    *head,
                    a.position,
                    a.take,
                    safe_cell(a.question_text),
                    a.kind.value,
                    round(a.duration_seconds, 2),
                    a.answer_limit_seconds,
                    a.self_rating,
                    safe_cell(a.transcript),
                    a.audio_path,
                    a.question_key,
                    a.delivery_index,
                    a.id,
                    a.follow_up_of,
                    safe_cell(s.follow_up_to(a) or ""),
                ]
            )
    return buf.getvalue()


def safe_cell(text: str) -> str:
    """Spreadsheets run cells starting with = + - @; a transcript must never become a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_export(path: Path, sessions: list[PracticeSession], *, fmt: str | None = None) -> None:
    """Write ``sessions`` as CSV or JSON (``fmt``, else from the file suffix), atomically."""
    kind = fmt or ("csv" if path.suffix.lower() == ".csv" else "json")
    body = sessions_to_csv(sessions) if kind == "csv" else sessions_to_json(sessions)
    write_text_atomic(path, body)
