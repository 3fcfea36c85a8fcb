"""widgets.FlowRow: a row of buttons that goes on to a new line instead of widening the window."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from greenroom.ui.widgets import FlowRow

LABELS = ("Start answering (Space)", "Skip (Ctrl+S)", "Retake (Ctrl+R)", "Pause (Ctrl+P)")


def _row(qtbot: QtBot, width: int, *, right: bool = False) -> tuple[QWidget, list[QPushButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = FlowRow(holder, right=right)
    buttons = [QPushButton(text) for text in LABELS]
    for b in buttons:
        layout.addWidget(b)
    holder.resize(width, layout.heightForWidth(width))
    holder.show()
    qtbot.waitExposed(holder)
    return holder, buttons


def _lines(buttons: list[QPushButton]) -> list[list[str]]:
    tops = sorted({b.geometry().top() for b in buttons if b.isVisible()})
    return [[b.text() for b in buttons if b.isVisible() and b.y() == t] for t in tops]


@pytest.mark.parametrize("right", [False, True])
def test_a_wide_row_is_one_line_and_a_narrow_one_wraps_without_overlap(
    qtbot: QtBot, right: bool
) -> None:
    wide, buttons = _row(qtbot, 900, right=right)
    assert _lines(buttons) == [list(LABELS)]
    if right:
        assert buttons[-1].geometry().right() == wide.width() - 1
    else:
        assert buttons[0].x() == 0
    narrow, buttons = _row(qtbot, 420, right=right)
    lines = _lines(buttons)
    assert len(lines) >= 2 and [t for line in lines for t in line] == list(LABELS)  # in order
    for a, b in itertools.combinations(buttons, 2):
        assert not a.geometry().intersects(b.geometry())
    assert all(b.x() >= 0 and b.geometry().right() < narrow.width() for b in buttons)
    assert narrow.height() >= sum(max(b.height() for b in buttons) for _ in lines)


def test_a_hidden_button_takes_no_room_and_the_narrowest_row_is_its_widest_button(
    qtbot: QtBot,
) -> None:
    holder, buttons = _row(qtbot, 900)
    buttons[1].hide()
    holder.layout().activate()
    assert _lines(buttons) == [[LABELS[0], LABELS[2], LABELS[3]]]
    assert buttons[2].x() < buttons[0].geometry().right() + 20  # closed up to the first
    widest = max(b.sizeHint().width() for b in buttons if b.isVisible())
    assert holder.layout().minimumSize().width() == widest
