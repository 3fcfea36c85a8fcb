"""Two takes of the same question side by side: figures and transcripts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenroom.analysis import bands
from greenroom.core.session import Answer
from greenroom.ui.history.answer_view import metrics_of
from greenroom.ui.history.metrics_view import SHOWN, format_value
from greenroom.ui.history.transcript_view import TranscriptView


def compare_rows(left: Answer, right: Answer) -> list[tuple[str, str, str]]:
    """(figure, left value, right value) for every figure either take has."""
    lv = (m.values() if (m := metrics_of(left)) else {}) | {"delivery_index": left.delivery_index}
    rv = (m.values() if (m := metrics_of(right)) else {}) | {"delivery_index": right.delivery_index}
    rows = [("Delivery index", _idx(left.delivery_index), _idx(right.delivery_index))]
    for key in SHOWN:
        if lv.get(key) is None and rv.get(key) is None:
            continue
        rows.append(
            (bands.BANDS[key].label, format_value(key, lv.get(key)), format_value(key, rv.get(key)))
        )
    return rows


def _idx(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


class CompareView(QWidget):
    def __init__(self, left: Answer, right: Answer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = compare_rows(left, right)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Figure", f"Take {left.take}", f"Take {right.take}"])
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.left = TranscriptView()
        self.right = TranscriptView()
        self.left.show_answer(left.words, metrics_of(left), left.transcript)
        self.right.show_answer(right.words, metrics_of(right), right.transcript)
        grid = QGridLayout(self)
        question = QLabel(left.question_text)
        question.setWordWrap(True)
        question.setObjectName("questionText")
        grid.addWidget(question, 0, 0, 1, 2)
        grid.addWidget(self.table, 1, 0, 1, 2)
        grid.addWidget(QLabel(f"Take {left.take}"), 2, 0)
        grid.addWidget(QLabel(f"Take {right.take}"), 2, 1)
        grid.addWidget(self.left, 3, 0)
        grid.addWidget(self.right, 3, 1)


class CompareDialog(QDialog):
    def __init__(self, left: Answer, right: Answer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare takes")
        self.view = CompareView(left, right)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(1000, 650)
