"""A session's answers as a list that shows each question in full (wrapped, never cut) and is
exactly as tall as its items, so the page scrolls rather than the list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSizePolicy, QWidget

from greenroom.core.session import Answer, AnswerKind
from greenroom.ui import widgets


def answer_label(answer: Answer) -> str:
    """The list's first line for an answer: "Answer 2 · take 2 · no answer", "Answer 3 ·
    follow-up" (the interviewer's follow-up to the answer before it)."""
    parts = [f"Answer {answer.position + 1}"]
    if answer.is_follow_up:
        parts.append("follow-up")
    if answer.take > 1:
        parts.append(f"take {answer.take}")
    if answer.kind is AnswerKind.SKIPPED:
        parts.append("skipped")
    elif answer.no_answer:
        parts.append("no answer")
    elif answer.kind is AnswerKind.TYPED:
        parts.append("typed")
    return " · ".join(parts)


class AnswerListView(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your answers in this session")
        self.setAccessibleDescription("Choose an answer to read its feedback and hear it again")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSpacing(3)
        self.setItemDelegate(widgets.FullWidthItemDelegate(self))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._refit = QTimer(self)  # item heights settle after the layout pass a resize starts
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)

    def show_answers(self, answers: Sequence[Answer]) -> None:
        self.clear()
        for a in answers:
            item = QListWidgetItem(f"{answer_label(a)}\n{a.question_text}")
            item.setToolTip(a.question_text)
            self.addItem(item)
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit.start()

    def _fit(self) -> None:
        self.doItemsLayout()
        last = self.item(self.count() - 1) if self.count() else None
        bottom = self.visualItemRect(last).bottom() + self.verticalOffset() if last else 0
        height = bottom + self.spacing() + 2 * self.frameWidth() + 4
        if height != self.height():
            self.setFixedHeight(max(height, 40))
