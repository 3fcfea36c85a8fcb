"""One session: its self-reports and notes, its answers, export, report and delete."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.stress import stress_moments
from greenroom.core.session import Answer, PracticeSession, SessionStatus
from greenroom.services.history_export import write_export
from greenroom.store import history_repo, sessions_repo
from greenroom.ui.context import AppContext
from greenroom.ui.history.answer_view import AnswerView, metrics_of
from greenroom.ui.history.audio_files import delete_audio_files
from greenroom.ui.history.compare_view import CompareDialog
from greenroom.ui.history.report_pdf import write_session_pdf


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def same_question(a: Answer, b: Answer) -> bool:
    if a.question_key is not None or b.question_key is not None:
        return a.question_key == b.question_key
    return a.question_text == b.question_text


class SessionDetailView(QWidget):
    """Emits ``back_requested`` and ``session_deleted(id)``; ``changed`` after an edit."""

    back_requested = Signal()
    session_deleted = Signal(int)
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.session: PracticeSession | None = None
        self.back = QPushButton("← All sessions")
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes on this session…")
        self.notes.setMaximumHeight(70)
        self.save_notes = QPushButton("Save notes")
        self.answers = QListWidget()
        self.answer_view = AnswerView()
        self.export_csv = QPushButton("Export CSV…")
        self.export_json = QPushButton("Export JSON…")
        self.export_pdf = QPushButton("PDF report…")
        self.delete = QPushButton("Delete session…")
        self._build()
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
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        for b in (self.export_csv, self.export_json, self.export_pdf, self.delete):
            top.addWidget(b)
        notes = QHBoxLayout()
        notes.addWidget(self.notes, 1)
        notes.addWidget(self.save_notes)
        split = QSplitter()
        split.addWidget(self.answers)
        split.addWidget(self.answer_view)
        split.setStretchFactor(1, 4)
        split.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(notes)
        layout.addWidget(split, 1)

    # --- loading -------------------------------------------------------------------------
    def load(self, session_id: int) -> None:
        engine = self._ctx.engine
        self._ctx.tasks.run(
            lambda: sessions_repo.get_session(engine, session_id), self.show_session
        )

    def show_session(self, session: PracticeSession) -> None:
        self.session = session
        when = session.started_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        self.title.setText(f"{when} · {session.mode.value}")
        interrupted = session.status == SessionStatus.INTERRUPTED
        self.summary.setText(
            ("⚠ Interrupted before the end. " if interrupted else "")
            + f"Banks: {', '.join(session.bank_ids) or '–'} · {len(session.answers)} answers · "
            f"nerves {_num(session.nerves_before)} → {_num(session.nerves_after)} · "
            f"confidence {_num(session.confidence_after)} · delivery index "
            f"{_num(_mean([a.delivery_index for a in session.answers if not a.no_answer]))}"
        )
        self.notes.setPlainText(session.notes)
        self.answers.clear()
        for a in session.answers:
            label = f"{a.position + 1}. {a.question_text}"
            label += f" (take {a.take})" if a.take > 1 else ""
            label += " · no answer" if a.no_answer else ""
            item = QListWidgetItem(label)
            item.setToolTip(a.question_text)
            self.answers.addItem(item)
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
            lambda _: self.changed.emit(),
            write=True,
            owner=self,
        )

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
        answer = QMessageBox.question(
            self,
            "Delete session",
            "Delete this session, its answers and their recordings? This cannot be undone.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _suggested(self, suffix: str) -> str:
        assert self.session is not None
        day = self.session.started_at.astimezone().strftime("%Y-%m-%d")
        return str(Path.home() / f"greenroom-session-{day}-{self.session.id}.{suffix}")

    def _export(self, fmt: str) -> None:
        if self.session is None:
            return
        path = self.ask_save_path(f"Export session as {fmt.upper()}", self._suggested(fmt), "")
        if path is not None:
            session = self.session
            self._ctx.tasks.run(lambda: write_export(path, [session], fmt=fmt))

    def _on_export_pdf_clicked(self) -> None:
        if self.session is None:
            return
        path = self.ask_save_path("Save session report", self._suggested("pdf"), "PDF (*.pdf)")
        if path is not None:
            write_session_pdf(self.session, path)  # QPdfWriter paints: GUI thread

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


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
