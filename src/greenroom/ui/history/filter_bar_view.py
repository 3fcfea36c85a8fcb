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
    QVBoxLayout,
    QWidget,
)

from greenroom.store.history_repo import FilterChoices, HistoryFilter
from greenroom.ui import widgets
from greenroom.ui.history.history_model import mode_text

ANY_DATE = QDate(2000, 1, 1)  # shown as "any": the date edit's minimum means no limit
SEARCH_DELAY_MS = 250


class FilterBarView(QWidget):
    """Emits ``changed`` with a HistoryFilter; typing in search waits for a short pause."""

    changed = Signal(object)  # HistoryFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = self._date_edit("From: any", "From", "Show runs on or after this day")
        self.date_to = self._date_edit("To: any", "To", "Show runs on or before this day")
        self.bank = self._combo("Bank", "Show runs that used this question bank")
        self.mode = self._combo("Mode", "Show runs of one mode: warm-up, timed, one-way or drill")
        self.category = self._combo("Category", "Show runs with questions of this category")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search what you said…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search your answers")
        self.search.setToolTip("Find runs by words in their transcripts")
        self.search.setAccessibleDescription("Find runs by words in their transcripts")
        self.clear = widgets.button(
            "Clear filters", role="quiet", description="Show every run again"
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # Search on a line of its own (the filter most used), the narrowing choices below it.
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear)
        choices = widgets.FlowRow(spacing=12)  # wraps in a narrow window rather than widening it
        for label, widget in (
            ("", self.date_from),
            ("", self.date_to),
            ("Bank", self.bank),
            ("Mode", self.mode),
            ("Category", self.category),
        ):
            pair = QWidget()  # a label stays with its list when the row wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget)
            choices.addWidget(pair)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addLayout(choices)
        self.set_choices(FilterChoices((), (), ()))
        for combo in (self.bank, self.mode, self.category):
            combo.currentIndexChanged.connect(self._on_any_changed)
        self.date_from.dateChanged.connect(self._on_any_changed)
        self.date_to.dateChanged.connect(self._on_any_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.clear.clicked.connect(self._on_clear_clicked)

    @staticmethod
    def _date_edit(any_text: str, name: str, description: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText(any_text)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(ANY_DATE)
        edit.setAccessibleName(name)
        edit.setToolTip(description)
        edit.setAccessibleDescription(description)
        return edit

    @staticmethod
    def _combo(name: str, description: str) -> QComboBox:
        combo = widgets.choice_list()
        combo.setAccessibleName(name)
        combo.setToolTip(description)
        combo.setAccessibleDescription(description)
        return combo

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the combo boxes, keeping the current selection where it still exists."""
        for combo, items in (
            (self.bank, list(choices.banks)),
            (self.mode, [(m, mode_text(m)) for m in choices.modes]),
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
