"""Write or change one question, with the format's limits checked as you type."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.bank import (
    ANSWER_RANGE,
    MAX_TEXT_CHARS,
    PREP_RANGE,
    Category,
    Difficulty,
    Question,
    key_point_problem,
)
from greenroom.ui.banks.editor_parts import save_cancel, validation_label

NO_CATEGORY = "(none)"


class QuestionEditorDialog(QDialog):
    def __init__(self, question: Question | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit question" if question else "New question")
        self.resize(560, 560)
        self._original = question or Question(id="", text="")
        q = self._original
        self.text = QPlainTextEdit(q.text)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Question text")
        self.text.setMaximumHeight(90)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.category.addItem(NO_CATEGORY, "")
        for c in Category:
            self.category.addItem(c.value, c.value)
        self.category.setCurrentIndex(max(self.category.findData(q.category or ""), 0))
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty")
        for d in Difficulty:
            self.difficulty.addItem(d.value, d.value)
        self.difficulty.setCurrentIndex(self.difficulty.findData(q.difficulty.value))
        # Wider than the allowed ranges on purpose: an out-of-range value gets a message saying
        # what is allowed, instead of a spin box that silently refuses the keystroke.
        self.prep = self._seconds(q.prep_seconds, "Thinking time in seconds")
        self.answer = self._seconds(q.answer_seconds, "Answer time in seconds")
        self.tips = QPlainTextEdit(q.tips)
        self.tips.setTabChangesFocus(True)
        self.tips.setAccessibleName("Tips")
        self.key_points = self._lines(
            q.key_points, "Key points, one per line; other wordings after | (next steps | new plan)"
        )
        self.follow_ups = self._lines(q.follow_ups, "Follow-up questions, one per line")
        self.tags = QLineEdit(", ".join(q.tags))
        self.tags.setAccessibleName("Tags, separated by commas")
        self.message = validation_label("Problems with this question")
        self.buttons, self.save_button = save_cancel(self)

        form = QFormLayout()
        form.addRow("&Question:", self.text)
        form.addRow("&Category:", self.category)
        form.addRow("&Difficulty:", self.difficulty)
        form.addRow("T&hinking time:", self.prep)
        form.addRow("&Answer time:", self.answer)
        form.addRow("&Tips:", self.tips)
        form.addRow("&Key points:", self.key_points)
        form.addRow("&Follow-ups:", self.follow_ups)
        form.addRow("Ta&gs:", self.tags)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for signal in (self.text.textChanged, self.key_points.textChanged):
            signal.connect(self._on_field_changed)
        self.prep.valueChanged.connect(self._on_field_changed)
        self.answer.valueChanged.connect(self._on_field_changed)
        self._on_field_changed()

    @staticmethod
    def _seconds(value: int, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 9999)
        box.setSuffix(" s")
        box.setValue(value)
        box.setAccessibleName(name)
        return box

    @staticmethod
    def _lines(values: tuple[str, ...], name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(values))
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(name)
        edit.setMaximumHeight(80)
        return edit

    def problems(self) -> list[str]:
        """What stops this question from being saved, in words for the user."""
        found = []
        text = " ".join(self.text.toPlainText().split())
        if not text:
            found.append("Write the question.")
        elif len(text) > MAX_TEXT_CHARS:
            found.append(f"The question is {len(text)} characters; the limit is {MAX_TEXT_CHARS}.")
        for box, (low, high), name in (
            (self.prep, PREP_RANGE, "Thinking time"),
            (self.answer, ANSWER_RANGE, "Answer time"),
        ):
            if not low <= box.value() <= high:
                found.append(f"{name} must be between {low} and {high} seconds.")
        points = _split_lines(self.key_points)
        if any(len(item) > MAX_TEXT_CHARS for item in points):
            found.append(f"Each key point can be at most {MAX_TEXT_CHARS} characters.")
        found += [f"{p[0].upper()}{p[1:]}." for item in points if (p := key_point_problem(item))]
        return found

    def question(self) -> Question:
        """The question as edited (same id as the one given, empty for a new one)."""
        category = self.category.currentData()
        return replace(
            self._original,
            text=" ".join(self.text.toPlainText().split()),
            category=Category(category) if category else None,
            difficulty=Difficulty(self.difficulty.currentData()),
            prep_seconds=self.prep.value(),
            answer_seconds=self.answer.value(),
            tips=self.tips.toPlainText().strip(),
            key_points=_split_lines(self.key_points),
            follow_ups=_split_lines(self.follow_ups),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
        )

    def accept(self) -> None:
        if not self.problems():
            super().accept()

    def _on_field_changed(self, *_args: object) -> None:
        problems = self.problems()
        self.message.setText(" ".join(problems))
        self.message.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)


def _split_lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())
