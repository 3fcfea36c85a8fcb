"""STAR structure cues: Situation, Task, Action, Result.

A component is present when the answer uses one of its cue phrases (listed below and in
docs/metrics.md). The score counts the components present, and a result that carries a number
in the same sentence ("we cut it from 2 days to 4 hours") counts double, so the score runs
0-5 and a quantified result with any two other parts reaches the green band of 4.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from greenroom.analysis.tokens import Span, Token, is_number, span_of

COMPONENTS = ("situation", "task", "action", "result")
# STAR is how to tell something you did: interviewers listen for it in behavioural answers
# ("Tell me about a time..."). Small talk, "Why this role?", a SQL question or "What questions
# do you have for us?" have no situation or result to give, so they are not judged on it.
STAR_CATEGORIES = frozenset({"behavioral"})
NUMBER_REACH = 20  # words either side of a result cue, within its sentence, searched for a number
_YEAR = re.compile(r"(19|20)\d\d")

_SITUATION = """
at my last job|at my previous job|at my last company|at my previous company|in my last role|
in my previous role|in my last job|in my previous job|in my current role|at my current job|
when i was working|when i worked|i was working|i worked as|when i was|i was a|i was the|
when i joined|the situation|the context|at the time|back when|a few years ago|last year|
our team was|there was a
"""
_TASK = """
my task|the task|my job was|it was my job|my role was|my responsibility|i was responsible|
i was asked to|i was tasked|i was in charge|i needed to|i had to|we needed to|we had to|
the goal was|our goal|my goal|the aim was|the challenge was|the problem was
"""
_ACTION_VERBS = """
decided started set built created organised organized wrote implemented designed introduced
proposed scheduled asked led changed fixed rewrote automated migrated analysed analyzed ran
negotiated coordinated trained mentored split moved added called escalated documented
prioritised prioritized brought took met talked spoke worked reached put sat made managed
handled
"""
_ACTION_EXTRA = "first i|then i|so i|next i"
_RESULT_VERBS = """
reduced increased improved saved delivered shipped launched finished completed grew doubled
halved won achieved raised lowered dropped
"""
_RESULT = """
as a result|in the end|the result|the outcome|ended up|which meant|that meant|this meant|
on time|the feedback was|i learned|i learnt|we learned|what i learned|the impact|
by the end|went from|dropped from|dropped to|dropped by|fell by|fell to|rose to|rose by|
up from|down from
"""


# An imported question without a category is read by its wording.
_ASKS_FOR_A_STORY = re.compile(
    r"\b(a time (when|that|you|where)|an? (example|occasion|situation) (of|when|where|in which)"
    r"|(give|share|tell) ((me|us) )?(an?|one|another) (\w+ )?(example|instance|story)"
    r"|walk (me|us) through a time|tell (me|us) about a project)\b",
    re.IGNORECASE,
)


def expects_star(category: str | None, text: str = "") -> bool:
    """Whether answers to a question are judged on STAR structure: by its bank category, or
    for a question without one, by whether it asks for a story ("Tell me about a time...")."""
    if category is None:
        return bool(_ASKS_FOR_A_STORY.search(text))
    return category in STAR_CATEGORIES


def _phrases(block: str) -> list[tuple[str, ...]]:
    return [tuple(p.split()) for p in block.replace("\n", "").split("|") if p.strip()]


def _subject_verbs(verbs: str, subjects: Sequence[str]) -> list[tuple[str, ...]]:
    return [(s, v) for s in subjects for v in verbs.split()]


CUES: dict[str, list[tuple[str, ...]]] = {
    "situation": _phrases(_SITUATION),
    "task": _phrases(_TASK),
    "action": _subject_verbs(_ACTION_VERBS, ("i", "we")) + _phrases(_ACTION_EXTRA),
    "result": _subject_verbs(_RESULT_VERBS, ("i", "we", "it", "this", "that", "which"))
    + _phrases(_RESULT),
}
_BY_FIRST_WORD: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _component, _cues in CUES.items():
    for _cue in _cues:
        _BY_FIRST_WORD.setdefault(_cue[0], []).append((_component, _cue))
for _options in _BY_FIRST_WORD.values():
    _options.sort(key=lambda option: -len(option[1]))


@dataclass(frozen=True, slots=True)
class StarStats:
    """Which STAR components the answer signalled, and where.

    Attributes:
        cues: Component name -> the cue phrases found for it, in order.
        result_quantified: A result cue had a number later in its sentence.
    """

    cues: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    result_quantified: bool = False

    def has(self, component: str) -> bool:
        return bool(self.cues.get(component))

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(c for c in COMPONENTS if self.has(c))

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c for c in COMPONENTS if not self.has(c))

    @property
    def score(self) -> int:
        """Components present (0-4), plus one when the result has a number."""
        return len(self.present) + (1 if self.has("result") and self.result_quantified else 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": list(self.present),
            "score": self.score,
            "result_quantified": self.result_quantified,
            "cues": {c: [s.to_dict() for s in spans] for c, spans in self.cues.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StarStats:
        cues = {
            str(c): tuple(Span.from_dict(s) for s in spans)
            for c, spans in data.get("cues", {}).items()
        }
        return cls(cues=cues, result_quantified=bool(data.get("result_quantified", False)))


def find_star(
    tokens: Sequence[Token], *, timed: bool, skip: frozenset[int] = frozenset()
) -> StarStats:
    """Scan the answer once for STAR cue phrases (longest match first at each word).

    Args:
        tokens: The answer's tokens.
        timed: Whether tokens carry real times.
        skip: Token indices to ignore (the fillers), so "I, um, set up" still reads "I set up".
    """
    tokens = [t for t in tokens if t.index not in skip]
    words = [t.text for t in tokens]
    found: dict[str, list[Span]] = {}
    quantified = False
    i = 0
    while i < len(words):
        match = _match(words, i)
        if match is None:
            i += 1
            continue
        component, length = match
        found.setdefault(component, []).append(span_of(tokens, i, length, timed=timed))
        if component == "result" and not quantified:
            quantified = _sentence_has_number(tokens, i, i + length)
        i += length
    return StarStats({c: tuple(found[c]) for c in COMPONENTS if c in found}, quantified)


def _match(words: Sequence[str], i: int) -> tuple[str, int] | None:
    for component, cue in _BY_FIRST_WORD.get(words[i], ()):
        if tuple(words[i : i + len(cue)]) == cue:
            return component, len(cue)
    return None


def _is_quantity(text: str) -> bool:
    """A number that measures something; a year ("2019") sets a scene instead."""
    return is_number(text) and not _YEAR.fullmatch(text)


def _sentence_has_number(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A quantity in the result cue's sentence, within NUMBER_REACH words either side."""
    ends_sentence = end > 0 and tokens[end - 1].sentence_end
    for k in range(end, min(len(tokens), end + NUMBER_REACH) if not ends_sentence else end):
        if _is_quantity(tokens[k].text):
            return True
        if tokens[k].sentence_end:
            break
    for k in range(start - 1, max(-1, start - 1 - NUMBER_REACH), -1):
        if tokens[k].sentence_end:
            break
        if _is_quantity(tokens[k].text):
            return True
    return any(_is_quantity(t.text) for t in tokens[start:end])
