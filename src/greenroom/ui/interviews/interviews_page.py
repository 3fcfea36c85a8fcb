"""Interviews screen: real interviews, logged as test runs (issue 15).

The list of interviews on the left; on the right either the form to add one or the chosen
interview with its practice plan, preparation checklist and what happened after it. Every
database call runs through the TaskRunner (services.interviews, services.coach); a
GreenroomError from a job is shown on the screen, next to the field when it is about one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.practice_plan import PracticePlan
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import ChecklistItem, Interview
from greenroom.services import coach, interviews
from greenroom.ui.context import AppContext
from greenroom.ui.interviews.interview_forms import (
    OUTCOME_LABELS,
    AddForm,
    DetailView,
    NewInterview,
    short_when_text,
    when_text,
)
from greenroom.ui.widgets import button, describe_control, heading, hint, set_tone

EMPTY = (
    "No interviews yet. Add the next one you have, even for a job you are not sure you want: "
    "Greenroom suggests the practice before it, and afterwards you log how it went."
)
COLUMNS = ("Company", "Role", "When", "Outcome")


@dataclass(frozen=True, slots=True)
class _Failed:
    """A user-fixable error raised by a job, returned as data so the page can show it."""

    message: str


class InterviewsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._engine = ctx.engine
        self._interviews: list[Interview] = []
        self._current: Interview | None = None
        self._adding = False  # the add form is open: a reload must not take it away
        self._build()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        describe_control(
            self.table,
            "Interviews",
            "Your real interviews, newest first; choose one to see its plan and log how it went",
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(260)  # a very long name is cut short here, kept in full
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.empty = hint(EMPTY)
        self.new = button(
            "New interview", role="primary", icon="plus", description="Opens the form to add one"
        )
        self.export = button(
            "Export…", icon="export", description="Saves every interview as CSV or JSON"
        )
        self.delete = button(
            "Delete",
            role="danger",
            icon="delete",
            description="Deletes the chosen interview; its questions stay in your bank",
        )
        self.new.clicked.connect(self.show_add_form)
        self.export.clicked.connect(self._on_export_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        self.banner = QLabel()
        self.banner.setObjectName("notice")
        self.banner.setWordWrap(True)
        self.banner.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        left.addLayout(buttons)

        self.add_form = AddForm()
        self.add_form.submitted.connect(self._on_add_form_submitted)
        self.add_form.cancelled.connect(self._on_add_form_cancelled)
        self.detail = DetailView()
        self.detail.edit_details.clicked.connect(self._on_edit_details_clicked)
        self.detail.checklist.ticked.connect(self._on_checklist_ticked)
        self.detail.checklist.edited.connect(self._on_checklist_edited)
        self.detail.after.saved.connect(self._on_after_saved)
        self.detail.after.question_added.connect(self._on_question_added)
        self.detail.after.question_removed.connect(self._on_question_removed)
        # One of the two shows at a time; a hidden one takes no room (a stacked widget would
        # keep the detail's height under the short form).
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.add_form)
        right_layout.addWidget(self.detail)
        right_layout.addStretch(1)
        self.detail.hide()
        self.side_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Interviews"))
        layout.addWidget(
            hint(
                "Real interviews are the test runs that matter: prepare, then log your nerves "
                "and the questions they asked."
            )
        )
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        self._update_state()

    # --- loading ------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else (self._current.id if self._current else None)
        engine = self._engine
        self.ctx.tasks.run(
            lambda: interviews.list_interviews(engine),
            lambda found: self._show_list(found, keep),
            owner=self,
        )

    def _show_list(self, found: list[Interview], select: int | None) -> None:
        self._interviews = found
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(found))
        for row, interview in enumerate(found):
            outcome = (
                OUTCOME_LABELS[interview.outcome]
                if interview.outcome
                else ("logged" if interview.logged else "not logged yet")
            )
            for column, text in enumerate(
                (interview.company, interview.role, short_when_text(interview.when), outcome)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        if not found:
            self._current = None
            if not self._adding:
                self.show_add_form()
        elif not self._adding:
            chosen = next((k for k, i in enumerate(found) if i.id == select), 0)
            self.table.selectRow(chosen)  # shows it
        self._update_state()

    def _update_state(self) -> None:
        has = bool(self._interviews)
        self.empty.setVisible(not has)
        self.table.setVisible(has)
        self.export.setEnabled(has)
        self.delete.setEnabled(self._current is not None and not self._adding)

    def _show(self, interview: Interview) -> None:
        another = self._current is None or self._current.id != interview.id
        self._current = interview
        self.detail.show_interview(interview)
        self._show_side(self.detail, from_top=another)
        self._update_state()
        self._load_plan(interview)

    def _load_plan(self, interview: Interview) -> None:
        engine = self._engine
        self.ctx.tasks.run(
            lambda: coach.interview_plan(engine, interview),
            self._on_plan_loaded,
            owner=self,
        )

    def _on_plan_loaded(self, plan: PracticePlan) -> None:
        self.detail.plan.show_plan(plan)

    def show_add_form(self) -> None:
        self._adding = True
        self.add_form.reset()
        self._show_side(self.add_form)
        self.table.clearSelection()
        self._update_state()
        self.add_form.company.setFocus()

    # --- actions ------------------------------------------------------------------------------

    def _on_table_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._adding = False
            self._show(self._interviews[rows[0].row()])

    def _on_add_form_cancelled(self) -> None:
        self._adding = False
        if self._interviews:
            ids = [i.id for i in self._interviews]
            current = self._current.id if self._current else None
            self.table.clearSelection()
            self.table.selectRow(ids.index(current) if current in ids else 0)

    def _on_edit_details_clicked(self) -> None:
        if self._current is None:
            return
        self._adding = True  # a reload must not take the form away
        self.add_form.edit(self._current)
        self._show_side(self.add_form)
        self._update_state()
        self.add_form.company.setFocus()

    def _on_add_form_submitted(self, new: NewInterview) -> None:
        engine, editing = self._engine, self.add_form.editing

        def job() -> tuple[Interview, str]:
            if editing is not None:  # the details of one already stored
                saved = interviews.save_interview(
                    engine,
                    replace(
                        editing,
                        company=new.company,
                        role=new.role,
                        when=new.when,
                        format=new.format,
                        want_before=new.want,
                    ),
                )
                return saved, f"Saved the details of {saved.title}."
            interview, is_new = interviews.add_interview(
                engine,
                company=new.company,
                role=new.role,
                when=new.when,
                format=new.format,
                want=new.want,
            )
            return interview, "" if is_new else f"{interview.title} was already here: shown below."

        def done(result: tuple[Interview, str]) -> None:
            interview, message = result
            self._adding = False
            self._say(message)
            self.refresh(select=interview.id)

        self._write(
            job, done, on_failed=lambda message: self.add_form.fields.show_error("when", message)
        )

    def _on_checklist_ticked(self, index: int, done: bool) -> None:
        current, engine = self._need_current(), self._engine
        self._write(
            lambda: interviews.set_checklist_done(engine, current, index, done=done),
            self._after_checklist,
        )

    def _on_checklist_edited(self, items: tuple[ChecklistItem, ...]) -> None:
        current, engine = self._need_current(), self._engine
        self._write(
            lambda: interviews.set_checklist(engine, current, items),
            self._after_checklist,
        )

    def _after_checklist(self, interview: Interview) -> None:
        self._current = interview
        self.detail.checklist.show_items(interview.checklist)
        self._load_plan(interview)  # the plan follows the unticked steps

    def _on_after_saved(self, edited: Interview) -> None:
        engine = self._engine

        def saved(interview: Interview) -> None:
            self._say(f"Saved how {interview.title} went.")
            self.refresh(select=interview.id)

        self._write(
            lambda: interviews.save_interview(engine, edited),
            saved,
            on_failed=self.detail.after.show_save_error,
        )

    def _on_question_added(self, text: str) -> None:
        engine, current = self._engine, self._need_current()
        self._change_asked(
            lambda: interviews.add_asked_question(engine, current, text),
            "Added to your bank Asked in real interviews, ready to practise.",
        )

    def _on_question_removed(self, asked_id: int) -> None:
        engine = self._engine
        self._change_asked(
            lambda: interviews.remove_asked_question(engine, asked_id),
            "Taken off this interview; the question stays in your bank.",
        )

    def _change_asked(self, change: Callable[[], object], message: str) -> None:
        """Add or remove a question asked, then show the interview's list as stored."""
        engine, current = self._engine, self._need_current()

        def job() -> Interview:
            change()
            return interviews.get_interview(engine, current)

        def done(interview: Interview) -> None:
            self._current = interview
            self.detail.after.show_asked(interview)
            self._say(message)

        self._write(
            job, done, on_failed=lambda text: self.detail.after.fields.show_error("asked", text)
        )

    def _on_delete_clicked(self) -> None:
        current = self._current
        if current is None or current.id is None or not self.confirm_delete(current):
            return
        engine, interview_id = self._engine, current.id

        def deleted(_: object) -> None:
            self._current = None
            kept = " Its questions stay in your bank." if current.asked else ""
            self._say(f"Deleted {current.title}.{kept}")
            self.refresh()

        self._write(lambda: interviews.delete_interview(engine, interview_id), deleted)

    def confirm_delete(self, interview: Interview) -> bool:
        answer = QMessageBox.question(
            self,
            "Delete this interview?",
            f"Delete {interview.title} ({when_text(interview.when)})? The questions you logged "
            "stay in your bank Asked in real interviews.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_export_clicked(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        engine = self._engine
        self._write(
            lambda: interviews.export_interviews(engine, path),
            lambda count: self._say(f"Exported {count} interviews to {path}."),
        )

    def choose_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export interviews", "interviews.csv", "CSV (*.csv);;JSON (*.json)"
        )
        return Path(name) if name else None

    # --- helpers ------------------------------------------------------------------------------

    def _show_side(self, shown: QWidget, *, from_top: bool = False) -> None:
        """The form or the chosen interview on the right, from its top when newly shown (the
        same interview saved again stays where the user was)."""
        if from_top or not shown.isVisibleTo(self):
            self.add_form.setVisible(shown is self.add_form)
            self.detail.setVisible(shown is self.detail)
            self.side_scroll.verticalScrollBar().setValue(0)

    def _need_current(self) -> int:
        assert self._current is not None and self._current.id is not None
        return self._current.id

    def _write(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        on_failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run a database write; a GreenroomError goes to ``on_failed`` (else the banner),
        anything else to the task runner's crash path."""

        def guarded() -> Any:
            try:
                return job()
            except GreenroomError as exc:
                return _Failed(str(exc))

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                (on_failed or self._say_problem)(result.message)
            else:
                on_done(result)

        self.ctx.tasks.run(guarded, done, write=True, owner=self)

    def _say(self, message: str) -> None:
        set_tone(self.banner, "notice")
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    def _say_problem(self, message: str) -> None:
        self._say(message)
        set_tone(self.banner, "errorText")
