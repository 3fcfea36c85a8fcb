"""Progress dashboard: the series each chart draws, the baseline, the headline, and
readability with 1 and with 2,000 sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.store import history_repo
from greenroom.store.history_repo import ProgressPoint
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.history.dashboard_data import MAX_POINTS, headline, rolling_baseline, series_for
from greenroom.ui.history.dashboard_page import DashboardPage
from greenroom.ui.tasks import InlineTaskRunner
from support.history_data import seed_history


def _fail(exc: BaseException) -> None:
    raise AssertionError(str(exc))


def test_charts_draw_each_session_against_the_rolling_baseline(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    points = history_repo.progress_points(ctx.engine)
    assert len(points) == 6
    nerves = page.charts["Nerves before and after"].drawn
    assert [y for _, y in nerves["Nerves before"]] == [p.nerves_before for p in points]
    assert [y for _, y in nerves["Nerves after"]] == [p.nerves_after for p in points]
    assert [x for x, _ in nerves["Nerves before"]] == [
        p.started_at.timestamp() * 1000 for p in points
    ]
    values = [p.nerves_before for p in points]
    expected = [
        sum(values[max(0, i - 5) : i]) / len(values[max(0, i - 5) : i]) for i in range(1, 6)
    ]
    assert [y for _, y in nerves["baseline"]] == expected
    rate = page.charts["Speaking rate (wpm)"].drawn
    assert rate["green band"] == [(120.0, 160.0)]
    assert len(rate["Speaking rate (wpm)"]) == 6
    index = page.charts["Delivery index"].drawn["Delivery index"]
    assert [round(y, 6) for _, y in index] == [round(p.delivery_index or 0, 6) for p in points]
    first, last = values[0], sum(values[-5:]) / 5
    assert f"Nerves before a session: {first:.0f} then, {last:.0f} now." in page.headline.text()


def test_scope_shows_one_bank_or_one_category(qtbot: QtBot, ctx: AppContext) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.scope.setCurrentIndex(page.scope.findData("bank:openers"))
    assert len(page.points) == 3
    page.scope.setCurrentIndex(page.scope.findData("category:closing"))
    closing = history_repo.progress_points(ctx.engine, category="closing")
    assert 0 < len(page.points) == len(closing) < 6


def test_one_session_is_readable(qtbot: QtBot, app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    seed_history(db.engine, sessions=1)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    drawn = page.charts["Nerves before and after"].drawn
    assert len(drawn["Nerves before"]) == 1 and drawn["baseline"] == []
    chart = page.charts["Nerves before and after"].chart()
    x_axis = chart.axes()[0]
    assert x_axis.max().toMSecsSinceEpoch() - x_axis.min().toMSecsSinceEpoch() >= 2 * 86_400_000
    assert "in your first session" in page.headline.text()
    assert "Practise again" in page.headline.text()


def test_no_sessions_says_so(qtbot: QtBot, app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.headline.text().startswith("No sessions yet")
    assert "no data yet" in page.charts["Delivery index"].chart().title()


def _points(n: int) -> list[ProgressPoint]:
    t0 = datetime(2022, 1, 3, 9, tzinfo=UTC)
    return [
        ProgressPoint(i, t0 + timedelta(hours=12 * i), 80 - i * 0.02, 50, 60, 70, 4, 140, 1, 2)
        for i in range(n)
    ]


def test_two_thousand_sessions_become_weekly_means() -> None:
    points = _points(2000)  # two a day for about 1,000 days
    series = series_for(points, "nerves_before")
    assert series.grouping in ("week", "month") and len(series.values) <= MAX_POINTS
    assert (
        abs(
            sum(series.values) / len(series.values)
            - sum(p.nerves_before or 0 for p in points) / 2000
        )
        < 0.5
    )
    assert series.values == tuple(sorted(series.values, reverse=True))  # the trend survives
    few = series_for(points[:100], "nerves_before")
    assert few.grouping == "session" and len(few.values) == 100
    weekly = series_for(points[:400], "nerves_before")  # 200 days: 29 weeks
    assert weekly.grouping == "week" and 28 <= len(weekly.values) <= 30
    assert sum(1 for _ in weekly.times) == len(weekly.baseline)


def test_baseline_and_headline_rules() -> None:
    assert rolling_baseline([10, 20, 30, 40, 50, 60, 70]) == [None, 10, 15, 20, 25, 30, 40]
    lines = headline(_points(12))
    assert lines[0] == "Nerves before a session: 80 then, 80 now."
    assert headline([]) == ["No sessions yet. Your progress shows here after your first practice."]
