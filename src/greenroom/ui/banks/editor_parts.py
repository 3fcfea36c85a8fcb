"""Pieces both bank editors use: the inline problem message and Save/Cancel wired to the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton


def validation_label(accessible_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label


def save_cancel(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    """Save/Cancel buttons that accept and reject ``dialog``; returns them and the Save button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None
    return buttons, save
