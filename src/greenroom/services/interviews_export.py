"""Real interviews as CSV (one row per interview) or JSON (everything, lists as lists)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from greenroom.core.atomic_file import write_text_atomic
from greenroom.core.interviews import Interview
from greenroom.services.history_export import safe_cell

CSV_COLUMNS = (
    "id",
    "company",
    "role",
    "when",
    "when_utc",
    "format",
    "want_before",
    "nerves_before",
    "nerves_after",
    "went",
    "want_after",
    "outcome",
    "asked",
    "people_met",
    "follow_up_note",
    "notes",
    "checklist",
    "created_at",
    "updated_at",
)
LIST_SEPARATOR = "\n"  # one entry a line inside the cell: questions may hold "; " themselves


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def interview_to_dict(i: Interview) -> dict[str, Any]:
    return {
        "id": i.id,
        "company": i.company,
        "role": i.role,
        "when": _iso(i.when),
        "format": i.format.value if i.format else None,
        "want_before": i.want_before,
        "checklist": [{"text": c.text, "done": c.done} for c in i.checklist],
        "nerves_before": i.nerves_before,
        "nerves_after": i.nerves_after,
        "went": i.went,
        "asked": [
            {"text": q.text, "bank": "asked-in-interviews", "question_id": q.bank_question_id}
            for q in i.asked
        ],
        "people_met": list(i.people_met),
        "follow_up_note": i.follow_up_note,
        "want_after": i.want_after,
        "outcome": i.outcome.value if i.outcome else None,
        "notes": i.notes,
        "created_at": _iso(i.created_at),
        "updated_at": _iso(i.updated_at),
    }


def interviews_to_json(interviews: list[Interview]) -> str:
    body = {"greenroom_interviews": 1, "interviews": [interview_to_dict(i) for i in interviews]}
    return json.dumps(body, indent=2, ensure_ascii=False)


def interviews_to_csv(interviews: list[Interview]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for i in interviews:
        d = interview_to_dict(i)
        cells = {
            **d,
            "when_utc": _iso(i.when.astimezone(UTC)),
            "asked": LIST_SEPARATOR.join(q["text"] for q in d["asked"]),
            "people_met": LIST_SEPARATOR.join(i.people_met),
            "checklist": LIST_SEPARATOR.join(
                f"[{'x' if c.done else ' '}] {c.text}" for c in i.checklist
            ),
        }
        writer.writerow([_cell(cells[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def _cell(value: object) -> object:
    return safe_cell(value) if isinstance(value, str) else value


def write_interviews(path: Path, interviews: list[Interview], *, fmt: str) -> None:
    """Write ``interviews`` as "csv" or "json", atomically."""
    body = interviews_to_csv(interviews) if fmt == "csv" else interviews_to_json(interviews)
    write_text_atomic(path, body)
