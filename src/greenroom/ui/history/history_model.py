"""The history list as a lazy table model: sorted and filtered in SQL, fetched in pages.

Every query runs through the TaskRunner; the model only ever holds the pages fetched so far,
so 10,000 sessions open as fast as 10.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from greenroom.store import history_repo
from greenroom.store.history_repo import HistoryFilter, SessionListItem
from greenroom.ui.context import AppContext

PAGE = 200
COLUMNS = (
    ("started_at", "Date"),
    ("mode", "Mode"),
    ("banks", "Banks"),
    ("answers", "Answers"),
    ("nerves_before", "Nerves before"),
    ("nerves_after", "Nerves after"),
    ("confidence", "Confidence"),
    ("delivery_index", "Delivery index"),
)
_Index = QModelIndex | QPersistentModelIndex


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


class SessionTableModel(QAbstractTableModel):
    """Rows are SessionListItems; ``loaded`` fires after each (re)load with the total count."""

    loaded = Signal(int)

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[SessionListItem] = []
        self._total = 0
        self._filter = HistoryFilter()
        self._sort = "started_at"
        self._descending = True
        self._generation = 0  # answers from an older query are dropped
        self._fetching = False
        self.bank_titles: dict[str, str] = {}

    # --- queries -------------------------------------------------------------------------
    def set_filter(self, f: HistoryFilter) -> None:
        self._filter = f
        self.reload()

    @property
    def filter(self) -> HistoryFilter:
        return self._filter

    def reload(self) -> None:
        self._generation += 1
        generation, engine = self._generation, self._ctx.engine
        f, sort, desc = self._filter, self._sort, self._descending

        def job() -> tuple[int, list[SessionListItem]]:
            return history_repo.count_and_list_sessions(
                engine, f, sort=sort, descending=desc, limit=PAGE
            )

        self._fetching = True
        self._ctx.tasks.run(job, lambda result: self._on_job_loaded(generation, result), owner=self)

    def _on_job_loaded(self, generation: int, result: tuple[int, list[SessionListItem]]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.beginResetModel()
        self._total, self._rows = result
        self.endResetModel()
        self.loaded.emit(self._total)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation, engine, offset = self._generation, self._ctx.engine, len(self._rows)
        f, sort, desc = self._filter, self._sort, self._descending
        self._fetching = True
        self._ctx.tasks.run(
            lambda: history_repo.list_sessions(
                engine, f, sort=sort, descending=desc, offset=offset, limit=PAGE
            ),
            lambda rows: self._on_page_loaded(generation, rows),
            owner=self,
        )

    def _on_page_loaded(self, generation: int, rows: list[SessionListItem]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- model ---------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    def item(self, row: int) -> SessionListItem:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, key)
        if role == Qt.ItemDataRole.ToolTipRole and item.interrupted:
            return "Interrupted: the session ended before its last question."
        if role == Qt.ItemDataRole.ForegroundRole and item.interrupted:
            return QBrush(QColor("#b4492f"))
        if role == Qt.ItemDataRole.FontRole and item.interrupted and key == "started_at":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: SessionListItem, key: str) -> str:
        if key == "started_at":
            when = item.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            return f"{when}  ⚠ interrupted" if item.interrupted else when
        if key == "mode":
            return item.mode
        if key == "banks":
            return ", ".join(self.bank_titles.get(b, b) for b in item.bank_ids)
        if key == "answers":
            return str(item.answers)
        value = {
            "nerves_before": item.nerves_before,
            "nerves_after": item.nerves_after,
            "confidence": item.confidence,
            "delivery_index": item.delivery_index,
        }[key]
        return _num(value)
