"""The history list as a lazy table model: sorted and filtered in SQL, fetched in pages.

Every query runs through the TaskRunner; the model only ever holds the pages fetched so far,
so 10,000 sessions open as fast as 10.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from greenroom.core.session import Mode
from greenroom.store import history_repo
from greenroom.store.history_repo import HistoryFilter, SessionListItem
from greenroom.ui import design
from greenroom.ui.context import AppContext
from greenroom.ui.practice.setup_view import MODE_TEXT

PAGE = 200
COLUMNS = (
    ("started_at", "Date"),
    ("mode", "Mode"),
    ("banks", "Banks"),
    ("answers", "Answers"),
    ("nerves_before", "Nerves\nbefore"),
    ("nerves_after", "Nerves\nafter"),
    ("confidence", "Confidence\nafter"),
    ("delivery_index", "Delivery\nindex"),
)
HEADER_TIPS = {
    "nerves_before": "How nervous you felt before the run, 0 to 100",
    "nerves_after": "How nervous you felt after the run, 0 to 100",
    "confidence": "How confident you felt after the run, 0 to 100",
    "delivery_index": "The mean delivery index of the run's answers, 0 to 100",
}
_Index = QModelIndex | QPersistentModelIndex


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def when_text(when: datetime) -> str:
    """A session's start in local time, as people write it: "Sat 31 Oct 2026, 18:50"."""
    local = when.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def answers_text(item: SessionListItem) -> str:
    """The answer count, with the run's state when it did not finish: "2, stopped", "1 so far".
    A run the user ended part-way and rated is finished: its date cell carries the End session
    icon instead (the words would take the banks' room)."""
    if item.interrupted:
        return f"{item.answers}, stopped"
    return f"{item.answers} so far" if item.in_progress else str(item.answers)


def widest_cells() -> dict[str, list[str]]:
    """For the columns sized to their contents, the texts any row could show there."""
    # A week in each month at 23:59 meets every weekday and month name of the user's locale.
    dates = [
        datetime(2026, month, day, 23, 59).astimezone()
        for month in range(1, 13)
        for day in range(22, 29)
    ]
    return {
        "started_at": [when_text(d) for d in dates],
        "mode": [mode_text(m.value, short=True) for m in Mode],
        "answers": ["99, stopped", "99 so far"],
    }


def mode_text(mode: str, *, short: bool = False) -> str:
    """The mode's name as the set-up screen shows it ("One-way interview", not "one-way");
    ``short`` for the list's narrow column ("One-way"), where the banks need the room."""
    try:
        name = MODE_TEXT[Mode(mode)][0]
    except ValueError:
        return mode
    return name.removesuffix(" interview") if short else name


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
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return COLUMNS[section][1].replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(COLUMNS[section][0])
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
        if role == Qt.ItemDataRole.ToolTipRole and item.ended_early:
            return "Ended early: you ended this run part-way. Its answers and ratings are saved."
        if role == Qt.ItemDataRole.ToolTipRole and item.in_progress:
            return "In progress: the test run going on now on the Practice screen."
        unfinished = item.interrupted or item.in_progress
        if role == Qt.ItemDataRole.DecorationRole and key == "started_at":
            if unfinished:
                return design.icon("alert" if item.interrupted else "record", "near")
            if item.ended_early:  # the icon of the End session button that ended it
                return design.icon("end", "near")
        if role == Qt.ItemDataRole.FontRole and unfinished and key == "started_at":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: SessionListItem, key: str) -> str:
        if key == "started_at":
            return when_text(item.started_at)
        if key == "mode":
            return mode_text(item.mode, short=True)
        if key == "banks":
            return ", ".join(self.bank_titles.get(b, b) for b in item.bank_ids)
        if key == "answers":
            # The run's state goes here, not after the date, where the column cut it off.
            return answers_text(item)
        value = {
            "nerves_before": item.nerves_before,
            "nerves_after": item.nerves_after,
            "confidence": item.confidence,
            "delivery_index": item.delivery_index,
        }[key]
        return _num(value)
