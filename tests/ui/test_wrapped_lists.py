"""Lists whose items wrap (the banks, a session's answers) show every line whole, at any width
the window gives them."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from greenroom.core.session import Answer
from greenroom.store.banks_repo import BankListing
from greenroom.ui.banks.bank_list_view import BankListView
from greenroom.ui.history.answer_list_view import AnswerListView
from greenroom.ui.theme import apply_theme

CATEGORIES = (
    ("behavioral",),
    ("behavioral", "motivation", "opener", "role-specific", "situational"),
    ("behavioral", "motivation", "role-specific"),
    ("behavioral", "role-specific", "situational", "technical"),
)
TITLES = (
    "Behavioural questions (STAR)",
    "Career changers and returners",
    "Leadership and people management",
    "Product and project management",
)
QUESTIONS = (
    "Tell me about a time you and a colleague disagreed on how to do something. How did you "
    "resolve it?",
    "Why us?",
    "Describe a time you missed a deadline and what you did about it, step by step.",
    "Tell me about yourself.",
)


def _banks() -> QListWidget:
    view = BankListView()
    view.set_listings(
        [BankListing(f"b{k}", TITLES[k % 4], True, 24, CATEGORIES[k % 4]) for k in range(14)]
    )
    return view


def _answers() -> QListWidget:
    view = AnswerListView()
    view.show_answers([Answer(k + 1, 1, None, QUESTIONS[k % 4], k) for k in range(8)])
    return view


@pytest.mark.parametrize("make", [_banks, _answers], ids=["banks", "answers"])
def test_each_item_gets_the_height_its_lines_need_and_no_more(qtbot: QtBot, make) -> None:
    # Seen in the app (Banks, 1180 px window): "Leadership and people management" had its
    # categories cut to "behavioral, motivation, role-speci…" and a blank line under them; the
    # list laid its items out for one width (less a scroll bar) and painted them at another.
    # A session's answer list ran long questions under its right edge at some widths.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    view = make()  # filled before it is shown, as the pages do
    layout.addWidget(view)
    host.resize(400, 600)
    host.show()
    qtbot.waitExposed(host)
    fm = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    flags = int(Qt.TextFlag.TextWordWrap)
    for width in range(200, 400, 3):
        host.resize(width, 600)
        qtbot.wait(10)
        spans = []
        for row in range(view.count()):
            item = view.item(row)
            rect = view.visualItemRect(item)
            need = fm.boundingRect(0, 0, rect.width() - 2 * margin, 10_000, flags, item.text())
            where = f"{width} px wide, {item.text()!r}"
            assert rect.right() < view.viewport().width(), where  # nothing runs under the edge
            assert need.height() <= rect.height() < need.height() + fm.lineSpacing(), where
            spans.append((rect.top(), rect.bottom()))
        # The next item follows at once: no blank line between them.
        gaps = {top - bottom for (_, bottom), (top, _) in pairwise(spans)}
        assert max(gaps) <= 2 * view.spacing() + 1, (width, gaps)
