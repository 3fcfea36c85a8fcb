"""Session summary, delivery index and progress against the user's own history.

Delivery index (0-100): each weighted figure (bands.INDEX_WEIGHTS) scores 100 inside its green
band, falls linearly to 50 at the edge of amber and to 0 one amber-width beyond it; the index
is the weighted mean of the figures an answer has (a typed answer has no pauses, so the other
weights share the total). A session's index is the mean of its answers' indices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from greenroom.analysis import bands
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.stress import StressMoment, stress_moments
from greenroom.analysis.tokens import opt_float

BASELINE_SESSIONS = 5
_SELF_REPORTS = {"nerves_before": "lower", "nerves_after": "lower", "confidence": "higher"}


@dataclass(frozen=True, slots=True)
class IndexPart:
    """One figure's share of the delivery index."""

    key: str
    weight: float
    value: float
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "weight": self.weight, "value": self.value, "score": self.score}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IndexPart:
        return cls(str(d["key"]), float(d["weight"]), float(d["value"]), float(d["score"]))


@dataclass(frozen=True, slots=True)
class DeliveryIndex:
    """The 0-100 index and the parts it was made from (shown in the app)."""

    score: float | None
    parts: tuple[IndexPart, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "parts": [p.to_dict() for p in self.parts]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DeliveryIndex:
        score = d.get("score")
        return cls(
            None if score is None else float(score),
            tuple(IndexPart.from_dict(p) for p in d.get("parts", [])),
        )


def delivery_index(values: Mapping[str, float | None]) -> DeliveryIndex:
    """The delivery index of one answer's headline figures (AnswerMetrics.values()).

    Fillers per minute fall back to fillers per 100 words for typed answers, which have the
    same bands.
    """
    parts: list[IndexPart] = []
    for key, weight in bands.INDEX_WEIGHTS.items():
        band_key, value = key, values.get(key)
        if key == "fillers_per_minute" and value is None:
            band_key, value = "fillers_per_100_words", values.get("fillers_per_100_words")
        score = bands.band_score(band_key, value)
        if value is not None and score is not None:
            parts.append(IndexPart(key, weight, value, score))
    total = sum(p.weight for p in parts)
    if not total:
        return DeliveryIndex(None, ())
    return DeliveryIndex(sum(p.weight * p.score for p in parts) / total, tuple(parts))


INDEX_RULE = (
    "Each figure scores 100 inside its green band, 50 at the edge of amber and 0 one amber-width "
    "beyond; the index is their weighted mean."
)


def index_explanation(index: DeliveryIndex | None = None) -> str:
    """How the delivery index is made, in words for the app: the weights, and, given an
    answer's index, what each figure scored."""
    if index is None or not index.parts:
        weights = ", ".join(
            f"{bands.BANDS[k].label} {w:.0f}" for k, w in bands.INDEX_WEIGHTS.items()
        )
        return f"Delivery index (0-100), weights: {weights}. {INDEX_RULE}"
    parts = ", ".join(
        f"{bands.BANDS[p.key].label} {p.score:.0f} (weight {p.weight:.0f})" for p in index.parts
    )
    return f"This answer: {parts}. {INDEX_RULE}"


@dataclass(frozen=True, slots=True)
class SelfReport:
    """What the user said about the session: 0-100 scales (SUDS for nerves)."""

    nerves_before: float | None = None
    nerves_after: float | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """Averages over a session's answers, its index, self-reports and stress moments."""

    answers: int
    averages: dict[str, float | None]  # over answered answers only (no words: no figures)
    index: float | None
    answer_indices: tuple[float | None, ...]
    report: SelfReport = field(default_factory=SelfReport)
    stress: tuple[StressMoment, ...] = ()
    answered: int | None = None  # answers with words; None in summaries saved before it

    @property
    def unanswered(self) -> int:
        return 0 if self.answered is None else self.answers - self.answered

    def figures(self) -> dict[str, float | None]:
        """Every figure a comparison looks at: averages, index and self-reports."""
        r = self.report
        return {
            **self.averages,
            "delivery_index": self.index,
            "nerves_before": r.nerves_before,
            "nerves_after": r.nerves_after,
            "confidence": r.confidence,
        }

    def to_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "answers": self.answers,
            "averages": dict(self.averages),
            "index": self.index,
            "answer_indices": list(self.answer_indices),
            "report": {
                "nerves_before": r.nerves_before,
                "nerves_after": r.nerves_after,
                "confidence": r.confidence,
            },
            "stress": [s.to_dict() for s in self.stress],
            "answered": self.answered,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SessionSummary:
        r = d.get("report", {})
        return cls(
            answers=int(d["answers"]),
            averages={str(k): opt_float(v) for k, v in d.get("averages", {}).items()},
            index=opt_float(d.get("index")),
            answer_indices=tuple(opt_float(v) for v in d.get("answer_indices", [])),
            report=SelfReport(*(opt_float(r.get(k)) for k in _SELF_REPORTS)),
            stress=tuple(StressMoment.from_dict(s) for s in d.get("stress", [])),
            answered=None if d.get("answered") is None else int(d["answered"]),
        )


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarize_session(
    answers: Sequence[AnswerMetrics], *, report: SelfReport | None = None
) -> SessionSummary:
    """Summarise one session's answers (in the order they were given)."""
    values = [a.values() for a in answers]
    keys = list(values[0]) if values else []
    indices = tuple(delivery_index(v).score for v in values)
    moments = [m for k, a in enumerate(answers) for m in stress_moments(a, answer=k)]
    return SessionSummary(
        answers=len(answers),
        answered=sum(1 for a in answers if a.answered),
        averages={key: _mean([v[key] for v in values]) for key in keys},
        index=_mean(indices),
        answer_indices=indices,
        report=report or SelfReport(),
        stress=tuple(sorted(moments, key=lambda m: -m.score)),
    )


@dataclass(frozen=True, slots=True)
class Change:
    """One figure now, against the rolling baseline and the first session."""

    key: str
    current: float | None
    baseline: float | None
    first: float | None
    direction: str | None  # "better", "worse", "same"; None when there is nothing to compare
    noise: float = 0.0  # the user's run-to-run spread of this figure (a change must exceed it)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "current": self.current,
            "baseline": self.baseline,
            "first": self.first,
            "direction": self.direction,
            "noise": self.noise,
        }


# The smallest change worth a word, whatever the user's spread: below this, two runs are "the
# same" (a mean of 2.2 STAR parts against 2.0 was once called worse while both showed as 2).
MIN_STEP = {
    "speaking_rate": 5.0,
    "articulation_rate": 5.0,
    "fillers_per_minute": 0.5,
    "fillers_per_100_words": 0.5,
    "very_long_pauses": 0.5,
    "hedges": 0.5,
    "immediate_repeats": 0.5,
    "first_word_latency": 0.3,
    "duration": 10.0,
    "star_score": 0.5,
    "key_point_coverage": 0.1,
    "job_coverage": 0.1,
    "delivery_index": 3.0,
    "nerves_before": 5.0,
    "nerves_after": 5.0,
    "confidence": 5.0,
}


def _spread(values: Sequence[float]) -> float:
    """Sample standard deviation of the recent runs (0 with fewer than three)."""
    if len(values) < 3:
        return 0.0
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5)


def compare(current: SessionSummary, history: Sequence[SessionSummary]) -> list[Change]:
    """Compare a session with the previous five (the rolling baseline) and the first one.

    Args:
        current: This session.
        history: Earlier sessions, oldest first, not including ``current``.
    """
    recent = history[-BASELINE_SESSIONS:]
    changes: list[Change] = []
    for key, value in current.figures().items():
        seen = [v for s in recent if (v := s.figures().get(key)) is not None]
        baseline = _mean(seen)
        noise = _spread(seen)
        # The first run that measured it: a first run with no answers has no figures.
        first = next((f for s in history if (f := s.figures().get(key)) is not None), None)
        direction = _direction(key, value, baseline, noise=noise)
        changes.append(Change(key, value, baseline, first, direction, noise))
    return changes


def _direction(
    key: str, now: float | None, before: float | None, *, noise: float = 0.0
) -> str | None:
    """Better, worse or the same, where "the same" covers anything within the user's own
    run-to-run spread and the figure's smallest meaningful step."""
    if now is None or before is None:
        return None
    threshold = max(noise, MIN_STEP.get(key, 0.0), 0.02 * max(abs(before), 1.0))
    if abs(now - before) <= threshold:
        return "same"
    better = _SELF_REPORTS.get(key) or ("higher" if key == "delivery_index" else None)
    band = bands.BANDS.get(key)
    better = better or (band.better if band else None)
    if better == "middle" and band and band.green:
        centre = sum(band.green) / 2
        return "better" if abs(now - centre) < abs(before - centre) else "worse"
    if better in ("lower", "higher"):
        return "better" if (now < before) == (better == "lower") else "worse"
    return None


def personal_bands(history: Sequence[SessionSummary]) -> dict[str, bands.Band]:
    """Default bands re-centred on the user's rolling baseline, for figures that have one."""
    recent = history[-BASELINE_SESSIONS:]
    out: dict[str, bands.Band] = {}
    for key, band in bands.BANDS.items():
        baseline = _mean([s.averages.get(key) for s in recent])
        out[key] = bands.recentre(band, baseline) if baseline is not None else band
    return out
