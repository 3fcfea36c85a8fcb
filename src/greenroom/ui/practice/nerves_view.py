"""The 0-100 self-reports before and after a session (Subjective Units of Distress).

A rating starts *unset*: a slider left where it began is not a rating of 50, and comparing an
untouched "after" with a real "before" once told a user their nerves got worse. The main button
waits until every scale has been set; "Skip" goes on with whatever is unset stored as unknown,
and an unknown rating is never compared.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from greenroom.ui import widgets

WHY = (
    "We ask so you can see your nerves fall over repeated runs: your own numbers, "
    "stored only on this computer."
)
UNSET_TEXT = "–"
UNSET_HINT = "Not set yet: drag the slider, click on it or use the arrow keys."


class RatingSlider(QSlider):
    """A click on the groove puts the handle where the click is, and the drag goes on from
    there. Qt's own click steps 10 towards the pointer: aiming at 20 from 50 gave 40."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            style, slider = self.style(), QStyle.ComplexControl.CC_Slider
            handle = style.subControlRect(slider, option, QStyle.SubControl.SC_SliderHandle, self)
            if not handle.contains(event.position().toPoint()):
                groove = style.subControlRect(
                    slider, option, QStyle.SubControl.SC_SliderGroove, self
                )
                x = round(event.position().x() - groove.x() - handle.width() / 2)
                span = groove.width() - handle.width()
                self.setSliderPosition(
                    QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
                )
        super().mousePressEvent(event)  # now on the handle: a press, then a drag


class RatingScale(QWidget):
    """A 0-100 slider whose value is None until the user touches it."""

    changed = Signal()

    def __init__(self, question: str, low: str, high: str) -> None:
        super().__init__()
        self.label = QLabel(question)
        self.label.setObjectName("questionText")
        self.label.setWordWrap(True)
        self.slider = RatingSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setAccessibleName(question)
        scale = f"0 means {low.split(' ', 1)[1]}, 100 {high.split(' ', 1)[1]}"
        self.slider.setAccessibleDescription(f"{scale}; not set until you move it")
        self.shown = QLabel()
        self.shown.setObjectName("bigTimer")
        self.shown.setMinimumWidth(120)
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Wrapped: unwrapped, it set the width of Interviews' side. Hidden once set, but its
        # line is kept: the scale below must not jump up under a pointer on its way to it.
        self.hint = widgets.hint(UNSET_HINT)
        keep = self.hint.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.hint.setSizePolicy(keep)
        self._value: int | None = None
        # Any user action on the slider sets the rating, even one that leaves the handle where
        # it was (a click on the handle at 50); setValue from code does not.
        self.slider.actionTriggered.connect(self._on_slider_touched)
        self.slider.sliderPressed.connect(self._on_slider_touched)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        ends = QHBoxLayout()
        ends.addWidget(QLabel(low))
        ends.addStretch(1)
        ends.addWidget(QLabel(high))
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addLayout(ends)
        layout.addWidget(self.hint)
        self.reset()

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int) -> None:
        """Set the rating as the user would."""
        self.slider.setValue(value)
        self._set(value)

    def reset(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(50)
        self.slider.blockSignals(False)
        self._value = None
        self._show()

    def _on_slider_touched(self, *_: object) -> None:
        # actionTriggered fires before the slider moves: read the value once it has.
        self._set(self.slider.sliderPosition())

    def _on_slider_value_changed(self, value: int) -> None:
        if self._value is not None:  # once set, the shown value follows the handle
            self._set(value)

    def _set(self, value: int) -> None:
        self._value = value
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        unset = self._value is None
        self.shown.setText(UNSET_TEXT if unset else str(self._value))
        self.shown.setAccessibleName("not set" if unset else f"{self._value} of 100")
        self.hint.setVisible(unset)
        if bool(self.slider.property("unset")) != unset:  # a dashed handle until touched
            self.slider.setProperty("unset", unset)
            self.slider.style().unpolish(self.slider)
            self.slider.style().polish(self.slider)


class NervesView(QWidget):
    """Before: nerves only; after: nerves and confidence. Emits ``submitted``."""

    submitted = Signal(object, object)  # nerves, confidence: int or None (unset or not asked)

    def __init__(self, *, after: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.after = after
        title = QLabel("How did that feel?" if after else "Before you start")
        title.setObjectName("pageTitle")
        self.nerves = RatingScale(
            "How nervous do you feel now?" if after else "How nervous do you feel right now?",
            "0 calm",
            "100 the most anxious you can imagine",
        )
        self.confidence = RatingScale(
            "How confident do you feel about interviews now?", "0 not at all", "100 completely"
        )
        self.confidence.setVisible(after)
        why = widgets.hint(WHY)
        self.go = widgets.button(
            "&See my summary" if after else "&Start",
            role="primary",
            icon="next",
            description="Go on with these ratings (Enter)",
        )
        self.go.clicked.connect(self._on_go_clicked)
        self.skip = widgets.button(
            "S&kip rating" if not after else "S&kip the rest",
            role="quiet",
            description="Go on without a rating; nothing is compared with a missing one",
        )
        self.skip.clicked.connect(self._on_go_clicked)
        for scale in self._scales():
            scale.changed.connect(self._update_buttons)
        # Enter goes on once the ratings are set, so the check-in needs no mouse.
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(self._on_enter_pressed)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.nerves)
        layout.addWidget(self.confidence)
        layout.addWidget(why)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip)
        row.addWidget(self.go)
        layout.addLayout(row)
        self._update_buttons()

    def reset(self) -> None:
        for scale in self._scales():
            scale.reset()
        self._update_buttons()
        self.nerves.slider.setFocus()

    def _scales(self) -> list[RatingScale]:
        return [self.nerves, self.confidence] if self.after else [self.nerves]

    def _update_buttons(self) -> None:
        self.go.setEnabled(all(s.value is not None for s in self._scales()))

    def _on_enter_pressed(self) -> None:
        if self.go.isEnabled():
            self.go.click()

    def _on_go_clicked(self) -> None:
        self.submitted.emit(self.nerves.value, self.confidence.value if self.after else None)
