"""The Interviews screen as a user sees it: add an interview (a typo is named next to its
field and nothing typed is lost), tick and edit the checklist, read the practice plan, log how
it went, file the questions asked into the bank, delete and export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from greenroom.core.interviews import ASKED_BANK_ID, InterviewOutcome
from greenroom.paths import AppPaths
from greenroom.services import interview_input, interviews
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.interviews.interviews_page import InterviewsPage
from greenroom.ui.tasks import InlineTaskRunner


def _fail(exc: BaseException) -> None:
    raise AssertionError(f"unexpected error shown to the user: {exc}")


@pytest.fixture
def ctx(app_paths: AppPaths) -> AppContext:
    db = open_store(app_paths)
    return AppContext(
        db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None)
    )


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> InterviewsPage:
    shown = InterviewsPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    shown.show()
    shown.refresh()
    return shown


def _soon(days: int = 4) -> str:
    """A time ``days`` from today (negative: in the past), as the user types it."""
    when = datetime.now() + timedelta(days=days)
    return f"{when:%Y-%m-%d} 14:30"


def _add(page: InterviewsPage, company: str = "Contoso", when: str | None = None) -> None:
    form = page.add_form
    form.company.setText(company)
    form.role.setText("Data analyst")
    form.when.setText(when or _soon())
    form.format.setCurrentIndex(form.format.findText("Video"))
    form.want.setText("7")
    form.save.click()


def _row_texts(page: InterviewsPage) -> list[list[str]]:
    table = page.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_first_visit_offers_the_form_and_an_impossible_date_is_named_without_losing_anything(
    page: InterviewsPage, ctx: AppContext
) -> None:
    assert page.add_form.isVisible() and not page.detail.isVisible()
    assert page.empty.isVisible() and "No interviews yet" in page.empty.text()
    # The example in the empty When field is a coming date, in the form the field takes
    # (a fixed "2026-03-10 14:30" read as a date already gone).
    example = page.add_form.when.placeholderText()
    assert interview_input.parse_when(example) > datetime.now(UTC)
    _add(page, when="2026-02-30 10:00")
    error = page.add_form.fields.errors["when"]
    assert error.isVisible() and "not a real date" in error.text()
    assert page.add_form.company.text() == "Contoso"  # nothing typed is lost
    assert interviews.list_interviews(ctx.engine) == []
    page.add_form.when.setText(_soon())
    page.add_form.want.setText("11")
    page.add_form.save.click()
    want_error = page.add_form.fields.errors["want"]
    assert want_error.isVisible() and "0 to 10" in want_error.text()
    assert not error.isVisible()
    page.add_form.want.setText("not sure")
    page.add_form.save.click()
    [stored] = interviews.list_interviews(ctx.engine)
    assert stored.want_before is None and stored.company == "Contoso"
    assert _row_texts(page)[0][:2] == ["Contoso", "Data analyst"]
    assert _row_texts(page)[0][3] == "not logged yet"
    assert page.detail.isVisible()
    assert page.detail.title.text() == "Data analyst at Contoso"
    assert "want the job: not sure" in page.detail.summary.text()


def test_the_plan_comes_before_it_and_the_checklist_is_ticked_and_edited(
    page: InterviewsPage, ctx: AppContext
) -> None:
    _add(page)
    plan = page.detail.plan
    assert "in 4 days" in plan.note.text()
    assert "One-way interview — dress rehearsal" in plan.runs.text()
    checklist = page.detail.checklist
    assert checklist.items.count() == 5
    checklist.items.item(0).setCheckState(Qt.CheckState.Checked)
    [stored] = interviews.list_interviews(ctx.engine)
    assert stored.checklist[0].done and not stored.checklist[1].done
    assert checklist.items.item(0).checkState() == Qt.CheckState.Checked
    checklist.items.item(1).setText("Two stories ready")
    checklist.add.click()
    checklist.items.setCurrentRow(4)
    checklist.remove.click()
    [stored] = interviews.list_interviews(ctx.engine)
    texts = [item.text for item in stored.checklist]
    assert texts[1] == "Two stories ready" and texts[-1] == "New step" and len(texts) == 5
    assert "What to bring" not in texts
    checklist.items.item(2).setText("   ")
    assert checklist.error.isVisible() and "few words" in checklist.error.text()
    assert checklist.items.item(2).text() == "Questions to ask them"  # put back, nothing lost


def test_logging_how_it_went_files_the_questions_and_shows_the_outcome(
    page: InterviewsPage, ctx: AppContext
) -> None:
    _add(page, when=_soon(-5))
    after = page.detail.after
    assert after.nerves_before.value is None  # unset until set
    after.nerves_before.set_value(70)
    after.nerves_after.set_value(45)
    after.went.setCurrentIndex(after.went.findData(4))
    after.new_question.setText("Why do you want to work here?")
    after.add_question.click()
    assert [after.asked.item(k).text() for k in range(after.asked.count())] == [
        "Why do you want to work here?"
    ]
    assert after.new_question.text() == ""
    bank = interviews.asked_bank(ctx.engine)
    assert [q.text for q in bank.questions] == ["Why do you want to work here?"]
    after.new_question.setText("What would you change about our product?")
    after.add_question.click()
    after.remove_question.click()  # nothing chosen: says so
    assert "Choose a question" in after.fields.errors["asked"].text()
    after.asked.setCurrentRow(1)
    after.remove_question.click()
    assert after.asked.count() == 1 and "stays in your bank" in page.banner.text()
    bank = interviews.asked_bank(ctx.engine)
    assert len(bank.questions) == 2  # taken off the interview, kept in the bank
    after.people.setPlainText("Sam Lee, hiring manager\n\nAlex, recruiter")
    after.follow_up.setPlainText("Send Sam the dashboard example.")
    after.want_after.setText("12")
    after.outcome.setCurrentIndex(after.outcome.findData(InterviewOutcome.NEXT_ROUND.value))
    after.save.click()
    error = after.fields.errors["want_after"]
    assert error.isVisible() and "0 to 10" in error.text()
    assert after.nerves_before.value == 70  # nothing lost
    after.want_after.setText("8")
    after.save.click()
    [stored] = interviews.list_interviews(ctx.engine)
    assert (stored.nerves_before, stored.nerves_after, stored.went) == (70, 45, 4)
    assert stored.people_met == ("Sam Lee, hiring manager", "Alex, recruiter")
    assert stored.want_after == 8 and stored.outcome is InterviewOutcome.NEXT_ROUND
    assert _row_texts(page)[0][3] == "Next round"
    assert "Saved" in page.banner.text()
    assert "Log how it went" in page.detail.plan.note.text()


def test_delete_keeps_the_questions_in_the_bank(page: InterviewsPage, ctx: AppContext) -> None:
    _add(page, company="Fabrikam")
    page.detail.after.new_question.setText("Tell me about a time you disagreed.")
    page.detail.after.add_question.click()
    asked: list[str] = []
    page.confirm_delete = lambda i: asked.append(i.title) or True  # type: ignore[method-assign]
    page.delete.click()
    assert asked == ["Data analyst at Fabrikam"]
    assert interviews.list_interviews(ctx.engine) == []
    assert "stay in your bank" in page.banner.text()
    assert page.add_form.isVisible() and not page.detail.isVisible()
    bank = interviews.asked_bank(ctx.engine)
    assert bank.id == ASKED_BANK_ID
    assert [q.text for q in bank.questions] == ["Tell me about a time you disagreed."]


def test_adding_the_same_interview_twice_shows_the_one_already_there(
    page: InterviewsPage, ctx: AppContext
) -> None:
    when = _soon()
    _add(page, when=when)
    assert page.delete.isEnabled()
    page.new.click()
    assert not page.delete.isEnabled()  # nothing chosen while the form is open
    _add(page, when=when)
    assert len(interviews.list_interviews(ctx.engine)) == 1
    assert "already here" in page.banner.text()
    assert page.detail.isVisible()


def test_the_details_can_be_changed_with_the_same_checks(
    page: InterviewsPage, ctx: AppContext
) -> None:
    _add(page)
    page.detail.edit_details.click()
    form = page.add_form
    assert form.isVisible() and form.save.text() == "Save details"
    assert (form.company.text(), form.role.text(), form.want.text()) == (
        "Contoso",
        "Data analyst",
        "7",
    )
    assert form.when.text() == _soon()
    assert form.format.currentText() == "Video"
    form.cancel.click()
    assert page.detail.isVisible() and page.detail.title.text() == "Data analyst at Contoso"
    page.detail.edit_details.click()
    form.role.setText("Senior data analyst")
    form.when.setText("2026-13-01 10:00")
    form.save.click()
    assert "not a real date" in form.fields.errors["when"].text()
    assert form.role.text() == "Senior data analyst"  # nothing lost
    form.when.setText(_soon(6))
    form.save.click()
    [stored] = interviews.list_interviews(ctx.engine)
    assert stored.role == "Senior data analyst" and stored.want_before == 7
    assert f"{stored.when:%Y-%m-%d %H:%M}" == _soon(6)
    assert _row_texts(page)[0][1] == "Senior data analyst"
    assert page.detail.title.text() == "Senior data analyst at Contoso"
    assert "in 6 days" in page.detail.plan.note.text()
    page.new.click()
    assert page.add_form.save.text() == "Add interview" and page.add_form.company.text() == ""


def test_export_writes_every_interview(
    page: InterviewsPage, ctx: AppContext, tmp_path: Path
) -> None:
    _add(page, company="Contoso")
    page.new.click()
    _add(page, company="Northwind")
    target = tmp_path / "interviews.json"
    page.choose_export_path = lambda: target  # type: ignore[method-assign]
    page.export.click()
    companies = {row["company"] for row in json.loads(target.read_text())["interviews"]}
    assert companies == {"Contoso", "Northwind"}
    assert "Exported 2 interviews" in page.banner.text()


def test_a_very_long_name_in_any_script_is_kept_whole_and_the_list_stays_readable(
    page: InterviewsPage, ctx: AppContext
) -> None:
    company = "株式会社グリーンルーム " + "Ärzte und Ingenieure " * 100
    _add(page, company=company)
    [stored] = interviews.list_interviews(ctx.engine)
    assert stored.company == company.strip()
    assert page.table.item(0, 0).text() == company.strip()
    assert page.table.columnWidth(0) <= 260
    assert page.detail.title.text().endswith(company.strip())


def test_an_interview_is_read_without_scrolling_sideways(qtbot: QtBot, ctx: AppContext) -> None:
    # Seen in an 1180 px window: the chosen interview's side scrolled sideways and cut its plan
    # ("ending with a One" ...), because the rating scales' "Not set yet: drag the slider ..."
    # hint did not wrap and set the side's width.
    from PySide6.QtWidgets import QApplication, QScrollArea

    from greenroom.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    page = InterviewsPage(ctx)
    qtbot.addWidget(page)
    page.resize(975, 700)  # the page's share of the app's 1180 x 800 window
    page.show()
    page.refresh()
    _add(page)
    assert page.detail.isVisible()
    qtbot.wait(20)
    for scroll in page.findChildren(QScrollArea):
        if scroll.isVisible() and scroll.widget() is not None:
            needed = scroll.widget().minimumSizeHint().width()
            assert needed <= scroll.viewport().width(), (needed, scroll.viewport().width())
