"""Driving the practice page the way a user does."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from greenroom.core.session import Mode
from greenroom.ui.practice.plan import Order


def choose(room: object, *, banks: tuple[str, ...], mode: Mode, count: int = 2) -> None:
    setup = room.page.setup  # type: ignore[attr-defined]
    for i in range(setup.banks.count()):
        item = setup.banks.item(i)
        want = item.data(Qt.ItemDataRole.UserRole) in banks
        item.setCheckState(Qt.CheckState.Checked if want else Qt.CheckState.Unchecked)
    setup.mode_buttons[mode].setChecked(True)
    setup.count.setValue(count)
    setup.order.setCurrentIndex(setup.order.findData(Order.AS_LISTED))


def start(room: object, *, nerves: int) -> None:
    page = room.page  # type: ignore[attr-defined]
    QTest.mouseClick(page.setup.start_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: page.stack.currentWidget() is page.nerves_before)
    page.nerves_before.nerves.slider.setValue(nerves)
    QTest.mouseClick(page.nerves_before.go, Qt.MouseButton.LeftButton)


def wait_seconds(room: object, seconds: float, step: float = 0.1) -> None:
    """Let time pass on the fake clock, ticking the controller as its timer would."""
    for _ in range(round(seconds / step)):
        room.clock.advance(step)  # type: ignore[attr-defined]
        room.mic.pass_time(step)  # type: ignore[attr-defined]
        room.page.controller.tick()  # type: ignore[attr-defined]


def space(room: object) -> None:
    QTest.keyClick(room.page.question, Qt.Key.Key_Space)  # type: ignore[attr-defined]


def plain(text: str) -> str:
    """Lower case without punctuation, as a person reads a transcript."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def wait_for(condition: Callable[[], bool], timeout_ms: int = 10000) -> None:
    """Process events until ``condition`` holds (real worker threads deliver asynchronously)."""
    waited = 0
    while not condition():
        assert waited < timeout_ms, "timed out waiting for the screen to change"
        QTest.qWait(20)
        waited += 20
