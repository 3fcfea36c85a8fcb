"""The bank list shows every line of every bank whole, at any width the window gives it."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from greenroom.store.banks_repo import BankListing
from greenroom.ui.banks.bank_list_view import BankListView
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


def _listings(n: int) -> list[BankListing]:
    return [BankListing(f"b{k}", TITLES[k % 4], True, 24, CATEGORIES[k % 4]) for k in range(n)]


def _text_width(view: BankListView, item_width: int) -> int:
    # The style's margin either side of an item's text (QCommonStyle's text margin).
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return item_width - 2 * margin


def test_each_bank_gets_the_height_its_lines_need_and_no_more(qtbot: QtBot) -> None:
    # Seen in the app (Banks, 1180 px window): "Leadership and people management" had its
    # categories cut to "behavioral, motivation, role-speci…" and a blank line under them; the
    # list laid the items out for one width (less a scroll bar) and painted them at another.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    view = BankListView()
    qtbot.addWidget(view)
    view.set_listings(_listings(14))  # filled before it is shown, as the page does
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    fm = view.fontMetrics()
    flags = int(Qt.TextFlag.TextWordWrap)
    for width in range(250, 330, 3):
        view.resize(width, 600)
        qtbot.wait(10)
        tops = []
        for row in range(view.count()):
            item = view.item(row)
            rect = view.visualItemRect(item)
            text_width = _text_width(view, rect.width())
            need = fm.boundingRect(0, 0, text_width, 10_000, flags, item.text())
            where = f"{width} px wide, {item.text()!r}"
            assert rect.right() < view.viewport().width(), where  # nothing runs under the bar
            assert need.height() <= rect.height() < need.height() + fm.lineSpacing(), where
            tops.append((rect.top(), rect.bottom()))
        # The next bank follows at once: no blank line between them.
        gaps = {b_top - a_bottom for (_, a_bottom), (b_top, _) in pairwise(tops)}
        assert max(gaps) <= 2 * view.spacing() + 1, (width, gaps)
