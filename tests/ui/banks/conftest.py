"""A Banks page on a real SQLite database seeded with the built-in banks, jobs run inline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.store.database import Database
from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.tasks import InlineTaskRunner


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.fixture
def db(app_paths: AppPaths) -> Database:
    return open_store(app_paths)


@pytest.fixture
def ctx(db: Database, app_paths: AppPaths) -> AppContext:
    return AppContext(
        db.engine, app_paths, InlineTaskRunner(_raise), SettingsStore(Settings(), None)
    )


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[BanksPage]:
    page = BanksPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts only reach the active window
    page.refresh()
    page.bank_list.setFocus()
    yield page
    if page.current_dialog is not None:  # a window-modal dialog left open blocks the next test
        page.current_dialog.reject()
