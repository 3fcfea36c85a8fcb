"""An answer's transcript with fillers, hedges and pauses highlighted; a click on a word
announces its time so the player can jump there."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QWidget

from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.tokens import clean_words, tokenize
from greenroom.core.transcript import Word
from greenroom.ui import design
from greenroom.ui.widgets import fit_height_to_text


def _styles() -> dict[str, str]:
    """Marks in the theme's colours: the word keeps the text colour on a soft tint."""
    text = design.hex_colour("text")
    return {
        "filler": f"background-color:{design.hex_colour('filler_bg')};color:{text};",
        "hedge": f"background-color:{design.hex_colour('hedge_bg')};color:{text};",
        "pause": f"color:{design.hex_colour('work')};font-weight:600;",
    }


@dataclass(frozen=True, slots=True)
class TranscriptWord:
    text: str
    start: float
    kind: str  # "word", "filler" or "hedge"


@dataclass(frozen=True, slots=True)
class TranscriptPause:
    start: float
    duration: float
    kind: str  # "long" or "very_long"


def transcript_items(
    words: Sequence[dict[str, Any]], metrics: AnswerMetrics | None, transcript: str
) -> list[TranscriptWord | TranscriptPause]:
    """Words (tokens, as the analysis counted them) with long pauses placed between them."""
    clean, _ = clean_words([Word.from_dict(w) for w in words], 0.0)
    tokens = tokenize(clean)
    if not tokens:  # a typed answer without words: show the text as one plain run
        return [TranscriptWord(w, 0.0, "word") for w in transcript.split()]
    kinds: dict[int, str] = {}
    if metrics is not None:
        for span in metrics.hedges.occurrences:
            for i in range(span.index, span.index + len(span.text.split())):
                kinds[i] = "hedge"
        for span in metrics.fillers.occurrences:
            for i in range(span.index, span.index + len(span.text.split())):
                kinds[i] = "filler"
    pauses = []
    if metrics is not None and metrics.timed:
        pauses = sorted((p for p in metrics.pauses.pauses if p.kind != "short"), key=_start)
    out: list[TranscriptWord | TranscriptPause] = []
    for token in tokens:
        while pauses and pauses[0].start <= token.start:
            p = pauses.pop(0)
            out.append(TranscriptPause(p.start, p.duration, p.kind))
        out.append(TranscriptWord(token.raw, token.start, kinds.get(token.index, "word")))
    return out


def _start(p: Any) -> float:
    return float(p.start)


class TranscriptView(QTextBrowser):
    """Read-only transcript; ``word_clicked`` carries the clicked word's start in seconds.

    With ``fit`` it is as tall as its text at the width it is given (no inner scrolling), for
    a page that scrolls as a whole.
    """

    word_clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, fit: bool = False) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        self.items: list[TranscriptWord | TranscriptPause] = []
        self.timed = False
        self._fit_to_text = fit
        if fit:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.document().contentsChanged.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_to_text:
            self._fit()

    def _fit(self) -> None:
        fit_height_to_text(self)

    def show_answer(
        self, words: Sequence[dict[str, Any]], metrics: AnswerMetrics | None, transcript: str
    ) -> None:
        self.items = transcript_items(words, metrics, transcript)
        self.timed = bool(metrics and metrics.timed)
        text_colour = self.palette().text().color().name()
        self.document().setDefaultStyleSheet(
            f"a {{ color: {text_colour}; text-decoration: none; }}"
        )
        self.setHtml(self._html())

    def _html(self) -> str:
        styles = _styles()
        parts: list[str] = []
        for i, item in enumerate(self.items):
            if isinstance(item, TranscriptPause):
                label = f"pause {item.duration:.1f} s"
                parts.append(
                    f'<a href="t:{item.start:.3f}" style="{styles["pause"]}">[{label}]</a>'
                )
                continue
            text = html.escape(item.text)
            style = styles.get(item.kind, "") if item.kind != "word" else ""
            if self.timed:
                parts.append(f'<a href="w:{i}" style="{style}">{text}</a>')
            else:
                parts.append(f'<span style="{style}">{text}</span>')
        legend = (
            f'<p style="font-size:small"><span style="{styles["filler"]}">filler</span> '
            f'<span style="{styles["hedge"]}">hedge</span> '
            f'<span style="{styles["pause"]}">[pause over 1 s]</span>'
            + (" · click a word to hear it" if self.timed else "")
            + "</p>"
        )
        return f'<p style="line-height:150%">{" ".join(parts)}</p>{legend}'

    def time_of(self, index: int) -> float:
        item = self.items[index]
        return item.start

    def click_word(self, index: int) -> None:
        """What a click on the ``index``-th item does (also used by tests)."""
        self.word_clicked.emit(self.time_of(index))

    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "w":
            self.click_word(int(value))
        elif kind == "t":
            self.word_clicked.emit(float(value))
