"""Browsing: every bank with counts and categories, search across banks, filters, history."""

from __future__ import annotations

from datetime import UTC, datetime

from banks_helpers import bank_titles, practise, select_bank, select_question, table_texts
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from greenroom.store.database import Database
from greenroom.ui.banks.banks_page import READ_ONLY_HINT, BanksPage


def test_lists_all_builtin_banks_with_counts_and_categories(page: BanksPage) -> None:
    assert page.bank_list.count() == 12
    first_lines = [page.bank_list.item(i).text() for i in range(page.bank_list.count())]
    openers = next(t for t in first_lines if t.startswith("Openers and first impressions"))
    assert "24 questions · built-in" in openers
    assert "opener" in openers.split("\n")[2]  # the categories used in the bank
    assert page.bank_list.accessibleName() == "Question banks"


def test_selecting_a_bank_shows_its_questions_and_the_detail_of_one(page: BanksPage) -> None:
    select_bank(page, "openers")
    assert page.bank_title.text() == "Openers and first impressions"
    texts = table_texts(page)
    assert len(texts) == 24
    assert texts[0] == "Tell me about yourself."
    select_question(page, "Tell me about yourself.")
    html = page.detail.toPlainText()
    assert "Use a simple present, past, future shape" in html  # tips
    assert "main strength" in html  # key points
    assert "What would you say is the thread that connects those roles?" in html  # follow-ups
    assert "Not practised yet." in html


def test_detail_shows_how_the_user_did_in_past_sessions(page: BanksPage, db: Database) -> None:
    for day, rating, delivery in ((3, 2, 40.0), (5, 4, 70.0), (9, 3, 85.0)):
        practise(
            db.engine,
            "openers",
            "tell-me-about-yourself",
            when=datetime(2026, 3, day, 9, 0, tzinfo=UTC),
            rating=rating,
            delivery=delivery,
        )
    page.refresh(select_bank="openers")
    select_question(page, "Tell me about yourself.")
    text = page.detail.toPlainText()
    assert "Practised 3 times, last on 09 Mar 2026" in text
    assert "average self-rating 3.0 / 5" in text
    assert "average delivery 65 / 100" in text
    practised_column = page.model.columnCount() - 1
    assert page.model.index(0, practised_column).data() == "3×"


def test_search_finds_questions_across_all_banks(qtbot: QtBot, page: BanksPage) -> None:
    select_bank(page, "openers")
    QTest.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    QTest.keyClicks(page.filters.search, "feedback")
    qtbot.waitUntil(lambda: page.bank_title.text() == "Search results", timeout=3000)
    texts = table_texts(page)
    assert texts and all("feedback" in t.lower() for t in texts)
    banks = {page.model.question(r).bank_id for r in range(page.model.rowCount())}  # type: ignore[union-attr]
    assert len(banks) >= 2, "search covers every bank, not only the selected one"
    assert not page.questions.isColumnHidden(1)  # the Bank column says where each one is from


def test_filters_by_category_difficulty_and_tag(page: BanksPage) -> None:
    page.filters.category.setCurrentIndex(page.filters.category.findData("closing"))
    closing = [page.model.question(r) for r in range(page.model.rowCount())]
    assert closing and all(q is not None and q.category == "closing" for q in closing)
    page.filters.difficulty.setCurrentIndex(page.filters.difficulty.findData("hard"))
    both = [page.model.question(r) for r in range(page.model.rowCount())]
    assert all(q is not None and q.difficulty == "hard" for q in both)
    assert len(both) < len(closing)
    page.filters.clear()
    page.filters.tag.setCurrentIndex(page.filters.tag.findData("conflict"))
    tagged = [page.model.question(r) for r in range(page.model.rowCount())]
    assert tagged and all(q is not None and "conflict" in q.tags for q in tagged)
    page.filters.clear()
    assert page.bank_title.text() != "Search results"


def test_builtin_banks_are_read_only_with_a_hint(page: BanksPage) -> None:
    select_bank(page, "openers")
    select_question(page, "Tell me about yourself.")
    actions = page.bank_actions
    assert page.read_only_hint.isVisible()
    assert page.read_only_hint.text() == READ_ONLY_HINT
    for action in (
        actions.add_question,
        actions.edit_question,
        actions.retire,
        actions.move_up,
        actions.edit_bank,
        actions.delete_bank,
    ):
        assert not action.isEnabled(), action.text()
    assert actions.duplicate.isEnabled() and actions.export.isEnabled()


def test_every_action_has_a_shortcut_and_controls_have_accessible_names(page: BanksPage) -> None:
    a = page.bank_actions
    shortcuts = {
        a.search: "Ctrl+F",
        a.import_file: "Ctrl+I",
        a.new_bank: "Ctrl+N",
        a.retire: "Del",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys
    for widget in (page.questions, page.filters.search, page.filters.category, page.detail):
        assert widget.accessibleName()
    assert bank_titles(page)[0]  # sanity: titles are the first line of each item
