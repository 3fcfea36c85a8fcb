"""The words of feedback: every sentence a user can see, and the observation types.

Observations describe behaviour ("2 pauses over 2.5 s; the longest was 3.4 s at 0:42, before
'the result'"), never character. Keeping every template here lets a test scan them all for
words that judge the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from greenroom.analysis import bands
from greenroom.analysis.tokens import Span


@dataclass(frozen=True, slots=True)
class Template:
    """The words of one observation; fields in braces are filled from the metrics."""

    message: str
    try_next: str


TEMPLATES: dict[str, Template] = {
    "very_long_pauses": Template(
        '{count} pause{s} over 2.5 s; the longest was {longest:.1f} s at {time}, before "{after}".',
        'When you need time to think, say so in a few words ("Let me pick the best '
        'example") and then carry on.',
    ),
    "fillers": Template(
        '{count} fillers ({rate}), most often "{top}"; the first was "{first}"{at}.',
        'Where you would say "{top}", close your mouth for a beat instead; a short silence '
        "sounds more deliberate than it feels.",
    ),
    "latency": Template(
        "{latency:.1f} s passed before your first word.",
        'Open with a one-line headline ("The best example is when I ...") while you gather '
        "the details.",
    ),
    "fast": Template(
        "You spoke at {rate:.0f} words a minute, above the 120-160 range{stretch}.",
        "Take a full breath at the end of each sentence.",
    ),
    "slow": Template(
        "You spoke at {rate:.0f} words a minute, below the 120-160 range.",
        "Say your first sentence aloud a few times before the next run, so it comes out in one go.",
    ),
    "hedges": Template(
        '{count} hedges, such as "{first}"{at}.',
        'Describe what you did in plain past tense: "I set up the checklist" rather than "I '
        'kind of tried to set up a checklist".',
    ),
    "no_result": Template(
        "The answer had no result cue: it did not say how things turned out{after}.",
        'Finish with the outcome and a number: "As a result, release time fell from two days '
        'to three hours."',
    ),
    "no_action": Template(
        'The answer had no action cue ("I decided", "I set up"): it did not say what you did.',
        'Name two things you did yourself, each in a sentence that starts with "I".',
    ),
    "star_gaps": Template(
        "The answer had no cue for the {missing}.",
        "Use the STAR order as a checklist: where and when, what was needed, what you did, "
        "how it ended.",
    ),
    "unquantified": Template(
        'The result{at} ("{cue}") had no number.',
        "Put a figure on the result: time saved, a percentage, people helped, money.",
    ),
    "cut_off": Template(
        "The answer reached the {limit} limit while you were still speaking{where}.",
        "Aim to reach the result by {target}; keep the situation to two sentences.",
    ),
    "early": Template(
        "The answer ended at {duration} of the {limit} available.",
        "Add one concrete detail of what you did and what came of it.",
    ),
    # The same two for a question that is not a STAR story (an opener, "Why this role?").
    "cut_off_point": Template(
        "The answer reached the {limit} limit while you were still speaking.",
        "Aim to finish by {target}: give your main point first, then one detail that backs it.",
    ),
    "early_point": Template(
        "The answer ended at {duration} of the {limit} available.",
        "Add one concrete example or reason that backs your main point.",
    ),
    "key_points": Template(
        "The answer did not mention {missing}.",
        "Before answering, pick the two points the question is after and give each a sentence.",
    ),
    "repeats": Template(
        '{count} restarts, such as "{first}"{at}.',
        "Slow the first words of each sentence down; restarts gather where a sentence starts "
        "too fast.",
    ),
    "off_topic": Template(
        'Most of this answer was about {drift}; the question asks "{question}" (about '
        "{share:.0%} of the answer was on it).",
        "Open with a sentence that answers the question itself, then give one example that "
        "serves that answer.",
    ),
    "monotone": Template(
        "Your pitch stayed in a narrow band: it varied by {variation:.1f} semitones "
        "(under 1.5 sounds monotone; 2 or more sounds varied).",
        "Pick the word that carries each sentence (the number, the result) and lift your voice "
        "on it.",
    ),
    "trailing_off": Template(
        "{count} of {total} sentences ended {drop:.0f} dB or more quieter than they began, "
        'such as "{example}"{at}.',
        "Keep some breath for the last words of each sentence; they often carry the result.",
    ),
    "praise_voice": Template(
        "Your pitch moved over {range:.0f} semitones as you spoke (variation {variation:.1f}).",
        "Keep lifting your voice on the words that matter.",
    ),
    "praise_fillers": Template(
        "{count} filler{s} in the whole answer.",
        "Keep the same rhythm in the next answer.",
    ),
    "praise_pace": Template(
        "Your pace of {rate:.0f} words a minute sat inside the 120-160 range.",
        "Keep that pace when the question is harder.",
    ),
    "praise_star": Template(
        "You gave the situation, task, action and result{number}.",
        "Use the same shape for the next question.",
    ),
    "praise_flow": Template(
        "You started speaking {latency:.1f} s in and had no pause over 2.5 s.",
        "Keep starting with a headline sentence.",
    ),
    "praise_key_points": Template(
        "You mentioned {covered} of the {total} key points.",
        "Keep checking the question for what it is after.",
    ),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where to look: a time in the answer (None if untimed) and the words said there."""

    time: float | None
    words: str

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "words": self.words}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        t = data.get("time")
        return cls(None if t is None else float(t), str(data.get("words", "")))


@dataclass(frozen=True, slots=True)
class Observation:
    """One thing to tell the user: what happened, the evidence, and what to try next."""

    kind: str  # "improve" or "praise"
    topic: str
    message: str
    try_next: str
    evidence: tuple[Evidence, ...] = ()
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "topic": self.topic,
            "message": self.message,
            "try_next": self.try_next,
            "evidence": [e.to_dict() for e in self.evidence],
            "weight": self.weight,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Observation:
        return cls(
            kind=str(data["kind"]),
            topic=str(data["topic"]),
            message=str(data["message"]),
            try_next=str(data["try_next"]),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence", [])),
            weight=float(data.get("weight", 0.0)),
        )


def clock(seconds: float | None) -> str:
    """Format answer time as "0:42" ("-" when unknown)."""
    if seconds is None:
        return "-"
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def at(seconds: float | None) -> str:
    """ " at 0:42", or "" for an untimed answer."""
    return "" if seconds is None else f" at {clock(seconds)}"


FASTEST_STRETCH = "; the fastest stretch was {peak:.0f} a minute at {time}"


def make(topic: str, *, kind: str = "improve", weight: float = 0.0,
         evidence: tuple[Evidence, ...] = (), **fields: Any) -> Observation:  # fmt: skip
    """Fill the topic's template."""
    template = TEMPLATES[topic]
    return Observation(
        kind=kind,
        topic=topic,
        message=template.message.format(**fields),
        try_next=template.try_next.format(**fields),
        evidence=evidence,
        weight=weight,
    )


def severity(key: str, value: float | None, *, band: bands.Band | None = None) -> float:
    """How much a figure matters: its index weight times its distance from green (0-1)."""
    score = bands.band_score(key, value, band=band)
    if score is None:
        return 0.0
    return bands.INDEX_WEIGHTS.get(key, 5.0) * (100.0 - score) / 100.0


def spot(span: Span) -> Evidence:
    """Evidence for a span of words."""
    return Evidence(span.start, span.text)
