"""Filler words: pure fillers always, discourse words only where they fill.

Pure fillers (um, uh, er, erm, ah, hmm, mm) carry no meaning anywhere. Discourse words carry
meaning in some places and fill in others, so each has a rule (docs/metrics.md has examples):

- "like": a filler when set off by commas ("I, like, managed"), opening a clause, after "and /
  but / because", after "was / is / it's" unless a comparison follows ("it was like a maze"),
  or between a subject and a verb ("we like had to"). Not a filler as a verb ("I'd like to",
  "I like Python", "I feel like"), in comparisons or examples ("looks like", "tools like Jira"),
  or as "about" before a number ("like 20 people").
- "so" / "well": only at the start of a clause (a sentence start, or after nothing but fillers
  and "okay / yeah"), or set off by commas on both sides; never "so that", "so far", "so much".
- "you know": unless it introduces a clause or object ("you know that...", "you know how") or
  is the verb ("do you know", "as you know").
- "I mean": at a clause start or before a comma, unless "I mean it / that / to".
- "actually": at a clause start or beside a comma. "basically", "literally": always.
- "right?": the tag question.
- "ah": a filler, except in laughter ("ha ha", "ah ha") and when it stands alone with a second
  or more of silence on both sides, which is how a transcribed breath looks (SPEECH.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.tokens import Span, Token, is_number, span_of, wordlist

_PURE = (
    (re.compile(r"u+m+"), "um"),
    (re.compile(r"u+h+m+"), "um"),
    (re.compile(r"u+h+"), "uh"),
    (re.compile(r"e+r+m+"), "erm"),
    (re.compile(r"e+r+"), "er"),
    (re.compile(r"a+h+"), "ah"),
    (re.compile(r"h+m+"), "hmm"),
    (re.compile(r"m{2,}"), "mm"),
)
_LAUGH = re.compile(r"(ha)+h?|(he)+h?|a+h+a+(ha)*|ah+ha")
BREATH_SILENCE = 1.0  # seconds of silence on both sides that make an "ah" a breath
_INTERJECTIONS = frozenset(["okay", "ok", "yeah", "yes", "right", "alright", "sure", "oh", "no"])
DETERMINERS = frozenset(
    wordlist("a an the this that these those my our your his her their its some any every each")
)
_LIKE_VERB_CONTEXT = frozenset(
    wordlist(
        "would to do does did don't didn't doesn't not really also always never might will "
        "should could feel feels felt feeling look looks looked looking seem seems seemed sound "
        "sounds sounded something anything nothing everything things stuff more less much just "
        "exactly kind sort a the most would've"
    )
)
_SUBJECTS = frozenset(["i", "we", "they", "you", "people"])
_BE_FORMS = frozenset(
    wordlist(
        "is was were are am be been being it's that's he's she's there's i'm you're we're "
        "they're what's"
    )
)
_CONJUNCTIONS = frozenset(["and", "but", "or", "because", "cause", "'cause", "then", "so"])
_SUBJECT_FILLER_NEXT = frozenset(
    wordlist(
        "had was were went did got said made spent built took just totally literally basically "
        "really"
    )
)
_YOU_KNOW_VERB_BEFORE = frozenset(
    wordlist(
        "do did does don't didn't if as would what will might may could should whether let you'd"
    )
)
_CLAUSE_OPENERS = frozenset(
    wordlist(
        "that what how why when where who whom whose which whether if the a an this these those "
        "about it him her them me us my your his their our someone somebody something anyone "
        "anything everyone everything exactly"
    )
)
_I_MEAN_OBJECTS = frozenset(["it", "that", "this", "to", "by", "what", "exactly", "is"])
_SO_NOT_FILLER_NEXT = frozenset(["that", "far", "much", "many", "long", "few"])


@dataclass(frozen=True, slots=True)
class FillerStats:
    """Fillers in one answer.

    Attributes:
        count: Pure plus discourse fillers.
        pure: How many were pure fillers (um, uh...).
        per_minute: Count per minute of answer, None without timings.
        per_100_words: Count per 100 words, None for an empty answer.
        by_word: Count per filler, e.g. {"um": 3, "like": 2}.
        occurrences: Each filler with its place in the answer.
    """

    count: int
    pure: int
    per_minute: float | None
    per_100_words: float | None
    by_word: dict[str, int]
    occurrences: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "pure": self.pure,
            "per_minute": self.per_minute,
            "per_100_words": self.per_100_words,
            "by_word": dict(self.by_word),
            "occurrences": [s.to_dict() for s in self.occurrences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FillerStats:
        pm, p100 = data.get("per_minute"), data.get("per_100_words")
        return cls(
            count=int(data["count"]),
            pure=int(data.get("pure", 0)),
            per_minute=None if pm is None else float(pm),
            per_100_words=None if p100 is None else float(p100),
            by_word={str(k): int(v) for k, v in data.get("by_word", {}).items()},
            occurrences=tuple(Span.from_dict(s) for s in data.get("occurrences", [])),
        )


def pure_filler(text: str) -> str | None:
    """The canonical pure filler for "ummm", "Uh", "hmm"; None for any other word."""
    for pattern, name in _PURE:
        if pattern.fullmatch(text):
            return name
    return None


def find_fillers(tokens: Sequence[Token], *, timed: bool, duration: float) -> list[Span]:
    """Every filler in the answer, in order, as spans whose text is the canonical filler."""
    found: list[Span] = []
    clause_open = True  # nothing but fillers or "okay" since the last sentence start
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.sentence_start:
            clause_open = True
        name, length = _filler_at(tokens, i, clause_open=clause_open, timed=timed, end=duration)
        if name:
            span = span_of(tokens, i, length, timed=timed)
            found.append(Span(name, span.index, span.start, span.end))
        elif tok.text not in _INTERJECTIONS:
            clause_open = False
        i += max(length, 1)
    return found


def _filler_at(
    tokens: Sequence[Token], i: int, *, clause_open: bool, timed: bool, end: float
) -> tuple[str | None, int]:
    """(filler name, tokens it spans) at position i, or (None, 1)."""
    text = tokens[i].text
    pure = pure_filler(text)
    if pure == "ah":
        return ("ah", 1) if not _is_breath_or_laugh(tokens, i, timed=timed, end=end) else (None, 1)
    if pure:
        return pure, 1
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if text == "you" and nxt == "know":
        return ("you know", 2) if _you_know_fills(tokens, i) else (None, 2)
    if text == "i" and nxt == "mean":
        return ("I mean", 2) if _i_mean_fills(tokens, i, clause_open) else (None, 2)
    rule = _SINGLE_RULES.get(text)
    if rule and rule(tokens, i, clause_open):
        return text, 1
    return None, 1


def _is_breath_or_laugh(tokens: Sequence[Token], i: int, *, timed: bool, end: float) -> bool:
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    for other in (prev, nxt):
        if other and (_LAUGH.fullmatch(other.text) or pure_filler(other.text) == "ah"):
            return True
    if not timed:
        return False
    before = tokens[i].start - (prev.end if prev else 0.0)
    after = (nxt.start if nxt else max(end, tokens[i].end)) - tokens[i].end
    return before >= BREATH_SILENCE and after >= BREATH_SILENCE


def _attached_prev(tokens: Sequence[Token], i: int) -> str:
    """The previous word when no comma separates it from token i, else ""."""
    if i == 0 or tokens[i].comma_before or tokens[i].sentence_start:
        return ""
    return tokens[i - 1].text


def _next(tokens: Sequence[Token], i: int, ahead: int = 1) -> Token | None:
    return tokens[i + ahead] if i + ahead < len(tokens) else None


def _like_fills(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    tok, prev, nxt = tokens[i], _attached_prev(tokens, i), _next(tokens, i)
    if prev in _LIKE_VERB_CONTEXT or prev.endswith(("'d", "'ll")):
        return False
    if nxt and is_number(nxt.text) and not tok.comma_after:
        return False  # "like 20 people" means "about 20"
    if tok.comma_after:
        return True
    nxt2 = _next(tokens, i, 2)
    if nxt and nxt2 and nxt.text == "i" and nxt2.text in ("said", "mentioned"):
        return False
    if clause_open:
        return True
    example = nxt is not None and (nxt.text in DETERMINERS or nxt.capitalised)
    if tok.comma_before:
        return not example
    if prev in _SUBJECTS:
        return nxt is not None and _subject_filler_next(nxt.text)
    if prev in _BE_FORMS:
        return not example
    return prev in _CONJUNCTIONS


def _subject_filler_next(text: str) -> bool:
    return text in _SUBJECT_FILLER_NEXT or (len(text) > 4 and text.endswith("ed"))


def _so_well_fills(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    tok, nxt = tokens[i], _next(tokens, i)
    if nxt and not tok.comma_after and nxt.text in _SO_NOT_FILLER_NEXT | {"done"}:
        return False
    return clause_open or (tok.comma_before and tok.comma_after)


def _actually_fills(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    tok = tokens[i]
    return clause_open or tok.comma_before or tok.comma_after


def _always(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    return True


def _right_fills(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    return tokens[i].question and _attached_prev(tokens, i) not in ("is", "that", "that's", "the")


def _you_know_fills(tokens: Sequence[Token], i: int) -> bool:
    if _attached_prev(tokens, i) in _YOU_KNOW_VERB_BEFORE:
        return False
    know, nxt = tokens[i + 1], _next(tokens, i, 2)
    if know.comma_after or know.sentence_end or nxt is None:
        return True
    return nxt.text not in _CLAUSE_OPENERS


def _i_mean_fills(tokens: Sequence[Token], i: int, clause_open: bool) -> bool:
    if _attached_prev(tokens, i) in ("what", "if", "do", "don't", "did", "didn't"):
        return False
    mean, nxt = tokens[i + 1], _next(tokens, i, 2)
    if mean.comma_after or mean.sentence_end or nxt is None:
        return True
    return clause_open and nxt.text not in _I_MEAN_OBJECTS


_SINGLE_RULES = {
    "like": _like_fills,
    "so": _so_well_fills,
    "well": _so_well_fills,
    "actually": _actually_fills,
    "basically": _always,
    "literally": _always,
    "right": _right_fills,
}


def filler_stats(found: Sequence[Span], *, word_count: int, minutes: float | None) -> FillerStats:
    """Summarise fillers; rates are None when there is nothing to divide by."""
    count = len(found)
    pure = sum(1 for s in found if pure_filler(s.text))
    return FillerStats(
        count=count,
        pure=pure,
        per_minute=count / minutes if minutes else None,
        per_100_words=100.0 * count / word_count if word_count else None,
        by_word=dict(Counter(s.text for s in found).most_common()),
        occurrences=tuple(found),
    )


def filler_indices(tokens: Sequence[Token], found: Sequence[Span]) -> frozenset[int]:
    """Indices of every token that is part of a filler ("you know" covers two)."""
    out: set[int] = set()
    for span in found:
        out.update(range(span.index, span.index + len(span.text.split())))
    return frozenset(i for i in out if i < len(tokens))
