"""Import preview: valid file, file with errors, pasted text, drag and drop, a huge file."""

from __future__ import annotations

from pathlib import Path

import pytest
from banks_helpers import table_texts
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from greenroom.store import banks_repo
from greenroom.store.database import Database
from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.banks.import_dialog import ImportDialog
from greenroom.ui.banks.import_parse import detect_text_format
from greenroom.ui.context import AppContext
from greenroom.ui.tasks import TaskRunner
from support.paths import REPO

GOOD_CSV = """text,category,difficulty,answer_seconds,tips
Why do you want this job?,motivation,easy,90,Be specific about the company
Tell me about a failure.,behavioral,hard,150,
"""
BAD_YAML = """greenroom_bank: 1
id: recruiter-list
title: From the recruiter
questions:
  - text: Why us?
    category: vibes
  - text: Describe your biggest project.
    answer_seconds: 5000
"""


def _open_import(page: BanksPage) -> ImportDialog:
    page.bank_actions.import_file.trigger()
    dialog = page.current_dialog
    assert isinstance(dialog, ImportDialog)
    return dialog


def _bank_ids(db: Database) -> set[str]:
    return {b.id for b in banks_repo.list_banks(db.engine)}


def test_valid_file_is_previewed_then_imported_on_confirm(
    page: BanksPage, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme-interview.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    dialog = _open_import(page)
    monkeypatch.setattr(dialog, "ask_file_path", lambda: path)
    dialog.choose_button.click()
    assert dialog.preview.model.rowCount() == 2
    assert dialog.preview.model.index(0, 0).data() == "Why do you want this job?"
    assert "2 questions ready to import" in dialog.preview.summary.text()
    assert "Creates a new bank 'acme-interview'" in dialog.preview.target_hint.text()
    assert dialog.import_button.isEnabled()
    assert "acme-interview" not in _bank_ids(db), "nothing is saved before the user confirms"
    dialog.import_button.click()
    assert "acme-interview" in _bank_ids(db)
    assert page.bank_list.current_bank_id() == "acme-interview"
    assert table_texts(page) == ["Why do you want this job?", "Tell me about a failure."]
    assert "Imported 'Acme interview': 2 added" in page.banner.text()


def test_file_with_errors_lists_each_at_its_line_and_imports_nothing(
    page: BanksPage, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "recruiter.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    before = _bank_ids(db)
    dialog = _open_import(page)
    dialog.load_file(path)
    problems = dialog.preview.problem_lines()
    assert len(problems) == 2
    assert problems[0].startswith("Line 6: error: category 'vibes' is not one of")
    assert problems[1].startswith("Line 8: error: answer_seconds is 5000")
    assert dialog.preview.model.rowCount() == 0
    assert "2 errors in recruiter.yaml: nothing will be imported" in dialog.preview.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.accept()  # even forced, there is nothing to import
    assert _bank_ids(db) == before


def test_pasted_text_is_detected_and_problems_point_at_the_pasted_line(
    page: BanksPage, db: Database
) -> None:
    page.bank_actions.paste.trigger()
    dialog = page.current_dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.tabs.currentIndex() == 1
    dialog.load_text(
        "1. Why this company?\n2. What is your greatest strength?\n\n3) Any questions for us?"
    )
    assert dialog.format_combo.currentData() == "auto"
    assert table_texts_of(dialog) == [
        "Why this company?",
        "What is your greatest strength?",
        "Any questions for us?",
    ]
    assert "Plain text" in dialog.preview.summary.text()
    assert dialog.preview.bank_id.text() == "pasted-questions"
    dialog.preview.bank_title.setText("Acme phone screen")
    dialog.preview.bank_title.textEdited.emit("Acme phone screen")
    assert dialog.preview.bank_id.text() == "acme-phone-screen"
    dialog.import_button.click()
    assert banks_repo.get_bank(db.engine, "acme-phone-screen").title == "Acme phone screen"


def test_pasted_csv_with_an_error_shows_the_line_and_jumps_to_it(page: BanksPage) -> None:
    dialog = page.bank_actions.open_import(paste=True)
    dialog.load_text("question,difficulty\nWhy us?,easy\nWhy now?,impossible\n", fmt="csv")
    lines = dialog.preview.problem_lines()
    assert lines == ["Line 3: error: difficulty 'impossible' is not one of easy | medium | hard"]
    assert not dialog.import_button.isEnabled()
    dialog.preview.problems.itemActivated.emit(dialog.preview.problems.item(0))
    assert dialog.paste_edit.textCursor().selectedText() == "Why now?,impossible"


def test_format_detection_of_pasted_text() -> None:
    assert detect_text_format('{"greenroom_bank": 1}') == "json"
    assert detect_text_format("greenroom_bank: 1\nid: x\n") == "yaml"
    assert detect_text_format("Question;Category\nWhy?;closing\n") == "csv"
    assert detect_text_format("## Behavioural\n- Tell me about a conflict.\n") == "md"
    assert detect_text_format("Tell me about yourself.\nWhy us?\n") == "txt"


def test_builtin_id_cannot_be_the_import_target(page: BanksPage, tmp_path: Path) -> None:
    path = tmp_path / "openers.txt"
    path.write_text("Why us?\n", encoding="utf-8")
    dialog = page.bank_actions.open_import(path=path)
    assert "'openers' is a built-in bank: choose another id" in dialog.preview.target_hint.text()
    assert not dialog.import_button.isEnabled()


def test_dropping_a_file_on_the_page_opens_its_preview(page: BanksPage, tmp_path: Path) -> None:
    path = tmp_path / "dropped.md"
    path.write_text("# Questions\n- Why should we hire you?\n- What motivates you?\n", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPoint(200, 200)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    dialog = page.current_dialog
    assert isinstance(dialog, ImportDialog)
    assert table_texts_of(dialog) == ["Why should we hire you?", "What motivates you?"]


def test_a_drag_without_files_is_refused(page: BanksPage) -> None:
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(page, enter)
    assert not enter.isAccepted()


def test_huge_file_is_parsed_off_the_gui_thread_with_a_busy_bar(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    rows = ["text,category,difficulty"] + [
        f"Practice question number {i} about project {i % 97}?,behavioral,medium"
        for i in range(20_000)
    ]
    path = tmp_path / "huge.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    errors: list[BaseException] = []
    tasks = TaskRunner(errors.append)
    dialog = ImportDialog(tasks, existing={})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    assert dialog.is_busy(), "a busy indicator shows while the file is read"
    assert not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=120_000)
    assert errors == []
    assert dialog.preview.model.rowCount() == 20_000
    assert "20000 questions ready to import" in dialog.preview.summary.text()
    assert dialog.import_button.isEnabled()
    assert tasks.wait()


def test_real_markdown_from_the_web_imports_through_the_dialog(
    page: BanksPage, db: Database
) -> None:
    path = REPO / "tests" / "banks" / "data" / "behavioral-interview-questions.md"
    dialog = page.bank_actions.open_import(path=path)
    assert not [p for p in dialog.preview.problem_lines() if ": error:" in p]
    assert dialog.preview.model.rowCount() >= 100
    dialog.import_button.click()
    bank = banks_repo.get_bank(db.engine, "behavioral-interview-questions")
    assert "Tell me about a time you met a tight deadline." in [q.text for q in bank.questions]


def table_texts_of(dialog: ImportDialog) -> list[str]:
    model = dialog.preview.model
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]
