"""A user at the keyboard of the real app, in real time.

``run_session`` sets a run up on the Practice screen, then reacts to what the screen shows as a
person would: waits for the question to be read, speaks the clip planned for that question into
the microphone once recording has really started, pauses a moment, presses Space, goes on from
each feedback screen, rates the nerves and waits for the summary. Every step waits on what is
visible (or audible), never on a fixed sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from rig import play_answer

from greenroom.core.interview import Phase
from greenroom.core.session import Mode
from greenroom.ui.practice.practice_page import PracticePage
from support.practice import fill_setup
from support.waiting import pump, wait_until

PAUSE_BEFORE_STOP_S = 0.8  # a speaker pauses a moment before pressing Stop


@dataclass(frozen=True)
class Clip:
    name: str
    path: Path
    reference: str
    seconds: float


@dataclass
class Step:
    """What the user does for one question (or take): answer with a clip, skip it while it is
    read aloud, retake it after answering, or end the session halfway through the answer."""

    action: str  # "answer", "skip", "end"
    clip: Clip | None = None
    retake_after: bool = False  # press "Retake" on the feedback screen instead of Next
    lead_s: float = 0.0  # silence before the first word, once recording has started


@dataclass
class Spoken:
    """A question as it was read aloud: when the voice started and finished."""

    text: str
    started: float
    finished: float | None = None


@dataclass
class Outcome:
    reached_summary: bool
    interrupted: bool
    summary_title: str = ""
    answered: list[tuple[str, int, Clip]] = field(default_factory=list)  # question, take, clip
    spoken: list[Spoken] = field(default_factory=list)
    recording_on_summary: bool = False


def wait_for(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    wait_until(condition, timeout_s, what)


def press(
    page: PracticePage, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where the keyboard focus is, as a person types it."""
    target = QApplication.focusWidget() or page.question
    QTest.keyClick(target, key, modifier)


def set_up(
    page: PracticePage,
    *,
    mode: Mode,
    count: int,
    prep: int | None,
    speak: bool,
    follow_ups: bool = False,
) -> None:
    setup = page.setup
    wait_for(lambda: setup.banks.count() > 0, 30, "the banks on the set-up screen")
    fill_setup(
        setup,
        banks=("acceptance",),
        mode=mode,
        count=count,
        prep=prep,
        speak=speak,
        follow_ups=follow_ups,
    )


def confirm_next_dialog() -> None:
    """Click "Yes" on the next question box that opens (End this session?)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


def run_session(
    page: PracticePage,
    *,
    mode: Mode,
    steps: list[Step],
    prep: int | None,
    speak: bool,
    nerves: tuple[int, int] = (60, 40),
    follow_ups: bool = False,
) -> Outcome:
    """``steps`` are what the user does for each question shown, follow-ups included (with
    ``follow_ups`` each question is followed by one, so half the answers are to follow-ups)."""
    questions = sum(1 for s in steps if not s.retake_after) if mode is not Mode.DRILL else 1
    if follow_ups:
        questions //= 2
    set_up(page, mode=mode, count=questions, prep=prep, speak=speak, follow_ups=follow_ups)
    outcome = Outcome(reached_summary=False, interrupted=False)
    voice = page.services.voice
    mic_started: list[tuple[int, int]] = []  # (question index, take) of each started recording

    def on_voice_started() -> None:
        outcome.spoken.append(Spoken(page.question.question.text(), time.monotonic()))

    def on_voice_finished() -> None:
        if outcome.spoken and outcome.spoken[-1].finished is None:
            outcome.spoken[-1].finished = time.monotonic()

    def on_mic_started(_name: str) -> None:
        mic_started.append(_position(page))

    voice.started.connect(on_voice_started)
    voice.finished.connect(on_voice_finished)
    page.recorder.started.connect(on_mic_started)
    try:
        QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
        wait_for(lambda: page.stack.currentWidget() is page.nerves_before, 20, "the nerves check")
        page.nerves_before.nerves.set_value(nerves[0])
        QTest.mouseClick(page.nerves_before.go, Qt.MouseButton.LeftButton)
        for step in steps:
            if not _do_step(page, step, outcome, mic_started, mode=mode, speak=speak):
                break  # ended early: rated and summed up all the same
        wait_for(
            lambda: page.stack.currentWidget() is page.nerves_after, 60, "the nerves check after"
        )
        page.nerves_after.nerves.set_value(nerves[1])
        page.nerves_after.confidence.set_value(70)
        QTest.mouseClick(page.nerves_after.go, Qt.MouseButton.LeftButton)
        wait_for(lambda: page.stack.currentWidget() is page.summary, 60, "the summary")
        outcome.reached_summary = True
        outcome.recording_on_summary = page.recorder.recording
        outcome.summary_title = page.summary.title.text()
        return outcome
    finally:
        voice.started.disconnect(on_voice_started)
        voice.finished.disconnect(on_voice_finished)
        page.recorder.started.disconnect(on_mic_started)


def _do_step(
    page: PracticePage,
    step: Step,
    outcome: Outcome,
    mic_started: list[tuple[int, int]],
    *,
    mode: Mode,
    speak: bool,
) -> bool:
    """One question (or take) as the user meets it; False when the session was ended."""
    controller = page.controller
    wait_for(
        lambda: (
            page.stack.currentWidget() is page.question
            and controller.interview is not None
            and controller.interview.phase in (Phase.READY, Phase.PREP, Phase.ANSWERING)
        ),
        60,
        "the next question",
    )
    question = page.question.question.text()
    position = _position(page)
    take = position[1]
    if step.action == "skip":  # while the question is still being read aloud
        if speak:
            wait_for(
                lambda: bool(outcome.spoken) and outcome.spoken[-1].text == question,
                20,
                "the voice",
            )
        press(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return True
    if speak and take == 1:
        wait_for(
            lambda: any(s.text == question and s.finished for s in outcome.spoken),
            30,
            f"'{question}' to be read aloud (heard so far: {outcome.spoken})",
        )
    if mode is Mode.WARM_UP:
        press(page, Qt.Key.Key_Space)  # untimed: the user starts when ready
    # Timed modes start recording by themselves when the prep time is over.
    wait_for(lambda: position in mic_started, 30, "the microphone to start")
    assert step.clip is not None
    if step.lead_s:
        pump(round(step.lead_s * 1000))
    player = play_answer(step.clip.path)
    if step.action == "end":  # halfway through the answer: Esc, then "Yes" in the box
        pump(1500)
        confirm_next_dialog()
        press(page, Qt.Key.Key_Escape)
        player.wait(30)
        outcome.interrupted = True
        return False
    wait_for(lambda: player.poll() is not None, 60, "the clip to finish playing")
    pump(round(PAUSE_BEFORE_STOP_S * 1000))
    press(page, Qt.Key.Key_Space)
    outcome.answered.append((question, take, step.clip))
    if controller.interview is not None and controller.interview.rules.feedback_each_answer:
        wait_for(lambda: page.stack.currentWidget() is page.review, 60, "the feedback screen")
        button = page.review.retake if step.retake_after else page.review.next
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return True


def _position(page: PracticePage) -> tuple[int, int]:
    interview = page.controller.interview
    return (interview.index, interview.take) if interview is not None else (-1, -1)
