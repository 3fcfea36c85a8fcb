"""History exports name the question a follow-up answer followed up, and carry relevance and
the voice."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from greenroom.analysis.metrics import analyze_answer
from greenroom.analysis.relevance import Topic
from greenroom.core.session import Answer, Mode, PracticeSession, follow_up_draft
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.core.voice import VoiceTrack
from greenroom.services.history_export import CSV_COLUMNS, sessions_to_csv, write_export
from greenroom.store import sessions_repo
from greenroom.store.database import open_database
from support.meaning import BACKGROUND, OFF, WordOverlap


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


def test_exports_carry_what_the_answer_said_against_the_question_and_the_voice(
    tmp_path: Path,
) -> None:
    words = tuple(Word(w, 1.0 + k * 0.4, 1.32 + k * 0.4) for k, w in enumerate(OFF.split()))
    n = int(20 / 0.016)
    flat = tuple(150 * 2 ** (0.5 * math.sin(k / 25) / 12) for k in range(n))
    metrics = analyze_answer(
        Transcript(words, (SpeechSegment(1.0, words[-1].end),), words[-1].end + 0.5),
        answer_limit=None,
        key_points=("new plan",),
        question=Topic("Tell me about a time you missed a deadline.", ("new plan",)),
        meaning=WordOverlap(),
        background=BACKGROUND,
        voice=VoiceTrack(0.016, flat, (-20.0,) * n, 20.0, peak=0.3, tracker="test"),
    )
    engine = open_database(tmp_path / "g.db").engine
    t0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
    session = sessions_repo.create_session(engine, PracticeSession(None, t0, Mode.ONE_WAY))
    assert session.id
    sessions_repo.record_answer(
        engine,
        Answer(
            None,
            session.id,
            None,
            "Tell me about a time you missed a deadline.",
            0,
            transcript=OFF,
            metrics=metrics.to_dict(),
        ),
    )
    saved = sessions_repo.get_session(engine, session.id)
    [row] = list(csv.DictReader(io.StringIO(sessions_to_csv([saved]))))
    assert row["on_topic_verdict"] == "off topic" and float(row["on_topic_share"]) < 0.3
    assert row["drifted_to"].startswith("scrooge, marley")
    assert row["key_points_missed"] == "new plan" and row["key_points_covered"] == ""
    assert row["monotone"] == "yes" and float(row["pitch_median_hz"]) > 100
    assert row["trailing_off_share"] == "" or float(row["trailing_off_share"]) >= 0
    path = tmp_path / "history.json"
    write_export(path, [saved])
    [answer] = json.loads(path.read_text(encoding="utf-8"))["sessions"][0]["answers"]
    assert answer["metrics"]["relevance"]["on_topic"]["verdict"] == "off topic"
    assert answer["metrics"]["voice"]["monotone"] is True
