"""Greenroom's design tokens at run time: colours per theme, type scale, spacing, icons.

The tokens live in ``resources/themes/tokens.json`` (docs/design.md explains them); the
stylesheet template ``resources/themes/greenroom.qss`` refers to them as ``$name``. Code that
paints (charts, band bars, transcript marks) asks ``colour(name)`` for the current theme
instead of writing hex values, so light and dark stay in one place and are contrast-checked
together (tests/ui/test_design.py).
"""

from __future__ import annotations

import getpass
import json
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

THEMES = ("light", "dark")
# The icon SVGs draw in this colour; it is replaced with a token's colour when loaded.
_ICON_INK = "#000000"


@dataclass(frozen=True, slots=True)
class Tokens:
    colours: dict[str, str]
    type: dict[str, float]
    space: dict[str, int]
    radius: dict[str, int]


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("greenroom.resources").joinpath("themes", "tokens.json")
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


def tokens(theme: str) -> Tokens:
    raw = _raw()
    return Tokens(
        dict(raw["colours"][theme]),
        dict(raw["type"]),
        dict(raw["space"]),
        dict(raw["radius"]),
    )


def text_pairs() -> list[tuple[str, str]]:
    """Foreground/background token pairs used for text (each must reach 4.5:1)."""
    return [(a, b) for a, b in _raw()["text_pairs"]]


def control_pairs() -> list[tuple[str, str]]:
    """Control boundaries and graphics against their backgrounds (each must reach 3:1)."""
    return [(a, b) for a, b in _raw()["control_pairs"]]


_current = {"theme": "light"}


def set_theme(theme: str) -> None:
    """Remember which theme is showing (ui/theme.py calls this when it applies one)."""
    _current["theme"] = theme if theme in THEMES else "light"
    _icon.cache_clear()


def current_theme() -> str:
    return _current["theme"]


def colour(name: str) -> QColor:
    """A colour token of the current theme."""
    return QColor(tokens(current_theme()).colours[name])


def hex_colour(name: str) -> str:
    return tokens(current_theme()).colours[name]


def stylesheet(theme: str) -> str:
    """The Qt stylesheet with the theme's tokens filled in."""
    t = tokens(theme)
    values: dict[str, object] = dict(t.colours)
    values.update({f"type_{k}": v for k, v in t.type.items()})
    values.update({f"space_{k}": v for k, v in t.space.items()})
    values.update({f"radius_{k}": v for k, v in t.radius.items()})
    for key, (name, tone) in {
        "check_icon": ("check", "on_primary"),
        "dot_icon": ("dot", "on_primary"),
        "up_icon": ("chevron-up", "text"),
        "down_icon": ("chevron-down", "text"),
    }.items():
        values[key] = _themed_icon_file(name, tone, theme).as_posix()
    template = (
        resources.files("greenroom.resources")
        .joinpath("themes", "greenroom.qss")
        .read_text(encoding="utf-8")
    )
    return Template(template).substitute(values)


def _svg(name: str, tone: str, theme: str) -> str:
    return (
        resources.files("greenroom.resources")
        .joinpath("icons", "ui", f"{name}.svg")
        .read_text(encoding="utf-8")
        .replace(_ICON_INK, tokens(theme).colours[tone])
    )


def _themed_icon_file(name: str, tone: str, theme: str) -> Path:
    """An icon coloured for a theme, as a file: Qt stylesheets take images by path only."""
    folder = Path(tempfile.gettempdir()) / f"greenroom-{getpass.getuser()}-icons"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{tone}-{theme}.svg"
    svg = _svg(name, tone, theme)
    if not path.exists() or path.read_text(encoding="utf-8") != svg:
        path.write_text(svg, encoding="utf-8")
    return path


def icon(name: str, tone: str = "text") -> QIcon:
    """One of Greenroom's own icons (resources/icons/ui/<name>.svg), drawn in a colour token."""
    return _icon(name, tone, current_theme())


@cache
def _icon(name: str, tone: str, theme: str) -> QIcon:
    renderer = QSvgRenderer(QByteArray(_svg(name, tone, theme).encode("utf-8")))
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result


def relative_luminance(colour_hex: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    c = QColor(colour_hex)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
