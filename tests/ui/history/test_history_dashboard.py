"""Progress dashboard: the series each chart draws by run number, the baseline, the headline in
words, tooltips with the date, and readability with 0, 1, 2 and 2,000 sessions."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCharts import QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from greenroom.analysis.metrics import AnswerMetrics
from greenroom.core.interviews import InterviewLog
from greenroom.paths import AppPaths
from greenroom.services import interviews
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.store import history_repo, sessions_repo
from greenroom.store.history_repo import ProgressPoint
from greenroom.ui import design
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.history.chart_view import END_ROOM, ChartCard, ChartPoint, ChartView, tick_step
from greenroom.ui.history.dashboard_data import (
    FIGURES_BY_KEY,
    MAX_POINTS,
    rolling_baseline,
    series_for,
)
from greenroom.ui.history.dashboard_page import DashboardPage
from greenroom.ui.history.dashboard_words import expect_note, headline, point_tip
from greenroom.ui.practice.summary_view import EXPECT
from greenroom.ui.tasks import InlineTaskRunner
from support.history_data import seed_history


def _fail(exc: BaseException) -> None:
    raise AssertionError(str(exc))


def _scatter(chart: ChartView, name: str) -> QScatterSeries:
    return next(
        s for s in chart.chart().series() if isinstance(s, QScatterSeries) and s.name() == name
    )


def test_charts_draw_each_run_by_number_against_the_rolling_baseline(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    points = history_repo.progress_points(ctx.engine)
    assert len(points) == 6
    chart = page.charts["Nerves before and after"]
    nerves = chart.drawn
    assert [y for _, y in nerves["Nerves before"]] == [p.nerves_before for p in points]
    assert [y for _, y in nerves["Nerves after"]] == [p.nerves_after for p in points]
    assert [x for x, _ in nerves["Nerves before"]] == [1, 2, 3, 4, 5, 6]  # runs, not dates
    values = [p.nerves_before for p in points]
    expected = [
        sum(values[max(0, i - 5) : i]) / len(values[max(0, i - 5) : i]) for i in range(1, 6)
    ]
    assert [y for _, y in nerves["baseline"]] == expected
    assert [x for x, _ in nerves["baseline"]] == [2, 3, 4, 5, 6]
    # Each point's tooltip names its run and its date.
    first = points[0].started_at.astimezone()
    assert chart.tips["Nerves before"][0] == (
        f"Run 1 · {first:%a} {first.day} {first:%b %Y}\nNerves before: {values[0]:.0f} of 100"
    )
    rate = page.charts["Speaking rate (words a minute)"].drawn
    assert rate["comfortable range"] == [(120.0, 160.0)]
    assert len(rate["Speaking rate (wpm)"]) == 6
    index = page.charts["Delivery index"].drawn["Delivery index"]
    assert [round(y, 6) for _, y in index] == [round(p.delivery_index or 0, 6) for p in points]
    recent = values[-3:]
    assert page.headline.text() == (
        f"Your nerves before a run: {values[0]:.0f} at first, "
        f"{sum(recent) / 3:.0f} over your last 3 runs."
    )
    assert page.expect.isHidden()  # six runs: past the first three


def test_pointing_at_a_point_shows_its_run_date_and_value(qtbot: QtBot, ctx: AppContext) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    chart = page.charts["Confidence after the run"]
    dots = _scatter(chart, "Confidence after")
    x, y = chart.drawn["Confidence after"][2]
    dots.hovered.emit(QPointF(x + 0.2, y), True)
    assert chart.last_tip == chart.tips["Confidence after"][2]
    assert chart.last_tip.startswith("Run 3 · ")


def test_the_x_axis_counts_runs_in_round_steps(qtbot: QtBot, ctx: AppContext) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    axis = page.charts["Delivery index"].x_axis
    assert (axis.min(), axis.max()) == (0.5, 6.5)
    assert axis.tickInterval() == 1 and axis.titleText() == "Run"
    assert [tick_step(n) for n in (1, 8, 9, 30, 120, 2000)] == [1, 1, 2, 5, 20, 500]


def test_runs_on_the_same_day_stand_side_by_side_with_their_dates() -> None:
    day = datetime(2026, 12, 2, 9, tzinfo=UTC)
    points = [
        ProgressPoint(1, day, 70, 50, 40, 60, 5, 130, 1, 3),
        ProgressPoint(2, day + timedelta(hours=1), None, 45, 45, 62, 4, 135, 1, 2),
        ProgressPoint(3, day + timedelta(hours=2), 55, 40, 50, 70, 3, 140, 0, 2),
    ]
    nerves = series_for(points, "nerves_before")
    assert nerves.runs == (1.0, 3.0)  # run 2 was not rated: it keeps its number, shows no point
    assert nerves.times == (points[0].started_at, points[2].started_at)
    assert nerves.spans == ((1, 1), (3, 3))
    confidence = series_for(points, "confidence")
    assert confidence.runs == (1.0, 2.0, 3.0)
    assert [t.date() for t in confidence.times] == [day.date()] * 3
    tip = point_tip(FIGURES_BY_KEY["confidence"], confidence, 1)
    local = points[1].started_at.astimezone()
    assert tip == f"Run 2 · {local:%a} {local.day} {local:%b %Y}\nConfidence after: 45 of 100"


def test_scope_shows_one_bank_or_one_category(qtbot: QtBot, ctx: AppContext) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.scope.setCurrentIndex(page.scope.findData("bank:openers"))
    assert len(page.points) == 3
    assert [x for x, _ in page.charts["Delivery index"].drawn["Delivery index"]] == [1, 2, 3]
    page.scope.setCurrentIndex(page.scope.findData("category:closing"))
    closing = history_repo.progress_points(ctx.engine, category="closing")
    assert 0 < len(page.points) == len(closing) < 6


def test_one_session_is_readable(qtbot: QtBot, app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    seed_history(db.engine, sessions=1)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    chart = page.charts["Nerves before and after"]
    assert [x for x, _ in chart.drawn["Nerves before"]] == [1]
    assert chart.drawn["baseline"] == []
    assert chart.x_axis.min() < 1 < chart.x_axis.max()
    assert "baseline" not in chart.legend_html() and "average" not in chart.legend_html()
    nerves = history_repo.progress_points(db.engine)[0].nerves_before
    assert page.headline.text() == f"Your nerves before a run: {nerves:.0f} on your first run."
    assert page.details.text().startswith("After your next run, this page shows")
    assert page.expect.text() == EXPECT and not page.expect.isHidden()


def test_no_sessions_says_so(qtbot: QtBot, app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.headline.text().startswith("No runs yet. After your first test run")
    card = page.cards["Delivery index"]
    assert not card.empty.isHidden() and card.chart.isHidden()
    assert "after your first run" in card.empty.text()


def test_a_chart_none_of_the_runs_has_a_figure_for_says_why(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # Seen on Progress after two runs of short answers: "On topic: Nothing to show yet: this
    # fills in after your first run."
    db = open_store(app_paths)
    seed_history(db.engine, sessions=2)  # answers without the on-topic judgement or a voice
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    topic, pitch = page.cards[ON_TOPIC_CHART], page.cards[PITCH_CHART]
    assert topic.chart.isHidden() and pitch.chart.isHidden()
    assert topic.empty.text().startswith("Not judged yet: an answer needs 25 words or more")
    assert pitch.empty.text().startswith("Not measured yet: the voice is measured from")
    assert "first run" not in topic.empty.text() + pitch.empty.text()
    assert not page.cards["Delivery index"].chart.isHidden()


def test_charts_take_their_colours_from_the_theme(qtbot: QtBot) -> None:
    design.set_theme("dark")
    try:
        chart = ChartView()
        qtbot.addWidget(chart)
        chart.set_ranges(3, [10, 40, 30])
        chart.add_band(20, 30)
        chart.add_points("Practice", [ChartPoint(1, 10, "a"), ChartPoint(2, 40, "b")])
        background = chart.chart().backgroundBrush().color()
        assert background == design.colour("surface")
        assert _scatter(chart, "Practice").color() == design.colour("primary")
        assert design.hex_colour("good_soft") in chart.legend_html()
    finally:
        design.set_theme("light")


@pytest.mark.parametrize(
    ("values", "whole"), [([60.0], True), ([64.0, 64.0], True), ([1.0], False)]
)
def test_one_value_gets_an_axis_in_its_own_scale(
    qtbot: QtBot, values: list[float], whole: bool
) -> None:
    # Seen after a first run: confidence 60 drawn on an axis from 59.7 to 60.2 in tenths, as if
    # a tenth of a point on a 0-100 scale meant something.
    chart = ChartView()
    qtbot.addWidget(chart)
    chart.set_ranges(1, values)
    low, high = chart.y_axis.min(), chart.y_axis.max()
    assert low < values[0] < high
    if whole:  # a 0-100 figure: whole numbers over at least 10 points
        assert high - low >= 10 and chart.y_axis.labelFormat() == "%.0f"
    else:  # fillers a minute: a small figure keeps its tenths
        assert high - low <= 2 and chart.y_axis.labelFormat() == "%.1f"


@pytest.mark.parametrize(
    ("values", "ceiling"),
    [([0.0], None), ([61.0, 58.0], None), ([0.0, 0.4], None), ([1.5, 1.7], None),
     ([100.0, 95.0], 100.0), ([163.0, 120.0, 160.0], None), ([2.26], None)],
)  # fmt: skip
def test_axis_labels_differ_and_carry_no_idle_decimals(
    qtbot: QtBot, values: list[float], ceiling: float | None
) -> None:
    # Seen on Progress: very long pauses per answer (0 after a run) on an axis labelled
    # "0.0, 0.1, 0.1, 0.2, 0.2", and a delivery index of 61 then 58 labelled "62.0, 61.0 ...".
    chart = ChartView()
    qtbot.addWidget(chart)
    chart.set_ranges(len(values), values, ceiling=ceiling)
    axis = chart.y_axis
    ticks = _ticks(axis)
    labels = [axis.labelFormat() % t for t in ticks]
    assert len(set(labels)) == len(labels), labels  # every tick reads differently
    assert all(abs(float(label) - t) < 1e-6 for label, t in zip(labels, ticks, strict=True))
    decimals = int(axis.labelFormat()[2])
    if decimals:  # one decimal fewer would no longer say what the ticks are
        shorter = [f"%.{decimals - 1}f" % t for t in ticks]
        assert any(abs(float(label) - t) > 1e-6 for label, t in zip(shorter, ticks, strict=True))
    assert len(ticks) >= 3


def _ticks(axis: QValueAxis) -> list[float]:
    """The values the axis labels, as Qt places them for either kind of ticks."""
    if axis.tickType() is QValueAxis.TickType.TicksFixed:
        step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
        return [axis.min() + k * step for k in range(axis.tickCount())]
    step, anchor = axis.tickInterval(), axis.tickAnchor()
    first = anchor + math.ceil((axis.min() - anchor) / step - 1e-9) * step
    return [first + k * step for k in range(int((axis.max() - first) / step + 1e-9) + 1)]


@pytest.mark.parametrize(
    ("values", "ceiling"),
    [([0.0, 0.0], None), ([0.0, 1.2], None), ([100.0, 90.0], 100.0), ([0.0, 100.0], 100.0)],
)
def test_a_point_on_the_end_of_the_axis_is_drawn_whole(
    qtbot: QtBot, values: list[float], ceiling: float | None
) -> None:
    # Seen on Progress: no fillers (0) in two runs, the dots cut in half by the bottom of the
    # plot and the line lying on the axis; the same for an answer 100 % on topic at the top.
    card = ChartCard("A figure")
    qtbot.addWidget(card)
    chart = card.chart
    chart.set_ranges(len(values), values, ceiling=ceiling)
    chart.add_points("A figure", [ChartPoint(k + 1, v, "") for k, v in enumerate(values)])
    card.resize(460, 300)
    card.show()
    qtbot.waitExposed(card)
    axis = chart.y_axis
    plot = chart.chart().plotArea()
    per_value = plot.height() / (axis.max() - axis.min())
    radius = 9.0 / 2
    for v in values:
        assert (v - axis.min()) * per_value >= radius and (axis.max() - v) * per_value >= radius
    ticks = _ticks(axis)
    # ... and the ticks still read as before: none below 0 or above the ceiling
    assert ticks[0] == pytest.approx(0.0) or ticks[0] > 0
    if ceiling is not None:
        assert ticks[-1] == pytest.approx(ceiling)
    assert all(axis.min() <= t <= axis.max() for t in ticks)


def test_values_that_differ_keep_an_axis_close_around_them(qtbot: QtBot) -> None:
    chart = ChartView()
    qtbot.addWidget(chart)
    chart.set_ranges(2, [70.0, 80.0])
    assert 60 <= chart.y_axis.min() < 70 and 80 < chart.y_axis.max() <= 90


def test_real_interviews_can_join_as_diamonds_in_their_own_colour(qtbot: QtBot) -> None:
    chart = ChartView()
    qtbot.addWidget(chart)
    chart.set_ranges(4, [30, 70])
    chart.add_points("Practice runs", [ChartPoint(1, 70, "Run 1"), ChartPoint(2, 50, "Run 2")])
    chart.add_points(
        "Real interviews",
        [ChartPoint(3, 60, "Interview at Acme")],
        marker="diamond",
        colour_token="interview",
        line=False,
    )
    diamonds = _scatter(chart, "Real interviews")
    assert diamonds.markerShape() == QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle
    assert diamonds.color() == design.colour("interview")
    assert _scatter(chart, "Practice runs").markerShape() == (
        QScatterSeries.MarkerShape.MarkerShapeCircle
    )
    assert "\u25c6</span>&nbsp;Real interviews" in chart.legend_html()
    assert chart.tip_at("Real interviews", 3) == "Interview at Acme"


def test_real_interviews_sit_between_the_runs_around_them_with_their_own_headline(
    qtbot: QtBot, ctx: AppContext
) -> None:
    points = history_repo.progress_points(ctx.engine)
    for company, after_run, before in (("Northwind", 1, 75), ("Fabrikam", 4, 60), ("Acme", 6, 45)):
        when = points[after_run - 1].started_at + timedelta(hours=2)
        interview, _ = interviews.add_interview(
            ctx.engine, company=company, role="Analyst", when=when.astimezone()
        )
        assert interview.id is not None
        interviews.log_interview(
            ctx.engine, interview.id, InterviewLog(nerves_before=before, nerves_after=before - 20)
        )
    interviews.add_interview(  # not rated: not drawn
        ctx.engine, company="Contoso", role="Analyst", when=datetime.now(UTC) + timedelta(days=3)
    )
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    chart = page.charts["Nerves before and after"]
    assert chart.drawn["Nerves before real interviews"] == [(1.5, 75), (4.5, 60), (6.5, 45)]
    diamonds = _scatter(chart, "Nerves before real interviews")
    assert diamonds.markerShape() == QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle
    assert diamonds.color() == design.colour("interview")
    assert chart.x_axis.max() >= 6.5 + 0.5  # the last one, after every run, is not cut off
    legend = page.cards["Nerves before and after"].legend.text()
    assert "\u25c6</span>&nbsp;Nerves before real interviews" in legend
    tip = chart.tip_at("Nerves before real interviews", 4.5)
    assert tip.startswith("Real interview: Analyst at Fabrikam") and "60 before, 40 after" in tip
    assert "Nerves before real interviews: 75, 60, 45" in page.nerves_lines.text()
    assert "Nerves before practice runs:" in page.nerves_lines.text()
    assert "Nerves before real interviews: 75, 60, 45." in chart.accessibleDescription()


def test_without_real_interviews_the_chart_has_no_diamonds(qtbot: QtBot, ctx: AppContext) -> None:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert "Nerves before real interviews" not in page.charts["Nerves before and after"].drawn
    assert page.nerves_lines.isHidden()  # practice alone: the headline above already says it


def _points(n: int, *, nerves: tuple[float | None, ...] = ()) -> list[ProgressPoint]:
    t0 = datetime(2022, 1, 3, 9, tzinfo=UTC)
    return [
        ProgressPoint(
            i,
            t0 + timedelta(hours=12 * i),
            nerves[i] if nerves else 80 - i * 0.02,
            50,
            60,
            70,
            4,
            140,
            1,
            2,
        )
        for i in range(n)
    ]


def test_two_thousand_sessions_become_weekly_means_over_run_ranges() -> None:
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
    # The means cover every run once, in order, and sit in the middle of their runs.
    assert series.spans[0][0] == 1 and series.spans[-1][1] == 2000
    assert all(b[0] == a[1] + 1 for a, b in zip(series.spans, series.spans[1:], strict=False))
    assert series.runs == tuple((a + b) / 2 for a, b in series.spans)
    few = series_for(points[:100], "nerves_before")
    assert few.grouping == "session" and len(few.values) == 100
    assert few.runs == tuple(float(n) for n in range(1, 101))
    weekly = series_for(points[:400], "nerves_before")  # 200 days: 29 weeks
    assert weekly.grouping == "week" and 28 <= len(weekly.values) <= 30
    assert sum(1 for _ in weekly.times) == len(weekly.baseline) == len(weekly.runs)
    tip = point_tip(FIGURES_BY_KEY["nerves_before"], weekly, 1)
    first, last = weekly.spans[1]
    assert tip.startswith(f"Runs {first}\u2013{last} · week of Mon 10 Jan 2022\nNerves before: ")
    assert tip.endswith(" of 100 on average")


def test_unrated_runs_in_a_long_history_keep_their_run_numbers() -> None:
    nerves = tuple(None if i % 2 else 80.0 for i in range(400))
    series = series_for(_points(400, nerves=nerves), "nerves_before")
    assert series.grouping == "week"
    assert series.spans[0][0] == 1 and series.spans[-1][1] == 399  # run 400 was not rated


def test_baseline_and_headline_rules() -> None:
    assert rolling_baseline([10, 20, 30, 40, 50, 60, 70]) == [None, 10, 15, 20, 25, 30, 40]
    lines = headline(_points(12))
    assert lines[0] == "Your nerves before a run: 80 at first, 80 over your last 3 runs."
    assert lines[1] == "Your nerves after a run: 50 at first, 50 over your last 3 runs."
    assert "Fillers per minute: 4.0 at first, 4.0 over your last 3 runs." in lines
    assert headline([])[0].startswith("No runs yet.")


def test_headline_counts_runs_in_words() -> None:
    def lead(*nerves: float | None) -> str:
        return headline(_points(len(nerves), nerves=nerves))[0]

    assert lead(70) == "Your nerves before a run: 70 on your first run."
    assert lead(70, 55) == "Your nerves before a run: 70 at first, 55 on your last run."
    assert lead(70, 60, 50) == "Your nerves before a run: 70 at first, 55 over your last 2 runs."
    assert lead(70, 60, 50, 40, 30) == (
        "Your nerves before a run: 70 at first, 40 over your last 3 runs."
    )
    first = headline(_points(1, nerves=(70,)))
    assert first[1] == (
        "After your next run, this page shows how your nerves and your delivery change from "
        "run to run."
    )
    # Nerves never rated: the headline leads with what was measured.
    assert lead(None, None) == "Your nerves after a run: 50 at first, 50 on your last run."


def test_what_to_expect_is_said_for_the_first_three_runs_only() -> None:
    assert [expect_note(_points(n)) for n in (0, 1, 2, 3)] == [EXPECT] * 4
    assert expect_note(_points(4)) is None


ON_TOPIC_CHART = "On topic (% of each answer)"
PITCH_CHART = "Pitch variation (semitones)"


def test_on_topic_and_pitch_variation_are_charted_and_older_runs_are_gaps(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    """Two runs from before issue 16 (no on-topic judgement, no voice), then three judged and
    recorded runs: the two new charts show the three runs' means, by run number 3-5."""
    db = open_store(app_paths)
    seed_history(db.engine, sessions=2, start=datetime(2026, 8, 1, tzinfo=UTC), days=5)
    judged = seed_history(db.engine, sessions=3, days=10, seed=3, judged_from=0)
    ctx = AppContext(db.engine, app_paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    expected_topic, expected_pitch = [], []
    for session_id in judged:
        answers = [
            AnswerMetrics.from_dict(a.metrics).values()
            for a in sessions_repo.get_session(db.engine, session_id).answers
        ]
        topic_values = [v["on_topic"] for v in answers if v["on_topic"] is not None]
        pitch_values = [v["pitch_variation"] for v in answers if v["pitch_variation"] is not None]
        expected_topic.append(100 * sum(topic_values) / len(topic_values))
        expected_pitch.append(sum(pitch_values) / len(pitch_values))
    topic = page.charts[ON_TOPIC_CHART].drawn
    pitch = page.charts[PITCH_CHART].drawn
    assert [x for x, _ in topic["On topic (% of the answer)"]] == [3, 4, 5]  # 1-2: gaps
    assert [y for _, y in topic["On topic (% of the answer)"]] == pytest.approx(expected_topic)
    assert [x for x, _ in pitch["Pitch variation (semitones)"]] == [3, 4, 5]
    assert [y for _, y in pitch["Pitch variation (semitones)"]] == pytest.approx(expected_pitch)
    assert 0 not in [y for _, y in topic["On topic (% of the answer)"]]
    # The comfortable ranges of the feedback screen, in the chart's units.
    assert topic["comfortable range"] == [(85.0, 100.0)]
    # a share never passes 100 %: no tick above it (the axis may leave a dot's room beyond)
    assert _ticks(page.charts[ON_TOPIC_CHART].y_axis)[-1] == pytest.approx(100)
    assert page.charts[ON_TOPIC_CHART].y_axis.max() <= 100 * (1 + END_ROOM)
    assert pitch["comfortable range"][0][0] == 2.0
    tip = page.charts[PITCH_CHART].tips["Pitch variation (semitones)"][0]
    assert tip.startswith("Run 3 · ") and tip.endswith(f"{expected_pitch[0]:.1f} semitones")
    description = page.charts[ON_TOPIC_CHART].accessibleDescription()
    assert description.startswith(f"On topic (% of the answer): {expected_topic[0]:.0f} at first")


def test_runs_without_a_figure_break_its_line_instead_of_bridging_them(qtbot: QtBot) -> None:
    day = datetime(2026, 12, 2, 9, tzinfo=UTC)
    figures = (None, 80.0, 72.0, None, 90.0)  # run 1 before issue 16, run 4 typed
    points = [
        ProgressPoint(i + 1, day + timedelta(hours=i), 50, 40, 60, 70, 3, 140, 0, 2, v, None)
        for i, v in enumerate(figures)
    ]
    series = series_for(points, "on_topic")
    assert series.runs == (2.0, 3.0, 5.0) and series.gaps() == [2]
    chart = ChartView()
    qtbot.addWidget(chart)
    chart.set_ranges(5, list(series.values))
    chart.add_points(
        "On topic",
        [ChartPoint(x, y, "") for x, y in zip(series.runs, series.values, strict=True)],
        breaks=series.gaps(),
    )
    lines = [s for s in chart.chart().series() if isinstance(s, QLineSeries)]
    assert [[(p.x(), p.y()) for p in s.points()] for s in lines] == [[(2.0, 80.0), (3.0, 72.0)]]
    assert len(_scatter(chart, "On topic").points()) == 3  # run 5 is a dot on its own
    assert series_for(points, "pitch_variation").values == ()  # never measured: nothing drawn
