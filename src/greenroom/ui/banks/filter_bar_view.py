"""Search box and filters (category, difficulty, tag, retired); emits the filter as data."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from greenroom.core.bank import Category, Difficulty
from greenroom.store.question_stats import QuestionFilter

ANY = "Any"


class FilterBarView(QWidget):
    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all questions (Ctrl+F)")
        self.search.setAccessibleName("Search questions")
        self.search.setClearButtonEnabled(True)
        self.category = self._combo("Category", [c.value for c in Category])
        self.difficulty = self._combo("Difficulty", [d.value for d in Difficulty])
        self.tag = self._combo("Tag", [])
        self.show_retired = QCheckBox("Show &retired")
        self.show_retired.setToolTip("Retired questions are no longer asked; their history stays")
        # Typing searches after a short pause rather than on every key.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.filters_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        for combo in (self.category, self.difficulty, self.tag):
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.show_retired.toggled.connect(self._on_show_retired_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        for widget in (self.category, self.difficulty, self.tag, self.show_retired):
            layout.addWidget(widget)

    @staticmethod
    def _combo(name: str, values: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Filter by {name.lower()}")
        combo.setToolTip(f"Filter by {name.lower()}")
        combo.addItem(f"{name}: {ANY}", "")
        for value in values:
            combo.addItem(value, value)
        return combo

    def set_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(f"Tag: {ANY}", "")
        for tag in tags:
            self.tag.addItem(tag, tag)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def current_filter(self) -> QuestionFilter:
        category = self.category.currentData()
        difficulty = self.difficulty.currentData()
        return QuestionFilter(
            text=self.search.text().strip(),
            category=Category(category) if category else None,
            difficulty=Difficulty(difficulty) if difficulty else None,
            tag=self.tag.currentData() or "",
            include_retired=self.show_retired.isChecked(),
        )

    def clear(self) -> None:
        for combo in (self.category, self.difficulty, self.tag):
            combo.setCurrentIndex(0)
        self.search.clear()

    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_combo_current_index_changed(self, _index: int) -> None:
        self.filters_changed.emit()

    def _on_show_retired_toggled(self, _checked: bool) -> None:
        self.filters_changed.emit()
