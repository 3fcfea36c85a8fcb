"""The list of banks: title, question count, built-in or yours, and the categories used."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from greenroom.store.banks_repo import BankListing
from greenroom.ui import widgets

BANK_ID_ROLE = Qt.ItemDataRole.UserRole


class BankListView(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Question banks")
        self.setAccessibleDescription("Built-in banks first, then yours")
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setItemDelegate(widgets.FullWidthItemDelegate(self))
        self._listings: dict[str, BankListing] = {}

    def set_listings(self, listings: list[BankListing], *, select: str | None = None) -> None:
        keep = select or self.current_bank_id()
        self.blockSignals(True)
        self.clear()
        self._listings = {b.id: b for b in listings}
        for b in listings:
            badge = "built-in" if b.builtin else "yours"
            lines = [b.title, f"{b.question_count} questions · {badge}"]
            if b.categories:
                lines.append(", ".join(b.categories))
            item = QListWidgetItem("\n".join(lines))
            item.setData(BANK_ID_ROLE, b.id)
            item.setToolTip(f"{b.title} ({b.id})")
            self.addItem(item)
        row = next((i for i, b in enumerate(listings) if b.id == keep), 0 if listings else -1)
        self.setCurrentRow(row)
        self.blockSignals(False)  # the page loads the selected bank itself, once

    def current_bank_id(self) -> str | None:
        item = self.currentItem()
        return str(item.data(BANK_ID_ROLE)) if item is not None else None

    def listing(self, bank_id: str | None) -> BankListing | None:
        return self._listings.get(bank_id or "")

    def listings(self) -> list[BankListing]:
        return list(self._listings.values())

    def select_bank(self, bank_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(BANK_ID_ROLE) == bank_id:
                self.setCurrentRow(row)
                return
