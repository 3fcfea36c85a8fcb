"""Light, dark or follow the system: Fusion style, a palette and a stylesheet from the tokens.

Both themes are built from resources/themes/tokens.json (ui/design.py), so every colour a
screen shows comes from one place and is contrast-checked (tests/ui/test_design.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from greenroom.ui import design
from greenroom.ui.widgets import refresh_icons

_SCHEMES = {
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
    "system": Qt.ColorScheme.Unknown,
}


def palette(theme: str) -> QPalette:
    """The Qt palette of a theme, from its colour tokens."""
    c = design.tokens(theme).colours
    p = QPalette()
    R = QPalette.ColorRole
    for role, token in (
        (R.Window, "bg"),
        (R.WindowText, "text"),
        (R.Base, "surface"),
        (R.AlternateBase, "surface_alt"),
        (R.Text, "text"),
        (R.Button, "surface"),
        (R.ButtonText, "text"),
        (R.BrightText, "on_primary"),
        (R.ToolTipBase, "surface"),
        (R.ToolTipText, "text"),
        (R.Highlight, "primary"),
        (R.HighlightedText, "on_primary"),
        (R.PlaceholderText, "text_muted"),
        (R.Link, "primary"),
        (R.Mid, "border"),
        (R.Dark, "control_border"),
    ):
        p.setColor(role, QColor(c[token]))
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["text_muted"]))
    return p


def resolve(theme: str) -> str:
    """ "light" or "dark" for a setting of light, dark or system."""
    if theme in design.THEMES:
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``theme`` (light | dark | system). Fusion draws the same on every platform."""
    app.setStyle("Fusion")
    QGuiApplication.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    shown = resolve(theme)
    design.set_theme(shown)
    font = QFont(app.font())
    font.setPointSizeF(design.tokens(shown).type["body"])
    app.setFont(font)
    # Fusion follows the hint on most platforms; set the palette too so offscreen/Xvfb match.
    app.setPalette(palette(shown))
    app.setStyleSheet(design.stylesheet(shown))
    refresh_icons()
