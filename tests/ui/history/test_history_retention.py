"""Audio retention: forever, N days or never; only files inside the data folder go."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from greenroom.store import sessions_repo
from greenroom.ui.context import AppContext
from greenroom.ui.history.audio_files import apply_retention, delete_audio_files
from greenroom.ui.history.history_page import HistoryPage


def _audio(ctx: AppContext) -> list[Path]:
    return [
        ctx.paths.data / a.audio_path
        for s in sessions_repo.all_sessions_with_answers(ctx.engine)
        for a in s.answers
        if a.audio_path
    ]


def test_keep_n_days_deletes_older_recordings_and_keeps_transcripts(ctx: AppContext) -> None:
    before = _audio(ctx)
    assert len(before) == 18
    # Sessions run 1 Sep - 31 Oct 2026; on 1 Nov, keeping 30 days keeps October's.
    removed = apply_retention(ctx.engine, ctx.paths.data, 30, now=datetime(2026, 11, 1, tzinfo=UTC))
    after = _audio(ctx)
    assert 0 < removed == len(before) - len(after) and all(p.is_file() for p in after)
    assert sum(p.exists() for p in before) == len(after)
    assert all(
        a.transcript for s in sessions_repo.all_sessions_with_answers(ctx.engine) for a in s.answers
    )
    assert apply_retention(ctx.engine, ctx.paths.data, None, now=datetime.now(UTC)) == 0


def test_never_keep_from_the_history_page(qtbot: QtBot, ctx: AppContext) -> None:
    files = _audio(ctx)
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    page.retention.choice.setCurrentIndex(2)
    page.retention.choice.activated.emit(2)
    assert ctx.settings.current.keep_audio_days == 0
    assert _audio(ctx) == [] and not any(p.exists() for p in files)


def test_paths_outside_the_data_folder_are_never_deleted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    inside = data / "audio" / "x.wav"
    inside.parent.mkdir()
    inside.write_bytes(b"RIFF")
    assert (
        delete_audio_files(data, ["../precious.txt", str(outside), "audio/x.wav", "audio/none"])
        == 1
    )
    assert outside.read_text() == "keep me" and not inside.exists()
