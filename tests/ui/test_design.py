"""The design tokens themselves: every text and control colour pair of both themes meets WCAG AA,
both themes name the same tokens, the stylesheet fills completely, every shipped icon draws."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from PySide6.QtWidgets import QApplication

from greenroom.ui import design


@pytest.mark.parametrize("theme", design.THEMES)
def test_every_text_pair_reaches_4_5_to_1(theme: str) -> None:
    colours = design.tokens(theme).colours
    low = [
        f"{fg} on {bg}: {design.contrast_ratio(colours[fg], colours[bg]):.2f}"
        for fg, bg in design.text_pairs()
        if design.contrast_ratio(colours[fg], colours[bg]) < 4.5
    ]
    assert not low, f"{theme}: text below AA: {low}"


@pytest.mark.parametrize("theme", design.THEMES)
def test_every_control_pair_reaches_3_to_1(theme: str) -> None:
    colours = design.tokens(theme).colours
    low = [
        f"{fg} on {bg}: {design.contrast_ratio(colours[fg], colours[bg]):.2f}"
        for fg, bg in design.control_pairs()
        if design.contrast_ratio(colours[fg], colours[bg]) < 3.0
    ]
    assert not low, f"{theme}: controls below 3:1: {low}"


def test_the_pairs_cover_the_text_tokens_and_both_themes_name_the_same_tokens() -> None:
    light, dark = (set(design.tokens(t).colours) for t in design.THEMES)
    assert light == dark
    used = {name for pair in design.text_pairs() + design.control_pairs() for name in pair}
    assert used <= light, used - light
    assert {"text", "text_muted", "surface"} <= used


def test_contrast_ratio_matches_wcag() -> None:
    assert design.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert design.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert design.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", design.THEMES)
def test_the_stylesheet_fills_every_placeholder(theme: str) -> None:
    sheet = re.sub(r"/\*.*?\*/", "", design.stylesheet(theme), flags=re.DOTALL)  # not comments
    assert "$" not in sheet
    assert design.tokens(theme).colours["surface"] in sheet


def test_every_shipped_icon_draws_in_both_themes(qapp: QApplication) -> None:
    folder = resources.files("greenroom.resources").joinpath("icons", "ui")
    names = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".svg"))
    assert len(names) >= 20
    try:
        for theme in design.THEMES:
            design.set_theme(theme)
            blank = [n for n in names if design.icon(n).pixmap(18, 18).toImage().isNull()]
            assert not blank, f"{theme}: icons that do not draw: {blank}"
    finally:
        design.set_theme("light")


@pytest.mark.parametrize("theme", design.THEMES)
def test_a_disabled_danger_button_looks_disabled(qtbot, theme: str) -> None:
    # Seen on Interviews with nothing chosen (and History's Delete during a run): the disabled
    # "Delete" kept its red, because the danger rule outranked QPushButton:disabled.
    from PySide6.QtGui import QColor

    from greenroom.ui import widgets
    from greenroom.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        button = widgets.button("Delete session", role="danger")
        qtbot.addWidget(button)
        button.show()
        qtbot.waitExposed(button)
        danger = QColor(design.tokens(theme).colours["danger"])

        def red_pixels() -> int:
            image = button.grab().toImage()
            return sum(
                1
                for x in range(image.width())
                for y in range(image.height())
                if max(
                    abs(image.pixelColor(x, y).red() - danger.red()),
                    abs(image.pixelColor(x, y).green() - danger.green()),
                    abs(image.pixelColor(x, y).blue() - danger.blue()),
                )
                < 24
            )

        assert red_pixels() > 20  # enabled: its words are in the danger colour
        button.setEnabled(False)
        assert red_pixels() == 0
    finally:
        apply_theme(app, "light")
