"""The Practice screen: set-up -> nerves -> questions -> feedback -> nerves -> summary."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis.coach import Recommendation
from greenroom.core.bank import Question
from greenroom.core.clock import Clock
from greenroom.core.interview import Phase
from greenroom.services import coach
from greenroom.store import banks_repo
from greenroom.store.banks_repo import BankListing
from greenroom.ui.context import AppContext
from greenroom.ui.practice.controller import PracticeController, QuestionState
from greenroom.ui.practice.nerves_view import NervesView
from greenroom.ui.practice.plan import Order, SessionPlan, SetupChoices, build_plan, plan_from_keys
from greenroom.ui.practice.question_view import QuestionView
from greenroom.ui.practice.recorder import AnswerRecorder, MicrophoneLike
from greenroom.ui.practice.results import AnswerReview, SessionResult
from greenroom.ui.practice.review_view import ReviewView
from greenroom.ui.practice.setup_view import SetupView
from greenroom.ui.practice.summary_view import SummaryView
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import ModelState, SpeechModel


@dataclass(frozen=True, slots=True)
class PracticeServices:
    """The physical parts, real in the app and fakes in tests."""

    microphone: MicrophoneLike
    voice: QuestionVoice
    model: SpeechModel
    clock: Clock


def load_plan(ctx: AppContext, choices: SetupChoices) -> SessionPlan:
    """Runs off the GUI thread: read the chosen banks and pick the questions (or take the
    coach's)."""
    if choices.question_keys:
        found = banks_repo.questions_by_key(ctx.engine, list(choices.question_keys))
        return plan_from_keys(choices, found)
    banks = [banks_repo.get_bank(ctx.engine, bid) for bid in choices.bank_ids]
    keys = {
        (b.id, qid): key
        for b in banks
        for qid, key in banks_repo.question_keys(ctx.engine, b.id).items()
    }
    struggled = None
    if choices.order == Order.STRUGGLED:
        from greenroom.store.practice_queue import struggled_questions

        struggled = struggled_questions(
            ctx.engine, limit=500, bank_ids=choices.bank_ids, categories=choices.categories or None
        )
    return build_plan(choices, banks, keys, struggled=struggled)


def load_coach(ctx: AppContext) -> tuple[Recommendation, dict[int, Question]]:
    """Runs off the GUI thread: the coach's next run and its questions by key."""
    recommendation = coach.recommend_next(ctx.engine)
    return recommendation, banks_repo.questions_by_key(
        ctx.engine, list(recommendation.question_keys)
    )


def _takes_text(widget: QWidget) -> bool:
    """A field where Space types (the typed answer, a spin box), not starts or stops."""
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


class PracticePage(QWidget):
    def __init__(
        self, ctx: AppContext, services: PracticeServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = services
        self.recorder = AnswerRecorder(services.microphone, ctx.tasks, self)
        self.controller = PracticeController(
            ctx,
            clock=services.clock,
            recorder=self.recorder,
            voice=services.voice,
            model=services.model,
            parent=self,
        )
        self.model_state = QLabel()
        self.model_state.setObjectName("hint")
        self.setup = SetupView()
        self.nerves_before = NervesView(after=False)
        self.question = QuestionView()
        self.review = ReviewView()
        self.nerves_after = NervesView(after=True)
        self.summary = SummaryView()
        self.stack = QStackedWidget()
        for view in (
            self.setup,
            self.nerves_before,
            self.question,
            self.review,
            self.nerves_after,
            self.summary,
        ):
            self.stack.addWidget(view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.model_state)
        layout.addWidget(self.stack, 1)
        self._plan: SessionPlan | None = None
        self._typing = False
        self._current_review: AnswerReview | None = None
        self._connect()
        self._feedback_models_asked = False
        services.model.state_changed.connect(self._on_model_state_changed)
        self._on_model_state_changed(services.model.state.value, services.model.message)

    def _connect(self) -> None:
        c, q = self.controller, self.question
        self.setup.start_requested.connect(self._on_setup_start_requested)
        self.nerves_before.submitted.connect(self._on_nerves_before_submitted)
        self.nerves_after.submitted.connect(self._on_nerves_after_submitted)
        c.question_shown.connect(self._on_controller_question_shown)
        c.phase_changed.connect(self._on_controller_phase_changed)
        c.time_changed.connect(q.show_time)
        c.warned.connect(q.show_banner)
        c.notice.connect(q.show_banner)
        c.typing_required.connect(self._on_controller_typing_required)
        c.answer_reviewed.connect(self._on_controller_answer_reviewed)
        c.answer_processing.connect(self._on_controller_answer_processing)
        c.questions_done.connect(self._on_controller_questions_done)
        c.session_finished.connect(self._on_controller_session_finished)
        self.recorder.partial_transcript.connect(q.live.setPlainText)
        self.recorder.listening.connect(q.show_listening)
        self.recorder.level_changed.connect(lambda v: q.level.setValue(int(v * 100)))
        q.primary.clicked.connect(c.primary_action)
        q.skip.clicked.connect(c.skip)
        q.retake.clicked.connect(c.retake)
        q.pause.clicked.connect(self._on_question_pause_clicked)
        q.leave.clicked.connect(self._on_leave_clicked)
        q.typed_submitted.connect(c.submit_typed)
        # Space starts and stops answers wherever focus is in the window (a focused "Skip"
        # button, or the screen list after a look at History, must not take it), except in a
        # field that types: an application event filter does that.
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        for key, action in (
            ("Ctrl+Return", lambda: c.submit_typed(q.typed.toPlainText())),
            ("Ctrl+S", c.skip),
            ("Ctrl+R", c.retake),
            ("Ctrl+P", self._on_question_pause_clicked),
            ("Escape", self._on_leave_clicked),
        ):
            QShortcut(QKeySequence(key), q).activated.connect(action)
        self.review.rated.connect(self._on_review_rated)
        self.review.next_requested.connect(c.next_question)
        self.review.retake_requested.connect(c.retake)
        self.review.leave_requested.connect(self._on_leave_clicked)
        self.summary.again_requested.connect(self._on_summary_again_requested)

    # Set-up --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.services.model.load(self.ctx.settings.current)
        if self.stack.currentWidget() is self.setup:
            self.ctx.tasks.run(
                lambda: banks_repo.list_banks(self.ctx.engine), self._on_banks_loaded
            )
            self._load_coach()

    def _load_coach(self) -> None:
        self.ctx.tasks.run(lambda: load_coach(self.ctx), self._on_coach_loaded)

    def _on_banks_loaded(self, banks: list[BankListing]) -> None:
        self.setup.set_banks(banks, selected=self.setup.choices().bank_ids)

    def _on_coach_loaded(self, loaded: tuple[Recommendation, dict[int, Question]]) -> None:
        self.setup.show_recommendation(*loaded)

    def _on_setup_start_requested(self, choices: SetupChoices) -> None:
        self.setup.set_preparing(True)
        self.ctx.tasks.run(
            lambda: load_plan(self.ctx, choices),
            self._on_plan_loaded,
            on_error=self._on_plan_failed,
        )

    def _on_plan_failed(self, exc: BaseException) -> None:
        self.setup.set_preparing(False)  # the user can try again, or choose other banks
        self.ctx.tasks.report(exc)

    def _on_plan_loaded(self, plan: SessionPlan) -> None:
        self.setup.set_preparing(False)
        if not plan.questions:
            self.setup.show_error(
                "No questions match these choices. Choose more banks or fewer filters."
            )
            return
        self._plan = plan
        self.nerves_before.reset()
        self.stack.setCurrentWidget(self.nerves_before)

    def _on_nerves_before_submitted(self, nerves: int | None, _confidence: int | None) -> None:
        assert self._plan is not None
        self._typing = False
        voice = self.services.voice
        s = self.ctx.settings.current
        voice.voice, voice.rate, voice.volume = s.tts_voice, s.tts_rate, s.tts_volume
        self.stack.setCurrentWidget(self.question)
        self.controller.begin(self._plan, nerves_before=nerves)

    # During the session --------------------------------------------------------------------

    def _on_controller_question_shown(self, state: QuestionState) -> None:
        rules = self.controller.interview.rules if self.controller.interview else None
        self.question.show_question(
            state,
            retakes=bool(rules and rules.retakes),
            pause=bool(rules and rules.pause),
            show_tip=self.controller.plan is not None
            and self.controller.plan.mode.value == "warm-up",
        )
        self.question.show_paused(
            bool(self.controller.interview and self.controller.interview.paused)
        )
        self.stack.setCurrentWidget(self.question)
        self.question.primary.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and not event.modifiers()
            and self.question.isVisible()
            and isinstance(watched, QWidget)
            and watched.window() is self.window()  # also the screen list, after coming back
            and not _takes_text(watched)
        ):
            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.controller.primary_action()
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _on_controller_phase_changed(self, phase: str) -> None:
        self.question.show_phase(Phase(phase), typing=self._typing, reading=self.controller.reading)

    def _on_controller_typing_required(self, message: str) -> None:
        self._typing = True
        if message:
            self.question.show_banner(message)
        if self.controller.interview is not None:
            self._on_controller_phase_changed(self.controller.interview.phase.value)

    def _on_controller_answer_processing(self, busy: bool) -> None:
        if busy and self.stack.currentWidget() is self.question:
            self.question.phase.setText("Transcribing your answer…")

    def _on_controller_answer_reviewed(self, review: AnswerReview) -> None:
        iv = self.controller.interview
        last = iv is not None and iv.number >= iv.total
        self._current_review = review
        audio = self.ctx.paths.data / review.audio_path if review.audio_path else None
        self.review.show_review(
            review, retakes=bool(iv and iv.rules.retakes), last=last, audio=audio
        )
        self.stack.setCurrentWidget(self.review)

    def _on_review_rated(self, rating: int) -> None:
        if self._current_review is not None:
            self.controller.rate_answer(self._current_review, rating)

    def _on_question_pause_clicked(self) -> None:
        self.question.show_paused(self.controller.toggle_pause())

    def _on_leave_clicked(self) -> None:
        if not self.confirm_leave():
            return
        if self.controller.end_early():  # answers to keep: it asks for the ratings
            return
        self.stack.setCurrentWidget(self.setup)
        self._load_coach()
        self.refresh()

    def confirm_leave(self) -> bool:
        answer = QMessageBox.question(
            self, "End this session?", "Answers you have finished are saved. End the session now?"
        )
        return answer == QMessageBox.StandardButton.Yes

    # After ---------------------------------------------------------------------------------

    def _on_controller_questions_done(self) -> None:
        self.nerves_after.reset()
        self.stack.setCurrentWidget(self.nerves_after)

    def _on_nerves_after_submitted(self, nerves: int | None, confidence: int | None) -> None:
        self.controller.finish(nerves_after=nerves, confidence=confidence)

    def _on_controller_session_finished(self, result: SessionResult) -> None:
        self.summary.show_result(result)
        self.stack.setCurrentWidget(self.summary)

    def _on_summary_again_requested(self) -> None:
        self.stack.setCurrentWidget(self.setup)
        self._load_coach()
        self.refresh()

    def _on_model_state_changed(self, state: str, message: str) -> None:
        if not self._feedback_models_asked:  # once, beside the first speech model load
            self._feedback_models_asked = True
            self.controller.load_feedback_models()
        # A ready engine needs no words; loading, a failure or a fallback does.
        ready_and_plain = ModelState(state) is ModelState.READY and not self.services.model.note
        self.model_state.setText(message)
        self.model_state.setVisible(bool(message) and not ready_and_plain)
