"""During a question: the question, a large clear timer, the level meter and live transcript.

One focus (docs/design.md): the question card and the time; the words you say appear below;
one primary action (Start answering / Stop) and the rest quieter.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.interview import Phase
from greenroom.ui import widgets
from greenroom.ui.practice.controller import QuestionState

PHASE_TEXT = {
    Phase.READY: "Listen to the question",
    Phase.PREP: "Think about your answer",
    Phase.ANSWERING: "Answering",
    Phase.REVIEW: "Answer recorded",
    Phase.WAITING: "The interviewer is thinking of a follow-up…",
    Phase.FINISHED: "All questions done",
}


READY_AFTER_READING = "Start when you are ready"
# Shown from Start until the microphone delivers audio (then PHASE_TEXT's "Answering").
OPENING_MICROPHONE = "Starting the microphone… speak when this says Answering"


def clock_text(seconds: float) -> str:
    """m:ss, rounded up, so a countdown shows 0:01 until time is really up."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def end_session_button() -> QPushButton:
    """The "End session (Esc)" button of the question screen and of the feedback screen."""
    return widgets.button(
        "End session (Esc)",
        role="quiet",
        icon="end",
        description="End the run now; finished answers are kept",
    )


class QuestionView(QWidget):
    typed_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setObjectName("hint")
        self.question = QLabel()
        self.question.setObjectName("questionText")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tip = QLabel()
        self.tip.setObjectName("hint")
        self.tip.setWordWrap(True)
        self.phase = QLabel()
        self._listening = False  # the microphone has delivered audio for this answer
        self.timer = QLabel("0:00")
        self.timer.setObjectName("bigTimer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer.setAccessibleName("Time")
        self.timer.setAccessibleDescription(
            "Time left in prep or the answer; time taken in Warm-up"
        )
        self.banner = QLabel()
        self.banner.setObjectName("notice")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.paused = QLabel("Paused: the clock is stopped. Resume when you are ready (Ctrl+P).")
        self.paused.setObjectName("paused")
        self.paused.setWordWrap(True)
        self.paused.hide()
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setMaximumHeight(10)
        self.level.setAccessibleName("Microphone level")
        self.level.setAccessibleDescription("How loud the microphone hears you right now")
        self.live = QPlainTextEdit()
        self.live.setReadOnly(True)
        self.live.setPlaceholderText("Your words appear here as you speak.")
        self.live.setAccessibleName("Live transcript")
        self.live.setAccessibleDescription("The words heard so far in this answer")
        self.typed = QPlainTextEdit()
        self.typed.setPlaceholderText(
            "No microphone: type your answer here, then press Submit (Ctrl+Enter)."
        )
        self.typed.setAccessibleName("Your typed answer")
        self.typed.setAccessibleDescription("Type your answer, then Submit with Ctrl+Enter")
        self.typed.hide()
        self.submit = widgets.button(
            "Submit answer (Ctrl+Enter)", role="primary", description="Submit the typed answer"
        )
        self.submit.hide()
        self.submit.clicked.connect(lambda: self.typed_submitted.emit(self.typed.toPlainText()))
        self.primary = widgets.button(
            "Start answering (Space)",
            role="primary",
            icon="mic",
            description="Start your answer now; press Space again to stop",
        )
        self.skip = widgets.button(
            "Skip (Ctrl+S)", icon="skip", description="Skip this question and go to the next"
        )
        self.retake = widgets.button(
            "Retake (Ctrl+R)", icon="retake", description="Drop this take and answer again"
        )
        self.pause = widgets.button(
            "Pause (Ctrl+P)", icon="pause", description="Stop the clock between answers"
        )
        self.leave = end_session_button()
        actions = widgets.FlowRow()  # wraps in a narrow window rather than widening it
        for b in (self.primary, self.skip, self.retake, self.pause):
            actions.addWidget(b)
        buttons = QHBoxLayout()
        buttons.addLayout(actions, 1)
        buttons.addWidget(self.leave)
        card = widgets.Card()
        card.body.addWidget(self.header)
        card.body.addWidget(self.question)
        card.body.addWidget(self.tip)
        layout = QVBoxLayout(self)
        layout.addWidget(card)
        layout.addWidget(self.banner)
        layout.addWidget(self.paused)
        row = QHBoxLayout()
        row.addWidget(self.phase, 1)
        row.addWidget(self.timer)
        layout.addLayout(row)
        layout.addWidget(self.level)
        layout.addWidget(self.live, 1)
        layout.addWidget(self.typed, 1)
        layout.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(buttons)

    def show_question(
        self, state: QuestionState, *, retakes: bool, pause: bool, show_tip: bool
    ) -> None:
        q = state.planned.question
        take = f" · take {state.take}" if state.take > 1 else ""
        where = f"Question {state.number} of {state.total}"
        if state.planned.is_follow_up:
            where = f"Follow-up to question {state.number} of {state.total}"
        self.header.setText(f"{where} · {state.mode_label}{take}")
        self.question.setText(q.text)
        self.tip.setText(f"Tip: {q.tips}" if show_tip and q.tips else "")
        self.tip.setVisible(bool(show_tip and q.tips))
        self.live.clear()
        self.typed.clear()
        self.level.setValue(0)
        self.banner.hide()
        self.retake.setVisible(retakes)
        self.pause.setVisible(pause)
        self.timer.setText(clock_text(state.planned.prep_seconds))

    def show_listening(self) -> None:
        """The microphone delivers audio: the answer is being recorded from now on."""
        self._listening = True
        if self.phase.text() == OPENING_MICROPHONE:
            self.phase.setText(PHASE_TEXT[Phase.ANSWERING])

    def show_phase(self, phase: Phase, *, typing: bool, reading: bool = False) -> None:
        # Untimed runs wait in READY after the reading: say what to do then.
        text = READY_AFTER_READING if phase is Phase.READY and not reading else None
        answering = phase is Phase.ANSWERING
        if not answering:
            self._listening = False  # the next answer opens the microphone again
        elif not typing and not self._listening:
            text = OPENING_MICROPHONE
        self.phase.setText(text or PHASE_TEXT.get(phase, ""))
        self.primary.setText("Stop (Space)" if answering else "Start answering (Space)")
        widgets.set_icon(self.primary, "stop" if answering else "mic", "on_primary")
        was_enabled = self.primary.isEnabled()
        self.primary.setEnabled(phase in (Phase.READY, Phase.PREP) or (answering and not typing))
        if self.primary.isEnabled() and not was_enabled and self.isVisible():
            # Disabled while the question was read, it could not take the focus when the
            # question came up: the focus had gone to "Retake", whose ring then marked it as
            # the button to press.
            self.primary.setFocus()
        self.skip.setEnabled(phase in (Phase.READY, Phase.PREP, Phase.ANSWERING))
        self.pause.setEnabled(not answering)  # pause between answers; Stop ends an answer
        self.typed.setVisible(typing and answering)
        self.submit.setVisible(typing and answering)
        self.live.setVisible(not (typing and answering))
        self.level.setVisible(not typing)
        if typing and answering:
            self.typed.setFocus()

    def show_time(self, left: float | None, elapsed: float) -> None:
        self.timer.setText(clock_text(left if left is not None else elapsed))
        warn = left is not None and left <= 10
        if bool(self.timer.property("warn")) != warn:  # re-polish only when it changes
            self.timer.setProperty("warn", warn)
            self.timer.style().unpolish(self.timer)
            self.timer.style().polish(self.timer)

    def show_paused(self, paused: bool) -> None:
        self.paused.setVisible(paused)
        self.pause.setText("Resume (Ctrl+P)" if paused else "Pause (Ctrl+P)")
        widgets.set_icon(self.pause, "play" if paused else "pause")

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
