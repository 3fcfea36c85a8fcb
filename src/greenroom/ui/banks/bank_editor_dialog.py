"""Create a bank or change its title and description, with the id checked as you type."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import SLUG_RE, Bank, slugify
from greenroom.ui.banks.editor_parts import save_cancel, validation_label


class BankEditorDialog(QDialog):
    def __init__(
        self,
        *,
        taken_ids: set[str],
        bank: Bank | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bank details" if bank else "New bank")
        self.resize(480, 300)
        self._taken = taken_ids - ({bank.id} if bank else set())
        self._creating = bank is None
        self.title = QLineEdit(bank.title if bank else "")
        self.title.setAccessibleName("Bank title")
        self.title.setPlaceholderText("For example: Acme product manager interview")
        self.bank_id = QLineEdit(bank.id if bank else "")
        self.bank_id.setAccessibleName("Bank id")
        self.bank_id.setReadOnly(not self._creating)  # answers and exports refer to the id
        self.description = QPlainTextEdit(bank.description if bank else "")
        self.description.setTabChangesFocus(True)
        self.description.setAccessibleName("Description")
        self.message = validation_label("Problems with this bank")
        self.buttons, self.save_button = save_cancel(self)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Id:", self.bank_id)
        form.addRow("&Description:", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.title.textEdited.connect(self._on_title_edited)
        self.bank_id.textChanged.connect(self._on_field_changed)
        self.title.textChanged.connect(self._on_field_changed)
        self._on_field_changed()

    def problems(self) -> list[str]:
        found = []
        if not self.title.text().strip():
            found.append("Give the bank a title.")
        bank_id = self.bank_id.text().strip()
        if not SLUG_RE.match(bank_id):
            found.append("The id may use only a-z, 0-9 and '-' (for example: acme-pm).")
        elif bank_id in self._taken:
            found.append(f"There is already a bank with the id '{bank_id}'.")
        return found

    def values(self) -> tuple[str, str, str]:
        """(id, title, description) as entered."""
        return (
            self.bank_id.text().strip(),
            self.title.text().strip(),
            self.description.toPlainText().strip(),
        )

    def accept(self) -> None:
        if not self.problems():
            super().accept()

    def _on_title_edited(self, title: str) -> None:
        if self._creating and not self.bank_id.isModified():
            self.bank_id.setText(slugify(title, max_len=40) if title.strip() else "")

    def _on_field_changed(self, _text: str = "") -> None:
        problems = self.problems()
        self.message.setText(" ".join(problems))
        self.message.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
