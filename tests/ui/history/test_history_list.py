"""The history list: every session, sorted and filtered in SQL, searchable, interrupted marked."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from greenroom.store.models import SessionRow
from greenroom.ui import design
from greenroom.ui.context import AppContext
from greenroom.ui.history.filter_bar_view import ANY_DATE
from greenroom.ui.history.history_model import COLUMNS
from greenroom.ui.history.history_page import HistoryPage
from greenroom.ui.theme import apply_theme


def _column(name: str) -> int:
    return [key for key, _ in COLUMNS].index(name)


def _texts(page: HistoryPage, name: str) -> list[str]:
    col = _column(name)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_list_shows_every_session_newest_first_with_its_figures(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 6 and page.count.text() == "6 sessions"
    dates = [page.model.item(r).started_at for r in range(6)]
    assert dates == sorted(dates, reverse=True)
    first = page.model.item(0)
    when = first.started_at.astimezone()
    assert _texts(page, "started_at")[0] == f"{when:%a} {when.day} {when:%b %Y, %H:%M}"
    assert _texts(page, "mode")[0] in ("Warm-up", "Timed", "One-way", "Drill")
    assert _texts(page, "answers")[0] == "3"
    assert _texts(page, "nerves_before")[0] == str(first.nerves_before)
    # Bank titles, never their ids ("behavioral-star").
    assert set(_texts(page, "banks")) == {
        "Openers and first impressions",
        "Behavioural questions (STAR)",
    }
    assert first.delivery_index is not None and 0 <= first.delivery_index <= 100


def test_every_column_heading_is_shown_whole_in_the_app_s_own_style(
    qtbot: QtBot, ctx: AppContext
) -> None:
    # Seen in the app: "Confidence after" was cut to "onfidence" by a fixed 96 px column.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")  # the bold headings and body size the user sees
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    header = page.table.horizontalHeader()
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # greenroom.qss: QHeaderView::section, weight 600
    metrics = QFontMetrics(font)
    cut = {}
    for column, (key, title) in enumerate(COLUMNS):
        # the longest line of the heading and the section's 6 px padding on each side
        text = max(metrics.horizontalAdvance(line) for line in title.splitlines()) + 12
        if key != "banks" and header.sectionSize(column) < text:
            cut[title.replace("\n", " ")] = (header.sectionSize(column), text)
    assert not cut, cut  # heading: (width shown, width its text needs)
    # ... and the banks keep room for a title (the numbers took it all with Qt's own sizes).
    assert header.sectionSize(_column("banks")) >= 150
    # A width the user dragged stays when they come back to the page.
    header.resizeSection(_column("answers"), 140)
    page.hide()
    page.show()
    assert header.sectionSize(_column("answers")) == 140


def test_clicking_a_header_sorts_in_sql(qtbot: QtBot, ctx: AppContext) -> None:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    page.table.sortByColumn(_column("nerves_before"), Qt.SortOrder.AscendingOrder)
    values = [int(v) for v in _texts(page, "nerves_before")]
    assert values == sorted(values) and len(values) == 6
    page.table.sortByColumn(_column("delivery_index"), Qt.SortOrder.DescendingOrder)
    indices = [page.model.item(r).delivery_index or 0 for r in range(6)]
    assert indices == sorted(indices, reverse=True)


def test_interrupted_sessions_are_marked(qtbot: QtBot, ctx: AppContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    with ctx.engine.begin() as conn:
        # a crash: marked at the next start, never ended
        conn.execute(
            update(SessionRow).where(SessionRow.id == 2).values(status="interrupted", ended_at=None)
        )
        conn.execute(update(SessionRow).where(SessionRow.id == 3).values(status="in-progress"))
        # "End session" part-way, then rated: ended, with its summary, and marked interrupted
        conn.execute(update(SessionRow).where(SessionRow.id == 4).values(status="interrupted"))
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    row = next(r for r in range(6) if page.model.item(r).id == 2)
    running = next(r for r in range(6) if page.model.item(r).id == 3)
    ended = next(r for r in range(6) if page.model.item(r).id == 4)
    answers = _texts(page, "answers")
    assert answers[row] == f"{page.model.item(row).answers}, stopped"
    assert answers[running] == f"{page.model.item(running).answers} so far"
    assert all(t.isdigit() for r, t in enumerate(answers) if r not in (row, running))
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Interrupted")
    assert page.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    # Seen in the app: a run the user ended and rated read "2, stopped" with the crash's alert
    # icon. It is a finished run marked with the End session button's icon.
    assert page.model.index(ended, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Ended early")

    def mark(r: int) -> int:
        return int(page.model.index(r, 0).data(Qt.ItemDataRole.DecorationRole).cacheKey())

    assert mark(ended) == design.icon("end", "near").cacheKey()
    assert mark(row) == design.icon("alert", "near").cacheKey()
    assert page.model.index(ended, 0).data(Qt.ItemDataRole.FontRole) is None
    # Seen in the app: "(interrupted)" after the date was cut off by the Date column, and then
    # the date itself beside the icon. Every cell but the banks (which take what is left) is
    # shown whole: its text, and its icon, within the column less the cell's margins.
    page.resize(975, 650)  # the page's share of the app's 1180 x 800 window
    page.show()
    qtbot.waitExposed(page)
    for col, (key, _) in enumerate(COLUMNS):
        if key == "banks":
            continue
        for r in range(page.model.rowCount()):
            index = page.model.index(r, col)
            font = QFont(page.table.font())
            font.setItalic(bool(index.data(Qt.ItemDataRole.FontRole)))  # unfinished runs' dates
            text = QFontMetrics(font).horizontalAdvance(index.data())
            icon = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            assert text + icon + 8 <= page.table.columnWidth(col), (key, index.data())
    # ... and the table still fits without scrolling sideways, with room to name the banks.
    widths = [page.table.columnWidth(c) for c in range(len(COLUMNS))]
    assert sum(widths) <= page.table.viewport().width(), widths
    assert page.table.columnWidth(_column("banks")) >= 100, widths  # 60 with "One-way interview"


def test_filters_by_mode_bank_category_and_dates(qtbot: QtBot, ctx: AppContext) -> None:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    bar = page.filters
    bar.mode.setCurrentIndex(bar.mode.findData("timed"))
    assert {page.model.item(r).mode for r in range(page.model.rowCount())} == {"timed"}
    assert page.model.rowCount() == 2  # sessions 2 and 6 of the warm-up/timed/one-way/drill cycle
    bar.mode.setCurrentIndex(0)
    bar.bank.setCurrentIndex(bar.bank.findData("openers"))
    assert page.model.rowCount() == 3
    assert all(page.model.item(r).bank_ids == ("openers",) for r in range(3))
    bar.bank.setCurrentIndex(0)
    bar.category.setCurrentIndex(bar.category.findData("closing"))
    assert 0 < page.model.rowCount() < 6
    bar.category.setCurrentIndex(0)
    # Sessions run from 1 September to 31 October 2026: September only.
    bar.date_from.setDate(QDate(2026, 9, 1))
    bar.date_to.setDate(QDate(2026, 9, 30))
    dates = [page.model.item(r).started_at for r in range(page.model.rowCount())]
    assert dates and all(d < datetime(2026, 10, 1, 12, tzinfo=UTC) for d in dates)
    assert page.model.rowCount() < 6
    bar.clear.click()
    assert page.model.rowCount() == 6 and bar.date_from.date() == ANY_DATE


def test_search_finds_sessions_by_their_transcripts(qtbot: QtBot, ctx: AppContext) -> None:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        page.filters.search.setText("backlog")
    hits = page.model.rowCount()
    assert 0 < hits <= 6 and "matching session" in page.count.text()
    assert all(page.model.item(r).answers for r in range(hits))
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        page.filters.search.setText("zeppelin")
    assert page.model.rowCount() == 0 and page.count.text() == "0 matching sessions"
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        page.filters.search.setText('"backl* ) (')  # FTS syntax is just text
    assert page.model.rowCount() == hits


def test_many_sessions_are_fetched_a_page_at_a_time(qtbot: QtBot, ctx: AppContext) -> None:
    from greenroom.ui.history import history_model
    from support.history_data import seed_history

    seed_history(ctx.engine, sessions=12, answers_per_session=1, seed=3)
    old = history_model.PAGE
    history_model.PAGE = 5
    try:
        page = HistoryPage(ctx)
        qtbot.addWidget(page)
        assert page.model.total == 18 and page.model.rowCount() == 5
        while page.model.canFetchMore():
            page.model.fetchMore()
        ids = [page.model.item(r).id for r in range(page.model.rowCount())]
        assert len(ids) == 18 == len(set(ids))
    finally:
        history_model.PAGE = old
