"""Hedges: phrases that soften a claim ("I think", "kind of", "just").

The list is METRICS.md's. Each phrase is matched on whole normalised words, so "I'm not sure"
matches "I'm not sure," and "I am not sure", and "maybe" never matches inside another word.
Rules that keep meaning out of the count:

- "kind of" / "sort of" are hedges only as adverbs ("it kind of worked"), not as nouns after a
  determiner ("what kind of tool", "a sort of dashboard", "that kind of problem").
- "just" counts everywhere except the set phrase "just in time".
- "try to" is the literal phrase (also "I'll try to"); narrative "tried to" is not a hedge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.tokens import Span, Token, span_of, wordlist

# Phrase (as words) -> the name shown to the user.
HEDGE_PHRASES: dict[tuple[str, ...], str] = {
    ("i", "think"): "I think",
    ("i", "guess"): "I guess",
    ("maybe",): "maybe",
    ("probably",): "probably",
    ("sort", "of"): "sort of",
    ("kind", "of"): "kind of",
    ("just",): "just",
    ("i", "feel", "like"): "I feel like",
    ("hopefully",): "hopefully",
    ("i'm", "not", "sure"): "I'm not sure",
    ("i", "am", "not", "sure"): "I'm not sure",
    ("try", "to"): "try to",
}
_LONGEST = max(len(p) for p in HEDGE_PHRASES)
_NOUN_BEFORE_KIND = frozenset(
    wordlist(
        "a an the this that these those what which any some every each one no same different my "
        "our your his her their its all"
    )
)


@dataclass(frozen=True, slots=True)
class HedgeStats:
    """Hedges in one answer: how many, which, and where."""

    count: int
    by_phrase: dict[str, int]
    occurrences: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "by_phrase": dict(self.by_phrase),
            "occurrences": [s.to_dict() for s in self.occurrences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HedgeStats:
        return cls(
            count=int(data["count"]),
            by_phrase={str(k): int(v) for k, v in data.get("by_phrase", {}).items()},
            occurrences=tuple(Span.from_dict(s) for s in data.get("occurrences", [])),
        )


def _scan(tokens: Sequence[Token]) -> Iterator[tuple[int, int, str]]:
    """(first token, length, phrase name) for each hedge; the longest phrase wins."""
    i = 0
    while i < len(tokens):
        length, name = _hedge_at(tokens, i)
        if name:
            yield i, length, name
            i += length
        else:
            i += 1


def find_hedges(tokens: Sequence[Token], *, timed: bool) -> list[Span]:
    """Every hedge in order, as spans whose text is the phrase's name."""
    found: list[Span] = []
    for first, length, name in _scan(tokens):
        span = span_of(tokens, first, length, timed=timed)
        found.append(Span(name, span.index, span.start, span.end))
    return found


def hedge_indices(tokens: Sequence[Token]) -> frozenset[int]:
    """Indices of every token inside a hedge ("I am not sure" covers four)."""
    return frozenset(
        tokens[k].index for first, length, _ in _scan(tokens) for k in range(first, first + length)
    )


def _hedge_at(tokens: Sequence[Token], i: int) -> tuple[int, str | None]:
    for length in range(min(_LONGEST, len(tokens) - i), 0, -1):
        words = tuple(t.text for t in tokens[i : i + length])
        name = HEDGE_PHRASES.get(words)
        if name and _counts(tokens, i, words):
            return length, name
    return 1, None


def _counts(tokens: Sequence[Token], i: int, words: tuple[str, ...]) -> bool:
    if words in (("kind", "of"), ("sort", "of")):
        prev = tokens[i - 1].text if i > 0 and not tokens[i].sentence_start else ""
        return prev not in _NOUN_BEFORE_KIND
    if words == ("just",):
        nxt = tuple(t.text for t in tokens[i + 1 : i + 3])
        return nxt != ("in", "time")
    return True


def hedge_stats(found: Sequence[Span]) -> HedgeStats:
    """Summarise hedges found by :func:`find_hedges`."""
    return HedgeStats(
        count=len(found),
        by_phrase=dict(Counter(s.text for s in found).most_common()),
        occurrences=tuple(found),
    )
