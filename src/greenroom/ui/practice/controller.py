"""Runs one practice session: the interview state machine, voice, recorder and the database.

Widget-free (DESIGN.md section 2): the page calls the actions and shows what the signals say.
The timer only asks the state machine what time it is; tests drive ``tick`` with a fake clock.
Every answer is committed as soon as it is complete.

Which question an answer belongs to is fixed when the answer *starts* (an ``AnswerContext``)
and travels with the recording, because answers finish later and in any order: in a one-way
interview the next question is already on screen while the last answer is transcribed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from greenroom.core.clock import Clock
from greenroom.core.errors import GreenroomError
from greenroom.core.interview import Event, Interview, Phase, PlannedQuestion
from greenroom.core.session import Answer, AnswerKind, PracticeSession
from greenroom.core.transcript import Transcript, Word
from greenroom.services.answer_analysis import warm_up
from greenroom.store import sessions_repo
from greenroom.ui.context import AppContext
from greenroom.ui.practice.analysis_jobs import analyze, summarize
from greenroom.ui.practice.follow_ups import follow_up_question
from greenroom.ui.practice.plan import SessionPlan
from greenroom.ui.practice.recorder import AnswerRecorder, RecordedAnswer
from greenroom.ui.practice.results import AnswerReview, SessionResult
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import SpeechModel

log = logging.getLogger(__name__)
TICK_MS = 100


@dataclass(frozen=True, slots=True, eq=False)
class AnswerContext:
    """One answer's identity, taken when it starts: the session, question and take it is for."""

    session_id: int
    planned: PlannedQuestion
    index: int
    take: int
    started_at: datetime
    answer_limit: float | None


@dataclass(frozen=True, slots=True)
class QuestionState:
    planned: PlannedQuestion
    number: int
    total: int
    take: int
    mode_label: str


class PracticeController(QObject):
    question_shown = Signal(object)  # QuestionState
    phase_changed = Signal(str)  # Phase value
    time_changed = Signal(object, float)  # seconds left (None when untimed), seconds elapsed
    warned = Signal(str)
    answer_processing = Signal(bool)
    answer_reviewed = Signal(object)  # AnswerReview
    questions_done = Signal()  # ask nerves again, then finish()
    session_finished = Signal(object)  # SessionResult
    typing_required = Signal(str)  # no microphone or no engine: type this answer
    notice = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        *,
        clock: Clock,
        recorder: AnswerRecorder,
        voice: QuestionVoice,
        model: SpeechModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._clock, self._recorder, self._voice, self._model = (
            ctx,
            clock,
            recorder,
            voice,
            model,
        )
        self.interview: Interview | None = None
        self.plan: SessionPlan | None = None
        self.session: PracticeSession | None = None
        self.reviews: list[AnswerReview] = []
        self._typing = False
        self._finishing = False  # finish() was called: the summary is being made
        self._ended_early = False  # the user ended the run part-way, with answers to keep
        self._finish_when_saved: tuple[int | None, int | None] | None = None  # finish()'s
        self._speaking = False  # the current question is being read aloud
        self._current: AnswerContext | None = None  # the answer being given
        self._expected: set[AnswerContext] = set()  # ended, waiting for their recording
        self._analyses = 0  # answers being analysed and saved
        self._follow_ups_asked: list[str] = []  # this run's, so the bank's are not repeated
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        voice.finished.connect(self._on_voice_finished)
        voice.unavailable.connect(self.notice)
        recorder.answer_ready.connect(self._on_recorder_answer_ready)
        recorder.unavailable.connect(self._on_recorder_unavailable)
        recorder.interrupted.connect(self._on_recorder_interrupted)

    # Session -------------------------------------------------------------------------------

    def begin(self, plan: SessionPlan, *, nerves_before: int | None) -> None:
        self.plan, self.reviews = plan, []
        self._typing = self._speaking = self._finishing = self._ended_early = False
        self._current, self._expected, self._analyses = None, set(), 0
        self._finish_when_saved = None
        self._follow_ups_asked = []
        self.interview = Interview(
            plan.mode,
            list(plan.questions),
            self._clock,
            drill_takes=plan.choices.drill_takes,
            follow_ups=plan.choices.follow_ups,
        )
        c = plan.choices
        settings = {
            "categories": list(c.categories),
            "difficulties": list(c.difficulties),
            "order": c.order,
            "count": len(plan.questions),
            "prep_seconds": c.prep_seconds,
            "answer_seconds": c.answer_seconds,
            "job_description": c.job_description or None,
            "speak_questions": c.speak_questions,
            "engine": self._model.engine.name if self._model.engine else None,
            "follow_ups": c.follow_ups,
        }
        draft = PracticeSession(
            None,
            self._clock.now(),
            plan.mode,
            settings=settings,
            bank_ids=c.bank_ids,
            nerves_before=nerves_before,
        )
        # Synchronous on purpose: one small insert, and every answer needs the session id.
        self.session = sessions_repo.create_session(self._ctx.engine, draft)
        # Asked at start-up as a rule; again here in case that warm-up failed (a no-op once it
        # has run; one still running is waited for on its worker thread).
        self.load_feedback_models()
        self._timer.start()
        self._show_question()

    def load_feedback_models(self) -> None:
        """Load the meaning model, the questions it compares with and the pitch tracker on a
        worker thread (about 1.6 s of CPU here; once per process, later calls cost nothing).

        Not loaded, the first answer's feedback waited for them: 5.7 s after Stop instead of
        1.4 s. Loaded as the session began, or as the speech model became ready, their imports
        overlapped an answer started at once and stalled the GUI thread 57-74 ms
        (docs/benchmarks.md); the page asks for them as the speech model starts loading. Side
        by side the two loads end about 0.5 s sooner, the speech model about 0.3 s later.
        """
        self._ctx.tasks.run(warm_up, on_error=lambda exc: log.warning("warm-up failed: %s", exc))

    @property
    def reading(self) -> bool:
        """The current question is being read aloud."""
        return self._speaking

    @property
    def in_progress(self) -> bool:
        """A run has begun and not been finished or ended (quitting now would interrupt it)."""
        return self.session is not None and not self._finishing

    def finish(self, *, nerves_after: int | None, confidence: int | None) -> None:
        """Close the session with the after-session self-reports and produce the summary (once
        the answers still being saved are saved, after a run ended early)."""
        assert self.session is not None and self.session.id is not None
        self._finishing = True
        self._timer.stop()
        if self._outstanding():
            self._finish_when_saved = (nerves_after, confidence)
            return
        session_id, ended = self.session.id, self._clock.now()
        reviews = sorted(self.reviews, key=lambda r: (r.position, r.take))
        engine = self._ctx.engine
        self._ctx.tasks.run(
            lambda: summarize(
                engine,
                session_id,
                reviews,
                ended,
                nerves_after,
                confidence,
                self.session.nerves_before if self.session else None,
                ended_early=self._ended_early,
            ),
            self._on_summary_ready,
            write=True,
        )

    def end_early(self) -> bool:
        """The user ends the run part-way ("End session"). The answer being given is dropped,
        as the question asking to end says. With answers saved or being saved, the run goes on
        to the nerves ratings and its summary, marked as ended early (the coach steps back a
        rung after it, as after any run left part-way): True. With none, it is abandoned."""
        if self.interview is None or self.session is None:
            return False
        if not self.reviews and not self._outstanding():
            self.abandon()
            return False
        self._drop_answer_in_progress()
        self._ended_early = True
        self._handle(self.interview.finish_early())
        # The ratings now, whatever is still being saved: the summary waits for it (finish()).
        self.questions_done.emit()
        return True

    def abandon(self) -> None:
        """Leave mid-session: completed answers stay saved and the session shows as interrupted."""
        self._timer.stop()
        self._drop_answer_in_progress()
        if self.session is not None and self.session.id is not None:
            sid, engine = self.session.id, self._ctx.engine
            self._ctx.tasks.run(
                lambda: sessions_repo.mark_interrupted_session(engine, sid), write=True
            )
        self.session = self.interview = None
        self._expected = set()

    def _drop_answer_in_progress(self) -> None:
        """Stop reading aloud and drop the answer being recorded; finished ones are saved."""
        self._stop_voice()
        self._recorder.cancel()
        self._current = None

    # User actions --------------------------------------------------------------------------

    def primary_action(self) -> None:
        """Space: start answering when waiting, stop when answering."""
        if self.interview is None:
            return
        if self.interview.phase in (Phase.READY, Phase.PREP):
            self._stop_voice()
            self._handle(self.interview.start_answer())
        elif self.interview.phase is Phase.ANSWERING and not self._typing:
            self._handle(self.interview.stop_answer())

    def submit_typed(self, text: str) -> None:
        if self.interview is None or self.interview.phase is not Phase.ANSWERING:
            return
        duration = self.interview.elapsed()
        words = tuple(Word(w, 0.0, 0.0) for w in text.split())
        typed = Transcript(words=words, duration=duration, engine="typed")
        self._handle(self.interview.stop_answer(), typed=typed)

    def skip(self) -> None:
        if self.interview is not None and self.interview.phase in (
            Phase.READY,
            Phase.PREP,
            Phase.ANSWERING,
        ):
            self._stop_voice()
            self._recorder.cancel()
            self._current = None
            self._handle(self.interview.skip())

    def retake(self) -> None:
        if (
            self.interview is not None
            and self.interview.rules.retakes
            and self.interview.phase in (Phase.REVIEW, Phase.ANSWERING)
        ):
            self._recorder.cancel()
            self._current = None
            self._handle(self.interview.retake())

    def next_question(self) -> None:
        if self.interview is not None and self.interview.phase is Phase.REVIEW:
            self._handle(self.interview.next())

    def toggle_pause(self) -> bool:
        """Pause between answers (not while recording, not in one-way mode); returns paused."""
        if (
            self.interview is None
            or not self.interview.rules.pause
            or self.interview.phase is Phase.ANSWERING
        ):
            return False
        if self.interview.paused:
            self.interview.resume()
        else:
            self._stop_voice()
            self.interview.pause()
        return self.interview.paused

    def rate_answer(self, review: AnswerReview, rating: int) -> None:
        if review.answer_id is None:
            return
        aid, engine = review.answer_id, self._ctx.engine
        self._ctx.tasks.run(
            lambda: sessions_repo.update_answer(engine, aid, self_rating=rating), write=True
        )

    def tick(self) -> None:
        if self.interview is None:
            return
        events = self.interview.tick()
        self.time_changed.emit(self.interview.time_left(), self.interview.elapsed())
        self._handle(events)

    # Internals -----------------------------------------------------------------------------

    def _handle(self, events: list[Event], *, typed: Transcript | None = None) -> None:
        interview = self.interview
        if interview is None:
            return
        for event in events:
            if event is Event.ANSWER_STARTED:
                self._start_recording()
            elif event is Event.ANSWER_ENDED:
                self._end_answer(typed)
            elif event is Event.WARNING:
                left = interview.time_left() or 0
                self.warned.emit(f"{round(left)} seconds left")
            elif event is Event.TIME_UP:
                self.warned.emit("Time is up")
            elif event is Event.QUESTION_CHANGED:
                self._show_question()
            elif event is Event.FINISHED:
                self._maybe_done()
        self.phase_changed.emit(interview.phase.value)

    def _show_question(self) -> None:
        assert self.interview is not None and self.plan is not None
        iv = self.interview
        self.question_shown.emit(
            QuestionState(iv.current, iv.number, iv.total, iv.take, iv.mode.value)
        )
        # Set before the phase is shown: the view says "Listen" only while the question is read.
        self._speaking = self.plan.choices.speak_questions and iv.take == 1
        self.phase_changed.emit(iv.phase.value)
        if self._speaking:
            self._voice.speak(iv.current.question.text)
        else:
            self._start_prep_if_timed()

    def _stop_voice(self) -> None:
        """Stop reading aloud because the user moved on: prep must not start by itself."""
        self._speaking = False
        self._voice.stop()

    def _on_voice_finished(self) -> None:
        # Only the end of the question being read counts; a "finished" for a question the user
        # already moved on from (skipped, answered) must not start anything.
        if self._speaking:
            self._speaking = False
            self._start_prep_if_timed()
            iv = self.interview
            if iv is not None and iv.phase is Phase.READY:  # untimed: the user starts now
                self.phase_changed.emit(iv.phase.value)

    def _start_prep_if_timed(self) -> None:
        iv = self.interview
        if iv is not None and iv.phase is Phase.READY and iv.rules.timed and not iv.paused:
            self._handle(iv.start_prep())

    def _start_recording(self) -> None:
        assert self.session is not None and self.session.id is not None
        assert self.interview is not None
        iv = self.interview
        context = AnswerContext(
            self.session.id,
            iv.current,
            iv.index,
            iv.take,
            self._clock.now(),
            iv.current.answer_seconds if iv.rules.timed else None,
        )
        self._current = context
        engine = self._model.engine
        if self._typing or engine is None:
            self._typing = True
            self.typing_required.emit(self._model.message if engine is None else "")
            return
        self._recorder.start(
            engine,
            audio_path=self._audio_path(context),
            device_id=self._ctx.settings.current.input_device.encode(),
            context=context,
        )

    def _audio_path(self, context: AnswerContext) -> Path:
        month = context.started_at.strftime("%Y-%m")
        name = f"s{context.session_id}-q{context.index + 1}-t{context.take}.flac"
        return self._ctx.paths.audio / month / name

    def _end_answer(self, typed: Transcript | None) -> None:
        assert self.interview is not None
        context, self._current = self._current, None
        if context is None:
            log.warning("an answer ended that never started")
            return
        if typed is not None or self._typing:
            transcript = typed or Transcript(duration=self.interview.elapsed(), engine="typed")
            self._process(RecordedAnswer(transcript, None, context=context), context, typed=True)
            return
        self._expected.add(context)
        self._announce_busy()
        self._recorder.stop()

    def _on_recorder_answer_ready(self, recorded: RecordedAnswer) -> None:
        context = recorded.context
        if not isinstance(context, AnswerContext):
            return
        self._expected.discard(context)
        if recorded.note and self._is_current_session(context):
            self.notice.emit(recorded.note)
        self._process(recorded, context, typed=False)

    def _on_recorder_interrupted(self, _message: str) -> None:
        # The note reaches the user with the answer; later answers fall back to typing if no
        # other microphone is found.
        if self.interview is not None and self.interview.phase is Phase.ANSWERING:
            self._handle(self.interview.stop_answer())

    def _on_recorder_unavailable(self, message: str) -> None:
        self._typing = True
        self.typing_required.emit(message)

    def _process(self, recorded: RecordedAnswer, context: AnswerContext, *, typed: bool) -> None:
        """Analyse and save one answer, for the session it was given in (which may have been
        ended since: a finished answer is saved all the same)."""
        audio = (
            str(recorded.audio_path.relative_to(self._ctx.paths.data))
            if recorded.audio_path
            else None
        )
        planned = context.planned
        draft = Answer(
            None,
            context.session_id,
            planned.question_key,
            planned.question.text,
            context.index,
            kind=AnswerKind.TYPED if typed else AnswerKind.SPOKEN,
            started_at=context.started_at,
            answer_limit_seconds=context.answer_limit,
            audio_path=audio,
            take=context.take,
            follow_up_of=planned.follow_up_of,
            follow_up_reason=planned.follow_up_reason,
        )
        engine = self._ctx.engine
        job = (self.plan.choices.job_description or None) if self.plan else None
        self._analyses += 1
        self._announce_busy()
        self._ctx.tasks.run(
            lambda: analyze(engine, draft, recorded, planned.question, job=job, typed=typed),
            lambda review: self._on_answer_analyzed(review, context),
            on_error=lambda exc: self._on_answer_failed(exc, context),
            write=True,
            owner=self,
        )

    def _on_answer_analyzed(self, review: AnswerReview, context: AnswerContext) -> None:
        self._analyses -= 1
        self._announce_busy()
        if not self._is_current_session(context):
            return  # saved; the session it belongs to was ended meanwhile
        self.reviews.append(review)
        self._ask_follow_up(review, context)
        iv = self.interview
        if iv is not None and iv.rules.feedback_each_answer and not self._ended_early:
            self.answer_reviewed.emit(review)
        self._maybe_done()

    def _ask_follow_up(self, review: AnswerReview | None, context: AnswerContext) -> None:
        """Choose the follow-up to the answer just analysed (None after a failed analysis) and
        hand it to the interview, which asks it next."""
        iv = self.interview
        if iv is None or context.planned.is_follow_up or not iv.follow_ups or self._ended_early:
            return
        if iv.index != context.index or iv.take != context.take:
            return  # the user has moved on (or retaken) since this answer
        planned = follow_up_question(context.planned, review, asked=self._follow_ups_asked)
        if planned is not None:
            self._follow_ups_asked.append(planned.question.text)
        self._handle(iv.follow_up(planned, after=context.index))

    def _on_answer_failed(self, exc: BaseException, context: AnswerContext) -> None:
        """A bug while analysing or saving one answer: say so once and let the session go on."""
        self._analyses -= 1
        self._announce_busy()
        log.error("answer %d could not be analysed", context.index + 1, exc_info=exc)
        if self._is_current_session(context):
            detail = str(exc) if isinstance(exc, GreenroomError) else "see the log for details"
            self.notice.emit(f"Answer {context.index + 1} could not be analysed ({detail}).")
            self._ask_follow_up(None, context)  # a run waiting for a follow-up goes on
            if self.interview is not None and self.interview.phase is Phase.REVIEW:
                self._handle(self.interview.next())
            self._maybe_done()

    def _is_current_session(self, context: AnswerContext) -> bool:
        return self.session is not None and self.session.id == context.session_id

    def _outstanding(self) -> int:
        return len(self._expected) + self._analyses

    def _announce_busy(self) -> None:
        self.answer_processing.emit(self._outstanding() > 0)

    def _maybe_done(self) -> None:
        if (
            self.interview is not None
            and self.interview.phase is Phase.FINISHED
            and self._outstanding() == 0
        ):
            self._timer.stop()
            if self._finish_when_saved is not None:  # rated while the last answer was saved
                nerves_after, confidence = self._finish_when_saved
                self._finish_when_saved = None
                self.finish(nerves_after=nerves_after, confidence=confidence)
            elif not (self._finishing or self._ended_early):  # end_early() asked already
                self.questions_done.emit()

    def _on_summary_ready(self, result: SessionResult) -> None:
        self.session_finished.emit(result)
