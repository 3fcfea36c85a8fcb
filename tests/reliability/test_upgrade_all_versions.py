"""A database from every earlier schema version upgrades to head without losing a row.

For each revision before head: build a database at that revision, fill every table that exists
there with realistic rows (banks, questions, sessions, answers, follow-up answers, interviews and
the questions asked in them; the columns that revision has), open it the way the app does, and
compare every value; the backup taken first must hold the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from greenroom.store import interviews_repo, sessions_repo
from greenroom.store.database import open_database
from greenroom.store.migrate import alembic_config, head_revision
from greenroom.store.transcript_search import search
from support.schema import database_at

HEAD = head_revision()
EARLIER = sorted(
    r.revision
    for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    if r.revision != HEAD
)
WORDS = json.dumps([{"text": "Because", "start": 0.4, "end": 0.8, "probability": 0.9}])
# Tables added after the first revision, and the revision that added them.
INTRODUCED = {"interviews": "0005", "interview_questions": "0005"}


def _rows() -> dict[str, list[dict[str, Any]]]:
    """Rows for every table any revision has; columns a revision lacks are dropped."""
    return {
        "banks": [
            {
                "key": k,
                "slug": slug,
                "title": f"{slug.title()} questions",
                "description": "Questions “for” practice — ünïcode too",
                "language": "en",
                "tags": json.dumps(["general"]),
                "defaults": json.dumps({"answer_seconds": 120}),
                "builtin": builtin,
                "source": f"/home/u/{slug}.yaml",
                "created_at": f"2026-01-0{k} 10:00:00.000000",
                "updated_at": f"2026-01-0{k} 11:00:00.000000",
            }
            for k, slug, builtin in ((1, "openers", 1), (2, "my-bank", 0))
        ],
        "questions": [
            {
                "key": 10 + i,
                "bank_key": 1 + i % 2,
                "slug": f"q-{i}",
                "text": f"Question number {i}: why?",
                "category": ("behavioral", None, "closing")[i % 3],
                "difficulty": "medium",
                "prep_seconds": 15,
                "answer_seconds": 90 + i,
                "tips": "Use STAR",
                "key_points": json.dumps(["impact"]),
                "follow_ups": json.dumps([]),
                "tags": json.dumps(["t"]),
                "retired": int(i == 3),
                "position": i,
            }
            for i in range(5)
        ],
        "sessions": [
            {
                "id": sid,
                "started_at": f"2026-02-0{sid} 18:00:00.000000",
                "ended_at": None if status == "interrupted" else f"2026-02-0{sid} 18:20:00.000000",
                "mode": mode,
                "status": status,
                "settings": json.dumps({"count": 2, "job_description": None}),
                "bank_ids": json.dumps(["openers"]),
                "nerves_before": 70 - sid,
                "nerves_after": None if status == "interrupted" else 40,
                "confidence_after": None if status == "interrupted" else 65,
                "notes": "nervous start" if sid == 1 else "",
                "summary": json.dumps({"answers": 2}),
            }
            for sid, mode, status in ((1, "timed", "completed"), (2, "drill", "interrupted"))
        ],
        "answers": [
            {
                "id": 100 + n,
                "session_id": 1 + n // 2,
                "question_key": 10 + n,
                "question_text": f"Question number {n}: why?",
                "position": n % 2,
                "take": 1,
                "kind": "spoken" if n % 2 == 0 else "typed",
                "started_at": f"2026-02-01 18:0{n}:00.000000",
                "duration_seconds": 60.5 + n,
                "answer_limit_seconds": 120.0,
                "transcript": f"Because the mission matters to me number {n}",
                "words": WORDS,
                "segments": json.dumps([{"start": 0.4, "end": 3.0}]),
                "audio_path": f"audio/2026-02/s1-q{n}-t1.flac" if n % 2 == 0 else None,
                "metrics": json.dumps({"word_count": 8}),
                "self_rating": 4,
                "delivery_index": 55.5 + n,
                # The last answer is a follow-up of the one before it (from 0005).
                "follow_up_of": 102 if n == 3 else None,
                "follow_up_reason": "no-result" if n == 3 else None,
            }
            for n in range(4)
        ],
        "interviews": [
            {
                "id": iid,
                "company": company,
                "role": "Data analyst",
                "when_utc": f"2026-03-0{iid} 13:00:00.000000",
                "utc_offset_minutes": offset,
                "format": fmt,
                "want_before": want,
                "checklist": json.dumps([{"text": "Three stories ready", "done": iid == 1}]),
                "nerves_before": 75 if iid == 1 else None,
                "nerves_after": 50 if iid == 1 else None,
                "went": 4 if iid == 1 else None,
                "people_met": json.dumps(["Ana (hiring manager)"] if iid == 1 else []),
                "follow_up_note": "Send the portfolio link" if iid == 1 else "",
                "want_after": 9 if iid == 1 else None,
                "outcome": "next-round" if iid == 1 else None,
                "notes": "Kyōto office — 面接" if iid == 1 else "",
                "created_at": "2026-02-20 10:00:00.000000",
                "updated_at": "2026-03-01 18:00:00.000000",
            }
            for iid, company, offset, fmt, want in (
                (1, "Acme Ünïcode", 60, "video", 7),
                (2, "Globex", -300, None, None),
            )
        ],
        "interview_questions": [
            {
                "id": 1,
                "interview_id": 1,
                "question_key": 11,
                "text": "Why do you want to leave your current job?",
                "position": 0,
                "created_at": "2026-03-01 18:00:00.000000",
            }
        ],
    }


def _build(path: Path, revision: str) -> dict[str, list[dict[str, Any]]]:
    database_at(path, revision)
    written: dict[str, list[dict[str, Any]]] = {}
    with sqlite3.connect(path) as conn:
        for table, rows in _rows().items():
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            exists = revision >= INTRODUCED.get(table, EARLIER[0])
            assert bool(columns) == exists, (
                f"{table} {'missing' if exists else 'early'} at {revision}"
            )
            if not exists:
                continue
            kept = [{k: v for k, v in row.items() if k in columns} for row in rows]
            for row in kept:
                marks = ", ".join("?" * len(row))
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values())
                )
            written[table] = kept
    conn.close()
    return written


def _read(path: Path, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1").fetchall()
    conn.close()
    return rows


@pytest.mark.parametrize("revision", EARLIER)
def test_every_row_survives_the_upgrade_from(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "greenroom.db"
    written = _build(path, revision)
    db = open_database(path, backups_dir=tmp_path / "backups")
    assert db.backup is not None and db.backup.name.startswith(f"greenroom-{revision}-")
    for table, rows in written.items():
        columns = list(rows[0])
        expected = [tuple(row[c] for c in columns) for row in rows]
        assert _read(path, table, columns) == expected, f"{table} changed"
        assert _read(db.backup, table, columns) == expected, f"{table} missing from the backup"
    # ...and the app reads them through its own queries.
    session = sessions_repo.get_session(db.engine, 1)
    assert [a.transcript for a in session.answers] == [
        "Because the mission matters to me number 0",
        "Because the mission matters to me number 1",
    ]
    assert sessions_repo.get_session(db.engine, 2).status.value == "interrupted"
    assert {hit.answer_id for hit in search(db.engine, "mission")} == {100, 101, 102, 103}
    if "follow_up_of" in written["answers"][3]:
        follow_up = sessions_repo.get_session(db.engine, 2).answers[1]
        assert (follow_up.follow_up_of, follow_up.follow_up_reason) == (102, "no-result")
    if "interviews" in written:
        first, second = interviews_repo.list_interviews(db.engine, newest_first=False)
        assert (first.company, first.when.isoformat()) == (
            "Acme Ünïcode",
            "2026-03-01T14:00:00+01:00",
        )
        assert [q.text for q in first.asked] == ["Why do you want to leave your current job?"]
        assert second.when.isoformat() == "2026-03-02T08:00:00-05:00" and second.outcome is None
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    db.engine.dispose()


def test_the_rows_cover_every_table_of_the_newest_schema(tmp_path: Path) -> None:
    """A new table must get rows in _rows() so its upgrades are tested too."""
    db = open_database(tmp_path / "greenroom.db")
    db.engine.dispose()
    tables = {
        name
        for (name,) in _read(
            tmp_path / "greenroom.db", "sqlite_master WHERE type='table'", ["name"]
        )
        if name != "alembic_version" and not name.startswith("answers_fts")
    }
    assert tables == set(_rows())
    assert EARLIER[0] == "0001" and HEAD not in EARLIER
