"""Privacy: "Delete all my data" removes every Greenroom file and nothing of the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from greenroom.core.errors import StorageError
from greenroom.paths import AppPaths, resolve_paths
from greenroom.services import data_reset
from greenroom.services.startup import open_store
from greenroom.settings import Settings, load_settings, save_settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.main_window import MainWindow
from greenroom.ui.practice.practice_page import PracticeServices
from greenroom.ui.speech_model import SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice
from support.history_data import seed_history


def _fill(paths: AppPaths) -> None:
    """A folder after some use: sessions, recordings, a backup, settings, a model, logs."""
    db = open_store(paths)
    seed_history(db.engine, sessions=3)
    db.engine.dispose()
    (paths.audio / "2026-01").mkdir(parents=True)
    (paths.audio / "2026-01" / "s1-q1-t1.flac").write_bytes(b"fLaC....")
    paths.backups.mkdir(parents=True, exist_ok=True)
    (paths.backups / "greenroom-0002-20260101T000000.db").write_bytes(b"SQLite format 3\x00")
    save_settings(paths.settings_file, Settings(theme="dark", first_run_done=True))
    (paths.models / "base.en").mkdir(parents=True)
    (paths.models / "base.en" / "model.bin").write_bytes(b"weights")
    (paths.cache / "tts").mkdir(parents=True)
    (paths.cache / "tts" / "question-1.wav").write_bytes(b"RIFF")
    paths.logs.mkdir(parents=True, exist_ok=True)
    (paths.logs / "greenroom.log").write_text("started\n")
    (paths.logs / "greenroom.log.1").write_text("older\n")


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_everything_greenroom_wrote_is_deleted_and_the_next_start_is_a_first_start(
    app_paths: AppPaths,
) -> None:
    _fill(app_paths)
    assert data_reset.describe(app_paths) == [
        "sessions, answers, transcripts and your question banks",
        "recordings of your answers",
        "database backups",
        "settings",
        "speech models downloaded by Greenroom",
        "spoken questions",
        "logs",
    ]
    engine = open_store(app_paths).engine  # the app holds the database open
    removed = data_reset.delete_all_data(app_paths, engine=engine)
    assert app_paths.database in removed
    assert not app_paths.data.exists()  # GREENROOM_HOME layout: nothing at all is left
    assert load_settings(app_paths.settings_file) == Settings()  # first start again
    db = open_store(app_paths)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar() == 0
    db.engine.dispose()


def test_the_users_own_files_beside_ours_stay(tmp_path: Path) -> None:
    # --data-dir pointed at a folder the user also keeps other things in.
    paths = resolve_paths(tmp_path / "Documents")
    paths.ensure()
    mine = [paths.data / "cv.pdf", paths.config / "notes.txt", paths.logs / "other.log"]
    for path in mine:
        path.write_text("mine")
    _fill(paths)
    data_reset.delete_all_data(paths)
    assert _files(paths.data) == ["config", "config/notes.txt", "cv.pdf", "logs", "logs/other.log"]


def test_a_link_to_a_folder_elsewhere_is_removed_not_followed(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "home")
    paths.ensure()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.flac").write_bytes(b"x")
    paths.audio.rmdir()
    paths.audio.symlink_to(elsewhere, target_is_directory=True)
    data_reset.delete_all_data(paths)
    assert not os.path.lexists(paths.audio)
    assert (elsewhere / "precious.flac").exists()


@pytest.mark.parametrize("root", ["/", "~"])
def test_refuses_when_a_folder_is_the_filesystem_root_or_home(root: str, tmp_path: Path) -> None:
    base = Path(root).expanduser()
    paths = AppPaths(data=base, config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    with pytest.raises(StorageError, match="nothing was deleted"):
        data_reset.delete_all_data(paths)


def test_settings_button_confirms_names_the_folder_deletes_and_closes_the_window(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(app_paths)
    db = open_store(app_paths)
    tasks = InlineTaskRunner(lambda exc: (_ for _ in ()).throw(exc))
    store = SettingsStore(load_settings(app_paths.settings_file), app_paths.settings_file)
    ctx = AppContext(db.engine, app_paths, tasks, store)
    services = PracticeServices(
        FakeMicrophone(), FakeVoice(), SpeechModel(tasks, app_paths.models), FakeClock()
    )
    window = MainWindow(ctx, services)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    page = window.settings_page
    assert page.data_dir.text() == str(app_paths.data)  # where the data lives is shown
    asked: list[tuple[Path, list[str]]] = []

    monkeypatch.setattr(page, "confirm_delete_data", lambda f, k: asked.append((f, k)) or False)
    page.delete_data.click()
    assert asked and asked[0][0] == app_paths.data and "recordings of your answers" in asked[0][1]
    assert app_paths.database.exists() and window.isVisible()  # declined: nothing happened

    monkeypatch.setattr(page, "confirm_delete_data", lambda f, k: True)
    with qtbot.waitSignal(page.data_deleted):
        page.delete_data.click()
    assert not window.isVisible()
    assert not app_paths.data.exists()
