"""The mock interview as a state machine: what happens next, and how much time is left.

Widget-free and clock-injected (DESIGN.md section 2): the practice controller feeds it user actions
and ticks, and it answers with the phase, the time left and the events to act on (start
recording, stop recording, warn). Timers never keep their own count: they ask ``time_left``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from greenroom.core.bank import Question
from greenroom.core.clock import Clock
from greenroom.core.session import Mode

WARNINGS_AT = (30.0, 10.0)  # seconds left when the user is warned


class Phase(StrEnum):
    READY = "ready"  # question shown (and being read aloud); waiting to start prep
    PREP = "prep"  # thinking time counting down
    ANSWERING = "answering"
    REVIEW = "review"  # feedback on the answer just given
    WAITING = "waiting"  # the interviewer is choosing a follow-up from the answer just given
    FINISHED = "finished"


class Event(StrEnum):
    PREP_STARTED = "prep-started"
    ANSWER_STARTED = "answer-started"
    ANSWER_ENDED = "answer-ended"
    TIME_UP = "time-up"
    WARNING = "warning"
    QUESTION_CHANGED = "question-changed"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class ModeRules:
    timed: bool  # prep countdown and answer limit
    auto_start: bool  # recording starts by itself when prep ends
    retakes: bool
    pause: bool
    feedback_each_answer: bool


RULES = {
    Mode.WARM_UP: ModeRules(
        timed=False, auto_start=False, retakes=True, pause=True, feedback_each_answer=True
    ),
    Mode.TIMED: ModeRules(
        timed=True, auto_start=True, retakes=True, pause=True, feedback_each_answer=True
    ),
    Mode.ONE_WAY: ModeRules(
        timed=True, auto_start=True, retakes=False, pause=False, feedback_each_answer=False
    ),
    Mode.DRILL: ModeRules(
        timed=True, auto_start=True, retakes=True, pause=True, feedback_each_answer=True
    ),
}


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    question: Question
    prep_seconds: float
    answer_seconds: float
    question_key: int | None = None
    # A follow-up the interviewer asks after an answer: the saved answer it follows, and why.
    follow_up_of: int | None = None
    follow_up_reason: str | None = None

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_of is not None


@dataclass(slots=True)
class Interview:
    """One run through a list of questions under a mode's rules.

    Drill mode repeats its single question for ``drill_takes`` takes. With ``follow_ups`` (not
    in Drill) each answer may be followed by one follow-up question, which the caller chooses
    from the answer and hands over with ``follow_up``; in modes without feedback the interview
    waits for it (``Phase.WAITING``), as a real interviewer thinks before asking.
    """

    mode: Mode
    questions: list[PlannedQuestion]
    clock: Clock
    drill_takes: int = 3
    follow_ups: bool = False
    index: int = 0
    take: int = 1
    phase: Phase = Phase.READY
    paused: bool = False
    _phase_started: float = 0.0
    _paused_at: float | None = None
    _paused_total: float = 0.0
    _warned: set[float] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("an interview needs at least one question")
        self._enter(Phase.READY)

    @property
    def rules(self) -> ModeRules:
        return RULES[self.mode]

    @property
    def current(self) -> PlannedQuestion:
        return self.questions[self.index]

    @property
    def total(self) -> int:
        """Questions in the run; follow-ups are not counted (they belong to their question)."""
        if self.mode is Mode.DRILL:
            return self.drill_takes
        return sum(not q.is_follow_up for q in self.questions)

    @property
    def number(self) -> int:
        """1-based position shown to the user ("Question 2 of 5", or take 2 of 3 in a drill);
        a follow-up has its question's number."""
        if self.mode is Mode.DRILL:
            return self.take
        return sum(not q.is_follow_up for q in self.questions[: self.index + 1])

    @property
    def wants_follow_up(self) -> bool:
        """Whether the answer being given now may get a follow-up question."""
        return self.follow_ups and self.mode is not Mode.DRILL and not self.current.is_follow_up

    def elapsed(self) -> float:
        """Seconds in the current phase, not counting pauses."""
        now = self._paused_at if self._paused_at is not None else self.clock.monotonic()
        return max(0.0, now - self._phase_started - self._paused_total)

    def time_left(self) -> float | None:
        """Seconds left in prep or answer; None when the phase is untimed."""
        if not self.rules.timed:
            return None
        if self.phase is Phase.PREP:
            return max(0.0, self.current.prep_seconds - self.elapsed())
        if self.phase is Phase.ANSWERING:
            return max(0.0, self.current.answer_seconds - self.elapsed())
        return None

    # User actions -------------------------------------------------------------------------

    def start_prep(self) -> list[Event]:
        self._require(Phase.READY)
        if not self.rules.timed or self.current.prep_seconds <= 0:
            return self.start_answer()
        self._enter(Phase.PREP)
        return [Event.PREP_STARTED]

    def start_answer(self) -> list[Event]:
        """Start answering now (skipping what is left of prep)."""
        self._require(Phase.READY, Phase.PREP)
        self._enter(Phase.ANSWERING)
        return [Event.ANSWER_STARTED]

    def stop_answer(self) -> list[Event]:
        self._require(Phase.ANSWERING)
        return self._end_answer()

    def retake(self) -> list[Event]:
        """Discard nothing (the take is saved), and ask the same question again."""
        if not self.rules.retakes:
            raise InterviewError("this mode allows one take per question")
        self._require(Phase.REVIEW, Phase.ANSWERING)
        self._drop_follow_up()  # the new take gets its own
        self.take += 1
        self._enter(Phase.READY)
        return [Event.QUESTION_CHANGED]

    def follow_up(self, planned: PlannedQuestion | None, *, after: int) -> list[Event]:
        """The follow-up chosen for the answer to question ``after`` (None: no follow-up).

        It becomes the next question. Ignored when the run has moved on from that question
        (the user went to the next one before the follow-up was ready)."""
        if self.index != after or self.phase not in (Phase.WAITING, Phase.REVIEW):
            return []
        if planned is not None:
            self._drop_follow_up()
            self.questions.insert(self.index + 1, planned)
        return self._advance() if self.phase is Phase.WAITING else []

    def skip(self) -> list[Event]:
        self._require(Phase.READY, Phase.PREP, Phase.ANSWERING)
        return self._advance()

    def next(self) -> list[Event]:
        self._require(Phase.REVIEW)
        return self._advance()

    def pause(self) -> None:
        if not self.rules.pause:
            raise InterviewError("a one-way interview cannot be paused, just like the real thing")
        if not self.paused:
            self.paused = True
            self._paused_at = self.clock.monotonic()

    def resume(self) -> None:
        if self.paused and self._paused_at is not None:
            self._paused_total += self.clock.monotonic() - self._paused_at
            self._paused_at = None
            self.paused = False

    def finish_early(self) -> list[Event]:
        self._enter(Phase.FINISHED)
        return [Event.FINISHED]

    # Time ---------------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Called by a timer: what the passing of time caused since the last tick."""
        left = self.time_left()
        if self.paused or left is None:
            return []
        if self.phase is Phase.PREP and left <= 0:
            if self.rules.auto_start:
                self._enter(Phase.ANSWERING)
                return [Event.ANSWER_STARTED]
            return []
        if self.phase is Phase.ANSWERING:
            if left <= 0:
                return [Event.TIME_UP, *self._end_answer()]
            for mark in WARNINGS_AT:
                if left <= mark and mark not in self._warned and self.current.answer_seconds > mark:
                    self._warned.add(mark)
                    return [Event.WARNING]
        return []

    # Internals ----------------------------------------------------------------------------

    def _end_answer(self) -> list[Event]:
        if self.rules.feedback_each_answer:
            self._enter(Phase.REVIEW)
            return [Event.ANSWER_ENDED]
        if self.wants_follow_up:
            self._enter(Phase.WAITING)
            return [Event.ANSWER_ENDED]
        return [Event.ANSWER_ENDED, *self._advance()]

    def _drop_follow_up(self) -> None:
        following = self.index + 1
        if following < len(self.questions) and self.questions[following].is_follow_up:
            del self.questions[following]

    def _advance(self) -> list[Event]:
        if self.mode is Mode.DRILL:
            if self.take >= self.drill_takes:
                return self.finish_early()
            self.take += 1
        elif self.index + 1 >= len(self.questions):
            return self.finish_early()
        else:
            self.index += 1
            self.take = 1
        self._enter(Phase.READY)
        return [Event.QUESTION_CHANGED]

    def _enter(self, phase: Phase) -> None:
        self.phase = phase
        self._phase_started = self.clock.monotonic()
        self._paused_total = 0.0
        if self._paused_at is not None:
            self._paused_at = self._phase_started
        self._warned = set()

    def _require(self, *phases: Phase) -> None:
        if self.phase not in phases:
            raise InterviewError(f"cannot do that while {self.phase.value}")


class InterviewError(Exception):
    """An action the current phase or mode does not allow (a bug in the caller, or a race)."""
