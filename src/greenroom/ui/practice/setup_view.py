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
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.coach import Recommendation
from greenroom.core.bank import Category, Difficulty, Question
from greenroom.core.session import Mode
from greenroom.store.banks_repo import BankListing
from greenroom.ui import widgets
from greenroom.ui.practice.plan import Order, SetupChoices

START_TEXT = "&Start test run"  # Alt+S
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
    """Banks, the rung of the ladder and how many questions up front; filters, timing and the
    job description under "More options" (one focus, docs/design.md)."""

    start_requested = Signal(object)  # SetupChoices

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = widgets.heading("Set up a test run")
        intro = widgets.hint(
            "Every run is practice. Start gentle, climb the ladder to a realistic interview."
        )
        self.banks = QListWidget()
        self.banks.setAccessibleName("Question banks to draw from")
        self.banks.setAccessibleDescription("Tick the banks whose questions you want")
        self.banks.setMinimumHeight(160)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.start_button = widgets.button(
            START_TEXT,
            role="primary",
            icon="mic",
            description="Check in with your nerves, then the first question",
        )
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.more = widgets.button(
            "More options",
            role="quiet",
            icon="chevron-down",
            description="Categories, difficulty, order, timing, voice and a job description",
        )
        self.more.setCheckable(True)
        self.more.toggled.connect(self._on_more_toggled)
        self.coach = self._coach_card()
        questions = widgets.Card("Questions")
        questions.body.addWidget(self.banks, 1)
        questions.body.addLayout(self._count_row())
        ladder = widgets.Card("How realistic")
        ladder.body.addWidget(self._modes())
        self.speak = QCheckBox("Read each question aloud")
        self.speak.setChecked(True)
        self.speak.setToolTip("The interviewer's voice reads each question before your prep time")
        ladder.body.addWidget(self.speak)
        self.follow_ups = QCheckBox("The interviewer asks a follow-up")
        widgets.describe_control(
            self.follow_ups,
            "The interviewer asks a follow-up",
            "After each answer one follow-up question, from the bank or from what your answer "
            "left out; on by default in a one-way interview",
        )
        self.follow_ups.setToolTip(self.follow_ups.accessibleDescription())
        ladder.body.addWidget(self.follow_ups)
        ladder.body.addStretch(1)
        self.options = QWidget()
        options = QHBoxLayout(self.options)
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self._filters(), 1)
        right = QVBoxLayout()
        right.addWidget(self._timing())
        right.addWidget(self._job())
        options.addLayout(right, 1)
        self.options.setVisible(False)
        columns = QHBoxLayout()
        columns.addWidget(questions, 1)
        columns.addWidget(ladder, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.more)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.start_button)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(self.coach)
        column.addLayout(columns, 1)
        column.addWidget(self.options)
        content = QWidget()
        content.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        for button in self.mode_buttons.values():
            button.toggled.connect(self._on_mode_toggled)
        self._on_mode_toggled(True)
        # Choosing by hand after "Use this run" drops the coach's questions.
        self.banks.itemChanged.connect(self._drop_coach_questions)
        self.count.valueChanged.connect(self._drop_coach_questions)
        self.mode_group.buttonToggled.connect(self._drop_coach_questions)
        # Clicks and keys only (not setChecked): from then on the coach leaves the form alone.
        self.mode_group.buttonClicked.connect(self._on_chosen_by_hand)
        self.follow_ups.clicked.connect(self._on_chosen_by_hand)

    def _coach_card(self) -> widgets.Card:
        card = widgets.Card(soft=True)
        self._recommendation: Recommendation | None = None
        self._coach_questions: list[tuple[int, Question]] = []
        self._coach_keys: tuple[int, ...] = ()
        self._applying = False
        self._chosen_by_hand = False
        self.coach_text = QLabel()
        self.coach_text.setObjectName("leadSentence")
        self.coach_text.setWordWrap(True)
        self.coach_apply = widgets.button(
            "Use this run",
            icon="check",
            description="Sets the mode and the coach's questions below; you can still change them",
        )
        self.coach_apply.clicked.connect(self._on_coach_apply_clicked)
        self.coach_note = widgets.hint()
        self.coach_note.hide()
        # What the coach asks of the user besides the run: log a past interview, rate nerves.
        self.coach_reminders = QLabel()
        self.coach_reminders.setWordWrap(True)
        self.coach_reminders.setAccessibleName("Reminders from the coach")
        self.coach_reminders.hide()
        row = QHBoxLayout()
        row.addWidget(self.coach_text, 1)
        row.addWidget(self.coach_apply, 0, Qt.AlignmentFlag.AlignTop)
        card.body.addLayout(row)
        card.body.addWidget(self.coach_reminders)
        card.body.addWidget(self.coach_note)
        card.hide()
        return card

    def show_recommendation(
        self, recommendation: Recommendation, found: dict[int, Question]
    ) -> None:
        """The coach's next run (services.coach.recommend_next) and its questions by key.

        Its rung is selected below unless the user has chosen a mode or follow-ups by hand: a
        first-time user who just presses Start gets the run the card recommends."""
        if recommendation == self._recommendation:
            return  # the same advice on a second visit: keep what was set for it
        self._recommendation = recommendation
        self._coach_questions = [(k, found[k]) for k in recommendation.question_keys if k in found]
        self._coach_keys = ()  # the last advice's questions are not this one's
        self.coach_text.setText(f"Next: {recommendation.rung.label} — {recommendation.reason}")
        # The ratings the advice rests on, for whoever asks why (the card stays one sentence).
        evidence = " ".join(recommendation.evidence)
        self.coach_text.setToolTip(evidence)
        self.coach_text.setAccessibleDescription(evidence)
        reminders = recommendation.reminders
        self.coach_reminders.setText("\n".join(f"Reminder: {r}" for r in reminders))
        self.coach_reminders.setVisible(bool(reminders))
        self.coach.show()
        # No note saying so: the selected mode shows it, and a line more made the first
        # screen scroll under the welcome banner.
        self.coach_note.hide()
        if not self._chosen_by_hand:
            self._apply(recommendation, questions=False)

    def _on_coach_apply_clicked(self) -> None:
        rec = self._recommendation
        if rec is None:
            return
        self._apply(rec, questions=True)
        count = len(self._coach_keys)
        self.coach_note.setText(
            f"Set: {MODE_TEXT[rec.mode][0]}"
            + (f" with the coach's {count} questions, weakest first." if count else ".")
        )
        self.coach_note.show()

    def _apply(self, rec: Recommendation, *, questions: bool) -> None:
        """Set the recommended rung (mode, follow-ups, prep) and, if asked, its questions."""
        self._applying = True
        try:
            self.mode_buttons[rec.mode].setChecked(True)
            self.follow_ups.setChecked(rec.rung.follow_ups)
            if rec.prep_seconds is not None:
                self.own_timing.setChecked(False)
                self.prep.setValue(rec.prep_seconds)
            if questions and self._coach_questions:
                wanted = {q.bank_id for _k, q in self._coach_questions}
                for i in range(self.banks.count()):
                    item = self.banks.item(i)
                    chosen = item.data(Qt.ItemDataRole.UserRole) in wanted
                    item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self.count.setValue(len(self._coach_questions))
                self._coach_keys = tuple(k for k, _q in self._coach_questions)
        finally:
            self._applying = False

    def _on_chosen_by_hand(self, *_: object) -> None:
        self._chosen_by_hand = True

    def _drop_coach_questions(self, *_: object) -> None:
        if self._applying or not self._coach_keys:
            return
        self._coach_keys = ()
        self.coach_note.setText("Your own choice now: questions are picked from the banks.")

    def _count_row(self) -> QFormLayout:
        form = QFormLayout()
        self.count = QSpinBox()
        self.count.setRange(1, 30)
        self.count.setValue(5)
        self.count.setAccessibleName("Number of questions")
        self.count.setToolTip("How many questions this run asks (a drill asks one, several times)")
        form.addRow("Number of questions", self.count)
        return form

    def _filters(self) -> QGroupBox:
        box = QGroupBox("Which questions")
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
            check.setToolTip(f"Only {cat.value.replace('-', ' ')} questions (none ticked: all)")
            self.categories[cat.value] = check
            col.addWidget(check)
        grid.addLayout(col)
        form.addRow("Categories (none = all)", cats)
        diffs = QWidget()
        row = QHBoxLayout(diffs)
        row.setContentsMargins(0, 0, 0, 0)
        self.difficulties = {d.value: QCheckBox(d.value) for d in Difficulty}
        for value, check in self.difficulties.items():
            check.setToolTip(f"Only {value} questions (none ticked: all)")
            row.addWidget(check)
        form.addRow("Difficulty (none = all)", diffs)
        self.order = QComboBox()
        for key, text in ORDER_TEXT.items():
            self.order.addItem(text, key)
        self.order.setAccessibleName("Order of the questions")
        self.order.setToolTip("Shuffled, as listed, or the ones you struggled with first")
        form.addRow("Order", self.order)
        return box

    def _modes(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        for mode, (label, text) in MODE_TEXT.items():
            button = QRadioButton(label)
            button.setToolTip(text)
            hint = widgets.hint(text)
            hint.setContentsMargins(28, 0, 0, 4)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            layout.addWidget(button)
            layout.addWidget(hint)
        self.mode_buttons[Mode.TIMED].setChecked(True)
        return box

    def _timing(self) -> QGroupBox:
        box = QGroupBox("Timing")
        form = QFormLayout(box)
        self.own_timing = QCheckBox("Use each question's own prep and answer time")
        self.own_timing.setChecked(True)
        self.own_timing.setToolTip("Each bank question says how long to think and to answer")
        self.prep = QSpinBox()
        self.prep.setRange(0, 600)
        self.prep.setValue(30)
        self.prep.setSuffix(" s")
        self.prep.setAccessibleName("Prep time")
        self.prep.setToolTip("Seconds to think before the answer starts by itself")
        self.answer = QSpinBox()
        self.answer.setRange(10, 1800)
        self.answer.setValue(120)
        self.answer.setSuffix(" s")
        self.answer.setAccessibleName("Answer limit")
        self.answer.setToolTip("Seconds before the answer is stopped for you")
        for spin in (self.prep, self.answer):
            spin.setEnabled(False)
        self.own_timing.toggled.connect(self._on_own_timing_toggled)
        self.answer_label = QLabel("Answer limit")
        form.addRow(self.own_timing)
        form.addRow("Prep time", self.prep)
        form.addRow(self.answer_label, self.answer)
        return box

    def _job(self) -> QGroupBox:
        box = QGroupBox("Job description (optional)")
        layout = QVBoxLayout(box)
        self.job = QPlainTextEdit()
        self.job.setPlaceholderText(
            "Paste the advert: Greenroom shows which of its key terms your answers use."
        )
        self.job.setAccessibleName("Job description")
        self.job.setToolTip("Its key terms are checked in every answer of this run")
        self.job.setMaximumHeight(110)
        layout.addWidget(self.job)
        return box

    def _on_more_toggled(self, shown: bool) -> None:
        self.options.setVisible(shown)
        self.more.setText("Fewer options" if shown else "More options")
        widgets.set_icon(self.more, "chevron-up" if shown else "chevron-down", "primary")

    def _on_mode_toggled(self, _checked: bool) -> None:
        # Warm-up is untimed: an answer limit there would only confuse.
        untimed = self.mode_buttons[Mode.WARM_UP].isChecked()
        self.answer.setVisible(not untimed)
        self.answer_label.setVisible(not untimed)
        # A real interviewer follows up; a drill repeats one question, so it has none.
        self.follow_ups.setVisible(not self.mode_buttons[Mode.DRILL].isChecked())
        self.follow_ups.setChecked(self.mode_buttons[Mode.ONE_WAY].isChecked())

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
            follow_ups=mode is not Mode.DRILL and self.follow_ups.isChecked(),
            question_keys=self._coach_keys,
        )

    def _on_own_timing_toggled(self, own: bool) -> None:
        self.prep.setEnabled(not own)
        self.answer.setEnabled(not own)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def set_preparing(self, preparing: bool) -> None:
        """While the run's questions are read (0.7 s the first time here): say so, and take no
        second click, which would read a second plan and put it in place of the first."""
        self.start_button.setEnabled(not preparing)
        self.start_button.setText("Preparing the run…" if preparing else START_TEXT)

    def _on_start_button_clicked(self) -> None:
        choices = self.choices()
        if not choices.bank_ids:
            self.show_error("Choose at least one bank.")
            return
        self.show_error("")
        self.start_requested.emit(choices)
