"""Banks screen: every bank with its question count, and the selected bank's questions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import Bank
from greenroom.store import banks_repo
from greenroom.store.banks_repo import BankListing
from greenroom.ui.context import AppContext

QUESTION_COLUMNS = ("Question", "Category", "Difficulty", "Prep", "Answer")


class BanksPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = ctx.engine
        self._tasks = ctx.tasks
        self.bank_list = QListWidget()
        self.bank_list.setAccessibleName("Question banks")
        self.bank_list.currentItemChanged.connect(self._on_bank_list_current_changed)
        self.questions = QTableWidget(0, len(QUESTION_COLUMNS))
        self.questions.setHorizontalHeaderLabels(QUESTION_COLUMNS)
        self.questions.setAccessibleName("Questions in the selected bank")
        self.questions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.questions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.questions.setWordWrap(True)
        self.questions.verticalHeader().setVisible(False)
        header = self.questions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(QUESTION_COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.bank_title = QLabel()
        self.bank_title.setObjectName("pageTitle")
        self.bank_description = QLabel()
        self.bank_description.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.bank_title)
        right_layout.addWidget(self.bank_description)
        right_layout.addWidget(self.questions, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.bank_list)
        splitter.addWidget(right)
        splitter.setSizes([280, 720])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        self._tasks.run(lambda: banks_repo.list_banks(self._engine), self._on_banks_loaded)

    def _on_banks_loaded(self, listings: list[BankListing]) -> None:
        self.bank_list.clear()
        for b in listings:
            badge = "built-in" if b.builtin else "yours"
            item = QListWidgetItem(f"{b.title}\n{b.question_count} questions · {badge}")
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            item.setToolTip(", ".join(b.categories))
            self.bank_list.addItem(item)
        if listings:
            self.bank_list.setCurrentRow(0)

    def _on_bank_list_current_changed(
        self, current: QListWidgetItem | None, _previous: object
    ) -> None:
        if current is None:
            return
        bank_id = current.data(Qt.ItemDataRole.UserRole)
        self._tasks.run(lambda: banks_repo.get_bank(self._engine, bank_id), self._on_bank_loaded)

    def _on_bank_loaded(self, bank: Bank) -> None:
        self.bank_title.setText(bank.title)
        self.bank_description.setText(bank.description)
        self.questions.setRowCount(len(bank.questions))
        for row, q in enumerate(bank.questions):
            cells = (
                q.text,
                q.category.value if q.category else "",
                q.difficulty.value,
                f"{q.prep_seconds} s",
                f"{q.answer_seconds} s",
            )
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 0 and q.tips:
                    item.setToolTip(q.tips)
                self.questions.setItem(row, col, item)
        self.questions.resizeRowsToContents()
