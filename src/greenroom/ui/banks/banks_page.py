"""Banks screen: every bank, search across questions, one question in full with its history.

Editing, importing and sharing live in ``bank_actions.py``; this module lays the screen out,
loads what it shows (always through the TaskRunner) and owns the few calls that open a system
dialog, kept small so tests can replace them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import Bank, Question
from greenroom.core.errors import GreenroomError
from greenroom.store import banks_repo, question_stats
from greenroom.store.banks_repo import BankListing
from greenroom.store.question_stats import HistoryKey, QuestionFilter, QuestionHistory
from greenroom.ui import widgets
from greenroom.ui.banks.bank_actions import BankActions
from greenroom.ui.banks.bank_list_view import BankListView
from greenroom.ui.banks.filter_bar_view import FilterBarView
from greenroom.ui.banks.import_dialog import dropped_file
from greenroom.ui.banks.question_detail_view import QuestionDetailView
from greenroom.ui.banks.question_table_model import BANK_COLUMN, QuestionTableModel
from greenroom.ui.context import AppContext
from greenroom.ui.widgets import set_tone

READ_ONLY_HINT = "Built-in banks are read-only — Duplicate to edit"


@dataclass(frozen=True, slots=True)
class _Failed:
    """A user-fixable error raised by a job, returned as data so the page can show it."""

    error: GreenroomError


@dataclass(frozen=True, slots=True)
class _Questions:
    questions: list[Question]
    history: dict[HistoryKey, QuestionHistory]
    bank: Bank | None  # None for search results across banks


class BanksPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._engine = ctx.engine
        self._tasks = ctx.tasks
        self._bank: Bank | None = None
        self._searching = False
        self._select_after_load: tuple[str, str] | None = None
        self._generation = 0
        self.current_dialog: QDialog | None = None
        self.setAcceptDrops(True)
        self._build()
        self.bank_actions = BankActions(self)
        self._build_buttons()
        self._set_tab_order()
        self._update_state()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filters = FilterBarView()
        self.filters.filters_changed.connect(self._on_filters_filters_changed)
        self.bank_list = BankListView()
        self.bank_list.currentItemChanged.connect(self._on_bank_list_current_changed)
        self.bank_title = QLabel()
        self.bank_title.setObjectName("pageTitle")
        self.bank_title.setWordWrap(True)
        self.bank_description = QLabel()
        self.bank_description.setWordWrap(True)
        self.read_only_hint = QLabel(READ_ONLY_HINT)
        self.read_only_hint.setObjectName("hint")
        self.model = QuestionTableModel()
        self.questions = QTableView()
        self.questions.setModel(self.model)
        self.questions.setAccessibleName("Questions")
        self.questions.setAccessibleDescription(
            "The questions of the chosen bank, with how often you have answered each"
        )
        self.questions.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.questions.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.questions.setWordWrap(False)
        self.questions.setAlternatingRowColors(True)
        self.questions.verticalHeader().setVisible(False)
        self.questions.verticalHeader().setDefaultSectionSize(26)
        header = self.questions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BANK_COLUMN, QHeaderView.ResizeMode.Interactive)
        for column in range(2, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.questions.selectionModel().selectionChanged.connect(
            self._on_questions_selection_changed
        )
        self.detail = QuestionDetailView()
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Message")
        self.banner.hide()

    def _build_buttons(self) -> None:
        a = self.bank_actions
        self.bank_buttons = _button_row(a.new_bank, a.import_file, a.paste)
        self.bank_tools = _button_row(a.edit_bank, a.duplicate, a.export, a.delete_bank)
        self.question_buttons = _button_row(
            a.add_question, a.edit_question, a.move_up, a.move_down, a.retire
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.bank_list, 1)
        left_layout.addWidget(self.bank_buttons)
        detail_split = QSplitter(Qt.Orientation.Vertical)
        detail_split.addWidget(self.questions)
        detail_split.addWidget(self.detail)
        detail_split.setSizes([420, 220])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.bank_title)
        right_layout.addWidget(self.bank_description)
        right_layout.addWidget(self.read_only_hint)
        right_layout.addWidget(self.bank_tools)
        right_layout.addWidget(detail_split, 1)
        right_layout.addWidget(self.question_buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.filters.search,
            self.filters.category,
            self.filters.difficulty,
            self.filters.tag,
            self.filters.show_retired,
            self.bank_list,
            *self.bank_buttons.findChildren(QToolButton),
            *self.bank_tools.findChildren(QToolButton),
            self.questions,
            *self.question_buttons.findChildren(QToolButton),
            self.detail,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- system dialogs, small so tests can replace them ----------------------------------------

    def choose_export_file(self, suggested: str) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export bank", suggested, "YAML (*.yaml);;CSV (*.csv)"
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
            path = path.with_suffix(".csv" if chosen.startswith("CSV") else ".yaml")
        return path

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def open_dialog(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        """Show ``dialog`` window-modal; ``on_accepted`` runs when the user confirms it."""
        self.current_dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.current_dialog = self.current_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # --- what the actions use -----------------------------------------------------------------

    def run_op(
        self, job: Callable[[], Any], on_done: Callable[[Any], None], *, write: bool
    ) -> None:
        """Run ``job`` off the GUI thread; a GreenroomError is shown on the banner."""

        def guarded() -> Any:
            try:
                return job()
            except GreenroomError as exc:
                return _Failed(exc)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self.show_message(result.error.message, error=True)
            else:
                on_done(result)

        self._tasks.run(guarded, done, write=write, owner=self)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setProperty("error", error)
        set_tone(self.banner, "errorText" if error else "goodText")
        self.banner.show()

    def current_bank(self) -> Bank | None:
        return None if self._searching else self._bank

    def listing(self, bank_id: str | None) -> BankListing | None:
        return self.bank_list.listing(bank_id)

    def selected_question(self) -> Question | None:
        rows = self.questions.selectionModel().selectedRows()
        return self.model.question(rows[0].row()) if rows else None

    def is_searching(self) -> bool:
        return self._searching

    # --- loading ------------------------------------------------------------------------------

    def refresh(
        self, select_bank: str | None = None, *, select_question: tuple[str, str] | None = None
    ) -> None:
        """Reload the bank list (keeping or changing the selection), then the questions."""
        engine = self._engine

        def job() -> tuple[list[BankListing], list[str]]:
            return banks_repo.list_banks(engine), question_stats.tags_in_use(engine)

        def done(result: tuple[list[BankListing], list[str]]) -> None:
            self._on_banks_loaded(result, select_bank, select_question)

        self.run_op(job, done, write=False)

    def reload_questions(self, select: tuple[str, str] | None = None) -> None:
        """Load the selected bank's questions, or the search results when a filter is set."""
        q = self.selected_question()
        self._select_after_load = select or ((q.bank_id, q.id) if q else None)
        engine = self._engine
        filters = self.filters.current_filter()
        self._searching = not filters.is_empty
        self._generation += 1
        generation = self._generation

        def done(loaded: _Questions) -> None:
            if generation == self._generation:  # typing fast starts newer searches
                self._on_questions_loaded(loaded)

        if self._searching:
            self.run_op(lambda: _search(engine, filters), done, write=False)
            return
        bank_id = self.bank_list.current_bank_id()
        if bank_id is None:
            done(_Questions([], {}, None))
            return
        retired = filters.include_retired
        self.run_op(lambda: _bank(engine, bank_id, retired), done, write=False)

    def _on_banks_loaded(
        self,
        result: tuple[list[BankListing], list[str]],
        select_bank: str | None,
        select_question: tuple[str, str] | None,
    ) -> None:
        listings, tags = result
        self.filters.set_tags(tags)
        self.bank_list.set_listings(listings, select=select_bank)
        self.reload_questions(select=select_question)

    def _on_questions_loaded(self, loaded: _Questions) -> None:
        self._bank = loaded.bank
        titles = {b.id: b.title for b in self.bank_list.listings()}
        self.model.set_questions(loaded.questions, history=loaded.history, bank_titles=titles)
        self.questions.setColumnHidden(BANK_COLUMN, not self._searching)
        if self._searching:
            n = len(loaded.questions)
            self.bank_title.setText("Search results")
            self.bank_description.setText(
                f"{n} matching question{'s' if n != 1 else ''} in all banks"
            )
        elif loaded.bank is not None:
            self.bank_title.setText(loaded.bank.title)
            self.bank_description.setText(loaded.bank.description)
        else:
            self.bank_title.setText("No bank")
            self.bank_description.setText("")
        row = self.model.row_of(*self._select_after_load) if self._select_after_load else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.questions.selectRow(row)
        else:
            self.detail.show_question(None, None)
        self._update_state()

    # --- state --------------------------------------------------------------------------------

    def _update_state(self) -> None:
        q = self.selected_question()
        bank_id = q.bank_id if (self._searching and q) else self.bank_list.current_bank_id()
        listing = self.listing(bank_id)
        read_only = listing is not None and listing.builtin
        self.read_only_hint.setVisible(read_only)
        self.bank_actions.update_enabled(listing=listing, question=q, searching=self._searching)

    # --- slots --------------------------------------------------------------------------------

    def _on_bank_list_current_changed(self, _current: object, _previous: object) -> None:
        if self._searching:
            self.filters.clear()  # choosing a bank leaves the search
        self.reload_questions()

    def _on_filters_filters_changed(self) -> None:
        self.reload_questions()

    def _on_questions_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        q = self.selected_question()
        self.detail.show_question(q, self.model.history(q) if q else None)
        self._update_state()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.bank_actions.open_import(path=path)


def _search(engine: Any, filters: QuestionFilter) -> _Questions:
    found = question_stats.search_questions(engine, filters)
    return _Questions(found, question_stats.question_history(engine), None)


def _bank(engine: Any, bank_id: str, include_retired: bool) -> _Questions:
    bank = banks_repo.get_bank(engine, bank_id, include_retired=include_retired)
    history = question_stats.question_history(engine, bank_id=bank_id)
    return _Questions(list(bank.questions), history, bank)


def _button_row(*actions: Any) -> QWidget:
    row = QWidget()
    layout = widgets.FlowRow(row)  # wraps in a narrow window rather than widening it
    for action in actions:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        layout.addWidget(button)
    return row
