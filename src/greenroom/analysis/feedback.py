"""Feedback on one answer: up to three observations, each with evidence and one thing to try.

Improvements are ranked by how far the figure is from its green band times the metric's
weight in the delivery index (bands.INDEX_WEIGHTS); one slot is kept for praise whenever
something went well. The sentences live in feedback_text.TEMPLATES.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from greenroom.analysis import bands
from greenroom.analysis.feedback_text import (
    FASTEST_STRETCH,
    TEMPLATES,
    Evidence,
    Observation,
    at,
    clock,
    make,
    severity,
    spot,
)
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.voice import TRAIL_DB

__all__ = ["TEMPLATES", "Evidence", "Observation", "clock", "feedback_for"]

MAX_ITEMS = 3
STRETCH_STANDS_OUT = 10.0  # words a minute over the answer's own rate
_STRUCTURE_WEIGHT = 15.0


def feedback_for(metrics: AnswerMetrics) -> list[Observation]:
    """Up to three observations: the improvements that matter most, and praise.

    Args:
        metrics: One answer's metrics.

    Returns:
        Improvements first, heaviest first, then praise; never more than three in all. For
        answers not in English only timing is discussed: the word rules are English.
    """
    english = metrics.language.lower().startswith("en")
    improve = _IMPROVE if english else _TIMING_ONLY
    found = sorted((o for rule in improve for o in [rule(metrics)] if o), key=lambda o: -o.weight)
    praise = _PRAISE if english else (_praise_pace, _praise_flow, _praise_voice)
    good = sorted((o for rule in praise for o in [rule(metrics)] if o), key=lambda o: -o.weight)
    chosen = found[: MAX_ITEMS - (1 if good else 0)]
    return chosen + good[: MAX_ITEMS - len(chosen)]


def _very_long_pauses(m: AnswerMetrics) -> Observation | None:
    weight = severity("very_long_pauses", float(m.pauses.very_long))
    longest = m.pauses.longest
    if not weight or longest is None:
        return None
    n = m.pauses.very_long
    return make(
        "very_long_pauses",
        weight=weight,
        count=n,
        s="" if n == 1 else "s",
        longest=longest.duration,
        time=clock(longest.start),
        after=longest.after or "...",
        evidence=tuple(
            Evidence(p.start, p.after) for p in m.pauses.pauses if p.kind == "very long"
        ),
    )


def _fillers(m: AnswerMetrics) -> Observation | None:
    key, value = "fillers_per_minute", m.fillers.per_minute
    if value is None:
        key, value = "fillers_per_100_words", m.fillers.per_100_words
    weight = severity(key, value)
    if not weight or not m.fillers.occurrences or value is None:
        return None
    top = Counter(s.text for s in m.fillers.occurrences).most_common(1)[0][0]
    rate = f"{value:.1f} a minute" if key == "fillers_per_minute" else f"{value:.1f} per 100 words"
    first = m.fillers.occurrences[0]
    return make(
        "fillers",
        weight=weight,
        count=m.fillers.count,
        rate=rate,
        top=top,
        first=first.text,
        at=at(first.start),
        evidence=tuple(spot(s) for s in m.fillers.occurrences[:5]),
    )


def _latency(m: AnswerMetrics) -> Observation | None:
    latency = m.pace.first_word_latency
    weight = severity("first_word_latency", latency)
    if not weight or latency is None:
        return None
    # Where the answer began: the time and words to listen for in the recording.
    evidence = (Evidence(latency, m.pace.opening),)
    return make("latency", weight=weight, latency=latency, evidence=evidence)


def _pace(m: AnswerMetrics) -> Observation | None:
    rate = m.pace.speaking_rate
    weight = severity("speaking_rate", rate)
    if not weight or rate is None:
        return None
    if rate < 120:
        return make("slow", weight=weight, rate=rate)
    peak = max(m.pace.windows, key=lambda w: w.rate, default=None)
    # A stretch is worth naming only when it stands out: "the fastest stretch was 227 a minute
    # at 0:00" said nothing about a 3-second answer spoken at 227.
    if peak is None or len(m.pace.windows) < 2 or peak.rate < rate + STRETCH_STANDS_OUT:
        return make("fast", weight=weight, rate=rate, stretch="")
    return make(
        "fast",
        weight=weight,
        rate=rate,
        stretch=FASTEST_STRETCH.format(peak=peak.rate, time=clock(peak.start)),
        evidence=(Evidence(peak.start, ""),),
    )


def _hedges(m: AnswerMetrics) -> Observation | None:
    weight = severity("hedges", float(m.hedges.count))
    if not weight or not m.hedges.occurrences:
        return None
    first = m.hedges.occurrences[0]
    return make(
        "hedges",
        weight=weight,
        count=m.hedges.count,
        first=first.text,
        at=at(first.start),
        evidence=tuple(spot(s) for s in m.hedges.occurrences[:5]),
    )


def _structure(m: AnswerMetrics) -> Observation | None:
    weight = severity("star_score", float(m.star.score))
    if m.word_count < 15 or not m.star_expected:
        return None  # too little said to judge structure, or not a question for a STAR story
    star = m.star
    if not star.has("result") and weight:
        last = _last_cue(m)
        after = f" after {clock(last.time)}" if last and last.time is not None else ""
        return make("no_result", weight=weight, after=after, evidence=_cue_evidence(m))
    if not star.has("action") and weight:
        return make("no_action", weight=weight, evidence=_cue_evidence(m))
    if weight:
        missing = " or the ".join(star.missing)
        return make("star_gaps", weight=weight, missing=missing, evidence=_cue_evidence(m))
    if not star.result_quantified and star.has("result"):
        cue = star.cues["result"][0]
        return make(
            "unquantified",
            weight=_STRUCTURE_WEIGHT * 0.2,
            at=at(cue.start),
            cue=cue.text,
            evidence=(spot(cue),),
        )
    return None


def _last_cue(m: AnswerMetrics) -> Evidence | None:
    spans = [s for c in m.star.cues.values() for s in c]
    last = max(spans, key=lambda s: s.index, default=None)
    return spot(last) if last else None


def _cue_evidence(m: AnswerMetrics) -> tuple[Evidence, ...]:
    return tuple(spot(spans[0]) for spans in m.star.cues.values())


def _time_use(m: AnswerMetrics) -> Observation | None:
    use = m.time_use
    if use.limit is None or use.duration is None:
        return None
    if use.status == "cut off":
        where = "" if m.star.has("result") or not m.star_expected else ", before any result cue"
        return make(
            "cut_off" if m.star_expected else "cut_off_point",
            weight=12.0,
            limit=clock(use.limit),
            where=where,
            target=clock(use.limit * 0.75),
            evidence=(Evidence(use.limit, ""),),
        )
    if use.status == "early" and m.word_count > 0:
        weight = severity("duration", use.duration, band=m.band("duration")) * 0.5
        if weight:
            topic = "early" if m.star_expected else "early_point"
            return make(topic, weight=weight, duration=clock(use.duration), limit=clock(use.limit))
    return None


def _key_points(m: AnswerMetrics) -> Observation | None:
    weight = severity("key_point_coverage", m.values()["key_point_coverage"])
    if not weight or not m.key_points.missing:
        return None
    missing = ", ".join(f'"{p}"' for p in m.key_points.missing[:3])
    return make("key_points", weight=weight, missing=missing)


# Answering the question comes first: an off-topic answer outweighs any delivery point.
_OFF_TOPIC_WEIGHT = 30.0


def _off_topic(m: AnswerMetrics) -> Observation | None:
    judged = m.relevance.on_topic if m.relevance else None
    if judged is None or judged.verdict != "off topic" or m.relevance is None:
        return None
    drift = _and(judged.drift) if judged.drift else "something other than the question"
    return make(
        "off_topic",
        weight=_OFF_TOPIC_WEIGHT,
        drift=drift,
        question=m.relevance.question,
        share=judged.share,
        evidence=(Evidence(judged.drift_time, judged.drift_text),) if judged.drift_text else (),
    )


def _and(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _monotone(m: AnswerMetrics) -> Observation | None:
    voice = m.voice
    if voice is None or not voice.monotone or voice.pitch_variation_st is None:
        return None
    weight = severity("pitch_variation", voice.pitch_variation_st)
    return make("monotone", weight=weight, variation=voice.pitch_variation_st)


def _trailing_off(m: AnswerMetrics) -> Observation | None:
    voice = m.voice
    if voice is None or voice.trailing_off is None or voice.sentences < 3:
        return None
    weight = severity("trailing_off", voice.trailing_off)
    if not weight or not voice.trailing_examples or voice.trailing_off < 0.5:
        return None
    time, words = voice.trailing_examples[0]
    return make(
        "trailing_off",
        weight=weight,
        count=round(voice.trailing_off * voice.sentences),
        total=voice.sentences,
        drop=TRAIL_DB,
        example=words,
        at=at(time if m.timed else None),
        evidence=tuple(Evidence(t, w) for t, w in voice.trailing_examples),
    )


def _repeats(m: AnswerMetrics) -> Observation | None:
    n = m.repetition.immediate_count
    if n < 3:
        return None
    first = m.repetition.immediate[0]
    return make(
        "repeats",
        weight=1.0 * n,
        count=n,
        first=f"{first.text} {first.text}",
        at=at(first.start),
        evidence=tuple(spot(s) for s in m.repetition.immediate[:5]),
    )


def _praise_fillers(m: AnswerMetrics) -> Observation | None:
    rated = bands.rate("fillers_per_minute", m.fillers.per_minute)
    if m.word_count < 30 or rated != "green":
        return None
    n = m.fillers.count
    return make(
        "praise_fillers", kind="praise", weight=4.0, count=n or "No", s="" if n == 1 else "s"
    )


def _praise_pace(m: AnswerMetrics) -> Observation | None:
    rate = m.pace.speaking_rate
    if m.word_count < 30 or bands.rate("speaking_rate", rate) != "green" or rate is None:
        return None
    return make("praise_pace", kind="praise", weight=3.0, rate=rate)


def _praise_star(m: AnswerMetrics) -> Observation | None:
    if len(m.star.present) < 4 or not m.star_expected:
        return None
    number = ", with a number in the result" if m.star.result_quantified else ""
    return make("praise_star", kind="praise", weight=5.0, number=number, evidence=_cue_evidence(m))


def _praise_flow(m: AnswerMetrics) -> Observation | None:
    latency = m.pace.first_word_latency
    if m.word_count < 30 or latency is None or m.pauses.source == "none":
        return None
    if bands.rate("first_word_latency", latency) != "green" or m.pauses.very_long:
        return None
    return make("praise_flow", kind="praise", weight=3.5, latency=latency)


def _praise_voice(m: AnswerMetrics) -> Observation | None:
    voice = m.voice
    if voice is None or m.word_count < 30 or voice.pitch_range_st is None:
        return None
    if bands.rate("pitch_variation", voice.pitch_variation_st) != "green":
        return None
    return make(
        "praise_voice",
        kind="praise",
        weight=2.5,
        range=voice.pitch_range_st,
        variation=voice.pitch_variation_st,
    )


def _praise_key_points(m: AnswerMetrics) -> Observation | None:
    if bands.rate("key_point_coverage", m.values()["key_point_coverage"]) != "green":
        return None
    kp = m.key_points
    return make(
        "praise_key_points", kind="praise", weight=4.5, covered=len(kp.covered), total=kp.total
    )


_IMPROVE: tuple[Callable[[AnswerMetrics], Observation | None], ...] = (
    _very_long_pauses,
    _fillers,
    _latency,
    _pace,
    _hedges,
    _structure,
    _time_use,
    _key_points,
    _repeats,
    _off_topic,
    _monotone,
    _trailing_off,
)
# Word rules are English; for other languages only timing and voice feedback is given.
_TIMING_ONLY = (_very_long_pauses, _latency, _pace, _time_use, _monotone, _trailing_off)
_PRAISE: tuple[Callable[[AnswerMetrics], Observation | None], ...] = (
    _praise_fillers,
    _praise_pace,
    _praise_star,
    _praise_flow,
    _praise_key_points,
    _praise_voice,
)
