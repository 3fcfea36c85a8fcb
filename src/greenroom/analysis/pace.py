"""Pace: speaking rate, articulation rate, first-word latency, and pace over time.

Speaking rate counts the pauses (words per minute from the first word to the last);
articulation rate leaves them out (words per minute of speech). Together they separate a slow
talker from a fast talker who pauses a lot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.tokens import Token, opt_float

WINDOW = 10.0  # seconds per pace window: long enough to hold a sentence or two
MIN_TIME = 0.1  # less time than a syllable cannot give a meaningful rate
OPENING_WORDS = 4  # enough to recognise where an answer began


@dataclass(frozen=True, slots=True)
class PaceWindow:
    """Words per minute in one stretch of the answer (for stress moments and charts)."""

    start: float
    end: float
    rate: float

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "rate": self.rate}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaceWindow:
        return cls(float(data["start"]), float(data["end"]), float(data["rate"]))


@dataclass(frozen=True, slots=True)
class PaceStats:
    """Rates in words per minute; None when the answer has no timings or too few words.

    Attributes:
        speaking_rate: words / (last word end - first word start) x 60.
        articulation_rate: words / time inside speech x 60.
        first_word_latency: Seconds from the answer start to the first speech.
        source: "vad" when speech time and latency came from the VAD, "word gaps" when they
            came from word timings (approximate), "none" without timings.
        windows: Pace per 10 s window.
        opening: The answer's first words (where first-word-latency feedback points); ""
            without timings and in metrics stored before 2026-12-03.
    """

    speaking_rate: float | None
    articulation_rate: float | None
    first_word_latency: float | None
    source: str
    windows: tuple[PaceWindow, ...] = ()
    opening: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaking_rate": self.speaking_rate,
            "articulation_rate": self.articulation_rate,
            "first_word_latency": self.first_word_latency,
            "source": self.source,
            "windows": [w.to_dict() for w in self.windows],
            "opening": self.opening,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaceStats:
        return cls(
            speaking_rate=opt_float(data.get("speaking_rate")),
            articulation_rate=opt_float(data.get("articulation_rate")),
            first_word_latency=opt_float(data.get("first_word_latency")),
            source=str(data.get("source", "none")),
            windows=tuple(PaceWindow.from_dict(w) for w in data.get("windows", [])),
            opening=str(data.get("opening", "")),
        )


def speaking_span(tokens: Sequence[Token]) -> float:
    """Seconds from the first word's start to the last word's end (0 for under two words)."""
    if len(tokens) < 2:
        return 0.0
    return max(0.0, max(t.end for t in tokens) - tokens[0].start)


def speaking_rate(tokens: Sequence[Token]) -> float | None:
    """Words per minute over the speaking span; None when the span is empty."""
    span = speaking_span(tokens)
    return len(tokens) * 60.0 / span if span >= MIN_TIME else None


def articulation_rate(word_count: int, speech_time: float) -> float | None:
    """Words per minute of speech; None without speech time."""
    return word_count * 60.0 / speech_time if speech_time >= MIN_TIME and word_count else None


def pace_windows(tokens: Sequence[Token], *, window: float = WINDOW) -> tuple[PaceWindow, ...]:
    """Words per minute in consecutive windows across the speaking span.

    A word belongs to the window holding its midpoint. A last window shorter than half a
    window is folded into the one before, so a short tail cannot show a wild rate.
    """
    if len(tokens) < 2:
        return ()
    first, last = tokens[0].start, max(t.end for t in tokens)
    edges = [first]
    while edges[-1] + window < last:
        edges.append(edges[-1] + window)
    if len(edges) > 1 and last - edges[-1] < window / 2:
        edges.pop()
    edges.append(last)
    counts = [0] * (len(edges) - 1)
    k = 0
    for tok in tokens:
        mid = (tok.start + tok.end) / 2
        while k < len(counts) - 1 and mid >= edges[k + 1]:
            k += 1
        counts[k] += 1
    return tuple(
        PaceWindow(a, b, n * 60.0 / (b - a))
        for a, b, n in zip(edges, edges[1:], counts, strict=False)
        if b - a >= MIN_TIME
    )
