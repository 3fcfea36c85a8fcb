"""METRICS.md's bands as data, with each metric's definition as the user sees it.

A band has a green range inside a wider amber range; anything outside amber is red. Open ends
are infinite. Bands where METRICS.md gives only green (time use) get an amber range of the
same width either side; see docs/metrics.md. A user can re-centre a band on their own
baseline, so "green" can mean "at least as good as your usual" while they work their way
towards the default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

INF = math.inf
_EPS = 1e-9  # 3.0000000001 fillers per minute is still 3


@dataclass(frozen=True, slots=True)
class Band:
    """One metric's definition and its green/amber ranges (inclusive).

    Attributes:
        key: Machine name used in AnswerMetrics.values() and the database.
        label: Short name shown in the app.
        unit: Unit shown after the value ("wpm", "s", "/min", "%", "").
        definition: The definition shown to the user.
        better: "lower", "higher" or "middle": which way improvement lies.
        green: Inclusive green range, or None for a metric that is shown without a band.
        amber: Inclusive amber range containing green.
    """

    key: str
    label: str
    unit: str
    definition: str
    better: str
    green: tuple[float, float] | None = None
    amber: tuple[float, float] | None = None


def _band(
    key: str,
    label: str,
    unit: str,
    better: str,
    definition: str,
    green: tuple[float, float] | None = None,
    amber: tuple[float, float] | None = None,
) -> Band:
    return Band(key, label, unit, definition, better, green, amber)


BANDS: dict[str, Band] = {
    b.key: b
    for b in (
        _band(
            "first_word_latency",
            "First-word latency",
            "s",
            "lower",
            "Seconds from the start of the answer to the first speech the voice detector heard.",
            (0, 3),
            (0, 6),
        ),
        _band(
            "speaking_rate",
            "Speaking rate",
            "wpm",
            "middle",
            "Words per minute from your first word to your last, pauses included.",
            (120, 160),
            (100, 180),
        ),
        _band(
            "articulation_rate",
            "Articulation rate",
            "wpm",
            "middle",
            "Words per minute of actual speech, pauses left out.",
        ),
        _band(
            "fillers_per_minute",
            "Fillers per minute",
            "/min",
            "lower",
            "Um, uh, er, erm, ah, hmm, mm, plus like, you know, I mean, basically, actually, "
            "literally, so/well at the start of a clause and a tag 'right?', per minute of "
            "answer.",
            (0, 3),
            (0, 6),
        ),
        _band(
            "fillers_per_100_words",
            "Fillers per 100 words",
            "%",
            "lower",
            "The same fillers per 100 words.",
            (0, 3),
            (0, 6),
        ),
        _band(
            "very_long_pauses",
            "Very long pauses",
            "",
            "lower",
            "Silences over 2.5 s between stretches of speech (short pauses are 0.2-1 s, "
            "long ones 1-2.5 s).",
            (0, 0),
            (0, 2),
        ),
        _band(
            "hedges",
            "Hedges",
            "",
            "lower",
            "I think, I guess, maybe, probably, sort of, kind of, just, I feel like, "
            "hopefully, I'm not sure, try to.",
            (0, 2),
            (0, 5),
        ),
        _band(
            "immediate_repeats",
            "Immediate repeats",
            "",
            "lower",
            "Words or pairs of words said twice in a row ('I I', 'in the in the').",
        ),
        _band(
            "duration",
            "Answer length",
            "s",
            "middle",
            "How long the answer took; 60-120 s suits a behavioural answer.",
            (60, 120),
            (30, 180),
        ),
        _band(
            "star_score",
            "STAR structure",
            "",
            "higher",
            "Situation, Task, Action and Result cues present (0-4); a result with a number "
            "counts double.",
            (4, INF),
            (2, INF),
        ),
        _band(
            "key_point_coverage",
            "Key points",
            "%",
            "higher",
            "Share of the question's key points you mentioned, by word stem or a listed synonym.",
            (0.6, 1.0),
            (0.3, 1.0),
        ),
        _band(
            "job_coverage",
            "Job-description terms",
            "%",
            "higher",
            "Share of the top terms of the pasted job description that the answer used.",
        ),
        _band(
            "on_topic",
            "On topic",
            "%",
            "higher",
            "Share of the answer's words in sentences about the question asked, judged by "
            "meaning on this computer.",
            (0.85, 1.0),
            (0.30, 1.0),
        ),
        _band(
            "pitch_variation",
            "Pitch variation",
            "st",
            "higher",
            "How much your pitch moved while you spoke: the spread of your voice's pitch in "
            "semitones; under 1.5 sounds monotone.",
            (2.0, INF),
            (1.5, INF),
        ),
        _band(
            "loudness_variation",
            "Loudness variation",
            "dB",
            "higher",
            "How much your loudness moved while you spoke, in decibels.",
        ),
        _band(
            "trailing_off",
            "Trailing off",
            "%",
            "lower",
            "Share of sentences whose last word was 10 dB or more quieter than the rest.",
            (0.0, 0.25),
            (0.0, 0.5),
        ),
    )
}


# Weights of the delivery index (0-100), in METRICS.md's spirit: fillers and pauses are what
# listeners notice most (Laske and DiGennaro Reed 2024; Lewin et al. 1996), pace and structure
# next, hedges and the start of the answer after that; those seven add up to 100. Pitch variation
# (issue 16) joined with a small weight while the others kept theirs, so an answer without a
# recording (typed) scores exactly as before; the index is a weighted mean, so only the ratios
# matter. On-topic share, loudness variation and trailing off are shown but kept out of the
# index: docs/metrics.md ("Delivery index") gives the evidence for each choice.
INDEX_WEIGHTS: dict[str, float] = {
    "fillers_per_minute": 20.0,
    "very_long_pauses": 15.0,
    "speaking_rate": 15.0,
    "star_score": 15.0,
    "first_word_latency": 10.0,
    "hedges": 10.0,
    "key_point_coverage": 10.0,
    "pitch_variation": 5.0,
}


def rate(key: str, value: float | None, *, band: Band | None = None) -> str:
    """Rate a value "green", "amber" or "red"; "none" without a value or a band.

    Args:
        key: A key of BANDS.
        value: The metric's value.
        band: A band to use instead of the default (for example a re-centred one).
    """
    band = band or BANDS.get(key)
    if value is None or band is None or band.green is None or band.amber is None:
        return "none"
    if band.green[0] - _EPS <= value <= band.green[1] + _EPS:
        return "green"
    if band.amber[0] - _EPS <= value <= band.amber[1] + _EPS:
        return "amber"
    return "red"


def recentre(band: Band, baseline: float) -> Band:
    """A band re-centred on the user's baseline value, keeping the default widths.

    For "middle" metrics the whole band shifts so green is centred on the baseline. For
    "lower" metrics green ends at the baseline (when it is worse than the default) and amber
    keeps its default width beyond it; "higher" metrics mirror that. A baseline already better
    than the default leaves the band unchanged: re-centring never makes a band stricter.
    """
    if band.green is None or band.amber is None:
        return band
    (g_lo, g_hi), (a_lo, a_hi) = band.green, band.amber
    if band.better == "middle":
        shift = baseline - (g_lo + g_hi) / 2
        return replace(band, green=(g_lo + shift, g_hi + shift), amber=(a_lo + shift, a_hi + shift))
    if band.better == "lower" and baseline > g_hi:
        return replace(band, green=(g_lo, baseline), amber=(a_lo, baseline + a_hi - g_hi))
    if band.better == "higher" and baseline < g_lo:
        return replace(band, green=(baseline, g_hi), amber=(baseline - (g_lo - a_lo), a_hi))
    return band


def length_band(target: float) -> Band:
    """Answer length for a question with its own answer time: comfortable from half of it to
    all of it, nearly there from a quarter to one and a half times it. A 120 s question gets
    the default 60-120 s; a 30 s small-talk question 15-30 s, where the default band put every
    answer that fitted its time in "one to practise"."""
    default = BANDS["duration"]
    return replace(
        default,
        definition=f"How long the answer took; {target / 2:g}-{target:g} s suits this question, "
        f"half to all of its {target:g} s.",
        green=(target / 2, target),
        amber=(target / 4, target * 1.5),
    )


def band_score(key: str, value: float | None, *, band: Band | None = None) -> float | None:
    """0-100 for the delivery index: 100 in green, 50 at amber's outer edge, 0 one amber
    width beyond it, linear in between. None without a value or a band.
    """
    band = band or BANDS.get(key)
    if value is None or band is None or band.green is None or band.amber is None:
        return None
    (g_lo, g_hi), (a_lo, a_hi) = band.green, band.amber
    if g_lo <= value <= g_hi:
        return 100.0
    if value > g_hi:
        return _falloff(value - g_hi, a_hi - g_hi)
    return _falloff(g_lo - value, g_lo - a_lo)


def _falloff(distance: float, width: float) -> float:
    if width <= 0 or math.isinf(width):
        return 0.0
    return max(0.0, 100.0 - 50.0 * distance / width)
