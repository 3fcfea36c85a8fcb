"""The coach's next run on the set-up screen: "Next: <rung> — <why>", its rung selected below
until the user chooses by hand, and one click sets the mode and the coach's questions;
choosing by hand afterwards goes back to picking from banks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from greenroom.core.bank import Question
from greenroom.core.ladder import Rung
from greenroom.core.session import Mode
from greenroom.paths import AppPaths
from greenroom.services import coach
from support.practice import Room, build_room, close_room, wait_for


@pytest.fixture
def room(qtbot: QtBot, app_paths: AppPaths) -> Iterator[Room]:
    built = build_room(qtbot, app_paths, engine=None)
    built.page.refresh()
    wait_for(lambda: built.page.setup.banks.count() > 0)
    yield built
    close_room(qtbot, built)


def test_the_coach_card_says_the_next_rung_and_why_and_applies_it(room: Room) -> None:
    setup = room.page.setup
    wait_for(lambda: setup.coach.isVisible())
    expected = coach.recommend_next(room.ctx.engine)
    assert expected.rung.mode is Mode.WARM_UP  # a first run starts gentle
    assert setup.coach_text.text() == f"Next: {expected.rung.label} — {expected.reason}"
    setup.mode_buttons[Mode.ONE_WAY].setChecked(True)
    QTest.mouseClick(setup.coach_apply, Qt.MouseButton.LeftButton)
    assert setup.mode_buttons[Mode.WARM_UP].isChecked()
    choices = setup.choices()
    assert choices.question_keys and len(choices.question_keys) == setup.count.value()
    assert set(choices.question_keys) <= set(expected.question_keys)
    assert "coach's" in setup.coach_note.text()
    QTest.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: room.page.stack.currentWidget() is room.page.nerves_before)
    plan = room.page._plan
    assert plan is not None
    assert [q.question_key for q in plan.questions] == list(choices.question_keys)


def test_choosing_by_hand_after_applying_drops_the_coachs_questions(room: Room) -> None:
    setup = room.page.setup
    wait_for(lambda: setup.coach.isVisible())
    setup.coach_apply.click()
    assert setup.choices().question_keys
    setup.count.setValue(setup.count.value() + 1)
    assert setup.choices().question_keys == ()
    assert "picked from the banks" in setup.coach_note.text()


def test_the_recommended_run_is_selected_until_the_user_chooses_by_hand(room: Room) -> None:
    setup = room.page.setup
    wait_for(lambda: setup.coach.isVisible())
    first = coach.recommend_next(room.ctx.engine)
    # A first-time user who just presses Start gets the Warm-up the card recommends.
    assert setup.choices().mode is Mode.WARM_UP
    assert setup.mode_buttons[Mode.WARM_UP].isChecked()
    found: dict[int, Question] = {}
    later = dataclasses.replace(first, rung=Rung.TIMED, reason="Time yourself now.")
    setup.show_recommendation(later, found)
    assert setup.choices().mode is Mode.TIMED
    one_way = setup.mode_buttons[Mode.ONE_WAY]
    QTest.mouseClick(one_way, Qt.MouseButton.LeftButton, pos=QPoint(8, one_way.height() // 2))
    assert setup.choices().mode is Mode.ONE_WAY
    setup.show_recommendation(dataclasses.replace(later, reason="Again."), found)
    assert setup.coach_text.text() == f"Next: {Rung.TIMED.label} — Again."
    assert setup.choices().mode is Mode.ONE_WAY  # the user's own choice stands
    assert setup.choices().follow_ups  # one-way's default, not the coach's
    assert not setup.coach_note.isVisible()


def test_new_advice_drops_the_questions_of_the_last(room: Room) -> None:
    setup = room.page.setup
    wait_for(lambda: setup.coach.isVisible())
    setup.coach_apply.click()
    applied = setup.choices().question_keys
    assert applied
    room.page.refresh()  # the same advice on a second visit keeps them
    wait_for(lambda: not room.ctx.tasks.busy())
    assert setup.choices().question_keys == applied
    first = coach.recommend_next(room.ctx.engine)
    setup.show_recommendation(dataclasses.replace(first, rung=Rung.TIMED, reason="Next."), {})
    assert setup.choices().question_keys == ()
    assert setup.choices().mode is Mode.TIMED


def test_the_card_reminds_the_user_to_log_a_past_interview_and_says_why_on_hover(
    room: Room,
) -> None:
    # The coach's reminders ("Log how your interview at Acme went") and the ratings its advice
    # rests on were computed for the card but only `greenroom coach` printed them.
    from datetime import UTC, datetime, timedelta

    from greenroom.services import interviews
    from support.history_data import seed_history

    setup = room.page.setup
    wait_for(lambda: setup.coach.isVisible())
    assert not setup.coach_reminders.isVisible()
    yesterday = datetime.now(UTC) - timedelta(days=1)
    seed_history(room.ctx.engine, sessions=2, start=yesterday - timedelta(days=2), days=1)
    interviews.add_interview(room.ctx.engine, company="Acme", role="Analyst", when=yesterday)
    room.page.refresh()
    wait_for(lambda: setup.coach_reminders.isVisible())
    assert setup.coach_reminders.text() == (
        "Reminder: Log how your interview at Acme went: nerves before and after, the questions "
        "they asked."
    )
    expected = coach.recommend_next(room.ctx.engine)
    assert expected.evidence and setup.coach_text.toolTip() == " ".join(expected.evidence)
