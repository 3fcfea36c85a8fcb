"""What the user can do on the Banks screen, as QActions with shortcuts, and how each is done.

Every database write goes through the TaskRunner's write pool; every dialog is opened through
the page, so tests can drive the real dialogs or replace the system ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from greenroom.core.bank import Bank, Question
from greenroom.services import library
from greenroom.store import bank_edit_repo, banks_repo
from greenroom.store.banks_repo import BankListing, SaveSummary
from greenroom.ui.banks.bank_editor_dialog import BankEditorDialog
from greenroom.ui.banks.import_dialog import ImportDialog
from greenroom.ui.banks.question_editor_dialog import QuestionEditorDialog

if TYPE_CHECKING:
    from greenroom.ui.banks.banks_page import BanksPage


class BankActions(QObject):
    def __init__(self, page: BanksPage) -> None:
        super().__init__(page)
        self._page = page
        self._engine = page.ctx.engine
        add = self._action
        self.search = add("&Search", "Ctrl+F", page.focus_search)
        self.import_file = add("&Import…", "Ctrl+I", self._on_import_triggered)
        self.paste = add("&Paste questions…", "Ctrl+Shift+V", self._on_paste_triggered)
        self.new_bank = add("&New bank…", "Ctrl+N", self._on_new_bank_triggered)
        self.edit_bank = add("Bank &details…", "Ctrl+Shift+E", self._on_edit_bank_triggered)
        self.duplicate = add("D&uplicate", "Ctrl+D", self._on_duplicate_triggered)
        self.export = add("E&xport…", "Ctrl+E", self._on_export_triggered)
        self.delete_bank = add("Delete &bank…", "Ctrl+Shift+Del", self._on_delete_bank_triggered)
        self.add_question = add("&Add question…", "Ctrl+Shift+N", self._on_add_question_triggered)
        self.edit_question = add("&Edit…", "F2", self._on_edit_question_triggered)
        self.move_up = add("Move &up", "Alt+Up", self._on_move_up_triggered)
        self.move_down = add("Move do&wn", "Alt+Down", self._on_move_down_triggered)
        # Delete retires (never deletes): only while the question table has the focus, so the
        # key keeps its meaning in the search box.
        self.retire = QAction("&Retire", self)
        self.retire.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.retire.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.retire.triggered.connect(self._on_retire_triggered)
        page.questions.addAction(self.retire)
        page.questions.doubleClicked.connect(self._on_questions_activated)
        page.questions.activated.connect(self._on_questions_activated)

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        action.triggered.connect(slot)
        self._page.addAction(action)
        return action

    def update_enabled(
        self, *, listing: BankListing | None, question: Question | None, searching: bool
    ) -> None:
        mine = listing is not None and not listing.builtin
        has_bank = listing is not None and not searching
        self.edit_bank.setEnabled(has_bank and mine)
        self.delete_bank.setEnabled(has_bank and mine)
        self.duplicate.setEnabled(has_bank)
        self.export.setEnabled(has_bank)
        self.add_question.setEnabled(has_bank and mine)
        editable = mine and question is not None
        self.edit_question.setEnabled(editable)
        self.move_up.setEnabled(editable and not searching and not question.retired)  # type: ignore[union-attr]
        self.move_down.setEnabled(self.move_up.isEnabled())
        self.retire.setEnabled(editable)
        self.retire.setText("&Restore" if question is not None and question.retired else "&Retire")

    # --- import -------------------------------------------------------------------------------

    def open_import(self, *, path: Path | None = None, paste: bool = False) -> ImportDialog:
        existing = {b.id: b.builtin for b in self._page.bank_list.listings()}
        dialog = ImportDialog(self._page.ctx.tasks, existing=existing, parent=self._page)
        self._page.open_dialog(dialog, lambda: self._save_import(dialog))
        if path is not None:
            dialog.load_file(path)
        elif paste:
            dialog.tabs.setCurrentIndex(1)
            dialog.paste_edit.setFocus()
        else:
            dialog.choose_button.setFocus()
        return dialog

    def _save_import(self, dialog: ImportDialog) -> None:
        bank = dialog.bank_to_import()
        if bank is None:
            return
        engine = self._engine

        def done(summary: SaveSummary) -> None:
            verb = "Imported" if summary.created else "Updated"
            self._page.show_message(
                f"{verb} '{bank.title}': {summary.added} added, {summary.updated} updated, "
                f"{summary.retired} retired, {summary.unchanged} unchanged."
            )
            self._page.refresh(select_bank=summary.bank_id)

        self._page.run_op(lambda: banks_repo.save_bank(engine, bank), done, write=True)

    def _on_import_triggered(self) -> None:
        self.open_import()

    def _on_paste_triggered(self) -> None:
        self.open_import(paste=True)

    # --- banks --------------------------------------------------------------------------------

    def _on_new_bank_triggered(self) -> None:
        taken = {b.id for b in self._page.bank_list.listings()}
        dialog = BankEditorDialog(taken_ids=taken, parent=self._page)
        engine = self._engine

        def save() -> None:
            bank_id, title, description = dialog.values()
            self._page.run_op(
                lambda: bank_edit_repo.create_bank(
                    engine, bank_id=bank_id, title=title, description=description
                ),
                self._on_bank_saved,
                write=True,
            )

        self._page.open_dialog(dialog, save)

    def _on_edit_bank_triggered(self) -> None:
        bank = self._page.current_bank()
        if bank is None or bank.builtin:
            return
        taken = {b.id for b in self._page.bank_list.listings()}
        dialog = BankEditorDialog(taken_ids=taken, bank=bank, parent=self._page)
        engine = self._engine

        def save() -> None:
            _, title, description = dialog.values()
            self._page.run_op(
                lambda: bank_edit_repo.update_bank_details(
                    engine, bank.id, title=title, description=description
                ),
                self._on_bank_saved,
                write=True,
            )

        self._page.open_dialog(dialog, save)

    def _on_bank_saved(self, bank: Bank) -> None:
        self._page.refresh(select_bank=bank.id)

    def _on_duplicate_triggered(self) -> None:
        bank = self._page.current_bank()
        if bank is None:
            return
        engine = self._engine

        def done(copy: Bank) -> None:
            self._page.show_message(f"Made '{copy.title}': this copy is yours to edit.")
            self._page.refresh(select_bank=copy.id)

        self._page.run_op(lambda: bank_edit_repo.duplicate_bank(engine, bank.id), done, write=True)

    def _on_export_triggered(self) -> None:
        bank = self._page.current_bank()
        if bank is None:
            return
        path = self._page.choose_export_file(f"{bank.id}.yaml")
        if path is None:
            return
        engine = self._engine

        def done(count: int) -> None:
            self._page.show_message(f"Exported {count} questions to {path}.")

        # A file write, not a database write: the read pool keeps the writer free.
        self._page.run_op(
            lambda: library.export_bank_file(engine, bank.id, path), done, write=False
        )

    def _on_delete_bank_triggered(self) -> None:
        bank = self._page.current_bank()
        if bank is None or bank.builtin:
            return
        if not self._page.confirm(
            "Delete bank", f"Delete '{bank.title}' and its questions? This cannot be undone."
        ):
            return
        engine = self._engine

        def done(_: None) -> None:
            self._page.show_message(f"Deleted '{bank.title}'.")
            self._page.refresh()

        self._page.run_op(lambda: bank_edit_repo.delete_bank(engine, bank.id), done, write=True)

    # --- questions ----------------------------------------------------------------------------

    def _on_add_question_triggered(self) -> None:
        bank = self._page.current_bank()
        if bank is None or bank.builtin:
            return
        defaults = bank.defaults
        seed = Question(
            id="",
            text="",
            prep_seconds=int(defaults.get("prep_seconds", 30)),
            answer_seconds=int(defaults.get("answer_seconds", 120)),
        )
        dialog = QuestionEditorDialog(seed, parent=self._page)
        dialog.setWindowTitle("New question")
        engine = self._engine

        def save() -> None:
            q = dialog.question()
            self._page.run_op(
                lambda: bank_edit_repo.add_question(engine, bank.id, q),
                self._on_question_saved,
                write=True,
            )

        self._page.open_dialog(dialog, save)

    def _on_edit_question_triggered(self) -> None:
        q = self._page.selected_question()
        if q is None or not self.edit_question.isEnabled():
            return
        dialog = QuestionEditorDialog(q, parent=self._page)
        engine = self._engine

        def save() -> None:
            edited = dialog.question()
            self._page.run_op(
                lambda: bank_edit_repo.update_question(engine, q.bank_id, edited),
                self._on_question_saved,
                write=True,
            )

        self._page.open_dialog(dialog, save)

    def _on_question_saved(self, q: Question) -> None:
        bank_id = None if self._page.is_searching() else q.bank_id
        self._page.refresh(select_bank=bank_id, select_question=(q.bank_id, q.id))

    def _move(self, offset: int) -> None:
        q = self._page.selected_question()
        if q is None or not self.move_up.isEnabled():
            return
        engine = self._engine
        self._page.run_op(
            lambda: bank_edit_repo.move_question(engine, q.bank_id, q.id, offset=offset),
            lambda _index: self._page.reload_questions(select=(q.bank_id, q.id)),
            write=True,
        )

    def _on_move_up_triggered(self) -> None:
        self._move(-1)

    def _on_move_down_triggered(self) -> None:
        self._move(1)

    def _on_retire_triggered(self) -> None:
        q = self._page.selected_question()
        if q is None or not self.retire.isEnabled():
            return
        engine = self._engine
        retiring = not q.retired

        def done(changed: Question) -> None:
            if retiring:
                self._page.show_message(
                    f"Retired “{changed.text}”: it is no longer asked, and its history is kept. "
                    "Tick Show retired to restore it."
                )
            else:
                self._page.show_message(f"Restored “{changed.text}”.")
            self._page.refresh(select_bank=None if self._page.is_searching() else q.bank_id)

        self._page.run_op(
            lambda: bank_edit_repo.set_retired(engine, q.bank_id, q.id, retired=retiring),
            done,
            write=True,
        )

    def _on_questions_activated(self, _index: object) -> None:
        self._on_edit_question_triggered()
