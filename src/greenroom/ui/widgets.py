"""Small building blocks of Greenroom's look (docs/design.md): cards, buttons, headings.

A screen is a column of cards with one primary action. Buttons get their role as a dynamic
property the stylesheet knows (``role="primary" | "quiet" | "danger"``), and their icon from
Greenroom's own icon set, re-coloured when the theme changes.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greenroom.ui import design

_iconed: weakref.WeakKeyDictionary[QAbstractButton, tuple[str, str]] = weakref.WeakKeyDictionary()


def set_icon(button: QAbstractButton, name: str, tone: str = "text") -> None:
    """Give ``button`` one of Greenroom's icons; it follows the theme from then on."""
    _iconed[button] = (name, tone)
    button.setIcon(design.icon(name, tone))
    button.setIconSize(QSize(18, 18))


def refresh_icons() -> None:
    """Re-colour every icon for the theme now showing (ui/theme.py calls this)."""
    for button, (name, tone) in list(_iconed.items()):
        # Qt may have deleted a button whose Python wrapper is still referenced somewhere.
        if shiboken6.isValid(button):
            button.setIcon(design.icon(name, tone))
        else:
            del _iconed[button]


def button(
    text: str,
    *,
    role: str = "",
    icon: str | None = None,
    description: str = "",
    parent: QWidget | None = None,
) -> QPushButton:
    """A push button with a role (primary, quiet, danger or plain) and an accessible description
    (also its tooltip)."""
    b = QPushButton(text, parent)
    if role:
        b.setProperty("role", role)
    if icon:
        tone = "on_primary" if role == "primary" else ("primary" if role == "quiet" else "text")
        set_icon(b, icon, tone)
    if description:
        set_description(b, description)
    return b


def set_description(widget: QWidget, description: str) -> None:
    """What ``widget`` does, as its tooltip and for screen readers alike."""
    widget.setToolTip(description)
    widget.setAccessibleDescription(description)


def numbers_toggle(description: str, numbers: QWidget) -> QPushButton:
    """The quiet "Show the numbers" switch that keeps ``numbers`` hidden until asked for
    (docs/design.md: words first, numbers on request)."""
    toggle = button("Show the numbers", role="quiet", icon="chevron-down", description=description)
    toggle.setCheckable(True)
    numbers.setVisible(False)

    def show(shown: bool) -> None:
        numbers.setVisible(shown)
        toggle.setText("Hide the numbers" if shown else "Show the numbers")
        set_icon(toggle, "chevron-up" if shown else "chevron-down", "primary")

    toggle.toggled.connect(show)
    return toggle


def describe_control(widget: QWidget, name: str, description: str) -> None:
    """What a screen reader says for ``widget``: its name, then what it does."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


def heading(text: str, *, level: str = "pageTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(level)
    label.setWordWrap(True)
    return label


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class Card(QFrame):
    """A white (or dark) surface with rounded corners holding one idea."""

    def __init__(
        self, title: str = "", *, soft: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("softCard" if soft else "card")
        self.body = QVBoxLayout(self)
        s = design.tokens(design.current_theme()).space
        self.body.setContentsMargins(s["l"], s["m"], s["l"], s["l"])
        self.body.setSpacing(s["s"])
        self.title = heading(title, level="sectionTitle") if title else None
        if self.title is not None:
            self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            self.body.addWidget(self.title)


class FittedText(QTextBrowser):
    """Rich text that is as tall as its text at the width it is given (no inner scrolling), so
    a card holds exactly what it says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plain")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        fit_height_to_text(self)


def fit_height_to_text(view: QTextBrowser) -> None:
    """Make ``view`` exactly as tall as its text at its current width."""
    document = view.document()
    document.setTextWidth(view.viewport().width())
    margins = view.contentsMargins()
    height = int(document.size().height() + margins.top() + margins.bottom() + 2)
    if height != view.height():
        view.setFixedHeight(height)


class FlowRow(QLayout):
    """Widgets left to right at their natural size, going on to a new line when the row is
    too narrow for the next one: a row of buttons must not set the window's minimum width
    (the practice screen's five buttons alone needed 924 px)."""

    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 6, right: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._right = right  # each line against the right edge
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        width = sum(h.width() for _, h in shown) + self._gap * max(len(shown) - 1, 0)
        return self._with_margins(width, max((h.height() for _, h in shown), default=0))

    def minimumSize(self) -> QSize:
        """One item to a line: as wide as the widest."""
        shown = self._shown()
        width = max((h.width() for _, h in shown), default=0)
        return self._with_margins(width, max((h.height() for _, h in shown), default=0))

    def _shown(self) -> list[tuple[QLayoutItem, QSize]]:
        """Each item that takes room (a hidden widget takes none), with its natural size."""
        return [(item, item.sizeHint()) for item in self._items if not item.isEmpty()]

    def _with_margins(self, width: int, height: int) -> QSize:
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (when ``move``) and return the height they take at this width."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[tuple[int, list[tuple[QLayoutItem, QSize]]]] = []  # (width used, items)
        for item, hint in self._shown():
            if lines and lines[-1][0] + self._gap + hint.width() <= area.width():
                used, line = lines[-1]
                lines[-1] = (used + self._gap + hint.width(), [*line, (item, hint)])
            else:
                lines.append((hint.width(), [(item, hint)]))
        y = area.y()
        for used, line in lines:
            x = area.right() + 1 - used if self._right else area.x()
            for item, hint in line:
                if move:
                    item.setGeometry(QRect(QPoint(x, y), hint))
                x += hint.width() + self._gap
            y += max(h.height() for _, h in line) + self._gap
        return max(y - self._gap, area.y()) - rect.y() + m.bottom()


def choice_list() -> QComboBox:
    """A drop-down as wide as its layout makes it, whatever its longest item.

    Qt's default grows to the longest item whenever anything restyles it (a theme applied):
    the online engine's label made the Settings page scroll sideways. The open list is still
    as wide as its longest item, so nothing in it is cut."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


# QHeaderView::section in greenroom.qss: 6 px padding each side, font-weight 600. Qt's own size
# hint reserves a sort arrow as wide as the heading is tall (~45 px for two lines); an arrow
# drawn beside a centred heading needs about 18.
HEADING_PADDING = 12
SORT_ARROW = 18


def heading_width(header: QHeaderView, title: str) -> int:
    """The width a table heading (one line per line of ``title``) needs to be shown whole."""
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(font)
    text = max(metrics.horizontalAdvance(line) for line in title.splitlines())
    return text + HEADING_PADDING + SORT_ARROW


def set_tone(label: QLabel, object_name: str) -> None:
    """Restyle a label by its role in the stylesheet (errorText, goodText, hint...)."""
    if label.objectName() != object_name:
        label.setObjectName(object_name)
        label.style().unpolish(label)
        label.style().polish(label)


class FullWidthItemDelegate(QStyledItemDelegate):
    """Sizes a word-wrapped list's items for the width the list has now, wrapped there.

    QListView's own word wrap sized the items for its width less a scroll bar and painted them
    at their natural width, so a line could be cut ("role-speci…") with a blank line under it,
    or run under the list's edge. Here both use one width, and the view lays its items out
    again when its width changes (set here: the sizes are only right with it).
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        view.setResizeMode(QListView.ResizeMode.Adjust)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(1, self._view.viewport().width() - 2 * self._view.spacing())
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, width, 1)  # a valid rectangle: the style wraps to its width
        return QSize(width, super().sizeHint(sized, index).height())
