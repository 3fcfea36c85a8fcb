"""Each schema upgrade keeps every row of an older database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from greenroom.store import sessions_repo
from greenroom.store.database import open_database
from greenroom.store.migrate import head_revision
from support.schema import database_at


def test_0001_to_head_keeps_sessions_and_answers_and_takes_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    database_at(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
            "nerves_before) VALUES (7, '2026-01-01 09:00:00', 'timed', 'completed', '{}', "
            "'[\"openers\"]', 'first try', 65)"
        )
        conn.execute(
            "INSERT INTO answers (session_id, question_text, position, take, kind, "
            "duration_seconds, transcript, words, segments, metrics) VALUES (7, 'Why us?', 0, 1, "
            "'spoken', 80.5, 'Because of the mission', '[]', '[]', '{\"word_count\": 4}')"
        )
    db = open_database(path, backups_dir=tmp_path / "backups")
    assert db.backup is not None and db.backup.name.startswith("g-0001-")
    session = sessions_repo.get_session(db.engine, 7)
    assert (session.notes, session.nerves_before, session.bank_ids) == (
        "first try",
        65,
        ("openers",),
    )
    assert session.summary == {}
    [answer] = session.answers
    assert (answer.transcript, answer.duration_seconds) == ("Because of the mission", 80.5)
    assert answer.metrics == {"word_count": 4} and answer.delivery_index is None
    with db.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == head_revision()
        )


def test_0003_to_0004_fills_session_figures_from_summaries_and_keeps_search(
    tmp_path: Path,
) -> None:
    import json

    from greenroom.core.session import Answer
    from greenroom.store import history_repo, transcript_search

    path = tmp_path / "g.db"
    database_at(path, "0003")
    summary = {
        "answers": 2,
        "averages": {
            "fillers_per_minute": 3.5,
            "speaking_rate": 141.25,
            "very_long_pauses": 1,  # an integer in JSON is still a figure
            "first_word_latency": None,  # not measured
            "hedges": 2.0,
        },
        "index": 72.5,
        "answer_indices": [70.0, 75.0],
        "report": {"nerves_before": 60, "nerves_after": 40, "confidence": 55},
        "stress": [],
    }
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
            "nerves_before, nerves_after, confidence_after, summary) VALUES "
            "(1, '2026-01-01 09:00:00', 'timed', 'completed', '{}', '[\"openers\"]', '', "
            "60, 40, 55, ?), "
            "(2, '2026-01-02 09:00:00', 'drill', 'interrupted', '{}', '[]', '', 50, NULL, "
            "NULL, '{}')",
            (json.dumps(summary),),
        )
        for sid, position, index, text in (
            (1, 0, 70.0, "We migrated the billing service"),
            (1, 1, 75.0, "I led the rollout"),
            (2, 0, 64.0, "The backlog shrank"),
        ):
            conn.execute(
                "INSERT INTO answers (session_id, question_text, position, take, kind, "
                "duration_seconds, transcript, words, segments, metrics, delivery_index) "
                "VALUES (?, 'Tell me', ?, 1, 'spoken', 10, ?, '[]', '[]', '{}', ?)",
                (sid, position, text, index),
            )
    db = open_database(path, backups_dir=tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT id, delivery_index, fillers_per_minute, speaking_rate, very_long_pauses, "
            "first_word_latency FROM sessions ORDER BY id"
        ).fetchall()
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert rows == [(1, 72.5, 3.5, 141.25, 1.0, None), (2, None, None, None, None, None)]
    assert set(transcript_search.TRIGGER_NAMES) <= triggers  # only sessions was altered
    first, interrupted = history_repo.progress_points(db.engine)
    assert (first.delivery_index, first.fillers_per_minute, first.speaking_rate) == (
        72.5,
        3.5,
        141.25,
    )
    assert (first.very_long_pauses, first.first_word_latency) == (1.0, None)
    assert (first.nerves_before, first.nerves_after, first.confidence) == (60, 40, 55)
    assert interrupted.delivery_index == 64.0  # no summary: the mean of its answers
    assert interrupted.speaking_rate is None
    assert [h.session_id for h in transcript_search.search(db.engine, "billing")] == [1]
    sessions_repo.record_answer(db.engine, Answer(None, 2, None, "Q", 1, transcript="kanban"))
    assert transcript_search.matching_session_ids(db.engine, "kanban") == {2}
    search = history_repo.HistoryFilter(search="rollout")
    assert history_repo.count_and_list_sessions(db.engine, search)[0] == 1
    # Sessions finished from now on write the same columns from their summary.
    from datetime import UTC, datetime

    sessions_repo.finish_session(
        db.engine,
        2,
        ended_at=datetime(2026, 1, 2, 10, tzinfo=UTC),
        nerves_after=30,
        confidence_after=70,
        summary={**summary, "index": 66.0, "averages": {"speaking_rate": 150}},
    )
    with sqlite3.connect(path) as conn:
        assert conn.execute(
            "SELECT delivery_index, fillers_per_minute, speaking_rate, very_long_pauses, "
            "first_word_latency FROM sessions WHERE id = 2"
        ).fetchone() == (66.0, None, 150.0, None, None)


def _metrics(text: str, *, duration: float = 30.0) -> dict[str, Any]:
    from greenroom.analysis import analyze_answer
    from greenroom.core.transcript import SpeechSegment, Transcript, Word

    words = tuple(Word(w, 1.0 + 0.4 * k, 1.3 + 0.4 * k) for k, w in enumerate(text.split()))
    # A silent answer still has a stretch of noise the VAD took for speech: the old scoring
    # gave such an answer pauses, zero fillers a minute and an index.
    segments = (SpeechSegment(1.0, words[-1].end if words else 2.5),)
    transcript = Transcript(words=words, segments=segments, duration=duration)
    return analyze_answer(transcript, answer_limit=120, key_points=("outcome",)).to_dict()


SPOKEN = (
    "At my last job I was responsible for releases and as a result we reduced release time "
    "from two days to four hours"
)


def test_answer_values_copy_matches_the_analysis_package() -> None:
    """store.no_answer_fix keeps a frozen copy of AnswerMetrics.values() at schema 0005: same
    figures. Figures added later (relevance and the voice, issue 16) need a question or a
    recording that answers stored before 0005 never had: for them those figures are None."""
    from greenroom.analysis import AnswerMetrics
    from greenroom.store.no_answer_fix import answer_values

    for text in (SPOKEN, "", "um yes", "We did it together and it worked well for us"):
        metrics = _metrics(text)
        frozen = answer_values(metrics)
        now = AnswerMetrics.from_dict(metrics).values()
        assert frozen is not None
        assert frozen == {key: now[key] for key in frozen}
        assert all(now[key] is None for key in set(now) - set(frozen))
    assert answer_values({"word_count": 3}) is None  # unreadable: left alone


def test_0004_to_0005_drops_the_index_of_answers_with_no_words_and_rebuilds_sessions(
    tmp_path: Path,
) -> None:
    """An answer with no words once scored 28.6; its session's figures included it."""
    import json

    from greenroom.analysis import AnswerMetrics
    from greenroom.analysis.session import SelfReport, delivery_index, summarize_session

    path = tmp_path / "g.db"
    database_at(path, "0004")
    spoken, empty = _metrics(SPOKEN), _metrics("")
    spoken_index = delivery_index(AnswerMetrics.from_dict(spoken).values()).score
    assert spoken_index is not None
    old_averages = {"speaking_rate": 100.0, "fillers_per_minute": 0.5, "hedges": 0.0}
    old = {
        "answers": 2,
        "averages": old_averages,
        "index": (spoken_index + 28.6) / 2,
        "answer_indices": [spoken_index, 28.6],
        "report": {"nerves_before": 60, "nerves_after": 40, "confidence": 55},
        "stress": [],
    }
    untouched = {**old, "index": 80.0, "answer_indices": [80.0]}
    with sqlite3.connect(path) as conn:
        for sid, summary, index in ((1, old, old["index"]), (2, untouched, 80.0), (3, {}, None)):
            conn.execute(
                "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
                "summary, delivery_index, speaking_rate) VALUES (?, '2026-01-01 09:00:00', "
                "'timed', ?, '{}', '[]', '', ?, ?, 100.0)",
                (sid, "completed" if summary else "interrupted", json.dumps(summary), index),
            )
        rows = [
            (1, 0, spoken, spoken_index, SPOKEN),
            (1, 1, empty, 28.6, ""),
            (2, 0, spoken, 80.0, SPOKEN),
            (3, 0, empty, 28.6, ""),  # interrupted: no summary to rebuild
        ]
        for sid, position, metrics, index, text in rows:
            conn.execute(
                "INSERT INTO answers (session_id, question_text, position, take, kind, "
                "duration_seconds, transcript, words, segments, metrics, delivery_index) "
                "VALUES (?, 'Tell me', ?, 1, 'spoken', 30, ?, '[]', '[]', ?, ?)",
                (sid, position, text, json.dumps(metrics), index),
            )
    open_database(path, backups_dir=tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        indices = conn.execute("SELECT delivery_index FROM answers ORDER BY id").fetchall()
        sessions = conn.execute(
            "SELECT id, summary, delivery_index, speaking_rate, fillers_per_minute "
            "FROM sessions ORDER BY id"
        ).fetchall()
    assert [i for (i,) in indices] == [spoken_index, None, 80.0, None]
    fixed, kept, interrupted = sessions
    expected = summarize_session(
        [AnswerMetrics.from_dict(spoken), AnswerMetrics.from_dict(empty)],
        report=SelfReport(60, 40, 55),
    ).to_dict()
    summary = json.loads(fixed[1])
    assert summary["index"] == expected["index"] == spoken_index
    assert summary["answer_indices"] == [spoken_index, None]
    # The migration's averages are the figures of schema 0005; later ones (relevance and the
    # voice, issue 16) need what answers stored before it never had, so they are None anyway.
    later = {k: v for k, v in expected["averages"].items() if k not in summary["averages"]}
    assert summary["averages"] == {k: v for k, v in expected["averages"].items() if k not in later}
    assert later and all(v is None for v in later.values())
    assert (summary["answers"], summary["answered"]) == (2, 1)
    assert summary["report"] == old["report"]  # the user's own ratings are kept
    assert fixed[2:] == (
        spoken_index,
        expected["averages"]["speaking_rate"],
        expected["averages"]["fillers_per_minute"],
    )
    assert json.loads(kept[1]) == untouched and kept[2:4] == (80.0, 100.0)
    assert interrupted[2] is None


def test_0005_downgrades_and_upgrades_again_keeping_answers_and_search(tmp_path: Path) -> None:
    from greenroom.core.session import Answer, Mode, PracticeSession, follow_up_draft
    from greenroom.store import transcript_search
    from support.schema import downgrade_to

    path = tmp_path / "g.db"
    db = open_database(path)
    session = sessions_repo.create_session(
        db.engine, PracticeSession(None, datetime(2026, 1, 1, tzinfo=UTC), Mode.ONE_WAY)
    )
    assert session.id is not None
    parent = sessions_repo.record_answer(
        db.engine, Answer(None, session.id, None, "Tell me", 0, transcript="we shipped it")
    )
    sessions_repo.record_answer(
        db.engine,
        replace(follow_up_draft(parent, "What did you do yourself?"), transcript="I tested it"),
    )
    db.engine.dispose()
    downgrade_to(path, "0004")
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    assert "interviews" not in tables and "follow_up_of" not in columns
    assert set(transcript_search.TRIGGER_NAMES) <= tables
    db = open_database(path, backups_dir=tmp_path / "backups")
    [a, b] = sessions_repo.get_session(db.engine, session.id).answers
    assert (a.transcript, b.transcript, b.follow_up_of) == ("we shipped it", "I tested it", None)
    assert transcript_search.matching_session_ids(db.engine, "tested") == {session.id}


def test_0005_to_0006_fills_on_topic_and_pitch_variation_and_leaves_old_sessions_empty(
    tmp_path: Path,
) -> None:
    """Progress tracks the on-topic share and the voice (issue 16): finished sessions get them
    from their summary, or from their answers' saved metrics when the summary predates them;
    sessions that never measured them stay NULL (a gap on Progress, never a zero)."""
    import json
    import random

    from greenroom.analysis import AnswerMetrics
    from greenroom.analysis.session import summarize_session
    from greenroom.store import history_repo, transcript_search
    from support.history_data import make_answer
    from support.schema import downgrade_to

    rng = random.Random(5)
    judged = [make_answer(rng, nerves=n, judged=True) for n in (70, 40, 55, 30)]
    old = make_answer(rng, nerves=60)  # saved before issue 16: no relevance, no voice
    silent = _metrics("")  # no words: no figures, whatever else it holds
    values = [AnswerMetrics.from_dict(a.metrics).values() for a in judged]
    assert all(v["on_topic"] is not None and v["pitch_variation"] for v in values)
    new_summary = summarize_session([AnswerMetrics.from_dict(a.metrics) for a in judged[:2]])
    # Session 2's summary was written before the figures existed: the answers have them.
    old_summary = {**new_summary.to_dict(), "averages": {"speaking_rate": 130.0}}
    path = tmp_path / "g.db"
    database_at(path, "0005")
    sessions = (
        (1, "completed", new_summary.to_dict(), [judged[0], judged[1]]),
        (2, "completed", old_summary, [judged[2], judged[3]]),
        (3, "completed", {**old_summary, "averages": {}}, [old]),
        (4, "interrupted", {}, [judged[0]]),
    )
    with sqlite3.connect(path) as conn:
        for sid, status, summary, answers in sessions:
            conn.execute(
                "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
                "summary) VALUES (?, ?, 'timed', ?, '{}', '[]', '', ?)",
                (sid, f"2026-01-0{sid} 09:00:00", status, json.dumps(summary)),
            )
            for position, seeded in enumerate([*answers, None]):
                metrics = silent if seeded is None else seeded.metrics
                conn.execute(
                    "INSERT INTO answers (session_id, question_text, position, take, kind, "
                    "duration_seconds, transcript, words, segments, metrics) "
                    "VALUES (?, 'Tell me', ?, 1, 'spoken', 30, ?, '[]', '[]', ?)",
                    (sid, position, "" if seeded is None else seeded.text, json.dumps(metrics)),
                )
    db = open_database(path, backups_dir=tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT id, on_topic, pitch_variation FROM sessions ORDER BY id"
        ).fetchall()
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    averages = new_summary.averages
    assert rows[0] == (1, averages["on_topic"], averages["pitch_variation"])
    assert rows[1][0] == 2 and rows[1][1:] == (
        pytest.approx((values[2]["on_topic"] + values[3]["on_topic"]) / 2),  # type: ignore[operator]
        pytest.approx((values[2]["pitch_variation"] + values[3]["pitch_variation"]) / 2),  # type: ignore[operator]
    )
    assert rows[2:] == [(3, None, None), (4, None, None)]
    assert set(transcript_search.TRIGGER_NAMES) <= triggers  # only sessions was altered
    points = history_repo.progress_points(db.engine)
    assert points[0].on_topic == pytest.approx(100 * averages["on_topic"])  # type: ignore[operator]
    assert points[0].pitch_variation == averages["pitch_variation"]
    assert (points[2].on_topic, points[2].pitch_variation) == (None, None)
    # The interrupted session has no summary: Progress takes its saved answer's figures (the
    # answer with no words has none), as the delivery index always did.
    assert (points[3].on_topic, points[3].pitch_variation) == (
        pytest.approx(100 * values[0]["on_topic"]),  # type: ignore[operator]
        pytest.approx(values[0]["pitch_variation"]),
    )
    db.engine.dispose()
    downgrade_to(path, "0005")
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    assert not {"on_topic", "pitch_variation"} & columns
    again = open_database(path, backups_dir=tmp_path / "backups")
    assert history_repo.progress_points(again.engine)[1].pitch_variation == rows[1][2]
