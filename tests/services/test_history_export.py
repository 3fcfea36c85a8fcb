"""History exports name the question a follow-up answer followed up."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from greenroom.core.session import Answer, Mode, PracticeSession, follow_up_draft
from greenroom.services.history_export import CSV_COLUMNS, sessions_to_csv, write_export
from greenroom.store import sessions_repo
from greenroom.store.database import open_database


def _session_with_follow_up(tmp_path: Path) -> PracticeSession:
    engine = open_database(tmp_path / "g.db").engine
    t0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
    session = sessions_repo.create_session(engine, PracticeSession(None, t0, Mode.ONE_WAY))
    assert session.id
    parent = sessions_repo.record_answer(
        engine, Answer(None, session.id, None, "Tell me about a conflict.", 0, transcript="We…")
    )
    follow_up = follow_up_draft(parent, "=What did you do yourself?", reason="we-not-i")
    sessions_repo.record_answer(engine, replace(follow_up, transcript="I listened"))
    return sessions_repo.get_session(engine, session.id)


def test_csv_has_the_answer_id_and_the_follow_up_link(tmp_path: Path) -> None:
    session = _session_with_follow_up(tmp_path)
    rows = list(csv.DictReader(io.StringIO(sessions_to_csv([session]))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    parent, follow_up = rows
    assert (parent["follow_up_of"], parent["follow_up_to"]) == ("", "")
    assert follow_up["follow_up_of"] == parent["answer_id"] != ""
    assert follow_up["follow_up_to"] == "Tell me about a conflict."
    assert follow_up["question"] == "'=What did you do yourself?"  # never a formula


def test_json_has_the_follow_up_link_and_reason(tmp_path: Path) -> None:
    session = _session_with_follow_up(tmp_path)
    path = tmp_path / "history.json"
    write_export(path, [session])
    parent, follow_up = json.loads(path.read_text(encoding="utf-8"))["sessions"][0]["answers"]
    assert parent["follow_up_of"] is None and parent["follow_up_to"] is None
    assert (
        follow_up["follow_up_of"],
        follow_up["follow_up_to"],
        follow_up["follow_up_reason"],
    ) == (
        parent["id"],
        "Tell me about a conflict.",
        "we-not-i",
    )
