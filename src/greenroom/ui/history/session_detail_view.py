"""One session: when, which banks and how it felt, your notes, every answer listed in full, and
the selected answer with its feedback; export, report and delete.

The whole detail scrolls as one page: the session's card on top, the answers on the left, the
selected answer on the right, so nothing is squeezed into a box of its own.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.stress import stress_moments
from greenroom.core.session import Answer, PracticeSession, SessionStatus
from greenroom.services.history_export import write_export
from greenroom.store import history_repo, sessions_repo
from greenroom.ui import widgets
from greenroom.ui.context import AppContext
from greenroom.ui.history.answer_list_view import AnswerListView
from greenroom.ui.history.answer_view import AnswerView, metrics_of
from greenroom.ui.history.audio_files import delete_audio_files
from greenroom.ui.history.compare_view import CompareDialog
from greenroom.ui.history.export_notice import count, session_notice
from greenroom.ui.history.history_model import mode_text, when_text
from greenroom.ui.history.report_pdf import write_session_pdf
from greenroom.ui.nerves_picture import NervesPicture

ANSWERS_WIDTH = 300
DELETE_TIP = "Delete this session, its answers and their recordings (asks first)"
RUNNING_DELETE_TIP = "This run is going on now: end it on the Practice screen to delete it."


def same_question(a: Answer, b: Answer) -> bool:
    if a.question_key is not None or b.question_key is not None:
        return a.question_key == b.question_key
    return a.question_text == b.question_text


def session_summary(session: PracticeSession, bank_titles: dict[str, str]) -> str:
    """Which banks, how many answers (and how many had no words), whether it ended early."""
    banks = ", ".join(bank_titles.get(b, b) for b in session.bank_ids) or "No bank"
    answers = count(len(session.answers), "answer")
    silent = sum(1 for a in session.answers if a.no_answer)
    if silent:
        answers += f" ({silent} with no words heard)"
    parts = [banks, answers]
    if session.ended_early:
        parts.append("you ended it part-way")
    elif session.status == SessionStatus.INTERRUPTED:
        parts.append("stopped before the last question")
    if session.status == SessionStatus.IN_PROGRESS:
        parts.append("in progress on the Practice screen")
    return " · ".join(parts)


def self_report_words(session: PracticeSession) -> str:
    confidence = session.confidence_after
    if confidence is None:
        return "Confidence after the run was not rated."
    return f"Confidence after the run: {confidence:.0f} of 100."


class SessionDetailView(QWidget):
    """Emits ``back_requested`` and ``session_deleted(id)``; ``changed`` after an edit."""

    back_requested = Signal()
    session_deleted = Signal(int)
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.session: PracticeSession | None = None
        self.bank_titles: dict[str, str] = {}
        self.back = widgets.button(
            "All sessions", role="quiet", icon="back", description="Back to the list (Esc)"
        )
        self.title = widgets.heading("")
        self.summary = widgets.hint()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setAccessibleName("What was saved")
        self.notice.hide()
        self.nerves = NervesPicture()
        self.self_report = widgets.hint()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What you want to remember from this run…")
        self.notes.setAccessibleName("Your notes on this session")
        self.notes.setAccessibleDescription("Kept with the session when you save them")
        self.notes.setFixedHeight(76)
        self.save_notes = widgets.button(
            "Save notes", icon="note", description="Keep these notes with the session"
        )
        self.answers = AnswerListView()
        self.answer_view = AnswerView()
        self.export_csv = widgets.button(
            "Export CSV…", icon="export", description="Save this session's answers as a CSV file"
        )
        self.export_json = widgets.button(
            "Export JSON…",
            icon="export",
            description="Save this session with all its figures as a JSON file",
        )
        self.export_pdf = widgets.button(
            "PDF report…", icon="download", description="Save a report of this session as a PDF"
        )
        self.delete = widgets.button("Delete session…", role="danger", description=DELETE_TIP)
        widgets.set_icon(self.delete, "delete", "danger")
        self._build()
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_back_clicked)
        self.back.clicked.connect(self._on_back_clicked)
        self.save_notes.clicked.connect(self._on_save_notes_clicked)
        self.answers.currentRowChanged.connect(self._on_answers_current_row_changed)
        self.answer_view.rating_changed.connect(self._on_answer_view_rating_changed)
        self.answer_view.compare_requested.connect(self._on_answer_view_compare_requested)
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_json.clicked.connect(lambda: self._export("json"))
        self.export_pdf.clicked.connect(self._on_export_pdf_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)

    def _build(self) -> None:
        actions = widgets.FlowRow(right=True)  # wraps in a narrow window rather than widening it
        for b in (self.export_csv, self.export_json, self.export_pdf, self.delete):
            actions.addWidget(b)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addLayout(actions, 1)
        header = widgets.Card()
        row = QHBoxLayout()
        row.setSpacing(24)
        felt = QVBoxLayout()
        felt.addWidget(self.nerves)
        felt.addWidget(self.self_report)
        felt.addStretch(1)
        row.addLayout(felt, 3)
        notes = QVBoxLayout()
        notes.addWidget(QLabel("Your notes"))
        notes.addWidget(self.notes)
        notes.addWidget(self.save_notes, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(notes, 2)
        header.body.addLayout(row)
        answers = widgets.Card("Your answers")
        answers.body.addWidget(self.answers)
        answers.setFixedWidth(ANSWERS_WIDTH)
        body = QHBoxLayout()
        body.addWidget(answers, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.answer_view, 1)
        column = QVBoxLayout()
        for w in (self.title, self.summary, self.notice, header):
            column.addWidget(w)
        column.addSpacing(8)
        column.addLayout(body)
        column.addStretch(1)
        content = QWidget()
        content.setLayout(column)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.page_scroll, 1)

    # --- loading -------------------------------------------------------------------------
    def load(self, session_id: int) -> None:
        engine = self._ctx.engine

        def job() -> tuple[PracticeSession, dict[str, str]]:
            titles = dict(history_repo.filter_choices(engine).banks)
            return sessions_repo.get_session(engine, session_id), titles

        self._ctx.tasks.run(job, self._on_session_loaded)

    def _on_session_loaded(self, loaded: tuple[PracticeSession, dict[str, str]]) -> None:
        session, self.bank_titles = loaded
        self.show_session(session)

    def show_session(self, session: PracticeSession) -> None:
        self.session = session
        self.notice.hide()
        self.title.setText(f"{when_text(session.started_at)} · {mode_text(session.mode.value)}")
        self.summary.setText(session_summary(session, self.bank_titles))
        self.nerves.show_nerves(session.nerves_before, session.nerves_after)
        self.self_report.setText(self_report_words(session))
        self.notes.setPlainText(session.notes)
        self.answers.show_answers(session.answers)
        # Deleting the run going on now would lose its next answer (history_repo refuses too).
        running = session.status == SessionStatus.IN_PROGRESS
        self.delete.setEnabled(not running)
        widgets.set_description(self.delete, RUNNING_DELETE_TIP if running else DELETE_TIP)
        self.page_scroll.verticalScrollBar().setValue(0)
        if session.answers:
            self.answers.setCurrentRow(0)

    def _on_answers_current_row_changed(self, row: int) -> None:
        if self.session is None or not 0 <= row < len(self.session.answers):
            return
        answer = self.session.answers[row]
        metrics = metrics_of(answer)
        moments = stress_moments(metrics, answer=row) if metrics and metrics.timed else []
        others = [
            b for b in self.session.answers if b is not answer and same_question(a=answer, b=b)
        ]
        self.answer_view.show_answer(
            answer, audio_root=self._ctx.paths.data, moments=moments, other_takes=len(others)
        )

    # --- edits ---------------------------------------------------------------------------
    def _on_save_notes_clicked(self) -> None:
        if self.session is None or self.session.id is None:
            return
        engine, sid, text = self._ctx.engine, self.session.id, self.notes.toPlainText()
        self._ctx.tasks.run(
            lambda: history_repo.set_notes(engine, sid, text),
            lambda _: self._on_notes_saved(),
            write=True,
            owner=self,
        )

    def _on_notes_saved(self) -> None:
        self.show_notice("Your notes are saved with this session.")
        self.changed.emit()

    def _on_answer_view_rating_changed(self, answer_id: int, rating: int) -> None:
        engine = self._ctx.engine
        value = rating or None
        self._ctx.tasks.run(
            lambda: history_repo.set_self_rating(engine, answer_id, value),
            lambda _: self._on_rating_saved(answer_id, value),
            write=True,
            owner=self,
        )

    def _on_rating_saved(self, answer_id: int, rating: int | None) -> None:
        if self.session is None:
            return
        answers = tuple(
            replace(a, self_rating=rating) if a.id == answer_id else a for a in self.session.answers
        )
        self.session = replace(self.session, answers=answers)

    def _on_answer_view_compare_requested(self, answer_id: int) -> None:
        if self.session is None:
            return
        answer = next(a for a in self.session.answers if a.id == answer_id)
        takes = [a for a in self.session.answers if same_question(answer, a)]
        other = next((a for a in reversed(takes) if a is not answer), None)
        if other is None:
            return
        first, second = sorted((answer, other), key=lambda a: a.take)
        self.compare_dialog = CompareDialog(first, second, self)
        self.compare_dialog.show()

    # --- export and delete ---------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str, pattern: str) -> Path | None:
        """Where to save (tests replace this); None when the user cancels."""
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return Path(name) if name else None

    def confirm_delete(self) -> bool:
        """Ask before deleting (tests replace this)."""
        n = len(self.session.answers) if self.session is not None else 0
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete this session?")
        box.setText(
            f"This deletes the session, its {count(n, 'answer')} and their recordings from "
            "this computer. It cannot be undone."
        )
        delete = box.addButton("Delete session", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _suggested(self, suffix: str) -> str:
        assert self.session is not None
        day = self.session.started_at.astimezone().strftime("%Y-%m-%d")
        return str(Path.home() / f"greenroom-session-{day}-{self.session.id}.{suffix}")

    def _export(self, fmt: str) -> None:
        if self.session is None:
            return
        path = self.ask_save_path(f"Export session as {fmt.upper()}", self._suggested(fmt), "")
        if path is None:
            return
        session = self.session
        answers = len(session.answers)
        self._ctx.tasks.run(
            lambda: write_export(path, [session], fmt=fmt),
            lambda _: self.show_notice(session_notice(answers=answers, fmt=fmt, path=path)),
            owner=self,
        )

    def _on_export_pdf_clicked(self) -> None:
        if self.session is None:
            return
        path = self.ask_save_path("Save session report", self._suggested("pdf"), "PDF (*.pdf)")
        if path is not None:
            write_session_pdf(self.session, path)  # QPdfWriter paints: GUI thread
            answers = len(self.session.answers)
            self.show_notice(session_notice(answers=answers, fmt="pdf", path=path))

    def _on_delete_clicked(self) -> None:
        if self.session is None or self.session.id is None or not self.confirm_delete():
            return
        engine, data, sid = self._ctx.engine, self._ctx.paths.data, self.session.id
        self.answer_view.player.load(None)  # release the file before deleting it

        def job() -> int:
            return delete_audio_files(data, history_repo.delete_session(engine, sid))

        self._ctx.tasks.run(job, lambda _: self._on_deleted(sid), write=True, owner=self)

    def _on_deleted(self, session_id: int) -> None:
        self.session = None
        self.session_deleted.emit(session_id)

    def _on_back_clicked(self) -> None:
        self.answer_view.player.stop()
        self.back_requested.emit()
