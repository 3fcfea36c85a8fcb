"""Feedback in plain words: the sentence a screen leads with, and each measure in words.

The app shows numbers only on request (docs/design.md); what it leads with comes from here:
- ``lead_sentence``: what went well, then the one thing to try next time;
- ``describe``: a measure's value in words with its band ("about 150 words a minute, right in
  the comfortable range");
- ``ZONES``: the calm names of the bands (comfortable, nearly there, to practise).
Pure functions, so every sentence can be tested and scanned for words that judge the person.
"""

from __future__ import annotations

from collections.abc import Sequence

from greenroom.analysis import bands
from greenroom.analysis.feedback_text import Observation
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.relevance import Relevance
from greenroom.analysis.voice import MONOTONE_ST, VoiceStats

# The bands by name, as the user reads them: nothing alarming for a first try.
ZONES = {"green": "comfortable", "amber": "nearly there", "red": "to practise", "none": ""}

# What went well, as the start of a sentence, by praise topic.
_WELL = {
    "praise_fillers": "You kept fillers to a minimum",
    "praise_pace": "Your pace was comfortable to follow",
    "praise_star": "You told it as a complete story, from situation to result",
    "praise_flow": "You started promptly and kept going without long stops",
    "praise_key_points": "You covered the points the question was after",
}
# The one thing to try next time, by improvement topic (a verb phrase).
_NEXT = {
    "very_long_pauses": "when you need a moment, say so in a few words and carry on",
    "fillers": "let a short silence stand where a filler would come",
    "latency": "open with a one-line headline while you gather the details",
    "fast": "take a full breath at the end of each sentence",
    "slow": "say your first sentence aloud a few times before the next run",
    "hedges": "say what you did in plain past tense",
    "no_result": "finish with the result, and a number if you have one",
    "no_action": "say two things you did yourself, each starting with \u201cI\u201d",
    "star_gaps": "walk through the situation, what was needed, what you did and the result",
    "unquantified": "put a number on the result",
    "cut_off": "reach the result sooner: keep the situation to two sentences",
    "early": "add one concrete detail of what you did and what came of it",
    "cut_off_point": "give your main point first, then one detail that backs it",
    "early_point": "add one concrete example or reason that backs your main point",
    "key_points": "give each point the question is after a sentence of its own",
    "repeats": "slow down the first words of each sentence",
    "off_topic": "answer the question asked in your first sentence, then give the example",
    "monotone": "let your voice rise and fall with what matters most",
    "trailing_off": "keep your voice up to the last word of each sentence",
}


def lead_sentence(observations: Sequence[Observation], metrics: AnswerMetrics) -> str:
    """One sentence for the top of the feedback: what went well, then one thing to try."""
    if not metrics.answered:
        return (
            "No words were heard this time. Check the microphone level and try the question "
            "again: every run makes the next one easier."
        )
    praise = next((o for o in observations if o.kind == "praise"), None)
    improve = next((o for o in observations if o.kind != "praise"), None)
    well = _WELL.get(praise.topic) if praise else None
    if well is None:
        well = "You answered the question out loud, which is the hard part"
    if improve is None:
        return f"{well}. Keep the same approach for the next question."
    step = _NEXT.get(improve.topic, improve.try_next.rstrip(".").lower())
    return f"{well}. One thing to try next time: {step}."


def zone(key: str, value: float | None, band: bands.Band | None = None) -> str:
    """The band's name for a value ("comfortable", "nearly there", "to practise"), or ""."""
    return ZONES[bands.rate(key, value, band=band)]


def _count(n: float, one: str, many: str) -> str:
    whole = round(n)
    return f"{whole} {one if whole == 1 else many}"


def describe(key: str, value: float | None, band: bands.Band | None = None) -> str:
    """A measure's value in words, with where it sits ("right in the comfortable range")."""
    if value is None:
        return "not measured for this answer"
    where = _where(key, value, band)
    text = _WORDS.get(key)
    said = text(value) if text else f"{value:g}"
    return f"{said}, {where}" if where else said


def _where(key: str, value: float, band: bands.Band | None) -> str:
    name = zone(key, value, band)
    if name == "comfortable":
        return "right in the comfortable range"
    if name == "nearly there":
        return "nearly there"
    if name == "to practise":
        return "one to practise"
    return ""


def _seconds(value: float) -> str:
    if value < 60:
        return _count(value, "second", "seconds")
    minutes, seconds = divmod(round(value), 60)
    return f"{minutes} min {seconds:02d} s"


_WORDS = {
    "speaking_rate": lambda v: f"about {round(v / 5) * 5:.0f} words a minute",
    "articulation_rate": lambda v: f"about {round(v / 5) * 5:.0f} words a minute while speaking",
    "fillers_per_minute": lambda v: (
        "no fillers"
        if v < 0.05
        else f"about {v:.0f} filler{'s' if round(v) != 1 else ''} a minute"
        if v >= 0.95
        else "fewer than one filler a minute"
    ),
    "fillers_per_100_words": lambda v: (
        "no fillers"
        if v < 0.05
        else f"about {v:.0f} in every 100 words"
        if v >= 0.95
        else "fewer than one in every 100 words"
    ),
    "very_long_pauses": lambda v: (
        "no pause over 2.5 seconds"
        if v < 0.5
        else _count(v, "pause", "pauses") + " over 2.5 seconds"
    ),
    "first_word_latency": lambda v: (
        "your first word came within a second"
        if v < 1
        else f"your first word came after {_seconds(v)}"
    ),
    "hedges": lambda v: "no hedges" if v < 0.5 else _count(v, "hedge", "hedges"),
    "immediate_repeats": lambda v: "no restarts" if v < 0.5 else _count(v, "restart", "restarts"),
    "duration": lambda v: f"{_seconds(v)} long",
    "star_score": lambda v: (
        "all four parts of the STAR story, with a number in the result"
        if v >= 5
        else f"{min(round(v), 4)} of the 4 STAR parts"
    ),
    "key_point_coverage": lambda v: f"{v:.0%} of the key points",
    "job_coverage": lambda v: f"{v:.0%} of the job description's terms",
    "on_topic": lambda v: (
        "almost none of what you said was about the question"
        if v < 0.05
        else "nearly all of what you said was about the question"
        if v >= 0.95
        else f"about {v:.0%} of what you said was about the question"
    ),
    "pitch_variation": lambda v: (
        f"your pitch stayed quite level (it moved about {v:.1f} semitones)"
        if v < MONOTONE_ST
        else f"your pitch rose and fell by about {v:.1f} semitones"
    ),
    "loudness_variation": lambda v: (
        f"your loudness stayed even (it moved about {v:.0f} dB)"
        if v < 3
        else f"your loudness rose and fell by about {v:.0f} dB"
    ),
    "trailing_off": lambda v: (
        "your voice held up to the last word of every sentence"
        if v < 0.005
        else f"about {v:.0%} of your sentences faded on their last word"
    ),
}


def on_topic_sentence(relevance: Relevance | None) -> str:
    """Whether the answer stayed on the question, in one sentence; why not judged, if not."""
    if relevance is None:
        return ""
    judged = relevance.on_topic
    if judged is None:
        return relevance.note
    about = _and(judged.drift) if judged.drift else "something other than the question"
    if judged.verdict == "on topic":
        return "Your answer stayed on the question."
    if judged.verdict == "off topic":
        return (
            f"Most of this answer was about {about}; the question asks: "
            f"\u201c{relevance.question}\u201d"
        )
    return (
        f"Part of this answer was about the question and part about {about}; try keeping "
        "every sentence on what was asked."
    )


def voice_sentence(voice: VoiceStats | None) -> str:
    """How the voice was heard, or what kept it from being measured, in plain words."""
    if voice is None:
        return "There is no recording of this answer, so the voice was not measured."
    if voice.notes:
        return " ".join(voice.notes)
    if voice.monotone:
        return "Your voice stayed close to one pitch; rising and falling helps a listener follow."
    return ""


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# How a figure reads in a sentence about change ("fewer fillers", "a steadier pace").
_CHANGE = {
    "fillers_per_minute": ("fewer fillers than usual", "more fillers than usual"),
    "fillers_per_100_words": ("fewer fillers than usual", "more fillers than usual"),
    "very_long_pauses": ("fewer long pauses than usual", "more long pauses than usual"),
    "hedges": ("fewer hedges than usual", "more hedges than usual"),
    "first_word_latency": ("a quicker start than usual", "a slower start than usual"),
    "speaking_rate": ("a pace closer to comfortable than usual", "a pace further from comfortable"),
    "star_score": ("more complete STAR stories than usual", "less complete STAR stories"),
    "key_point_coverage": ("more of the key points than usual", "fewer of the key points"),
    "on_topic": ("more of the answer on the question than usual", "more drifting than usual"),
    "pitch_variation": ("a livelier voice than usual", "a flatter voice than usual"),
    "trailing_off": ("fewer sentences fading out than usual", "more sentences fading out"),
    "delivery_index": ("a higher delivery index than usual", "a lower delivery index than usual"),
    "nerves_before": ("calmer than usual before the run", "more nervous than usual before"),
    "nerves_after": ("calmer than usual after the run", "more nervous than usual after"),
    "confidence": ("more confident than usual", "less confident than usual"),
}


_UNITS = {"fillers_per_minute": " a minute", "fillers_per_100_words": " in 100 words"}


def _figure(key: str, value: float) -> str:
    if key in ("nerves_before", "nerves_after", "confidence", "delivery_index"):
        return f"{value:.0f}"
    if key in ("key_point_coverage", "job_coverage", "on_topic", "trailing_off"):
        return f"{value:.0%}"
    if key == "speaking_rate":
        return f"{value:.0f} words a minute"
    if key == "first_word_latency":
        return f"{value:.1f} s"
    if key == "pitch_variation":
        return f"{value:.1f} semitones"
    number = f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return number + _UNITS.get(key, "")


def change_sentence(
    key: str, current: float, baseline: float, direction: str, *, runs: int = 2
) -> str | None:
    """A change against the user's recent ``runs``, in words; None for "the same" or unknown.

    Against a single earlier run there is no "usual": it says "than last time" and gives that
    run's figure as it was, not "about" it."""
    phrases = _CHANGE.get(key)
    if phrases is None or direction not in ("better", "worse"):
        return None
    phrase = phrases[0] if direction == "better" else phrases[1]
    about = "about "
    if runs == 1:
        phrase, about = phrase.replace("than usual", "than last time"), ""
    figures = f"{_figure(key, current)} against {about}{_figure(key, baseline)}"
    sentence = f"{phrase[0].upper()}{phrase[1:]} ({figures})."
    if key == "nerves_before" and direction == "worse":
        sentence += " That happens, often on a second run; it is part of the climb."
    return sentence
