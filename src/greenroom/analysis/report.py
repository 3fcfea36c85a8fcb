"""Plain-text and JSON rendering of one answer's metrics and feedback (for the CLI)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from greenroom.analysis import bands
from greenroom.analysis.feedback import Observation, clock
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.session import delivery_index

_MARK = {"green": "ok", "amber": "watch", "red": "work on", "none": ""}


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return "-"
    unit = bands.BANDS[key].unit
    if unit == "%":
        return f"{value:.0%}"
    if unit in ("wpm", ""):
        return f"{value:.0f}" + (" wpm" if unit else "")
    return f"{value:.1f}{' ' + unit if unit else ''}"


def render_text(metrics: AnswerMetrics, feedback: Sequence[Observation]) -> str:
    """A readable report: headline figures with their band, details, then feedback."""
    lines = [*_headline(metrics), "", *_details(metrics), "", *_feedback(feedback)]
    if metrics.warnings:
        lines += ["", "Notes on the input:"] + [f"  - {w}" for w in metrics.warnings]
    return "\n".join(lines) + "\n"


def _headline(m: AnswerMetrics) -> list[str]:
    index = delivery_index(m.values()).score
    head = f"Delivery index: {index:.0f}/100" if index is not None else "Delivery index: -"
    lines = [head, ""]
    for key, value in m.values().items():
        if value is None:
            continue
        rating = bands.rate(key, value, band=m.band(key))
        mark = f"  [{_MARK[rating]}]" if _MARK[rating] else ""
        lines.append(f"  {bands.BANDS[key].label:<24}{_fmt(key, value):>10}{mark}")
    if m.pauses.source == "word gaps":
        lines.append("  (pauses and latency from word gaps: approximate)")
    return lines


def _details(m: AnswerMetrics) -> list[str]:
    p, f = m.pauses, m.fillers
    longest = f"{p.longest.duration:.1f} s at {clock(p.longest.start)}" if p.longest else "-"
    by_word = ", ".join(f"{w} x{n}" for w, n in f.by_word.items()) or "none"
    hedges = ", ".join(f"{w} x{n}" for w, n in m.hedges.by_phrase.items()) or "none"
    top = ", ".join(f"{w} x{n}" for w, n in m.repetition.top_words) or "none"
    lines = [
        f"Words: {m.word_count}   Fillers: {by_word}",
        f"Hedges: {hedges}",
        f"Pauses: {p.short} short, {p.long} long, {p.very_long} very long; longest {longest}",
        f"Repeats: {m.repetition.immediate_count}   Most used: {top}",
        f"STAR: {', '.join(m.star.present) or 'no cues'}"
        + (" (result with a number)" if m.star.result_quantified else "")
        + ("" if m.star_expected else " (not judged: not a question for a STAR story)"),
    ]
    if m.time_use.status:
        lines.append(f"Time: {clock(m.duration)} of {clock(m.time_use.limit)}, {m.time_use.status}")
    if m.key_points.total:
        lines.append(f"Key points missed: {', '.join(m.key_points.missing) or 'none'}")
    if m.job:
        lines.append(f"Job terms not used: {', '.join(m.job.missing) or 'none'}")
    return lines + _relevance(m) + _voice(m)


def _relevance(m: AnswerMetrics) -> list[str]:
    r = m.relevance
    if r is None:
        return []
    lines = [
        f'Key point "{k.point}": '
        + (f'covered{_at(k.time)} by "{k.evidence}"' if k.covered else "not covered")
        for k in r.key_points
    ]
    if r.on_topic:
        o = r.on_topic
        drift = f"; the rest was about {', '.join(o.drift)}" if o.drift else ""
        lines.append(f"On topic: {o.share:.0%} of the answer, {o.verdict}{drift} ({o.model})")
    if r.note:
        lines.append(f"Relevance: {r.note}")
    return lines


def _voice(m: AnswerMetrics) -> list[str]:
    v = m.voice
    if v is None:
        return []
    lines = []
    if v.pitch_median_hz is not None:
        spread = (
            f", range {v.pitch_range_st:.1f} st, variation {v.pitch_variation_st:.1f} st"
            if v.pitch_variation_st is not None and v.pitch_range_st is not None
            else ""
        )
        flat = " (monotone)" if v.monotone else ""
        lines.append(f"Pitch: median {v.pitch_median_hz:.0f} Hz{spread}{flat}")
    if v.loudness_dbfs is not None:
        spread = (
            f", variation {v.loudness_variation_db:.1f} dB"
            if v.loudness_variation_db is not None
            else ""
        )
        trend = (
            f", last third {v.loudness_trend_db:+.1f} dB against the first"
            if v.loudness_trend_db is not None
            else ""
        )
        lines.append(f"Loudness: median {v.loudness_dbfs:.0f} dBFS{spread}{trend}")
    if v.trailing_off is not None:
        lines.append(
            f"Sentence ends: {v.trailing_off:.0%} of {v.sentences} sentences trailed off "
            f"(median drop {v.end_drop_db or 0:.1f} dB)"
        )
    return lines + [f"Voice: {note}" for note in v.notes]


def _at(time: float | None) -> str:
    return "" if time is None else f" at {clock(time)}"


def _feedback(items: Sequence[Observation]) -> list[str]:
    if not items:
        return ["Feedback: nothing to say about an empty answer."]
    lines = ["Feedback:"]
    for k, item in enumerate(items, 1):
        label = "Went well" if item.kind == "praise" else "Try"
        lines += [f"  {k}. {item.message}", f"     {label}: {item.try_next}"]
    return lines


def render_json(metrics: AnswerMetrics, feedback: Sequence[Observation]) -> str:
    """The metrics, ratings, delivery index and feedback as one JSON document."""
    index = delivery_index(metrics.values())
    doc: dict[str, Any] = {
        "metrics": metrics.to_dict(),
        "ratings": metrics.ratings(),
        "delivery_index": index.to_dict(),
        "feedback": [o.to_dict() for o in feedback],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[bool, Callable[[AnswerMetrics, Sequence[Observation]], str]] = {
    False: render_text,
    True: render_json,
}
