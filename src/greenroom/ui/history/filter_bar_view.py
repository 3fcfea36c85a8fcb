"""The history list's filters: date range, bank, mode, category, and transcript search."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from greenroom.store.history_repo import FilterChoices, HistoryFilter

ANY_DATE = QDate(2000, 1, 1)  # shown as "any": the date edit's minimum means no limit
SEARCH_DELAY_MS = 250


class FilterBarView(QWidget):
    """Emits ``changed`` with a HistoryFilter; typing in search waits for a short pause."""

    changed = Signal(object)  # HistoryFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = self._date_edit("From: any")
        self.date_to = self._date_edit("To: any")
        self.bank = QComboBox()
        self.mode = QComboBox()
        self.category = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search transcripts…")
        self.search.setClearButtonEnabled(True)
        self.clear = QPushButton("Clear filters")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("", self.date_from),
            ("", self.date_to),
            ("Bank", self.bank),
            ("Mode", self.mode),
            ("Category", self.category),
        ):
            if label:
                layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear)
        self.set_choices(FilterChoices((), (), ()))
        for combo in (self.bank, self.mode, self.category):
            combo.currentIndexChanged.connect(self._on_any_changed)
        self.date_from.dateChanged.connect(self._on_any_changed)
        self.date_to.dateChanged.connect(self._on_any_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.clear.clicked.connect(self._on_clear_clicked)

    def _date_edit(self, any_text: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText(any_text)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(ANY_DATE)
        return edit

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the combo boxes, keeping the current selection where it still exists."""
        for combo, items in (
            (self.bank, list(choices.banks)),
            (self.mode, [(m, m) for m in choices.modes]),
            (self.category, [(c, c) for c in choices.categories]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("All", None)
            for value, label in items:
                combo.addItem(label, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current(self) -> HistoryFilter:
        return HistoryFilter(
            date_from=_day_start(self.date_from.date()),
            date_to=_day_start(self.date_to.date(), next_day=True),
            bank=self.bank.currentData(),
            mode=self.mode.currentData(),
            category=self.category.currentData(),
            search=self.search.text().strip() or None,
        )

    def _on_any_changed(self, *_: object) -> None:
        self.changed.emit(self.current())

    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.changed.emit(self.current())

    def _on_clear_clicked(self) -> None:
        widgets = (self.date_from, self.date_to, self.bank, self.mode, self.category, self.search)
        for w in widgets:
            w.blockSignals(True)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        for combo in (self.bank, self.mode, self.category):
            combo.setCurrentIndex(0)
        self.search.clear()
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit(self.current())


def _day_start(date: QDate, *, next_day: bool = False) -> datetime | None:
    """Local midnight of ``date`` (of the day after with ``next_day``) in UTC; None for any."""
    if date == ANY_DATE:
        return None
    day = date.addDays(1) if next_day else date
    local = datetime(day.year(), day.month(), day.day(), tzinfo=None).astimezone()
    return local.astimezone(UTC)
