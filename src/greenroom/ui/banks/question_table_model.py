"""Questions as table rows, for the bank view, search results and the import preview.

A model rather than a QTableWidget, so a 20,000-question preview appears at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from greenroom.core.bank import Question
from greenroom.store.question_stats import HistoryKey, QuestionHistory

COLUMNS = ("Question", "Bank", "Category", "Difficulty", "Think", "Answer", "Practised")
BANK_COLUMN = 1
AnyIndex = QModelIndex | QPersistentModelIndex


class QuestionTableModel(QAbstractTableModel):
    def __init__(self, *, show_history: bool = True) -> None:
        super().__init__()
        self._questions: list[Question] = []
        self._history: dict[HistoryKey, QuestionHistory] = {}
        self._bank_titles: dict[str, str] = {}
        self._show_history = show_history

    def set_questions(
        self,
        questions: Sequence[Question],
        *,
        history: dict[HistoryKey, QuestionHistory] | None = None,
        bank_titles: dict[str, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._questions = list(questions)
        self._history = history or {}
        self._bank_titles = bank_titles or {}
        self.endResetModel()

    def question(self, row: int) -> Question | None:
        return self._questions[row] if 0 <= row < len(self._questions) else None

    def row_of(self, bank_id: str, question_id: str) -> int:
        for row, q in enumerate(self._questions):
            if q.bank_id == bank_id and q.id == question_id:
                return row
        return -1

    def history(self, q: Question) -> QuestionHistory | None:
        return self._history.get((q.bank_id, q.id))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._questions)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS) - (0 if self._show_history else 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        q = self.question(index.row())
        if q is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(q, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return q.tips or None
        if role == Qt.ItemDataRole.FontRole and q.retired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and q.retired:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _cell(self, q: Question, column: int) -> str:
        if column == 0:
            return f"{q.text}  (retired)" if q.retired else q.text
        if column == BANK_COLUMN:
            return self._bank_titles.get(q.bank_id, q.bank_id)
        if column == 2:
            return q.category.value if q.category else ""
        if column == 3:
            return q.difficulty.value
        if column == 4:
            return f"{q.prep_seconds} s"
        if column == 5:
            return f"{q.answer_seconds} s"
        history = self.history(q)
        return f"{history.times_practised}×" if history else ""
