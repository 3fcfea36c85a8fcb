"""Stress moments: stretches where fillers, long pauses and pace changes cluster.

Each filler weighs 1, each pause of 1 s or more weighs 2, and a 10 s stretch whose pace is
more than 30 % off the answer's own speaking rate weighs 2. Any 10 s window whose events
weigh 4 or more, from at least two events, is a stress moment; overlapping windows merge.
The history view uses the times to jump to the place in the recording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from greenroom.analysis.metrics import AnswerMetrics

WINDOW = 10.0
THRESHOLD = 4.0
PACE_CHANGE = 0.3
_WEIGHTS = {"filler": 1.0, "pause": 2.0, "fast": 2.0, "slow": 2.0}


@dataclass(frozen=True, slots=True)
class StressMoment:
    """A cluster of fillers, long pauses and pace changes in one answer."""

    answer: int
    start: float
    end: float
    fillers: int
    long_pauses: int
    pace: str | None  # "fast", "slow" or None
    words: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "start": self.start,
            "end": self.end,
            "fillers": self.fillers,
            "long_pauses": self.long_pauses,
            "pace": self.pace,
            "words": self.words,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StressMoment:
        pace = d.get("pace")
        return cls(
            int(d["answer"]),
            float(d["start"]),
            float(d["end"]),
            int(d["fillers"]),
            int(d["long_pauses"]),
            None if pace is None else str(pace),
            str(d.get("words", "")),
            float(d["score"]),
        )


_Event = tuple[float, float, str, str]  # start, end, kind, words


def _events(m: AnswerMetrics) -> list[_Event]:
    events: list[_Event] = [
        (s.start, s.end if s.end is not None else s.start, "filler", s.text)
        for s in m.fillers.occurrences
        if s.start is not None
    ]
    events += [(p.start, p.end, "pause", "") for p in m.pauses.pauses if p.kind != "short"]
    rate = m.pace.speaking_rate
    if rate:
        for w in m.pace.windows:
            if abs(w.rate / rate - 1) > PACE_CHANGE:
                events.append((w.start, w.end, "fast" if w.rate > rate else "slow", ""))
    return sorted(events)


def stress_moments(metrics: AnswerMetrics, *, answer: int = 0) -> list[StressMoment]:
    """The stress moments of one answer, in time order."""
    events = _events(metrics)
    spans: list[tuple[int, int]] = []
    j = 0
    total = 0.0
    for i, (start, *_rest) in enumerate(events):
        j = max(j, i)
        while j < len(events) and events[j][0] <= start + WINDOW:
            total += _WEIGHTS[events[j][2]]
            j += 1
        if total >= THRESHOLD and j - i >= 2:
            if spans and i <= spans[-1][1]:
                spans[-1] = (spans[-1][0], j - 1)
            else:
                spans.append((i, j - 1))
        total -= _WEIGHTS[events[i][2]]
    return [_moment(events[a : b + 1], answer) for a, b in spans]


def _moment(events: list[_Event], answer: int) -> StressMoment:
    kinds = [e[2] for e in events]
    pace = next((k for k in kinds if k in ("fast", "slow")), None)
    words = ", ".join(e[3] for e in events if e[2] == "filler")
    return StressMoment(
        answer=answer,
        start=events[0][0],
        end=max(e[1] for e in events),
        fillers=kinds.count("filler"),
        long_pauses=kinds.count("pause"),
        pace=pace,
        words=words,
        score=sum(_WEIGHTS[k] for k in kinds),
    )
