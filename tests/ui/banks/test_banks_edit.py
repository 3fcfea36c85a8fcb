"""Writing banks: create, add, edit with inline validation, reorder, retire, duplicate, delete."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from banks_helpers import activate, practise, select_bank, select_question, table_texts
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenroom.core.bank import Question
from greenroom.core.errors import GreenroomError
from greenroom.store import bank_edit_repo, banks_repo
from greenroom.store.database import Database
from greenroom.store.models import AnswerRow
from greenroom.ui.banks.bank_editor_dialog import BankEditorDialog
from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.banks.question_editor_dialog import QuestionEditorDialog

WHEN = datetime(2026, 4, 2, 18, 0, tzinfo=UTC)


def _new_bank(page: BanksPage, title: str) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.current_dialog
    assert isinstance(dialog, BankEditorDialog)
    QTest.keyClicks(dialog.title, title)
    dialog.save_button.click()


def _add(page: BanksPage, text: str, *, answer: int = 120) -> None:
    page.bank_actions.add_question.trigger()
    dialog = page.current_dialog
    assert isinstance(dialog, QuestionEditorDialog)
    dialog.text.setPlainText(text)
    dialog.answer.setValue(answer)
    dialog.save_button.click()


@pytest.fixture
def mine(qtbot: QtBot, page: BanksPage) -> BanksPage:
    _new_bank(page, "Acme onsite")
    for text in ("Why Acme?", "Tell me about a launch.", "What would you change first?"):
        _add(page, text)
    activate(qtbot, page)
    return page


def test_new_bank_dialog_checks_the_id_as_you_type(page: BanksPage) -> None:
    page.bank_actions.new_bank.trigger()
    dialog = page.current_dialog
    assert isinstance(dialog, BankEditorDialog)
    assert not dialog.save_button.isEnabled()
    QTest.keyClicks(dialog.title, "Openers")
    assert dialog.bank_id.text() == "openers"
    assert "There is already a bank with the id 'openers'." in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.bank_id.setText("Not A Slug")
    assert "only a-z, 0-9 and '-'" in dialog.message.text()
    dialog.bank_id.setText("my-openers")
    assert dialog.save_button.isEnabled() and not dialog.message.isVisible()


def test_create_a_bank_and_add_questions(mine: BanksPage, db: Database) -> None:
    assert mine.bank_list.current_bank_id() == "acme-onsite"
    assert table_texts(mine) == [
        "Why Acme?",
        "Tell me about a launch.",
        "What would you change first?",
    ]
    assert not mine.read_only_hint.isVisible()
    assert mine.bank_actions.add_question.isEnabled()
    assert "1 questions" not in mine.bank_list.currentItem().text()
    assert "3 questions · yours" in mine.bank_list.currentItem().text()


def test_edit_a_question_with_inline_validation(mine: BanksPage, db: Database) -> None:
    select_question(mine, "Why Acme?")
    QTest.keyClick(mine.questions, Qt.Key.Key_F2)
    dialog = mine.current_dialog
    assert isinstance(dialog, QuestionEditorDialog)
    assert dialog.text.toPlainText() == "Why Acme?"
    dialog.answer.setValue(5)
    assert "Answer time must be between 10 and 1800 seconds." in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.text.setPlainText("")
    assert "Write the question." in dialog.message.text()
    dialog.text.setPlainText("Why do you want to work at Acme?")
    dialog.answer.setValue(90)
    dialog.prep.setValue(45)
    dialog.category.setCurrentIndex(dialog.category.findData("motivation"))
    dialog.tips.setPlainText("Name one product you use.")
    dialog.key_points.setPlainText("| our mission\nproduct")
    assert "Key point '| our mission' has no name before its first '|'" in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.key_points.setPlainText("mission | what you stand for\nproduct\n\nteam")
    dialog.follow_ups.setPlainText("What would you build first?")
    dialog.tags.setText("motivation, acme")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    stored = banks_repo.get_bank(db.engine, "acme-onsite").questions[0]
    assert stored.id == "why-acme"  # the id stays, so history stays attached
    assert (stored.text, stored.answer_seconds, stored.prep_seconds) == (
        "Why do you want to work at Acme?",
        90,
        45,
    )
    assert stored.key_points == ("mission | what you stand for", "product", "team")
    assert stored.follow_ups == ("What would you build first?",)
    assert stored.tags == ("motivation", "acme")
    assert "Name one product you use." in mine.detail.toPlainText()
    # the detail names the key point and lists its other wordings as such
    assert "mission (also counts: what you stand for)" in mine.detail.toPlainText()


def test_reorder_questions_with_the_keyboard(mine: BanksPage, db: Database) -> None:
    select_question(mine, "What would you change first?")
    QTest.keyClick(mine.questions, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(mine.questions, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    expected = ["What would you change first?", "Why Acme?", "Tell me about a launch."]
    assert table_texts(mine) == expected
    assert [q.text for q in banks_repo.get_bank(db.engine, "acme-onsite").questions] == expected
    assert mine.selected_question() is not None
    assert mine.selected_question().text == "What would you change first?"  # type: ignore[union-attr]
    mine.bank_actions.move_down.trigger()
    assert table_texts(mine)[1] == "What would you change first?"


def test_retire_keeps_the_history_and_can_be_undone(mine: BanksPage, db: Database) -> None:
    practise(db.engine, "acme-onsite", "why-acme", when=WHEN, rating=4, delivery=72.0)
    mine.refresh()
    select_question(mine, "Why Acme?")
    QTest.keyClick(mine.questions, Qt.Key.Key_Delete)
    assert "Why Acme?" not in table_texts(mine)
    assert "its history is kept" in mine.banner.text()
    stored = banks_repo.get_bank(db.engine, "acme-onsite", include_retired=True)
    assert (stored.questions[0].id, stored.questions[0].retired) == ("why-acme", True)
    with Session(db.engine) as s:
        assert s.scalar(select(func.count()).select_from(AnswerRow)) == 1
    mine.filters.show_retired.setChecked(True)
    assert "Why Acme?  (retired)" in table_texts(mine)
    select_question(mine, "Why Acme?  (retired)")
    detail = mine.detail.toPlainText()
    assert "Practised once" in detail and "average self-rating 4.0 / 5" in detail
    assert mine.bank_actions.retire.text() == "&Restore"
    mine.bank_actions.retire.trigger()
    assert "Why Acme?" in table_texts(mine)
    assert not banks_repo.get_bank(db.engine, "acme-onsite").questions[0].retired


def test_duplicate_a_builtin_bank_into_an_editable_copy(page: BanksPage, db: Database) -> None:
    select_bank(page, "openers")
    assert not page.bank_actions.add_question.isEnabled()
    QTest.keyClick(page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.bank_list.current_bank_id() == "openers-copy"
    assert page.bank_title.text() == "Openers and first impressions (copy)"
    assert len(table_texts(page)) == 24
    assert not page.read_only_hint.isVisible()
    assert page.bank_actions.add_question.isEnabled()
    _add(page, "What did you have for breakfast?")
    assert table_texts(page)[-1] == "What did you have for breakfast?"
    assert len(banks_repo.get_bank(db.engine, "openers").questions) == 24  # original untouched


def test_delete_refuses_a_bank_with_history(
    mine: BanksPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    practise(db.engine, "acme-onsite", "why-acme", when=WHEN, rating=3, delivery=None)
    monkeypatch.setattr(mine, "confirm", lambda title, text: True)
    mine.bank_actions.delete_bank.trigger()
    assert "has practice history (1 answers), so it cannot be deleted" in mine.banner.text()
    assert banks_repo.get_bank(db.engine, "acme-onsite")


def test_delete_an_unpractised_bank_after_confirming(
    mine: BanksPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(mine, "confirm", lambda title, text: asked.append(text) or False)
    mine.bank_actions.delete_bank.trigger()
    assert asked and "acme-onsite" in {b.id for b in banks_repo.list_banks(db.engine)}
    monkeypatch.setattr(mine, "confirm", lambda title, text: True)
    mine.bank_actions.delete_bank.trigger()
    assert "acme-onsite" not in {b.id for b in banks_repo.list_banks(db.engine)}
    assert mine.bank_list.current_bank_id() is not None


def test_store_refuses_to_edit_builtin_banks(db: Database) -> None:
    with pytest.raises(GreenroomError, match="read-only"):
        bank_edit_repo.add_question(db.engine, "openers", Question(id="", text="Why?"))
    with pytest.raises(GreenroomError, match="read-only"):
        bank_edit_repo.delete_bank(db.engine, "openers")
    with pytest.raises(GreenroomError, match="answer time must be between 10 and 1800"):
        bank_edit_repo.check_question(Question(id="", text="Why?", answer_seconds=5))
