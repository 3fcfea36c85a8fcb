"""A transcript as HTML with fillers, hedges and long pauses marked, for QTextBrowser/QLabel."""

from __future__ import annotations

import html

from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.tokens import Span
from greenroom.core.transcript import Transcript, Word

FILLER_STYLE = "background-color:#f6d67a; color:#222;"
HEDGE_STYLE = "text-decoration:underline; color:#2f6fb3;"
PAUSE_STYLE = "color:#b3412f; font-weight:600;"


def _covered(word: Word, index: int, spans: tuple[Span, ...]) -> bool:
    for span in spans:
        if span.start is not None and span.end is not None and word.end > word.start:
            if word.start >= span.start - 0.01 and word.end <= span.end + 0.01:
                return True
        elif span.start is None and span.index == index:
            return True
    return False


def transcript_html(transcript: Transcript, metrics: AnswerMetrics) -> str:
    """Words with fillers highlighted, hedges underlined and long pauses shown as [2.8 s]."""
    if not transcript.words:
        return "<i>No words were recognised in this answer.</i>"
    long_pauses = [p for p in metrics.pauses.pauses if p.kind in ("long", "very long", "very_long")]
    parts: list[str] = []
    for index, word in enumerate(transcript.words):
        for pause in long_pauses:
            if parts and abs(pause.end - word.start) < 0.6 and pause.start < word.start:
                parts.append(f'<span style="{PAUSE_STYLE}">[{pause.duration:.1f} s]</span>')
                long_pauses.remove(pause)
                break
        text = html.escape(word.text.strip())
        if _covered(word, index, metrics.fillers.occurrences):
            text = f'<span style="{FILLER_STYLE}">{text}</span>'
        elif _covered(word, index, metrics.hedges.occurrences):
            text = f'<span style="{HEDGE_STYLE}">{text}</span>'
        parts.append(text)
    return " ".join(parts)


LEGEND = (
    f'<span style="{FILLER_STYLE}">filler</span> · <span style="{HEDGE_STYLE}">hedge</span> · '
    f'<span style="{PAUSE_STYLE}">[long pause]</span>'
)
