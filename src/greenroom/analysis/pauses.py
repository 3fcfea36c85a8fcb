"""Pauses: silences between speech inside the answer, in three classes.

Pauses come from the voice activity detector's segments, which are accurate to about 0.1 s;
Whisper stretches words into silences, so its word gaps make long pauses about 0.6 s too short
(SPEECH.md). Without segments (typed-then-timed files, a bare words file) the word gaps are the
only evidence, and the result says so with ``source="word gaps"``.

Classes (Campione and Veronis 2002): short 0.2 s up to 1 s, long 1 s up to and including 2.5 s,
very long over 2.5 s. Silence before the first speech is first-word latency, and silence after
the last speech is the end of the answer; neither is a pause.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.tokens import Token
from greenroom.core.transcript import SpeechSegment

SHORT_MIN = 0.2
LONG_MIN = 1.0
VERY_LONG_OVER = 2.5
_EPS = 1e-6  # float noise: 3.2 - 2.2 must still be a 1.0 s (long) pause
_CONTEXT_WORDS = 3


@dataclass(frozen=True, slots=True)
class Pause:
    """One silence: when, how long, its class, and the words either side."""

    start: float
    end: float
    kind: str
    before: str
    after: str

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "duration": round(self.duration, 3),
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pause:
        return cls(
            start=float(data["start"]),
            end=float(data["end"]),
            kind=str(data["kind"]),
            before=str(data.get("before", "")),
            after=str(data.get("after", "")),
        )


@dataclass(frozen=True, slots=True)
class PauseStats:
    """Pause counts per class, the longest pause, and where the timings came from."""

    short: int
    long: int
    very_long: int
    longest: Pause | None
    pauses: tuple[Pause, ...]
    source: str  # "vad", "word gaps" or "none"

    @property
    def total(self) -> int:
        return self.short + self.long + self.very_long

    @property
    def silence(self) -> float:
        return sum(p.duration for p in self.pauses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "short": self.short,
            "long": self.long,
            "very_long": self.very_long,
            "longest": self.longest.to_dict() if self.longest else None,
            "pauses": [p.to_dict() for p in self.pauses],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PauseStats:
        longest = data.get("longest")
        return cls(
            short=int(data["short"]),
            long=int(data["long"]),
            very_long=int(data["very_long"]),
            longest=Pause.from_dict(longest) if longest else None,
            pauses=tuple(Pause.from_dict(p) for p in data.get("pauses", [])),
            source=str(data.get("source", "none")),
        )


def classify(duration: float) -> str | None:
    """ "short", "long", "very long", or None for a gap under 0.2 s."""
    if duration > VERY_LONG_OVER + _EPS:
        return "very long"
    if duration >= LONG_MIN - _EPS:
        return "long"
    if duration >= SHORT_MIN - _EPS:
        return "short"
    return None


def merge_segments(
    segments: Sequence[SpeechSegment], *, duration: float
) -> list[tuple[float, float]]:
    """Sort, clip to the answer and merge overlapping VAD segments."""
    limit = duration if duration > 0 else float("inf")
    spans = sorted((max(0.0, s.start), min(limit, s.end)) for s in segments)
    merged: list[tuple[float, float]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def vad_pauses(speech: Sequence[tuple[float, float]], tokens: Sequence[Token]) -> list[Pause]:
    """Pauses between consecutive merged speech segments."""
    gaps = [(a[1], b[0]) for a, b in itertools.pairwise(speech)]
    return _pauses(gaps, tokens)


def word_gap_pauses(tokens: Sequence[Token]) -> list[Pause]:
    """Pauses between consecutive words; overlapping words make no gap."""
    gaps: list[tuple[float, float]] = []
    reach = tokens[0].end if tokens else 0.0
    for tok in tokens[1:]:
        if tok.start > reach:
            gaps.append((reach, tok.start))
        reach = max(reach, tok.end)
    return _pauses(gaps, tokens)


def _pauses(gaps: Sequence[tuple[float, float]], tokens: Sequence[Token]) -> list[Pause]:
    mids = [(t.start + t.end) / 2 for t in tokens]
    out: list[Pause] = []
    for start, end in gaps:
        kind = classify(end - start)
        if kind is None:
            continue
        cut = bisect.bisect_left(mids, (start + end) / 2)
        before = " ".join(t.text for t in tokens[max(0, cut - _CONTEXT_WORDS) : cut])
        after = " ".join(t.text for t in tokens[cut : cut + _CONTEXT_WORDS])
        out.append(Pause(start, end, kind, before, after))
    return out


def pause_stats(pauses: Sequence[Pause], *, source: str) -> PauseStats:
    """Count pauses per class and pick the longest (the earliest of equals)."""
    longest = max(pauses, key=lambda p: p.duration, default=None)
    return PauseStats(
        short=sum(1 for p in pauses if p.kind == "short"),
        long=sum(1 for p in pauses if p.kind == "long"),
        very_long=sum(1 for p in pauses if p.kind == "very long"),
        longest=longest,
        pauses=tuple(pauses),
        source=source,
    )
