"""Light, dark or follow the system: Fusion style with Qt's colour-scheme hint."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# The stylesheet is a resource (resources/themes/greenroom.qss), so it can be edited as QSS.
STYLESHEET_RESOURCE = ("themes", "greenroom.qss")


def stylesheet() -> str:
    """Greenroom's Qt stylesheet, read from the installed resources."""
    return (
        resources.files("greenroom.resources")
        .joinpath(*STYLESHEET_RESOURCE)
        .read_text(encoding="utf-8")
    )


_SCHEMES = {
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
    "system": Qt.ColorScheme.Unknown,
}


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(40, 43, 48), QColor(230, 230, 230)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Highlight, QColor(46, 125, 90)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)),
    ):
        p.setColor(role, color)
    muted = QColor(120, 120, 120)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``theme`` (light | dark | system). Fusion draws the same on every platform."""
    app.setStyle("Fusion")
    QGuiApplication.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    dark = theme == "dark" or (
        theme == "system" and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    # Fusion follows the hint on most platforms; set the palette too so offscreen/Xvfb match.
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(stylesheet())
