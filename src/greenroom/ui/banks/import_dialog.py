"""Import a bank from a file (chosen or dropped) or pasted text, after a preview.

Parsing runs off the GUI thread with a busy bar. Nothing is saved here: the dialog only says
what would be imported; the page saves the bank when the user presses Import, which stays
disabled while there are errors (all or nothing, like ``greenroom banks import``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import SLUG_RE, Bank, slugify
from greenroom.ui.banks.import_parse import (
    FILE_FILTER,
    FORMATS,
    ParseOutcome,
    parse_file,
    parse_text,
)
from greenroom.ui.banks.import_preview_view import LINE_ROLE, ImportPreviewView
from greenroom.ui.tasks import TaskRunner

PASTE_NAME = "Pasted questions"


class ImportDialog(QDialog):
    def __init__(
        self,
        tasks: TaskRunner,
        *,
        existing: dict[str, bool],  # bank id -> built-in
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import questions")
        self.setAcceptDrops(True)
        self.resize(820, 620)
        self._tasks = tasks
        self._existing = existing
        self._generation = 0
        self._outcome: ParseOutcome | None = None
        self.preview = ImportPreviewView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._file_tab(), "From a &file")
        self.tabs.addTab(self._paste_tab(), "&Paste text")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.preview.bank_id.textEdited.connect(self._on_target_edited)
        self.preview.bank_title.textEdited.connect(self._on_target_edited)
        self.preview.problems.itemActivated.connect(self._on_problems_item_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    def _file_tab(self) -> QWidget:
        tab = QWidget()
        self.file_label = QLabel("No file chosen. You can also drop a file on this window.")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        row = QHBoxLayout(tab)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        return tab

    def _paste_tab(self) -> QWidget:
        tab = QWidget()
        self.paste_edit = QPlainTextEdit()
        self.paste_edit.setAccessibleName("Text to import")
        self.paste_edit.setPlaceholderText(
            "Paste questions: one per line, a Markdown list, CSV with a header row, or YAML/JSON."
        )
        self.paste_edit.setTabChangesFocus(True)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format of the pasted text")
        for key, label in FORMATS.items():
            self.format_combo.addItem(label, key)
        self.preview_button = QPushButton("Pre&view")
        self.preview_button.setToolTip("Preview the pasted text (Ctrl+Return)")
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self.paste_edit, self._on_preview_button_clicked)
        self._paste_timer = QTimer(self)
        self._paste_timer.setSingleShot(True)
        self._paste_timer.setInterval(500)
        self._paste_timer.timeout.connect(self._on_preview_button_clicked)
        self.paste_edit.textChanged.connect(self._paste_timer.start)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        side = QVBoxLayout()
        format_label = QLabel("&Format:")
        format_label.setBuddy(self.format_combo)
        side.addWidget(format_label)
        side.addWidget(self.format_combo)
        side.addWidget(self.preview_button)
        side.addStretch(1)
        row = QHBoxLayout(tab)
        row.addWidget(self.paste_edit, 1)
        row.addLayout(side)
        self.paste_edit.setMaximumHeight(150)
        return tab

    # --- what tests replace -------------------------------------------------------------------

    def ask_file_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Import questions", "", FILE_FILTER)
        return Path(name) if name else None

    # --- starting a parse ---------------------------------------------------------------------

    def load_file(self, path: Path) -> None:
        self.tabs.setCurrentIndex(0)
        self.file_label.setText(str(path))
        self._start(lambda: parse_file(path))

    def load_text(self, text: str, fmt: str = "auto") -> None:
        self.tabs.setCurrentIndex(1)
        self.paste_edit.blockSignals(True)
        self.paste_edit.setPlainText(text)
        self.paste_edit.blockSignals(False)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(fmt), 0))
        self._parse_pasted()

    def _parse_pasted(self) -> None:
        self._paste_timer.stop()
        text = self.paste_edit.toPlainText()
        fmt = str(self.format_combo.currentData())
        if not text.strip():
            self._generation += 1
            self._show(None)
            return
        self._start(lambda: parse_text(text, fmt=fmt, name=PASTE_NAME))

    def _start(self, job: Callable[[], ParseOutcome]) -> None:
        self._generation += 1
        generation = self._generation
        self._outcome = None
        self.import_button.setEnabled(False)
        self.preview.progress.show()
        self.preview.summary.setText("Reading the questions…")

        def done(outcome: ParseOutcome) -> None:
            if generation == self._generation:  # a newer parse replaced this one
                self._show(outcome)

        self._tasks.run(job, done, owner=self)

    # --- showing the result -------------------------------------------------------------------

    def _show(self, outcome: ParseOutcome | None) -> None:
        self.preview.progress.hide()
        self._outcome = outcome
        loaded = outcome.loaded if outcome else None
        self.preview.model.set_questions(loaded.bank.questions if loaded else ())
        self.preview.set_problems(outcome.problems if outcome else ())
        if loaded is not None:
            bank = loaded.bank
            bank_id = bank.id
            if outcome is not None and outcome.source == PASTE_NAME:
                bank_id = self._free_id(bank.id)
            self.preview.bank_id.setText(bank_id)
            self.preview.bank_title.setText(bank.title)
        self._update_state()

    def _free_id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self._existing:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _update_state(self) -> None:
        outcome = self._outcome
        summary, hint, ok = self._describe(outcome)
        self.preview.summary.setText(summary)
        self.preview.target_hint.setText(hint)
        self.import_button.setEnabled(ok)

    def _describe(self, outcome: ParseOutcome | None) -> tuple[str, str, bool]:
        if outcome is None:
            return "Choose a file, drop one here, or paste text to see a preview.", "", False
        if outcome.loaded is None:
            n = len(outcome.errors)
            errors = "1 error" if n == 1 else f"{n} errors"
            return (
                f"{errors} in {Path(outcome.source).name}: nothing will be imported. "
                "Fix the file and try again.",
                "",
                False,
            )
        count = len(outcome.loaded.bank.questions)
        warnings = len(outcome.problems)
        summary = f"{count} questions ready to import ({FORMATS.get(outcome.fmt, outcome.fmt)})"
        if warnings:
            summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
        bank_id = self.preview.bank_id.text().strip()
        if not SLUG_RE.match(bank_id):
            return summary + ".", "The bank id may use only a-z, 0-9 and '-'.", False
        if not self.preview.bank_title.text().strip():
            return summary + ".", "The bank needs a title.", False
        if self._existing.get(bank_id) is True:
            return summary + ".", f"'{bank_id}' is a built-in bank: choose another id.", False
        if bank_id in self._existing:
            hint = f"Updates your bank '{bank_id}': questions not in this file are retired."
        else:
            hint = f"Creates a new bank '{bank_id}'."
        return summary + ".", hint, True

    def bank_to_import(self) -> Bank | None:
        """The previewed bank under the id and title shown, or None if it cannot be imported."""
        if self._outcome is None or self._outcome.loaded is None:
            return None
        bank_id = self.preview.bank_id.text().strip()
        return replace(
            self._outcome.loaded.bank,
            id=bank_id,
            title=self.preview.bank_title.text().strip(),
            questions=tuple(
                replace(q, bank_id=bank_id) for q in self._outcome.loaded.bank.questions
            ),
        )

    def is_busy(self) -> bool:
        return self.preview.progress.isVisible()

    # --- slots --------------------------------------------------------------------------------

    def _on_choose_button_clicked(self) -> None:
        path = self.ask_file_path()
        if path is not None:
            self.load_file(path)

    def _on_preview_button_clicked(self) -> None:
        self._parse_pasted()

    def _on_format_combo_changed(self, _index: int) -> None:
        self._parse_pasted()

    def _on_target_edited(self, _text: str) -> None:
        if self.sender() is self.preview.bank_title and not self.preview.bank_id.isModified():
            title = self.preview.bank_title.text()
            self.preview.bank_id.setText(self._free_id(slugify(title, max_len=40)))
        self._update_state()

    def _on_problems_item_activated(self, item: QListWidgetItem) -> None:
        line = int(item.data(LINE_ROLE) or 0)
        if self.tabs.currentIndex() != 1 or line < 1:
            return
        block = self.paste_edit.document().findBlockByLineNumber(line - 1)
        cursor = QTextCursor(block)
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        self.paste_edit.setTextCursor(cursor)
        self.paste_edit.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.load_file(path)


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local file in a drag, or None."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None
