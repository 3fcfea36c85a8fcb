"""Set-up: which banks and questions, in what order, and how realistic the run should be."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import Category, Difficulty
from greenroom.core.session import Mode
from greenroom.store.banks_repo import BankListing
from greenroom.ui.practice.plan import Order, SetupChoices

MODE_TEXT = {
    Mode.WARM_UP: ("Warm-up", "Untimed. Retake as often as you like; feedback after each answer."),
    Mode.TIMED: ("Timed", "Prep countdown and an answer limit; feedback after each answer."),
    Mode.ONE_WAY: (
        "One-way interview",
        "Like HireVue: recording starts by itself, one take, no pause, feedback only at the end.",
    ),
    Mode.DRILL: ("Drill", "One question again and again; compare your takes."),
}
ORDER_TEXT = {
    Order.SHUFFLED: "Shuffled",
    Order.AS_LISTED: "As listed in the bank",
    Order.STRUGGLED: "Questions I struggled with first",
}


class SetupView(QWidget):
    start_requested = Signal(object)  # SetupChoices

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Set up a test run")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Every run is practice. Start gentle, climb the ladder to a realistic interview."
        )
        intro.setObjectName("hint")
        self.banks = QListWidget()
        self.banks.setAccessibleName("Question banks to draw from")
        self.banks.setMinimumHeight(180)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3412f;")
        self.error.setWordWrap(True)
        self.start_button = QPushButton("&Start test run")  # Alt+S
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_button_clicked)

        left = QVBoxLayout()
        left.addWidget(QLabel("Banks"))
        left.addWidget(self.banks, 1)
        left.addWidget(self._filters())
        right = QVBoxLayout()
        right.addWidget(self._modes())
        right.addWidget(self._timing())
        right.addWidget(self._job())
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _filters(self) -> QGroupBox:
        box = QGroupBox("Questions")
        form = QFormLayout(box)
        self.categories: dict[str, QCheckBox] = {}
        cats = QWidget()
        grid = QHBoxLayout(cats)
        grid.setContentsMargins(0, 0, 0, 0)
        col = QVBoxLayout()
        for i, cat in enumerate(Category):
            if i and i % 4 == 0:
                grid.addLayout(col)
                col = QVBoxLayout()
            check = QCheckBox(cat.value.replace("-", " "))
            self.categories[cat.value] = check
            col.addWidget(check)
        grid.addLayout(col)
        form.addRow("Categories (none = all)", cats)
        diffs = QWidget()
        row = QHBoxLayout(diffs)
        row.setContentsMargins(0, 0, 0, 0)
        self.difficulties = {d.value: QCheckBox(d.value) for d in Difficulty}
        for check in self.difficulties.values():
            row.addWidget(check)
        form.addRow("Difficulty (none = all)", diffs)
        self.count = QSpinBox()
        self.count.setRange(1, 30)
        self.count.setValue(5)
        form.addRow("Number of questions", self.count)
        self.order = QComboBox()
        for key, text in ORDER_TEXT.items():
            self.order.addItem(text, key)
        form.addRow("Order", self.order)
        return box

    def _modes(self) -> QGroupBox:
        box = QGroupBox("Mode: from gentle to realistic")
        layout = QVBoxLayout(box)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        for mode, (label, text) in MODE_TEXT.items():
            button = QRadioButton(label)
            button.setToolTip(text)
            hint = QLabel(text)
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            hint.setContentsMargins(24, 0, 0, 4)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            layout.addWidget(button)
            layout.addWidget(hint)
        self.mode_buttons[Mode.TIMED].setChecked(True)
        return box

    def _timing(self) -> QGroupBox:
        box = QGroupBox("Timing and voice")
        form = QFormLayout(box)
        self.own_timing = QCheckBox("Use each question's own prep and answer time")
        self.own_timing.setChecked(True)
        self.prep = QSpinBox()
        self.prep.setRange(0, 600)
        self.prep.setValue(30)
        self.prep.setSuffix(" s")
        self.answer = QSpinBox()
        self.answer.setRange(10, 1800)
        self.answer.setValue(120)
        self.answer.setSuffix(" s")
        for spin in (self.prep, self.answer):
            spin.setEnabled(False)
        self.own_timing.toggled.connect(self._on_own_timing_toggled)
        self.speak = QCheckBox("Read each question aloud")
        self.speak.setChecked(True)
        form.addRow(self.own_timing)
        form.addRow("Prep time", self.prep)
        form.addRow("Answer limit", self.answer)
        form.addRow(self.speak)
        return box

    def _job(self) -> QGroupBox:
        box = QGroupBox("Job description (optional)")
        layout = QVBoxLayout(box)
        self.job = QPlainTextEdit()
        self.job.setPlaceholderText(
            "Paste the advert: Greenroom checks which of its key terms your answers use."
        )
        self.job.setMaximumHeight(90)
        layout.addWidget(self.job)
        return box

    def set_banks(self, banks: list[BankListing], *, selected: tuple[str, ...] = ()) -> None:
        self.banks.clear()
        for b in banks:
            item = QListWidgetItem(f"{b.title} ({b.question_count})")
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = b.id in selected or (not selected and b.id in ("openers", "behavioral-star"))
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.banks.addItem(item)

    def choices(self) -> SetupChoices:
        mode = next(m for m, b in self.mode_buttons.items() if b.isChecked())
        own = self.own_timing.isChecked()
        return SetupChoices(
            bank_ids=tuple(
                self.banks.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.banks.count())
                if self.banks.item(i).checkState() == Qt.CheckState.Checked
            ),
            mode=mode,
            count=self.count.value(),
            categories=tuple(k for k, c in self.categories.items() if c.isChecked()),
            difficulties=tuple(k for k, c in self.difficulties.items() if c.isChecked()),
            order=str(self.order.currentData()),
            prep_seconds=None if own else self.prep.value(),
            answer_seconds=None if own else self.answer.value(),
            job_description=self.job.toPlainText().strip(),
            speak_questions=self.speak.isChecked(),
        )

    def _on_own_timing_toggled(self, own: bool) -> None:
        self.prep.setEnabled(not own)
        self.answer.setEnabled(not own)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def _on_start_button_clicked(self) -> None:
        choices = self.choices()
        if not choices.bank_ids:
            self.show_error("Choose at least one bank.")
            return
        self.show_error("")
        self.start_requested.emit(choices)
