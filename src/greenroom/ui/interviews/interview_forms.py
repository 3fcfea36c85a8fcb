"""The parts of the Interviews screen the user types into: adding an interview, its checklist,
the practice plan before it, and what happened after it.

Typed values go through services.interview_input, whose messages are shown next to the field
they are about; nothing the user typed is cleared by a mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.practice_plan import PracticePlan
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import (
    NOT_SURE,
    ChecklistItem,
    Interview,
    InterviewFormat,
    InterviewOutcome,
)
from greenroom.services import interview_input
from greenroom.ui.practice.nerves_view import RatingScale
from greenroom.ui.widgets import Card, button, describe_control, hint, set_tone

FORMAT_LABELS = {
    InterviewFormat.PHONE: "Phone",
    InterviewFormat.VIDEO: "Video",
    InterviewFormat.ON_SITE: "On site",
}
OUTCOME_LABELS = {
    InterviewOutcome.WAITING: "Waiting to hear",
    InterviewOutcome.NEXT_ROUND: "Next round",
    InterviewOutcome.OFFER: "Offer",
    InterviewOutcome.REJECTED: "Rejected",
    InterviewOutcome.WITHDREW: "Withdrew",
}
E = TypeVar("E", bound=StrEnum)
WENT_LABELS = ("1 badly", "2 not well", "3 all right", "4 well", "5 very well")
WANT_PLACEHOLDER = "0 to 10, or not sure"


def when_text(when: datetime) -> str:
    return f"{when:%a %d %b %Y, %H:%M}"


def short_when_text(when: datetime) -> str:
    return f"{when:%d %b %Y %H:%M}"


def when_example(now: datetime) -> str:
    """What the When field shows until filled: a week from ``now`` at 14:30, as it is typed.
    A fixed example ("2026-03-10 14:30") read as a date in the past once that had gone by."""
    soon = (now + timedelta(days=7)).replace(hour=14, minute=30, second=0, microsecond=0)
    return when_input_text(soon)


def when_input_text(when: datetime) -> str:
    """``when`` as the user would type it; the offset only where it is not this machine's."""
    local = when.replace(tzinfo=None).astimezone().utcoffset()
    if when.utcoffset() == local:
        return f"{when:%Y-%m-%d %H:%M}"
    return when.isoformat(sep=" ", timespec="minutes")


def want_text(want: int | None) -> str:
    return "not sure" if want is None else str(want)


def error_label() -> QLabel:
    """Where a mistake is named, next to what it is about; hidden until then."""
    error = QLabel()
    error.setObjectName("errorText")
    error.setWordWrap(True)
    error.hide()
    return error


class _Fields:
    """Per-field error labels under a form's rows, and reading fields through a parser."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.errors: dict[str, QLabel] = {}
        self._failed: set[str] = set()

    def add(self, label: str, name: str, field: QWidget | QHBoxLayout) -> None:
        self.form.addRow(label, field)
        self.error_row(name)

    def error_row(self, name: str) -> None:
        error = self.errors[name] = error_label()
        self.form.addRow("", error)

    def clear(self) -> None:
        self._failed.clear()
        for error in self.errors.values():
            error.clear()
            error.hide()

    def read(self, name: str, parse: Callable[[], Any], found: dict[str, Any]) -> None:
        """``found[name] = parse()``, or the parser's message next to the field."""
        try:
            found[name] = parse()
        except GreenroomError as exc:
            self.show_error(name, str(exc))

    def show_error(self, name: str, message: str) -> None:
        self._failed.add(name)
        error = self.errors[name]
        error.setText(message)
        error.show()

    def failed(self) -> bool:
        return bool(self._failed)


def _line(name: str, description: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    describe_control(edit, name, description)
    return edit


def _combo(name: str, description: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    describe_control(combo, name, description)
    return combo


def _choice(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member a combo box shows (Qt hands back its value as a plain str)."""
    data = combo.currentData()
    return kind(data) if data else None


@dataclass(frozen=True, slots=True)
class NewInterview:
    company: str
    role: str
    when: datetime
    format: InterviewFormat | None
    want: int | None


class AddForm(Card):
    """Company, role, when, format and how much you want the job; emits ``submitted``.

    The same form edits an interview's details (``edit``); ``editing`` is then that interview.
    """

    submitted = Signal(object)  # NewInterview
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add an interview", parent=parent)
        self.company = _line("Company", "The company you are interviewing with")
        self.role = _line("Role", "The job you are interviewing for")
        self.when = _line(
            "When",
            "The date and time, as year-month-day hours:minutes",
            when_example(datetime.now().astimezone()),
        )
        self.format = _combo(
            "Format",
            "Phone, video or on site",
            [("Not sure yet", None), *((t, f.value) for f, t in FORMAT_LABELS.items())],
        )
        self.want = _line("Want the job", "How much you want the job, 0 to 10", WANT_PLACEHOLDER)
        form = QFormLayout()
        self.fields = _Fields(form)
        self.fields.add("Company", "company", self.company)
        self.fields.add("Role", "role", self.role)
        self.fields.add("When", "when", self.when)
        form.addRow("Format", self.format)
        self.fields.add("Want the job", "want", self.want)
        self.body.addLayout(form)
        self.body.addWidget(
            hint("Every interview is a test run, even for a job you are not sure you want.")
        )
        self.save = button(
            "Add interview", role="primary", icon="plus", description="Adds this interview"
        )
        self.cancel = button("Cancel", role="quiet", description="Closes the form; nothing saved")
        self.save.clicked.connect(self._on_save_clicked)
        self.cancel.clicked.connect(self.cancelled)
        for edit in (self.company, self.role, self.when, self.want):
            edit.returnPressed.connect(self._on_save_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.save)
        self.body.addLayout(row)
        self.editing: Interview | None = None

    def reset(self) -> None:
        """An empty form to add an interview."""
        self.when.setPlaceholderText(when_example(datetime.now().astimezone()))
        self._fill(None, "", "", "", None, "")

    def edit(self, interview: Interview) -> None:
        """The form filled with ``interview``'s details, to change them."""
        want = "" if interview.want_before is None else str(interview.want_before)
        when = when_input_text(interview.when)
        fmt = interview.format.value if interview.format else None
        self._fill(interview, interview.company, interview.role, when, fmt, want)

    def _fill(
        self,
        editing: Interview | None,
        company: str,
        role: str,
        when: str,
        fmt: str | None,
        want: str,
    ) -> None:
        self.editing = editing
        assert self.title is not None
        self.title.setText("Add an interview" if editing is None else "Edit the details")
        self.save.setText("Add interview" if editing is None else "Save details")
        self.save.setAccessibleDescription(
            "Adds this interview" if editing is None else "Saves the changed details"
        )
        for line, text in ((self.company, company), (self.role, role), (self.when, when)):
            line.setText(text)
        self.want.setText(want)
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.fields.clear()

    def _on_save_clicked(self) -> None:
        self.fields.clear()
        found: dict[str, Any] = {}
        for name, edit in (("company", self.company), ("role", self.role)):
            if not edit.text().strip():
                self.fields.show_error(name, f"Give the {name}'s name.")
        self.fields.read("when", lambda: interview_input.parse_when(self.when.text()), found)
        self.fields.read("want", lambda: _want(self.want.text(), "want the job"), found)
        if self.fields.failed():
            return
        self.submitted.emit(
            NewInterview(
                self.company.text().strip(),
                self.role.text().strip(),
                found["when"],
                _choice(self.format, InterviewFormat),
                found["want"],
            )
        )


def _want(text: str, name: str) -> int | None:
    """Blank and "not sure" are both None (not sure); otherwise 0-10."""
    if not text.strip():
        return None
    value = interview_input.parse_want(name, text)
    return None if value == NOT_SURE else value


class PlanView(Card):
    """The suggested runs before the interview (services.coach.interview_plan)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Suggested practice before it", soft=True, parent=parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.runs = QLabel()
        self.runs.setWordWrap(True)
        self.runs.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.note)
        self.body.addWidget(self.runs)

    def show_plan(self, plan: PracticePlan) -> None:
        self.note.setText(plan.note)
        lines = []
        for run in plan.runs:
            optional = " (optional)" if run.optional else ""
            lines.append(f"{run.day:%a %d %b}: {run.rung.label}{optional} — {run.focus}")
        self.runs.setText("\n".join(lines))
        self.runs.setVisible(bool(lines))


class ChecklistView(Card):
    """The preparation checklist: tick a step, rename it (double-click or F2), add or remove."""

    ticked = Signal(int, bool)
    edited = Signal(object)  # tuple[ChecklistItem, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preparation checklist", parent=parent)
        self.items = QListWidget()
        describe_control(
            self.items,
            "Preparation checklist",
            "Space ticks a step; F2 or a double-click renames it",
        )
        self.items.itemChanged.connect(self._on_item_changed)
        self.error = error_label()
        self.add = button("Add a step", icon="plus", description="Adds a step to the checklist")
        self.remove = button(
            "Remove step", role="quiet", description="Removes the chosen step from the checklist"
        )
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.body.addWidget(self.items)
        self.body.addWidget(self.error)
        self.body.addLayout(row)
        self._filling = False

    def show_items(self, checklist: tuple[ChecklistItem, ...]) -> None:
        self._filling = True
        try:
            self.items.clear()
            for entry in checklist:
                item = QListWidgetItem(entry.text)
                item.setFlags(
                    item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                )
                item.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, entry)
                self.items.addItem(item)
            rows = max(1, self.items.count())
            self.items.setFixedHeight(rows * (self.items.sizeHintForRow(0) + 2) + 8)
        finally:
            self._filling = False
        self.error.hide()

    def current(self) -> tuple[ChecklistItem, ...]:
        out = []
        for k in range(self.items.count()):
            item = self.items.item(k)
            done = item.checkState() == Qt.CheckState.Checked
            out.append(ChecklistItem(item.text().strip(), done))
        return tuple(out)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        before: ChecklistItem = item.data(Qt.ItemDataRole.UserRole)
        done = item.checkState() == Qt.CheckState.Checked
        if item.text() == before.text and done != before.done:
            self.ticked.emit(self.items.row(item), done)
            return
        if not item.text().strip():
            self.error.setText("A step needs a few words; it was put back as it was.")
            self.error.show()
            self._filling = True
            item.setText(before.text)
            self._filling = False
            return
        self.edited.emit(self.current())

    def _on_add_clicked(self) -> None:
        self.edited.emit((*self.current(), ChecklistItem("New step")))

    def _on_remove_clicked(self) -> None:
        row = self.items.currentRow()
        if row < 0:
            self.error.setText("Choose a step to remove first.")
            self.error.show()
            return
        items = list(self.current())
        del items[row]
        self.edited.emit(tuple(items))


class AfterForm(Card):
    """How it went: nerves, rating, questions asked, people, follow-up, want now, outcome."""

    saved = Signal(object)  # the edited Interview
    question_added = Signal(str)
    question_removed = Signal(int)  # the asked question's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("After the interview", parent=parent)
        self._interview: Interview | None = None
        self.nerves_before = RatingScale(
            "How nervous were you just before it?", "0 calm", "100 the most anxious you can imagine"
        )
        self.nerves_after = RatingScale(
            "How nervous were you just after it?", "0 calm", "100 the most anxious you can imagine"
        )
        for scale in (self.nerves_before, self.nerves_after):
            set_tone(scale.label, "sectionTitle")
            set_tone(scale.shown, "sectionTitle")
            scale.shown.setMinimumWidth(60)
            self.body.addWidget(scale)
        self.went = _combo(
            "How it went",
            "How the interview went, from 1 badly to 5 very well",
            [("Not rated", None), *((t, k + 1) for k, t in enumerate(WENT_LABELS))],
        )
        self.asked = QListWidget()
        describe_control(
            self.asked,
            "Questions they asked",
            "Each one is also in your bank Asked in real interviews, ready to practise",
        )
        self.asked.setFixedHeight(90)
        self.new_question = _line(
            "A question they asked",
            "Type a question, then add it; it goes into your bank Asked in real interviews",
            "Type a question they asked you",
        )
        self.add_question = button(
            "Add to my bank",
            icon="banks",
            description="Adds the question to this interview and to Asked in real interviews",
        )
        self.add_question.clicked.connect(self._on_add_question_clicked)
        self.new_question.returnPressed.connect(self._on_add_question_clicked)
        self.remove_question = button(
            "Remove",
            role="quiet",
            description="Takes the chosen question off this interview; it stays in your bank",
        )
        self.remove_question.clicked.connect(self._on_remove_question_clicked)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.add_question)
        ask_row.addWidget(self.remove_question)
        ask_row.addStretch(1)
        self.people = QPlainTextEdit()
        self.people.setPlaceholderText("One person a line: name, role")
        self.people.setFixedHeight(70)
        describe_control(self.people, "People met", "The people you met, one a line")
        self.follow_up = QPlainTextEdit()
        self.follow_up.setFixedHeight(70)
        describe_control(self.follow_up, "Follow-up note", "What to follow up on, and with whom")
        self.want_after = _line(
            "Want the job now", "How much you want the job now, 0 to 10", WANT_PLACEHOLDER
        )
        self.outcome = _combo(
            "Outcome",
            "What came of it, when you know",
            [("Not known yet", None), *((t, o.value) for o, t in OUTCOME_LABELS.items())],
        )
        form = QFormLayout()
        self.fields = _Fields(form)
        form.addRow("How it went", self.went)
        form.addRow("Questions asked", self.asked)
        form.addRow("", self.new_question)
        self.fields.add("", "asked", ask_row)
        form.addRow("People met", self.people)
        form.addRow("Follow-up", self.follow_up)
        self.fields.add("Want the job now", "want_after", self.want_after)
        form.addRow("Outcome", self.outcome)
        self.fields.error_row("save")
        self.body.addLayout(form)
        self.save = button(
            "Save how it went",
            role="primary",
            icon="check",
            description="Saves the nerves, rating, people, note, want and outcome",
        )
        self.save.clicked.connect(self._on_save_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        self.body.addLayout(row)

    def show_interview(self, interview: Interview) -> None:
        self._interview = interview
        self.fields.clear()
        for scale, value in (
            (self.nerves_before, interview.nerves_before),
            (self.nerves_after, interview.nerves_after),
        ):
            scale.reset()
            if value is not None:
                scale.set_value(value)
        self.went.setCurrentIndex(max(0, self.went.findData(interview.went)))
        self.show_asked(interview)
        self.people.setPlainText("\n".join(interview.people_met))
        self.follow_up.setPlainText(interview.follow_up_note)
        logged = interview.logged
        self.want_after.setText("" if not logged else want_text(interview.want_after))
        outcome = interview.outcome.value if interview.outcome else None
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(outcome)))

    def show_asked(self, interview: Interview) -> None:
        self._interview = replace(self._interview or interview, asked=interview.asked)
        self.asked.clear()
        for question in interview.asked:
            item = QListWidgetItem(question.text)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            self.asked.addItem(item)
        self.new_question.clear()

    def _on_remove_question_clicked(self) -> None:
        self.fields.clear()
        item = self.asked.currentItem()
        if item is None:
            self.fields.show_error("asked", "Choose a question in the list first.")
            return
        self.question_removed.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_add_question_clicked(self) -> None:
        self.fields.clear()
        text = self.new_question.text()
        if not text.strip():
            self.fields.show_error("asked", "Type the question first.")
            return
        self.question_added.emit(text)

    def _on_save_clicked(self) -> None:
        if self._interview is None:
            return
        self.fields.clear()
        found: dict[str, Any] = {}
        self.fields.read("want_after", lambda: _want(self.want_after.text(), "want now"), found)
        if self.fields.failed():
            return
        people = tuple(p.strip() for p in self.people.toPlainText().splitlines() if p.strip())
        self.saved.emit(
            replace(
                self._interview,
                nerves_before=self.nerves_before.value,
                nerves_after=self.nerves_after.value,
                went=self.went.currentData(),
                people_met=people,
                follow_up_note=self.follow_up.toPlainText().strip(),
                want_after=found["want_after"],
                outcome=_choice(self.outcome, InterviewOutcome),
            )
        )

    def show_save_error(self, message: str) -> None:
        self.fields.show_error("save", message)


class DetailView(QWidget):
    """One interview: what it is, the plan, the checklist, and how it went."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.summary = hint()
        self.edit_details = button(
            "Edit details",
            role="quiet",
            icon="note",
            description="Change the company, role, time, format or how much you want the job",
        )
        self.plan = PlanView()
        self.checklist = ChecklistView()
        self.after = AfterForm()
        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.summary)
        top.addLayout(words, 1)
        top.addWidget(self.edit_details, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        for widget in (self.plan, self.checklist, self.after):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_interview(self, interview: Interview) -> None:
        self.title.setText(interview.title)
        fmt = FORMAT_LABELS[interview.format] if interview.format else ""
        parts = [
            when_text(interview.when),
            fmt,
            f"want the job: {want_text(interview.want_before)}",
        ]
        self.summary.setText(" · ".join(p for p in parts if p))
        self.checklist.show_items(interview.checklist)
        self.after.show_interview(interview)
