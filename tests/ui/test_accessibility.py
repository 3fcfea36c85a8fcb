"""Every screen, walked as assistive technology sees it, in both themes: every interactive control
has a name and a description, every text meets WCAG AA contrast on the rendered screen, and a
whole test run can be done with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from greenroom.core.interview import Phase
from greenroom.core.session import Mode
from greenroom.paths import AppPaths
from greenroom.services import interviews
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui import design
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.main_window import MainWindow
from greenroom.ui.practice.practice_page import PracticeServices
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.theme import apply_theme
from support.audio_data import clip
from support.clock import FakeClock
from support.fakes import FakeMicrophone, FakeVoice, JitteryTaskRunner
from support.practice import choose, finish_run, wait_for, wait_phase, wait_review
from support.waiting import pump

R = QAccessible.Role
INTERACTIVE = {
    R.Button,
    R.PushButton,
    R.CheckBox,
    R.RadioButton,
    R.Slider,
    R.SpinBox,
    R.ComboBox,
    R.EditableText,
    R.List,
    R.Table,
    R.Tree,
    R.PageTab,
    R.Link,
}


@pytest.fixture(scope="module")
def whisper() -> WhisperEngine:
    return WhisperEngine.create()


class _Room:
    """What support.practice's helpers drive: the practice page of a whole main window."""

    def __init__(self, window: MainWindow, mic: FakeMicrophone, clock: FakeClock) -> None:
        self.window, self.page, self.mic, self.clock = window, window.practice_page, mic, clock
        self.ctx = window.ctx


@pytest.fixture(params=["light", "dark"])
def room(request, qtbot: QtBot, app_paths: AppPaths, whisper: WhisperEngine) -> Iterator[_Room]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, request.param)
    errors: list[BaseException] = []
    tasks = JitteryTaskRunner(errors.append, max_delay=0.02)
    ctx = AppContext(
        open_store(app_paths).engine, app_paths, tasks, SettingsStore(Settings(), None)
    )
    model = SpeechModel(tasks, app_paths.models)
    model.engine, model.state = whisper, ModelState.READY
    mic, clock = FakeMicrophone(), FakeClock()
    window = MainWindow(ctx, PracticeServices(mic, FakeVoice(), model, clock))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    # A test that fails mid-run closes the window mid-run: answer the quit question, do not wait.
    window.confirm_quit = lambda: True  # type: ignore[method-assign]
    window.resize(1180, 800)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.practice_page.refresh()
    wait_for(lambda: window.practice_page.setup.banks.count() > 0)
    yield _Room(window, mic, clock)
    window.close()
    assert tasks.wait(20000) and not errors, errors
    apply_theme(app, "light")


def _walk(iface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    for k in range(iface.childCount()):
        child = iface.child(k)
        if child is None or child.state().invisible:
            continue
        yield child
        yield from _walk(child)


def _unlabelled(window: QWidget) -> list[str]:
    """Interactive controls without an accessible name or description, as "Role 'text'"."""
    root = QAccessible.queryAccessibleInterface(window)
    bad = []
    for item in _walk(root):
        if item.role() not in INTERACTIVE or item.state().disabled:
            continue
        name = item.text(QAccessible.Text.Name).strip()
        description = item.text(QAccessible.Text.Description).strip()
        if not name or not description:
            what = item.object()
            label = f"{item.role().name} {type(what).__name__} name={name!r} desc={description!r}"
            bad.append(label)
    return bad


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def _contrast_failures(window: QWidget) -> list[str]:
    """Visible texts whose rendered glyphs do not reach 4.5:1 (3:1 if large) on their
    background: the background is the commonest colour of the widget's pixels, the text the
    pixel furthest from it. One rendering of the whole window, so each text is seen on what is
    really behind it."""
    shot = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = shot.width(), shot.height()
    pixels = np.frombuffer(shot.constBits(), dtype=np.uint8).reshape(height, shot.bytesPerLine())
    rgb = pixels[:, : width * 4].reshape(height, width, 4)[..., 2::-1].astype(np.float64)
    failures = []
    for widget in window.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        if not text or not widget.isVisible() or not widget.isEnabled():
            continue
        # only the part not clipped by a scroll area or covered by a sibling
        seen = widget.visibleRegion().boundingRect()
        corner = widget.mapTo(window, seen.topLeft())
        x0, y0 = max(0, corner.x()), max(0, corner.y())
        x1, y1 = min(width, x0 + seen.width()), min(height, y0 + seen.height())
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue
        region = rgb[y0:y1, x0:x1].reshape(-1, 3)
        colours, counts = np.unique(region, axis=0, return_counts=True)
        if len(colours) < 2:
            continue
        lum = _luminance(colours)
        bg = lum[counts.argmax()]
        ratios = (np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05)
        best = float(ratios.max())
        font = widget.font()
        large = font.pointSizeF() >= 18 or (font.pointSizeF() >= 14 and font.bold())
        need = 3.0 if large else 4.5
        if best < need:
            failures.append(f"{type(widget).__name__} {text[:40]!r}: {best:.2f} < {need}")
    return failures


def _check(room: _Room, screen: str) -> None:
    pump(150)
    unlabelled = _unlabelled(room.window)
    assert not unlabelled, f"{screen}: controls without a name or description: {unlabelled}"
    low = _contrast_failures(room.window)
    assert not low, f"{screen} ({design.current_theme()}): text below AA: {low}"


def test_every_practice_screen_is_named_and_readable(room: _Room) -> None:
    page = room.page
    page.setup.more.setChecked(True)
    _check(room, "set-up")
    choose(room, banks=("openers",), mode=Mode.TIMED, count=1, prep=0, speak=False)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    _check(room, "nerves before")
    page.nerves_before.nerves.set_value(60)
    QTest.mouseClick(page.nerves_before.go, Qt.MouseButton.LeftButton)
    wait_for(lambda: room.mic.recording)
    room.mic.speak(clip("pra_arctic_a0010"))
    _check(room, "question")
    QTest.keyClick(page.question, Qt.Key.Key_Space)
    wait_review(room)
    page.review.details_toggle.setChecked(True)
    _check(room, "feedback")
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_after)
    _check(room, "nerves after")
    finish_run(room, nerves=40, confidence=70)
    page.summary.details_toggle.setChecked(True)
    _check(room, "summary")


@pytest.mark.parametrize("screen", ["History", "Progress", "Interviews", "Banks", "Settings"])
def test_every_other_screen_is_named_and_readable(room: _Room, screen: str) -> None:
    room.window.show_page(room.window.page(screen))
    _check(room, screen)


def test_an_interview_with_its_plan_checklist_and_log_is_named_and_readable(room: _Room) -> None:
    when = datetime.now().astimezone() + timedelta(days=3)
    interview, _ = interviews.add_interview(
        room.ctx.engine, company="Contoso", role="Data analyst", when=when
    )
    assert interview.id is not None
    interviews.add_asked_question(room.ctx.engine, interview.id, "Why us?")
    page = room.window.page("Interviews")
    room.window.show_page(page)
    wait_for(lambda: page.detail.title.text() == "Data analyst at Contoso")  # type: ignore[attr-defined]
    _check(room, "Interviews (one chosen)")


def test_a_whole_run_with_the_keyboard_alone(room: _Room) -> None:
    """Alt+S starts, arrows rate, Enter goes on, Space starts and stops; no mouse anywhere."""
    page = room.page
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1, speak=False)

    def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget() or room.window, k, mod)
        pump(30)

    key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Start test run
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    key(Qt.Key.Key_Right)  # the slider has the focus: a rating of 51
    key(Qt.Key.Key_Return)
    wait_for(lambda: page.stack.currentWidget() is page.question)
    key(Qt.Key.Key_Space)  # start answering
    wait_for(lambda: room.mic.recording)
    room.mic.speak(clip("pra_arctic_a0010"))
    key(Qt.Key.Key_Space)  # stop
    wait_review(room)
    key(Qt.Key.Key_Return)  # Finish
    wait_for(lambda: page.stack.currentWidget() is page.nerves_after)
    key(Qt.Key.Key_Left)  # nerves 49
    for _ in range(12):  # Tab through to the confidence slider, as a keyboard user would
        key(Qt.Key.Key_Tab)
        if QApplication.focusWidget() is page.nerves_after.confidence.slider:
            break
    assert QApplication.focusWidget() is page.nerves_after.confidence.slider
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Return)
    wait_for(lambda: page.stack.currentWidget() is page.summary, 30000)
    assert "(51 to 49)" in page.summary.text()  # the ratings the arrows gave


def test_space_still_starts_and_stops_after_a_look_at_another_screen(room: _Room) -> None:
    """Seen in the app: mid-run, a click on History and back on Practice left the focus in the
    screen list, and Space no longer stopped the answer (the recording ran on)."""
    page, nav = room.page, room.window.nav
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1, speak=False)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    QTest.mouseClick(page.nerves_before.skip, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.question)
    names = [nav.item(i).text() for i in range(nav.count())]
    for name in ("History", "Practice"):
        rect = nav.visualItemRect(nav.item(names.index(name)))
        QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        pump(30)
    assert page.question.isVisible() and QApplication.focusWidget() is nav
    QTest.keyClick(nav, Qt.Key.Key_Space)  # start answering
    wait_for(lambda: room.mic.recording)
    room.mic.speak(clip("pra_arctic_a0010"))
    QTest.keyClick(QApplication.focusWidget() or nav, Qt.Key.Key_Space)  # stop
    wait_review(room)
    assert nav.currentItem().text() == "Practice"


def test_the_contrast_check_sees_faint_text(qtbot: QtBot) -> None:
    """The check above can fail: grey on white is caught, black on white is not."""
    window = QWidget()
    qtbot.addWidget(window)
    window.setStyleSheet("background: #ffffff;")
    faint, clear = QLabel("Faint words", window), QLabel("Clear words", window)
    faint.setStyleSheet("color: #b0b0b0;")
    clear.setStyleSheet("color: #000000;")
    faint.setGeometry(10, 10, 200, 30)
    clear.setGeometry(10, 50, 200, 30)
    window.resize(240, 100)
    window.show()
    qtbot.waitExposed(window)
    failures = _contrast_failures(window)
    assert len(failures) == 1 and "Faint words" in failures[0]


def test_the_next_question_gives_the_focus_to_start_answering_once_it_has_been_read(
    room: _Room,
) -> None:
    """Seen in the app: after "Next question" the focus ring sat on "Retake" (the start button
    was disabled while the question was read, so it could not take the focus)."""
    page = room.page
    # Timed: the question is read before the prep time starts (the clock is a fake: it stays).
    choose(room, banks=("openers",), mode=Mode.TIMED, count=2, speak=True)
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    QTest.mouseClick(page.nerves_before.skip, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.question.primary.isEnabled())  # read aloud: now it can be started
    assert QApplication.focusWidget() is page.question.primary
    QTest.keyClick(page.question.primary, Qt.Key.Key_Space)
    wait_for(lambda: room.mic.recording)
    room.mic.speak(clip("pra_arctic_a0010"))
    QTest.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Space)
    wait_review(room)
    QTest.mouseClick(page.review.next, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.question)
    wait_phase(room, Phase.PREP)  # read aloud, the prep time runs
    assert QApplication.focusWidget() is page.question.primary
