"""A real database with practice history, and the context a history page needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.tasks import InlineTaskRunner
from support.audio_data import clip
from support.history_data import seed_history


def _fail(exc: BaseException) -> None:
    raise AssertionError(f"unexpected error shown to the user: {exc}")


@pytest.fixture
def wav() -> Path:
    return clip("mfa_um")


@pytest.fixture
def ctx(app_paths: AppPaths, wav: Path) -> AppContext:
    db = open_store(app_paths)
    seed_history(
        db.engine,
        sessions=6,
        audio_from=wav,
        audio_dir=app_paths.audio / "2026-09",
        data_dir=app_paths.data,
    )
    return AppContext(
        db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None)
    )
