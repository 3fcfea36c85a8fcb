"""Item 8: a nerves rating is unset until the user sets it (or skips); unset is never compared."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionSlider
from pytestqt.qtbot import QtBot

from greenroom.analysis.session import SelfReport, compare, summarize_session
from greenroom.ui.nerves_picture import NervesPicture
from greenroom.ui.practice.nerves_view import NervesView
from greenroom.ui.practice.results import SessionResult
from greenroom.ui.practice.summary_view import changes_words, summary_html


def _view(qtbot: QtBot, *, after: bool) -> tuple[NervesView, list[tuple[object, object]]]:
    view = NervesView(after=after)
    qtbot.addWidget(view)
    view.show()
    view.reset()
    sent: list[tuple[object, object]] = []
    view.submitted.connect(lambda n, c: sent.append((n, c)))
    return view, sent


def test_an_untouched_rating_is_unset_and_cannot_be_submitted_as_50(qtbot: QtBot) -> None:
    view, sent = _view(qtbot, after=False)
    assert view.nerves.value is None and view.nerves.shown.text() == "–"
    assert view.nerves.hint.isVisible()
    assert not view.go.isEnabled()
    QTest.mouseClick(view.go, Qt.MouseButton.LeftButton)
    assert sent == []


def test_the_keyboard_sets_a_rating(qtbot: QtBot) -> None:
    view, sent = _view(qtbot, after=False)
    view.nerves.slider.setFocus()
    QTest.keyClick(view.nerves.slider, Qt.Key.Key_Right)
    assert view.nerves.value == 51 and view.go.isEnabled()
    assert not view.nerves.hint.isVisible()
    QTest.mouseClick(view.go, Qt.MouseButton.LeftButton)
    assert sent == [(51, None)]


@pytest.mark.parametrize("aim", [20, 85])
def test_a_click_on_the_scale_sets_the_value_under_the_pointer(qtbot: QtBot, aim: int) -> None:
    # Seen by hand: a click aimed at 20 gave 40 (Qt steps 10 from the middle towards it).
    view, sent = _view(qtbot, after=False)
    view.resize(900, 500)
    qtbot.waitExposed(view)
    slider = view.nerves.slider
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    style = slider.style()
    groove = style.subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, slider
    )
    handle = style.subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    x = groove.x() + handle.width() // 2 + round(aim / 100 * (groove.width() - handle.width()))
    QTest.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
    assert view.nerves.value is not None and abs(view.nerves.value - aim) <= 2
    assert view.nerves.shown.text() == str(view.nerves.value)
    QTest.mouseClick(view.go, Qt.MouseButton.LeftButton)
    assert sent == [(view.nerves.value, None)]


def test_pressing_the_handle_where_it_is_sets_that_value(qtbot: QtBot) -> None:
    view, _ = _view(qtbot, after=False)
    view.nerves.slider.sliderPressed.emit()  # what a press on the handle sends, value unchanged
    assert view.nerves.value == 50


def test_setting_the_first_rating_does_not_move_the_second_under_the_pointer(qtbot: QtBot) -> None:
    # Seen by hand: the first rating's hint went away when it was set, the confidence slider
    # jumped 24 px up, and a click aimed at it a moment later landed beside it.
    view, _ = _view(qtbot, after=True)
    view.resize(900, 700)
    qtbot.waitExposed(view)
    slider = view.confidence.slider
    before = slider.mapTo(view, slider.rect().center())
    point = view.nerves.slider.rect().center()
    QTest.mouseClick(view.nerves.slider, Qt.MouseButton.LeftButton, pos=point)
    assert view.nerves.value is not None and not view.nerves.hint.isVisible()
    qtbot.wait(50)  # let the layout settle as it would between two clicks
    assert view.childAt(before) is slider
    QTest.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.mapFrom(view, before))
    assert view.confidence.value is not None


def test_skip_goes_on_with_unset_ratings(qtbot: QtBot) -> None:
    view, sent = _view(qtbot, after=True)
    view.nerves.set_value(35)
    assert not view.go.isEnabled()  # confidence is still unset
    QTest.mouseClick(view.skip, Qt.MouseButton.LeftButton)
    assert sent == [(35, None)]
    view.reset()
    assert view.nerves.value is None and view.confidence.value is None


def test_an_unset_after_rating_is_never_compared() -> None:
    summary = summarize_session([], report=SelfReport(nerves_before=60, nerves_after=None))
    earlier = summarize_session([], report=SelfReport(nerves_before=70, nerves_after=20))
    changes = {c.key: c for c in compare(summary, [earlier])}
    assert changes["nerves_after"].direction is None
    result = SessionResult(summary, list(changes.values()), [], None, None, first_session=False)
    text = summary_html(result)
    assert "Nerves:" not in text and "worse" not in text


def test_the_summary_picture_never_cuts_not_rated(qtbot: QtBot) -> None:
    """The value column is as wide as "not rated": its last letters stay on the picture."""
    picture = NervesPicture()
    qtbot.addWidget(picture)
    picture.resize(1050, 140)
    picture.show_nerves(60, None)
    picture.show()
    qtbot.waitExposed(picture)
    bars = picture.bars
    image = bars.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = QColor(image.pixel(image.width() - 1, 2))
    after_row = range(46, min(image.height(), 70))
    # nothing but background in the last 4 columns: the words end before the edge
    edge = {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width() - 4, image.width())
        for y in after_row
    }
    assert edge == {background.name()}, edge


@pytest.mark.parametrize("runs", [1, 3])
def test_a_change_against_one_earlier_run_is_not_called_usual(runs: int) -> None:
    # Seen on the second run's summary: "Calmer than usual after the run (10 against about 16)",
    # the "usual" being a single run.
    summary = summarize_session([], report=SelfReport(nerves_before=30, nerves_after=10))
    earlier = [
        summarize_session([], report=SelfReport(nerves_before=30, nerves_after=40))
        for _ in range(runs)
    ]
    changes = compare(summary, earlier)
    result = SessionResult(
        summary, changes, [], None, None, first_session=False, baseline_sessions=runs
    )
    text = summary_html(result)
    if runs == 1:
        assert "Calmer than last time after the run (10 against 40)." in text
        assert "usual" not in text and "about 40" not in text
    else:
        assert "Calmer than usual after the run (10 against about 40)." in text
    same = SessionResult(summary, [], [], None, None, first_session=False, baseline_sessions=runs)
    assert ("as your last run." if runs == 1 else "as your last 3 runs.") in summary_html(same)


def test_fillers_are_compared_once_and_in_their_unit() -> None:
    # Seen on a summary: "More fillers than last time (1.4 against 0)." and on the next line
    # "More fillers than last time (0.8 against 0).", a minute and per 100 words, unlabelled.
    from greenroom.analysis.session import Change

    summary = summarize_session([], report=SelfReport(nerves_before=30, nerves_after=None))
    changes = [
        Change("fillers_per_minute", 1.4, 0.0, 0.0, "worse"),
        Change("fillers_per_100_words", 0.8, 0.0, 0.0, "worse"),
    ]
    result = SessionResult(
        summary, changes, [], None, None, first_session=False, baseline_sessions=1
    )
    said = changes_words(result)
    assert said == ["More fillers than last time (1.4 a minute against 0 a minute)."]
    # per 100 words is said when it is the only filler figure that moved
    alone = SessionResult(
        summary, changes[1:], [], None, None, first_session=False, baseline_sessions=3
    )
    assert changes_words(alone) == [
        "More fillers than usual (0.8 in 100 words against about 0 in 100 words)."
    ]
