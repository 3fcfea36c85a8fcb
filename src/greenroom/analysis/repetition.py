"""Repetition: immediate repeats ("I I", "in the in the") and the most repeated words.

An immediate repeat is a word, or a run of two or three words, said again straight away:
"I I I" is two repeats and "the weekly call the weekly call" is one. Left out: pure fillers
("um um" is already two fillers), doubles that are grammar ("had had", "that that"), runs with
punctuation inside a copy ("went well, as well as") and "going and going". Most-repeated
content words are grouped by stem and need three uses; phrases are two or three words with
at least one content word, used at least twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.fillers import pure_filler
from greenroom.analysis.lexicon import is_content_word, stem
from greenroom.analysis.tokens import Span, Token, is_number, span_of

_GRAMMATICAL_DOUBLES = frozenset({"had", "that", "ha", "haha", "very", "bye", "no"})
TOP = 5
MAX_RUN = 3  # longest run of words checked for an immediate repeat
MIN_WORD_USES = 3
MIN_PHRASE_USES = 2


@dataclass(frozen=True, slots=True)
class RepetitionStats:
    """Immediate repeats, and the content words and phrases used most often."""

    immediate_count: int
    immediate: tuple[Span, ...]
    top_words: tuple[tuple[str, int], ...]
    top_phrases: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "immediate_count": self.immediate_count,
            "immediate": [s.to_dict() for s in self.immediate],
            "top_words": [[w, n] for w, n in self.top_words],
            "top_phrases": [[p, n] for p, n in self.top_phrases],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RepetitionStats:
        return cls(
            immediate_count=int(data["immediate_count"]),
            immediate=tuple(Span.from_dict(s) for s in data.get("immediate", [])),
            top_words=tuple((str(w), int(n)) for w, n in data.get("top_words", [])),
            top_phrases=tuple((str(p), int(n)) for p, n in data.get("top_phrases", [])),
        )


def _repeatable(text: str) -> bool:
    return not pure_filler(text) and text not in _GRAMMATICAL_DOUBLES and not is_number(text)


def immediate_repeats(tokens: Sequence[Token], *, timed: bool) -> list[Span]:
    """Runs of one to three words said twice in a row; each span covers the repeated copy."""
    words = [t.text for t in tokens]
    found: list[Span] = []
    blocked = 0  # "a b a b a b" is two repeats, not one per shifted pair
    for i in range(1, len(words)):
        for n in range(1, MAX_RUN + 1):
            first = i - n + 1
            if n > 1 and i <= blocked:
                break
            if first - n < 0 or words[first : i + 1] != words[first - n : first]:
                continue
            if _is_restart(tokens, words, first, n):
                found.append(span_of(tokens, first, n, timed=timed))
                blocked = i + n - 1
                break
    return found


def _is_restart(tokens: Sequence[Token], words: Sequence[str], first: int, n: int) -> bool:
    """Whether the run at ``first`` (length n), equal to the n words before it, is a restart.

    Not a restart: fillers, grammatical doubles, numbers; a run with punctuation inside
    either copy ("it went well, as well as"), and "going and going" (emphasis, not a restart).
    """
    run = words[first : first + n]
    if not all(_repeatable(w) for w in run) or len(set(run)) != n:
        return False
    if n > 1 and any(t.comma_after or t.sentence_end for t in _insides(tokens, first, n)):
        return False
    return not (n == 2 and run[1] in ("and", "or"))


def _insides(tokens: Sequence[Token], first: int, n: int) -> list[Token]:
    """Tokens of both copies except each copy's last word (punctuation there is a restart)."""
    return [*tokens[first - n : first - 1], *tokens[first : first + n - 1]]


def top_words(tokens: Sequence[Token]) -> tuple[tuple[str, int], ...]:
    """Content words used at least three times, by stem, shown in their commonest spelling."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for tok in tokens:
        if is_content_word(tok.text) and not pure_filler(tok.text):
            key = stem(tok.text)
            counts[key] += 1
            spelling.setdefault(key, Counter())[tok.text] += 1
    ranked = [(spelling[k].most_common(1)[0][0], n) for k, n in counts.most_common()]
    return tuple((w, n) for w, n in ranked if n >= MIN_WORD_USES)[:TOP]


def top_phrases(tokens: Sequence[Token]) -> tuple[tuple[str, int], ...]:
    """Two- and three-word phrases with a content word, used at least twice.

    A two-word phrase that only occurs inside a listed three-word phrase is dropped, so
    "the release process" is not also listed as "release process".
    """
    words = [t.text for t in tokens]
    counts: Counter[tuple[str, ...]] = Counter()
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            if any(is_content_word(w) for w in gram) and not any(pure_filler(w) for w in gram):
                counts[gram] += 1
    repeated = {g: c for g, c in counts.items() if c >= MIN_PHRASE_USES}
    triples = [g for g in repeated if len(g) == 3]
    kept = {
        g: c
        for g, c in repeated.items()
        if len(g) == 3 or not any(_inside(g, t) and repeated[t] == c for t in triples)
    }
    ranked = sorted(kept.items(), key=lambda gc: (-gc[1], -len(gc[0]), gc[0]))
    return tuple((" ".join(g), c) for g, c in ranked[:TOP])


def _inside(pair: tuple[str, ...], triple: tuple[str, ...]) -> bool:
    return pair in (triple[:2], triple[1:])


def repetition_stats(tokens: Sequence[Token], *, timed: bool) -> RepetitionStats:
    """All repetition figures for one answer."""
    repeats = immediate_repeats(tokens, timed=timed)
    return RepetitionStats(
        immediate_count=len(repeats),
        immediate=tuple(repeats),
        top_words=top_words(tokens),
        top_phrases=top_phrases(tokens),
    )
