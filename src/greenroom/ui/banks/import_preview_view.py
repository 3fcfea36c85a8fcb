"""Layout of the import preview: target bank, busy bar, summary, questions and problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.errors import Problem
from greenroom.ui.banks.import_parse import problem_text
from greenroom.ui.banks.question_table_model import BANK_COLUMN, QuestionTableModel

LINE_ROLE = Qt.ItemDataRole.UserRole


class ImportPreviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank_id = QLineEdit()
        self.bank_id.setAccessibleName("Bank id")
        self.bank_id.setPlaceholderText("a-z, 0-9 and -")
        self.bank_title = QLineEdit()
        self.bank_title.setAccessibleName("Bank title")
        self.target_hint = QLabel()
        self.target_hint.setObjectName("hint")
        self.target_hint.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: parsing has no meaningful percentage
        self.progress.setAccessibleName("Reading the questions")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.summary = QLabel("Choose a file, drop one here, or paste text to see a preview.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Preview summary")
        self.model = QuestionTableModel(show_history=False)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Questions that will be imported")
        self.table.setColumnHidden(BANK_COLUMN, True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(2, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Errors and warnings, with line numbers")
        self.problems.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Bank &id:", self.bank_id)
        form.addRow("&Title:", self.bank_title)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.problems)
        splitter.setSizes([300, 140])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.target_hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems.clear()
        style = self.style()
        for p in problems:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if p.severity == "error"
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            item = QListWidgetItem(style.standardIcon(icon), problem_text(p))
            item.setData(LINE_ROLE, p.line or 0)
            self.problems.addItem(item)
        self.problems.setVisible(bool(problems))

    def problem_lines(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]
