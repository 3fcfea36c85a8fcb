"""A practice room for tests, and driving it the way a user does, waiting as a user waits.

The room is the real practice page on a real database with the real speech engine; the fakes
(support/fakes.py) answer later and from other threads, like the real microphone, voice and
pools, so each step waits for what the user would see before taking the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from greenroom.core.interview import Phase
from greenroom.core.session import Mode
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.engine import TranscriptionEngine
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.practice.plan import Order
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices
from greenroom.ui.practice.setup_view import SetupView
from greenroom.ui.speech_model import ModelState, SpeechModel
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice, JitteryTaskRunner
from support.waiting import pump, wait_until


@dataclass
class Room:
    page: PracticePage
    ctx: AppContext
    mic: FakeMicrophone
    voice: FakeVoice
    clock: FakeClock
    model: SpeechModel
    tasks: JitteryTaskRunner
    errors: list[BaseException] = field(default_factory=list)


def build_room(
    qtbot: QtBot,
    paths: AppPaths,
    *,
    engine: TranscriptionEngine | None,
    microphone: bool = True,
    voice: object = None,
    **mic_options: object,
) -> Room:
    """The practice page with the real store and engine, fake clock, microphone and voice."""
    db = open_store(paths)
    errors: list[BaseException] = []
    tasks = JitteryTaskRunner(errors.append)
    ctx = AppContext(db.engine, paths, tasks, SettingsStore(Settings(), None))
    model = SpeechModel(tasks, paths.models)
    if engine is not None:
        model.engine, model.state = engine, ModelState.READY
    mic = FakeMicrophone(present=microphone, **mic_options)  # type: ignore[arg-type]
    the_voice = voice or FakeVoice()
    clock = FakeClock()
    page = PracticePage(ctx, PracticeServices(mic, the_voice, model, clock))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):  # key presses go through the real shortcut path
        page.activateWindow()
    room = Room(page, ctx, mic, the_voice, clock, model, tasks, errors)  # type: ignore[arg-type]
    page.refresh()
    wait_until(lambda: page.setup.banks.count() > 0, 10, "the banks")
    return room


def close_room(qtbot: QtBot, room: Room) -> None:
    """Stop everything the room started and fail on errors nobody expected."""
    room.page.recorder.shutdown()
    room.mic.close()
    room.voice.shutdown()
    assert room.tasks.wait(20000), "background jobs did not finish"
    pump(50)  # deliver their results before the page goes
    assert not room.errors, f"unexpected errors: {room.errors!r}"


def choose(
    room: object,
    *,
    banks: tuple[str, ...],
    mode: Mode,
    count: int = 2,
    prep: int | None = None,
    speak: bool = True,
    follow_ups: bool = False,
) -> None:
    """Tick the banks and the mode; ``prep`` unticks "own prep" and sets the prep time."""
    fill_setup(
        room.page.setup,  # type: ignore[attr-defined]
        banks=banks,
        mode=mode,
        count=count,
        prep=prep,
        speak=speak,
        follow_ups=follow_ups,
    )


def fill_setup(
    setup: SetupView,
    *,
    banks: tuple[str, ...],
    mode: Mode,
    count: int,
    prep: int | None,
    speak: bool,
    follow_ups: bool,
) -> None:
    """The set-up screen's choices, as a user makes them (questions as listed in the bank)."""
    for i in range(setup.banks.count()):
        item = setup.banks.item(i)
        want = item.data(Qt.ItemDataRole.UserRole) in banks
        item.setCheckState(Qt.CheckState.Checked if want else Qt.CheckState.Unchecked)
    setup.mode_buttons[mode].setChecked(True)
    setup.follow_ups.setChecked(follow_ups)
    setup.count.setValue(count)
    setup.order.setCurrentIndex(setup.order.findData(Order.AS_LISTED))
    setup.own_timing.setChecked(prep is None)
    if prep is not None:
        setup.prep.setValue(prep)
    setup.speak.setChecked(speak)


def start(room: object, *, nerves: int | None) -> None:
    """Start the run and rate (or skip rating) the nerves before it."""
    page = room.page  # type: ignore[attr-defined]
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    if nerves is None:
        QTest.mouseClick(page.nerves_before.skip, Qt.MouseButton.LeftButton)
    else:
        page.nerves_before.nerves.set_value(nerves)
        QTest.mouseClick(page.nerves_before.go, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.question)


def wait_phase(room: object, phase: Phase) -> None:
    wait_for(lambda: room.page.controller.interview.phase is phase)  # type: ignore[attr-defined]


def wait_recording(room: object) -> None:
    """Until the microphone has really started (its thread answers later than the Space)."""
    wait_for(lambda: room.page.recorder.recording and room.mic.recording)  # type: ignore[attr-defined]


def wait_seconds(room: object, seconds: float, step: float = 0.1) -> None:
    """Let time pass on the fake clock, ticking the controller as its timer would."""
    for _ in range(round(seconds / step)):
        room.clock.advance(step)  # type: ignore[attr-defined]
        room.mic.pass_time(step)  # type: ignore[attr-defined]
        room.page.controller.tick()  # type: ignore[attr-defined]


def space(room: object) -> None:
    QTest.keyClick(room.page.question, Qt.Key.Key_Space)  # type: ignore[attr-defined]


def answer(room: object, wav: Path, *, start: bool = True) -> None:
    """Speak ``wav`` as the answer and press Space to stop (``start``: press Space first)."""
    if start:
        space(room)
    wait_recording(room)
    room.mic.speak(wav)  # type: ignore[attr-defined]
    space(room)


def wait_review(room: object) -> None:
    page = room.page  # type: ignore[attr-defined]
    wait_for(lambda: page.stack.currentWidget() is page.review, timeout_ms=30000)


def finish_run(room: object, *, nerves: int | None, confidence: int | None = None) -> None:
    """On the "after" screen: rate (or skip) and wait for the summary."""
    page = room.page  # type: ignore[attr-defined]
    wait_for(lambda: page.stack.currentWidget() is page.nerves_after, timeout_ms=30000)
    if nerves is None and confidence is None:
        QTest.mouseClick(page.nerves_after.skip, Qt.MouseButton.LeftButton)
    else:
        if nerves is not None:
            page.nerves_after.nerves.set_value(nerves)
        if confidence is not None:
            page.nerves_after.confidence.set_value(confidence)
        button = page.nerves_after.go if page.nerves_after.go.isEnabled() else None
        QTest.mouseClick(button or page.nerves_after.skip, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.summary, timeout_ms=30000)


def plain(text: str) -> str:
    """Lower case without punctuation, as a person reads a transcript."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def wait_for(condition: Callable[[], bool], timeout_ms: int = 10000) -> None:
    """Process events until ``condition`` holds (real worker threads deliver asynchronously)."""
    wait_until(condition, timeout_ms / 1000)


def says(text: str, clip_name: str, *, max_wer: float = 0.15) -> bool:
    """True when ``text`` is a transcript of the recorded clip (word error rate at most
    ``max_wer``: the streaming path may hear "asked not" for "ask not")."""
    from support.audio_data import reference
    from support.wer import word_error_rate

    return word_error_rate([reference(clip_name)], [text]) <= max_wer


def shown_answer(page: PracticePage) -> str:
    """The words of the answer as the feedback screen shows them (marked pauses left out)."""
    first = page.review.transcript.toPlainText().split("\n", 1)[0]
    return re.sub(r"\[pause [\d.]+ s\]", " ", first)
