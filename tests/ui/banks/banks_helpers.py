"""Helpers for the Banks screen tests: read the table, pick a bank, record practice."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from greenroom.core.session import Answer, Mode, PracticeSession
from greenroom.store import banks_repo, sessions_repo
from greenroom.ui.banks.banks_page import BanksPage


def activate(qtbot: QtBot, page: BanksPage) -> None:
    """Make the page the active window again (offscreen has no window manager to do it after a
    dialog closes), so keyboard shortcuts reach it as they would for the user."""
    qtbot.wait(10)  # let the closed dialogs be deleted first
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)


def table_texts(page: BanksPage) -> list[str]:
    model = page.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def bank_titles(page: BanksPage) -> list[str]:
    return [page.bank_list.item(i).text().split("\n")[0] for i in range(page.bank_list.count())]


def select_bank(page: BanksPage, bank_id: str) -> None:
    page.bank_list.select_bank(bank_id)
    assert page.bank_list.current_bank_id() == bank_id


def select_question(page: BanksPage, text: str) -> None:
    row = table_texts(page).index(text)
    page.questions.selectRow(row)
    page.questions.setFocus(Qt.FocusReason.OtherFocusReason)


def practise(
    engine: Engine,
    bank_id: str,
    question_id: str,
    *,
    when: datetime,
    rating: int | None,
    delivery: float | None,
) -> None:
    key = banks_repo.question_keys(engine, bank_id)[question_id]
    session = sessions_repo.create_session(engine, PracticeSession(None, when, Mode.TIMED))
    assert session.id is not None
    sessions_repo.record_answer(
        engine,
        Answer(
            None,
            session.id,
            key,
            "as asked",
            0,
            started_at=when,
            duration_seconds=60.0,
            self_rating=rating,
            delivery_index=delivery,
        ),
    )
